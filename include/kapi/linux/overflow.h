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
#define flex_array_size(p, member, count) \
	size_mul(count, sizeof(*(p)->member) + __must_be_array((p)->member))
#define struct_size(p, member, count) \
	size_add(sizeof(*(p)), flex_array_size(p, member, count))

#endif
