/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tests/tsan/criterion/criterion.h: the part of Criterion's interface that ukmem's tests
 * use, for builds where Criterion itself cannot run (under ThreadSanitizer its runner
 * fails to set up its shared arena). Test() and TestSuite() register entries in a linker
 * section that tests/tsan/runner.c walks; each test runs in a forked child as Criterion
 * runs it, so a test may boot, crash on purpose (.signal) or exit as under Criterion.
 * cr_assert* end the test at the first failure, cr_expect* mark it failed and go on.
 * Only the options the tests use exist: .init, .fini, .signal, .exit_code, .timeout,
 * .disabled and .description. */
#ifndef UKMEM_TSAN_CRITERION_H
#define UKMEM_TSAN_CRITERION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>		/* what Criterion's header brings with it */

struct criterion_test_extra_data {
	void (*init)(void);
	void (*fini)(void);
	int signal;
	int exit_code;
	double timeout;
	bool disabled;
	const char *description;
};

struct cr_shim_test {
	const char *suite, *name;
	void (*fn)(void);
	struct criterion_test_extra_data data;
};

struct cr_shim_suite {
	const char *name;
	struct criterion_test_extra_data data;
};

#define CR_SHIM_SECTION(kind) __attribute__((used, section("cr_shim_" kind), aligned(8)))

#define Test(suite, name, ...)                                                           \
	static void suite##_##name##_impl(void);                                         \
	static const struct cr_shim_test suite##_##name##_entry CR_SHIM_SECTION("tests") = \
		{ #suite, #name, suite##_##name##_impl, { __VA_ARGS__ } };                  \
	static void suite##_##name##_impl(void)

#define TestSuite(suite, ...)                                                            \
	static const struct cr_shim_suite suite##_suite_entry CR_SHIM_SECTION("suites") =  \
		{ #suite, { __VA_ARGS__ } }

/* Not marked as printf-like: a check without a message passes an empty format. */
void cr_shim_fail(const char *file, int line, bool fatal, const char *expr, const char *fmt, ...);

/* The optional message is a format and its arguments, as in Criterion. */
#define CR_SHIM_CHECK(fatal, cond, expr, ...)                                            \
	do {                                                                             \
		if (!(cond))                                                             \
			cr_shim_fail(__FILE__, __LINE__, fatal, expr, "" __VA_ARGS__);   \
	} while (0)

#define cr_assert(cond, ...) CR_SHIM_CHECK(true, cond, #cond, __VA_ARGS__)
#define cr_expect(cond, ...) CR_SHIM_CHECK(false, cond, #cond, __VA_ARGS__)
#define cr_assert_not(cond, ...) CR_SHIM_CHECK(true, !(cond), "!(" #cond ")", __VA_ARGS__)
#define cr_expect_not(cond, ...) CR_SHIM_CHECK(false, !(cond), "!(" #cond ")", __VA_ARGS__)
#define cr_assert_fail(...) CR_SHIM_CHECK(true, 0, "cr_assert_fail", __VA_ARGS__)
#define cr_expect_fail(...) CR_SHIM_CHECK(false, 0, "cr_expect_fail", __VA_ARGS__)

#define CR_SHIM_CMP(fatal, a, op, b, ...) \
	CR_SHIM_CHECK(fatal, (a) op (b), #a " " #op " " #b, __VA_ARGS__)
#define cr_assert_eq(a, b, ...) CR_SHIM_CMP(true, a, ==, b, __VA_ARGS__)
#define cr_assert_neq(a, b, ...) CR_SHIM_CMP(true, a, !=, b, __VA_ARGS__)
#define cr_assert_lt(a, b, ...) CR_SHIM_CMP(true, a, <, b, __VA_ARGS__)
#define cr_assert_leq(a, b, ...) CR_SHIM_CMP(true, a, <=, b, __VA_ARGS__)
#define cr_assert_gt(a, b, ...) CR_SHIM_CMP(true, a, >, b, __VA_ARGS__)
#define cr_assert_geq(a, b, ...) CR_SHIM_CMP(true, a, >=, b, __VA_ARGS__)
#define cr_expect_eq(a, b, ...) CR_SHIM_CMP(false, a, ==, b, __VA_ARGS__)
#define cr_expect_neq(a, b, ...) CR_SHIM_CMP(false, a, !=, b, __VA_ARGS__)
#define cr_expect_lt(a, b, ...) CR_SHIM_CMP(false, a, <, b, __VA_ARGS__)
#define cr_expect_leq(a, b, ...) CR_SHIM_CMP(false, a, <=, b, __VA_ARGS__)
#define cr_expect_gt(a, b, ...) CR_SHIM_CMP(false, a, >, b, __VA_ARGS__)
#define cr_expect_geq(a, b, ...) CR_SHIM_CMP(false, a, >=, b, __VA_ARGS__)
#define cr_assert_null(p, ...) CR_SHIM_CHECK(true, (p) == NULL, #p " == NULL", __VA_ARGS__)
#define cr_assert_not_null(p, ...) CR_SHIM_CHECK(true, (p) != NULL, #p " != NULL", __VA_ARGS__)
#define cr_expect_null(p, ...) CR_SHIM_CHECK(false, (p) == NULL, #p " == NULL", __VA_ARGS__)
#define cr_expect_not_null(p, ...) CR_SHIM_CHECK(false, (p) != NULL, #p " != NULL", __VA_ARGS__)
#define cr_assert_str_eq(a, b, ...) \
	CR_SHIM_CHECK(true, strcmp((a), (b)) == 0, #a " equals " #b, __VA_ARGS__)
#define cr_assert_str_neq(a, b, ...) \
	CR_SHIM_CHECK(true, strcmp((a), (b)) != 0, #a " differs from " #b, __VA_ARGS__)
#define cr_expect_str_eq(a, b, ...) \
	CR_SHIM_CHECK(false, strcmp((a), (b)) == 0, #a " equals " #b, __VA_ARGS__)

#endif
