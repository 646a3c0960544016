/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/crc-ccitt.h: the CCITT CRC-16 (polynomial 0x1021), least significant bit first
 * (crc_ccitt) or most significant bit first (crc_ccitt_false). */
#ifndef UKMEM_LINUX_CRC_CCITT_H
#define UKMEM_LINUX_CRC_CCITT_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>

extern u16 const crc_ccitt_table[256];
extern u16 const crc_ccitt_false_table[256];
u16 crc_ccitt(u16 crc, const u8 *buffer, size_t len);
u16 crc_ccitt_false(u16 crc, const u8 *buffer, size_t len);

static inline u16 crc_ccitt_byte(u16 crc, const u8 c)
{
	return (crc >> 8) ^ crc_ccitt_table[(crc ^ c) & 0xff];
}

static inline u16 crc_ccitt_false_byte(u16 crc, const u8 c)
{
	return (crc << 8) ^ crc_ccitt_false_table[(crc >> 8) ^ c];
}

#pragma pop_macro("__UKMEM_INNER")
#endif
