// SPDX-License-Identifier: LGPL-2.1-or-later
// A KUnit suite with a planted failing expectation and a planted failing assertion,
// for tests/kunit/kunit_tool_test.sh.
#include <kunit/test.h>

static void passes(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, 1 + 1, 2);
}

static void planted_expect(struct kunit *test)
{
	int x = 1, y = 2;

	KUNIT_EXPECT_EQ(test, x, y);
}

static void planted_assert(struct kunit *test)
{
	void *p = NULL;

	KUNIT_ASSERT_NOT_NULL(test, p);
	kunit_info(test, "not reached");
}

static void skipped(struct kunit *test)
{
	kunit_skip(test, "planted skip");
}

static struct kunit_case planted_cases[] = {
	KUNIT_CASE(passes),
	KUNIT_CASE(planted_expect),
	KUNIT_CASE(planted_assert),
	KUNIT_CASE(skipped),
	{}
};

static struct kunit_suite planted_suite = {
	.name = "planted",
	.test_cases = planted_cases,
};

static struct kunit_suite second_suite = {
	.name = "second",
	.test_cases = planted_cases,
};

kunit_test_suites(&planted_suite, &second_suite);

MODULE_LICENSE("GPL");
