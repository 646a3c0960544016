// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/semaphore.c: the counting semaphore on a futex word holding the free units.
 * down() takes a unit with compare-and-swap and sleeps while the count is 0; up() adds a
 * unit and wakes one sleeper. */
#include <linux/semaphore.h>
#include <linux/jiffies.h>
#include <linux/export.h>
#include "kernel/futex.h"

int down_trylock(struct semaphore *sem)
{
	int count = __atomic_load_n(&sem->count, __ATOMIC_RELAXED);

	while (count > 0)
		if (__atomic_compare_exchange_n(&sem->count, &count, count - 1, false,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return 0;
	return 1;
}
EXPORT_SYMBOL(down_trylock);

void ukmem_down(struct semaphore *sem)
{
	while (down_trylock(sem))
		futex_wait(&sem->count, 0, -1);
}
EXPORT_SYMBOL(ukmem_down);

int ukmem_down_timeout(struct semaphore *sem, long timeout)
{
	u64 deadline = get_jiffies_64() + (u64)timeout;

	while (down_trylock(sem)) {
		s64 left = (s64)(deadline - get_jiffies_64());

		if (left <= 0)
			return -ETIME;
		futex_wait(&sem->count, 0, (long long)jiffies_to_nsecs((unsigned long)left));
	}
	return 0;
}
EXPORT_SYMBOL(ukmem_down_timeout);

void up(struct semaphore *sem)
{
	__atomic_fetch_add(&sem->count, 1, __ATOMIC_RELEASE);
	futex_wake(&sem->count, 1);
}
EXPORT_SYMBOL(up);
