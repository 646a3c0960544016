/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/cdev.h: a character device -- file operations answering for a range of device
 * numbers. cdev_add makes the range live (an open of a node with one of its numbers
 * reaches ops); cdev_del takes it away again (files already open keep their ops). */
#ifndef UKMEM_LINUX_CDEV_H
#define UKMEM_LINUX_CDEV_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/list.h>
#include <linux/fs.h>
#include <linux/kdev_t.h>
#include <linux/kobject.h>

struct device;

struct cdev {
	struct kobject kobj;		/* as Linux's: counted; not in sysfs */
	struct module *owner;
	const struct file_operations *ops;
	dev_t dev;
	unsigned int count;
	struct list_head list;		/* the live cdevs, while added */
	bool allocated;			/* from cdev_alloc: freed by cdev_del */
	int refs;			/* being live, and each open file */
	bool parent_held;		/* cdev_add took a reference on kobj.parent */
};

void cdev_init(struct cdev *cdev, const struct file_operations *fops);
struct cdev *cdev_alloc(void);
int cdev_add(struct cdev *p, dev_t dev, unsigned count);
void cdev_del(struct cdev *p);
void cdev_set_parent(struct cdev *p, struct kobject *kobj);
int cdev_device_add(struct cdev *cdev, struct device *dev);
void cdev_device_del(struct cdev *cdev, struct device *dev);

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/cdev.h> brings with it, once this header is complete. */
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
