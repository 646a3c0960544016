// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/spinlock.c: the contended path of arch_spin_lock, and CONFIG_DEBUG_SPINLOCK's
 * reports. Waiters spin reading the lock word, then yield the CPU, so a waiter does not
 * burn its time slice while the holder (which, in user space, may have been preempted)
 * finishes.
 *
 * The checks themselves are inline (linux/spinlock.h); they call here only when a lock
 * looks wrong. The first bug reported turns debug_locks off (so later ones are silent,
 * as in Linux), but the decisions that keep the machine consistent are taken every time:
 * a lock the caller already owns is not taken again, and an unlock of a lock the caller
 * does not own is ignored. Linux's "cpu recursion" check is left out: several ukmem
 * threads share a virtual CPU, so another thread of this CPU may hold the lock. */
#include <sched.h>
#include <linux/spinlock.h>
#include <linux/debug_locks.h>
#include <linux/export.h>
#include <linux/printk.h>
#include <linux/smp.h>
#include "kernel/report.h"

/**
 * arch_spin_lock_slow - wait for a contended spinlock and take it
 * @lock: the lock word
 *
 * The slow path of arch_spin_lock() in <linux/spinlock.h>: spins with a pause a while, then
 * yields the host CPU between tries (a virtual CPU may be descheduled by the host).
 *
 * Context: any context; never sleeps in the kernel's sense.
 */
void arch_spin_lock_slow(arch_spinlock_t *lock)
{
	for (unsigned int spins = 0;; spins++) {
		if (!__atomic_load_n(&lock->locked, __ATOMIC_RELAXED) &&
		    !__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE))
			return;
		if (spins < 64)
			__builtin_ia32_pause();
		else
			sched_yield();
	}
}
EXPORT_SYMBOL(arch_spin_lock_slow);

/**
 * __raw_spin_lock_init - initialise a spinlock (spin_lock_init(), raw_spin_lock_init())
 * @lock: the lock
 * @name: its lockdep class name
 * @key: its class key (the static key of the initialising call site)
 * @inner: its lockdep wait type
 *
 * Context: any; the lock must not be held.
 */
void __raw_spin_lock_init(raw_spinlock_t *lock, const char *name,
			  struct lock_class_key *key, short inner)
{
	debug_check_no_locks_freed(lock, sizeof(*lock));
	lockdep_init_map_wait(&lock->dep_map, name, key, 0, (u8)inner);
	lock->raw_lock = (arch_spinlock_t)__ARCH_SPIN_LOCK_UNLOCKED;
	lock->magic = SPINLOCK_MAGIC;
	lock->owner = SPINLOCK_OWNER_INIT;
	lock->owner_cpu = -1;
	lock->ukmem_pinned = 0;
}
EXPORT_SYMBOL(__raw_spin_lock_init);

static void spin_dump(raw_spinlock_t *lock, const char *msg)
{
	struct task_struct *owner = __atomic_load_n((struct task_struct **)&lock->owner,
						    __ATOMIC_RELAXED);
	char sym[256];

	if (owner == SPINLOCK_OWNER_INIT)
		owner = NULL;
	report_begin();
	printk(KERN_EMERG "BUG: spinlock %s on CPU#%d, %s/%d\n", msg,
	       (int)raw_smp_processor_id(), current->comm, current->pid);
	printk(KERN_EMERG " lock: %s, .magic: %08x, .owner: %s/%d, .owner_cpu: %d\n",
	       ukmem_symbolize(lock, sym, sizeof(sym)), lock->magic,
	       owner ? owner->comm : "<none>", owner ? owner->pid : -1, (int)READ_ONCE(lock->owner_cpu));
	dump_stack();
}

static void spin_bug(raw_spinlock_t *lock, const char *msg)
{
	if (!debug_locks_off())
		return;
	spin_dump(lock, msg);
}

/**
 * ukmem_spin_lock_bug - a spinlock about to be taken has bad magic or is the caller's
 * @lock: the lock
 *
 * Context: spin_lock() and friends, preemption disabled.
 * Return: true to take the lock; false for a lock the caller holds (taking it would
 * spin forever).
 */
bool ukmem_spin_lock_bug(raw_spinlock_t *lock)
{
	if (lock->magic != SPINLOCK_MAGIC)
		spin_bug(lock, "bad magic");
	if (READ_ONCE(lock->owner) == current) {
		spin_bug(lock, "recursion");
		return false;
	}
	return true;
}
EXPORT_SYMBOL(ukmem_spin_lock_bug);

/**
 * ukmem_spin_unlock_bug - a spinlock being released looks wrong
 * @lock: the lock
 *
 * Context: spin_unlock() and friends.
 * Return: true to release it (the caller owns it); false for a free lock or another
 * task's, which are left as they are.
 */
bool ukmem_spin_unlock_bug(raw_spinlock_t *lock)
{
	struct task_struct *task = current;

	if (lock->magic != SPINLOCK_MAGIC)
		spin_bug(lock, "bad magic");
	if (!raw_spin_is_locked(lock)) {
		spin_bug(lock, "already unlocked");
		return false;
	}
	if (READ_ONCE(lock->owner) != task) {
		spin_bug(lock, "wrong owner");
		return false;
	}
	if (ukmem_spin_wrong_cpu(lock, task))
		spin_bug(lock, "wrong CPU");
	return true;
}
EXPORT_SYMBOL(ukmem_spin_unlock_bug);

/**
 * ukmem_raw_spin_held - whether the calling task holds a spinlock
 * @lock: the lock
 *
 * What lockdep_is_held() and lockdep_assert_held() use for spinlocks.
 *
 * Context: any context.
 * Return: true if @lock is held by the calling task.
 */
bool ukmem_raw_spin_held(const raw_spinlock_t *lock)
{
	return raw_spin_is_locked(lock) && READ_ONCE(lock->owner) == current;
}
EXPORT_SYMBOL(ukmem_raw_spin_held);
