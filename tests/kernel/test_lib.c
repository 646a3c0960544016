// SPDX-License-Identifier: LGPL-2.1-or-later
/* The library headers: red-black trees keep their invariants through random inserts and
 * erases; bit searches and bitmaps; refcount_t saturates and warns; ERR_PTR; overflow
 * checks; log2 helpers. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/rbtree.h>
#include <linux/bitmap.h>
#include <linux/refcount.h>
#include <linux/overflow.h>
#include <linux/log2.h>
#include <linux/err.h>
#include <linux/string.h>
#include "kmsg.h"

struct item {
	struct rb_node node;
	int key;
};

static bool item_less(struct rb_node *a, const struct rb_node *b)
{
	return rb_entry(a, struct item, node)->key < rb_entry(b, struct item, node)->key;
}

static int item_cmp(const void *key, const struct rb_node *n)
{
	int k = *(const int *)key, nk = rb_entry(n, struct item, node)->key;

	return k < nk ? -1 : k > nk;
}

/* Black height of the subtree, or -1 if a red-black rule is broken in it. */
static int check_subtree(const struct rb_node *n, const struct rb_node *parent)
{
	int left, right;
	bool red;

	if (!n)
		return 1;
	if (rb_parent(n) != parent)
		return -1;
	red = !(n->__rb_parent_color & 1);
	if (red && ((n->rb_left && !(n->rb_left->__rb_parent_color & 1)) ||
		    (n->rb_right && !(n->rb_right->__rb_parent_color & 1))))
		return -1;
	left = check_subtree(n->rb_left, n);
	right = check_subtree(n->rb_right, n);
	if (left < 0 || left != right)
		return -1;
	return left + !red;
}

static void check_tree(struct rb_root *root, int expected_count)
{
	int count = 0, prev = -1;

	cr_assert(!root->rb_node || (root->rb_node->__rb_parent_color & 1), "black root");
	cr_assert_geq(check_subtree(root->rb_node, NULL), 0, "red-black rules hold");
	for (struct rb_node *n = rb_first(root); n; n = rb_next(n)) {
		int key = rb_entry(n, struct item, node)->key;

		cr_assert_gt(key, prev, "in-order walk is sorted");
		prev = key;
		count++;
	}
	cr_assert_eq(count, expected_count);
}

Test(lib, rbtree_random_insert_erase)
{
	enum { N = 2000 };
	struct item *items = calloc(N, sizeof(*items));
	struct rb_root root = RB_ROOT;
	int present = 0;

	srand(7);
	for (int i = 0; i < N; i++) {
		items[i].key = i;
		RB_CLEAR_NODE(&items[i].node);
	}
	for (int i = N - 1; i > 0; i--) {	/* shuffle insertion order */
		int j = rand() % (i + 1), k = items[i].key;

		items[i].key = items[j].key;
		items[j].key = k;
	}
	for (int i = 0; i < N; i++) {
		rb_add(&items[i].node, &root, item_less);
		present++;
		if (i % 97 == 0)
			check_tree(&root, present);
	}
	check_tree(&root, N);
	for (int key = 0; key < N; key += 3) {
		struct rb_node *n = rb_find(&key, &root, item_cmp);

		cr_assert_not_null(n);
		rb_erase(n, &root);
		present--;
		if (key % 300 == 0)
			check_tree(&root, present);
	}
	check_tree(&root, present);
	int gone = 3;
	cr_assert_null(rb_find(&gone, &root, item_cmp));
	cr_assert_eq(rb_entry(rb_last(&root), struct item, node)->key, N - 1);
	cr_assert_eq(rb_entry(rb_prev(rb_last(&root)), struct item, node)->key, N - 3, "N - 2 was erased");

	struct item *pos, *next;
	int visited = 0;
	rbtree_postorder_for_each_entry_safe(pos, next, &root, node)
		visited++;
	cr_assert_eq(visited, present);
	free(items);
}

Test(lib, bit_search_and_bitmaps)
{
	DECLARE_BITMAP(map, 200);
	unsigned long bit, n = 0;

	bitmap_zero(map, 200);
	cr_assert(bitmap_empty(map, 200));
	cr_assert_eq(find_first_bit(map, 200), 200);
	set_bit(3, map);
	set_bit(64, map);
	__set_bit(199, map);
	cr_assert(test_bit(64, map));
	cr_assert_eq(find_first_bit(map, 200), 3);
	cr_assert_eq(find_next_bit(map, 200, 4), 64);
	cr_assert_eq(find_last_bit(map, 200), 199);
	cr_assert_eq(find_next_bit(map, 199, 65), 199, "size bounds the search");
	for_each_set_bit(bit, map, 200)
		n++;
	cr_assert_eq(n, 3);
	cr_assert_eq(bitmap_weight(map, 200), 3);
	cr_assert(test_and_clear_bit(3, map));
	cr_assert_not(test_and_clear_bit(3, map));
	bitmap_set(map, 10, 20);
	cr_assert_eq(bitmap_weight(map, 200), 22);
	cr_assert_eq(find_next_zero_bit(map, 200, 10), 30);
	cr_assert_eq(bitmap_find_next_zero_area(map, 200, 1, 8, 7), 32);
	bitmap_clear(map, 10, 20);
	bitmap_fill(map, 200);
	cr_assert(bitmap_full(map, 200));
	cr_assert_eq(fls(0), 0);
	cr_assert_eq(fls(0x80000000u), 32);
	cr_assert_eq(__ffs(0x10UL), 4);
	cr_assert_eq(GENMASK(7, 4), 0xf0UL);
	cr_assert_eq(hweight32(0xff00ff), 16);
}

Test(lib, refcount_saturates_and_warns)
{
	refcount_t ref = REFCOUNT_INIT(1);

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	refcount_inc(&ref);
	cr_assert_not(refcount_dec_and_test(&ref));
	cr_assert(refcount_dec_and_test(&ref));
	cr_assert_eq(ukmem_report_count(), 0);
	cr_assert_not(refcount_inc_not_zero(&ref), "a dead object cannot be revived");
	refcount_inc(&ref);
	cr_assert(kmsg_contains("refcount_t: addition on 0; use-after-free."));
	cr_assert_eq(refcount_read(&ref), (unsigned int)REFCOUNT_SATURATED);
	cr_assert_not(refcount_dec_and_test(&ref), "a saturated count never frees");
	cr_assert_geq(ukmem_report_count(), 1);
	ukmem_shutdown();
}

Test(lib, err_overflow_log2_string)
{
	void *p = ERR_PTR(-ENOMEM);
	size_t out;
	char buf[8];

	cr_assert(IS_ERR(p));
	cr_assert_eq(PTR_ERR(p), -ENOMEM);
	cr_assert_not(IS_ERR(buf));
	cr_assert(IS_ERR_OR_NULL(NULL));
	cr_assert_eq(PTR_ERR_OR_ZERO(buf), 0);
	cr_assert(check_mul_overflow((size_t)SIZE_MAX / 2, (size_t)3, &out));
	cr_assert_not(check_add_overflow((size_t)1, (size_t)2, &out));
	cr_assert_eq(out, 3);
	cr_assert_eq(array_size(SIZE_MAX / 2, 3), SIZE_MAX, "saturates");
	cr_assert_eq(ilog2(4096), 12);
	cr_assert_eq(ilog2(1ULL << 40), 40);
	cr_assert_eq(roundup_pow_of_two(33), 64);
	cr_assert_eq(rounddown_pow_of_two(33), 32);
	cr_assert_eq(order_base_2(5), 3);
	cr_assert(is_power_of_2(64));
	cr_assert_not(is_power_of_2(0));
	cr_assert_eq(strscpy(buf, "abcdefghij", sizeof(buf)), -E2BIG);
	cr_assert_str_eq(buf, "abcdefg");
	cr_assert_eq(strscpy(buf, "abc", sizeof(buf)), 3);
	cr_assert(sysfs_streq("on\n", "on"));
	cr_assert_eq(min(3, 5), 3);
	cr_assert_eq(clamp(12, 0, 10), 10);
	cr_assert_eq(ALIGN(13, 8), 16);
	cr_assert_eq(ENOTSUPP, 524);
	cr_assert_eq(EPROBE_DEFER, 517);
}
