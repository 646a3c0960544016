/* kernel/rwlock.c: rwlock_t, spinning: cnt 0 free, n > 0 readers, -1 a writer. Waiters
 * spin a little, then yield the CPU, as arch_spin_lock_slow does. */
#include <sched.h>
#include <linux/spinlock.h>

static void spin_wait(unsigned int *spins)
{
	if ((*spins)++ < 64)
		__builtin_ia32_pause();
	else
		sched_yield();
}

bool do_raw_read_trylock(rwlock_t *lock)
{
	int cnt = __atomic_load_n(&lock->cnt, __ATOMIC_RELAXED);

	while (cnt >= 0)
		if (__atomic_compare_exchange_n(&lock->cnt, &cnt, cnt + 1, false,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return true;
	return false;
}

void do_raw_read_lock(rwlock_t *lock)
{
	for (unsigned int spins = 0; !do_raw_read_trylock(lock);)
		spin_wait(&spins);
}

void do_raw_read_unlock(rwlock_t *lock)
{
	__atomic_fetch_sub(&lock->cnt, 1, __ATOMIC_RELEASE);
}

bool do_raw_write_trylock(rwlock_t *lock)
{
	int free = 0;

	if (!__atomic_compare_exchange_n(&lock->cnt, &free, -1, false, __ATOMIC_ACQUIRE,
					 __ATOMIC_RELAXED))
		return false;
	lock->owner = current->pid;
	return true;
}

void do_raw_write_lock(rwlock_t *lock)
{
	for (unsigned int spins = 0; !do_raw_write_trylock(lock);)
		spin_wait(&spins);
}

void do_raw_write_unlock(rwlock_t *lock)
{
	lock->owner = 0;
	__atomic_store_n(&lock->cnt, 0, __ATOMIC_RELEASE);
}

bool ukmem_rwlock_held(const rwlock_t *lock)
{
	int cnt = __atomic_load_n(&lock->cnt, __ATOMIC_RELAXED);

	return cnt > 0 || (cnt < 0 && lock->owner == current->pid);
}
