// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/rwlock.c: rwlock_t, spinning: cnt 0 free, n > 0 readers, -1 a writer. Waiters
 * spin a little, then yield the CPU, as arch_spin_lock_slow does.
 * CONFIG_DEBUG_SPINLOCK's rwlock checks: bad magic on every operation; for writers,
 * recursion, wrong owner and wrong CPU. As for spinlocks, the first report turns
 * debug_locks off, a write lock the caller holds is not taken again, and releasing what
 * the caller does not hold (a free lock, another task's write lock) changes nothing. */
#include <sched.h>
#include <linux/spinlock.h>
#include <linux/debug_locks.h>
#include <linux/export.h>
#include <linux/printk.h>
#include <linux/smp.h>
#include "kernel/report.h"

static void spin_wait(unsigned int *spins)
{
	if ((*spins)++ < 64)
		__builtin_ia32_pause();
	else
		sched_yield();
}

/**
 * __rwlock_init - initialise an rwlock (rwlock_init())
 * @lock: the lock
 * @name: its lockdep class name
 * @key: its class key
 *
 * Context: any; the lock must not be held.
 */
void __rwlock_init(rwlock_t *lock, const char *name, struct lock_class_key *key)
{
	debug_check_no_locks_freed(lock, sizeof(*lock));
	lockdep_init_map_wait(&lock->dep_map, name, key, 0, LD_WAIT_CONFIG);
	lock->cnt = 0;
	lock->magic = RWLOCK_MAGIC;
	lock->owner = SPINLOCK_OWNER_INIT;
	lock->owner_cpu = -1;
	lock->ukmem_pinned = 0;
}
EXPORT_SYMBOL(__rwlock_init);

static void rwlock_bug(rwlock_t *lock, const char *msg)
{
	if (!debug_locks_off())
		return;
	report_begin();
	printk(KERN_EMERG "BUG: rwlock %s on CPU#%d, %s/%d, %px\n", msg,
	       (int)raw_smp_processor_id(), current->comm, current->pid, (void *)lock);
	dump_stack();
}

#define RWLOCK_BUG_ON(cond, lock, msg) do { if (unlikely(cond)) rwlock_bug(lock, msg); } while (0)

/**
 * do_raw_read_trylock - take an rwlock for reading if no writer holds it
 * @lock: the lock
 *
 * The lock word itself; read_trylock() in <linux/rwlock.h> adds the preemption, interrupt
 * and lockdep steps around it.
 *
 * Context: any context; never spins.
 * Return: true with @lock read-held.
 */
bool do_raw_read_trylock(rwlock_t *lock)
{
	int cnt = __atomic_load_n(&lock->cnt, __ATOMIC_RELAXED);

	while (cnt >= 0)
		if (__atomic_compare_exchange_n(&lock->cnt, &cnt, cnt + 1, false,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return true;
	return false;
}
EXPORT_SYMBOL(do_raw_read_trylock);

/**
 * do_raw_read_lock - take an rwlock for reading, spinning while a writer holds it
 * @lock: the lock
 *
 * Readers do not wait for waiting writers; Linux 6.1's queued rwlock makes them wait,
 * except in interrupt context.
 * A lock with bad magic is reported ("BUG: rwlock bad magic").
 *
 * Context: any context; spins, then yields the host CPU, never sleeps.
 * Return: true.
 */
bool do_raw_read_lock(rwlock_t *lock)
{
	RWLOCK_BUG_ON(lock->magic != RWLOCK_MAGIC, lock, "bad magic");
	for (unsigned int spins = 0; !do_raw_read_trylock(lock);)
		spin_wait(&spins);
	return true;
}
EXPORT_SYMBOL(do_raw_read_lock);

/**
 * do_raw_read_unlock - release an rwlock held for reading
 * @lock: the lock
 *
 * Context: any context; does not sleep.
 * Return: true, or false if @lock was not read-held (nothing is changed then).
 */
bool do_raw_read_unlock(rwlock_t *lock)
{
	int cnt = __atomic_load_n(&lock->cnt, __ATOMIC_RELAXED);

	RWLOCK_BUG_ON(lock->magic != RWLOCK_MAGIC, lock, "bad magic");
	/* Not read-held: releasing would make the count mean something else. */
	while (cnt > 0)
		if (__atomic_compare_exchange_n(&lock->cnt, &cnt, cnt - 1, false,
						__ATOMIC_RELEASE, __ATOMIC_RELAXED))
			return true;
	return false;
}
EXPORT_SYMBOL(do_raw_read_unlock);

static void debug_write_lock_after(rwlock_t *lock)
{
	struct task_struct *task = current;

	lock->ukmem_pinned = task->ukmem_cpu_pin != 0;
	WRITE_ONCE(lock->owner_cpu, raw_smp_processor_id());
	WRITE_ONCE(lock->owner, task);
}

/**
 * do_raw_write_trylock - take an rwlock for writing if nobody holds it
 * @lock: the lock
 *
 * Context: any context; never spins.
 * Return: true with @lock write-held by the calling task.
 */
bool do_raw_write_trylock(rwlock_t *lock)
{
	int free = 0;

	if (!__atomic_compare_exchange_n(&lock->cnt, &free, -1, false, __ATOMIC_ACQUIRE,
					 __ATOMIC_RELAXED))
		return false;
	debug_write_lock_after(lock);
	return true;
}
EXPORT_SYMBOL(do_raw_write_trylock);

/**
 * do_raw_write_lock - take an rwlock for writing, spinning while anybody holds it
 * @lock: the lock
 *
 * Taking it again in the task that holds it is reported ("BUG: rwlock recursion").
 *
 * Context: any context; spins, then yields the host CPU, never sleeps.
 * Return: true, or false on recursion (the lock is not taken).
 */
bool do_raw_write_lock(rwlock_t *lock)
{
	RWLOCK_BUG_ON(lock->magic != RWLOCK_MAGIC, lock, "bad magic");
	if (unlikely(READ_ONCE(lock->owner) == current)) {
		rwlock_bug(lock, "recursion");
		return false;
	}
	for (unsigned int spins = 0; !do_raw_write_trylock(lock);)
		spin_wait(&spins);
	return true;
}
EXPORT_SYMBOL(do_raw_write_lock);

/**
 * do_raw_write_unlock - release an rwlock held for writing
 * @lock: the lock, write-held by the calling task
 *
 * Releasing a lock another task holds, or one released on another CPU than it was taken
 * on, is reported ("BUG: rwlock wrong owner", "wrong CPU").
 *
 * Context: the task that holds @lock; does not sleep.
 * Return: true, or false if the calling task did not hold it.
 */
bool do_raw_write_unlock(rwlock_t *lock)
{
	struct task_struct *task = current;

	RWLOCK_BUG_ON(lock->magic != RWLOCK_MAGIC, lock, "bad magic");
	if (unlikely(READ_ONCE(lock->owner) != task ||
		     __atomic_load_n(&lock->cnt, __ATOMIC_RELAXED) != -1)) {
		rwlock_bug(lock, "wrong owner");
		return false;
	}
	RWLOCK_BUG_ON(ukmem_spin_wrong_cpu(lock, task), lock, "wrong CPU");
	WRITE_ONCE(lock->owner, SPINLOCK_OWNER_INIT);
	WRITE_ONCE(lock->owner_cpu, -1);
	__atomic_store_n(&lock->cnt, 0, __ATOMIC_RELEASE);
	return true;
}
EXPORT_SYMBOL(do_raw_write_unlock);

/**
 * ukmem_rwlock_held - whether an rwlock is held, as lockdep_is_held() asks
 * @lock: the lock
 *
 * Any read hold counts; a write hold counts only for the task that has it.
 *
 * Context: any context.
 * Return: true if held as described.
 */
bool ukmem_rwlock_held(const rwlock_t *lock)
{
	int cnt = __atomic_load_n(&lock->cnt, __ATOMIC_RELAXED);

	return cnt > 0 || (cnt < 0 && READ_ONCE(lock->owner) == current);
}
EXPORT_SYMBOL(ukmem_rwlock_held);
