/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/ratelimit.h: at most `burst` events per `interval` jiffies. __ratelimit() says
 * whether this one may go; when a new interval starts after suppressions it prints
 * "<func>: N callbacks suppressed", as the kernel does (with RATELIMIT_MSG_ON_RELEASE,
 * ratelimit_state_exit() prints the count instead). The state and __ratelimit() are in
 * <linux/ratelimit_types.h>. */
#ifndef UKMEM_LINUX_RATELIMIT_H
#define UKMEM_LINUX_RATELIMIT_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/bug.h>
#include <linux/ratelimit_types.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/string.h>

static inline void ratelimit_state_init(struct ratelimit_state *rs, int interval, int burst)
{
	memset(rs, 0, sizeof(*rs));
	raw_spin_lock_init(&rs->lock);
	rs->interval = interval;
	rs->burst = burst;
}

static inline void ratelimit_default_init(struct ratelimit_state *rs)
{
	ratelimit_state_init(rs, DEFAULT_RATELIMIT_INTERVAL, DEFAULT_RATELIMIT_BURST);
}

static inline void ratelimit_set_flags(struct ratelimit_state *rs, unsigned long flags)
{
	rs->flags = flags;
}

static inline void ratelimit_state_exit(struct ratelimit_state *rs)
{
	if (!(rs->flags & RATELIMIT_MSG_ON_RELEASE) || !rs->missed)
		return;
	pr_warn("%s: %d output lines suppressed due to ratelimiting\n", current->comm,
		rs->missed);
	rs->missed = 0;
}

#define WARN_ON_RATELIMIT(condition, state) ({				\
	bool __rtn_cond = !!(condition);				\
	WARN_ON(__rtn_cond && __ratelimit(state));			\
	__rtn_cond;							\
})
#define WARN_RATELIMIT(condition, format, ...) ({			\
	static DEFINE_RATELIMIT_STATE(_rs, DEFAULT_RATELIMIT_INTERVAL,	\
				      DEFAULT_RATELIMIT_BURST);		\
	int __rtn = !!(condition);					\
	if (unlikely(__rtn && __ratelimit(&_rs)))			\
		WARN(__rtn, format, ##__VA_ARGS__);			\
	__rtn;								\
})

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/ratelimit.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/hrtimer.h>
#include <linux/irqnr.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/mutex.h>
#include <linux/numa.h>
#include <linux/overflow.h>
#include <linux/percpu.h>
#include <linux/prandom.h>
#include <linux/rbtree.h>
#include <linux/rculist.h>
#include <linux/refcount.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#include <linux/uidgid.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#endif
#endif
