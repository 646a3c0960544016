/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/shrinker.h: shrinkers -- callbacks through which caches give memory back when
 * the page allocator is short. count_objects says how much could be freed (0 or
 * SHRINK_EMPTY: nothing); scan_objects frees up to sc->nr_to_scan and returns how many it
 * freed, or SHRINK_STOP when it cannot make progress now. */
#ifndef UKMEM_LINUX_SHRINKER_H
#define UKMEM_LINUX_SHRINKER_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/compiler.h>

struct mem_cgroup;

struct shrink_control {
	gfp_t gfp_mask;
	int nid;
	unsigned long nr_to_scan;	/* objects the callback should try to free */
	unsigned long nr_scanned;	/* objects it looked at (it may update this) */
	struct mem_cgroup *memcg;
};

#define SHRINK_STOP	(~0UL)
#define SHRINK_EMPTY	(~0UL - 1)

struct shrinker {
	unsigned long (*count_objects)(struct shrinker *, struct shrink_control *sc);
	unsigned long (*scan_objects)(struct shrinker *, struct shrink_control *sc);
	long batch;		/* objects per scan_objects call; 0 for SHRINK_BATCH */
	int seeks;		/* cost of recreating an object, DEFAULT_SEEKS */
	unsigned int flags;
	struct list_head list;
	int id;
	const char *name;
	long nr_deferred;	/* work owed from earlier rounds */
};

#define DEFAULT_SEEKS		2
#define SHRINK_BATCH		128
#define SHRINKER_REGISTERED	(1 << 0)
#define SHRINKER_ALLOCATED	(1 << 1)
#define SHRINKER_NUMA_AWARE	(1 << 2)
#define SHRINKER_MEMCG_AWARE	(1 << 3)
#define SHRINKER_NONSLAB	(1 << 4)

/* Linux 6.1 names each shrinker with a printf format; older drivers pass none. Both
 * forms compile: register_shrinker(&s) and register_shrinker(&s, "name-%d", id). */
int __register_shrinker(struct shrinker *shrinker, const char *fmt, ...) __printf(2, 3);
#define register_shrinker(shrinker, ...) __register_shrinker(shrinker, "" __VA_ARGS__)
int __prealloc_shrinker(struct shrinker *shrinker, const char *fmt, ...) __printf(2, 3);
#define prealloc_shrinker(shrinker, ...) __prealloc_shrinker(shrinker, "" __VA_ARGS__)
void register_shrinker_prepared(struct shrinker *shrinker);
void unregister_shrinker(struct shrinker *shrinker);
void free_prealloced_shrinker(struct shrinker *shrinker);
void synchronize_shrinkers(void);

#endif
