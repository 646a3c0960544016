/* linux/spinlock.h: real spin locks across host threads. Taking one makes the thread's
 * context atomic (preempt count), so sleeping calls under it are reported.
 * The lock word is test-and-test-and-set; waiters yield the CPU after a short spin. */
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

static inline void raw_spin_lock_init(raw_spinlock_t *lock)
{
	lock->raw_lock.locked = 0;
	lock->owner = 0;
	lock->name = NULL;
}

static inline void do_raw_spin_lock(raw_spinlock_t *lock)
{
	arch_spin_lock(&lock->raw_lock);
	lock->owner = current->pid;
}

static inline bool do_raw_spin_trylock(raw_spinlock_t *lock)
{
	if (!arch_spin_trylock(&lock->raw_lock))
		return false;
	lock->owner = current->pid;
	return true;
}

static inline void do_raw_spin_unlock(raw_spinlock_t *lock)
{
	lock->owner = 0;
	arch_spin_unlock(&lock->raw_lock);
}

#define raw_spin_lock(l)	do { preempt_disable(); do_raw_spin_lock(l); } while (0)
#define raw_spin_unlock(l)	do { do_raw_spin_unlock(l); preempt_enable(); } while (0)
#define raw_spin_trylock(l)	({ preempt_disable(); do_raw_spin_trylock(l) ? 1 : ({ preempt_enable(); 0; }); })
#define raw_spin_lock_irqsave(l, flags) \
	do { local_irq_save(flags); raw_spin_lock(l); } while (0)
#define raw_spin_unlock_irqrestore(l, flags) \
	do { raw_spin_unlock(l); local_irq_restore(flags); } while (0)
#define raw_spin_lock_irq(l)	do { local_irq_disable(); raw_spin_lock(l); } while (0)
#define raw_spin_unlock_irq(l)	do { raw_spin_unlock(l); local_irq_enable(); } while (0)
#define raw_spin_is_locked(l)	(__atomic_load_n(&(l)->raw_lock.locked, __ATOMIC_RELAXED) != 0)

#define spin_lock_init(l)	do { raw_spin_lock_init(&(l)->rlock); (l)->rlock.name = #l; } while (0)
#define spin_lock(l)		raw_spin_lock(&(l)->rlock)
#define spin_unlock(l)		raw_spin_unlock(&(l)->rlock)
#define spin_trylock(l)		raw_spin_trylock(&(l)->rlock)
#define spin_lock_irq(l)	raw_spin_lock_irq(&(l)->rlock)
#define spin_unlock_irq(l)	raw_spin_unlock_irq(&(l)->rlock)
#define spin_lock_irqsave(l, flags)	raw_spin_lock_irqsave(&(l)->rlock, flags)
#define spin_unlock_irqrestore(l, flags) raw_spin_unlock_irqrestore(&(l)->rlock, flags)
#define spin_lock_bh(l)		do { local_bh_disable(); spin_lock(l); } while (0)
#define spin_unlock_bh(l)	do { spin_unlock(l); local_bh_enable(); } while (0)
#define spin_is_locked(l)	raw_spin_is_locked(&(l)->rlock)
#define assert_spin_locked(l)	BUG_ON(!spin_is_locked(l))
#define assert_raw_spin_locked(l)	BUG_ON(!raw_spin_is_locked(l))
#define spin_lock_nested(l, subclass)	spin_lock(l)
#define spin_lock_irqsave_nested(l, flags, subclass)	spin_lock_irqsave(l, flags)
#define raw_spin_lock_bh(l)	do { local_bh_disable(); raw_spin_lock(l); } while (0)
#define raw_spin_unlock_bh(l)	do { raw_spin_unlock(l); local_bh_enable(); } while (0)
#define spin_trylock_irqsave(l, flags) ({ local_irq_save(flags); \
	spin_trylock(l) ? 1 : ({ local_irq_restore(flags); 0; }); })

#include <linux/rwlock.h>

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/spinlock.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/numa.h>
#include <linux/overflow.h>
#include <linux/percpu-defs.h>
#include <linux/thread_info.h>
#include <linux/time64.h>
#endif
#endif
