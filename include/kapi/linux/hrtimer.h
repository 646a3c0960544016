/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/hrtimer.h: high-resolution timers (kernel/hrtimer.c). A timer fires once its
 * clock reaches its soft expiry (at the latest at its hard expiry); its function runs
 * on the CPU it was started on: in hardirq context on that CPU's hardirq thread, or
 * with HRTIMER_MODE_SOFT in softirq context (HRTIMER_SOFTIRQ). Returning
 * HRTIMER_RESTART re-queues it at its (forwarded) expiry. An absolute expiry on
 * CLOCK_REALTIME, CLOCK_BOOTTIME or CLOCK_TAI is converted to the monotonic clock when
 * the timer is started; later steps of those clocks do not move it. */
#ifndef UKMEM_LINUX_HRTIMER_H
#define UKMEM_LINUX_HRTIMER_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/list.h>
#include <linux/ktime.h>
#include <linux/timekeeping.h>

typedef int clockid_t;

/* lhs + rhs, saturating at KTIME_MAX. */
ktime_t ktime_add_safe(const ktime_t lhs, const ktime_t rhs);

enum hrtimer_mode {
	HRTIMER_MODE_ABS	= 0x00,
	HRTIMER_MODE_REL	= 0x01,
	HRTIMER_MODE_PINNED	= 0x02,
	HRTIMER_MODE_SOFT	= 0x04,
	HRTIMER_MODE_HARD	= 0x08,
	HRTIMER_MODE_ABS_PINNED = HRTIMER_MODE_ABS | HRTIMER_MODE_PINNED,
	HRTIMER_MODE_REL_PINNED = HRTIMER_MODE_REL | HRTIMER_MODE_PINNED,
	HRTIMER_MODE_ABS_SOFT	= HRTIMER_MODE_ABS | HRTIMER_MODE_SOFT,
	HRTIMER_MODE_REL_SOFT	= HRTIMER_MODE_REL | HRTIMER_MODE_SOFT,
	HRTIMER_MODE_ABS_PINNED_SOFT = HRTIMER_MODE_ABS_PINNED | HRTIMER_MODE_SOFT,
	HRTIMER_MODE_REL_PINNED_SOFT = HRTIMER_MODE_REL_PINNED | HRTIMER_MODE_SOFT,
	HRTIMER_MODE_ABS_HARD	= HRTIMER_MODE_ABS | HRTIMER_MODE_HARD,
	HRTIMER_MODE_REL_HARD	= HRTIMER_MODE_REL | HRTIMER_MODE_HARD,
	HRTIMER_MODE_ABS_PINNED_HARD = HRTIMER_MODE_ABS_PINNED | HRTIMER_MODE_HARD,
	HRTIMER_MODE_REL_PINNED_HARD = HRTIMER_MODE_REL_PINNED | HRTIMER_MODE_HARD,
};

enum hrtimer_restart {
	HRTIMER_NORESTART,
	HRTIMER_RESTART,
};

#define HRTIMER_STATE_INACTIVE	0x00
#define HRTIMER_STATE_ENQUEUED	0x01

struct timerqueue_node {
	struct list_head ukmem_entry;	/* on the CPU's list, by monotonic expiry */
	ktime_t expires;
};

struct hrtimer_clock_base;

struct hrtimer {
	struct timerqueue_node node;
	ktime_t _softexpires;
	enum hrtimer_restart (*function)(struct hrtimer *);
	struct hrtimer_clock_base *base;
	u8 state;
	u8 is_rel;
	u8 is_soft;
	u8 is_hard;
	ktime_t ukmem_mono_soft, ukmem_mono_hard;	/* the expiries on CLOCK_MONOTONIC */
};

struct hrtimer_clock_base {
	struct hrtimer_cpu_base *cpu_base;
	unsigned int index;
	clockid_t clockid;
	ktime_t (*get_time)(void);
};

extern const ktime_t hrtimer_resolution_ns;
#define hrtimer_resolution	((unsigned int)hrtimer_resolution_ns)
#define HIGH_RES_NSEC		1
#define KTIME_HIGH_RES		(HIGH_RES_NSEC)
#define KTIME_MONOTONIC_RES	KTIME_HIGH_RES

void hrtimer_init(struct hrtimer *timer, clockid_t which_clock, enum hrtimer_mode mode);
#define hrtimer_init_on_stack(t, c, m)	hrtimer_init(t, c, m)
static inline void destroy_hrtimer_on_stack(struct hrtimer *timer) { }

void hrtimer_start_range_ns(struct hrtimer *timer, ktime_t tim, u64 range_ns,
			    const enum hrtimer_mode mode);
static inline void hrtimer_start(struct hrtimer *timer, ktime_t tim, const enum hrtimer_mode mode)
{
	hrtimer_start_range_ns(timer, tim, 0, mode);
}
static inline void hrtimer_start_expires(struct hrtimer *timer, enum hrtimer_mode mode)
{
	hrtimer_start_range_ns(timer, timer->_softexpires,
			       (u64)(timer->node.expires - timer->_softexpires), mode);
}
static inline void hrtimer_restart(struct hrtimer *timer)
{
	hrtimer_start_expires(timer, HRTIMER_MODE_ABS);
}

int hrtimer_cancel(struct hrtimer *timer);
int hrtimer_try_to_cancel(struct hrtimer *timer);
bool hrtimer_active(const struct hrtimer *timer);
u64 hrtimer_forward(struct hrtimer *timer, ktime_t now, ktime_t interval);
ktime_t __hrtimer_get_remaining(const struct hrtimer *timer, bool adjust);

static inline void hrtimer_set_expires(struct hrtimer *timer, ktime_t time)
{
	timer->node.expires = time;
	timer->_softexpires = time;
}
static inline void hrtimer_set_expires_range_ns(struct hrtimer *timer, ktime_t time, u64 delta)
{
	timer->_softexpires = time;
	timer->node.expires = ktime_add_safe(time, ns_to_ktime(delta));
}
static inline void hrtimer_add_expires_ns(struct hrtimer *timer, u64 ns)
{
	timer->node.expires = ktime_add_safe(timer->node.expires, ns_to_ktime(ns));
	timer->_softexpires = ktime_add_safe(timer->_softexpires, ns_to_ktime(ns));
}
static inline void hrtimer_add_expires(struct hrtimer *timer, ktime_t time)
{
	timer->node.expires = ktime_add_safe(timer->node.expires, time);
	timer->_softexpires = ktime_add_safe(timer->_softexpires, time);
}
static inline ktime_t hrtimer_get_expires(const struct hrtimer *timer) { return timer->node.expires; }
static inline ktime_t hrtimer_get_softexpires(const struct hrtimer *timer) { return timer->_softexpires; }
static inline s64 hrtimer_get_expires_ns(const struct hrtimer *timer) { return ktime_to_ns(timer->node.expires); }
static inline ktime_t hrtimer_cb_get_time(struct hrtimer *timer) { return timer->base->get_time(); }
static inline ktime_t hrtimer_expires_remaining(const struct hrtimer *timer)
{
	return ktime_sub(timer->node.expires, timer->base->get_time());
}
static inline ktime_t hrtimer_get_remaining(const struct hrtimer *timer)
{
	return __hrtimer_get_remaining(timer, false);
}
static inline bool hrtimer_is_queued(struct hrtimer *timer)
{
	return !!(READ_ONCE(timer->state) & HRTIMER_STATE_ENQUEUED);
}
bool hrtimer_callback_running(struct hrtimer *timer);

static inline u64 hrtimer_forward_now(struct hrtimer *timer, ktime_t interval)
{
	return hrtimer_forward(timer, timer->base->get_time(), interval);
}

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/hrtimer.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/mutex.h>
#include <linux/numa.h>
#include <linux/overflow.h>
#include <linux/percpu.h>
#include <linux/rbtree.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timer.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#endif
#endif
