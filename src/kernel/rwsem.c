/* kernel/rwsem.c: struct rw_semaphore on a futex word: count 0 free, n > 0 readers,
 * -1 one writer. A writer announces itself in writers_waiting, which turns new readers
 * away until it has had its turn. Every release that may let a sleeper in wakes all
 * sleepers; each re-checks. */
#include <linux/rwsem.h>
#include <linux/sched.h>
#include "kernel/futex.h"

void __init_rwsem(struct rw_semaphore *sem, const char *name, struct lock_class_key *key)
{
	*sem = (struct rw_semaphore)__RWSEM_INITIALIZER(sem);
	sem->name = name;
}

int down_read_trylock(struct rw_semaphore *sem)
{
	int count = __atomic_load_n(&sem->count, __ATOMIC_RELAXED);

	while (count >= 0 && !__atomic_load_n(&sem->writers_waiting, __ATOMIC_RELAXED))
		if (__atomic_compare_exchange_n(&sem->count, &count, count + 1, false,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return 1;
	return 0;
}

void ukmem_down_read(struct rw_semaphore *sem)
{
	while (!down_read_trylock(sem)) {
		int count = __atomic_load_n(&sem->count, __ATOMIC_RELAXED);

		if (count < 0 || __atomic_load_n(&sem->writers_waiting, __ATOMIC_RELAXED))
			futex_wait(&sem->count, count, -1);
	}
}

int down_write_trylock(struct rw_semaphore *sem)
{
	int free = 0;

	if (!__atomic_compare_exchange_n(&sem->count, &free, -1, false, __ATOMIC_ACQUIRE,
					 __ATOMIC_RELAXED))
		return 0;
	sem->owner = current->pid;
	return 1;
}

void ukmem_down_write(struct rw_semaphore *sem)
{
	if (down_write_trylock(sem))
		return;
	__atomic_fetch_add(&sem->writers_waiting, 1, __ATOMIC_RELAXED);
	while (!down_write_trylock(sem)) {
		int count = __atomic_load_n(&sem->count, __ATOMIC_RELAXED);

		if (count != 0)
			futex_wait(&sem->count, count, -1);
	}
	__atomic_fetch_sub(&sem->writers_waiting, 1, __ATOMIC_RELAXED);
}

void up_read(struct rw_semaphore *sem)
{
	if (__atomic_sub_fetch(&sem->count, 1, __ATOMIC_RELEASE) == 0)
		futex_wake_all(&sem->count);
}

void up_write(struct rw_semaphore *sem)
{
	WARN(sem->owner != current->pid,
	     "DEBUG_RWSEMS_WARN_ON(rwsem_owner(sem) != current)\n");
	sem->owner = 0;
	__atomic_store_n(&sem->count, 0, __ATOMIC_RELEASE);
	futex_wake_all(&sem->count);
}

void downgrade_write(struct rw_semaphore *sem)
{
	sem->owner = 0;
	__atomic_store_n(&sem->count, 1, __ATOMIC_RELEASE);
	futex_wake_all(&sem->count);
}

int rwsem_is_locked(struct rw_semaphore *sem)
{
	return __atomic_load_n(&sem->count, __ATOMIC_RELAXED) != 0;
}

bool ukmem_rwsem_held(const struct rw_semaphore *sem)
{
	int count = __atomic_load_n(&sem->count, __ATOMIC_RELAXED);

	return count > 0 || (count < 0 && sem->owner == current->pid);
}
