// SPDX-License-Identifier: LGPL-2.1-or-later
/* KUnit (kunit/test.h): suites linked into this program run through
 * kunit_run_all_tests(); their KTAP output is compared with Linux 6.1's text, line for
 * line: headers, results, "# SKIP", parameterised sub-subtests, statistics, and the
 * messages of failed expectations and assertions. An assertion ends its case (the code
 * after it does not run) while the case's exit and resource cleanup still run and the
 * suite goes on. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <kunit/test.h>
#include <kunit/test-bug.h>
#include "kmsg.h"

/* The log's text (records without their "level,seq,usec,-;" prefix), lines joined. */
static char *ktap(void)
{
	char *log = proc_text("/dev/kmsg"), *out = calloc(1, strlen(log) + 1), *p = log;

	while (*p) {
		char *semi = strstr(p, ",-;"), *next;

		if (!semi)
			break;
		p = semi + 3;
		/* a record ends at a newline followed by the next record's "<level>," */
		for (next = p; (next = strchr(next, '\n')); next++)
			if (next[1] >= '0' && next[1] <= '7' && next[2] == ',')
				break;
		if (!next)
			next = p + strlen(p);
		strncat(out, p, (size_t)(next - p) + (*next ? 1 : 0));
		p = *next ? next + 1 : next;
	}
	free(log);
	return out;
}

static void run(const char *filter)
{
	char cmdline[256];

	snprintf(cmdline, sizeof(cmdline), "loglevel=1 kunit.filter_glob=%s", filter);
	cr_assert_eq(ukmem_boot(cmdline), 0);
	kunit_run_all_tests();
}

/* --- a suite that passes and skips --- */

static void good_checks(struct kunit *test)
{
	int x = 3;
	const char *s = "abc";

	KUNIT_EXPECT_EQ(test, x, 3);
	KUNIT_EXPECT_NE(test, x, 4);
	KUNIT_EXPECT_LT(test, x, 4);
	KUNIT_EXPECT_LE(test, x, 3);
	KUNIT_EXPECT_GT(test, x, 2);
	KUNIT_EXPECT_GE_MSG(test, x, 3, "never printed %d", x);
	KUNIT_EXPECT_TRUE(test, x == 3);
	KUNIT_EXPECT_FALSE(test, x == 4);
	KUNIT_EXPECT_PTR_EQ(test, s, s);
	KUNIT_EXPECT_PTR_NE(test, s, NULL);
	KUNIT_EXPECT_NULL(test, NULL);
	KUNIT_EXPECT_NOT_NULL(test, s);
	KUNIT_EXPECT_NOT_ERR_OR_NULL(test, s);
	KUNIT_EXPECT_STREQ(test, s, "abc");
	KUNIT_EXPECT_STRNEQ(test, s, "abd");
	KUNIT_ASSERT_EQ(test, x, 3);
	KUNIT_ASSERT_STREQ(test, s, "abc");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, s);
	KUNIT_SUCCEED(test);
}

static void skipped(struct kunit *test)
{
	kunit_skip(test, "not here: %d", 42);
	KUNIT_FAIL(test, "after kunit_skip");
}

static const int params[] = { 1, 2, 3 };

static void param_desc(const int *p, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "value %d", *p);
}

KUNIT_ARRAY_PARAM(numbers, params, param_desc);

static void param_case(struct kunit *test)
{
	const int *p = test->param_value;

	KUNIT_EXPECT_GT(test, *p, 0);
}

static struct kunit_case good_cases[] = {
	KUNIT_CASE(good_checks),
	KUNIT_CASE(skipped),
	KUNIT_CASE_PARAM(param_case, numbers_gen_params),
	{}
};

static struct kunit_suite good_suite = {
	.name = "good",
	.test_cases = good_cases,
};

/* --- a suite with planted failures --- */

static int exits, freed;
static int fail_line, assert_line, ptr_line, str_line, true_line, msg_line;

static void count_free(struct kunit_resource *res)
{
	freed++;
}

static void planted_expect(struct kunit *test)
{
	int a = 1, b = 2;

	fail_line = __LINE__ + 1;
	KUNIT_EXPECT_EQ(test, a, b);
	KUNIT_EXPECT_EQ(test, a, 1);	/* goes on after a failed expectation */
}

static void planted_assert(struct kunit *test)
{
	static struct kunit_resource res;
	int *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	kunit_add_named_resource(test, NULL, count_free, &res, "counter", p);
	assert_line = __LINE__ + 1;
	KUNIT_ASSERT_EQ(test, *p, 5);
	*p = 99;			/* never reached */
	KUNIT_FAIL(test, "after a failed assertion");
}

static void planted_other(struct kunit *test)
{
	const char *s = "abc";
	void *q = (void *)16;

	ptr_line = __LINE__ + 1;
	KUNIT_EXPECT_PTR_EQ(test, q, NULL);
	str_line = __LINE__ + 1;
	KUNIT_EXPECT_STREQ(test, s, "abd");
	true_line = __LINE__ + 1;
	KUNIT_EXPECT_TRUE(test, s == NULL);
	msg_line = __LINE__ + 1;
	KUNIT_EXPECT_NOT_ERR_OR_NULL_MSG(test, ERR_PTR(-22), "from %s", "here");
}

static void planted_current(struct kunit *test)
{
	kunit_fail_current_test("bad %d", 7);
}

static void bad_exit(struct kunit *test)
{
	exits++;
}

static struct kunit_case bad_cases[] = {
	KUNIT_CASE(planted_expect),
	KUNIT_CASE(planted_assert),
	KUNIT_CASE(planted_other),
	KUNIT_CASE(planted_current),
	{}
};

static struct kunit_suite bad_suite = {
	.name = "bad",
	.exit = bad_exit,
	.test_cases = bad_cases,
};

/* --- suite_init failing --- */

static int refuse(struct kunit_suite *suite)
{
	return -12;
}

static struct kunit_suite refused_suite = {
	.name = "refused",
	.suite_init = refuse,
	.test_cases = good_cases,
};

kunit_test_suites(&good_suite, &bad_suite, &refused_suite);

Test(kunit, passing_suite_ktap)
{
	run("good");
	char *out = ktap();
	const char *want =
		"KTAP version 1\n"
		"1..1\n"
		"    KTAP version 1\n"
		"    # Subtest: good\n"
		"    1..3\n"
		"    ok 1 good_checks\n"
		"    ok 2 skipped # SKIP not here: 42\n"
		"        KTAP version 1\n"
		"        # Subtest: param_case\n"
		"        ok 1 value 1\n"
		"        ok 2 value 2\n"
		"        ok 3 value 3\n"
		"    # param_case: pass:3 fail:0 skip:0 total:3\n"
		"    ok 3 param_case\n"
		"# good: pass:2 fail:0 skip:1 total:3\n"
		"# Totals: pass:4 fail:0 skip:1 total:5\n"
		"ok 1 good\n";

	cr_assert(strstr(out, want), "got:\n%s", out);
	free(out);
	ukmem_shutdown();
}

/* The log holds the failure message of the check at __FILE__:line in case, whose
 * lines after the first are body. */
static void expect_failure(const char *out, const char *kind, const char *test_case,
			   int line, const char *body)
{
	char want[1024];

	snprintf(want, sizeof(want), "    # %s: %s FAILED at %s:%d\n%s", test_case, kind,
		 __FILE__, line, body);
	cr_assert(strstr(out, want), "want:\n%s\ngot:\n%s", want, out);
}

Test(kunit, planted_failures_fail_with_linux_messages)
{
	exits = freed = 0;
	run("bad");
	char *out = ktap();

	expect_failure(out, "EXPECTATION", "planted_expect", fail_line,
		       "    Expected a == b, but\n"
		       "        a == 1\n"
		       "        b == 2\n"
		       "    not ok 1 planted_expect\n");
	/* the literal 5 is not repeated; the case ends at the assertion */
	expect_failure(out, "ASSERTION", "planted_assert", assert_line,
		       "    Expected *p == 5, but\n"
		       "        *p == 0\n"
		       "    not ok 2 planted_assert\n");
	cr_assert_not(strstr(out, "after a failed assertion"));
	expect_failure(out, "EXPECTATION", "planted_other", ptr_line,
		       "    Expected q == ((void *)0), but\n"
		       "        q == 0000000000000010\n"
		       "        ((void *)0) == 0000000000000000\n");
	expect_failure(out, "EXPECTATION", "planted_other", str_line,
		       "    Expected s == \"abd\", but\n"
		       "        s == \"abc\"\n");
	/* NULL is expanded before KUnit stringifies the condition, as in Linux */
	expect_failure(out, "EXPECTATION", "planted_other", true_line,
		       "    Expected s == ((void *)0) to be true, but is false\n");
	expect_failure(out, "EXPECTATION", "planted_other", msg_line,
		       "    Expected ERR_PTR(-22) is not error, but is: -22\n"
		       "\n"
		       "from here\n");
	cr_assert(strstr(out, "    # planted_current: "));
	cr_assert(strstr(out, ": bad 7\n    not ok 4 planted_current\n"), "got:\n%s", out);
	cr_assert(strstr(out, "# bad: pass:0 fail:4 skip:0 total:4\n"
			      "# Totals: pass:0 fail:4 skip:0 total:4\n"
			      "not ok 1 bad\n"), "got:\n%s", out);
	cr_assert_eq(exits, 4, "the suite's exit runs after every case, also an aborted one");
	cr_assert_eq(freed, 1, "the aborted case's resources were released");
	free(out);
	ukmem_shutdown();
}

Test(kunit, suite_init_failure_and_filter)
{
	run("refused");
	char *out = ktap();

	cr_assert(strstr(out, "KTAP version 1\n1..1\n"
			      "    # refused:     # failed to initialize (-12)\n"
			      "not ok 1 refused\n"), "got:\n%s", out);
	cr_assert_not(strstr(out, "good_checks"));
	free(out);
	ukmem_shutdown();
}

Test(kunit, filter_by_case_and_list)
{
	cr_assert_eq(ukmem_boot("loglevel=1 kunit.filter_glob=g*.skip* kunit.action=list"), 0);
	kunit_run_all_tests();
	char *out = ktap();

	cr_assert(strstr(out, "KTAP version 1\ngood.skipped\n"), "got:\n%s", out);
	cr_assert_not(strstr(out, "good.good_checks"));
	free(out);
	ukmem_shutdown();
}

Test(kunit, resources_and_kfree)
{
	struct kunit test;
	struct kunit_resource res = { 0 }, *found;
	int data = 1;

	cr_assert_eq(ukmem_boot("loglevel=1"), 0);
	kunit_init_test(&test, "resources", NULL);
	cr_assert_eq(kunit_add_named_resource(&test, NULL, NULL, &res, "r", &data), 0);
	cr_assert_eq(kunit_add_named_resource(&test, NULL, NULL, &res, "r", &data), -EEXIST);
	found = kunit_find_named_resource(&test, "r");
	cr_assert_eq(found, &res);
	kunit_put_resource(found);
	cr_assert_eq(kunit_destroy_named_resource(&test, "r"), 0);
	cr_assert_eq(kunit_destroy_named_resource(&test, "r"), -ENOENT);
	void *p = kunit_kmalloc_array(&test, 4, 8, GFP_KERNEL);

	cr_assert_not_null(p);
	kunit_kfree(&test, p);
	cr_assert_eq(test.status, KUNIT_SUCCESS);
	kunit_kfree(&test, &data);	/* not KUnit's: the test fails */
	cr_assert_eq(test.status, KUNIT_FAILURE);
	cr_assert(kmsg_contains("already freed or not allocated by kunit"));
	kunit_cleanup(&test);
	ukmem_shutdown();
}

/* kunit.enable=0: the executor says "kunit: disabled" and runs and lists nothing, as
 * Linux 6.1 does; with the default (1) the same suite runs. */
Test(kunit, disabled_runs_nothing)
{
	exits = 0;
	cr_assert_eq(ukmem_boot("loglevel=1 kunit.enable=0 kunit.filter_glob=bad"), 0);
	kunit_run_all_tests();
	char *out = ktap();

	cr_assert(strstr(out, "kunit: disabled\n"), "got:\n%s", out);
	cr_assert_not(strstr(out, "KTAP version 1"), "got:\n%s", out);
	cr_assert_not(strstr(out, "planted_expect"), "got:\n%s", out);
	cr_assert_eq(exits, 0, "a case ran");
	/* a module's suites (run as it loads) are not run either */
	cr_assert_eq(__kunit_test_suites_init((struct kunit_suite *const[]){ &bad_suite }, 1), 0);
	cr_assert_eq(exits, 0, "a module's case ran");
	cr_assert_eq(kmsg_count("kunit: disabled"), 2);
	free(out);
	ukmem_shutdown();

	cr_assert_eq(ukmem_boot("loglevel=1 kunit.enable=0 kunit.action=list"), 0);
	kunit_run_all_tests();
	out = ktap();
	cr_assert_not(strstr(out, "good.good_checks"), "got:\n%s", out);
	free(out);
	ukmem_shutdown();

	run("bad");
	cr_assert_eq(exits, 4, "with kunit.enable=1 the suite runs");
	cr_assert_not(kmsg_contains("kunit: disabled"));
	ukmem_shutdown();
}
