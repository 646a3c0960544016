/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/refcount.h: reference counts that refuse to wrap. An increment from 0, an
 * overflow or an underflow is reported once (the kernel's "refcount_t: ..." WARNING) and
 * the count is pinned at REFCOUNT_SATURATED so the object leaks instead of being freed
 * while in use. */
#ifndef UKMEM_LINUX_REFCOUNT_H
#define UKMEM_LINUX_REFCOUNT_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/limits.h>
#include <linux/atomic.h>
#include <linux/compiler.h>

typedef struct refcount_struct { atomic_t refs; } refcount_t;

#define REFCOUNT_INIT(n)	{ .refs = ATOMIC_INIT(n) }
#define REFCOUNT_MAX		INT_MAX
#define REFCOUNT_SATURATED	(INT_MIN / 2)

enum refcount_saturation_type {
	REFCOUNT_ADD_NOT_ZERO_OVF,
	REFCOUNT_ADD_OVF,
	REFCOUNT_ADD_UAF,
	REFCOUNT_SUB_UAF,
	REFCOUNT_DEC_LEAK,
};

void refcount_warn_saturate(refcount_t *r, enum refcount_saturation_type t);

static inline void refcount_set(refcount_t *r, int n) { atomic_set(&r->refs, n); }
static inline unsigned int refcount_read(const refcount_t *r) { return (unsigned int)atomic_read(&r->refs); }

static inline __must_check bool refcount_add_not_zero(int i, refcount_t *r)
{
	int old = atomic_read(&r->refs);

	do {
		if (!old)
			break;
	} while (!atomic_try_cmpxchg(&r->refs, &old, old + i));
	if (unlikely(old < 0 || old + i < 0))
		refcount_warn_saturate(r, REFCOUNT_ADD_NOT_ZERO_OVF);
	return old != 0;
}
static inline __must_check bool refcount_inc_not_zero(refcount_t *r) { return refcount_add_not_zero(1, r); }

static inline void refcount_add(int i, refcount_t *r)
{
	int old = atomic_fetch_add(i, &r->refs);

	if (unlikely(!old))
		refcount_warn_saturate(r, REFCOUNT_ADD_UAF);
	else if (unlikely(old < 0 || old + i < 0))
		refcount_warn_saturate(r, REFCOUNT_ADD_OVF);
}
static inline void refcount_inc(refcount_t *r) { refcount_add(1, r); }

static inline __must_check bool refcount_sub_and_test(int i, refcount_t *r)
{
	int old = atomic_fetch_sub(i, &r->refs);

	if (old == i)
		return true;
	if (unlikely(old < 0 || old - i < 0))
		refcount_warn_saturate(r, REFCOUNT_SUB_UAF);
	return false;
}
static inline __must_check bool refcount_dec_and_test(refcount_t *r) { return refcount_sub_and_test(1, r); }

static inline void refcount_dec(refcount_t *r)
{
	if (unlikely(atomic_fetch_sub(1, &r->refs) <= 1))
		refcount_warn_saturate(r, REFCOUNT_DEC_LEAK);
}

/* lib/refcount.c: drops that take a lock only for the last reference. */
struct mutex;
struct spinlock;
__must_check bool refcount_dec_if_one(refcount_t *r);
__must_check bool refcount_dec_not_one(refcount_t *r);
__must_check bool refcount_dec_and_mutex_lock(refcount_t *r, struct mutex *lock);
__must_check bool refcount_dec_and_lock(refcount_t *r, struct spinlock *lock);
__must_check bool refcount_dec_and_lock_irqsave(refcount_t *r, struct spinlock *lock,
						unsigned long *flags);

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/refcount.h> brings with it, once this header is complete. */
#include <linux/bits.h>
#include <linux/bug.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/spinlock_types.h>
#endif
#endif
