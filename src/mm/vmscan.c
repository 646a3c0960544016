// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/vmscan.c: reclaim for allocations that may sleep. A reclaim round gives back what
 * per-CPU lists hold, asks every registered shrinker to free objects (more of them the
 * lower the priority, as Linux's do_shrink_slab: freeable >> priority * 4 / seeks, in
 * batches), and has the slab allocator return its empty slabs. Threads that still find
 * no memory sleep on free_memory_wait until a page is freed (or a timeout passes); the
 * free paths wake them through wake_free_memory_waiters(), which costs one load when
 * nobody waits. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/shrinker.h>
#include <linux/vmstat.h>
#include <linux/slab.h>
#include <linux/wait.h>
#include <linux/export.h>
#include "machine/initcalls.h"
#include "mm/internal.h"
#include "mm/slab.h"

static LIST_HEAD(shrinker_list);
static DECLARE_RWSEM(shrinker_rwsem);
static DECLARE_WAIT_QUEUE_HEAD(free_memory_wait);
int nr_free_memory_waiters;
static unsigned long free_memory_events;
static int shrinker_next_id;

/* ---- shrinker registration ---- */

/* Names the shrinker from a printf format and readies it for registration. */
static void prepare_shrinker(struct shrinker *shrinker, const char *fmt, va_list args)
{
	char name[64];

	vsnprintf(name, sizeof(name), fmt, args);
	shrinker->name = name[0] ? kstrdup(name, GFP_KERNEL) : NULL;
	shrinker->nr_deferred = 0;
	shrinker->flags |= SHRINKER_ALLOCATED;
}

/**
 * __prealloc_shrinker - name a shrinker and ready it, for register_shrinker_prepared()
 * @shrinker: the shrinker
 * @fmt: printf format of its name, and its arguments
 *
 * Context: process context; may sleep (allocates the name with GFP_KERNEL).
 * Return: 0 (ukmem needs no memory-cgroup state, so it cannot fail).
 */
int __prealloc_shrinker(struct shrinker *shrinker, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	prepare_shrinker(shrinker, fmt, args);
	va_end(args);
	return 0;
}
EXPORT_SYMBOL(__prealloc_shrinker);

void register_shrinker_prepared(struct shrinker *shrinker)
{
	down_write(&shrinker_rwsem);
	shrinker->id = shrinker_next_id++;
	list_add_tail(&shrinker->list, &shrinker_list);
	shrinker->flags |= SHRINKER_REGISTERED;
	up_write(&shrinker_rwsem);
}

/**
 * __register_shrinker - name a shrinker and let reclaim call it
 * @shrinker: the shrinker (count_objects, scan_objects, seeks, batch)
 * @fmt: printf format of its name, and its arguments
 *
 * Context: process context; may sleep (takes shrinker_rwsem for writing).
 * Return: 0 (always, in ukmem).
 */
int __register_shrinker(struct shrinker *shrinker, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	prepare_shrinker(shrinker, fmt, args);
	va_end(args);
	register_shrinker_prepared(shrinker);
	return 0;
}
EXPORT_SYMBOL(__register_shrinker);

void free_prealloced_shrinker(struct shrinker *shrinker)
{
	kfree_const(shrinker->name);
	shrinker->name = NULL;
	shrinker->flags &= ~SHRINKER_ALLOCATED;
}

/**
 * unregister_shrinker - stop reclaim from calling a shrinker
 * @shrinker: the shrinker; one never registered is ignored
 *
 * Returns after any running call of the shrinker has finished.
 *
 * Context: process context; may sleep (takes shrinker_rwsem for writing).
 */
void unregister_shrinker(struct shrinker *shrinker)
{
	if (!(shrinker->flags & SHRINKER_REGISTERED))
		return;
	down_write(&shrinker_rwsem);
	list_del(&shrinker->list);
	shrinker->flags &= ~SHRINKER_REGISTERED;
	up_write(&shrinker_rwsem);
	free_prealloced_shrinker(shrinker);
}
EXPORT_SYMBOL(unregister_shrinker);

/**
 * synchronize_shrinkers - wait until no shrinker is running
 * Context: process context; may sleep (takes shrinker_rwsem for writing).
 */
void synchronize_shrinkers(void)
{
	down_write(&shrinker_rwsem);
	up_write(&shrinker_rwsem);
}
EXPORT_SYMBOL(synchronize_shrinkers);

/* ---- shrinking ---- */

static unsigned long do_shrink_slab(struct shrink_control *sc, struct shrinker *shrinker,
				    int priority)
{
	unsigned long freeable = shrinker->count_objects(shrinker, sc);
	long batch = shrinker->batch ? shrinker->batch : SHRINK_BATCH;
	unsigned long freed = 0, total_scan;
	int seeks = shrinker->seeks ? shrinker->seeks : DEFAULT_SEEKS;

	if (freeable == 0 || freeable == SHRINK_EMPTY)
		return 0;
	total_scan = (freeable >> priority) * 4 / (unsigned long)seeks + (unsigned long)shrinker->nr_deferred;
	total_scan = min(total_scan, freeable * 2);
	if (!total_scan)
		total_scan = min(freeable, (unsigned long)batch);
	while (total_scan) {
		unsigned long ret;

		sc->nr_to_scan = min(total_scan, (unsigned long)batch);
		sc->nr_scanned = sc->nr_to_scan;
		ret = shrinker->scan_objects(shrinker, sc);
		if (ret == SHRINK_STOP)
			break;
		count_vm_events(SLABS_SCANNED, (long)sc->nr_scanned);
		freed += ret;
		total_scan -= min(total_scan, sc->nr_scanned);
	}
	shrinker->nr_deferred = (long)min(total_scan, freeable);
	return freed;
}

unsigned long shrink_slab(gfp_t gfp, int nid, int priority)
{
	struct shrink_control sc = { .gfp_mask = gfp, .nid = nid };
	struct shrinker *shrinker;
	unsigned long freed = 0;

	if (!down_read_trylock(&shrinker_rwsem))	/* being (un)registered: skip a round */
		return 0;
	list_for_each_entry(shrinker, &shrinker_list, list)
		freed += do_shrink_slab(&sc, shrinker, priority);
	up_read(&shrinker_rwsem);
	return freed;
}

/* Slab caches give back the empty slabs they keep, without being asked. Skipped when
 * the cache list is busy (reclaim reached from inside kmem_cache_create/destroy). */
static void shrink_slab_caches(void)
{
	struct kmem_cache *s;

	if (pthread_mutex_trylock(&slab_mutex))
		return;
	list_for_each_entry(s, &slab_caches, list)
		__kmem_cache_shrink(s);
	pthread_mutex_unlock(&slab_mutex);
}

/* One direct-reclaim round; returns an estimate of pages made free (0: no progress). */
unsigned long try_to_free_pages(gfp_t gfp, unsigned int order, int nid, int priority)
{
	unsigned long before = global_free_pages(), after;
	unsigned long objects;

	/* allocstall_<zone>: the highest zone the request may use */
	__count_zid_vm_events(ALLOCSTALL, gfp & __GFP_DMA ? ZONE_DMA :
			      gfp & __GFP_DMA32 ? ZONE_DMA32 : ZONE_NORMAL, 1);
	current->flags |= PF_MEMALLOC;	/* reclaim's own allocations may use reserves */
	drain_all_pages(NULL);
	objects = shrink_slab(gfp, nid, priority);
	shrink_slab_caches();
	current->flags &= ~PF_MEMALLOC;
	after = global_free_pages();
	return (after > before ? after - before : 0) + (objects ? 1 : 0);
}

/* ---- waiting for memory ----
 * A waiter registers (free_memory_wait_prepare), looks at the free lists once more, and
 * only then sleeps until the sequence moves: a free that lands after it registered
 * bumps the sequence, one before is on the lists it just looked at. The free side reads
 * the waiter count without a fence, so at worst a wake-up is late by the timeout. */

static unsigned long free_memory_seq(void)
{
	return __atomic_load_n(&free_memory_events, __ATOMIC_ACQUIRE);
}

void wake_free_memory_waiters_slow(void)
{
	__atomic_fetch_add(&free_memory_events, 1, __ATOMIC_RELEASE);
	wake_up_all(&free_memory_wait);
}

unsigned long free_memory_wait_prepare(void)
{
	__atomic_fetch_add(&nr_free_memory_waiters, 1, __ATOMIC_SEQ_CST);
	return free_memory_seq();
}

void free_memory_wait_finish(unsigned long seq, long timeout)
{
	if (timeout > 0)
		wait_event_timeout(free_memory_wait, free_memory_seq() != seq, timeout);
	__atomic_fetch_sub(&nr_free_memory_waiters, 1, __ATOMIC_SEQ_CST);
}
