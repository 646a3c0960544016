// SPDX-License-Identifier: LGPL-2.1-or-later
/* linux/sort.h and linux/bsearch.h: sort() orders by the comparison (ascending, ties in
 * any order) with the default and a custom swap, for element sizes that take each of
 * the word/byte paths; sort_r passes its argument; bsearch finds present keys only. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/sort.h>
#include <linux/bsearch.h>
#include <linux/prandom.h>

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

static int cmp_int_r(const void *a, const void *b, const void *priv)
{
	(*(int *)priv)++;
	return cmp_int(a, b);
}

static int swaps;
static void swap_int(void *a, void *b, int size)
{
	int t = *(int *)a;

	cr_assert_eq(size, (int)sizeof(int));
	*(int *)a = *(int *)b;
	*(int *)b = t;
	swaps++;
}

struct rec3 { u8 key, a, b; };	/* 3 bytes: the byte-swap path */
struct rec12 { u32 key, check, pad; };	/* 12 bytes: the 4-byte path */
struct rec24 { u64 key, check, pad; };	/* 24 bytes: the 8-byte path */

static int cmp_rec3(const void *a, const void *b)
{
	return ((const struct rec3 *)a)->key - ((const struct rec3 *)b)->key;
}

static int cmp_rec12(const void *a, const void *b)
{
	u32 x = ((const struct rec12 *)a)->key, y = ((const struct rec12 *)b)->key;

	return x < y ? -1 : x > y;
}

static int cmp_rec24(const void *a, const void *b)
{
	u64 x = ((const struct rec24 *)a)->key, y = ((const struct rec24 *)b)->key;

	return x < y ? -1 : x > y;
}

Test(sort, random_ints_every_size_from_0_to_300)
{
	struct rnd_state rs;

	prandom_seed_state(&rs, 42);
	for (size_t n = 0; n <= 300; n++) {
		int *v = malloc((n + 1) * sizeof(int)), *ref = malloc((n + 1) * sizeof(int));

		for (size_t i = 0; i < n; i++)
			v[i] = ref[i] = (int)(prandom_u32_state(&rs) % 100) - 50;
		sort(v, n, sizeof(int), cmp_int, NULL);
		qsort(ref, n, sizeof(int), cmp_int);
		cr_assert_arr_eq(v, ref, n * sizeof(int), "n=%zu", n);
		free(v);
		free(ref);
	}
}

Test(sort, custom_swap_and_sort_r_private_argument)
{
	int v[64], calls = 0;

	for (int i = 0; i < 64; i++)
		v[i] = 63 - i;
	swaps = 0;
	sort(v, 64, sizeof(int), cmp_int, swap_int);
	for (int i = 0; i < 64; i++)
		cr_assert_eq(v[i], i);
	cr_assert_gt(swaps, 0);
	for (int i = 0; i < 64; i++)
		v[i] = (i * 37) % 64;
	sort_r(v, 64, sizeof(int), cmp_int_r, NULL, &calls);
	for (int i = 0; i < 64; i++)
		cr_assert_eq(v[i], i);
	cr_assert_gt(calls, 0);
	cr_assert_lt(calls, 64 * 6 * 2, "heapsort: O(n log n) comparisons");
}

Test(sort, records_move_whole_on_each_swap_path)
{
	struct rec3 r3[100];
	struct rec12 r12[100];
	struct rec24 r24[100];

	for (int i = 0; i < 100; i++) {
		u32 k = (u32)(i * 73 % 100);

		r3[i] = (struct rec3){ (u8)k, (u8)(k ^ 0x55), (u8)(k + 1) };
		r12[i] = (struct rec12){ k, ~k, k * 3 };
		r24[i] = (struct rec24){ k, ~(u64)k, k * 5ULL };
	}
	sort(r3, 100, sizeof(r3[0]), cmp_rec3, NULL);
	sort(r12, 100, sizeof(r12[0]), cmp_rec12, NULL);
	sort(r24, 100, sizeof(r24[0]), cmp_rec24, NULL);
	for (u32 i = 0; i < 100; i++) {
		cr_assert(r3[i].key == i && r3[i].a == (u8)(i ^ 0x55) && r3[i].b == i + 1);
		cr_assert(r12[i].key == i && r12[i].check == ~i && r12[i].pad == i * 3);
		cr_assert(r24[i].key == i && r24[i].check == ~(u64)i && r24[i].pad == i * 5ULL);
	}
}

Test(sort, bsearch_finds_present_keys_only)
{
	int v[50], key;

	for (int i = 0; i < 50; i++)
		v[i] = i * 2;
	for (key = -1; key <= 100; key++) {
		int *hit = bsearch(&key, v, 50, sizeof(int), cmp_int);
		int *hit2 = __inline_bsearch(&key, v, 50, sizeof(int), cmp_int);

		if (key >= 0 && key < 100 && key % 2 == 0) {
			cr_assert_eq(hit, &v[key / 2]);
			cr_assert_eq(hit2, &v[key / 2]);
		} else {
			cr_assert_null(hit);
			cr_assert_null(hit2);
		}
	}
	key = 0;
	cr_assert_null(__inline_bsearch(&key, v, 0, sizeof(int), cmp_int));
}
