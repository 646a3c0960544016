// SPDX-License-Identifier: LGPL-2.1-or-later
/* bench/malloc/frag.c: fragmentation after frees. Each round allocates many small
 * objects, frees every other one, then a random half of the rest, and allocates again
 * with larger sizes as many bytes as were freed: an allocator that cannot reuse the
 * scattered holes for the new sizes grows instead, which the peak resident size shows.
 * The resident size after each phase of the last round goes to stderr; stdout is a
 * checksum, the same under every allocator. */
#include "stress.h"

#define ROUNDS		5
#define OBJECTS		1000000		/* small objects made at the start of a round */
#define SMALL_MIN	16
#define SMALL_MAX	256
#define LARGE_MIN	300
#define LARGE_MAX	1200

struct object {
	unsigned char *data;
	size_t size;
	uint64_t tag;
};

struct round {
	struct object *small, *large;
	long large_count;
	uint64_t sum, tag;
	long resident_kib[4];	/* after allocating, every other free, half free, refill */
};

static void object_make(struct object *o, size_t size, uint64_t tag)
{
	o->data = xmalloc(size);
	o->size = size;
	o->tag = tag;
	block_fill(o->data, size, tag);
}

static void object_free(struct object *o, uint64_t *sum)
{
	*sum = checksum_mix(*sum, block_check(o->data, o->size, o->tag));
	free(o->data);
	o->data = NULL;
}

/* Frees every other small object, then each remaining one with probability 1/2;
 * returns the bytes freed. */
static size_t punch_holes(struct round *rd, struct rng *r)
{
	size_t freed = 0;

	for (long i = 0; i < OBJECTS; i += 2) {
		freed += rd->small[i].size;
		object_free(&rd->small[i], &rd->sum);
	}
	rd->resident_kib[1] = resident_kib();
	for (long i = 1; i < OBJECTS; i += 2) {
		if (rng_next(r) & 1) {
			freed += rd->small[i].size;
			object_free(&rd->small[i], &rd->sum);
		}
	}
	rd->resident_kib[2] = resident_kib();
	return freed;
}

/* Allocates larger objects adding up to at least bytes. */
static void refill(struct round *rd, struct rng *r, size_t bytes)
{
	size_t made = 0;

	rd->large = xmalloc(sizeof(*rd->large) * (bytes / LARGE_MIN + 1));
	rd->large_count = 0;
	while (made < bytes) {
		size_t size = rng_range(r, LARGE_MIN, LARGE_MAX);

		object_make(&rd->large[rd->large_count++], size, ++rd->tag);
		made += size;
	}
	rd->resident_kib[3] = resident_kib();
}

static void run_round(struct round *rd, struct rng *r)
{
	rd->small = xmalloc(sizeof(*rd->small) * OBJECTS);
	for (long i = 0; i < OBJECTS; i++)
		object_make(&rd->small[i], rng_range(r, SMALL_MIN, SMALL_MAX), ++rd->tag);
	rd->resident_kib[0] = resident_kib();
	refill(rd, r, punch_holes(rd, r));
	for (long i = 0; i < OBJECTS; i++)
		if (rd->small[i].data)
			object_free(&rd->small[i], &rd->sum);
	for (long i = 0; i < rd->large_count; i++)
		object_free(&rd->large[i], &rd->sum);
	free(rd->small);
	free(rd->large);
}

int main(int argc, char **argv)
{
	long rounds = (long)(ROUNDS * work_scale(argc, argv) + 0.5);
	struct round rd = { 0 };
	struct rng r;

	rng_seed(&r, 4);
	for (long i = 0; i < rounds; i++)
		run_round(&rd, &r);
	fprintf(stderr, "frag: resident KiB in the last round: %ld allocated, %ld after "
		"freeing every other, %ld after freeing half the rest, %ld refilled\n",
		rd.resident_kib[0], rd.resident_kib[1], rd.resident_kib[2], rd.resident_kib[3]);
	printf("frag: %ld rounds of %d objects, checksum %016llx\n", rounds, OBJECTS,
	       (unsigned long long)rd.sum);
	return 0;
}
