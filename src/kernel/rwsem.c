// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/rwsem.c: struct rw_semaphore on a futex word: count 0 free, n > 0 readers,
 * -1 one writer. A writer announces itself in writers_waiting, which turns new readers
 * away until it has had its turn. Every release that may let a sleeper in wakes all
 * sleepers; each re-checks. Lock validation is told of acquires made with a caller
 * address (ip != 0: kernel code; ukmem's own code passes 0). */
#include <linux/rwsem.h>
#include <linux/export.h>
#include <linux/sched.h>
#include "kernel/futex.h"

#undef down_read_trylock
#undef down_write_trylock
#undef up_read
#undef up_write

/**
 * __init_rwsem - initialise a rw_semaphore (init_rwsem())
 * @sem: the semaphore
 * @name: its lockdep class name
 * @key: its class key
 *
 * Context: any; the semaphore must not be held.
 */
void __init_rwsem(struct rw_semaphore *sem, const char *name, struct lock_class_key *key)
{
	debug_check_no_locks_freed(sem, sizeof(*sem));
	lockdep_init_map_wait(&sem->dep_map, name, key, 0, LD_WAIT_SLEEP);
	sem->count = 0;
	sem->writers_waiting = 0;
	sem->owner = 0;
	sem->magic = sem;
}
EXPORT_SYMBOL(__init_rwsem);

static int rwsem_read_trylock(struct rw_semaphore *sem)
{
	int count = __atomic_load_n(&sem->count, __ATOMIC_RELAXED);

	while (count >= 0 && !__atomic_load_n(&sem->writers_waiting, __ATOMIC_RELAXED))
		if (__atomic_compare_exchange_n(&sem->count, &count, count + 1, false,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return 1;
	return 0;
}

static int rwsem_write_trylock(struct rw_semaphore *sem)
{
	int free = 0;

	if (!__atomic_compare_exchange_n(&sem->count, &free, -1, false, __ATOMIC_ACQUIRE,
					 __ATOMIC_RELAXED))
		return 0;
	sem->owner = current->pid;
	return 1;
}

/**
 * ukmem_down_read_trylock - take an rw_semaphore for reading if it is free of writers
 * @sem: the semaphore
 * @ip: the caller, for lockdep; 0 skips lockdep
 *
 * What down_read_trylock() calls.
 *
 * Context: any context; never sleeps.
 * Return: 1 with @sem read-held, 0 if a writer holds it.
 */
int ukmem_down_read_trylock(struct rw_semaphore *sem, unsigned long ip)
{
	if (!rwsem_read_trylock(sem))
		return 0;
	if (ip && ukmem_lockdep_active)
		rwsem_acquire_read(&sem->dep_map, 0, 1, ip);
	return 1;
}
EXPORT_SYMBOL(ukmem_down_read_trylock);

/**
 * down_read_trylock - take an rw_semaphore for reading if it is free of writers
 * @sem: the semaphore
 *
 * The out-of-line version, for callers that take its address; <linux/rwsem.h> defines
 * down_read_trylock() as a macro on ukmem_down_read_trylock().
 *
 * Context: any context; never sleeps.
 * Return: 1 with @sem read-held, 0 otherwise.
 */
int down_read_trylock(struct rw_semaphore *sem)
{
	return ukmem_down_read_trylock(sem, _RET_IP_);
}
EXPORT_SYMBOL(down_read_trylock);

/**
 * ukmem_down_read - take an rw_semaphore for reading, waiting for writers
 * @sem: the semaphore
 * @subclass: the lockdep subclass (down_read_nested())
 * @ip: the caller, for lockdep; 0 skips lockdep
 *
 * What down_read() calls, after might_sleep(). A reader also waits while a writer is
 * waiting, so writers are not starved.
 *
 * Context: process context; sleeps while a writer holds or waits for @sem.
 */
void ukmem_down_read(struct rw_semaphore *sem, unsigned int subclass, unsigned long ip)
{
	if (ip && ukmem_lockdep_active)
		rwsem_acquire_read(&sem->dep_map, subclass, 0, ip);
	while (!rwsem_read_trylock(sem)) {
		int count = __atomic_load_n(&sem->count, __ATOMIC_RELAXED);

		if (count < 0 || __atomic_load_n(&sem->writers_waiting, __ATOMIC_RELAXED))
			futex_wait(&sem->count, count, -1);
	}
}
EXPORT_SYMBOL(ukmem_down_read);

/**
 * ukmem_down_write_trylock - take an rw_semaphore for writing if nobody holds it
 * @sem: the semaphore
 * @ip: the caller, for lockdep; 0 skips lockdep
 *
 * Context: any context; never sleeps.
 * Return: 1 with @sem write-held, 0 otherwise.
 */
int ukmem_down_write_trylock(struct rw_semaphore *sem, unsigned long ip)
{
	if (!rwsem_write_trylock(sem))
		return 0;
	if (ip && ukmem_lockdep_active)
		rwsem_acquire(&sem->dep_map, 0, 1, ip);
	return 1;
}
EXPORT_SYMBOL(ukmem_down_write_trylock);

/**
 * down_write_trylock - take an rw_semaphore for writing if nobody holds it
 * @sem: the semaphore
 *
 * The out-of-line version; <linux/rwsem.h> maps the call to ukmem_down_write_trylock().
 *
 * Context: any context; never sleeps.
 * Return: 1 with @sem write-held, 0 otherwise.
 */
int down_write_trylock(struct rw_semaphore *sem)
{
	return ukmem_down_write_trylock(sem, _RET_IP_);
}
EXPORT_SYMBOL(down_write_trylock);

/**
 * ukmem_down_write - take an rw_semaphore for writing, waiting for every holder
 * @sem: the semaphore
 * @subclass: the lockdep subclass (down_write_nested())
 * @ip: the caller, for lockdep; 0 skips lockdep
 *
 * What down_write() calls, after might_sleep().
 *
 * Context: process context; sleeps while anybody holds @sem.
 */
void ukmem_down_write(struct rw_semaphore *sem, unsigned int subclass, unsigned long ip)
{
	if (ip && ukmem_lockdep_active)
		rwsem_acquire(&sem->dep_map, subclass, 0, ip);
	if (rwsem_write_trylock(sem))
		return;
	__atomic_fetch_add(&sem->writers_waiting, 1, __ATOMIC_RELAXED);
	while (!rwsem_write_trylock(sem)) {
		int count = __atomic_load_n(&sem->count, __ATOMIC_RELAXED);

		if (count != 0)
			futex_wait(&sem->count, count, -1);
	}
	__atomic_fetch_sub(&sem->writers_waiting, 1, __ATOMIC_RELAXED);
}
EXPORT_SYMBOL(ukmem_down_write);

/**
 * ukmem_up_read - release an rw_semaphore held for reading
 * @sem: the semaphore
 * @ip: the caller, for lockdep; 0 skips lockdep
 *
 * The last reader wakes the waiters.
 *
 * Context: any context; does not sleep.
 */
void ukmem_up_read(struct rw_semaphore *sem, unsigned long ip)
{
	if (ip && ukmem_lockdep_active)
		rwsem_release(&sem->dep_map, ip);
	if (__atomic_sub_fetch(&sem->count, 1, __ATOMIC_RELEASE) == 0)
		futex_wake_all(&sem->count);
}
EXPORT_SYMBOL(ukmem_up_read);

/**
 * up_read - release an rw_semaphore held for reading
 * @sem: the semaphore
 *
 * The out-of-line version; <linux/rwsem.h> maps the call to ukmem_up_read().
 *
 * Context: any context; does not sleep.
 */
void up_read(struct rw_semaphore *sem)
{
	ukmem_up_read(sem, _RET_IP_);
}
EXPORT_SYMBOL(up_read);

/**
 * ukmem_up_write - release an rw_semaphore held for writing, waking all waiters
 * @sem: the semaphore, write-held by the calling task (warns otherwise)
 * @ip: the caller, for lockdep; 0 skips lockdep
 *
 * Context: the task that took @sem; does not sleep.
 */
void ukmem_up_write(struct rw_semaphore *sem, unsigned long ip)
{
	if (ip && ukmem_lockdep_active)
		rwsem_release(&sem->dep_map, ip);
	WARN(sem->owner != current->pid,
	     "DEBUG_RWSEMS_WARN_ON(rwsem_owner(sem) != current)\n");
	sem->owner = 0;
	__atomic_store_n(&sem->count, 0, __ATOMIC_RELEASE);
	futex_wake_all(&sem->count);
}
EXPORT_SYMBOL(ukmem_up_write);

/**
 * up_write - release an rw_semaphore held for writing
 * @sem: the semaphore
 *
 * The out-of-line version; <linux/rwsem.h> maps the call to ukmem_up_write().
 *
 * Context: the task that took @sem; does not sleep.
 */
void up_write(struct rw_semaphore *sem)
{
	ukmem_up_write(sem, _RET_IP_);
}
EXPORT_SYMBOL(up_write);

/**
 * downgrade_write - turn a write hold of an rw_semaphore into a read hold
 * @sem: the semaphore, write-held by the calling task
 *
 * Waiting readers may enter at once; no writer can get in between.
 *
 * Context: the task that took @sem; does not sleep.
 */
void downgrade_write(struct rw_semaphore *sem)
{
	sem->owner = 0;
	__atomic_store_n(&sem->count, 1, __ATOMIC_RELEASE);
	futex_wake_all(&sem->count);
}
EXPORT_SYMBOL(downgrade_write);

/**
 * rwsem_is_locked - whether an rw_semaphore is held by anyone
 * @sem: the semaphore
 *
 * Context: any context; a lockless read.
 * Return: nonzero if held for reading or writing.
 */
int rwsem_is_locked(struct rw_semaphore *sem)
{
	return __atomic_load_n(&sem->count, __ATOMIC_RELAXED) != 0;
}
EXPORT_SYMBOL(rwsem_is_locked);

/**
 * ukmem_rwsem_held - whether an rw_semaphore is held, as lockdep_is_held() asks
 * @sem: the semaphore
 *
 * Readers are not tracked by task, so any read hold counts; a write hold counts only for
 * the task that has it.
 *
 * Context: any context.
 * Return: true if held as described.
 */
bool ukmem_rwsem_held(const struct rw_semaphore *sem)
{
	int count = __atomic_load_n(&sem->count, __ATOMIC_RELAXED);

	return count > 0 || (count < 0 && sem->owner == current->pid);
}
EXPORT_SYMBOL(ukmem_rwsem_held);
