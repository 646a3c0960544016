// SPDX-License-Identifier: LGPL-2.1-or-later
/* asm/byteorder.h, linux/byteorder/generic.h, asm/unaligned.h and linux/siphash.h: the
 * kernel's byte-order names, loads and stores at odd addresses, and SipHash against the
 * reference vectors of the SipHash paper (key 00..0f, message 00..len-1). */
#include <criterion/criterion.h>
#include <string.h>
#include <linux/kernel.h>
#include <asm/byteorder.h>
#include <asm/unaligned.h>
#include <linux/siphash.h>

Test(byteorder, conversions_and_in_place_forms)
{
	__be32 be = cpu_to_be32(0x11223344);
	__le16 le = cpu_to_le16(0xfffe);
	u32 arr[2] = { 1, 0x01020304 };
	__be32 bearr[2];
	u32 back[2];

	cr_assert_eq(((u8 *)&be)[0], 0x11);
	cr_assert_eq(be32_to_cpu(be), 0x11223344u);
	cr_assert_eq(be32_to_cpup(&be), 0x11223344u);
	le16_add_cpu(&le, 3);			/* wraps as a u16 does */
	cr_assert_eq(le16_to_cpu(le), 1);
	be32_add_cpu(&be, 0x100);
	cr_assert_eq(be32_to_cpu(be), 0x11223444u);
	cpu_to_be32_array(bearr, arr, 2);
	cr_assert_eq(((u8 *)bearr)[3], 1);
	be32_to_cpu_array(back, bearr, 2);
	cr_assert_eq(back[1], 0x01020304u);
	cpu_to_le32_array(arr, 2);
	cr_assert_eq(arr[1], 0x01020304u);	/* little-endian machine: unchanged */
}

Test(byteorder, unaligned_loads_and_stores)
{
	u8 buf[16];

	memset(buf, 0, sizeof(buf));
	put_unaligned_be32(0xdeadbeef, buf + 1);
	cr_assert_eq(buf[1], 0xde);
	cr_assert_eq(buf[4], 0xef);
	cr_assert_eq(get_unaligned_be32(buf + 1), 0xdeadbeefu);
	cr_assert_eq(get_unaligned_le32(buf + 1), 0xefbeaddeu);
	put_unaligned_le64(0x0102030405060708ull, buf + 3);
	cr_assert_eq(buf[3], 0x08);
	cr_assert_eq(get_unaligned((u64 *)(buf + 3)), 0x0102030405060708ull);
	put_unaligned((u16)0xabcd, (u16 *)(buf + 7));
	cr_assert_eq(get_unaligned_le16(buf + 7), 0xabcd);
	put_unaligned_be24(0x123456, buf + 9);
	cr_assert_eq(buf[9], 0x12);
	cr_assert_eq(get_unaligned_be24(buf + 9), 0x123456u);
	cr_assert_eq(get_unaligned_le24(buf + 9), 0x563412u);
	put_unaligned_le24(0xa1b2c3, buf + 1);
	cr_assert_eq(buf[1], 0xc3);
	put_unaligned_be48(0x0000a1a2a3a4a5a6ull, buf + 5);
	cr_assert_eq(buf[5], 0xa1);
	cr_assert_eq(get_unaligned_be48(buf + 5), 0xa1a2a3a4a5a6ull);
}

Test(siphash, paper_vectors_and_word_forms)
{
	/* SipHash-2-4 outputs for lengths 0, 1, 8 and 15 (from the paper's test vectors). */
	static const u64 want[16] = {
		[0] = 0x726fdb47dd0e0e31ull, [1] = 0x74f839c593dc67fdull,
		[8] = 0x93f5f5799a932462ull, [15] = 0xa129ca6149be45e5ull,
	};
	siphash_key_t key;
	u8 msg[16];

	for (int i = 0; i < 16; i++)
		msg[i] = (u8)i;
	memcpy(&key, msg, sizeof(key));
	for (int len = 0; len < 16; len++) {
		if (!want[len])
			continue;
		cr_assert_eq(siphash(msg, len, &key), want[len], "length %d", len);
		cr_assert_eq(siphash(msg, len, &key), __siphash_aligned(msg, len, &key));
	}
	cr_assert_eq(siphash(msg + 1, 8, &key), siphash_1u64(get_unaligned_le64(msg + 1), &key));
	cr_assert_eq(siphash(msg, 16, &key),
		     siphash_2u64(get_unaligned_le64(msg), get_unaligned_le64(msg + 8), &key));
	cr_assert_eq(siphash(msg, 12, &key),
		     siphash_3u32(get_unaligned_le32(msg), get_unaligned_le32(msg + 4),
				  get_unaligned_le32(msg + 8), &key));
	cr_assert_eq(siphash(msg, 8, &key), siphash_2u32(0x03020100, 0x07060504, &key));
	cr_assert(!siphash_key_is_zero(&key));
}

Test(siphash, half_is_siphash_1_3_folded)
{
	hsiphash_key_t key = { { 0x0706050403020100ul, 0x0f0e0d0c0b0a0908ul } };
	u8 msg[16];

	for (int i = 0; i < 16; i++)
		msg[i] = (u8)i;
	cr_assert_eq(hsiphash(msg, 4, &key), hsiphash_1u32(0x03020100, &key));
	cr_assert_eq(hsiphash(msg, 16, &key),
		     hsiphash_4u32(0x03020100, 0x07060504, 0x0b0a0908, 0x0f0e0d0c, &key));
	cr_assert_neq(hsiphash(msg, 16, &key), hsiphash(msg, 15, &key));
}
