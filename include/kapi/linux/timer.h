/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/timer.h: the timer wheel (kernel/timer.c). A timer runs its function once, in
 * softirq context on the CPU it was queued on (that CPU's ksoftirqd), at the first tick
 * at or after its expiry rounded up to its wheel level's granularity (as Linux 6.1:
 * exact up to 63 ticks, then 8x coarser per level). del_timer_sync() returns only when
 * the function is not running anywhere. */
#ifndef UKMEM_LINUX_TIMER_H
#define UKMEM_LINUX_TIMER_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/list.h>
#include <linux/jiffies.h>
#include <linux/stddef.h>
#include <linux/container_of.h>

struct timer_list {
	struct hlist_node entry;
	unsigned long expires;
	void (*function)(struct timer_list *);
	u32 flags;
};

#define TIMER_CPUMASK		0x0003FFFF
#define TIMER_MIGRATING		0x00040000
#define TIMER_BASEMASK		(TIMER_CPUMASK | TIMER_MIGRATING)
#define TIMER_DEFERRABLE	0x00080000
#define TIMER_PINNED		0x00100000
#define TIMER_IRQSAFE		0x00200000
#define TIMER_INIT_FLAGS	(TIMER_DEFERRABLE | TIMER_PINNED | TIMER_IRQSAFE)
#define TIMER_ARRAYSHIFT	22
#define TIMER_ARRAYMASK		0xFFC00000
#define TIMER_TRACE_FLAGMASK	(TIMER_MIGRATING | TIMER_DEFERRABLE | TIMER_PINNED | TIMER_IRQSAFE)

#define __TIMER_INITIALIZER(_function, _flags) {		\
		.entry = { .next = NULL, .pprev = NULL },	\
		.function = (_function),			\
		.flags = (_flags),				\
	}
#define DEFINE_TIMER(_name, _function)				\
	struct timer_list _name = __TIMER_INITIALIZER(_function, 0)

void init_timer_key(struct timer_list *timer, void (*func)(struct timer_list *),
		    unsigned int flags, const char *name, void *key);

static inline void timer_setup(struct timer_list *timer,
			       void (*callback)(struct timer_list *), unsigned int flags)
{
	init_timer_key(timer, callback, flags, NULL, NULL);
}
#define timer_setup_on_stack(timer, callback, flags)	timer_setup(timer, callback, flags)
static inline void destroy_timer_on_stack(struct timer_list *timer) { }
#define from_timer(var, callback_timer, timer_fieldname) \
	container_of(callback_timer, typeof(*var), timer_fieldname)

/* Whether the timer is queued (its function not yet started). Unlocked: a hint. */
static inline int timer_pending(const struct timer_list *timer)
{
	return READ_ONCE(timer->entry.pprev) != NULL;
}

void add_timer_on(struct timer_list *timer, int cpu);
int del_timer(struct timer_list *timer);
int mod_timer(struct timer_list *timer, unsigned long expires);
int mod_timer_pending(struct timer_list *timer, unsigned long expires);
int timer_reduce(struct timer_list *timer, unsigned long expires);
void add_timer(struct timer_list *timer);
int try_to_del_timer_sync(struct timer_list *timer);
int del_timer_sync(struct timer_list *timer);
#define del_singleshot_timer_sync(t)	del_timer_sync(t)

#define NEXT_TIMER_MAX_DELTA	((1UL << 30) - 1)

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/timer.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/kernel.h>
#include <linux/kmsan-checks.h>
#include <linux/ktime.h>
#include <linux/linkage.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/numa.h>
#include <linux/overflow.h>
#include <linux/percpu-defs.h>
#include <linux/spinlock.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#endif
#endif
