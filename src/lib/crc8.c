// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/crc8.c: CRC-8 tables for any polynomial, and the one-lookup-a-byte loop. An
 * entry is the byte run through eight steps of the shift register. */
#include <linux/crc8.h>
#include <linux/export.h>

/**
 * crc8_populate_msb - build a table for a polynomial given most significant bit first
 * @table: 256 entries to fill
 * @polynomial: the polynomial without its x^8 term (0x07 for x^8 + x^2 + x + 1)
 *
 * Context: any.
 */
void crc8_populate_msb(u8 table[CRC8_TABLE_SIZE], u8 polynomial)
{
	for (int i = 0; i < CRC8_TABLE_SIZE; i++) {
		u8 c = (u8)i;

		for (int bit = 0; bit < 8; bit++)
			c = (u8)((c << 1) ^ ((c & 0x80) ? polynomial : 0));
		table[i] = c;
	}
}
EXPORT_SYMBOL(crc8_populate_msb);

/**
 * crc8_populate_lsb - build a table for a bit-reflected polynomial
 * @table: 256 entries to fill
 * @polynomial: the reflected polynomial (0x8c for x^8 + x^5 + x^4 + 1)
 *
 * Context: any.
 */
void crc8_populate_lsb(u8 table[CRC8_TABLE_SIZE], u8 polynomial)
{
	for (int i = 0; i < CRC8_TABLE_SIZE; i++) {
		u8 c = (u8)i;

		for (int bit = 0; bit < 8; bit++)
			c = (u8)((c >> 1) ^ ((c & 1) ? polynomial : 0));
		table[i] = c;
	}
}
EXPORT_SYMBOL(crc8_populate_lsb);

/**
 * crc8 - CRC-8 of a buffer
 * @table: built by crc8_populate_msb or crc8_populate_lsb
 * @pdata: the data
 * @nbytes: its length
 * @crc: seed (CRC8_INIT_VALUE, 0, or the result over the preceding data)
 *
 * Context: any.
 */
u8 crc8(const u8 table[CRC8_TABLE_SIZE], const u8 *pdata, size_t nbytes, u8 crc)
{
	while (nbytes--)
		crc = table[crc ^ *pdata++];
	return crc;
}
EXPORT_SYMBOL(crc8);
