// SPDX-License-Identifier: LGPL-2.1-or-later
/* printk levels and continuation lines, pr_fmt, the /dev/kmsg record format, loglevel. */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#define pr_fmt(fmt) "mydrv: " fmt
#include <linux/kernel.h>
#include "kmsg.h"

Test(printk, records_levels_and_pr_fmt)
{
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	pr_info("probe %d\n", 7);
	pr_err("broken\n");
	printk("no level\n");
	char *log = proc_text("/dev/kmsg");
	cr_assert(strstr(log, "6,") && strstr(log, ",-;mydrv: probe 7\n"), "%s", log);
	cr_assert(strstr(log, "3,"));
	char *err = strstr(log, ";mydrv: broken\n");
	cr_assert(err);
	while (err > log && err[-1] != '\n')
		err--;
	cr_assert_eq(err[0], '3', "KERN_ERR is level 3");
	char *plain = strstr(log, ";no level\n");
	while (plain > log && plain[-1] != '\n')
		plain--;
	cr_assert_eq(plain[0], '4', "the default message level is 4");
	free(log);
	ukmem_shutdown();
}

Test(printk, continuation_joins_one_record)
{
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	pr_warn("values:");
	for (int i = 0; i < 3; i++)
		pr_cont(" %d", i);
	pr_cont("\n");
	cr_assert(kmsg_contains(";mydrv: values: 0 1 2"));
	cr_assert_eq(kmsg_count("values:"), 1);
	ukmem_shutdown();
}

Test(printk, sequence_numbers_increase)
{
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	char *log = proc_text("/dev/kmsg"), *line = log;
	long last = -1;
	while (line && *line) {
		int level;
		long seq;
		cr_assert_eq(sscanf(line, "%d,%ld,", &level, &seq), 2, "%s", line);
		cr_assert_eq(seq, last + 1);
		last = seq;
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	cr_assert_geq(last, 1);
	free(log);
	ukmem_shutdown();
}

/* More text than the log's arena holds, half of it in continued records: the oldest
 * records make way, the newest stay whole, and sequence numbers stay consecutive. */
Test(printk, the_log_wraps_keeping_the_newest_records_whole, .init = cr_redirect_stderr)
{
	enum { N = 12000 };
	char pad[201];

	memset(pad, 'x', 200);
	pad[200] = '\0';
	cr_assert_eq(ukmem_boot("mem=32M loglevel=1"), 0);
	for (int i = 0; i < N; i++) {
		if (i % 2) {
			pr_info("record %d:", i);
			pr_cont(" %s", pad);
			pr_cont(" end %d\n", i);
		} else {
			pr_info("record %d: %s end %d\n", i, pad + i % 100, i);
		}
	}
	char *log = proc_text("/dev/kmsg"), *line = log;
	long first = -1, last = -1, records = 0;
	while (line && *line) {
		int level, n = -1;
		long seq;
		cr_assert_eq(sscanf(line, "%d,%ld,", &level, &seq), 2, "%s", line);
		cr_assert(last < 0 || seq == last + 1, "%ld after %ld", seq, last);
		if (first < 0)
			first = seq;
		last = seq;
		char *text = strchr(line, ';') + 1, *nl = strchr(line, '\n');
		*nl = '\0';
		if (sscanf(text, "mydrv: record %d:", &n) == 1) {
			char want[300];
			snprintf(want, sizeof(want), "mydrv: record %d: %s end %d", n,
				 n % 2 ? pad : pad + n % 100, n);
			cr_assert_str_eq(text, want);
			records++;
		}
		line = nl + 1;
	}
	cr_assert_gt(first, 0, "the oldest records made way");
	cr_assert_gt(records, 2000, "%ld records kept", records);
	cr_assert(kmsg_contains("mydrv: record 11999: "));
	free(log);
	ukmem_shutdown();
}

Test(printk, console_text, .init = cr_redirect_stderr)
{
	cr_assert_eq(ukmem_boot("mem=32M loglevel=4 printk.time=0 quiet"), 0);
	pr_info("quiet info\n");
	pr_err("loud error\n");
	cr_assert(kmsg_contains("quiet info"), "the log keeps what the console hides");
	ukmem_shutdown();
	cr_assert_stderr_eq_str("mydrv: loud error\n");
}
