/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/kernfs.h: the node type behind sysfs and debugfs, as drivers see it -- an opaque
 * handle (kobject->sd) with a reference count, and the change notice that wakes pollers
 * of a sysfs file. The tree itself is ukmem's (src/fs/kernfs.c). */
#ifndef UKMEM_LINUX_KERNFS_H
#define UKMEM_LINUX_KERNFS_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>

struct kernfs_node;

/* Takes / drops a reference on a node (NULL: nothing). Any context that may sleep. */
void kernfs_get(struct kernfs_node *kn);
void kernfs_put(struct kernfs_node *kn);
/* Wakes pollers of a file node and marks it changed (what sysfs_notify does). */
void kernfs_notify(struct kernfs_node *kn);

#pragma pop_macro("__UKMEM_INNER")

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/kernfs.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/completion.h>
#include <linux/export.h>
#include <linux/gfp.h>
#include <linux/hrtimer.h>
#include <linux/idr.h>
#include <linux/irqnr.h>
#include <linux/kmsan-checks.h>
#include <linux/kref.h>
#include <linux/linkage.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/notifier.h>
#include <linux/overflow.h>
#include <linux/page-flags.h>
#include <linux/percpu.h>
#include <linux/prandom.h>
#include <linux/rbtree.h>
#include <linux/rculist.h>
#include <linux/sched/mm.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#include <linux/uidgid.h>
#include <linux/workqueue.h>
#endif
#endif
