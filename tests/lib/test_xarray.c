// SPDX-License-Identifier: LGPL-2.1-or-later
/* linux/xarray.h: loads and stores across node boundaries and the whole index space,
 * erase freeing every node, marks and their walks, insert/cmpxchg/reserve semantics,
 * allocating arrays (ALLOC, ALLOC1, limits, cyclic wrap), refused internal entries, a
 * random run checked against a plain model, and lock-free readers during updates
 * (cases after Linux's lib/test_xarray.c). */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdlib.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/xarray.h>
#include <linux/slab.h>
#include <linux/prandom.h>
#include "kmsg.h"

static void boot(void)
{
	cr_assert_eq(ukmem_boot("mem=128M"), 0);
}

TestSuite(xarray, .init = boot, .fini = ukmem_shutdown);

static void *vi(unsigned long i)
{
	return xa_mk_value(i & LONG_MAX);
}

Test(xarray, values_and_internal_entries)
{
	cr_assert(xa_is_value(xa_mk_value(5)));
	cr_assert_eq(xa_to_value(xa_mk_value(12345)), 12345);
	cr_assert(xa_is_internal(XA_ZERO_ENTRY));
	cr_assert(xa_is_zero(XA_ZERO_ENTRY));
	cr_assert(xa_is_err(XA_ERROR(-ENOMEM)));
	cr_assert_eq(xa_err(XA_ERROR(-EBUSY)), -EBUSY);
	cr_assert_eq(xa_err(xa_mk_value(3)), 0);
	cr_assert_not(xa_is_err(xa_mk_internal(300)));
	cr_assert_eq(xa_pointer_tag(xa_tag_pointer((void *)0x1000, 1)), 1);
	cr_assert_eq(xa_untag_pointer(xa_tag_pointer((void *)0x1000, 3)), (void *)0x1000);
}

Test(xarray, store_load_erase_across_the_index_space)
{
	DEFINE_XARRAY(xa);
	static const unsigned long idx[] = {
		0, 1, 63, 64, 65, 4095, 4096, 262143, 262144, 1UL << 30, (1UL << 32) + 7,
		1UL << 47, ULONG_MAX - 1, ULONG_MAX,
	};

	cr_assert(xa_empty(&xa));
	for (size_t i = 0; i < ARRAY_SIZE(idx); i++)
		cr_assert_null(xa_store(&xa, idx[i], vi(idx[i]), GFP_KERNEL));
	for (size_t i = 0; i < ARRAY_SIZE(idx); i++) {
		cr_assert_eq(xa_load(&xa, idx[i]), vi(idx[i]), "index %lu", idx[i]);
		cr_assert_null(xa_load(&xa, idx[i] ^ 0x2), "neighbour of %lu", idx[i]);
	}
	cr_assert_eq(xa_store(&xa, 64, vi(7), GFP_KERNEL), vi(64), "store returns the old entry");
	cr_assert_eq(xa_load(&xa, 64), vi(7));
	cr_assert_null(xa_erase(&xa, 66), "erasing nothing");
	for (size_t i = 0; i < ARRAY_SIZE(idx); i++)
		cr_assert_neq(xa_erase(&xa, idx[i]), NULL);
	cr_assert(xa_empty(&xa), "every node freed with its last entry");
	cr_assert_null(xa_store(&xa, 5, vi(5), GFP_KERNEL));
	cr_assert_eq(xa_store(&xa, 5, NULL, GFP_KERNEL), vi(5));
	cr_assert(xa_empty(&xa), "storing NULL erases");
}

Test(xarray, internal_entries_are_refused)
{
	DEFINE_XARRAY(xa);
	void *ret;

	ret = xa_store(&xa, 1, xa_mk_internal(3), GFP_KERNEL);
	cr_assert(xa_is_err(ret));
	cr_assert_eq(xa_err(ret), -EINVAL);
	cr_assert(kmsg_contains("WARNING:"), "Linux warns once for this");
	cr_assert_eq(xa_insert(&xa, 1, XA_RETRY_ENTRY, GFP_KERNEL), -EINVAL);
	cr_assert(xa_empty(&xa));
}

Test(xarray, marks_and_walks)
{
	DEFINE_XARRAY(xa);
	unsigned long index, seen = 0, count = 0;
	void *entry;

	for (unsigned long i = 0; i < 1000; i += 3)
		xa_store(&xa, i, vi(i), GFP_KERNEL);
	cr_assert_not(xa_marked(&xa, XA_MARK_1));
	for (unsigned long i = 0; i < 1000; i += 30)
		xa_set_mark(&xa, i, XA_MARK_1);
	xa_set_mark(&xa, 1, XA_MARK_1);		/* no entry: no mark */
	cr_assert_not(xa_get_mark(&xa, 1, XA_MARK_1));
	cr_assert(xa_get_mark(&xa, 990, XA_MARK_1));
	cr_assert_not(xa_get_mark(&xa, 993, XA_MARK_1));
	cr_assert(xa_marked(&xa, XA_MARK_1));
	xa_for_each_marked(&xa, index, entry, XA_MARK_1) {
		cr_assert_eq(index % 30, 0);
		cr_assert_eq(entry, vi(index));
		count++;
	}
	cr_assert_eq(count, 34);
	count = 0;
	xa_for_each(&xa, index, entry) {
		cr_assert_eq(index, seen);
		seen += 3;
		count++;
	}
	cr_assert_eq(count, 334);
	count = 0;
	xa_for_each_range(&xa, index, entry, 100, 200)
		count++;
	cr_assert_eq(count, 33);
	count = 0;
	xa_for_each_start(&xa, index, entry, 990)
		count++;
	cr_assert_eq(count, 4);
	xa_clear_mark(&xa, 990, XA_MARK_1);
	cr_assert_not(xa_get_mark(&xa, 990, XA_MARK_1));
	xa_erase(&xa, 960);
	cr_assert_not(xa_get_mark(&xa, 960, XA_MARK_1), "a mark goes with its entry");
	xa_store(&xa, 960, vi(1), GFP_KERNEL);
	cr_assert_not(xa_get_mark(&xa, 960, XA_MARK_1));
	for (unsigned long i = 0; i < 1000; i += 30)
		xa_clear_mark(&xa, i, XA_MARK_1);
	cr_assert_not(xa_marked(&xa, XA_MARK_1));
	index = 0;
	cr_assert_null(xa_find(&xa, &index, ULONG_MAX, XA_MARK_1));
	index = 500;
	cr_assert_eq(xa_find(&xa, &index, ULONG_MAX, XA_PRESENT), vi(501));
	cr_assert_eq(index, 501);
	cr_assert_eq(xa_find_after(&xa, &index, ULONG_MAX, XA_PRESENT), vi(504));
	index = 999;
	cr_assert_null(xa_find_after(&xa, &index, ULONG_MAX, XA_PRESENT));
	cr_assert_eq(index, 999, "unchanged when nothing is found");
	xa_destroy(&xa);
	cr_assert(xa_empty(&xa));
}

Test(xarray, insert_cmpxchg_reserve_release)
{
	DEFINE_XARRAY(xa);
	void *entries[4];

	cr_assert_eq(xa_insert(&xa, 10, vi(10), GFP_KERNEL), 0);
	cr_assert_eq(xa_insert(&xa, 10, vi(11), GFP_KERNEL), -EBUSY);
	cr_assert_eq(xa_cmpxchg(&xa, 10, vi(9), vi(12), GFP_KERNEL), vi(10), "no swap");
	cr_assert_eq(xa_load(&xa, 10), vi(10));
	cr_assert_eq(xa_cmpxchg(&xa, 10, vi(10), vi(12), GFP_KERNEL), vi(10));
	cr_assert_eq(xa_load(&xa, 10), vi(12));
	cr_assert_null(xa_cmpxchg(&xa, 20, NULL, vi(20), GFP_KERNEL));
	cr_assert_eq(xa_load(&xa, 20), vi(20));
	cr_assert_eq(xa_cmpxchg(&xa, 20, vi(20), NULL, GFP_KERNEL), vi(20));
	cr_assert_null(xa_load(&xa, 20));

	cr_assert_eq(xa_reserve(&xa, 30, GFP_KERNEL), 0);
	cr_assert_null(xa_load(&xa, 30), "a reserved index reads as NULL");
	cr_assert_eq(xa_insert(&xa, 30, vi(30), GFP_KERNEL), -EBUSY, "but is busy");
	cr_assert_eq(xa_extract(&xa, entries, 0, ULONG_MAX, 4, XA_PRESENT), 1,
		     "walks pass over it");
	xa_release(&xa, 30);
	cr_assert_eq(xa_insert(&xa, 30, vi(30), GFP_KERNEL), 0);
	xa_release(&xa, 30);
	cr_assert_eq(xa_load(&xa, 30), vi(30), "release leaves a stored entry alone");
	cr_assert_eq(xa_reserve(&xa, 40, GFP_KERNEL), 0);
	cr_assert_null(xa_store(&xa, 40, vi(40), GFP_KERNEL), "storing over a reservation");
	cr_assert_eq(xa_store_range(&xa, 100, 103, vi(100), GFP_KERNEL), NULL);
	cr_assert_eq(xa_load(&xa, 102), vi(100));
	cr_assert_eq(xa_extract(&xa, entries, 50, 200, 4, XA_PRESENT), 4);
	xa_destroy(&xa);
}

Test(xarray, allocating_arrays)
{
	DEFINE_XARRAY_ALLOC(xa);
	DEFINE_XARRAY_ALLOC1(xa1);
	DEFINE_XARRAY(plain);
	u32 id, next = 0;

	for (u32 i = 0; i < 200; i++) {
		cr_assert_eq(xa_alloc(&xa, &id, vi(i), xa_limit_32b, GFP_KERNEL), 0);
		cr_assert_eq(id, i);
	}
	xa_erase(&xa, 70);
	xa_erase(&xa, 5);
	cr_assert_eq(xa_alloc(&xa, &id, vi(0), xa_limit_32b, GFP_KERNEL), 0);
	cr_assert_eq(id, 5, "the lowest free index");
	cr_assert_eq(xa_alloc(&xa, &id, NULL, xa_limit_32b, GFP_KERNEL), 0);
	cr_assert_eq(id, 70);
	cr_assert_null(xa_load(&xa, 70), "NULL reserves the index");
	cr_assert_eq(xa_alloc(&xa, &id, vi(0), xa_limit_32b, GFP_KERNEL), 0);
	cr_assert_eq(id, 200);
	cr_assert_null(xa_store(&xa, 201, NULL, GFP_KERNEL));
	cr_assert_eq(xa_alloc(&xa, &id, vi(0), xa_limit_32b, GFP_KERNEL), 0);
	cr_assert_eq(id, 202, "storing NULL in an allocating array reserves");
	cr_assert_eq(xa_alloc(&xa, &id, vi(0), XA_LIMIT(10, 20), GFP_KERNEL), -EBUSY);
	cr_assert_eq(xa_alloc(&xa, &id, vi(1), XA_LIMIT(UINT_MAX - 1, UINT_MAX), GFP_KERNEL), 0);
	cr_assert_eq(id, UINT_MAX - 1);
	cr_assert_eq(xa_alloc(&xa, &id, vi(1), XA_LIMIT(UINT_MAX - 1, UINT_MAX), GFP_KERNEL), 0);
	cr_assert_eq(id, UINT_MAX);
	cr_assert_eq(xa_alloc(&xa, &id, vi(1), XA_LIMIT(UINT_MAX - 1, UINT_MAX), GFP_KERNEL),
		     -EBUSY);
	xa_destroy(&xa);

	cr_assert_eq(xa_alloc(&xa1, &id, vi(1), xa_limit_32b, GFP_KERNEL), 0);
	cr_assert_eq(id, 1, "ALLOC1 never gives 0");
	cr_assert_eq(xa_alloc(&plain, &id, vi(1), xa_limit_32b, GFP_KERNEL), -EINVAL,
		     "not an allocating array");
	xa_destroy(&xa1);

	cr_assert_eq(xa_alloc_cyclic(&xa, &id, vi(1), XA_LIMIT(0, 3), &next, GFP_KERNEL), 0);
	cr_assert_eq(xa_alloc_cyclic(&xa, &id, vi(1), XA_LIMIT(0, 3), &next, GFP_KERNEL), 0);
	cr_assert_eq(id, 1);
	xa_erase(&xa, 0);
	cr_assert_eq(xa_alloc_cyclic(&xa, &id, vi(1), XA_LIMIT(0, 3), &next, GFP_KERNEL), 0);
	cr_assert_eq(id, 2, "cyclic: after the last one, not the lowest");
	cr_assert_eq(xa_alloc_cyclic(&xa, &id, vi(1), XA_LIMIT(0, 3), &next, GFP_KERNEL), 0);
	cr_assert_eq(id, 3);
	cr_assert_eq(xa_alloc_cyclic(&xa, &id, vi(1), XA_LIMIT(0, 3), &next, GFP_KERNEL), 1,
		     "wrapped");
	cr_assert_eq(id, 0);
	cr_assert_eq(xa_alloc_cyclic(&xa, &id, vi(1), XA_LIMIT(0, 3), &next, GFP_KERNEL), -EBUSY);
	xa_destroy(&xa);
}

Test(xarray, random_run_matches_a_model)
{
	enum { SPACE = 5000, STEPS = 50000 };
	void **model = calloc(SPACE, sizeof(void *));
	DEFINE_XARRAY(xa);
	struct rnd_state rs;
	unsigned long index, count = 0, expect = 0;
	void *entry;

	prandom_seed_state(&rs, 1);
	for (int step = 0; step < STEPS; step++) {
		u32 r = prandom_u32_state(&rs);
		unsigned long i = r % SPACE;

		if (r & 0x10000) {
			cr_assert_eq(xa_store(&xa, i, vi(step), GFP_KERNEL), model[i]);
			model[i] = vi(step);
		} else {
			cr_assert_eq(xa_erase(&xa, i), model[i]);
			model[i] = NULL;
		}
	}
	for (unsigned long i = 0; i < SPACE; i++) {
		cr_assert_eq(xa_load(&xa, i), model[i], "index %lu", i);
		expect += model[i] != NULL;
	}
	xa_for_each(&xa, index, entry) {
		cr_assert_eq(entry, model[index]);
		count++;
	}
	cr_assert_eq(count, expect);
	for (unsigned long i = 0; i < SPACE; i++)
		xa_erase(&xa, i);
	cr_assert(xa_empty(&xa));
	free(model);
}

static struct xarray shared = XARRAY_INIT(shared, 0);
static volatile bool stop;

static void *reader(void *arg)
{
	unsigned long bad = 0;

	while (!stop) {
		rcu_read_lock();
		for (unsigned long i = 0; i < 4096; i += 17) {
			void *e = xa_load(&shared, i);

			if (e && e != vi(i))
				bad++;
		}
		rcu_read_unlock();
	}
	return (void *)bad;
}

Test(xarray, readers_without_the_lock_see_whole_entries)
{
	pthread_t th;
	void *bad;

	pthread_create(&th, NULL, reader, NULL);
	for (int round = 0; round < 30; round++) {
		for (unsigned long i = 0; i < 4096; i++)
			xa_store(&shared, i, vi(i), GFP_KERNEL);
		for (unsigned long i = 0; i < 4096; i++)
			xa_erase(&shared, i);
	}
	stop = true;
	pthread_join(th, &bad);
	cr_assert_null(bad, "a reader saw a wrong entry");
	cr_assert(xa_empty(&shared));
}

Test(xarray, irq_and_bh_forms)
{
	struct xarray xa;
	u32 id;

	xa_init_flags(&xa, XA_FLAGS_ALLOC | XA_FLAGS_LOCK_IRQ);
	cr_assert_null(xa_store_irq(&xa, 3, vi(3), GFP_KERNEL));
	cr_assert_eq(xa_alloc_irq(&xa, &id, vi(0), xa_limit_31b, GFP_KERNEL), 0);
	cr_assert_eq(id, 0);
	cr_assert_eq(xa_erase_irq(&xa, 3), vi(3));
	cr_assert_null(xa_store_bh(&xa, 4, vi(4), GFP_ATOMIC));
	cr_assert_eq(xa_insert_bh(&xa, 4, vi(4), GFP_ATOMIC), -EBUSY);
	cr_assert_eq(xa_erase_bh(&xa, 4), vi(4));
	xa_lock_irq(&xa);
	cr_assert_null(__xa_store(&xa, 9, vi(9), GFP_KERNEL), "may drop the lock to allocate");
	xa_unlock_irq(&xa);
	cr_assert_eq(xa_load(&xa, 9), vi(9));
	xa_destroy(&xa);
}

Test(xarray, advanced_api_walk_store_nomem)
{
	DEFINE_XARRAY(xa);
	XA_STATE(xas, &xa, 0);
	unsigned long seen = 0, count = 0;
	void *entry;

	/* The store loop drivers write: store under the lock, allocate outside it. */
	for (unsigned long i = 0; i < 500; i += 5) {
		xas_set(&xas, i);
		do {
			xas_lock(&xas);
			xas_store(&xas, vi(i));
			if (i % 50 == 0)
				xas_set_mark(&xas, XA_MARK_2);
			xas_unlock(&xas);
		} while (xas_nomem(&xas, GFP_KERNEL));
		cr_assert_eq(xas_error(&xas), 0);
	}
	cr_assert_eq(xa_load(&xa, 495), vi(495));
	cr_assert(xa_get_mark(&xa, 450, XA_MARK_2));

	xas_set(&xas, 0);
	rcu_read_lock();
	xas_for_each(&xas, entry, ULONG_MAX) {
		if (xas_retry(&xas, entry))
			continue;
		cr_assert_eq(xas.xa_index, seen);
		cr_assert_eq(entry, vi(seen));
		seen += 5;
		count++;
		if (count % 10 == 0) {
			xas_pause(&xas);
			rcu_read_unlock();
			rcu_read_lock();
		}
	}
	rcu_read_unlock();
	cr_assert_eq(count, 100);
	cr_assert_eq(xas_find(&xas, ULONG_MAX), NULL, "a finished walk stays finished");

	count = 0;
	xas_set(&xas, 100);
	xas_for_each_marked(&xas, entry, 300, XA_MARK_2)
		count++;
	cr_assert_eq(count, 5, "marked entries 100..300");

	xas_set(&xas, 7);
	cr_assert_null(xas_load(&xas));
	xas_set(&xas, 10);
	cr_assert_eq(xas_load(&xas), vi(10));
	cr_assert_not(xas_get_mark(&xas, XA_MARK_2));
	xas_lock(&xas);
	cr_assert_eq(xas_store(&xas, NULL), vi(10), "storing NULL erases");
	xas_unlock(&xas);
	cr_assert_null(xa_load(&xa, 10));
	cr_assert_not(xas_nomem(&xas, GFP_KERNEL), "nothing failed for memory");
	xas_set_err(&xas, -EIO);
	cr_assert_eq(xas_error(&xas), -EIO);
	cr_assert_null(xas_find(&xas, ULONG_MAX));
	xa_destroy(&xa);
}
