/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/atomic.h: atomic_t, atomic_long_t and atomic64_t on the compiler's __atomic
 * builtins. Value-returning operations are fully ordered, the others relaxed, as the
 * kernel documents (Documentation/atomic_t.txt). xchg/cmpxchg work on any scalar. */
#ifndef UKMEM_LINUX_ATOMIC_H
#define UKMEM_LINUX_ATOMIC_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/barrier.h>

#define ATOMIC_INIT(i)	{ (i) }
#define ATOMIC_LONG_INIT(i)	{ (i) }
#define ATOMIC64_INIT(i)	{ (i) }

#define xchg(ptr, v)	__atomic_exchange_n(ptr, v, __ATOMIC_SEQ_CST)
#define cmpxchg(ptr, old, new) ({					\
	typeof(*(ptr)) __old = (old);					\
	__atomic_compare_exchange_n(ptr, &__old, new, false,		\
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);	\
	__old;								\
})
#define try_cmpxchg(ptr, oldp, new) \
	__atomic_compare_exchange_n(ptr, oldp, new, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)
#define cmpxchg_relaxed	cmpxchg
#define xchg_relaxed	xchg

/* One family of operations per atomic type: prefix, type, value type. */
#define UKMEM_ATOMIC_OPS(pfx, atype, vtype)					\
static inline vtype pfx##_read(const atype *v) { return __atomic_load_n(&v->counter, __ATOMIC_RELAXED); } \
static inline vtype pfx##_read_acquire(const atype *v) { return __atomic_load_n(&v->counter, __ATOMIC_ACQUIRE); } \
static inline void pfx##_set(atype *v, vtype i) { __atomic_store_n(&v->counter, i, __ATOMIC_RELAXED); } \
static inline void pfx##_set_release(atype *v, vtype i) { __atomic_store_n(&v->counter, i, __ATOMIC_RELEASE); } \
static inline void pfx##_add(vtype i, atype *v) { __atomic_fetch_add(&v->counter, i, __ATOMIC_RELAXED); } \
static inline void pfx##_sub(vtype i, atype *v) { __atomic_fetch_sub(&v->counter, i, __ATOMIC_RELAXED); } \
static inline void pfx##_inc(atype *v) { pfx##_add(1, v); }			\
static inline void pfx##_dec(atype *v) { pfx##_sub(1, v); }			\
static inline void pfx##_and(vtype i, atype *v) { __atomic_fetch_and(&v->counter, i, __ATOMIC_RELAXED); } \
static inline void pfx##_or(vtype i, atype *v) { __atomic_fetch_or(&v->counter, i, __ATOMIC_RELAXED); } \
static inline void pfx##_xor(vtype i, atype *v) { __atomic_fetch_xor(&v->counter, i, __ATOMIC_RELAXED); } \
static inline vtype pfx##_fetch_add(vtype i, atype *v) { return __atomic_fetch_add(&v->counter, i, __ATOMIC_SEQ_CST); } \
static inline vtype pfx##_fetch_sub(vtype i, atype *v) { return __atomic_fetch_sub(&v->counter, i, __ATOMIC_SEQ_CST); } \
static inline vtype pfx##_fetch_and(vtype i, atype *v) { return __atomic_fetch_and(&v->counter, i, __ATOMIC_SEQ_CST); } \
static inline vtype pfx##_fetch_or(vtype i, atype *v) { return __atomic_fetch_or(&v->counter, i, __ATOMIC_SEQ_CST); } \
static inline vtype pfx##_fetch_inc(atype *v) { return pfx##_fetch_add(1, v); } \
static inline vtype pfx##_fetch_dec(atype *v) { return pfx##_fetch_sub(1, v); } \
static inline vtype pfx##_add_return(vtype i, atype *v) { return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST); } \
static inline vtype pfx##_sub_return(vtype i, atype *v) { return __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST); } \
static inline vtype pfx##_inc_return(atype *v) { return pfx##_add_return(1, v); } \
static inline vtype pfx##_dec_return(atype *v) { return pfx##_sub_return(1, v); } \
static inline bool pfx##_dec_and_test(atype *v) { return pfx##_dec_return(v) == 0; } \
static inline bool pfx##_inc_and_test(atype *v) { return pfx##_inc_return(v) == 0; } \
static inline bool pfx##_sub_and_test(vtype i, atype *v) { return pfx##_sub_return(i, v) == 0; } \
static inline bool pfx##_add_negative(vtype i, atype *v) { return pfx##_add_return(i, v) < 0; } \
static inline vtype pfx##_xchg(atype *v, vtype n) { return xchg(&v->counter, n); } \
static inline vtype pfx##_cmpxchg(atype *v, vtype o, vtype n) { return cmpxchg(&v->counter, o, n); } \
static inline bool pfx##_try_cmpxchg(atype *v, vtype *o, vtype n) { return try_cmpxchg(&v->counter, o, n); } \
/* Adds a unless the value is u; returns the old value. */			\
static inline vtype pfx##_fetch_add_unless(atype *v, vtype a, vtype u)	\
{										\
	vtype c = pfx##_read(v);						\
	do {									\
		if (unlikely(c == u))						\
			break;							\
	} while (!pfx##_try_cmpxchg(v, &c, c + a));				\
	return c;								\
}										\
static inline bool pfx##_add_unless(atype *v, vtype a, vtype u) { return pfx##_fetch_add_unless(v, a, u) != u; } \
static inline bool pfx##_inc_not_zero(atype *v) { return pfx##_add_unless(v, 1, 0); } \
/* Decrements unless that would go negative; returns the new value either way. */ \
static inline vtype pfx##_dec_if_positive(atype *v)			\
{										\
	vtype c = pfx##_read(v);						\
	do {									\
		if (unlikely(c - 1 < 0))					\
			return c - 1;						\
	} while (!pfx##_try_cmpxchg(v, &c, c - 1));				\
	return c - 1;								\
}

UKMEM_ATOMIC_OPS(atomic, atomic_t, int)
UKMEM_ATOMIC_OPS(atomic_long, atomic_long_t, long)
UKMEM_ATOMIC_OPS(atomic64, atomic64_t, s64)

#define atomic_cond_read_relaxed(v, c) ({ int VAL; \
	while (VAL = atomic_read(v), !(c)) __builtin_ia32_pause(); VAL; })
#define atomic_cond_read_acquire(v, c) ({ int VAL = atomic_cond_read_relaxed(v, c); smp_rmb(); VAL; })

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/atomic.h> brings with it, once this header is complete. */
#include <linux/bits.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/init.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/panic.h>
#endif
#endif
