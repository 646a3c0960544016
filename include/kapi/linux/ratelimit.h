/* linux/ratelimit.h: at most `burst` events per `interval` jiffies. __ratelimit() says
 * whether this one may go; when a new interval starts after suppressions it prints
 * "<func>: N callbacks suppressed", as the kernel does. */
#ifndef UKMEM_LINUX_RATELIMIT_H
#define UKMEM_LINUX_RATELIMIT_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/spinlock.h>

#define DEFAULT_RATELIMIT_INTERVAL	(5 * 250)	/* 5 s of jiffies at HZ 250 */
#define DEFAULT_RATELIMIT_BURST		10

struct ratelimit_state {
	raw_spinlock_t lock;
	int interval;
	int burst;
	int printed;
	int missed;
	unsigned long begin;
};

#define RATELIMIT_STATE_INIT(name, interval_init, burst_init) {		\
	.lock = __RAW_SPIN_LOCK_UNLOCKED(name.lock),			\
	.interval = interval_init, .burst = burst_init }
#define DEFINE_RATELIMIT_STATE(name, interval_init, burst_init)		\
	struct ratelimit_state name = RATELIMIT_STATE_INIT(name, interval_init, burst_init)

int ___ratelimit(struct ratelimit_state *rs, const char *func);
#define __ratelimit(state) ___ratelimit(state, __func__)

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
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/uidgid.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#endif
#endif
