// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/slab_fork.c: the slab allocator's part in fork(2) (registered in mm/slab_common.c): slab_mutex,
 * then each cache's depot and node locks, so the child's slabs, partial lists and
 * depots are as no thread was half-way through changing them. Thread caches are each
 * thread's own; the child keeps the forking thread's (mm/slub.c forgets the others). */
#include "machine/fork.h"
#include "mm/slab.h"

static void for_each_cache_lock(bool lock)
{
	struct kmem_cache_node *n;
	struct kmem_cache *s;
	int nid;

	list_for_each_entry(s, &slab_caches, list) {
		if (lock)
			spin_lock(&s->depot.lock);
		else
			spin_unlock(&s->depot.lock);
		for_each_kmem_cache_node(s, nid, n) {
			if (lock)
				spin_lock(&n->list_lock);
			else
				spin_unlock(&n->list_lock);
		}
	}
}

void slab_fork_lock(void)
{
	pthread_mutex_lock(&slab_mutex);
	for_each_cache_lock(true);
}

void slab_fork_unlock(void)
{
	for_each_cache_lock(false);
	pthread_mutex_unlock(&slab_mutex);
}
