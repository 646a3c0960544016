// SPDX-License-Identifier: LGPL-2.1-or-later
/* seq_file: a /proc view of more than 64 KiB read in pieces of 1, 7 and 4096 bytes gives
 * the stream one large read gives; a record larger than the buffer is shown again into a
 * doubled buffer; lseek back to 0 (or into the middle) restarts the records; single_open
 * and the DEFINE_*_ATTRIBUTE macros on a proc file and a misc device; the print helpers'
 * exact text; the list iterators. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/fs.h>
#include <linux/list.h>
#include <linux/miscdevice.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include "kmsg.h"

/* ---- a sequence of NR_RECORDS lines of varying length (about 100 KiB) ---- */

#define NR_RECORDS 3000

static void *big_start(struct seq_file *m, loff_t *pos)
{
	return *pos < NR_RECORDS ? (void *)(long)(*pos + 1) : NULL;
}

static void *big_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return big_start(m, pos);
}

static void big_stop(struct seq_file *m, void *v)
{
}

static int big_show(struct seq_file *m, void *v)
{
	long n = (long)v - 1;

	if (n % 97 == 5)
		return SEQ_SKIP;	/* skipped records leave nothing */
	seq_printf(m, "record %ld:", n);
	for (long i = 0; i < n % 50; i++)
		seq_putc(m, (char)('a' + i % 26));
	seq_putc(m, '\n');
	return 0;
}

static const struct seq_operations big_sops = {
	.start = big_start, .next = big_next, .stop = big_stop, .show = big_show,
};

static char *expected_big(size_t *len)
{
	size_t size = 1 << 20, used = 0;
	char *text = malloc(size);

	for (long n = 0; n < NR_RECORDS; n++) {
		if (n % 97 == 5)
			continue;
		used += (size_t)sprintf(text + used, "record %ld:", n);
		for (long i = 0; i < n % 50; i++)
			text[used++] = (char)('a' + i % 26);
		text[used++] = '\n';
	}
	text[used] = '\0';
	*len = used;
	return text;
}

/* Reads fd to the end in pieces of chunk bytes. */
static char *read_all(int fd, size_t chunk, size_t *len)
{
	size_t size = (2 << 20) + chunk, used = 0;
	char *text = malloc(size);
	ssize_t n;

	while ((n = ukmem_read(fd, text + used, chunk)) > 0) {
		used += (size_t)n;
		cr_assert_leq(used + chunk, size);
	}
	cr_assert_eq(n, 0, "read ended with %zd (errno %d)", n, errno);
	*len = used;
	return text;
}

Test(seq_file, large_view_reads_the_same_in_any_piece_size)
{
	size_t want_len, len;
	char *want = expected_big(&want_len);
	size_t chunks[] = { 1 << 20, 1, 7, 4096 };

	cr_assert_gt(want_len, 64 * 1024);
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_not_null(proc_create_seq("ukbig", 0, NULL, &big_sops));
	for (size_t c = 0; c < sizeof(chunks) / sizeof(chunks[0]); c++) {
		int fd = ukmem_open("/proc/ukbig", O_RDONLY);

		cr_assert_geq(fd, 0);
		char *got = read_all(fd, chunks[c], &len);
		cr_assert_eq(len, want_len, "pieces of %zu: %zu bytes, not %zu", chunks[c], len,
			     want_len);
		cr_assert(!memcmp(got, want, len), "pieces of %zu differ", chunks[c]);
		free(got);
		cr_assert_eq(ukmem_close(fd), 0);
	}
	char *text = proc_text("/proc/ukbig");
	cr_assert_str_eq(text, want, "ukmem_proc_read renders the same stream");
	free(text);
	remove_proc_entry("ukbig", NULL);
	free(want);
	ukmem_shutdown();
}

Test(seq_file, lseek_back_restarts_and_seeks_into_the_middle)
{
	size_t want_len;
	char *want = expected_big(&want_len);
	char buf[300];

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_not_null(proc_create_seq("ukbig", 0444, NULL, &big_sops));
	int fd = ukmem_open("/proc/ukbig", O_RDONLY);
	cr_assert_eq(ukmem_read(fd, buf, 100), 100);
	cr_assert_eq(ukmem_read(fd, buf, 100), 100);
	cr_assert(!memcmp(buf, want + 100, 100));
	cr_assert_eq(ukmem_lseek(fd, 0, SEEK_SET), 0);
	cr_assert_eq(ukmem_read(fd, buf, 50), 50);
	cr_assert(!memcmp(buf, want, 50), "back at 0, the records start again");
	cr_assert_eq(ukmem_lseek(fd, 70001, SEEK_SET), 70001);
	cr_assert_eq(ukmem_read(fd, buf, sizeof(buf)), (ssize_t)sizeof(buf));
	cr_assert(!memcmp(buf, want + 70001, sizeof(buf)), "a seek replays up to the offset");
	cr_assert_eq(ukmem_lseek(fd, -10, SEEK_CUR), 70001 + sizeof(buf) - 10);
	cr_assert_eq(ukmem_read(fd, buf, 10), 10);
	cr_assert(!memcmp(buf, want + 70001 + 300 - 10, 10));
	cr_assert_eq(ukmem_lseek(fd, 0, SEEK_END), -1, "seq_lseek has no SEEK_END");
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_lseek(fd, -1, SEEK_SET), -1);
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_pread(fd, buf, 20, 1000), 20, "pread works on seq files");
	cr_assert(!memcmp(buf, want + 1000, 20));
	cr_assert_eq(ukmem_close(fd), 0);
	remove_proc_entry("ukbig", NULL);
	free(want);
	ukmem_shutdown();
}

/* ---- one record larger than the first buffer ---- */

static int huge_calls;

static int huge_show(struct seq_file *m, void *v)
{
	huge_calls++;
	for (int i = 0; i < 1000; i++)
		seq_printf(m, "%09d\n", i);	/* 10000 bytes */
	return 0;
}
DEFINE_PROC_SHOW_ATTRIBUTE(huge);

Test(seq_file, a_record_larger_than_the_buffer_is_retried_in_a_doubled_one)
{
	char buf[16];

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_not_null(proc_create("ukhuge", 0, NULL, &huge_proc_ops));
	huge_calls = 0;
	int fd = ukmem_open("/proc/ukhuge", O_RDONLY);
	size_t len;
	char *got = read_all(fd, 1000, &len);
	cr_assert_eq(len, 10000);
	for (int i = 0; i < 1000; i++) {
		snprintf(buf, sizeof(buf), "%09d\n", i);
		cr_assert(!memcmp(got + i * 10, buf, 10), "line %d", i);
	}
	cr_assert_eq(huge_calls, 3, "4 KiB and 8 KiB overflow, 16 KiB holds it (%d calls)",
		     huge_calls);
	free(got);
	ukmem_close(fd);
	remove_proc_entry("ukhuge", NULL);
	ukmem_shutdown();
}

/* ---- the print helpers ---- */

static int helpers_show(struct seq_file *m, void *v)
{
	static const unsigned char bytes[20] = "0123456789ABCDEFGHI";

	seq_put_decimal_ull(m, "u=", 18446744073709551615ULL);
	seq_put_decimal_ll(m, " ", -9223372036854775807LL - 1);
	seq_put_decimal_ll(m, " ", 7);
	seq_put_decimal_ull_width(m, " w=", 42, 5);
	seq_put_hex_ll(m, " h=", 0xbeef, 8);
	seq_put_hex_ll(m, " ", 0, 0);
	seq_putc(m, '\n');
	seq_escape(m, "a b\tc\\d", " \t\\");
	seq_putc(m, '\n');
	seq_escape_mem(m, "x\ny\"\x01", 5, ESCAPE_ANY_NP, NULL);
	seq_putc(m, '\n');
	seq_setwidth(m, 10);
	seq_puts(m, "pad");
	seq_pad(m, '|');
	seq_putc(m, '\n');
	seq_hex_dump(m, "hd: ", DUMP_PREFIX_OFFSET, 16, 1, bytes, sizeof(bytes), true);
	cr_assert_eq(seq_write(m, "end\n", 4), 0);
	cr_assert(!seq_has_overflowed(m));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(helpers);

static struct miscdevice helpers_misc = {
	.minor = MISC_DYNAMIC_MINOR, .name = "seqhelpers", .fops = &helpers_fops,
};

Test(seq_file, print_helpers_and_show_attribute_on_a_misc_device)
{
	char buf[1024];

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(misc_register(&helpers_misc), 0);
	int fd = ukmem_open("/dev/seqhelpers", O_RDONLY);
	cr_assert_geq(fd, 0);
	ssize_t n = ukmem_read(fd, buf, sizeof(buf) - 1);
	cr_assert_gt(n, 0);
	buf[n] = '\0';
	cr_assert_str_eq(buf,
		"u=18446744073709551615 -9223372036854775808 7 w=00042 h=0000beef 0\n"
		"a\\040b\\011c\\134d\n"
		"x\\ny\"\\001\n"
		"pad       |\n"
		"hd: 00000000: 30 31 32 33 34 35 36 37 38 39 41 42 43 44 45 46  0123456789ABCDEF\n"
		"hd: 00000010: 47 48 49 00                                      GHI.\n"
		"end\n");
	cr_assert_eq(ukmem_read(fd, buf, sizeof(buf)), 0);
	ukmem_close(fd);
	misc_deregister(&helpers_misc);
	ukmem_shutdown();
}

/* ---- list iterators ---- */

struct item {
	struct list_head list;
	int value;
};

static LIST_HEAD(items);

static void *items_start(struct seq_file *m, loff_t *pos)
{
	return seq_list_start_head(&items, *pos);
}

static void *items_next(struct seq_file *m, void *v, loff_t *pos)
{
	return seq_list_next(v, &items, pos);
}

static int items_show(struct seq_file *m, void *v)
{
	if (v == &items)
		seq_puts(m, "values:\n");
	else
		seq_printf(m, "%d\n", list_entry(v, struct item, list)->value);
	return 0;
}

static const struct seq_operations items_sops = {
	.start = items_start, .next = items_next, .stop = big_stop, .show = items_show,
};

Test(seq_file, list_iterators_with_a_header_and_private_state)
{
	struct item it[3] = { { .value = 10 }, { .value = 20 }, { .value = 30 } };

	cr_assert_eq(ukmem_boot(NULL), 0);
	for (int i = 0; i < 3; i++)
		list_add_tail(&it[i].list, &items);
	cr_assert_not_null(proc_create_seq_private("ukitems", 0, NULL, &items_sops, 64, NULL));
	char *text = proc_text("/proc/ukitems");
	cr_assert_str_eq(text, "values:\n10\n20\n30\n");
	free(text);
	int fd = ukmem_open("/proc/ukitems", O_RDONLY);
	char buf[4];
	cr_assert_eq(ukmem_read(fd, buf, 3), 3, "one byte at a time across records");
	cr_assert_eq(ukmem_lseek(fd, 8, SEEK_SET), 8);
	cr_assert_eq(ukmem_read(fd, buf, 3), 3);
	cr_assert(!memcmp(buf, "10\n", 3));
	ukmem_close(fd);
	remove_proc_entry("ukitems", NULL);
	INIT_LIST_HEAD(&items);
	ukmem_shutdown();
}
