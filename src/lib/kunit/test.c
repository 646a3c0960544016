// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/kunit/test.c: running a KUnit suite and printing its results in KTAP version 1,
 * line for line as Linux 6.1 prints them. Per suite: suite_init; the header ("    KTAP
 * version 1", "    # Subtest: <suite>", "    1..<cases>"); each case on its own
 * thread (try-catch.c) with its init, its body, its exit and the cleanup of its
 * resources; for parameterised cases a nested block of one result per parameter; the
 * statistics lines; suite_exit; "ok <n> <suite>". A case's failure is recorded in its
 * struct kunit (status), which only that case's threads write.
 * Also test-managed memory (kunit_kmalloc_array and friends) and
 * kunit_fail_current_test(), by which other subsystems fail the running case. */
#include <stdarg.h>
#include <stdlib.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <kunit/resource.h>
#include <kunit/test.h>
#include <kunit/test-bug.h>
#include <kunit/try-catch.h>
#include "kernel/params.h"
#include "lib/kunit/executor.h"
#include "lib/kunit/string-stream.h"

/* kunit.stats_enabled=: 0 never, 1 when there is more than one subtest, 2 always. */
static int stats_enabled = 1;

static int set_stats_enabled(const char *v)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (*end || n < 0 || n > 2)
		return -EINVAL;
	stats_enabled = (int)n;
	return 0;
}
UKMEM_SETUP("kunit.stats_enabled=", set_stats_enabled, "1");

struct kunit_result_stats {
	unsigned long passed;
	unsigned long skipped;
	unsigned long failed;
	unsigned long total;
};

static bool should_print_stats(struct kunit_result_stats stats)
{
	return stats_enabled == 2 || (stats_enabled == 1 && stats.total > 1);
}

static void update_stats(struct kunit_result_stats *stats, enum kunit_status status)
{
	if (status == KUNIT_SUCCESS)
		stats->passed++;
	else if (status == KUNIT_SKIPPED)
		stats->skipped++;
	else
		stats->failed++;
	stats->total++;
}

static void accumulate_stats(struct kunit_result_stats *total, struct kunit_result_stats add)
{
	total->passed += add.passed;
	total->skipped += add.skipped;
	total->failed += add.failed;
	total->total += add.total;
}

/**
 * __kunit_fail_current_test - fail the case the calling thread runs, with a message
 * @file: the caller's file
 * @line: the caller's line
 * @fmt: the kernel's printf format
 *
 * Does nothing outside a KUnit case.
 *
 * Context: may sleep (allocates with GFP_KERNEL).
 */
void __kunit_fail_current_test(const char *file, int line, const char *fmt, ...)
{
	struct kunit *test = current->kunit_test;
	va_list args;
	char *text;
	int len;

	if (!test)
		return;
	kunit_set_failure(test);
	va_start(args, fmt);
	len = vsnprintf(NULL, 0, fmt, args) + 1;
	va_end(args);
	text = kunit_kmalloc(test, len, GFP_KERNEL);
	if (!text)
		return;
	va_start(args, fmt);
	vsnprintf(text, len, fmt, args);
	va_end(args);
	kunit_err(test, "%s:%d: %s", file, line, text);
	kunit_kfree(test, text);
}
EXPORT_SYMBOL_GPL(__kunit_fail_current_test);


/* kunit_log() for KUnit's own result lines: the same console text and log, but the
 * printk ends its line at once, so that what is written to the console by other means
 * (AddressSanitizer's reports, in that build) starts on a line of its own. */
#define kunit_log_line(lvl, test_or_suite, fmt, ...)					\
	do {										\
		printk(lvl fmt "\n", ##__VA_ARGS__);					\
		kunit_log_append((test_or_suite)->log, fmt "\n", ##__VA_ARGS__);	\
	} while (0)
/**
 * kunit_log_append - append a formatted line to a test's or suite's log
 * @log: the log (KUNIT_LOG_SIZE bytes), or NULL (then nothing happens)
 * @fmt: the kernel's printf format
 *
 * What does not fit is dropped.
 *
 * Context: any.
 */
void kunit_log_append(char *log, const char *fmt, ...)
{
	char line[KUNIT_LOG_SIZE];
	size_t used;
	va_list args;

	if (!log)
		return;
	used = strlen(log);
	if (used + 1 >= KUNIT_LOG_SIZE)
		return;
	va_start(args, fmt);
	vsnprintf(line, sizeof(line), fmt, args);
	va_end(args);
	strncat(log, line, KUNIT_LOG_SIZE - used - 1);
}
EXPORT_SYMBOL_GPL(kunit_log_append);

/**
 * kunit_suite_num_test_cases - how many cases a suite has
 * @suite: the suite
 *
 * Context: any. Return: the number of cases before the empty terminator.
 */
size_t kunit_suite_num_test_cases(struct kunit_suite *suite)
{
	struct kunit_case *test_case;
	size_t n = 0;

	kunit_suite_for_each_test_case(suite, test_case)
		n++;
	return n;
}
EXPORT_SYMBOL_GPL(kunit_suite_num_test_cases);

/**
 * kunit_test_case_num - a case's number in its suite
 * @suite: the suite
 * @test_case: one of its cases
 *
 * Context: any. Return: 1 for the first case, ...; 0 if it is not in the suite.
 */
unsigned int kunit_test_case_num(struct kunit_suite *suite, struct kunit_case *test_case)
{
	struct kunit_case *tc;
	unsigned int n = 1;

	kunit_suite_for_each_test_case(suite, tc) {
		if (tc == test_case)
			return n;
		n++;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(kunit_test_case_num);

/**
 * kunit_suite_has_succeeded - a suite's overall result
 * @suite: a suite that ran
 *
 * Context: any. Return: KUNIT_FAILURE if its suite_init or any case failed, else
 * KUNIT_SUCCESS if any case passed, else KUNIT_SKIPPED.
 */
enum kunit_status kunit_suite_has_succeeded(struct kunit_suite *suite)
{
	const struct kunit_case *test_case;
	enum kunit_status status = KUNIT_SKIPPED;

	if (suite->suite_init_err)
		return KUNIT_FAILURE;
	kunit_suite_for_each_test_case(suite, test_case) {
		if (test_case->status == KUNIT_FAILURE)
			return KUNIT_FAILURE;
		if (test_case->status == KUNIT_SUCCESS)
			status = KUNIT_SUCCESS;
	}
	return status;
}
EXPORT_SYMBOL_GPL(kunit_suite_has_succeeded);

static void print_suite_start(struct kunit_suite *suite)
{
	/* printed, not logged: a suite's log holds its results only */
	pr_info(KUNIT_SUBTEST_INDENT "KTAP version 1\n");
	pr_info(KUNIT_SUBTEST_INDENT "# Subtest: %s\n", suite->name);
	pr_info(KUNIT_SUBTEST_INDENT "1..%zd\n", kunit_suite_num_test_cases(suite));
}

/* " # SKIP <why>" for a skipped test or suite, else nothing. */
static const char *skip_directive(enum kunit_status status)
{
	return status == KUNIT_SKIPPED ? " # SKIP " : "";
}

static void print_suite_end(struct kunit_suite *suite)
{
	enum kunit_status status = kunit_suite_has_succeeded(suite);

	pr_info("%s %zd %s%s%s\n", kunit_status_to_ok_not_ok(status),
		kunit_next_suite_number(), suite->name, skip_directive(status),
		status == KUNIT_SKIPPED ? suite->status_comment : "");
}

static void print_case_result(struct kunit *test, struct kunit_case *test_case,
			      unsigned int number)
{
	enum kunit_status status = test_case->status;

	kunit_log_line(KERN_INFO, test, KUNIT_SUBTEST_INDENT "%s %u %s%s%s",
		  kunit_status_to_ok_not_ok(status), number, test_case->name,
		  skip_directive(status), status == KUNIT_SKIPPED ? test->status_comment : "");
}

/* Prints the stream's text as one kunit_err() line (the stream is test-managed). */
static void print_string_stream(struct kunit *test, struct string_stream *stream)
{
	struct string_stream_fragment *fragment;
	char *text;

	if (string_stream_is_empty(stream))
		return;
	text = string_stream_get_string(stream);
	if (text) {
		kunit_err(test, "%s", text);
		kunit_kfree(test, text);
		return;
	}
	kunit_err(test, "Could not allocate buffer, dumping stream:\n");
	list_for_each_entry(fragment, &stream->fragments, node)
		kunit_err(test, "%s", fragment->fragment);
	kunit_err(test, "\n");
}

static void kunit_fail(struct kunit *test, const struct kunit_loc *loc,
		       enum kunit_assert_type type, const struct kunit_assert *assert,
		       assert_format_t assert_format, const struct va_format *message)
{
	struct string_stream *stream;

	kunit_set_failure(test);
	stream = alloc_string_stream(test, GFP_KERNEL);
	if (IS_ERR(stream)) {
		WARN(true, "Could not allocate stream to print failed assertion in %s:%d\n",
		     loc->file, loc->line);
		return;
	}
	kunit_assert_prologue(loc, type, stream);
	assert_format(assert, message, stream);
	print_string_stream(test, stream);
	string_stream_destroy(stream);
}

/**
 * kunit_do_failed_assertion - record a failed check and, for an assertion, end the case
 * @test: the running test
 * @loc: where the check is
 * @type: KUNIT_ASSERTION ends the case's thread; KUNIT_EXPECTATION returns
 * @assert: the check's record
 * @assert_format: prints it
 * @fmt: the caller's message, or NULL
 *
 * Context: may sleep; on the case's thread for an assertion.
 */
void kunit_do_failed_assertion(struct kunit *test, const struct kunit_loc *loc,
			       enum kunit_assert_type type, const struct kunit_assert *assert,
			       assert_format_t assert_format, const char *fmt, ...)
{
	struct va_format message;
	va_list args;

	va_start(args, fmt);
	message.fmt = fmt;
	message.va = &args;
	kunit_fail(test, loc, type, assert, assert_format, &message);
	va_end(args);
	if (type == KUNIT_ASSERTION)
		kunit_try_catch_throw(&test->try_catch);
}
EXPORT_SYMBOL_GPL(kunit_do_failed_assertion);

/**
 * kunit_init_test - make a struct kunit ready for a case
 * @test: the test
 * @name: the case's name (kept, not copied)
 * @log: its log buffer, or NULL
 *
 * Context: any.
 */
void kunit_init_test(struct kunit *test, const char *name, char *log)
{
	spin_lock_init(&test->lock);
	INIT_LIST_HEAD(&test->resources);
	test->name = name;
	test->log = log;
	if (test->log)
		test->log[0] = '\0';
	test->status = KUNIT_SUCCESS;
	test->status_comment[0] = '\0';
}
EXPORT_SYMBOL_GPL(kunit_init_test);

struct case_context {
	struct kunit *test;
	struct kunit_suite *suite;
	struct kunit_case *test_case;
};

static void run_case_cleanup(struct kunit *test, struct kunit_suite *suite)
{
	if (suite->exit)
		suite->exit(test);
	kunit_cleanup(test);
}

/* The try: on the case's own thread. An assertion ends it before the cleanup, which
 * the catch then does. */
static void try_run_case(void *data)
{
	struct case_context *ctx = data;
	struct kunit *test = ctx->test;

	current->kunit_test = test;
	if (ctx->suite->init) {
		int err = ctx->suite->init(test);

		if (err) {
			kunit_err(test, "failed to initialize: %d\n", err);
			kunit_set_failure(test);
			return;
		}
	}
	ctx->test_case->run_case(test);
	run_case_cleanup(test, ctx->suite);
}

static void catch_run_case(void *data)
{
	struct case_context *ctx = data;
	struct kunit *test = ctx->test;
	int err = kunit_try_catch_get_result(&test->try_catch);

	if (err) {
		/* the case did not run to an end: its state is unknown, leave it */
		kunit_set_failure(test);
		if (err == -ETIMEDOUT)
			kunit_err(test, "test case timed out\n");
		else
			kunit_err(test, "internal error occurred preventing test case from running: %d\n",
				  err);
		return;
	}
	run_case_cleanup(test, ctx->suite);
}

static void run_case_catch_errors(struct kunit_suite *suite, struct kunit_case *test_case,
				  struct kunit *test)
{
	struct case_context ctx = { .test = test, .suite = suite, .test_case = test_case };

	kunit_init_test(test, test_case->name, test_case->log);
	test->try_catch.test = test;
	test->try_catch.try = try_run_case;
	test->try_catch.catch = catch_run_case;
	kunit_try_catch_run(&test->try_catch, &ctx);
	/* a parameterised case fails if any parameter failed */
	if (test->status == KUNIT_FAILURE)
		test_case->status = KUNIT_FAILURE;
	else if (test_case->status != KUNIT_FAILURE && test->status == KUNIT_SUCCESS)
		test_case->status = KUNIT_SUCCESS;
}

/* Runs every value of a parameterised case, each as a numbered sub-subtest. */
static void run_param_case(struct kunit_suite *suite, struct kunit_case *test_case,
			   struct kunit *test, struct kunit_result_stats *stats)
{
	char desc[KUNIT_PARAM_DESC_SIZE];

	desc[0] = '\0';
	test->param_value = test_case->generate_params(NULL, desc);
	kunit_log(KERN_INFO, test, KUNIT_SUBTEST_INDENT KUNIT_SUBTEST_INDENT "KTAP version 1\n");
	kunit_log_line(KERN_INFO, test, KUNIT_SUBTEST_INDENT KUNIT_SUBTEST_INDENT "# Subtest: %s",
		  test_case->name);
	while (test->param_value) {
		run_case_catch_errors(suite, test_case, test);
		if (!desc[0])
			snprintf(desc, sizeof(desc), "param-%d", test->param_index);
		kunit_log_line(KERN_INFO, test, KUNIT_SUBTEST_INDENT KUNIT_SUBTEST_INDENT "%s %d %s",
			  kunit_status_to_ok_not_ok(test->status), test->param_index + 1, desc);
		desc[0] = '\0';
		test->param_value = test_case->generate_params(test->param_value, desc);
		test->param_index++;
		update_stats(stats, test->status);
	}
}

/**
 * kunit_run_tests - run one suite and print its results
 * @suite: the suite
 *
 * Taints the kernel with TAINT_TEST, as Linux does.
 *
 * Context: may sleep; the caller runs one suite at a time.
 * Return: 0.
 */
int kunit_run_tests(struct kunit_suite *suite)
{
	struct kunit_result_stats suite_stats = { 0 }, total_stats = { 0 };
	struct kunit_case *test_case;

	add_taint(TAINT_TEST, LOCKDEP_STILL_OK);
	if (suite->suite_init) {
		suite->suite_init_err = suite->suite_init(suite);
		if (suite->suite_init_err) {
			kunit_err(suite, KUNIT_SUBTEST_INDENT "# failed to initialize (%d)",
				  suite->suite_init_err);
			goto suite_end;
		}
	}
	print_suite_start(suite);
	kunit_suite_for_each_test_case(suite, test_case) {
		struct kunit test = { .param_value = NULL, .param_index = 0 };
		struct kunit_result_stats case_stats = { 0 };

		test_case->status = KUNIT_SKIPPED;
		if (test_case->generate_params) {
			run_param_case(suite, test_case, &test, &case_stats);
		} else {
			run_case_catch_errors(suite, test_case, &test);
			update_stats(&case_stats, test.status);
		}
		if (should_print_stats(case_stats))
			kunit_log_line(KERN_INFO, &test, KUNIT_SUBTEST_INDENT
				  "# %s: pass:%lu fail:%lu skip:%lu total:%lu", test.name,
				  case_stats.passed, case_stats.failed, case_stats.skipped,
				  case_stats.total);
		print_case_result(&test, test_case, kunit_test_case_num(suite, test_case));
		update_stats(&suite_stats, test_case->status);
		accumulate_stats(&total_stats, case_stats);
	}
	if (suite->suite_exit)
		suite->suite_exit(suite);
	if (should_print_stats(suite_stats))
		kunit_log_line(KERN_INFO, suite, "# %s: pass:%lu fail:%lu skip:%lu total:%lu",
			  suite->name, suite_stats.passed, suite_stats.failed,
			  suite_stats.skipped, suite_stats.total);
	if (should_print_stats(total_stats))
		kunit_log_line(KERN_INFO, suite, "# Totals: pass:%lu fail:%lu skip:%lu total:%lu",
			  total_stats.passed, total_stats.failed, total_stats.skipped,
			  total_stats.total);
suite_end:
	print_suite_end(suite);
	return 0;
}
EXPORT_SYMBOL_GPL(kunit_run_tests);

/* Test-managed memory: a resource whose data is a kmalloc'd block. */
struct kmalloc_array_params {
	size_t n;
	size_t size;
	gfp_t gfp;
};

static int kmalloc_array_init(struct kunit_resource *res, void *context)
{
	struct kmalloc_array_params *params = context;

	res->data = kmalloc_array(params->n, params->size, params->gfp);
	return res->data ? 0 : -ENOMEM;
}

static void kmalloc_array_free(struct kunit_resource *res)
{
	kfree(res->data);
}

/**
 * kunit_kmalloc_array - kmalloc_array() freed when the test case ends
 * @test: the running test
 * @n: number of elements
 * @size: size of each
 * @gfp: flags for kmalloc_array() and for the resource record
 *
 * Context: may sleep if @gfp allows. Return: the memory, or NULL.
 */
void *kunit_kmalloc_array(struct kunit *test, size_t n, size_t size, gfp_t gfp)
{
	struct kmalloc_array_params params = { .n = n, .size = size, .gfp = gfp };

	return kunit_alloc_resource(test, kmalloc_array_init, kmalloc_array_free, gfp, &params);
}
EXPORT_SYMBOL_GPL(kunit_kmalloc_array);

static bool kfree_match(struct kunit *test, struct kunit_resource *res, void *ptr)
{
	return res->free == kmalloc_array_free && res->data == ptr;
}

/**
 * kunit_kfree - free test-managed memory before the case ends
 * @test: the test it belongs to
 * @ptr: from kunit_kmalloc() and friends, or NULL
 *
 * Freeing anything else fails the test ("already freed or not allocated by kunit").
 * Context: may sleep.
 */
void kunit_kfree(struct kunit *test, const void *ptr)
{
	if (!ptr)
		return;
	if (kunit_destroy_resource(test, kfree_match, (void *)ptr))
		KUNIT_FAIL(test, "kunit_kfree: %px already freed or not allocated by kunit", ptr);
}
EXPORT_SYMBOL_GPL(kunit_kfree);

/**
 * kunit_cleanup - release all of a test's resources, newest first
 * @test: the test
 *
 * A resource's free() may remove other resources, so the list is re-read after each.
 * Context: may sleep (free callbacks); takes test->lock around each removal.
 */
void kunit_cleanup(struct kunit *test)
{
	for (;;) {
		struct kunit_resource *res = NULL;
		unsigned long flags;

		spin_lock_irqsave(&test->lock, flags);
		if (!list_empty(&test->resources))
			res = list_last_entry(&test->resources, struct kunit_resource, node);
		spin_unlock_irqrestore(&test->lock, flags);
		if (!res)
			break;
		kunit_remove_resource(test, res);
	}
	current->kunit_test = NULL;
}
EXPORT_SYMBOL_GPL(kunit_cleanup);
