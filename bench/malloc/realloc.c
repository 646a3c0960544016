// SPDX-License-Identifier: LGPL-2.1-or-later
/* bench/malloc/realloc.c: realloc growth. In each round a group of buffers starts at
 * a few bytes and grows step by step, a few hundred bytes to a few KiB at a time, to a
 * target between 64 KiB and 2 MiB; the buffers take turns, so a buffer's neighbour is
 * usually in the way of growing in place. Every grown part is written, and each
 * buffer is checked whole when it reaches its target, so a realloc that lost content
 * ends the program. Prints a checksum, the same under every allocator. */
#include "stress.h"

#define ROUNDS		40
#define BUFFERS		32	/* grown together in one round */
#define MIN_TARGET	(64 << 10)
#define MAX_TARGET	(2 << 20)

struct buffer {
	unsigned char *data;
	size_t size, target;
	uint64_t tag;
};

static unsigned char pattern_at(uint64_t tag, size_t offset)
{
	return (unsigned char)(tag * 31 + offset / 64);
}

/* Grows by 16 bytes to 4 KiB (not past the target) and writes every 64th new byte. */
static void buffer_grow(struct buffer *b, struct rng *r)
{
	size_t old_size = b->size, new_size = old_size + rng_range(r, 16, 4096);
	unsigned char *data;

	if (new_size > b->target)
		new_size = b->target;
	data = realloc(b->data, new_size);
	if (!data) {
		fprintf(stderr, "realloc(%zu) failed\n", new_size);
		exit(3);
	}
	for (size_t i = (old_size + 63) & ~(size_t)63; i < new_size; i += 64)
		data[i] = pattern_at(b->tag, i);
	b->data = data;
	b->size = new_size;
}

static uint64_t buffer_check(const struct buffer *b)
{
	for (size_t i = 0; i < b->size; i += 64) {
		if (b->data[i] != pattern_at(b->tag, i)) {
			fprintf(stderr, "buffer %llu lost its content at %zu of %zu\n",
				(unsigned long long)b->tag, i, b->size);
			exit(2);
		}
	}
	return checksum_mix(b->tag, b->size);
}

/* Grows every buffer of the round to its target, taking turns; returns the checksum. */
static uint64_t grow_round(struct buffer *buffers, struct rng *r, uint64_t *tag)
{
	uint64_t sum = 0;
	int growing = BUFFERS;

	for (int i = 0; i < BUFFERS; i++)
		buffers[i] = (struct buffer) { .data = NULL, .size = 0,
			.target = rng_range(r, MIN_TARGET, MAX_TARGET), .tag = ++*tag };
	while (growing) {
		for (int i = 0; i < BUFFERS; i++) {
			struct buffer *b = &buffers[i];

			if (b->size == b->target)
				continue;
			buffer_grow(b, r);
			if (b->size == b->target) {
				sum = checksum_mix(sum, buffer_check(b));
				growing--;
			}
		}
	}
	for (int i = 0; i < BUFFERS; i++)
		free(buffers[i].data);
	return sum;
}

int main(int argc, char **argv)
{
	long rounds = (long)(ROUNDS * work_scale(argc, argv) + 0.5);
	struct buffer buffers[BUFFERS];
	uint64_t sum = 0, tag = 0;
	struct rng r;

	rng_seed(&r, 3);
	for (long round = 0; round < rounds; round++)
		sum = checksum_mix(sum, grow_round(buffers, &r, &tag));
	printf("realloc: %ld rounds of %d buffers, checksum %016llx\n", rounds, BUFFERS,
	       (unsigned long long)sum);
	return 0;
}
