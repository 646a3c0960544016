/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* kunit/try-catch.h: running a function that may abort. kunit_try_catch_run() runs
 * try(context) on a thread of its own and waits for it; kunit_try_catch_throw(), called
 * on that thread, ends it at once, as a kthread exits; catch(context) then runs on the
 * waiting thread. A test case runs this way, so that a failed KUNIT_ASSERT_* ends the
 * case and the suite goes on (src/lib/kunit/try-catch.c). */
#ifndef UKMEM_KUNIT_TRY_CATCH_H
#define UKMEM_KUNIT_TRY_CATCH_H

#include <linux/types.h>

typedef void (*kunit_try_catch_func_t)(void *);

struct completion;
struct kunit;

struct kunit_try_catch {
	/* private: internal use only. */
	struct kunit *test;
	struct completion *try_completion;
	int try_result;
	kunit_try_catch_func_t try;
	kunit_try_catch_func_t catch;
	void *context;
};

void kunit_try_catch_run(struct kunit_try_catch *try_catch, void *context);

void __noreturn kunit_try_catch_throw(struct kunit_try_catch *try_catch);

static inline int kunit_try_catch_get_result(struct kunit_try_catch *try_catch)
{
	return try_catch->try_result;
}

#endif
