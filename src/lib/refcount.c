// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/refcount.c: the report for a misused refcount_t, and the drops that take a lock
 * for the last reference. Each kind of misuse warns once
 * (as the kernel's WARN_ONCE does) and the count is pinned at REFCOUNT_SATURATED. */
#include <linux/bug.h>
#include <linux/refcount.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/export.h>

/**
 * refcount_warn_saturate - saturate a refcount_t that went wrong, and warn
 * @r: the refcount
 * @t: what happened (overflow, addition on 0, underflow, ...)
 *
 * The count is pinned at REFCOUNT_SATURATED, so the object leaks instead of being freed
 * while in use; each kind of fault warns once, as in Linux 6.1.
 *
 * Context: any context; does not sleep.
 */
void refcount_warn_saturate(refcount_t *r, enum refcount_saturation_type t)
{
	refcount_set(r, REFCOUNT_SATURATED);
	switch (t) {
	case REFCOUNT_ADD_NOT_ZERO_OVF:
	case REFCOUNT_ADD_OVF:
		WARN_ONCE(1, "refcount_t: saturated; leaking memory.\n");
		break;
	case REFCOUNT_ADD_UAF:
		WARN_ONCE(1, "refcount_t: addition on 0; use-after-free.\n");
		break;
	case REFCOUNT_SUB_UAF:
		WARN_ONCE(1, "refcount_t: underflow; use-after-free.\n");
		break;
	case REFCOUNT_DEC_LEAK:
		WARN_ONCE(1, "refcount_t: decrement hit 0; leaking memory.\n");
		break;
	default:
		WARN_ONCE(1, "refcount_t: unknown saturation event!?\n");
	}
}
EXPORT_SYMBOL(refcount_warn_saturate);

/**
 * refcount_dec_if_one - drop the count from one to zero, and only from one
 * @r: the count
 *
 * Context: any. Returns true if the count was one and is now zero.
 */
bool refcount_dec_if_one(refcount_t *r)
{
	int one = 1;

	return atomic_try_cmpxchg(&r->refs, &one, 0);
}
EXPORT_SYMBOL(refcount_dec_if_one);

/**
 * refcount_dec_not_one - drop a reference unless it is the last one
 * @r: the count
 *
 * Context: any. Returns false, changing nothing, if the count is one; a saturated
 * count stays saturated; a zero count warns (an underflow).
 */
bool refcount_dec_not_one(refcount_t *r)
{
	int val = atomic_read(&r->refs);

	do {
		if (unlikely(val == REFCOUNT_SATURATED))
			return true;
		if (val == 1)
			return false;
		if (unlikely(!val)) {
			WARN_ONCE(1, "refcount_t: underflow; use-after-free.\n");
			return true;
		}
	} while (!atomic_try_cmpxchg(&r->refs, &val, val - 1));
	return true;
}
EXPORT_SYMBOL(refcount_dec_not_one);

/**
 * refcount_dec_and_mutex_lock - drop a reference, taking @lock if it is the last
 * @r: the count
 * @lock: the mutex that lookups of the object hold
 *
 * Context: may sleep. Returns true with @lock held if the count reached zero; false
 * without the lock otherwise.
 */
bool refcount_dec_and_mutex_lock(refcount_t *r, struct mutex *lock)
{
	if (refcount_dec_not_one(r))
		return false;
	mutex_lock(lock);
	if (!refcount_dec_and_test(r)) {
		mutex_unlock(lock);
		return false;
	}
	return true;
}
EXPORT_SYMBOL(refcount_dec_and_mutex_lock);

/**
 * refcount_dec_and_lock - drop a reference, taking @lock if it is the last
 * @r: the count
 * @lock: the spinlock that lookups of the object hold
 *
 * Context: any. Returns true with @lock held if the count reached zero.
 */
bool refcount_dec_and_lock(refcount_t *r, spinlock_t *lock)
{
	if (refcount_dec_not_one(r))
		return false;
	spin_lock(lock);
	if (!refcount_dec_and_test(r)) {
		spin_unlock(lock);
		return false;
	}
	return true;
}
EXPORT_SYMBOL(refcount_dec_and_lock);

/**
 * refcount_dec_and_lock_irqsave - drop a reference; take a spinlock if it was the last
 * @r: the refcount
 * @lock: the spinlock
 * @flags: where the saved interrupt state goes
 *
 * Context: any context; takes @lock with interrupts saved when the count may reach 0.
 * Return: true with @lock held (interrupts off) if the count dropped to 0, else false.
 */
bool refcount_dec_and_lock_irqsave(refcount_t *r, spinlock_t *lock, unsigned long *flags)
{
	if (refcount_dec_not_one(r))
		return false;
	spin_lock_irqsave(lock, *flags);
	if (!refcount_dec_and_test(r)) {
		spin_unlock_irqrestore(lock, *flags);
		return false;
	}
	return true;
}
EXPORT_SYMBOL(refcount_dec_and_lock_irqsave);
