// SPDX-License-Identifier: LGPL-2.1-or-later
/* The kernel's printf, sscanf and kstrto*: output byte for byte as Linux 6.1 prints it
 * (printk-formats.rst, lib/test_printf.c), truncation that never writes past the
 * buffer, the %p extensions, hashed plain pointers, sscanf's rules and kstrto*'s
 * errors. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/bitmap.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/rtc.h>
#include <linux/slab.h>
#include <linux/time64.h>
#include "kmsg.h"

/* The cases print NULL, cut output short and use the kernel's own conversions. */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-zero-length"
#pragma GCC diagnostic ignored "-Wformat-overflow"
#pragma GCC diagnostic ignored "-Wformat-truncation"

#define BUF 256
#define PAD 16
#define FILL '$'

static bool all_fill(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != FILL)
			return false;
	return true;
}

/* One size of buffer: the return value, the text, the NUL, and nothing written around. */
static void check_size(int size, const char *expect, int elen, const char *fmt, va_list ap)
{
	char area[BUF + 2 * PAD], *buf = area + PAD;
	va_list aq;
	int ret, written;

	memset(area, FILL, sizeof(area));
	va_copy(aq, ap);
	ret = vsnprintf(buf, (size_t)size, fmt, aq);
	va_end(aq);
	cr_assert_eq(ret, elen, "vsnprintf(buf, %d, \"%s\") returned %d, expected %d",
		     size, fmt, ret, elen);
	cr_assert(all_fill(area, PAD), "\"%s\": wrote before the buffer", fmt);
	if (!size) {
		cr_assert(all_fill(buf, BUF + PAD), "\"%s\": size 0 wrote", fmt);
		return;
	}
	written = size - 1 < elen ? size - 1 : elen;
	cr_assert_eq(buf[written], '\0', "\"%s\" (size %d): no NUL", fmt, size);
	cr_assert(all_fill(buf + written + 1, BUF + PAD - (size_t)written - 1),
		  "\"%s\" (size %d): wrote past the NUL", fmt, size);
	cr_assert(!memcmp(buf, expect, (size_t)written), "\"%s\": wrote '%s', expected '%.*s'",
		  fmt, buf, written, expect);
}

static void __printf(3, 4) check_len(const char *expect, int elen, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	check_size(BUF, expect, elen, fmt, ap);
	for (int size = 1; size <= elen + 1; size += 1 + elen / 7)
		check_size(size, expect, elen, fmt, ap);
	check_size(0, expect, elen, fmt, ap);
	p = kvasprintf(GFP_KERNEL, fmt, ap);
	cr_assert_not_null(p);
	cr_assert(!memcmp(p, expect, (size_t)elen + 1), "kvasprintf \"%s\": '%s'", fmt, p);
	kfree(p);
	va_end(ap);
}

#define check(expect, fmt, ...) check_len(expect, (int)strlen(expect), fmt, ##__VA_ARGS__)


static void boot(void)
{
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
}

TestSuite(vsprintf, .init = boot, .fini = ukmem_shutdown);

Test(vsprintf, basic_and_numbers)
{
	check("", "");
	check("100%", "100%%");
	check("xxx%yyy", "xxx%cyyy", '%');
	check_len("xxx\0yyy", 7, "xxx%cyyy", '\0');
	check("0x1234abcd  ", "%#-12x", 0x1234abcd);
	check("  0x1234abcd", "%#12x", 0x1234abcd);
	check("0|001| 12|+123| 1234|-123|-1234", "%d|%03d|%3d|%+d|% d|%+d|% d",
	      0, 1, 12, 123, 1234, -123, -1234);
	check("0|1|1|128|255", "%hhu|%hhu|%hhu|%hhu|%hhu", 0, 1, 257, 128, -1);
	check("0|1|1|-128|-1", "%hhd|%hhd|%hhd|%hhd|%hhd", 0, 1, 257, 128, -1);
	check("2015122420151225", "%ho%ho%#ho", 1037, 5282, -11627);
	check("00|0|0|0|0", "%.2d|%.1d|%.0d|%.*d|%1.0d", 0, 0, 0, 0, 0, 0);
	check("0xfffffff0|0xf0|0xf0", "%#02x|%#02x|%#02x", (char)-16, 0xf0, (u8)0xf0);
	check("18446744073709551615|-9223372036854775808|ffffffffffffffff",
	      "%llu|%lld|%lx", ~0ULL, (long long)(-9223372036854775807LL - 1), ~0UL);
	check("42|-42|2a|52", "%zu|%zd|%tx|%lo", (size_t)42, (ssize_t)-42, (ptrdiff_t)42, 42UL);
	check("0X2A|0x0|0|052", "%#X|%#x|%#o|%#o", 42, 0, 0, 42);
	check("   -42|-42   |-00042", "%6d|%-6d|%06d", -42, -42, -42);
	check("00042|  042", "%.5d|%5.3d", 42, 42);
}

Test(vsprintf, strings)
{
	check("", "%s%.0s", "", "123");
	check("ABCD|abc|123", "%s|%.3s|%.*s", "ABCD", "abcdef", 3, "123456");
	check("1  |  2|3  |  4|5  ", "%-3s|%3s|%-*s|%*s|%*s", "1", "2", 3, "3", 3, "4", -3, "5");
	check("1234      ", "%-10.4s", "123456");
	check("      1234", "%10.4s", "123456");
	check("    ", "%4.*s", -5, "123456");
	check("123456", "%.s", "123456");
	check("a||", "%.s|%.0s|%.*s", "a", "b", 0, "c");
	check("a  |   |   ", "%-3.s|%-3.0s|%-3.*s", "a", "b", 0, "c");
	check("(null)|(efault)", "%s|%s", (char *)NULL, (char *)0xab);
	check("  x|x  ", "%3c|%-3c", 'x', 'x');
}

Test(vsprintf, truncation_and_scnprintf)
{
	char buf[8];

	memset(buf, FILL, sizeof(buf));
	cr_assert_eq(snprintf(buf, 5, "%s", "abcdefgh"), 8);
	cr_assert_str_eq(buf, "abcd");
	cr_assert_eq(buf[5], FILL);
	cr_assert_eq(scnprintf(buf, 5, "%s", "abcdefgh"), 4);
	cr_assert_eq(scnprintf(buf, 0, "%s", "abcdefgh"), 0);
	cr_assert_eq(scnprintf(buf, sizeof(buf), "%d", 12), 2);
	cr_assert_eq(sprintf(buf, "%u-%u", 1, 2), 3);
	cr_assert_str_eq(buf, "1-2");
	char *p = kasprintf(GFP_KERNEL, "%s=%d", "answer", 42);

	cr_assert_str_eq(p, "answer=42");
	kfree(p);
}

/* %n and floating point are refused: a WARN, and the output ends there. */
Test(vsprintf, unsupported_conversions_stop)
{
	char buf[32];
	int n = 0;

	cr_assert_eq(snprintf(buf, sizeof(buf), "ab%ncd", &n), 2);
	cr_assert_str_eq(buf, "ab");
	cr_assert_eq(n, 0, "%%n stores nothing");
	cr_assert(kmsg_contains("Please remove unsupported %n in format string"));
	cr_assert_eq(snprintf(buf, sizeof(buf), "x%fy", 1.5), 1);
	cr_assert_str_eq(buf, "x");
}

Test(vsprintf, plain_pointers_hashed)
{
	void *ptr = (void *)0xffff0123456789abUL;
	char a[32], b[32], raw[32];

	cr_assert_eq(snprintf(a, sizeof(a), "%p", ptr), 16);
	snprintf(b, sizeof(b), "%p", ptr);
	snprintf(raw, sizeof(raw), "%px", ptr);
	cr_assert_str_eq(raw, "ffff0123456789ab");
	cr_assert_str_eq(a, b, "one pointer, one hash within a boot");
	cr_assert_str_neq(a, raw);
	cr_assert(!strncmp(a, "00000000", 8), "top 32 bits zero: %s", a);
	snprintf(b, sizeof(b), "%p", (char *)ptr + 8);
	cr_assert_str_neq(a, b);
	snprintf(b, sizeof(b), "%pK", ptr);
	cr_assert_str_eq(a, b, "%%pK hashes as kptr_restrict=0");
	snprintf(b, sizeof(b), "%pZ", ptr);
	cr_assert_str_eq(a, b, "an unknown extension is plain %%p");
	snprintf(b, sizeof(b), "%pe", ptr);
	cr_assert_str_eq(a, b, "%%pe of a real pointer is plain %%p");
	check("0000000000000000|0000000000000000|(null)", "%p|%px|%pE", NULL, NULL, NULL);
	check("fffffffffffffff5|fffffffffffffff5|(efault)", "%p|%px|%pE",
	      ERR_PTR(-11), ERR_PTR(-11), ERR_PTR(-11));
	check("00000000000000ab|(efault)", "%px|%pE", (void *)0xab, (void *)0xab);
}

Test(vsprintf, no_hash_pointers)
{
	void *ptr = (void *)0xffff0123456789abUL;
	char buf[32];

	ukmem_shutdown();
	cr_assert_eq(ukmem_boot("mem=32M no_hash_pointers"), 0);
	cr_assert(no_hash_pointers);
	snprintf(buf, sizeof(buf), "%p", ptr);
	cr_assert_str_eq(buf, "ffff0123456789ab");
	cr_assert(kmsg_contains("** This system shows unhashed kernel memory addresses   **"));
	ukmem_shutdown();
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	cr_assert(!no_hash_pointers, "the next boot hashes again");
	snprintf(buf, sizeof(buf), "%p", ptr);
	cr_assert_str_neq(buf, "ffff0123456789ab");
}

Test(vsprintf, addresses_and_resources)
{
	phys_addr_t pa = 0x123456789abULL;
	dma_addr_t da = 0xfeedf00dULL;
	struct resource mem = { .start = 0x60000000, .end = 0x6fffffff,
				.flags = IORESOURCE_MEM | IORESOURCE_PREFETCH };
	struct resource io = { .start = 0x3f8, .end = 0x3ff, .flags = IORESOURCE_IO };
	struct resource irq = { .start = 4, .end = 4, .flags = IORESOURCE_IRQ };
	struct resource mem64 = { .start = 0x100000000ULL, .end = 0x1ffffffffULL,
				  .flags = IORESOURCE_MEM | IORESOURCE_MEM_64 };

	check("0x00000123456789ab|0x00000123456789ab|0x00000000feedf00d", "%pa|%pap|%pad",
	      &pa, &pa, &da);
	check("[mem 0x60000000-0x6fffffff pref]", "%pR", &mem);
	check("[mem 0x60000000-0x6fffffff flags 0x2200]", "%pr", &mem);
	check("[io  0x03f8-0x03ff]", "%pR", &io);
	check("[io  0x03f8-0x03ff flags 0x100]", "%pr", &io);
	check("[irq 4]", "%pR", &irq);
	check("[mem 0x100000000-0x1ffffffff 64bit]", "%pR", &mem64);
	check("(null)", "%pR", NULL);
}

Test(vsprintf, hex_mac_ip_uuid)
{
	const u8 bytes[3] = { 0xc0, 0xff, 0xee };
	const u8 mac[6] = { 0x2d, 0x48, 0xd6, 0xfc, 0x7a, 0x05 };
	const u8 ip4[4] = { 127, 0, 0, 1 };
	const u8 ip6[16] = { 0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8 };
	const u8 ip6z[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	const u8 mapped[16] = { [10] = 0xff, [11] = 0xff, 192, 168, 1, 2 };
	const char uuid[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(12345),
				  .sin_addr.s_addr = htonl(0x7f000001) };
	struct sockaddr_in6 sa6 = { .sin6_family = AF_INET6, .sin6_port = htons(80) };

	check("c0 ff ee|c0:ff:ee|c0-ff-ee|c0ffee", "%3ph|%3phC|%3phD|%3phN",
	      bytes, bytes, bytes, bytes);
	check("c0 ff ee|c0:ff:ee|c0-ff-ee|c0ffee", "%*ph|%*phC|%*phD|%*phN",
	      3, bytes, 3, bytes, 3, bytes, 3, bytes);
	check("c0", "%ph", bytes);
	check("2d:48:d6:fc:7a:05", "%pM", mac);
	check("05:7a:fc:d6:48:2d", "%pMR", mac);
	check("2d-48-d6-fc-7a-05", "%pMF", mac);
	check("2d48d6fc7a05", "%pm", mac);
	check("057afcd6482d", "%pmR", mac);
	check("127.000.000.001|127.0.0.1|1.0.0.127", "%pi4|%pI4|%pI4l", ip4, ip4, ip4);
	check("0001:0002:0003:0004:0005:0006:0007:0008", "%pI6", ip6);
	check("00010002000300040005000600070008", "%pi6", ip6);
	check("1:2:3:4:5:6:7:8", "%pI6c", ip6);
	check("2001:db8::1|::ffff:192.168.1.2", "%pI6c|%pI6c", ip6z, mapped);
	check("127.000.000.001|127.0.0.1", "%piS|%pIS", &sa, &sa);
	sa.sin_addr.s_addr = htonl(0x01020304);
	check("001.002.003.004:12345|1.2.3.4:12345", "%piSp|%pISp", &sa, &sa);
	memcpy(&sa6.sin6_addr, ip6z, 16);
	check("[2001:db8::1]:80", "%pISpc", &sa6);
	check("00010203-0405-0607-0809-0a0b0c0d0e0f", "%pUb", uuid);
	check("00010203-0405-0607-0809-0A0B0C0D0E0F", "%pUB", uuid);
	check("03020100-0504-0706-0809-0a0b0c0d0e0f", "%pUl", uuid);
	check("03020100-0504-0706-0809-0A0B0C0D0E0F", "%pUL", uuid);
}

Test(vsprintf, escapes)
{
	const u8 raw[10] = { 0x1b, 0x62, 0x20, 0x5c, 0x43, 0x07, 0x22, 0x90, 0x0d, 0x5d };

	check("\\eb \\C\\a\"\\220\\r]", "%*pE", 10, raw);
	check("\\x1bb \\C\\x07\"\\x90\\x0d]", "%*pEhp", 10, raw);
	/* 6.1 escapes '"' as \" (printk-formats.rst still shows \042). */
	check("\\e\\142\\040\\\\\\103\\a\\\"\\220\\r\\135", "%*pEa", 10, raw);
	check("\\e", "%pE", raw);
}

Test(vsprintf, error_pointers)
{
	check("-1234", "%pe", ERR_PTR(-1234));
	check("(-ENOTSOCK)", "(%pe)", ERR_PTR(-ENOTSOCK));
	check("(-EAGAIN)", "(%pe)", ERR_PTR(-EAGAIN));
	check("(-EAGAIN)", "(%pe)", ERR_PTR(-EWOULDBLOCK));
	check("[-EIO    ]", "[%-8pe]", ERR_PTR(-EIO));
	check("[    -EIO]", "[%8pe]", ERR_PTR(-EIO));
	check("-EPROBE_DEFER|-ENOMEM|-EHWPOISON|-ERECALLCONFLICT", "%pe|%pe|%pe|%pe",
	      ERR_PTR(-EPROBE_DEFER), ERR_PTR(-ENOMEM), ERR_PTR(-133), ERR_PTR(-530));
}

#define DENTRY(parent, s) (struct dentry){ .d_parent = (parent),			\
	.d_name = QSTR_INIT((const unsigned char *)(s), sizeof(s) - 1) }

/* test_printf.c's tree: foo (the root) / bravo / alfa / romeo. */
Test(vsprintf, dentry_names)
{
	static struct dentry d[4];
	struct file f = { .f_path.dentry = &d[3] };

	d[0] = DENTRY(&d[0], "foo");
	d[1] = DENTRY(&d[0], "bravo");
	d[2] = DENTRY(&d[1], "alfa");
	d[3] = DENTRY(&d[2], "romeo");
	check("foo", "%pd", &d[0]);
	check("foo", "%pd2", &d[0]);
	check("(null)", "%pd", NULL);
	check("(efault)", "%pd", (void *)0xab);
	check("(null)", "%pD", NULL);
	check("(efault)", "%pD", (void *)0xab);
	check("romeo", "%pd", &d[3]);
	check("alfa/romeo", "%pd2", &d[3]);
	check("bravo/alfa/romeo", "%pd3", &d[3]);
	check("/bravo/alfa/romeo", "%pd4", &d[3]);
	check("/bravo/alfa", "%pd4", &d[2]);
	check("bravo/alfa  |bravo/alfa  ", "%-12pd2|%*pd2", &d[2], -12, &d[2]);
	check("  bravo/alfa|  bravo/alfa", "%12pd2|%*pd2", &d[2], 12, &d[2]);
	check("alfa/ro", "%.7pd2", &d[3]);
	check("alfa/romeo", "%pD2", &f);
}

static void __printf(2, 3) va_helper(char *buf, const char *fmt, ...)
{
	struct va_format vaf;
	va_list ap;

	va_start(ap, fmt);
	vaf.fmt = fmt;
	vaf.va = &ap;
	snprintf(buf, 64, "<%pV|%s>", &vaf, "after");
	va_end(ap);
}

Test(vsprintf, va_format_and_bitmaps)
{
	DECLARE_BITMAP(bits, 20);
	char buf[64];
	const int primes[] = { 2, 3, 5, 7, 11, 13, 17, 19 };

	va_helper(buf, "%d-%s", 7, "seven");
	cr_assert_str_eq(buf, "<7-seven|after>");

	bitmap_zero(bits, 20);
	check("00000|00000", "%20pb|%*pb", bits, 20, bits);
	check("|", "%20pbl|%*pbl", bits, 20, bits);
	for (size_t i = 0; i < ARRAY_SIZE(primes); i++)
		set_bit(primes[i], bits);
	check("a28ac|a28ac", "%20pb|%*pb", bits, 20, bits);
	check("2-3,5,7,11,13,17,19|2-3,5,7,11,13,17,19", "%20pbl|%*pbl", bits, 20, bits);
	bitmap_fill(bits, 20);
	check("fffff|fffff", "%20pb|%*pb", bits, 20, bits);
	check("0-19|0-19", "%20pbl|%*pbl", bits, 20, bits);

	unsigned long *big = calloc(BITS_TO_LONGS(1 << 16), sizeof(long));

	bitmap_set(big, 1, 20);
	bitmap_set(big, 60000, 15);
	check("1-20,60000-60014", "%*pbl", 1 << 16, big);
	bitmap_set(big, 65535, 1);
	check("1-20,60000-60014,65535", "%*pbl", 1 << 16, big);
	free(big);
	unsigned long two[2] = { 0x1, 0x80000000UL };

	check("80000000,00000000,00000001", "%*pb", 96, two);
}

Test(vsprintf, flags)
{
	gfp_t gfp = GFP_TRANSHUGE;
	unsigned long vm = VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	unsigned long pflags = 1UL << PG_uptodate | 1UL << PG_dirty | 1UL << PG_lru;
	char expect[128];

	check("GFP_TRANSHUGE", "%pGg", &gfp);
	gfp = GFP_ATOMIC | __GFP_DMA;
	check("GFP_ATOMIC|GFP_DMA", "%pGg", &gfp);
	gfp = __GFP_ATOMIC;
	check("__GFP_ATOMIC", "%pGg", &gfp);
	gfp = GFP_KERNEL | __GFP_ZERO;
	check("GFP_KERNEL|__GFP_ZERO", "%pGg", &gfp);
	gfp = 0;
	check("()", "(%pGg)", &gfp);
	gfp = ~__GFP_BITS_MASK;
	snprintf(expect, sizeof(expect), "%#lx", (unsigned long)gfp);
	check(expect, "%pGg", &gfp);
	check("read|exec|mayread|maywrite|mayexec", "%pGv", &vm);
	snprintf(expect, sizeof(expect), "%#lx(uptodate|dirty|lru|node=0|zone=0)", pflags);
	check(expect, "%pGp", &pflags);
}

Test(vsprintf, time_and_date)
{
	const struct rtc_time tm = { .tm_sec = 43, .tm_min = 35, .tm_hour = 5, .tm_mday = 26,
				     .tm_mon = 10, .tm_year = 118 };
	time64_t t = 1546615943;

	check("(%pt?)", "%pt", &tm);
	check("2018-11-26T05:35:43", "%ptR", &tm);
	check("0118-10-26T05:35:43", "%ptRr", &tm);
	check("05:35:43|2018-11-26", "%ptRt|%ptRd", &tm, &tm);
	check("05:35:43 tr|2018-11-26 tr", "%ptRt tr|%ptRd tr", &tm, &tm);
	check("2019-01-04T15:32:23", "%ptT", &t);
	check("0119-00-04T15:32:23", "%ptTr", &t);
	check("2019-01-04 15:32:23", "%ptTs", &t);
	check("15:32:23|0119-00-04", "%ptTtr|%ptTdr", &t, &t);
}

Test(vsprintf, fourcc)
{
	const u32 codes[] = { 0x3231564e, 0xb231564e, 0x10111213, 0x20303159 };

	check("NV12 little-endian (0x3231564e)", "%p4cc", &codes[0]);
	check("NV12 big-endian (0xb231564e)", "%p4cc", &codes[1]);
	check(".... little-endian (0x10111213)", "%p4cc", &codes[2]);
	check("Y10  little-endian (0x20303159)", "%p4cc", &codes[3]);
}

Test(vsprintf, symbols)
{
	char buf[256];

	snprintf(buf, sizeof(buf), "%pS", kfree);
	cr_assert(!strncmp(buf, "kfree+0x0/0x", 12), "%s", buf);
	snprintf(buf, sizeof(buf), "%ps|%pf", kfree, kfree);
	cr_assert_str_eq(buf, "kfree|kfree");
	snprintf(buf, sizeof(buf), "%pS", (char *)kfree + 3);
	cr_assert(!strncmp(buf, "kfree+0x3/0x", 12), "%s", buf);
	snprintf(buf, sizeof(buf), "%pB", (char *)kfree + 3);
	cr_assert(!strncmp(buf, "kfree+0x3/0x", 12), "backtrace form: %s", buf);
	snprintf(buf, sizeof(buf), "[%-10ps]", kfree);
	cr_assert_str_eq(buf, "[kfree     ]");
}

Test(vsprintf, printk_uses_it)
{
	phys_addr_t pa = 0x1000;

	pr_info("printf test: %pa %pe\n", &pa, ERR_PTR(-ENOMEM));
	cr_assert(kmsg_contains("printf test: 0x0000000000001000 -ENOMEM"));
}

Test(vsprintf, sscanf_rules)
{
	int a = 0, b = 0, n = -1;
	unsigned int u = 0;
	unsigned char hh = 0;
	short h = 0;
	long l = 0;
	long long ll = 0;
	size_t z = 0;
	char s[16], c[4] = "", s1[4], s2[4], s3[4];

	cr_assert_eq(sscanf("12 34", "%d %d", &a, &b), 2);
	cr_assert(a == 12 && b == 34);
	cr_assert_eq(sscanf("0x1f 017 -5", "%i %i %i", &a, &b, (int *)&u), 3);
	cr_assert(a == 31 && b == 15 && (int)u == -5);
	cr_assert_eq(sscanf("ff", "%x", &u), 1);
	cr_assert_eq(u, 0xff);
	cr_assert_eq(sscanf("777", "%o", &u), 1);
	cr_assert_eq(u, 0777);
	cr_assert_eq(sscanf("300 -2 123456789012 -9 42", "%hhu %hd %ld %lld %zu", &hh, &h, &l,
			    &ll, &z), 5);
	cr_assert(hh == 44 && h == -2 && l == 123456789012L && ll == -9 && z == 42);
	cr_assert_eq(sscanf("12345", "%2d%3d", &a, &b), 2);
	cr_assert(a == 12 && b == 345);
	cr_assert_eq(sscanf("  word rest", "%s%n", s, &n), 1);
	cr_assert_str_eq(s, "word");
	cr_assert_eq(n, 6);
	cr_assert_eq(sscanf("abcdef", "%3s", s), 1);
	cr_assert_str_eq(s, "abc");
	cr_assert_eq(sscanf("xyz", "%2c", c), 1);
	cr_assert(c[0] == 'x' && c[1] == 'y');
	cr_assert_eq(sscanf("skip 7", "%*s %d", &a), 1);
	cr_assert_eq(a, 7);
	cr_assert_eq(sscanf("00:0a:95", "%2[^:]:%2[^:]:%2[^:]", s1, s2, s3), 3);
	cr_assert(!strcmp(s1, "00") && !strcmp(s2, "0a") && !strcmp(s3, "95"));
	cr_assert_eq(sscanf("abc123", "%3[abc]", s1), 1);
	cr_assert_str_eq(s1, "abc");
	cr_assert_eq(sscanf("abc", "%[abc]", s1), 0, "%%[ needs a width");
	cr_assert_eq(sscanf("5 apples", "%d pears", &a), 1, "stops at the first mismatch");
	cr_assert_eq(sscanf("x5", "%d", &a), 0);
	cr_assert_eq(sscanf("", "%d", &a), 0);
	cr_assert_eq(sscanf("100%", "%d%%", &a), 1);
	cr_assert_eq(sscanf("-", "%d", &a), 0);
}

Test(vsprintf, simple_strto)
{
	char *end;

	cr_assert_eq(simple_strtoul("0x1fz", &end, 0), 0x1f);
	cr_assert_eq(*end, 'z');
	cr_assert_eq(simple_strtoul("1fz", &end, 16), 0x1f);
	cr_assert_eq(simple_strtol("-42abc", &end, 10), -42);
	cr_assert_eq(*end, 'a');
	cr_assert_eq(simple_strtoull("0777", NULL, 0), 0777);
	cr_assert_eq(simple_strtoll("-0x10", NULL, 0), -16);
	cr_assert_eq(simple_strtoul("zz", &end, 10), 0);
	cr_assert_eq(*end, 'z');
	/* The most negative values parse without signed overflow (UBSan checks it). */
	long long ll = 0;
	long l = 0;

	cr_assert_eq(simple_strtoll("-9223372036854775808", NULL, 10), LLONG_MIN);
	cr_assert_eq(simple_strtol("-9223372036854775808", NULL, 10), LONG_MIN);
	cr_assert_eq(sscanf("-9223372036854775808 -9223372036854775808", "%lld %ld", &ll, &l), 2);
	cr_assert_eq(ll, LLONG_MIN);
	cr_assert_eq(l, LONG_MIN);
}

Test(vsprintf, kstrtox)
{
	unsigned long long ull;
	long long ll;
	unsigned int ui;
	int i;
	u8 u8v;
	s8 s8v;
	u16 u16v;
	s16 s16v;
	unsigned long ul;
	long l;
	bool b;

	cr_assert_eq(kstrtoull("18446744073709551615", 10, &ull), 0);
	cr_assert_eq(ull, ~0ULL);
	cr_assert_eq(kstrtoull("18446744073709551616", 10, &ull), -ERANGE);
	cr_assert_eq(kstrtoull("0xffffffffffffffff0", 0, &ull), -ERANGE);
	cr_assert_eq(kstrtoull("+12\n", 10, &ull), 0);
	cr_assert_eq(ull, 12);
	cr_assert_eq(kstrtoull("12\n\n", 10, &ull), -EINVAL);
	cr_assert_eq(kstrtoull("-1", 10, &ull), -EINVAL);
	cr_assert_eq(kstrtoull("", 10, &ull), -EINVAL);
	cr_assert_eq(kstrtoull(" 1", 10, &ull), -EINVAL);
	cr_assert_eq(kstrtoull("1 ", 10, &ull), -EINVAL);
	cr_assert_eq(kstrtoull("0x", 16, &ull), -EINVAL);
	cr_assert_eq(kstrtoull("0x1A", 16, &ull), 0);
	cr_assert_eq(ull, 0x1a);
	cr_assert_eq(kstrtoull("010", 0, &ull), 0);
	cr_assert_eq(ull, 8);
	cr_assert_eq(kstrtoull("08", 0, &ull), -EINVAL);
	cr_assert_eq(kstrtoll("-9223372036854775808", 10, &ll), 0);
	cr_assert_eq(ll, (long long)(-9223372036854775807LL - 1));
	cr_assert_eq(kstrtoll("-9223372036854775809", 10, &ll), -ERANGE);
	cr_assert_eq(kstrtoll("9223372036854775808", 10, &ll), -ERANGE);
	cr_assert_eq(kstrtoll("-0", 10, &ll), 0);
	cr_assert_eq(kstrtouint("4294967296", 10, &ui), -ERANGE);
	cr_assert_eq(kstrtoint("-2147483648", 10, &i), 0);
	cr_assert_eq(i, -2147483647 - 1);
	cr_assert_eq(kstrtoint("2147483648", 10, &i), -ERANGE);
	i = 5;
	cr_assert_eq(kstrtoint("x", 10, &i), -EINVAL);
	cr_assert_eq(i, 5, "result untouched on failure");
	cr_assert_eq(kstrtou8("255", 10, &u8v), 0);
	cr_assert_eq(kstrtou8("256", 10, &u8v), -ERANGE);
	cr_assert_eq(kstrtos8("-128", 10, &s8v), 0);
	cr_assert_eq(s8v, -128);
	cr_assert_eq(kstrtos8("128", 10, &s8v), -ERANGE);
	cr_assert_eq(kstrtou16("0xffff", 0, &u16v), 0);
	cr_assert_eq(kstrtos16("-32769", 10, &s16v), -ERANGE);
	cr_assert_eq(kstrtoul("0x10", 16, &ul), 0);
	cr_assert_eq(ul, 16);
	cr_assert_eq(kstrtol("-10", 10, &l), 0);
	cr_assert_eq(l, -10);

	const char *yes[] = { "y", "Y", "1", "on", "ON", "oN", "yes", "true", "T" };
	const char *no[] = { "n", "N", "0", "off", "OFF", "oFf", "no", "false", "F" };
	const char *bad[] = { "", "o", "ox", "2", "maybe", " y" };

	for (size_t k = 0; k < ARRAY_SIZE(yes); k++)
		cr_assert(!kstrtobool(yes[k], &b) && b, "%s", yes[k]);
	for (size_t k = 0; k < ARRAY_SIZE(no); k++)
		cr_assert(!kstrtobool(no[k], &b) && !b, "%s", no[k]);
	for (size_t k = 0; k < ARRAY_SIZE(bad); k++)
		cr_assert_eq(kstrtobool(bad[k], &b), -EINVAL, "%s", bad[k]);
	cr_assert_eq(kstrtobool(NULL, &b), -EINVAL);
}

Test(vsprintf, kstrtox_from_user_and_cmdline)
{
	char text[] = "1234\n";
	unsigned int ui;
	bool b;
	int ints[8];
	char list[] = "1,3-5,-2", *s = list;
	char *end;

	cr_assert_eq(kstrtouint_from_user(text, sizeof(text) - 1, 10, &ui), 0);
	cr_assert_eq(ui, 1234);
	cr_assert_eq(kstrtouint_from_user(text, 2, 10, &ui), 0);
	cr_assert_eq(ui, 12);
	cr_assert_eq(kstrtobool_from_user("on\n", 3, &b), 0);
	cr_assert(b);

	cr_assert_eq(memparse("64K", &end), 64 << 10);
	cr_assert_eq(*end, '\0');
	cr_assert_eq(memparse("2g", NULL), 2ULL << 30);
	cr_assert_eq(memparse("0x1000", NULL), 0x1000);
	cr_assert_eq(memparse("1E", NULL), 1ULL << 60);
	cr_assert_eq(memparse("5x", &end), 5);
	cr_assert_eq(*end, 'x');

	cr_assert_eq(get_option(&s, &ints[0]), 2);
	cr_assert_eq(ints[0], 1);
	get_options(list, ARRAY_SIZE(ints), ints);
	cr_assert_eq(ints[0], 5);
	cr_assert(ints[1] == 1 && ints[2] == 3 && ints[3] == 4 && ints[4] == 5 && ints[5] == -2);
	cr_assert(parse_option_str("a,bc,d", "bc"));
	cr_assert(!parse_option_str("a,bcd", "bc"));
}

/* Module parameters and boot options read numbers and yes/no words with kstrto*. */
Test(vsprintf, module_params_use_kstrtox)
{
	short sh = 0;
	int in = 0;
	bool flag = false;
	struct kernel_param p_short = { .name = "s", .arg = &sh };
	struct kernel_param p_int = { .name = "i", .arg = &in };
	struct kernel_param p_bool = { .name = "b", .arg = &flag };

	cr_assert_eq(param_set_short("-300\n", &p_short), 0);
	cr_assert_eq(sh, -300);
	cr_assert_eq(param_set_short("70000", &p_short), -ERANGE);
	cr_assert_eq(param_set_int(" 5", &p_int), -EINVAL);
	cr_assert_eq(param_set_int("0x10", &p_int), 0);
	cr_assert_eq(in, 16);
	cr_assert_eq(param_set_bool("on", &p_bool), 0);
	cr_assert(flag);
	cr_assert_eq(param_set_bool("false", &p_bool), 0);
	cr_assert(!flag);
	cr_assert_eq(param_set_bool(NULL, &p_bool), 0);
	cr_assert(flag, "a bare bool parameter is true");
	cr_assert_eq(param_set_bool("maybe", &p_bool), -EINVAL);
}
