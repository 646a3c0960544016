/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/miscdevice.h: small character devices sharing major 10. misc_register gives the
 * device a minor (a dynamic one for MISC_DYNAMIC_MINOR) and its node /dev/<nodename or
 * name>; an open of that node puts the miscdevice in file->private_data and then runs
 * the device's own open. */
#ifndef UKMEM_LINUX_MISCDEVICE_H
#define UKMEM_LINUX_MISCDEVICE_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/list.h>
#include <linux/fs.h>

#define MISC_MAJOR		10
#define MISC_DYNAMIC_MINOR	255

struct device;

struct miscdevice {
	int minor;
	const char *name;
	const struct file_operations *fops;
	struct list_head list;
	struct device *parent;
	struct device *this_device;
	const struct attribute_group **groups;
	const char *nodename;
	umode_t mode;
};

int misc_register(struct miscdevice *misc);
void misc_deregister(struct miscdevice *misc);

#define module_misc_device(__misc_device)					\
	static int __init __misc_device##_init(void)				\
	{ return misc_register(&(__misc_device)); }				\
	module_init(__misc_device##_init);					\
	static void __exit __misc_device##_exit(void)				\
	{ misc_deregister(&(__misc_device)); }					\
	module_exit(__misc_device##_exit)

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/miscdevice.h> brings with it, once this header is complete. */
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/completion.h>
#include <linux/device.h>
#include <linux/gfp.h>
#include <linux/hrtimer.h>
#include <linux/idr.h>
#include <linux/ioport.h>
#include <linux/irqnr.h>
#include <linux/kernfs.h>
#include <linux/kmsan-checks.h>
#include <linux/kref.h>
#include <linux/linkage.h>
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
#include <linux/sched/mm.h>
#include <linux/static_key.h>
#include <linux/sysctl.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#include <linux/workqueue.h>
#endif
#endif
