// SPDX-License-Identifier: LGPL-2.1-or-later
/* linux/string_helpers.h: string_get_size prints what Linux 6.1 prints (the cases of
 * lib/test-string_helpers.c) and never writes past a short buffer; string_unescape
 * decodes only the classes asked for, with Linux's limits; string_upper/lower. */
#include <criterion/criterion.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/string_helpers.h>

static void check(u64 size, u64 blk, const char *exp10, const char *exp2)
{
	char buf10[64], buf2[64];

	string_get_size(size, blk, STRING_UNITS_10, buf10, sizeof(buf10));
	string_get_size(size, blk, STRING_UNITS_2, buf2, sizeof(buf2));
	cr_expect_str_eq(buf10, exp10, "%llu x %llu", (unsigned long long)size,
			 (unsigned long long)blk);
	cr_expect_str_eq(buf2, exp2, "%llu x %llu", (unsigned long long)size,
			 (unsigned long long)blk);
}

Test(string_get_size, linux_test_cases)
{
	check(0, 512, "0 B", "0 B");
	check(1, 512, "512 B", "512 B");
	check(1100, 1, "1.10 kB", "1.07 KiB");
	check(16384, 512, "8.39 MB", "8.00 MiB");
	check(500118192, 512, "256 GB", "238 GiB");
	check(8192, 4096, "33.6 MB", "32.0 MiB");
	check(3000, 1900, "5.70 MB", "5.44 MiB");
	check(U64_MAX, 4096, "75.6 ZB", "64.0 ZiB");
	check(4096, U64_MAX, "75.6 ZB", "64.0 ZiB");
	check(1048576, 1, "1.05 MB", "1.00 MiB");
	check(123, 0, "0 B", "0 B");
}

Test(string_get_size, short_buffer)
{
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	string_get_size(16384, 512, STRING_UNITS_2, buf, 5);
	cr_assert_str_eq(buf, "8.00");
	cr_assert_eq(buf[5], 'x', "nothing written past the buffer");
}

Test(string_unescape, classes_and_limits)
{
	char buf[64];
	int n;

	strcpy(buf, "a\\tb\\x41\\101\\\\\\q\\e");
	n = string_unescape_any_inplace(buf);
	cr_assert_eq(n, 9);
	cr_assert_eq(memcmp(buf, "a\tbAA\\\\q\x1b", 10), 0);
	strcpy(buf, "\\n\\x41");
	string_unescape_inplace(buf, UNESCAPE_HEX);
	cr_assert_str_eq(buf, "\\nA", "a class not asked for is copied");
	strcpy(buf, "\\4000");
	string_unescape_inplace(buf, UNESCAPE_OCTAL);
	cr_assert_str_eq(buf, " 00", "octal stops before passing 255");
	strcpy(buf, "\\xg\\777");
	string_unescape_inplace(buf, UNESCAPE_ANY);
	cr_assert_str_eq(buf, "\\xg?7", "\\77 is 63: a third digit would pass 255");
	n = string_unescape_any("abcdef", buf, 4);
	cr_assert_eq(n, 3);
	cr_assert_str_eq(buf, "abc", "size counts the NUL");
}

Test(string_upper_lower, latin1_as_the_kernel)
{
	char out[16];

	string_upper(out, "abc-XYZ\xe9\xf7");
	cr_assert_str_eq(out, "ABC-XYZ\xc9\xf7");
	string_lower(out, "ABC-xyz\xc9\xd7");
	cr_assert_str_eq(out, "abc-xyz\xe9\xd7");
}
