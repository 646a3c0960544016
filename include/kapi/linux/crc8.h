/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/crc8.h: CRC-8 with any polynomial: the caller builds a 256-entry table once
 * (crc8_populate_msb for polynomials given most significant bit first,
 * crc8_populate_lsb for bit-reflected ones) and passes it to crc8(). */
#ifndef UKMEM_LINUX_CRC8_H
#define UKMEM_LINUX_CRC8_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>

#define CRC8_INIT_VALUE		0xFF
#define CRC8_GOOD_VALUE(_table)	(_table[0xFF])
#define CRC8_TABLE_SIZE		256
#define DECLARE_CRC8_TABLE(_table)	static u8 _table[CRC8_TABLE_SIZE]

void crc8_populate_lsb(u8 table[CRC8_TABLE_SIZE], u8 polynomial);
void crc8_populate_msb(u8 table[CRC8_TABLE_SIZE], u8 polynomial);
u8 crc8(const u8 table[CRC8_TABLE_SIZE], const u8 *pdata, size_t nbytes, u8 crc);

#pragma pop_macro("__UKMEM_INNER")
#endif
