/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/spinlock.h: real spin locks across host threads. Taking one makes the thread's
 * context atomic (preempt count), so sleeping calls under it are reported.
 * The lock word is test-and-test-and-set; waiters yield the CPU after a short spin.
 *
 * CONFIG_DEBUG_SPINLOCK is always on: the owner and owner CPU are recorded, and a lock
 * with bad magic, a recursive lock, and an unlock of a free lock or of another task's
 * lock give Linux 6.1's "BUG: spinlock ..." report (src/kernel/spinlock.c). ukmem goes
 * one step further than Linux so the machine survives the bug: a recursive lock is not
 * taken (it would spin forever) and a bad unlock changes neither the lock nor the
 * preempt count, so the caller's later balanced calls leave everything as it was.
 * Lock validation (lockdep) is told of each acquire before the lock is taken. */
#ifndef UKMEM_LINUX_SPINLOCK_H
#define UKMEM_LINUX_SPINLOCK_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/spinlock_types.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <linux/bug.h>
#include <linux/lockdep.h>
#include <linux/bottom_half.h>

void arch_spin_lock_slow(arch_spinlock_t *lock);

static inline bool arch_spin_trylock(arch_spinlock_t *lock)
{
	return !__atomic_load_n(&lock->locked, __ATOMIC_RELAXED) &&
	       !__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE);
}

static inline void arch_spin_lock(arch_spinlock_t *lock)
{
	if (unlikely(__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE)))
		arch_spin_lock_slow(lock);
}

static inline void arch_spin_unlock(arch_spinlock_t *lock)
{
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
}

#define arch_spin_is_locked(l)	(__atomic_load_n(&(l)->locked, __ATOMIC_RELAXED) != 0)

void __raw_spin_lock_init(raw_spinlock_t *lock, const char *name,
			  struct lock_class_key *key, short inner);

#define raw_spin_lock_init(lock)					\
do {									\
	static struct lock_class_key __key;				\
									\
	__raw_spin_lock_init((lock), #lock, &__key, LD_WAIT_SPIN);	\
} while (0)

/* The debug checks' slow paths (src/kernel/spinlock.c): each reports, then says
 * whether the operation may go ahead. */
bool ukmem_spin_lock_bug(raw_spinlock_t *lock);
bool ukmem_spin_unlock_bug(raw_spinlock_t *lock);
unsigned int ukmem_unpinned_cpu(void);

static __always_inline void ukmem_spin_set_owner(raw_spinlock_t *lock)
{
	struct task_struct *task = current;

	lock->ukmem_pinned = task->ukmem_cpu_pin != 0;
	WRITE_ONCE(lock->owner_cpu, lock->ukmem_pinned ? task->ukmem_cpu : ukmem_unpinned_cpu());
	WRITE_ONCE(lock->owner, task);
}

/* A release on another CPU is wrong only if the holder is pinned now and was then. */
#define ukmem_spin_wrong_cpu(lock, task)					\
	(unlikely((lock)->ukmem_pinned) && (task)->ukmem_cpu_pin &&		\
	 READ_ONCE((lock)->owner_cpu) != (task)->ukmem_cpu)

static __always_inline bool do_raw_spin_lock(raw_spinlock_t *lock)
{
	/* The owner is read before the lock is taken, as 6.1's debug check reads it. */
	if (unlikely(lock->magic != SPINLOCK_MAGIC || READ_ONCE(lock->owner) == current) &&
	    !ukmem_spin_lock_bug(lock))
		return false;
	arch_spin_lock(&lock->raw_lock);
	ukmem_spin_set_owner(lock);
	return true;
}

static __always_inline bool do_raw_spin_trylock(raw_spinlock_t *lock)
{
	if (!arch_spin_trylock(&lock->raw_lock))
		return false;
	ukmem_spin_set_owner(lock);
	return true;
}

static __always_inline bool do_raw_spin_unlock(raw_spinlock_t *lock)
{
	struct task_struct *task = current;

	if (unlikely(lock->magic != SPINLOCK_MAGIC || READ_ONCE(lock->owner) != task ||
		     ukmem_spin_wrong_cpu(lock, task)) && !ukmem_spin_unlock_bug(lock))
		return false;
	WRITE_ONCE(lock->owner, SPINLOCK_OWNER_INIT);
	WRITE_ONCE(lock->owner_cpu, -1);
	arch_spin_unlock(&lock->raw_lock);
	return true;
}

#define __ukmem_spin_acquire(l, sub, try)					\
	do { if (ukmem_lockdep_on())						\
		lock_acquire(&(l)->dep_map, sub, try, 0, 1, NULL, _THIS_IP_); } while (0)
#define __ukmem_spin_release(l)						\
	do { if (ukmem_lockdep_on()) lock_release(&(l)->dep_map, _THIS_IP_); } while (0)

/* The lock, entered with preemption (and whatever else) already disabled; false when
 * the lock was not taken (a reported recursion), the caller then undoes its disable. */
static __always_inline bool __ukmem_raw_spin_lock(raw_spinlock_t *lock, int subclass)
{
	__ukmem_spin_acquire(lock, subclass, 0);
	if (likely(do_raw_spin_lock(lock)))
		return true;
	__ukmem_spin_release(lock);
	return false;
}

static __always_inline bool __ukmem_raw_spin_trylock(raw_spinlock_t *lock)
{
	if (!do_raw_spin_trylock(lock))
		return false;
	__ukmem_spin_acquire(lock, 0, 1);
	return true;
}

static __always_inline bool __ukmem_raw_spin_unlock(raw_spinlock_t *lock)
{
	__ukmem_spin_release(lock);
	return do_raw_spin_unlock(lock);
}

#define raw_spin_lock_nested(l, subclass)					\
	do { preempt_disable();							\
	     if (!__ukmem_raw_spin_lock(l, subclass)) preempt_enable(); } while (0)
#define raw_spin_lock(l)	raw_spin_lock_nested(l, 0)
#define raw_spin_unlock(l)						\
	do { if (__ukmem_raw_spin_unlock(l)) preempt_enable(); } while (0)
#define raw_spin_trylock(l)						\
	({ preempt_disable(); __ukmem_raw_spin_trylock(l) ? 1 : ({ preempt_enable(); 0; }); })
#define raw_spin_lock_irqsave_nested(l, flags, subclass)			\
	do { local_irq_save(flags); raw_spin_lock_nested(l, subclass); } while (0)
#define raw_spin_lock_irqsave(l, flags)	raw_spin_lock_irqsave_nested(l, flags, 0)
#define raw_spin_unlock_irqrestore(l, flags) \
	do { raw_spin_unlock(l); local_irq_restore(flags); } while (0)
#define raw_spin_lock_irq(l)	do { local_irq_disable(); raw_spin_lock(l); } while (0)
#define raw_spin_unlock_irq(l)	do { raw_spin_unlock(l); local_irq_enable(); } while (0)
#define raw_spin_lock_bh(l)						\
	do { local_bh_disable(); preempt_disable();				\
	     if (!__ukmem_raw_spin_lock(l, 0)) { preempt_enable(); local_bh_enable(); } } while (0)
#define raw_spin_unlock_bh(l)						\
	do { if (__ukmem_raw_spin_unlock(l)) { preempt_enable(); local_bh_enable(); } } while (0)
#define raw_spin_trylock_irqsave(l, flags) ({ local_irq_save(flags); \
	raw_spin_trylock(l) ? 1 : ({ local_irq_restore(flags); 0; }); })
#define raw_spin_trylock_bh(l) ({ local_bh_disable(); \
	raw_spin_trylock(l) ? 1 : ({ local_bh_enable(); 0; }); })
#define raw_spin_is_locked(l)	arch_spin_is_locked(&(l)->raw_lock)

#define spin_lock_init(lock)						\
do {									\
	static struct lock_class_key __key;				\
									\
	__raw_spin_lock_init(&(lock)->rlock, #lock, &__key, LD_WAIT_CONFIG); \
} while (0)
#define spin_lock(l)		raw_spin_lock(&(l)->rlock)
#define spin_unlock(l)		raw_spin_unlock(&(l)->rlock)
#define spin_trylock(l)		raw_spin_trylock(&(l)->rlock)
#define spin_lock_irq(l)	raw_spin_lock_irq(&(l)->rlock)
#define spin_unlock_irq(l)	raw_spin_unlock_irq(&(l)->rlock)
#define spin_lock_irqsave(l, flags)	raw_spin_lock_irqsave(&(l)->rlock, flags)
#define spin_unlock_irqrestore(l, flags) raw_spin_unlock_irqrestore(&(l)->rlock, flags)
#define spin_lock_bh(l)		raw_spin_lock_bh(&(l)->rlock)
#define spin_unlock_bh(l)	raw_spin_unlock_bh(&(l)->rlock)
#define spin_trylock_bh(l)	raw_spin_trylock_bh(&(l)->rlock)
#define spin_is_locked(l)	raw_spin_is_locked(&(l)->rlock)
#define assert_spin_locked(l)	BUG_ON(!spin_is_locked(l))
#define assert_raw_spin_locked(l)	BUG_ON(!raw_spin_is_locked(l))
#define spin_lock_nested(l, subclass)	raw_spin_lock_nested(&(l)->rlock, subclass)
#define spin_lock_irqsave_nested(l, flags, subclass)			\
	raw_spin_lock_irqsave_nested(&(l)->rlock, flags, subclass)
#define spin_trylock_irqsave(l, flags)	raw_spin_trylock_irqsave(&(l)->rlock, flags)
#define spin_trylock_irq(l) ({ local_irq_disable(); \
	spin_trylock(l) ? 1 : ({ local_irq_enable(); 0; }); })

#include <linux/rwlock.h>

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/spinlock.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/generic.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/kernel.h>
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
