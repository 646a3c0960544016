// SPDX-License-Identifier: LGPL-2.1-or-later
/* tests/kernel/test_tracepoint.c: probes on the kernel's tracepoints, found as a module
 * finds them (for_each_kernel_tracepoint), and the "console" tracepoint's view of printk:
 * each message once, without its level and final newline, in priority order, and
 * nothing after the probe is gone. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <string.h>
#include <ukmem.h>
#include <linux/errno.h>
#include <linux/printk.h>
#include <linux/tracepoint.h>
#include <trace/events/printk.h>
#include "kernel/printk.h"

#define MAX_SEEN 16

struct seen {
	int n;
	char text[MAX_SEEN][128];
	size_t len[MAX_SEEN];
	char order[MAX_SEEN + 1];	/* which probe ran, in order */
};
static struct seen seen;

static void probe(void *data, const char *text, size_t len)
{
	if (seen.n == MAX_SEEN)
		return;
	memcpy(seen.text[seen.n], text, len < 127 ? len : 127);
	seen.len[seen.n] = len;
	seen.order[strlen(seen.order)] = *(const char *)data;
	seen.n++;
}

static void probe_b(void *data, const char *text, size_t len)
{
	seen.order[strlen(seen.order)] = *(const char *)data;
}

static void find_console(struct tracepoint *tp, void *priv)
{
	if (!strcmp(tp->name, "console"))
		*(struct tracepoint **)priv = tp;
}

static struct tracepoint *console_tp(void)
{
	struct tracepoint *tp = NULL;

	for_each_kernel_tracepoint(find_console, &tp);
	cr_assert_not_null(tp, "the console tracepoint is among the kernel's");
	return tp;
}

Test(tracepoint, console_probe_sees_each_message_without_level_or_newline)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct tracepoint *tp = console_tp();
	static const char a = 'a';

	check_trace_callback_type_console(probe);
	memset(&seen, 0, sizeof(seen));
	pr_info("before the probe\n");
	cr_assert_eq(tracepoint_probe_register(tp, probe, (void *)&a), 0);
	pr_err("BUG: KFENCE: out-of-bounds read in %s\n", "test_x");
	printk(KERN_WARNING "two\nlines\n");
	pr_info("no newline");
	pr_cont(" continued\n");
	cr_assert_eq(seen.n, 4);
	cr_assert_str_eq(seen.text[0], "BUG: KFENCE: out-of-bounds read in test_x");
	cr_assert_eq(seen.len[0], strlen("BUG: KFENCE: out-of-bounds read in test_x"));
	cr_assert_str_eq(seen.text[1], "two\nlines");
	cr_assert_str_eq(seen.text[2], "no newline");
	cr_assert_str_eq(seen.text[3], " continued");
	cr_assert_eq(tracepoint_probe_unregister(tp, probe, (void *)&a), 0);
	tracepoint_synchronize_unregister();
	pr_info("after the probe\n");
	cr_assert_eq(seen.n, 4, "an unregistered probe is not called");
	ukmem_shutdown();
}

Test(tracepoint, probes_run_by_priority_and_pairs_are_unique)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct tracepoint *tp = console_tp();
	static const char a = 'a', b = 'b', c = 'c';

	memset(&seen, 0, sizeof(seen));
	cr_assert_eq(tracepoint_probe_register(tp, probe, (void *)&a), 0);
	cr_assert_eq(tracepoint_probe_register(tp, probe, (void *)&a), -EEXIST);
	cr_assert_eq(tracepoint_probe_register_prio(tp, probe_b, (void *)&b, 20), 0);
	cr_assert_eq(tracepoint_probe_register(tp, probe_b, (void *)&c), 0);
	pr_info("one\n");
	cr_assert_str_eq(seen.order, "bac", "prio 20 first, then equal prios in order");
	cr_assert_eq(tracepoint_probe_unregister(tp, probe_b, (void *)&a), -ENOENT);
	cr_assert_eq(tracepoint_probe_unregister(tp, probe_b, (void *)&b), 0);
	cr_assert_eq(tracepoint_probe_unregister(tp, probe_b, (void *)&b), -ENOENT);
	pr_info("two\n");
	cr_assert_str_eq(seen.order, "bacac");
	cr_assert_eq(tracepoint_probe_unregister(tp, probe, (void *)&a), 0);
	cr_assert_eq(tracepoint_probe_unregister(tp, probe_b, (void *)&c), 0);
	cr_assert(!trace_console_enabled(), "no probe left: the tracepoint is off");
	pr_info("three\n");
	cr_assert_str_eq(seen.order, "bacac");
	cr_assert_eq(seen.n, 2);
	cr_assert_str_eq(seen.text[0], "one");
	cr_assert_str_eq(seen.text[1], "two");
	ukmem_shutdown();
}

static void *printer(void *arg)
{
	for (int i = 0; i < 2000; i++)
		printk(KERN_DEBUG "%d\n", i);
	return NULL;
}

static void count_probe(void *data, const char *text, size_t len)
{
	__atomic_fetch_add((long *)data, 1, __ATOMIC_RELAXED);
}

Test(tracepoint, probes_come_and_go_while_others_print)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct tracepoint *tp = console_tp();
	static long calls;
	pthread_t t;

	pthread_create(&t, NULL, printer, NULL);
	for (int i = 0; i < 50; i++) {
		cr_assert_eq(tracepoint_probe_register(tp, count_probe, &calls), 0);
		cr_assert_eq(tracepoint_probe_unregister(tp, count_probe, &calls), 0);
	}
	pthread_join(t, NULL);
	tracepoint_synchronize_unregister();
	long before = calls;

	pr_info("nobody listens\n");
	cr_assert_eq(calls, before);
	cr_assert(!trace_console_enabled());
	ukmem_shutdown();
}
