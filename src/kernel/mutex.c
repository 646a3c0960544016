// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/mutex.c: struct mutex on a futex word (0 free, 1 held, 2 held and contended).
 * Only a thread that finds the word contended sleeps; unlock wakes one sleeper only when
 * the word said 2. The owner is recorded for lockdep_assert_held() and, as with
 * CONFIG_DEBUG_MUTEXES, checked on unlock: releasing a mutex the caller does not hold
 * (free, or another task's) gives DEBUG_LOCKS_WARN_ON's warning and is then done
 * anyway, as in Linux. Lock validation is told of acquires made with a caller address
 * (ip != 0: kernel code; ukmem's own code passes 0). The interruptible and killable
 * forms give up with -EINTR for a signal (kernel/signal.c wakes their sleep). */
#include <linux/errno.h>
#include <linux/mutex.h>
#include <linux/debug_locks.h>
#include <linux/export.h>
#include <linux/sched.h>
#include "kernel/futex.h"
#include "kernel/signal.h"

#undef mutex_trylock
#undef mutex_unlock

/**
 * __mutex_init - initialise a mutex (mutex_init())
 * @lock: the mutex
 * @name: its lockdep class name
 * @key: its class key
 *
 * Context: any; the mutex must not be held.
 */
void __mutex_init(struct mutex *lock, const char *name, struct lock_class_key *key)
{
	debug_check_no_locks_freed(lock, sizeof(*lock));
	lockdep_init_map_wait(&lock->dep_map, name, key, 0, LD_WAIT_SLEEP);
	lock->state = 0;
	lock->owner = NULL;
	lock->magic = lock;
}
EXPORT_SYMBOL(__mutex_init);

/**
 * ukmem_mutex_lock_state - take @lock, sleeping in @state while it is held
 * @lock: the mutex
 * @subclass: lockdep subclass
 * @ip: the caller's address for lockdep, 0 for none
 * @state: TASK_UNINTERRUPTIBLE, or TASK_INTERRUPTIBLE/TASK_KILLABLE for the forms a
 *         signal may end (only a task in a user call has signals)
 *
 * Context: process; sleeps. Returns 0 with the mutex held, or -EINTR (not holding it)
 * when a signal @state lets through is pending before it could be taken.
 */
int ukmem_mutex_lock_state(struct mutex *lock, unsigned int subclass, unsigned long ip,
			   unsigned int state)
{
	int free = 0;

	if (ip && ukmem_lockdep_active)
		mutex_acquire(&lock->dep_map, subclass, 0, ip);
	if (!__atomic_compare_exchange_n(&lock->state, &free, 1, false, __ATOMIC_ACQUIRE,
					 __ATOMIC_RELAXED)) {
		while (__atomic_exchange_n(&lock->state, 2, __ATOMIC_ACQUIRE) != 0) {
			if (signal_pending_state(state, current)) {
				if (ip && ukmem_lockdep_active)
					mutex_release(&lock->dep_map, ip);
				return -EINTR;
			}
			wait_on_word(&lock->state, 2, state);
		}
	}
	lock->owner = current;
	return 0;
}
EXPORT_SYMBOL(ukmem_mutex_lock_state);

/**
 * ukmem_mutex_lock_interruptible - take a mutex unless a signal comes first
 * @lock: the mutex
 * @subclass: the lockdep subclass (mutex_lock_interruptible_nested())
 * @ip: the caller, for lockdep; 0 skips lockdep
 *
 * What mutex_lock_interruptible() calls, after might_sleep().
 *
 * Context: process context; sleeps while the mutex is held by another task.
 * Return: 0 with @lock held, or -EINTR when a signal came first (only a task in a user
 * call has signals in ukmem).
 */
int ukmem_mutex_lock_interruptible(struct mutex *lock, unsigned int subclass, unsigned long ip)
{
	return ukmem_mutex_lock_state(lock, subclass, ip, TASK_INTERRUPTIBLE);
}
EXPORT_SYMBOL(ukmem_mutex_lock_interruptible);

/**
 * ukmem_mutex_lock_killable - take a mutex unless a fatal signal comes first
 * @lock: the mutex
 * @subclass: the lockdep subclass
 * @ip: the caller, for lockdep; 0 skips lockdep
 *
 * What mutex_lock_killable() calls, after might_sleep().
 *
 * Context: process context; sleeps while the mutex is held by another task.
 * Return: 0 with @lock held, or -EINTR when a fatal signal came first.
 */
int ukmem_mutex_lock_killable(struct mutex *lock, unsigned int subclass, unsigned long ip)
{
	return ukmem_mutex_lock_state(lock, subclass, ip, TASK_KILLABLE);
}
EXPORT_SYMBOL(ukmem_mutex_lock_killable);

/**
 * ukmem_mutex_lock_nested - take a mutex, waiting as long as it takes
 * @lock: the mutex
 * @subclass: the lockdep subclass (mutex_lock_nested())
 * @ip: the caller, for lockdep; 0 skips lockdep
 *
 * What mutex_lock() and mutex_lock_nested() call, after might_sleep(). The wait is
 * uninterruptible.
 *
 * Context: process context; sleeps while the mutex is held by another task. Not in an
 * interrupt or with a spinlock held; not recursive.
 */
void ukmem_mutex_lock_nested(struct mutex *lock, unsigned int subclass, unsigned long ip)
{
	(void)ukmem_mutex_lock_state(lock, subclass, ip, TASK_UNINTERRUPTIBLE);
}
EXPORT_SYMBOL(ukmem_mutex_lock_nested);

/**
 * ukmem_mutex_lock - take a mutex without lockdep's validation
 * @lock: the mutex
 *
 * For ukmem's own code built without the kernel headers' macros; drivers use mutex_lock().
 *
 * Context: process context; sleeps while the mutex is held by another task.
 */
void ukmem_mutex_lock(struct mutex *lock)
{
	ukmem_mutex_lock_nested(lock, 0, 0);
}
EXPORT_SYMBOL(ukmem_mutex_lock);

/**
 * ukmem_mutex_trylock - take a mutex if it is free, without waiting
 * @lock: the mutex
 * @ip: the caller, for lockdep; 0 skips lockdep
 *
 * What mutex_trylock() calls.
 *
 * Context: any context that may own a mutex (not an interrupt, as in Linux); never sleeps.
 * Return: 1 with @lock held, 0 if it was held.
 */
int ukmem_mutex_trylock(struct mutex *lock, unsigned long ip)
{
	int free = 0;

	if (!__atomic_compare_exchange_n(&lock->state, &free, 1, false, __ATOMIC_ACQUIRE,
					 __ATOMIC_RELAXED))
		return 0;
	lock->owner = current;
	if (ip && ukmem_lockdep_active)
		mutex_acquire(&lock->dep_map, 0, 1, ip);
	return 1;
}
EXPORT_SYMBOL(ukmem_mutex_trylock);

/**
 * mutex_trylock - take a mutex if it is free
 * @lock: the mutex
 *
 * Context: task; does not sleep.
 * Return: 1 if taken, 0 if it was held.
 */
int mutex_trylock(struct mutex *lock)
{
	return ukmem_mutex_trylock(lock, _RET_IP_);
}
EXPORT_SYMBOL(mutex_trylock);

/* The owning task, as Linux's DEBUG_LOCKS_WARN_ON text names it. */
static inline struct task_struct *__owner_task(struct task_struct *owner)
{
	return owner;
}

/**
 * ukmem_mutex_unlock - release a mutex, waking one waiter
 * @lock: the mutex, held by the calling task
 * @ip: the caller, for lockdep; 0 skips lockdep
 *
 * What mutex_unlock() calls. Releasing a mutex another task holds warns (DEBUG_LOCKS).
 *
 * Context: the task that took @lock; does not sleep.
 */
void ukmem_mutex_unlock(struct mutex *lock, unsigned long ip)
{
	struct task_struct *owner = lock->owner;

	if (ip && ukmem_lockdep_active)
		mutex_release(&lock->dep_map, ip);
	DEBUG_LOCKS_WARN_ON(__owner_task(owner) != current);
	DEBUG_LOCKS_WARN_ON(lock->magic != lock);
	lock->owner = NULL;
	if (__atomic_exchange_n(&lock->state, 0, __ATOMIC_RELEASE) == 2) {
		futex_wake(&lock->state, 1);
		word_wake(&lock->state);
	}
}
EXPORT_SYMBOL(ukmem_mutex_unlock);

/**
 * mutex_unlock - release a mutex
 * @lock: the mutex, held by the caller
 *
 * Context: task; wakes one waiter.
 */
void mutex_unlock(struct mutex *lock)
{
	ukmem_mutex_unlock(lock, _RET_IP_);
}
EXPORT_SYMBOL(mutex_unlock);

/**
 * mutex_is_locked - whether a mutex is held by anyone
 * @lock: the mutex
 *
 * Context: any context; a lockless read, stale as soon as it returns.
 * Return: true if held.
 */
bool mutex_is_locked(struct mutex *lock)
{
	return __atomic_load_n(&lock->state, __ATOMIC_RELAXED) != 0;
}
EXPORT_SYMBOL(mutex_is_locked);

/**
 * mutex_destroy - mark a mutex as no longer usable
 * @lock: the mutex, which must not be held (warns if it is)
 *
 * Later use of @lock is caught by the mutex's magic check.
 *
 * Context: any context; does not sleep.
 */
void mutex_destroy(struct mutex *lock)
{
	DEBUG_LOCKS_WARN_ON(mutex_is_locked(lock));
	lock->magic = NULL;
}
EXPORT_SYMBOL_GPL(mutex_destroy);

/**
 * ukmem_mutex_held - whether the calling task holds a mutex
 * @lock: the mutex
 *
 * What lockdep_is_held() and lockdep_assert_held() use for a mutex, with lockdep on or off.
 *
 * Context: any context.
 * Return: true if the calling task owns @lock.
 */
bool ukmem_mutex_held(const struct mutex *lock)
{
	return __atomic_load_n(&lock->state, __ATOMIC_RELAXED) != 0 &&
	       lock->owner == current;
}
EXPORT_SYMBOL(ukmem_mutex_held);
