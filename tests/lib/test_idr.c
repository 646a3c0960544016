// SPDX-License-Identifier: LGPL-2.1-or-later
/* linux/idr.h: IDs and error codes as Linux 6.1 gives them (lowest free, ranges, -ENOSPC,
 * -EINVAL, cyclic), NULL pointers, replace/remove of missing IDs, walks, preload under a
 * spinlock, a base, and the IDA with its warning for a free of an unallocated ID. */
#include <criterion/criterion.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/idr.h>
#include <linux/err.h>
#include <linux/spinlock.h>
#include "kmsg.h"

static void boot(void)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
}

TestSuite(idr, .init = boot, .fini = ukmem_shutdown);

static int sum_ids(int id, void *p, void *data)
{
	*(int *)data += id;
	return id == 7 ? 99 : 0;
}

Test(idr, alloc_find_remove)
{
	DEFINE_IDR(idr);
	int a = 1, b = 2, c = 3, id, sum = 0;
	void *p;

	cr_assert(idr_is_empty(&idr));
	cr_assert_eq(idr_alloc(&idr, &a, 0, 0, GFP_KERNEL), 0);
	cr_assert_eq(idr_alloc(&idr, &b, 0, 0, GFP_KERNEL), 1);
	cr_assert_eq(idr_alloc(&idr, &c, 10, 20, GFP_KERNEL), 10);
	cr_assert_eq(idr_alloc(&idr, &c, 10, 11, GFP_KERNEL), -ENOSPC);
	cr_assert_eq(idr_alloc(&idr, &c, -1, 0, GFP_KERNEL), -EINVAL);
	cr_assert_eq(idr_find(&idr, 1), &b);
	cr_assert_null(idr_find(&idr, 2));
	cr_assert_eq(idr_remove(&idr, 0), &a);
	cr_assert_null(idr_remove(&idr, 0), "removing a missing ID gives NULL");
	cr_assert_null(idr_remove(&idr, 12345));
	cr_assert_eq(idr_alloc(&idr, &a, 0, 0, GFP_KERNEL), 0, "the lowest free ID again");
	cr_assert_eq(idr_alloc(&idr, NULL, 0, 0, GFP_KERNEL), 2, "a NULL pointer takes an ID");
	cr_assert_null(idr_find(&idr, 2));
	cr_assert_eq(idr_alloc(&idr, &a, 0, 0, GFP_KERNEL), 3);
	cr_assert_null(idr_replace(&idr, &c, 2));
	cr_assert_eq(idr_find(&idr, 2), &c);
	cr_assert_eq(idr_replace(&idr, &c, 50), ERR_PTR(-ENOENT));
	cr_assert_eq(idr_replace(&idr, NULL, 2), &c);
	cr_assert_eq(idr_alloc(&idr, &a, 0, 0, GFP_KERNEL), 4, "2 stays allocated holding NULL");
	cr_assert_eq(idr_alloc(&idr, &a, 7, 8, GFP_KERNEL), 7);

	id = 0;
	idr_for_each_entry(&idr, p, id)
		sum += id;
	cr_assert_eq(sum, 0 + 1 + 3 + 4 + 7 + 10, "the walk skips NULL pointers");
	sum = 0;
	cr_assert_eq(idr_for_each(&idr, sum_ids, &sum), 99, "a non-zero return stops the walk");
	cr_assert_eq(sum, 0 + 1 + 3 + 4 + 7);
	id = 5;
	cr_assert_eq(idr_get_next(&idr, &id), &a);
	cr_assert_eq(id, 7);
	idr_destroy(&idr);
	cr_assert(idr_is_empty(&idr));
	cr_assert_null(idr_find(&idr, 1));
}

Test(idr, full_range_and_large_ids)
{
	DEFINE_IDR(idr);
	int x;

	for (int i = 0; i < 100; i++)
		cr_assert_eq(idr_alloc(&idr, &x, 0, 100, GFP_KERNEL), i);
	cr_assert_eq(idr_alloc(&idr, &x, 0, 100, GFP_KERNEL), -ENOSPC);
	cr_assert_eq(idr_alloc(&idr, &x, 0, 101, GFP_KERNEL), 100);
	cr_assert_eq(idr_alloc(&idr, &x, INT_MAX, 0, GFP_KERNEL), INT_MAX);
	cr_assert_eq(idr_alloc(&idr, &x, INT_MAX, 0, GFP_KERNEL), -ENOSPC);
	cr_assert_eq(idr_find(&idr, INT_MAX), &x);
	idr_destroy(&idr);
}

Test(idr, cyclic)
{
	DEFINE_IDR(idr);
	int x;

	cr_assert_eq(idr_alloc_cyclic(&idr, &x, 1, 4, GFP_KERNEL), 1);
	cr_assert_eq(idr_alloc_cyclic(&idr, &x, 1, 4, GFP_KERNEL), 2);
	idr_remove(&idr, 1);
	cr_assert_eq(idr_alloc_cyclic(&idr, &x, 1, 4, GFP_KERNEL), 3, "not the freed 1");
	cr_assert_eq(idr_alloc_cyclic(&idr, &x, 1, 4, GFP_KERNEL), 1, "wraps to start");
	cr_assert_eq(idr_alloc_cyclic(&idr, &x, 1, 4, GFP_KERNEL), -ENOSPC);
	cr_assert_eq(idr_get_cursor(&idr), 2);
	idr_destroy(&idr);
}

Test(idr, base)
{
	struct idr idr;
	int x;

	idr_init_base(&idr, 1);
	cr_assert_eq(idr_alloc(&idr, &x, 0, 0, GFP_KERNEL), 1);
	cr_assert_eq(idr_alloc(&idr, &x, 0, 0, GFP_KERNEL), 2);
	cr_assert_eq(idr_find(&idr, 1), &x);
	cr_assert_null(idr_find(&idr, 0));
	cr_assert_eq(idr_remove(&idr, 2), &x);
	idr_destroy(&idr);
}

Test(idr, preload_then_alloc_under_a_spinlock)
{
	DEFINE_IDR(idr);
	DEFINE_SPINLOCK(lock);
	int x, id;

	for (int i = 0; i < 300; i++) {
		idr_preload(GFP_KERNEL);
		spin_lock(&lock);
		id = idr_alloc(&idr, &x, i * 4096, 0, GFP_NOWAIT);
		spin_unlock(&lock);
		idr_preload_end();
		cr_assert_eq(id, i * 4096);
	}
	cr_assert_not(kmsg_contains("BUG: sleeping function called from invalid context"));
	idr_destroy(&idr);
}

Test(ida, alloc_free_ranges)
{
	DEFINE_IDA(ida);

	cr_assert(ida_is_empty(&ida));
	cr_assert_eq(ida_alloc(&ida, GFP_KERNEL), 0);
	cr_assert_eq(ida_alloc(&ida, GFP_KERNEL), 1);
	cr_assert_eq(ida_alloc_min(&ida, 10, GFP_KERNEL), 10);
	cr_assert_eq(ida_alloc_max(&ida, 1, GFP_KERNEL), -ENOSPC);
	cr_assert_eq(ida_alloc_range(&ida, 5, 5, GFP_KERNEL), 5);
	cr_assert_eq(ida_alloc_range(&ida, 5, 5, GFP_KERNEL), -ENOSPC);
	cr_assert_eq(ida_alloc_range(&ida, 0x80000000u, ~0u, GFP_KERNEL), -ENOSPC);
	cr_assert_eq(ida_simple_get(&ida, 2, 4, GFP_KERNEL), 2);
	cr_assert_eq(ida_simple_get(&ida, 2, 4, GFP_KERNEL), 3);
	cr_assert_eq(ida_simple_get(&ida, 2, 4, GFP_KERNEL), -ENOSPC);
	cr_assert_eq(ida_simple_get(&ida, 100, 0, GFP_KERNEL), 100, "end 0: no limit");
	ida_free(&ida, 1);
	cr_assert_eq(ida_alloc(&ida, GFP_KERNEL), 1);
	ida_simple_remove(&ida, 3);
	cr_assert_eq(ida_alloc_min(&ida, 2, GFP_KERNEL), 3);
	ida_destroy(&ida);
	cr_assert(ida_is_empty(&ida));
}

Test(ida, free_of_an_unallocated_id_warns)
{
	DEFINE_IDA(ida);

	cr_assert_eq(ida_alloc(&ida, GFP_KERNEL), 0);
	ida_free(&ida, 7);
	cr_assert(kmsg_contains("ida_free called for id=7 which is not allocated."));
	ida_free(&ida, 0);
	cr_assert(ida_is_empty(&ida));
}
