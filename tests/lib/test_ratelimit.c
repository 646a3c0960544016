// SPDX-License-Identifier: LGPL-2.1-or-later
/* Rate limits (lib/ratelimit.c), checked by exact text: __ratelimit() lets `burst`
 * events through per window and the first of the next window reports the rest as
 * "<func>: N callbacks suppressed"; pr_*_ratelimited keep a state per call site;
 * warn_alloc reports one failure per 10 s; a WARN message without a newline still ends
 * its line on the console. */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/bug.h>
#include <linux/delay.h>
#include <linux/gfp.h>
#include <linux/jiffies.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>
#include "kmsg.h"

static int limited_event(struct ratelimit_state *rs)
{
	return __ratelimit(rs);
}

Test(ratelimit, burst_per_window_then_callbacks_suppressed)
{
	static DEFINE_RATELIMIT_STATE(rs, 1, 3);	/* 3 per jiffy */
	int passed = 0;
	unsigned long start;

	cr_assert_eq(ukmem_boot(NULL), 0);
	start = jiffies;
	for (int i = 0; i < 8; i++)
		passed += !!limited_event(&rs);
	if (jiffies != start)			/* a busy machine crossed the window */
		cr_skip_test("the window ended during the burst");
	cr_assert_eq(passed, 3);
	while (time_before_eq(jiffies, start + 1))
		msleep(1);
	cr_assert(limited_event(&rs));
	cr_assert(kmsg_contains("limited_event: 5 callbacks suppressed"));
	ukmem_shutdown();
}

Test(ratelimit, defaults_are_ten_per_five_seconds)
{
	struct ratelimit_state rs;

	ratelimit_default_init(&rs);
	cr_assert_eq(rs.interval, 5 * HZ);
	cr_assert_eq(rs.burst, 10);
	cr_assert_eq(DEFAULT_RATELIMIT_INTERVAL, 5 * HZ);
	cr_assert_eq(DEFAULT_RATELIMIT_BURST, 10);
}

Test(ratelimit, zero_interval_never_limits)
{
	static DEFINE_RATELIMIT_STATE(rs, 0, 1);

	cr_assert_eq(ukmem_boot(NULL), 0);
	for (int i = 0; i < 100; i++)
		cr_assert(__ratelimit(&rs));
	ukmem_shutdown();
}

Test(ratelimit, pr_err_ratelimited_lets_ten_through)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	for (int i = 0; i < 25; i++)
		pr_err_ratelimited("ratelimit test line %d\n", i);
	/* Ten in the window, unless a busy machine spread the loop over 5 s. */
	cr_assert_geq(kmsg_count("ratelimit test line"), 10);
	cr_assert(kmsg_contains("ratelimit test line 9"));
	if (kmsg_count("ratelimit test line") == 10)
		cr_assert_not(kmsg_contains("ratelimit test line 10"));
	ukmem_shutdown();
}

Test(ratelimit, warn_alloc_reports_once_per_ten_seconds)
{
	unsigned long got[64];
	int n = 0;

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	while (n < 64 && (got[n] = __get_free_pages(GFP_KERNEL, 10)))
		n++;
	cr_assert_lt(n, 61);
	for (int i = 0; i < 3; i++)
		cr_assert_eq(__get_free_pages(GFP_KERNEL, 10), 0);
	cr_assert_eq(kmsg_count("page allocation failure: order:10"), 1);
	while (n--)
		free_pages(got[n], 10);
	ukmem_shutdown();
}

Test(ratelimit, warn_message_without_newline_ends_its_console_line, .init = cr_redirect_stderr)
{
	char text[65536];
	size_t n;

	cr_assert_eq(ukmem_boot("loglevel=8"), 0);
	WARN(1, "no newline here");
	fflush(stderr);
	FILE *err = cr_get_redirected_stderr();

	n = fread(text, 1, sizeof(text) - 1, err);
	text[n] = '\0';
	cr_assert(strstr(text, "] no newline here\n["), "%s", text);
	cr_assert(kmsg_contains("no newline here"));
	ukmem_shutdown();
}
