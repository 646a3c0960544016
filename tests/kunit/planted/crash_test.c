// SPDX-License-Identifier: LGPL-2.1-or-later
// Three suites, the middle one ending its machine (panic()), for
// tests/kunit/kunit_tool_test.sh: the suites around it still run, each in its machine,
// and the results come in suite order whatever order the machines end in.
#include <linux/kernel.h>
#include <linux/panic.h>
#include <kunit/test.h>

static void passes(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 2 * 2, 4);
}

static void ends_the_machine(struct kunit *test)
{
	panic("planted panic");
}

static struct kunit_case passing_cases[] = {
	KUNIT_CASE(passes),
	{}
};

static struct kunit_case crashing_cases[] = {
	KUNIT_CASE(ends_the_machine),
	{}
};

static struct kunit_suite before_suite = { .name = "before", .test_cases = passing_cases };
static struct kunit_suite crashes_suite = { .name = "crashes", .test_cases = crashing_cases };
static struct kunit_suite after_suite = { .name = "after", .test_cases = passing_cases };
kunit_test_suites(&before_suite, &crashes_suite, &after_suite);

MODULE_LICENSE("GPL");
