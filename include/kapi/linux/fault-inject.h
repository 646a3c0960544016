/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/fault-inject.h: the fault-injection framework. A fault_attr decides, call by
 * call, whether to force a failure: never while probability is 0; otherwise after
 * `space` bytes have been let through, on every interval-th eligible call, with
 * probability percent, at most `times` times (-1: no limit). */
#ifndef UKMEM_LINUX_FAULT_INJECT_H
#define UKMEM_LINUX_FAULT_INJECT_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/ratelimit.h>

struct fault_attr {
	unsigned long probability;	/* percent */
	unsigned long interval;
	atomic_t times;
	atomic_t space;
	unsigned long verbose;		/* 0 quiet, 1 message, 2 message and stack */
	unsigned long count;		/* eligible calls seen (for interval) */
	unsigned long injected;		/* failures forced so far */
	struct ratelimit_state ratelimit_state;
	const char *dname;
};

#define FAULT_ATTR_INITIALIZER {					\
	.interval = 1,							\
	.times = { 1 },							\
	.verbose = 2,							\
	.dname = NULL,							\
}
#define DECLARE_FAULT_ATTR(name) struct fault_attr name = FAULT_ATTR_INITIALIZER

int setup_fault_attr(struct fault_attr *attr, char *str);
bool should_fail(struct fault_attr *attr, ssize_t size);

struct kmem_cache;
/* failslab= (mm/failslab.c): whether this slab allocation is to fail; should_failslab()
 * gives -ENOMEM for a failure, 0 otherwise. */
bool __should_failslab(struct kmem_cache *s, gfp_t gfpflags);
int should_failslab(struct kmem_cache *s, gfp_t gfpflags);

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/fault-inject.h> brings with it, once this header is complete. */
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/completion.h>
#include <linux/cred.h>
#include <linux/debugfs.h>
#include <linux/hash.h>
#include <linux/hrtimer.h>
#include <linux/irqnr.h>
#include <linux/kasan.h>
#include <linux/kmsan-checks.h>
#include <linux/kref.h>
#include <linux/linkage.h>
#include <linux/list_lru.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/migrate_mode.h>
#include <linux/notifier.h>
#include <linux/page-flags.h>
#include <linux/percpu.h>
#include <linux/prandom.h>
#include <linux/rbtree.h>
#include <linux/rculist.h>
#include <linux/sched/mm.h>
#include <linux/semaphore.h>
#include <linux/shrinker.h>
#include <linux/slab.h>
#include <linux/stat.h>
#include <linux/static_key.h>
#include <linux/sysctl.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#include <linux/uaccess.h>
#include <linux/uuid.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#endif
#endif
