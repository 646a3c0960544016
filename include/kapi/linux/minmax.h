/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/minmax.h: type-checked-by-evaluation min/max/clamp (each argument evaluated once). */
#ifndef UKMEM_LINUX_MINMAX_H
#define UKMEM_LINUX_MINMAX_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>

#ifndef min
#define min(a, b)	({ typeof(a) _a = (a); typeof(b) _b = (b); _a < _b ? _a : _b; })
#define max(a, b)	({ typeof(a) _a = (a); typeof(b) _b = (b); _a > _b ? _a : _b; })
#endif
#define min_t(type, a, b)	min((type)(a), (type)(b))
#define max_t(type, a, b)	max((type)(a), (type)(b))
#define min3(a, b, c)		min((typeof(a))min(a, b), c)
#define max3(a, b, c)		max((typeof(a))max(a, b), c)
#define min_not_zero(a, b)	({ typeof(a) __a = (a); typeof(b) __b = (b); \
				   __a == 0 ? __b : (__b == 0 ? __a : min(__a, __b)); })
#define clamp(v, lo, hi)	min(max(v, lo), hi)
#define clamp_t(type, v, lo, hi)	min_t(type, max_t(type, v, lo), hi)
#define clamp_val(v, lo, hi)	clamp_t(typeof(v), v, lo, hi)
#define swap(a, b)	do { typeof(a) __tmp = (a); (a) = (b); (b) = __tmp; } while (0)
/* Minimum and maximum of values taken as unsigned (zero-extended to a common width). */
#define umin(x, y)	min((x) + 0u + 0ul + 0ull, (y) + 0u + 0ul + 0ull)
#define umax(x, y)	max((x) + 0u + 0ul + 0ull, (y) + 0u + 0ul + 0ull)
/* Smallest or largest of len (at least one) array elements. */
#define __minmax_array(op, array, len) ({					\
	typeof(&(array)[0]) __array = (array);					\
	typeof(len) __len = (len);						\
	__unqual_scalar_typeof(__array[0]) __element = __array[--__len];	\
	while (__len--)								\
		__element = op(__element, __array[__len]);			\
	__element; })
#define min_array(array, len)	__minmax_array(min, array, len)
#define max_array(array, len)	__minmax_array(max, array, len)
/* start <= val < start + len, computed as (val - start) < len in the operands' width. */
static inline bool in_range64(u64 val, u64 start, u64 len) { return (val - start) < len; }
static inline bool in_range32(u32 val, u32 start, u32 len) { return (val - start) < len; }
#define in_range(val, start, len)						\
	((sizeof(start) | sizeof(len) | sizeof(val)) <= sizeof(u32) ?		\
		in_range32(val, start, len) : in_range64(val, start, len))
/* Spelled as the C library's <sys/param.h> spells them, so that both may be included. */
#ifndef MIN
#define MIN(a,b) (((a)<(b))?(a):(b))
#define MAX(a,b) (((a)>(b))?(a):(b))
#endif
#define MIN_T(type, a, b)	MIN((type)(a), (type)(b))
#define MAX_T(type, a, b)	MAX((type)(a), (type)(b))

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/minmax.h> brings with it, once this header is complete. */
#include <linux/compiler.h>
#endif
#endif
