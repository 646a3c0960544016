/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/ratelimit_types.h: struct ratelimit_state, DEFINE_RATELIMIT_STATE() and
 * __ratelimit() (lib/ratelimit.c): at most `burst` events per `interval` jiffies; the
 * defaults are 10 per 5 seconds, as in Linux. */
#ifndef UKMEM_LINUX_RATELIMIT_TYPES_H
#define UKMEM_LINUX_RATELIMIT_TYPES_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/jiffies.h>		/* HZ */
#include <linux/spinlock_types.h>

#define DEFAULT_RATELIMIT_INTERVAL	(5 * HZ)
#define DEFAULT_RATELIMIT_BURST		10
#define RATELIMIT_MSG_ON_RELEASE	(1UL << 0)

struct ratelimit_state {
	raw_spinlock_t lock;
	int interval;
	int burst;
	int printed;
	int missed;
	unsigned long begin;
	unsigned long flags;
};

#define RATELIMIT_STATE_INIT_FLAGS(name, interval_init, burst_init, flags_init) {	\
	.lock = __RAW_SPIN_LOCK_UNLOCKED(name.lock),			\
	.interval = interval_init, .burst = burst_init, .flags = flags_init }
#define RATELIMIT_STATE_INIT(name, interval_init, burst_init)		\
	RATELIMIT_STATE_INIT_FLAGS(name, interval_init, burst_init, 0)
#define RATELIMIT_STATE_INIT_DISABLED					\
	RATELIMIT_STATE_INIT(ratelimit_state, 0, DEFAULT_RATELIMIT_BURST)
#define DEFINE_RATELIMIT_STATE(name, interval_init, burst_init)		\
	struct ratelimit_state name = RATELIMIT_STATE_INIT(name, interval_init, burst_init)

int ___ratelimit(struct ratelimit_state *rs, const char *func);
#define __ratelimit(state) ___ratelimit(state, __func__)

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/ratelimit_types.h> brings with it, once this header is complete. */
#include <linux/bits.h>
#include <linux/byteorder/generic.h>
#include <linux/compiler.h>
#endif
#endif
