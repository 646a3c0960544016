// SPDX-License-Identifier: LGPL-2.1-or-later
/* linux/crc32.h, crc16.h, crc-ccitt.h, crc8.h, bitrev.h: the standard check values
 * (the CRC of "123456789") under the seeds and inversions the kernel's users apply,
 * incremental use, and crc32_le_combine / the _shift functions against real data. */
#include <criterion/criterion.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/crc32.h>
#include <linux/crc16.h>
#include <linux/crc-ccitt.h>
#include <linux/crc8.h>
#include <linux/bitrev.h>

static const u8 check[] = "123456789";

Test(crc, crc32_check_values)
{
	cr_assert_eq(~crc32_le(~0u, check, 9), 0xCBF43926u);
	cr_assert_eq(~crc32(~0u, check, 9), 0xCBF43926u);
	cr_assert_eq(~__crc32c_le(~0u, check, 9), 0xE3069283u);
	cr_assert_eq(~crc32_be(~0u, check, 9), 0xFC891918u, "CRC-32/BZIP2");
	cr_assert_eq(crc32_be(~0u, check, 9), 0x0376E6E7u, "CRC-32/MPEG-2");
	cr_assert_eq(crc32_le(0, check, 0), 0u);
	cr_assert_eq(crc32_le(0x12345678u, check, 0), 0x12345678u);
}

Test(crc, crc32_incremental_equals_one_shot)
{
	u32 crc = ~0u;

	for (int i = 0; i < 9; i++)
		crc = crc32_le(crc, check + i, 1);
	cr_assert_eq(~crc, 0xCBF43926u);
	crc = __crc32c_le(~0u, check, 4);
	cr_assert_eq(~__crc32c_le(crc, check + 4, 5), 0xE3069283u);
}

Test(crc, ether_crc)
{
	cr_assert_eq(ether_crc_le(9, check), ~0xCBF43926u);
	cr_assert_eq(ether_crc(9, check), bitrev32(~0xCBF43926u));
}

Test(crc, shift_and_combine)
{
	u8 data[1000], zeros[777] = { 0 };

	for (int i = 0; i < 1000; i++)
		data[i] = (u8)(i * 31 + 7);
	for (size_t split = 0; split <= 1000; split += 111) {
		u32 a = crc32_le(~0u, data, split);
		u32 b = crc32_le(0, data + split, 1000 - split);
		u32 ca = __crc32c_le(~0u, data, split);
		u32 cb = __crc32c_le(0, data + split, 1000 - split);

		cr_assert_eq(crc32_le_combine(a, b, 1000 - split), crc32_le(~0u, data, 1000));
		cr_assert_eq(__crc32c_le_combine(ca, cb, 1000 - split),
			     __crc32c_le(~0u, data, 1000));
	}
	cr_assert_eq(crc32_le_shift(0xabcdef01u, sizeof(zeros)),
		     crc32_le(0xabcdef01u, zeros, sizeof(zeros)));
	cr_assert_eq(__crc32c_le_shift(0xabcdef01u, sizeof(zeros)),
		     __crc32c_le(0xabcdef01u, zeros, sizeof(zeros)));
	cr_assert_eq(crc32_le_shift(0x1234u, 0), 0x1234u);
}

Test(crc, crc16_ccitt_check_values)
{
	cr_assert_eq(crc16(0, check, 9), 0xBB3D, "CRC-16/ARC");
	cr_assert_eq(crc16(0xffff, check, 9), 0x4B37, "CRC-16/MODBUS");
	cr_assert_eq(crc_ccitt(0, check, 9), 0x2189, "CRC-16/KERMIT");
	cr_assert_eq((u16)~crc_ccitt(0xffff, check, 9), 0x906E, "CRC-16/X-25");
	cr_assert_eq(crc_ccitt_false(0xffff, check, 9), 0x29B1, "CRC-16/CCITT-FALSE");
	cr_assert_eq(crc_ccitt_false(0, check, 9), 0x31C3, "CRC-16/XMODEM");
	cr_assert_eq(crc16_table[1], 0xC0C1);
	cr_assert_eq(crc_ccitt_table[1], 0x1189);
}

Test(crc, crc8_tables_msb_and_lsb)
{
	DECLARE_CRC8_TABLE(msb);
	DECLARE_CRC8_TABLE(lsb);

	crc8_populate_msb(msb, 0x07);
	cr_assert_eq(crc8(msb, check, 9, 0), 0xF4, "CRC-8/SMBUS");
	crc8_populate_lsb(lsb, 0x8C);
	cr_assert_eq(crc8(lsb, check, 9, 0), 0xA1, "CRC-8/MAXIM");
	cr_assert_eq(msb[0], 0);
	cr_assert_eq(msb[1], 0x07);
}

Test(crc, bitrev)
{
	cr_assert_eq(bitrev8(0x01), 0x80);
	cr_assert_eq(bitrev8(0xB4), 0x2D);
	cr_assert_eq(bitrev16(0x0001), 0x8000);
	cr_assert_eq(bitrev16(0x1234), 0x2C48);
	cr_assert_eq(bitrev32(0x00000001u), 0x80000000u);
	cr_assert_eq(bitrev32(0x12345678u), 0x1E6A2C48u);
}
