/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* bench/malloc/stress.h: what the allocator stress programs share -- a seeded
 * pseudo-random generator (the same sequence under every allocator, so each program
 * does the same work everywhere), a checksum over block contents, and the resident
 * size for progress reports on stderr. The programs use only malloc, free and realloc
 * from the C library, so any allocator can be preloaded under them; their stdout is a
 * checksum that must be the same under every allocator. */
#ifndef UKMEM_BENCH_MALLOC_STRESS_H
#define UKMEM_BENCH_MALLOC_STRESS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

struct rng {
	uint64_t state;
};

static inline void rng_seed(struct rng *r, uint64_t seed)
{
	r->state = seed * 0x9e3779b97f4a7c15ull + 1;
}

/* xorshift64*: fast, and plenty for choosing sizes and slots. */
static inline uint64_t rng_next(struct rng *r)
{
	uint64_t x = r->state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	r->state = x;
	return x * 0x2545f4914f6cdd1dull;
}

/* Uniform in [lo, hi]. */
static inline size_t rng_range(struct rng *r, size_t lo, size_t hi)
{
	return lo + rng_next(r) % (hi - lo + 1);
}

/* A share of the allocations and the range of sizes they are drawn from. */
struct size_band {
	unsigned int percent;
	size_t min, max;
};

/* A size drawn from bands whose percentages add up to 100. */
static inline size_t rng_size(struct rng *r, const struct size_band *bands)
{
	unsigned int pick = rng_next(r) % 100, below = 0;

	for (;; bands++) {
		below += bands->percent;
		if (pick < below || below >= 100)
			return rng_range(r, bands->min, bands->max);
	}
}

/* Mixes a value into a running checksum (order-dependent). */
static inline uint64_t checksum_mix(uint64_t sum, uint64_t value)
{
	return (sum ^ value) * 0x100000001b3ull;
}

/* Fills a block with a pattern derived from tag: every 64th byte and the last one
 * (enough to fault in every page it spans without dominating the run time). */
static inline void block_fill(unsigned char *block, size_t size, uint64_t tag)
{
	for (size_t i = 0; i + 1 < size; i += 64)
		block[i] = (unsigned char)(tag + i / 64);
	block[size - 1] = (unsigned char)tag;
}

/* Reads back what block_fill wrote; exits when the block was corrupted. */
static inline uint64_t block_check(const unsigned char *block, size_t size, uint64_t tag)
{
	for (size_t i = 0; i + 1 < size; i += 64)
		if (block[i] != (unsigned char)(tag + i / 64))
			goto corrupt;
	if (block[size - 1] != (unsigned char)tag)
		goto corrupt;
	return checksum_mix(tag, size);
corrupt:
	fprintf(stderr, "block of %zu bytes with tag %llu corrupted\n", size,
		(unsigned long long)tag);
	exit(2);
}

/* Resident set size in KiB, from /proc/self/statm. */
static inline long resident_kib(void)
{
	long pages_total, pages_resident = 0;
	FILE *statm = fopen("/proc/self/statm", "r");

	if (!statm)
		return -1;
	if (fscanf(statm, "%ld %ld", &pages_total, &pages_resident) != 2)
		pages_resident = -1;
	fclose(statm);
	return pages_resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* malloc that ends the program when the allocator has nothing left. */
static inline void *xmalloc(size_t size)
{
	void *block = malloc(size);

	if (!block) {
		fprintf(stderr, "malloc(%zu) failed\n", size);
		exit(3);
	}
	return block;
}

/* The work scale from argv[1] (default 1.0): the suite always runs at 1.0, smaller
 * values are for trying a program quickly. */
static inline double work_scale(int argc, char **argv)
{
	double scale = argc > 1 ? atof(argv[1]) : 1.0;

	return scale > 0 ? scale : 1.0;
}

#endif
