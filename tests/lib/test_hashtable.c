// SPDX-License-Identifier: LGPL-2.1-or-later
/* linux/hash.h and linux/hashtable.h: Linux 6.1's bucket for a key, adds and deletes
 * seen by every walk, the _rcu forms read under rcu_read_lock(), and the hlist helpers
 * of linux/list.h. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <linux/kernel.h>
#include <linux/hash.h>
#include <linux/hashtable.h>
#include <linux/rculist.h>

struct entry {
	int key;
	struct hlist_node node;
};

Test(hash, values_match_the_golden_ratio_multipliers)
{
	cr_assert_eq(hash_32(1, 32), 0x61C88647u);
	cr_assert_eq(hash_32(0x12345678, 10), (u32)(0x12345678u * 0x61C88647u) >> 22);
	cr_assert_eq(hash_64(1, 64 - 32), (u32)(0x61C8864680B583EBull >> 32));
	cr_assert_eq(hash_64(0xdeadbeefcafeULL, 12),
		     (u32)((0xdeadbeefcafeULL * 0x61C8864680B583EBull) >> 52));
	cr_assert_eq(hash_long(7UL, 8), hash_64(7, 8));
	cr_assert_eq(hash_ptr((void *)0x1000, 6), hash_64(0x1000, 6));
	cr_assert_eq(hash32_ptr((void *)0x1234567800000001UL), 0x12345679u);
	cr_assert_lt(hash_32(0xffffffffu, 3), 8u);
}

Test(hashtable, add_find_delete_walk)
{
	DEFINE_HASHTABLE(table, 4);
	enum { N = 500 };
	struct entry *e = calloc(N, sizeof(*e)), *pos;
	struct hlist_node *tmp;
	int bkt, count = 0, found;

	cr_assert_eq(HASH_SIZE(table), 16);
	cr_assert_eq(HASH_BITS(table), 4);
	cr_assert(hash_empty(table));
	for (int i = 0; i < N; i++) {
		e[i].key = i * 7;
		hash_add(table, &e[i].node, e[i].key);
		cr_assert(hash_hashed(&e[i].node));
	}
	cr_assert_not(hash_empty(table));
	for (int i = 0; i < N; i++) {
		found = 0;
		hash_for_each_possible(table, pos, node, i * 7)
			if (pos->key == i * 7)
				found++;
		cr_assert_eq(found, 1, "key %d found once", i * 7);
	}
	hash_for_each(table, bkt, pos, node)
		count++;
	cr_assert_eq(count, N);
	hash_for_each_safe(table, bkt, tmp, pos, node)
		if (pos->key % 2)
			hash_del(&pos->node);
	count = 0;
	hash_for_each(table, bkt, pos, node) {
		cr_assert_eq(pos->key % 2, 0);
		count++;
	}
	cr_assert_eq(count, N / 2);
	cr_assert_not(hash_hashed(&e[1].node), "a deleted entry reads as unhashed");
	hash_for_each_safe(table, bkt, tmp, pos, node)
		hash_del(&pos->node);
	cr_assert(hash_empty(table));
	free(e);
}

Test(hashtable, bucket_is_hash_32_for_small_keys_and_hash_long_for_wide_ones)
{
	DECLARE_HASHTABLE(table, 5);
	struct entry a = { .key = 12345 };
	struct entry b = { .key = 2 };
	u64 wide = 0x100000002ULL;

	hash_init(table);
	hash_add(table, &a.node, a.key);
	cr_assert_eq(table[hash_32(12345, 5)].first, &a.node);
	hash_add(table, &b.node, wide);
	cr_assert_eq(table[hash_64(wide, 5)].first, &b.node);
}

Test(hashtable, rcu_add_walk_delete)
{
	DEFINE_HASHTABLE(table, 3);
	struct entry e[10], *pos;
	int sum = 0;

	for (int i = 0; i < 10; i++) {
		e[i].key = i;
		hash_add_rcu(table, &e[i].node, i);
	}
	rcu_read_lock();
	for (int i = 0; i < 10; i++)
		hash_for_each_possible_rcu(table, pos, node, i)
			if (pos->key == i)
				sum += i;
	rcu_read_unlock();
	cr_assert_eq(sum, 45);
	hash_del_rcu(&e[3].node);
	cr_assert(hlist_unhashed(&e[3].node));
	sum = 0;
	rcu_read_lock();
	for (int bkt = 0; bkt < 8; bkt++)
		hlist_for_each_entry_rcu(pos, &table[bkt], node)
			sum += pos->key;
	rcu_read_unlock();
	cr_assert_eq(sum, 42);
}

Test(hashtable, hlist_helpers)
{
	HLIST_HEAD(head);
	HLIST_HEAD(other);
	struct entry a = { .key = 1 }, b = { .key = 2 }, c = { .key = 3 }, *pos;
	struct hlist_node *n, *tmp;
	int order = 0;

	hlist_add_head(&b.node, &head);
	cr_assert(hlist_is_singular_node(&b.node, &head));
	hlist_add_before(&a.node, &b.node);
	hlist_add_behind(&c.node, &b.node);
	hlist_for_each_entry(pos, &head, node)
		order = order * 10 + pos->key;
	cr_assert_eq(order, 123);
	hlist_move_list(&head, &other);
	cr_assert(hlist_empty(&head));
	order = 0;
	hlist_for_each_safe(n, tmp, &other) {
		order = order * 10 + hlist_entry(n, struct entry, node)->key;
		hlist_del_init(n);
	}
	cr_assert_eq(order, 123);
	cr_assert(hlist_empty(&other));
	hlist_add_fake(&a.node);
	cr_assert(hlist_fake(&a.node));
	cr_assert_not(hlist_unhashed(&a.node));
}
