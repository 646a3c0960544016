/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/crc16.h: CRC-16 (polynomial 0x8005, bit-reflected; CRC-16/ARC with seed 0). */
#ifndef UKMEM_LINUX_CRC16_H
#define UKMEM_LINUX_CRC16_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>

extern u16 const crc16_table[256];
u16 crc16(u16 crc, const u8 *buffer, size_t len);

static inline u16 crc16_byte(u16 crc, const u8 data)
{
	return (crc >> 8) ^ crc16_table[(crc ^ data) & 0xff];
}

#pragma pop_macro("__UKMEM_INNER")
#endif
