// SPDX-License-Identifier: LGPL-2.1-or-later
/* linux/stackdepot.h and linux/stacktrace.h: stack_trace_save() keeps the caller's chain
 * (its own frame first, skipnr frames left out); the depot stores a trace once (the same
 * trace, the same handle; another trace, another handle), keeps the caller's extra bits
 * in the handle, gives the entries back, and prints them with %pS, a frame a line; with
 * can_alloc false it only finds traces stored already; handle 0 is no trace. Threads
 * saving the same traces at once get one handle per trace. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <string.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/stackdepot.h>
#include <linux/stacktrace.h>
#include "kmsg.h"

static noinline unsigned int save_here(unsigned long *entries, unsigned int skip)
{
	unsigned int n = stack_trace_save(entries, 16, skip);

	barrier();	/* not a tail call: this frame stays on the stack */
	return n;
}

static noinline unsigned int save_from_a(unsigned long *entries)
{
	unsigned int n = save_here(entries, 0);

	barrier();
	return n;
}

static volatile int b_calls;

static noinline unsigned int save_from_b(unsigned long *entries)
{
	unsigned int n = save_here(entries, 0);

	b_calls++;	/* not the same code as save_from_a (the compiler would merge them) */
	return n;
}

Test(stackdepot, stack_trace_save_starts_at_the_caller)
{
	unsigned long e[16], skipped[16];
	char text[2048];
	unsigned int n = save_from_a(e), m = save_here(skipped, 1);

	cr_assert_gt(n, 2);
	cr_assert_leq(n, 16);
	stack_trace_snprint(text, sizeof(text), e, n, 0);
	cr_assert(!strncmp(text, " save_here+", 11), "%s", text);
	cr_assert(strstr(text, "\n save_from_a+"), "%s", text);
	/* skipnr 1 leaves out save_here itself: the first frame is this test's. */
	stack_trace_snprint(text, sizeof(text), skipped, m, 2);
	cr_assert(!strncmp(text, "   stackdepot_stack_trace_save_starts_at_the_caller", 51), "%s", text);
	cr_assert_eq(stack_trace_save(e, 0, 0), 0);
}

Test(stackdepot, a_trace_is_stored_once_and_given_back)
{
	unsigned long a[16], b[16], *entries;
	unsigned int na = save_from_a(a), nb = save_from_b(b);
	depot_stack_handle_t ha, ha2, hb, hx;

	cr_assert_eq(stack_depot_init(), 0);
	ha = stack_depot_save(a, na, GFP_KERNEL);
	ha2 = stack_depot_save(a, na, GFP_ATOMIC);
	hb = stack_depot_save(b, nb, GFP_KERNEL);
	cr_assert_neq(ha, 0);
	cr_assert_eq(ha, ha2);
	cr_assert_neq(ha, hb);
	cr_assert_eq(stack_depot_fetch(ha, &entries), na);
	cr_assert_eq(memcmp(entries, a, na * sizeof(*a)), 0);
	cr_assert_eq(stack_depot_fetch(hb, &entries), nb);
	cr_assert_eq(memcmp(entries, b, nb * sizeof(*b)), 0);
	/* The extra bits ride in the handle's top bits; the trace is the same. */
	hx = __stack_depot_save(a, na, 0x15, GFP_KERNEL, true);
	cr_assert_eq(stack_depot_get_extra_bits(hx), 0x15);
	cr_assert_eq(stack_depot_get_extra_bits(ha), 0);
	cr_assert_eq(stack_depot_fetch(hx, &entries), na);
	cr_assert_eq(memcmp(entries, a, na * sizeof(*a)), 0);
	/* No trace. */
	cr_assert_eq(stack_depot_save(a, 0, GFP_KERNEL), 0);
	cr_assert_eq(stack_depot_fetch(0, &entries), 0);
	cr_assert_null(entries);
	cr_assert_eq(stack_depot_snprint(0, NULL, 0, 0), 0);
}

Test(stackdepot, without_alloc_only_known_traces_are_found)
{
	unsigned long a[16];
	unsigned int n = save_here(a, 0);

	a[0] ^= 1;		/* a trace nobody stored */
	cr_assert_eq(__stack_depot_save(a, n, 0, GFP_NOWAIT, false), 0);
	cr_assert_neq(stack_depot_save(a, n, GFP_KERNEL), 0);
	cr_assert_eq(__stack_depot_save(a, n, 0, GFP_NOWAIT, false), stack_depot_save(a, n, 0));
}

Test(stackdepot, print_and_snprint_show_each_frame_with_pS)
{
	unsigned long a[16];
	unsigned int n = save_from_a(a);
	depot_stack_handle_t h = stack_depot_save(a, n, GFP_KERNEL);
	char text[2048], cut[16];
	int len;

	cr_assert_eq(ukmem_boot(NULL), 0);
	len = stack_depot_snprint(h, text, sizeof(text), 4);
	cr_assert_eq(len, (int)strlen(text));
	cr_assert(!strncmp(text, "     save_here+", 15), "%s", text);
	/* Cut short: terminated, and the whole length still returned. */
	cr_assert_eq(stack_depot_snprint(h, cut, sizeof(cut), 4), len);
	cr_assert_eq(strlen(cut), sizeof(cut) - 1);
	stack_depot_print(h);
	cr_assert(kmsg_contains(" save_from_a+"));
	ukmem_shutdown();
}

#define THREADS 4
static unsigned long shared[2][16];
static unsigned int shared_n[2];
static depot_stack_handle_t got[THREADS][2];

static void *saver(void *arg)
{
	long t = (long)arg;

	for (int round = 0; round < 1000; round++)
		for (int i = 0; i < 2; i++) {
			depot_stack_handle_t h = stack_depot_save(shared[i], shared_n[i], GFP_KERNEL);

			if (round && h != got[t][i])
				return (void *)1;
			got[t][i] = h;
		}
	return NULL;
}

Test(stackdepot, threads_saving_the_same_traces_get_one_handle_each)
{
	pthread_t th[THREADS];

	shared_n[0] = save_from_a(shared[0]);
	shared_n[1] = save_from_b(shared[1]);
	shared[0][0] ^= 2;	/* traces new to the depot, raced for */
	shared[1][0] ^= 2;
	for (long t = 0; t < THREADS; t++)
		cr_assert_eq(pthread_create(&th[t], NULL, saver, (void *)t), 0);
	for (int t = 0; t < THREADS; t++) {
		void *ret;

		pthread_join(th[t], &ret);
		cr_assert_null(ret);
	}
	for (int t = 1; t < THREADS; t++) {
		cr_assert_eq(got[t][0], got[0][0]);
		cr_assert_eq(got[t][1], got[0][1]);
	}
	cr_assert_neq(got[0][0], got[0][1]);
}
