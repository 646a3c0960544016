// SPDX-License-Identifier: LGPL-2.1-or-later
/* bench/malloc/churn.c: many small objects of mixed sizes, most short-lived, a few
 * long-lived. A table of slots is kept full; each step frees the block in a random slot
 * and puts a new block of a random size there (mostly tiny, some medium, rarely a few
 * pages). A few thousand long-lived blocks are made first and checked at the end, so
 * the churn runs around memory that must stay intact. Prints a checksum of every block
 * freed, the same under every allocator. */
#include "stress.h"

#define SLOTS		100000
#define LONG_LIVED	2000
#define STEPS		8000000

struct block {
	unsigned char *data;
	size_t size;
	uint64_t tag;
};

/* Mostly tiny, some medium, rarely a few pages. */
static const struct size_band churn_sizes[] = {
	{ 60, 8, 64 }, { 30, 65, 512 }, { 9, 513, 4096 }, { 1, 4097, 32768 },
};

static void block_make(struct block *b, size_t size, uint64_t tag)
{
	b->data = xmalloc(size);
	b->size = size;
	b->tag = tag;
	block_fill(b->data, size, tag);
}

static uint64_t block_release(struct block *b)
{
	uint64_t sum = block_check(b->data, b->size, b->tag);

	free(b->data);
	b->data = NULL;
	return sum;
}

int main(int argc, char **argv)
{
	long steps = (long)(STEPS * work_scale(argc, argv));
	struct block *slots = calloc(SLOTS, sizeof(*slots));
	struct block *long_lived = calloc(LONG_LIVED, sizeof(*long_lived));
	uint64_t sum = 0, tag = 0;
	struct rng r;

	if (!slots || !long_lived)
		return 3;
	rng_seed(&r, 1);
	for (int i = 0; i < LONG_LIVED; i++)
		block_make(&long_lived[i], rng_range(&r, 16, 4096), ++tag);
	for (long step = 0; step < steps; step++) {
		struct block *slot = &slots[rng_next(&r) % SLOTS];

		if (slot->data)
			sum = checksum_mix(sum, block_release(slot));
		block_make(slot, rng_size(&r, churn_sizes), ++tag);
	}
	for (int i = 0; i < SLOTS; i++)
		if (slots[i].data)
			sum = checksum_mix(sum, block_release(&slots[i]));
	for (int i = 0; i < LONG_LIVED; i++)
		sum = checksum_mix(sum, block_release(&long_lived[i]));
	free(slots);
	free(long_lived);
	printf("churn: %ld steps, checksum %016llx\n", steps, (unsigned long long)sum);
	return 0;
}
