/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/math.h: rounding and division helpers (DIV_ROUND_UP, roundup, abs, abs_diff,
 * do_div ...). */
#ifndef UKMEM_LINUX_MATH_H
#define UKMEM_LINUX_MATH_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>

#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define DIV_ROUND_DOWN_ULL(ll, d)	((unsigned long long)(ll) / (d))
#define DIV_ROUND_UP_ULL(ll, d)	DIV_ROUND_DOWN_ULL((unsigned long long)(ll) + (d) - 1, (d))
#define DIV_ROUND_UP_POW2(n, d)	((n) / (d) + !!((n) & ((d) - 1)))
#define DIV_ROUND_CLOSEST(x, d)	(((x) + ((d) / 2)) / (d))
#define DIV_ROUND_CLOSEST_ULL(x, d)	({ typeof(d) __d = (d); \
				   ((unsigned long long)(x) + __d / 2) / __d; })
#define roundup(x, y)		((((x) + ((y) - 1)) / (y)) * (y))
#define rounddown(x, y)		((x) - ((x) % (y)))
#define round_up(x, y)		((((x) - 1) | ((typeof(x))(y) - 1)) + 1)
#define round_down(x, y)	((x) & ~((typeof(x))(y) - 1))
#define abs_diff(a, b)		({ typeof(a) __a = (a); typeof(b) __b = (b); \
				   __a > __b ? __a - __b : __b - __a; })
#define mult_frac(x, numer, denom) ({						\
	typeof(x) __q = (x) / (denom), __r = (x) % (denom);			\
	(__q * (numer)) + ((__r * (numer)) / (denom)); })

#ifdef __KERNEL__
/* abs() of any integer type, as Linux's (the C library's is int only). */
#define abs(x) __builtin_choose_expr(sizeof(x) == sizeof(long long),		\
	({ long long __x = (x); __x < 0 ? -__x : __x; }),			\
	({ long __x = (x); (typeof(x))(__x < 0 ? -__x : __x); }))
#endif

/* do_div(n, base): n becomes n / base (n is a u64 lvalue); the remainder is returned. */
#define do_div(n, base)		({ u32 __base = (base); u32 __rem = (u32)((n) % __base); \
				   (n) = (n) / __base; __rem; })

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/math.h> brings with it, once this header is complete. */
#include <linux/compiler.h>
#endif
#endif
