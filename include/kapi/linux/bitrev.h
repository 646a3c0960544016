/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/bitrev.h: reverse the bit order of a byte, 16-bit or 32-bit value. */
#ifndef UKMEM_LINUX_BITREV_H
#define UKMEM_LINUX_BITREV_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>

static inline __attribute_const__ u32 __bitrev32(u32 x)
{
	x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
	x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
	x = ((x >> 4) & 0x0f0f0f0fu) | ((x & 0x0f0f0f0fu) << 4);
	return __builtin_bswap32(x);
}

#define __bitrev16(x)	((u16)(__bitrev32((u32)(u16)(x)) >> 16))
#define __bitrev8(x)	((u8)(__bitrev32((u32)(u8)(x)) >> 24))
#define __bitrev8x4(x)	(__builtin_bswap32(__bitrev32(x)))
#define bitrev32(x)	__bitrev32((u32)(x))
#define bitrev16(x)	__bitrev16(x)
#define bitrev8(x)	__bitrev8(x)

#pragma pop_macro("__UKMEM_INNER")
#endif
