/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/rwlock.h: rwlock_t, the spinning reader-writer lock. Readers share it, a writer
 * excludes everyone; both make the context atomic like a spinlock. Waiters spin, then
 * yield (src/kernel/rwlock.c). Included by linux/spinlock.h.
 * CONFIG_DEBUG_SPINLOCK's rwlock checks give "BUG: rwlock ..." reports; as for
 * spinlocks, a write lock the caller already holds is not taken, and an unlock that
 * would release what the caller does not hold changes neither the lock nor the preempt
 * count. Lockdep sees read locks taken in interrupt context as recursive reads, as
 * Linux 6.1 does for queued rwlocks. */
#ifndef UKMEM_LINUX_RWLOCK_H
#define UKMEM_LINUX_RWLOCK_H

#include <linux/spinlock_types.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <linux/bottom_half.h>
#include <linux/lockdep.h>

void __rwlock_init(rwlock_t *lock, const char *name, struct lock_class_key *key);

/* Each returns whether the lock was taken (or released). */
bool do_raw_read_lock(rwlock_t *lock);
bool do_raw_read_trylock(rwlock_t *lock);
bool do_raw_read_unlock(rwlock_t *lock);
bool do_raw_write_lock(rwlock_t *lock);
bool do_raw_write_trylock(rwlock_t *lock);
bool do_raw_write_unlock(rwlock_t *lock);

#define rwlock_init(lock)					\
do {								\
	static struct lock_class_key __key;			\
								\
	__rwlock_init((lock), #lock, &__key);			\
} while (0)

#define __ukmem_rw_acquire(l, read, try)					\
	do { if (ukmem_lockdep_on())						\
		lock_acquire(&(l)->dep_map, 0, try, read, 1, NULL, _THIS_IP_); } while (0)
#define __ukmem_rw_release(l)						\
	do { if (ukmem_lockdep_on()) lock_release(&(l)->dep_map, _THIS_IP_); } while (0)

static __always_inline bool __ukmem_read_lock(rwlock_t *lock)
{
	__ukmem_rw_acquire(lock, in_interrupt() ? 2 : 1, 0);
	if (likely(do_raw_read_lock(lock)))
		return true;
	__ukmem_rw_release(lock);
	return false;
}

static __always_inline bool __ukmem_write_lock(rwlock_t *lock)
{
	__ukmem_rw_acquire(lock, 0, 0);
	if (likely(do_raw_write_lock(lock)))
		return true;
	__ukmem_rw_release(lock);
	return false;
}

static __always_inline bool __ukmem_read_trylock(rwlock_t *lock)
{
	if (!do_raw_read_trylock(lock))
		return false;
	__ukmem_rw_acquire(lock, in_interrupt() ? 2 : 1, 1);
	return true;
}

static __always_inline bool __ukmem_write_trylock(rwlock_t *lock)
{
	if (!do_raw_write_trylock(lock))
		return false;
	__ukmem_rw_acquire(lock, 0, 1);
	return true;
}

static __always_inline bool __ukmem_read_unlock(rwlock_t *lock)
{
	__ukmem_rw_release(lock);
	return do_raw_read_unlock(lock);
}

static __always_inline bool __ukmem_write_unlock(rwlock_t *lock)
{
	__ukmem_rw_release(lock);
	return do_raw_write_unlock(lock);
}

#define read_lock(l)	do { preempt_disable(); if (!__ukmem_read_lock(l)) preempt_enable(); } while (0)
#define read_unlock(l)	do { if (__ukmem_read_unlock(l)) preempt_enable(); } while (0)
#define write_lock(l)	do { preempt_disable(); if (!__ukmem_write_lock(l)) preempt_enable(); } while (0)
#define write_unlock(l)	do { if (__ukmem_write_unlock(l)) preempt_enable(); } while (0)
#define read_trylock(l)	({ preempt_disable(); __ukmem_read_trylock(l) ? 1 : ({ preempt_enable(); 0; }); })
#define write_trylock(l) ({ preempt_disable(); __ukmem_write_trylock(l) ? 1 : ({ preempt_enable(); 0; }); })
#define read_lock_irq(l)	do { local_irq_disable(); read_lock(l); } while (0)
#define read_unlock_irq(l)	do { read_unlock(l); local_irq_enable(); } while (0)
#define write_lock_irq(l)	do { local_irq_disable(); write_lock(l); } while (0)
#define write_unlock_irq(l)	do { write_unlock(l); local_irq_enable(); } while (0)
#define read_lock_irqsave(l, flags)	do { local_irq_save(flags); read_lock(l); } while (0)
#define read_unlock_irqrestore(l, flags) do { read_unlock(l); local_irq_restore(flags); } while (0)
#define write_lock_irqsave(l, flags)	do { local_irq_save(flags); write_lock(l); } while (0)
#define write_unlock_irqrestore(l, flags) do { write_unlock(l); local_irq_restore(flags); } while (0)
#define read_lock_bh(l)	do { local_bh_disable(); preempt_disable();			\
	if (!__ukmem_read_lock(l)) { preempt_enable(); local_bh_enable(); } } while (0)
#define read_unlock_bh(l)						\
	do { if (__ukmem_read_unlock(l)) { preempt_enable(); local_bh_enable(); } } while (0)
#define write_lock_bh(l) do { local_bh_disable(); preempt_disable();			\
	if (!__ukmem_write_lock(l)) { preempt_enable(); local_bh_enable(); } } while (0)
#define write_unlock_bh(l)						\
	do { if (__ukmem_write_unlock(l)) { preempt_enable(); local_bh_enable(); } } while (0)
#define write_lock_nested(l, subclass)	write_lock(l)
#define rwlock_is_contended(l)	0

#endif
