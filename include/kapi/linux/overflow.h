/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/overflow.h: arithmetic that reports overflow, and size helpers that saturate to
 * SIZE_MAX so an overflowing allocation size fails instead of wrapping small. */
#ifndef UKMEM_LINUX_OVERFLOW_H
#define UKMEM_LINUX_OVERFLOW_H

#include <linux/limits.h>
#include <linux/compiler.h>
#include <linux/types.h>

/* The largest and smallest values of an integer type. */
#define __type_half_max(type)	((type)1 << (8 * sizeof(type) - 1 - is_signed_type(type)))
#define type_max(T)		((T)((__type_half_max(T) - 1) + __type_half_max(T)))
#define type_min(T)		((T)((T)-type_max(T) - (T)1))

#define check_add_overflow(a, b, d)	__builtin_add_overflow(a, b, d)
#define check_sub_overflow(a, b, d)	__builtin_sub_overflow(a, b, d)
#define check_mul_overflow(a, b, d)	__builtin_mul_overflow(a, b, d)

/* Sign tests that draw no "always true" warning for an unsigned type. */
#define __ukmem_nonneg(x)	((x) > 0 || (x) == 0)

/* check_shl_overflow - *d = a << s. True when the shift does not hold: s negative or not
 * less than the width of *d (*d is then a, unshifted), a or the result negative, or bits
 * of a lost; *d is the shifted value that fits either way. a and s are evaluated once. */
#define check_shl_overflow(a, s, d) ({						\
	typeof(a) __shl_a = (a);						\
	typeof(s) __shl_s = (s);						\
	typeof(d) __shl_d = (d);						\
	unsigned int __shl_n = __ukmem_nonneg(__shl_s) &&			\
			       __shl_s < 8 * sizeof(*__shl_d) ? __shl_s : 0;	\
										\
	*__shl_d = (u64)__shl_a << __shl_n;					\
	(long long)__shl_n != (long long)__shl_s || !__ukmem_nonneg(*__shl_d) ||	\
		!__ukmem_nonneg(__shl_a) || (*__shl_d >> __shl_n) != __shl_a;	\
})

static inline size_t __must_check size_mul(size_t a, size_t b)
{
	size_t bytes;

	return check_mul_overflow(a, b, &bytes) ? SIZE_MAX : bytes;
}

static inline size_t __must_check size_add(size_t a, size_t b)
{
	size_t bytes;

	return check_add_overflow(a, b, &bytes) ? SIZE_MAX : bytes;
}

static inline size_t __must_check size_sub(size_t a, size_t b)
{
	size_t bytes;

	if (a == SIZE_MAX || b == SIZE_MAX || check_sub_overflow(a, b, &bytes))
		return SIZE_MAX;
	return bytes;
}

#define array_size(a, b)	size_mul(a, b)
#define array3_size(a, b, c)	size_mul(size_mul(a, b), c)
/* With a constant count these are constant expressions (an array's size, say), as in
 * Linux; otherwise they saturate. */
#define flex_array_size(p, member, count)					\
	__builtin_choose_expr(__builtin_constant_p(count),			\
		(count) * sizeof(*(p)->member) + __must_be_array((p)->member),	\
		size_mul(count, sizeof(*(p)->member) + __must_be_array((p)->member)))
#define struct_size(p, member, count)						\
	__builtin_choose_expr(__builtin_constant_p(count),			\
		sizeof(*(p)) + flex_array_size(p, member, count),		\
		size_add(sizeof(*(p)), flex_array_size(p, member, count)))

#endif
