// SPDX-License-Identifier: LGPL-2.1-or-later
/* linux/bitfield.h, linux/bits.h, linux/minmax.h: fields packed and unpacked as Linux
 * does, the endian forms, masks, and min/max/clamp/in_range. */
#include <criterion/criterion.h>
#include <linux/kernel.h>
#include <linux/bitfield.h>
#include <linux/bits.h>
#include <linux/minmax.h>

#define REG_MODE	GENMASK(7, 4)
#define REG_EN		BIT(0)
#define REG_HI		GENMASK_ULL(63, 40)

Test(bitfield, prep_get_fit_max)
{
	u32 reg = 0xffff0000u;

	cr_assert_eq(FIELD_PREP(REG_MODE, 0xa), 0xa0ul);
	cr_assert_eq(FIELD_PREP(REG_EN, 1), 1ul);
	cr_assert_eq(FIELD_GET(REG_MODE, 0x1234ul), 0x3ul);
	cr_assert_eq(FIELD_MAX(REG_MODE), 0xful);
	cr_assert(FIELD_FIT(REG_MODE, 15));
	cr_assert_not(FIELD_FIT(REG_MODE, 16));
	cr_assert_eq(FIELD_PREP(REG_HI, 0xabcdefULL), 0xabcdef0000000000ULL);
	cr_assert_eq(FIELD_GET(REG_HI, 0x1234560000000000ULL), 0x123456ULL);
	cr_assert_eq(FIELD_GET(GENMASK(31, 16), reg), 0xfffful);
	for (unsigned int v = 0; v < 40; v++)
		cr_assert_eq(FIELD_PREP(REG_MODE, v), (v << 4) & 0xf0ul, "runtime value %u", v);
}

Test(bitfield, encode_get_replace)
{
	u32 r = 0x12345678;
	__le16 le;
	__be32 be;

	cr_assert_eq(u32_encode_bits(5, 0x700), 0x500u);
	cr_assert_eq(u32_get_bits(0x12345678, 0xff00), 0x56u);
	cr_assert_eq(u32_replace_bits(r, 0xab, 0xff00), 0x1234ab78u);
	u32p_replace_bits(&r, 0, 0xf0000000);
	cr_assert_eq(r, 0x02345678u);
	cr_assert_eq(u8_encode_bits(3, 0x30), 0x30);
	cr_assert_eq(u64_get_bits(0xff00000000ULL, 0xf000000000ULL), 0xfULL);
	le = le16_encode_bits(0x12, 0xff00);
	cr_assert_eq(((u8 *)&le)[1], 0x12);
	cr_assert_eq(le16_get_bits(le, 0xff00), 0x12);
	be = be32_encode_bits(0xab, 0xff);
	cr_assert_eq(((u8 *)&be)[3], 0xab);
	cr_assert_eq(be32_get_bits(be, 0xff), 0xab);
	cr_assert_eq(field_max(0x1f00u), 0x1fu);
}

Test(bitfield, bits_and_minmax)
{
	int a[] = { 4, -2, 9, 0 };
	unsigned int x = 5;

	cr_assert_eq(GENMASK(3, 0), 0xful);
	cr_assert_eq(GENMASK(63, 63), 0x8000000000000000ul);
	cr_assert_eq(GENMASK_ULL(39, 8), 0xffffffff00ULL);
	cr_assert_eq(BIT_ULL(40), 1ULL << 40);
	cr_assert_eq(BITS_PER_TYPE(u16), 16);
	cr_assert_eq(min(3, 4), 3);
	cr_assert_eq(max_t(u8, 300, 2), 44);
	cr_assert_eq(clamp(15, 0, 10), 10);
	cr_assert_eq(clamp_t(int, -5, 0, 10), 0);
	cr_assert_eq(clamp_val(x, 6u, 9u), 6u);
	cr_assert_eq(min3(5, 1, 3), 1);
	cr_assert_eq(max3(5, 1, 3), 5);
	cr_assert_eq(min_not_zero(0, 7), 7);
	cr_assert_eq(min_not_zero(4, 7), 4);
	cr_assert_eq(umin(-1, 3), 3ull, "umin compares as unsigned");
	cr_assert_eq(umax(2u, 9ul), 9ull);
	cr_assert_eq(min_array(a, 4), -2);
	cr_assert_eq(max_array(a, 4), 9);
	cr_assert(in_range(5u, 5u, 1u));
	cr_assert_not(in_range(6u, 5u, 1u));
	cr_assert(in_range(0x100000000ULL, 0xffffffffULL, 2ULL));
	cr_assert_not(in_range(4, 5, 10));
	swap(a[0], a[1]);
	cr_assert(a[0] == -2 && a[1] == 4);
	cr_assert_eq(BUILD_BUG_ON_ZERO(0), 0);
	BUILD_BUG_ON_NOT_POWER_OF_2(64);
}
