/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/bits.h: single bits and contiguous masks. */
#ifndef UKMEM_LINUX_BITS_H
#define UKMEM_LINUX_BITS_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#define BITS_PER_BYTE		8
#define BITS_PER_LONG		64
#define BITS_PER_LONG_LONG	64
#define BIT(nr)			(1UL << (nr))
#define BIT_ULL(nr)		(1ULL << (nr))
#define BIT_MASK(nr)		(1UL << ((nr) % BITS_PER_LONG))
#define BIT_WORD(nr)		((nr) / BITS_PER_LONG)
#define BIT_ULL_MASK(nr)	(1ULL << ((nr) % BITS_PER_LONG_LONG))
#define BIT_ULL_WORD(nr)	((nr) / BITS_PER_LONG_LONG)
/* 0, and a build error when both bounds are constants and l > h. */
#define GENMASK_INPUT_CHECK(h, l) \
	((int)sizeof(struct { int:(-!!__builtin_choose_expr(__builtin_constant_p((l) > (h)), \
							     (l) > (h), 0)); }))
#define GENMASK(h, l)		((~0UL << (l)) & (~0UL >> (BITS_PER_LONG - 1 - (h))))
#define GENMASK_ULL(h, l)	((~0ULL << (l)) & (~0ULL >> (BITS_PER_LONG_LONG - 1 - (h))))

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/bits.h> brings with it, once this header is complete. */
#include <linux/compiler.h>
#endif
#endif
