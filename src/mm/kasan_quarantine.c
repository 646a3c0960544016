// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/kasan_quarantine.c: KASAN's quarantine for ASan and Valgrind builds. A freed slab
 * object (already poisoned by kasan_slab_free()) waits here, oldest first, before it can
 * be handed out again, so that a late access through a stale pointer hits poisoned memory
 * instead of the object's next owner. Bounded by QUARANTINE_OBJECTS objects and by 1/32
 * of RAM in bytes (KASAN's share); the oldest objects leave when either is exceeded, and
 * all of a cache's objects leave when it is shrunk or destroyed, all objects at shutdown.
 * Invariants: the ring holds each quarantined object once, in free order, under
 * quarantine_lock, which is never held while another lock is taken (objects leave the
 * ring under it and go back through slab_free_object() after it is released); an object
 * that left is never touched by its user again (it stays poisoned until
 * kasan_slab_alloc()). Nothing here is compiled into a normal build. */
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
		pthread_mutex_unlock(&quarantine_lock);
		for (unsigned int i = 0; i < nr_out; i++)
			release(out[i]);
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

void kasan_quarantine_remove_cache(struct kmem_cache *s)
{
	struct quarantined q;
	bool found;

	do {
		pthread_mutex_lock(&quarantine_lock);
		found = take_of_cache(s, &q);
		pthread_mutex_unlock(&quarantine_lock);
		if (found)
			release(q);
	} while (found);
}

/* fork(2): the lock is a leaf (never held while another is taken), so taking it last,
 * after machine/fork.c's handlers took every allocator lock, cannot deadlock; registered
 * before any machine boots, its prepare handler runs after theirs. */
static void quarantine_fork_lock(void) { pthread_mutex_lock(&quarantine_lock); }
static void quarantine_fork_unlock(void) { pthread_mutex_unlock(&quarantine_lock); }

__attribute__((constructor)) static void quarantine_fork_handlers(void)
{
	pthread_atfork(quarantine_fork_lock, quarantine_fork_unlock, quarantine_fork_unlock);
}

#endif
