// SPDX-License-Identifier: LGPL-2.1-or-later
/* bench/malloc/prodcons.c: producer/consumer threads passing blocks between threads,
 * so nearly every free is remote (a thread frees what another allocated). Producers
 * allocate batches of blocks of mixed sizes, fill them and put the batch on a shared
 * bounded queue; consumers take batches, check and free every block and the batch
 * itself. Each producer draws from its own seeded generator, so the blocks made are
 * the same under every allocator; the checksum adds per-block values, so it does not
 * depend on which consumer freed what. */
#include <pthread.h>

#include "stress.h"

#define PRODUCERS	2
#define CONSUMERS	2
#define BATCH		256
#define BATCHES		15000	/* per producer */
#define QUEUE_DEPTH	16

struct batch {
	unsigned char *blocks[BATCH];
	size_t sizes[BATCH];
	uint64_t tags[BATCH];
};

/* A bounded ring of batches under one lock. */
static struct {
	pthread_mutex_t lock;
	pthread_cond_t not_full, not_empty;
	struct batch *ring[QUEUE_DEPTH];
	unsigned int head, count, producers_running;
} queue = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.not_full = PTHREAD_COND_INITIALIZER,
	.not_empty = PTHREAD_COND_INITIALIZER,
	.producers_running = PRODUCERS,
};

static long batches_per_producer;

static void queue_put(struct batch *b)
{
	pthread_mutex_lock(&queue.lock);
	while (queue.count == QUEUE_DEPTH)
		pthread_cond_wait(&queue.not_full, &queue.lock);
	queue.ring[(queue.head + queue.count++) % QUEUE_DEPTH] = b;
	pthread_cond_signal(&queue.not_empty);
	pthread_mutex_unlock(&queue.lock);
}

/* The next batch, or NULL once every producer has finished and the queue is empty. */
static struct batch *queue_take(void)
{
	struct batch *b = NULL;

	pthread_mutex_lock(&queue.lock);
	while (queue.count == 0 && queue.producers_running)
		pthread_cond_wait(&queue.not_empty, &queue.lock);
	if (queue.count) {
		b = queue.ring[queue.head];
		queue.head = (queue.head + 1) % QUEUE_DEPTH;
		queue.count--;
		pthread_cond_signal(&queue.not_full);
	}
	pthread_mutex_unlock(&queue.lock);
	return b;
}

static void producer_finished(void)
{
	pthread_mutex_lock(&queue.lock);
	queue.producers_running--;
	pthread_cond_broadcast(&queue.not_empty);
	pthread_mutex_unlock(&queue.lock);
}

/* Messages: mostly small, some medium, a few of a page or two. */
static const struct size_band message_sizes[] = {
	{ 70, 16, 128 }, { 25, 129, 1024 }, { 5, 1025, 8192 },
};

static void *producer(void *arg)
{
	uint64_t id = (uintptr_t)arg, tag = id << 40;
	struct rng r;

	rng_seed(&r, 100 + id);
	for (long n = 0; n < batches_per_producer; n++) {
		struct batch *b = xmalloc(sizeof(*b));

		for (int i = 0; i < BATCH; i++) {
			b->sizes[i] = rng_size(&r, message_sizes);
			b->tags[i] = ++tag;
			b->blocks[i] = xmalloc(b->sizes[i]);
			block_fill(b->blocks[i], b->sizes[i], b->tags[i]);
		}
		queue_put(b);
	}
	producer_finished();
	return NULL;
}

static void *consumer(void *arg)
{
	uint64_t *sum = arg;
	struct batch *b;

	while ((b = queue_take())) {
		for (int i = 0; i < BATCH; i++) {
			*sum += block_check(b->blocks[i], b->sizes[i], b->tags[i]);
			free(b->blocks[i]);
		}
		free(b);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t producers[PRODUCERS], consumers[CONSUMERS];
	uint64_t sums[CONSUMERS] = { 0 }, total = 0;

	batches_per_producer = (long)(BATCHES * work_scale(argc, argv));
	for (uintptr_t i = 0; i < CONSUMERS; i++)
		pthread_create(&consumers[i], NULL, consumer, &sums[i]);
	for (uintptr_t i = 0; i < PRODUCERS; i++)
		pthread_create(&producers[i], NULL, producer, (void *)i);
	for (int i = 0; i < PRODUCERS; i++)
		pthread_join(producers[i], NULL);
	for (int i = 0; i < CONSUMERS; i++) {
		pthread_join(consumers[i], NULL);
		total += sums[i];
	}
	printf("prodcons: %d producers x %ld batches of %d blocks, checksum %016llx\n",
	       PRODUCERS, batches_per_producer, BATCH, (unsigned long long)total);
	return 0;
}
