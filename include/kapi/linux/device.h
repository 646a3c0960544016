/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/device.h: the little of struct device that drivers of ukmem's devices need -- a
 * name, the bound driver's name, and the DMA masks -- and the dev_* printing helpers,
 * which prefix messages with "<driver> <device>: " as the kernel does. */
#ifndef UKMEM_LINUX_DEVICE_H
#define UKMEM_LINUX_DEVICE_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/printk.h>
#include <linux/bug.h>

struct device_driver {
	const char *name;
};

struct device {
	const char *init_name;		/* dev_name() */
	struct device_driver *driver;	/* dev_driver_string() */
	u64 *dma_mask;			/* streaming mappings; NULL: no DMA */
	u64 coherent_dma_mask;		/* dma_alloc_coherent */
};

static inline const char *dev_name(const struct device *dev)
{
	return dev->init_name ? dev->init_name : "";
}

static inline const char *dev_driver_string(const struct device *dev)
{
	return dev->driver && dev->driver->name ? dev->driver->name : "";
}

#define dev_printk(level, dev, fmt, ...) \
	printk(level "%s %s: " fmt, dev_driver_string(dev), dev_name(dev), ##__VA_ARGS__)
#define dev_emerg(dev, fmt, ...)	dev_printk(KERN_EMERG, dev, fmt, ##__VA_ARGS__)
#define dev_alert(dev, fmt, ...)	dev_printk(KERN_ALERT, dev, fmt, ##__VA_ARGS__)
#define dev_crit(dev, fmt, ...)		dev_printk(KERN_CRIT, dev, fmt, ##__VA_ARGS__)
#define dev_err(dev, fmt, ...)		dev_printk(KERN_ERR, dev, fmt, ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...)		dev_printk(KERN_WARNING, dev, fmt, ##__VA_ARGS__)
#define dev_notice(dev, fmt, ...)	dev_printk(KERN_NOTICE, dev, fmt, ##__VA_ARGS__)
#define dev_info(dev, fmt, ...)		dev_printk(KERN_INFO, dev, fmt, ##__VA_ARGS__)
#define dev_dbg(dev, fmt, ...)		dev_printk(KERN_DEBUG, dev, fmt, ##__VA_ARGS__)
#define dev_WARN(dev, fmt, ...) \
	WARN(1, "%s %s: " fmt, dev_driver_string(dev), dev_name(dev), ##__VA_ARGS__)
#define dev_WARN_ONCE(dev, cond, fmt, ...) \
	WARN_ONCE(cond, "%s %s: " fmt, dev_driver_string(dev), dev_name(dev), ##__VA_ARGS__)

/* Unbinds the driver: reports DMA mappings and coherent buffers it leaves behind (the
 * kernel's dma-debug check at driver release), then clears dev->driver. */
void device_release_driver(struct device *dev);

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/device.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/completion.h>
#include <linux/gfp.h>
#include <linux/hrtimer.h>
#include <linux/idr.h>
#include <linux/ioport.h>
#include <linux/irqnr.h>
#include <linux/kernfs.h>
#include <linux/kref.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/overflow.h>
#include <linux/page-flags.h>
#include <linux/percpu.h>
#include <linux/prandom.h>
#include <linux/ratelimit.h>
#include <linux/rbtree.h>
#include <linux/rculist.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/uidgid.h>
#include <linux/workqueue.h>
#endif
#endif
