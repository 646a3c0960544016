/* kernel/spinlock.c: the contended path of arch_spin_lock. Spins reading the lock word,
 * then yields the CPU, so a waiter does not burn its time slice while the holder (which,
 * in user space, may have been preempted) finishes. */
#include <sched.h>
#include <linux/spinlock.h>

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

bool ukmem_raw_spin_held(const raw_spinlock_t *lock)
{
	return raw_spin_is_locked(lock) && lock->owner == current->pid;
}
