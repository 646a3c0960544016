/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/mutex.h: struct mutex, a sleeping lock with an owner. Waiters block in the host
 * kernel (futex) rather than spin. CONFIG_DEBUG_MUTEXES is always on: unlocking a mutex
 * the caller does not hold gives DEBUG_LOCKS_WARN_ON's warning. mutex_lock and friends are sleeping calls: from atomic
 * context they are reported at the caller's line (might_sleep) before they block.
 * The _interruptible/_killable forms return -EINTR, without the mutex, when a signal
 * (killable: a fatal one) is pending for a task in a user call before it was taken. */
#ifndef UKMEM_LINUX_MUTEX_H
#define UKMEM_LINUX_MUTEX_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/lockdep.h>

struct mutex {
	int state;		/* 0 free, 1 held, 2 held with waiters */
	struct task_struct *owner;	/* NULL when free */
	void *magic;		/* the mutex itself once initialised */
	struct lockdep_map dep_map;
};

#define __MUTEX_INITIALIZER(lockname)					\
	{ .state = 0, .owner = NULL, .magic = &(lockname),			\
	  .dep_map = { .name = #lockname, .wait_type_inner = LD_WAIT_SLEEP } }
#define DEFINE_MUTEX(mutexname)	struct mutex mutexname = __MUTEX_INITIALIZER(mutexname)

void __mutex_init(struct mutex *lock, const char *name, struct lock_class_key *key);
/* ip: the caller's address for lockdep, 0 for none. Blocks; no context check. */
void ukmem_mutex_lock_nested(struct mutex *lock, unsigned int subclass, unsigned long ip);
void ukmem_mutex_lock(struct mutex *lock);	/* not validated */
int ukmem_mutex_lock_state(struct mutex *lock, unsigned int subclass, unsigned long ip,
			   unsigned int state);
/* 0, or -EINTR for a signal (killable: a fatal one). */
int ukmem_mutex_lock_interruptible(struct mutex *lock, unsigned int subclass, unsigned long ip);
int ukmem_mutex_lock_killable(struct mutex *lock, unsigned int subclass, unsigned long ip);
int ukmem_mutex_trylock(struct mutex *lock, unsigned long ip);
void ukmem_mutex_unlock(struct mutex *lock, unsigned long ip);
int __must_check mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
bool mutex_is_locked(struct mutex *lock);
void mutex_destroy(struct mutex *lock);

#define mutex_init(mutex)						\
do {									\
	static struct lock_class_key __key;				\
									\
	__mutex_init((mutex), #mutex, &__key);				\
} while (0)
#define mutex_lock_nested(m, subclass)					\
	do { might_sleep(); ukmem_mutex_lock_nested(m, subclass, __UKMEM_LOCK_IP); } while (0)
#define mutex_lock(m)	mutex_lock_nested(m, 0)
#define mutex_lock_interruptible_nested(m, subclass)			\
	({ might_sleep(); ukmem_mutex_lock_interruptible(m, subclass, __UKMEM_LOCK_IP); })
#define mutex_lock_interruptible(m)	mutex_lock_interruptible_nested(m, 0)
#define mutex_lock_killable_nested(m, subclass)				\
	({ might_sleep(); ukmem_mutex_lock_killable(m, subclass, __UKMEM_LOCK_IP); })
#define mutex_lock_killable(m)	mutex_lock_killable_nested(m, 0)
#define mutex_lock_io(m)	mutex_lock(m)
#define mutex_lock_io_nested(m, subclass)	mutex_lock_nested(m, subclass)
#define mutex_lock_nest_lock(m, nest)	mutex_lock(m)
#ifdef UKMEM_INTERNAL
#define mutex_trylock(m)	ukmem_mutex_trylock(m, 0)
#define mutex_unlock(m)		ukmem_mutex_unlock(m, 0)
#endif

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/mutex.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/generic.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/irqflags.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/list.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/numa.h>
#include <linux/overflow.h>
#include <linux/percpu-defs.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time64.h>
#include <linux/tracepoint-defs.h>
#endif
#endif
