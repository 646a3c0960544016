// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/kunit/try-catch.c: running a test case so that it can be ended from inside
 * (kunit/try-catch.h). try() runs on a kthread of its own; kunit_try_catch_throw()
 * ends that thread (kthread_complete_and_exit()), which is how a failed assertion or
 * kunit_skip() ends a case while the suite goes on. The waiting thread then runs
 * catch(), unless try() returned normally. A case that runs longer than five minutes
 * (Linux's limit) is reported "try timed out" and left running. */
#include <linux/completion.h>
#include <linux/export.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <kunit/test.h>
#include <kunit/try-catch.h>

#define KUNIT_TRY_TIMEOUT_MS	(300 * 1000)

/**
 * kunit_try_catch_throw - end the running try() at once
 * @try_catch: the try-catch whose try() calls this
 *
 * Context: on the thread kunit_try_catch_run() started; does not return (the thread
 * exits as a kthread does; nothing on its stack is unwound).
 */
void __noreturn kunit_try_catch_throw(struct kunit_try_catch *try_catch)
{
	try_catch->try_result = -EFAULT;
	kthread_complete_and_exit(try_catch->try_completion, -EFAULT);
}
EXPORT_SYMBOL_GPL(kunit_try_catch_throw);

static int try_thread(void *data)
{
	struct kunit_try_catch *try_catch = data;

	try_catch->try(try_catch->context);
	kthread_complete_and_exit(try_catch->try_completion, 0);
}

/**
 * kunit_try_catch_run - run try(context) on its own thread, then catch() if it threw
 * @try_catch: set up by kunit_try_catch_init() (its test, try and catch)
 * @context: the argument of try() and catch()
 *
 * Context: may sleep (waits for the thread). Afterwards
 * kunit_try_catch_get_result() is 0 if try() returned or threw, else the error
 * (-ETIMEDOUT, or the thread could not be created).
 */
void kunit_try_catch_run(struct kunit_try_catch *try_catch, void *context)
{
	DECLARE_COMPLETION_ONSTACK(done);
	struct kunit *test = try_catch->test;
	struct task_struct *task;
	int result;

	try_catch->context = context;
	try_catch->try_completion = &done;
	try_catch->try_result = 0;
	task = kthread_create(try_thread, try_catch, "kunit_try_catch_thread");
	if (IS_ERR(task)) {
		try_catch->catch(try_catch->context);
		return;
	}
	wake_up_process(task);
	if (!wait_for_completion_timeout(&done, msecs_to_jiffies(KUNIT_TRY_TIMEOUT_MS))) {
		try_catch->try_result = -ETIMEDOUT;
	} else {
		/* the thread completed and is exiting: reap it */
		kthread_stop(task);
	}
	result = try_catch->try_result;
	if (!result)
		return;
	if (result == -EFAULT)
		try_catch->try_result = 0;	/* thrown: the catch handles it */
	else if (result == -ETIMEDOUT)
		kunit_err(test, "try timed out\n");
	else
		kunit_err(test, "Unknown error: %d\n", result);
	try_catch->catch(try_catch->context);
}
EXPORT_SYMBOL_GPL(kunit_try_catch_run);
