/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/crc32.h: CRC-32 (IEEE 802.3) and CRC-32C (Castagnoli), table-driven, with
 * Linux 6.1's conventions: no inversion inside the functions (~crc32_le(~0, p, n) is the
 * familiar CRC-32), and crc32_le_combine joins the CRCs of two adjacent buffers. */
#ifndef UKMEM_LINUX_CRC32_H
#define UKMEM_LINUX_CRC32_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/bitrev.h>

u32 __pure crc32_le(u32 crc, unsigned char const *p, size_t len);
u32 __pure crc32_be(u32 crc, unsigned char const *p, size_t len);
u32 __attribute_const__ crc32_le_shift(u32 crc, size_t len);

/* The CRC of A then B, from crc1 over A (any seed) and crc2 over B with seed 0. */
static inline u32 crc32_le_combine(u32 crc1, u32 crc2, size_t len2)
{
	return crc32_le_shift(crc1, len2) ^ crc2;
}

u32 __pure __crc32c_le(u32 crc, unsigned char const *p, size_t len);
u32 __attribute_const__ __crc32c_le_shift(u32 crc, size_t len);

static inline u32 __crc32c_le_combine(u32 crc1, u32 crc2, size_t len2)
{
	return __crc32c_le_shift(crc1, len2) ^ crc2;
}

#define crc32(seed, data, length)	crc32_le(seed, (unsigned char const *)(data), length)

/* The Ethernet frame check sequence, bit-reversed (ether_crc) or not (ether_crc_le). */
#define ether_crc(length, data)		bitrev32(crc32_le(~0, data, length))
#define ether_crc_le(length, data)	crc32_le(~0, data, length)

#pragma pop_macro("__UKMEM_INNER")
#endif
