// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/kasan_quarantine.c: KASAN's quarantine for ASan and Valgrind builds. A freed slab
 * object (already poisoned by __kasan_slab_free()) waits here, oldest first, before it can
 * be handed out again, so that a late access through a stale pointer hits poisoned memory
 * instead of the object's next owner. Bounded by QUARANTINE_OBJECTS objects and by 1/32
 * of RAM in bytes (KASAN's share); the oldest objects leave when either is exceeded, and
 * all of a cache's objects leave when it is shrunk or destroyed, all objects at shutdown.
 * Invariants: the ring holds each quarantined object once, in free order, under
 * quarantine_lock, which is never held while another lock is taken (objects leave the
 * ring under it and go back through slab_free_object() after it is released); an object
 * that left is never touched by its user again (it stays poisoned until
 * __kasan_slab_alloc()). Objects on their way back (taken out, not yet given back) are
 * counted in the epoch they left in; removing a cache's objects also waits for every
 * batch that left before it, so a cache is never found with objects "remaining" that are
 * only in flight (Linux waits for an SRCU grace period there). Nothing here is compiled
 * into a normal build. */
#include "mm/kasan.h"

#if UKMEM_TRACK_ANY

#include <pthread.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include "mm/slab.h"

#define QUARANTINE_OBJECTS	4096

struct quarantined {
	struct kmem_cache *cache;
	void *object;
};

static struct quarantined ring[QUARANTINE_OBJECTS];
static unsigned long ring_head, ring_count;	/* oldest at ring_head */
static unsigned long quarantine_bytes;
static pthread_mutex_t quarantine_lock = PTHREAD_MUTEX_INITIALIZER;

/* Batches of objects taken out of the ring and not yet given back, in the epoch they left
 * in (under quarantine_lock); a remover flips the epoch and waits for the old one to
 * empty. Removers take turns (remove_mutex), so the old epoch only shrinks. */
static unsigned long in_flight[2];
static unsigned int epoch;
static pthread_cond_t flight_landed = PTHREAD_COND_INITIALIZER;
static pthread_mutex_t remove_mutex = PTHREAD_MUTEX_INITIALIZER;

static unsigned long quarantine_max_bytes(void)
{
	return (totalram_pages() << PAGE_SHIFT) / 32;
}

static struct quarantined *ring_at(unsigned long i)
{
	return &ring[(ring_head + i) % QUARANTINE_OBJECTS];
}

/* Gives an object that left the ring back for reuse (no lock of ours held). */
static void release(struct quarantined q)
{
	slab_free_object(q.cache, virt_to_slab(q.object), q.object);
}

/* Takes the oldest object out of the ring (quarantine_lock held). */
static struct quarantined take_oldest(void)
{
	struct quarantined q = *ring_at(0);

	*ring_at(0) = (struct quarantined){ 0 };
	ring_head = (ring_head + 1) % QUARANTINE_OBJECTS;
	ring_count--;
	quarantine_bytes -= q.cache->object_size;
	return q;
}

/* x enters the ring; the objects it pushes out over the bounds are given back. */
void kasan_quarantine_put(struct kmem_cache *s, void *x)
{
	unsigned long max_bytes = quarantine_max_bytes();
	struct quarantined out[8];
	unsigned int nr_out;

	unsigned int flight;

	do {
		nr_out = 0;
		pthread_mutex_lock(&quarantine_lock);
		while (ring_count && nr_out < ARRAY_SIZE(out) &&
		       (ring_count == QUARANTINE_OBJECTS ||
			quarantine_bytes + s->object_size > max_bytes))
			out[nr_out++] = take_oldest();
		if (nr_out < ARRAY_SIZE(out)) {
			*ring_at(ring_count++) = (struct quarantined){ .cache = s, .object = x };
			quarantine_bytes += s->object_size;
			x = NULL;
		}
		flight = epoch;
		in_flight[flight] += nr_out != 0;
		pthread_mutex_unlock(&quarantine_lock);
		if (!nr_out)
			continue;
		for (unsigned int i = 0; i < nr_out; i++)
			release(out[i]);
		pthread_mutex_lock(&quarantine_lock);
		if (!--in_flight[flight])
			pthread_cond_broadcast(&flight_landed);
		pthread_mutex_unlock(&quarantine_lock);
	} while (x);
}

/* Takes the first object of cache s (any cache if NULL) out of the ring; false if none. */
static bool take_of_cache(struct kmem_cache *s, struct quarantined *q)
{
	unsigned long i;

	for (i = 0; i < ring_count && s && ring_at(i)->cache != s; i++)
		;
	if (i == ring_count)
		return false;
	*q = *ring_at(i);
	for (; i + 1 < ring_count; i++)
		*ring_at(i) = *ring_at(i + 1);
	*ring_at(i) = (struct quarantined){ 0 };
	ring_count--;
	quarantine_bytes -= q->cache->object_size;
	return true;
}

/* Gives back every quarantined object of s (all objects if s is NULL), including those
 * other threads took out of the ring before and have not given back yet. Process context
 * (it may wait); no slab lock held. */
void kasan_quarantine_remove_cache(struct kmem_cache *s)
{
	struct quarantined q;
	unsigned int old;
	bool found;

	pthread_mutex_lock(&remove_mutex);
	do {
		pthread_mutex_lock(&quarantine_lock);
		found = take_of_cache(s, &q);
		if (!found) {
			/* Batches that leave from now on cannot hold s's objects (none is
			 * left in the ring); wait for those that left before. */
			old = epoch;
			epoch ^= 1;
			while (in_flight[old])
				pthread_cond_wait(&flight_landed, &quarantine_lock);
		}
		pthread_mutex_unlock(&quarantine_lock);
		if (found)
			release(q);
	} while (found);
	pthread_mutex_unlock(&remove_mutex);
}

/* fork(2): the lock is a leaf (never held while another is taken), so taking it last,
 * after machine/fork.c's handlers took every allocator lock, cannot deadlock; registered
 * before any machine boots, its prepare handler runs after theirs. */
static void quarantine_fork_lock(void) { pthread_mutex_lock(&quarantine_lock); }
static void quarantine_fork_unlock(void) { pthread_mutex_unlock(&quarantine_lock); }

/* The child has only the forking thread: batches other threads had in flight never land
 * there (their objects stay lost to the child), and a remover waiting in another thread
 * left remove_mutex taken. remove_mutex is not taken by the prepare handler: a remover
 * holds it while it waits for batches that need the allocator locks fork already holds. */
static void quarantine_fork_child(void)
{
	in_flight[0] = in_flight[1] = 0;
	pthread_mutex_init(&remove_mutex, NULL);
	pthread_cond_init(&flight_landed, NULL);
	pthread_mutex_unlock(&quarantine_lock);
}

__attribute__((constructor)) static void quarantine_fork_handlers(void)
{
	pthread_atfork(quarantine_fork_lock, quarantine_fork_unlock, quarantine_fork_child);
}

#endif
