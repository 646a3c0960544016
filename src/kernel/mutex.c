/* kernel/mutex.c: struct mutex on a futex word (0 free, 1 held, 2 held and contended).
 * Only a thread that finds the word contended sleeps; unlock wakes one sleeper only when
 * the word said 2. The owner is recorded for lockdep_assert_held() and checked on unlock. */
#include <linux/mutex.h>
#include <linux/sched.h>
#include "kernel/futex.h"

void __mutex_init(struct mutex *lock, const char *name, struct lock_class_key *key)
{
	lock->state = 0;
	lock->owner = 0;
	lock->name = name;
}

void ukmem_mutex_lock(struct mutex *lock)
{
	int free = 0;

	if (!__atomic_compare_exchange_n(&lock->state, &free, 1, false, __ATOMIC_ACQUIRE,
					 __ATOMIC_RELAXED)) {
		while (__atomic_exchange_n(&lock->state, 2, __ATOMIC_ACQUIRE) != 0)
			futex_wait(&lock->state, 2, -1);
	}
	lock->owner = current->pid;
}

int mutex_trylock(struct mutex *lock)
{
	int free = 0;

	if (!__atomic_compare_exchange_n(&lock->state, &free, 1, false, __ATOMIC_ACQUIRE,
					 __ATOMIC_RELAXED))
		return 0;
	lock->owner = current->pid;
	return 1;
}

void mutex_unlock(struct mutex *lock)
{
	WARN(lock->owner != current->pid,
	     "DEBUG_LOCKS_WARN_ON(__owner_task(owner) != current)\n");
	lock->owner = 0;
	if (__atomic_exchange_n(&lock->state, 0, __ATOMIC_RELEASE) == 2)
		futex_wake(&lock->state, 1);
}

bool mutex_is_locked(struct mutex *lock)
{
	return __atomic_load_n(&lock->state, __ATOMIC_RELAXED) != 0;
}

void mutex_destroy(struct mutex *lock)
{
	WARN(mutex_is_locked(lock), "DEBUG_LOCKS_WARN_ON(mutex_is_locked(lock))\n");
}

bool ukmem_mutex_held(const struct mutex *lock)
{
	return __atomic_load_n(&lock->state, __ATOMIC_RELAXED) != 0 &&
	       lock->owner == current->pid;
}
