/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/debug_locks.h: the switch every lock check shares. debug_locks is 1 at boot;
 * the first lock bug reported (by lockdep or by the spinlock, rwlock and mutex checks)
 * turns it off, so one bug gives one report, as in Linux. */
#ifndef UKMEM_LINUX_DEBUG_LOCKS_H
#define UKMEM_LINUX_DEBUG_LOCKS_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/compiler.h>
#include <linux/bug.h>

struct task_struct;

extern int debug_locks;
extern int debug_locks_silent;

static __always_inline int __debug_locks_off(void)
{
	return __atomic_exchange_n(&debug_locks, 0, __ATOMIC_SEQ_CST);
}

/* Turns lock debugging off; returns 1 for the caller that did it (and may report). */
int debug_locks_off(void);

#define DEBUG_LOCKS_WARN_ON(c)						\
({									\
	int __ret = 0;							\
									\
	if (unlikely(c)) {									\
		if (debug_locks_off() && !debug_locks_silent)		\
			WARN(1, "DEBUG_LOCKS_WARN_ON(%s)", #c);		\
		__ret = 1;						\
	}								\
	__ret;								\
})
#define SMP_DEBUG_LOCKS_WARN_ON(c)	DEBUG_LOCKS_WARN_ON(c)

void debug_show_all_locks(void);
void debug_show_held_locks(struct task_struct *task);
void debug_check_no_locks_freed(const void *from, unsigned long len);
void debug_check_no_locks_held(void);

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/debug_locks.h> brings with it, once this header is complete. */
#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/byteorder/generic.h>
#include <linux/export.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#endif
#endif
