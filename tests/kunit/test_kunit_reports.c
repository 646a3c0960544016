// SPDX-License-Identifier: LGPL-2.1-or-later
/* The allocator's reports inside a KUnit case, as Linux 6.1 has them: a case that holds
 * a "slab_errors" resource (lib/slub_kunit.c's way) has SLUB's debug reports counted
 * there and printed nowhere; without it the report is printed and the case's result is
 * left alone. A KASAN report (sanitizer builds) fails the case that made it, unless the
 * case holds a "kasan_status" resource, which then records it. A KFENCE report is
 * printed in the case's output and leaves its result alone (6.1's kfence_test.c relies
 * on that). Each test then checks that the memory the damage was done to still hands
 * out sound, distinct objects. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/kfence.h>
#include <linux/slab.h>
#include <kunit/resource.h>
#include <kunit/test.h>
#include "mm/kasan.h"
#include "mm/slab.h"
#include "kmsg.h"

/* The log's text, each record's "level,seq,usec,-;" prefix taken off. */
static char *ktap(void)
{
	char *log = proc_text("/dev/kmsg"), *out = calloc(1, strlen(log) + 1), *p = log;

	while ((p = strstr(p, ",-;"))) {
		char *end = strchr(p + 3, '\n');

		p += 3;
		if (!end)
			end = p + strlen(p);
		strncat(out, p, (size_t)(end - p));
		strcat(out, "\n");
		p = end;
	}
	free(log);
	return out;
}

/* Boots with extra options (tests/CMakeLists.txt's UKMEM_CMDLINE, which turns KFENCE
 * off, left out) and runs the suites filter names. */
static void run(const char *filter, const char *extra)
{
	char cmdline[160];

	unsetenv("UKMEM_CMDLINE");
	snprintf(cmdline, sizeof(cmdline), "loglevel=1 %s kunit.filter_glob=%s", extra, filter);
	cr_assert_eq(ukmem_boot(cmdline), 0);
	kunit_run_all_tests();
}

/* N objects from s (kmalloc's when NULL), all distinct from each other and from avoid,
 * written, read back and freed. */
static void cache_still_sound(struct kmem_cache *s, const void *avoid)
{
	enum { N = 200 };
	u8 *seen[N];

	for (int i = 0; i < N; i++) {
		seen[i] = s ? kmem_cache_alloc(s, GFP_KERNEL) : kmalloc(64, GFP_KERNEL);
		cr_assert_not_null(seen[i]);
		cr_assert_neq(seen[i], avoid, "the damaged object was handed out again");
		memset(seen[i], i, 64);
		for (int j = 0; j < i; j++)
			cr_assert_neq(seen[i], seen[j], "an object handed out twice");
	}
	for (int i = 0; i < N; i++) {
		for (int b = 0; b < 64; b++)
			cr_assert_eq(seen[i][b], (u8)i);
		if (s)
			kmem_cache_free(s, seen[i]);
		else
			kfree(seen[i]);
	}
}

/* --- SLUB's debug reports --- */

static int slab_errors;
static struct kunit_resource slab_errors_res;
static struct kmem_cache *counted_cache, *reported_cache;
static u8 *counted_obj, *reported_obj;

/* Frees an object of a red-zoned cache whose right red zone was overwritten. */
static u8 *clobber_and_free(struct kmem_cache *s)
{
	u8 *p = kmem_cache_alloc(s, GFP_KERNEL);

	p[64] = 0x12;
	kmem_cache_free(s, p);
	return p;
}

static void slab_errors_counted(struct kunit *test)
{
	slab_errors = 0;
	KUNIT_ASSERT_EQ(test, kunit_add_named_resource(test, NULL, NULL, &slab_errors_res,
						       "slab_errors", &slab_errors), 0);
	counted_obj = clobber_and_free(counted_cache);
	/* the damage, the restoring of the red zone, the object not freed */
	KUNIT_EXPECT_EQ(test, slab_errors, 3);
}

static void slab_report_printed(struct kunit *test)
{
	reported_obj = clobber_and_free(reported_cache);
}

static int slab_suite_init(struct kunit_suite *suite)
{
	counted_cache = kmem_cache_create("kunit_counted", 64, 0,
					  SLAB_RED_ZONE | SLAB_NO_USER_FLAGS, NULL);
	reported_cache = kmem_cache_create("kunit_reported", 64, 0,
					   SLAB_RED_ZONE | SLAB_NO_USER_FLAGS, NULL);
	return counted_cache && reported_cache ? 0 : -ENOMEM;
}

static struct kunit_case slab_cases[] = {
	KUNIT_CASE(slab_errors_counted),
	KUNIT_CASE(slab_report_printed),
	{}
};

static struct kunit_suite slab_suite = {
	.name = "slab_reports",
	.suite_init = slab_suite_init,
	.test_cases = slab_cases,
};

Test(kunit_reports, slab_errors_are_counted_or_reported)
{
	run("slab_reports", "kfence.sample_interval=0");
	char *out = ktap();

	/* counted: nothing printed between the plan and the result */
	cr_assert(strstr(out, "    # Subtest: slab_reports\n"
			      "    1..2\n"
			      "    ok 1 slab_errors_counted\n"), "got:\n%s", out);
	cr_assert_eq(kmsg_count("BUG kunit_counted"), 0);
	cr_assert_eq(kmsg_count("FIX kunit_counted"), 0);
	/* reported: Linux's report and fixes, in the case's output; the case passes */
	char *bug = strstr(out, "BUG kunit_reported (Tainted: G                 N): "
			   "Right Redzone overwritten\n");

	cr_assert_not_null(bug, "got:\n%s", out);
	cr_assert(strstr(bug, "\nFIX kunit_reported: Restoring Right Redzone 0x"));
	cr_assert(strstr(bug, "\nFIX kunit_reported: Object at 0x"));
	cr_assert(strstr(bug, " not freed\n    ok 2 slab_report_printed\n"
			      "# slab_reports: pass:2 fail:0 skip:0 total:2\n"), "got:\n%s", bug);
	cr_assert_eq(kmsg_count("BUG kunit_reported"), 1);
	cache_still_sound(counted_cache, counted_obj);
	cache_still_sound(reported_cache, reported_obj);
	free(out);
	ukmem_shutdown();
}

/* --- KFENCE's reports --- */

noinline char read_byte(const volatile char *p);
noinline char read_byte(const volatile char *p)
{
	return *p;
}

/* A kmalloc(32) that KFENCE serves, at the right end of its page: the gate is opened
 * (as its timer would) until an allocation lands so. */
static char *kfence_object(void)
{
	for (int i = 0; i < 10000; i++) {
		char *p;

		__atomic_store_n(&slab_slow_reasons.kfence_armed, true, __ATOMIC_RELEASE);
		p = kmalloc(32, GFP_KERNEL);
		if (is_kfence_address(p) && ((unsigned long)p & (PAGE_SIZE - 1)))
			return p;
		kfree(p);
	}
	return NULL;
}

static void kfence_out_of_bounds(struct kunit *test)
{
	char *p = kfence_object();

	KUNIT_ASSERT_NOT_NULL(test, p);
	read_byte(p + 32);		/* the guard page: the report, then the read completes */
	kfree(p);
}

static struct kunit_case kfence_cases[] = {
	KUNIT_CASE(kfence_out_of_bounds),
	{}
};

static struct kunit_suite kfence_suite = {
	.name = "kfence_reports",
	.test_cases = kfence_cases,
};

Test(kunit_reports, kfence_report_leaves_the_case_alone)
{
	run("kfence_reports", "kfence.sample_interval=100000");
	char *out = ktap();
	char *bug = strstr(out, "    1..1\n==================================================================\n"
				"BUG: KFENCE: out-of-bounds read in read_byte+0x");

	cr_assert_not_null(bug, "got:\n%s", out);
	cr_assert(strstr(bug, "==================================================================\n"
			      "    ok 1 kfence_out_of_bounds\n"
			      "ok 1 kfence_reports\n"), "got:\n%s", bug);
	cr_assert_eq(kmsg_count("BUG: KFENCE: "), 1);
	cache_still_sound(NULL, NULL);
	free(out);
	ukmem_shutdown();
}

#if defined(__SANITIZE_ADDRESS__)
/* --- KASAN's reports (sanitizer builds: a double kfree() is reported and survived) --- */

static struct kunit_kasan_status kasan_status;
static struct kunit_resource kasan_res;

static void double_kfree(void)
{
	char *p = kmalloc(32, GFP_KERNEL);

	kfree(p);
	kfree(p);
}

static void kasan_unexpected(struct kunit *test)
{
	double_kfree();
}

static void kasan_expected(struct kunit *test)
{
	kasan_status = (struct kunit_kasan_status){ 0 };
	KUNIT_ASSERT_EQ(test, kunit_add_named_resource(test, NULL, NULL, &kasan_res,
						       "kasan_status", &kasan_status), 0);
	double_kfree();
	KUNIT_EXPECT_TRUE(test, READ_ONCE(kasan_status.report_found));
	KUNIT_EXPECT_TRUE(test, READ_ONCE(kasan_status.sync_fault));
}

static void kasan_clean(struct kunit *test)
{
	kfree(kmalloc(32, GFP_KERNEL));
}

static struct kunit_case kasan_cases[] = {
	KUNIT_CASE(kasan_unexpected),
	KUNIT_CASE(kasan_expected),
	KUNIT_CASE(kasan_clean),
	{}
};

static struct kunit_suite kasan_suite = {
	.name = "kasan_reports",
	.test_cases = kasan_cases,
};

Test(kunit_reports, kasan_report_fails_the_case)
{
	run("kasan_reports", "kfence.sample_interval=0");
	char *out = ktap();
	char *bug = strstr(out, "BUG: KASAN: double-free in ");

	cr_assert_not_null(bug, "got:\n%s", out);
	/* Linux sets the failure without a message of its own: the report says why */
	cr_assert(strstr(bug, "==================================================================\n"
			      "    not ok 1 kasan_unexpected\n"), "got:\n%s", bug);
	cr_assert(strstr(out, "    ok 2 kasan_expected\n    ok 3 kasan_clean\n"
			      "# kasan_reports: pass:2 fail:1 skip:0 total:3\n"), "got:\n%s", out);
	cr_assert_eq(kmsg_count("BUG: KASAN: double-free"), 2);
	cache_still_sound(NULL, NULL);
	free(out);
	ukmem_shutdown();
}

kunit_test_suites(&slab_suite, &kfence_suite, &kasan_suite);
#else
kunit_test_suites(&slab_suite, &kfence_suite);
#endif
