/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* kunit/test-bug.h: failing the KUnit test case the calling thread runs, from code
 * that has no struct kunit at hand (the allocators' reports use it). Outside a test
 * case it does nothing. */
#ifndef UKMEM_KUNIT_TEST_BUG_H
#define UKMEM_KUNIT_TEST_BUG_H

#include <linux/compiler_attributes.h>

#define kunit_fail_current_test(fmt, ...) \
	__kunit_fail_current_test(__FILE__, __LINE__, fmt, ##__VA_ARGS__)

extern __printf(3, 4) void __kunit_fail_current_test(const char *file, int line,
						    const char *fmt, ...);

#endif
