// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/slub.c: the SLUB allocator: slab sizing (calculate_order), slab pages from the page
 * allocator, per-node partial and full lists, and the per-thread object caches that make
 * kmem_cache_alloc()/kmem_cache_free() lock-free when no debug flag is set.
 * Invariants: see mm/slab.h. An object in a thread's cache or in its cache's depot
 * counts as allocated for its slab (as objects of a CPU slab do in Linux). A thread's
 * cache that fills up moves its oldest half to the depot (pointers only, one lock), and
 * an empty one takes a batch from the depot before it takes a slab's freelist; objects
 * go back onto their slabs only when the depot is full, at thread exit, on shrink and
 * when the cache is destroyed. Free pointers are stored encoded (SLAB_FREELIST_HARDENED)
 * and a new slab's freelist starts at a random point of its cache's shuffled object order
 * (SLAB_FREELIST_RANDOM), both on by default as in distribution kernels. In ASan and
 * Valgrind builds every allocation and free passes KASAN's hooks (mm/kasan.h). */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/kernel.h>
#include <linux/kfence.h>
#include <linux/kmemleak.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include "machine/boot.h"
#include "kernel/params.h"
#include "mm/kasan.h"
#include "mm/kfence/kfence.h"
#include "mm/kmemleak.h"
#include "mm/slab.h"
#include <ukmem.h>

unsigned int slub_min_objects;		/* 0: from the CPU count */
unsigned int slab_thread_cache_bytes = 1048576;
#define SLUB_MAX_ORDER		PAGE_ALLOC_COSTLY_ORDER
#define MAX_OBJS_PER_PAGE	32767

bool slab_freelist_hardened = true, slab_freelist_random = true;

static int set_freelist_hardened(const char *v)
{
	return params_bool(v, &slab_freelist_hardened) ? 0 : -EINVAL;
}
static int set_freelist_random(const char *v)
{
	return params_bool(v, &slab_freelist_random) ? 0 : -EINVAL;
}
UKMEM_SETUP("slab_freelist_hardened=", set_freelist_hardened, "1");
UKMEM_SETUP("slab_freelist_random=", set_freelist_random, "1");

/* ---- randomness for the freelists -------------------------------------------------- */

static __thread uint64_t slab_rng_state;

/* A per-thread xorshift64* generator seeded from the host's random source. */
static uint64_t slab_random(void)
{
	uint64_t x = slab_rng_state;

	while (unlikely(!x))
		arc4random_buf(&x, sizeof(x));
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	slab_rng_state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

/* The hardened freelist's secret, and the shuffled object order (Fisher-Yates). */
static int init_freelist_hardening(struct kmem_cache *s)
{
	s->random = s->random_addr_mask = s->free_marker = 0;
	s->random_seq = NULL;
	s->slab_mask = (PAGE_SIZE << s->order) - 1;
	if (slab_freelist_hardened) {
		s->random = (unsigned long)slab_random();
		s->random_addr_mask = ~0UL;
		/* KASAN's hooks own free objects in ASan and Valgrind builds */
		if (!UKMEM_TRACK_ANY && !(s->flags & SLAB_DEBUG_FLAGS))
			s->free_marker = (unsigned long)slab_random() | 1;
	}
	if (!slab_freelist_random || s->objects < 2)
		return 0;
	s->random_seq = malloc(s->objects * sizeof(*s->random_seq));
	if (!s->random_seq)
		return -ENOMEM;
	for (unsigned int i = 0; i < s->objects; i++)
		s->random_seq[i] = i;
	for (unsigned int i = s->objects - 1; i > 0; i--) {
		unsigned int j = (unsigned int)(slab_random() % (i + 1)), t = s->random_seq[i];

		s->random_seq[i] = s->random_seq[j];
		s->random_seq[j] = t;
	}
	return 0;
}

/* ---- per-thread caches ---------------------------------------------------------- */

__thread struct slab_thread slab_tls __attribute__((tls_model("initial-exec")));
static LIST_HEAD(slab_threads);
static pthread_mutex_t slab_threads_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_key_t slab_thread_key;
static pthread_once_t slab_thread_key_once = PTHREAD_ONCE_INIT;
struct kmem_cache *slab_caches_by_id[SLAB_MAX_CACHES];
struct slab_free_info slab_free_info[SLAB_MAX_CACHES];
struct slab_page_ids slab_page_ids;

static void free_objects(struct kmem_cache *s, void **objects, unsigned int nr);

/* Gives every cached object back and drops the array (the thread or the cache goes). */
static void release_thread_cache(struct kmem_cache *s, struct slab_thread_cache *c)
{
	if (s && c->top != c->base)
		free_objects(s, c->base, (unsigned int)(c->top - c->base));
	free(c->base - 1);
	*c = (struct slab_thread_cache){ 0 };
}

static void slab_thread_exit(void *unused)
{
	pthread_mutex_lock(&slab_threads_lock);
	for (unsigned int id = 0; id < SLAB_MAX_CACHES; id++)
		if (slab_tls.caches[id].base)
			release_thread_cache(slab_caches_by_id[id], &slab_tls.caches[id]);
	list_del(&slab_tls.node);
	slab_tls.registered = false;
	/* The thread's teardown may still allocate and free (later key destructors,
	 * glibc's own thread buffers): those go to the slabs directly, since a cache made
	 * now would be left on the registry after the thread is gone. */
	slab_tls.exited = true;
	pthread_mutex_unlock(&slab_threads_lock);
}

/* A forked child has only the forking thread: forget the others. */
static void slab_atfork_child(void)
{
	INIT_LIST_HEAD(&slab_threads);
	pthread_mutex_init(&slab_threads_lock, NULL);
	if (slab_tls.registered)
		list_add(&slab_tls.node, &slab_threads);
}

static void slab_thread_key_create(void)
{
	pthread_key_create(&slab_thread_key, slab_thread_exit);
	pthread_atfork(NULL, NULL, slab_atfork_child);
}

static void slab_thread_register(void)
{
	pthread_once(&slab_thread_key_once, slab_thread_key_create);
	pthread_mutex_lock(&slab_threads_lock);
	list_add(&slab_tls.node, &slab_threads);
	slab_tls.registered = true;
	pthread_mutex_unlock(&slab_threads_lock);
	pthread_setspecific(slab_thread_key, &slab_tls);
}

/* ---- depot ------------------------------------------------------------------------- */

/* The depot holds up to 2 MiB worth of objects, at least two thread caches' worth. */
static int depot_init(struct kmem_cache *s)
{
	struct slab_depot *d = &s->depot;

	spin_lock_init(&d->lock);
	d->count = d->limit = 0;
	if (s->flags & SLAB_DEBUG_FLAGS)
		return 0;
	d->limit = max(2 * s->tls_limit, 2 * slab_thread_cache_bytes / s->size);
	d->objects = malloc(d->limit * sizeof(void *));
	return d->objects ? 0 : -ENOMEM;
}

/* ---- sizing ------------------------------------------------------------------------ */

static unsigned int order_objects(unsigned int order, unsigned int size)
{
	return (unsigned int)((PAGE_SIZE << order) / size);
}

static unsigned int calc_slab_order(unsigned int size, unsigned int min_objects,
				    unsigned int max_order, unsigned int fract_leftover)
{
	unsigned int order;

	if (order_objects(0, size) > MAX_OBJS_PER_PAGE)
		return get_order((unsigned long)size * MAX_OBJS_PER_PAGE) - 1;
	for (order = (unsigned int)get_order((unsigned long)min_objects * size);
	     order <= max_order; order++) {
		unsigned int slab_size = (unsigned int)PAGE_SIZE << order;

		if (slab_size % size <= slab_size / fract_leftover)
			break;
	}
	return order;
}

/* The slab order SLUB picks: enough objects per slab for the CPU count, little waste. */
static int calculate_order(unsigned int size)
{
	unsigned int min_objects = slub_min_objects, max_objects, order;

	if (!min_objects)
		min_objects = 4 * (32 - (unsigned int)__builtin_clz(nr_cpu_ids | 1) + 1);
	max_objects = order_objects(SLUB_MAX_ORDER, size);
	min_objects = min(min_objects, max_objects);
	while (min_objects > 1) {
		for (unsigned int fraction = 16; fraction >= 4; fraction /= 2) {
			order = calc_slab_order(size, min_objects, SLUB_MAX_ORDER, fraction);
			if (order <= SLUB_MAX_ORDER)
				return (int)order;
		}
		min_objects--;
	}
	order = calc_slab_order(size, 1, SLUB_MAX_ORDER, 1);
	if (order <= SLUB_MAX_ORDER)
		return (int)order;
	order = calc_slab_order(size, 1, MAX_ORDER, 1);
	return order < MAX_ORDER ? (int)order : -ENOSYS;
}

/* Lays out an object: free pointer, red zones and tracks; sets size, order, objects. */
static int calculate_sizes(struct kmem_cache *s)
{
	slab_flags_t flags = s->flags;
	unsigned int size = ALIGN(s->object_size, sizeof(void *));
	bool has_ctor = s->ctor || s->old_ctor;
	int order;

	if ((flags & SLAB_RED_ZONE) && size == s->object_size)
		size += sizeof(void *);
	s->inuse = size;
	if ((flags & (SLAB_TYPESAFE_BY_RCU | SLAB_POISON)) || has_ctor ||
	    ((flags & SLAB_RED_ZONE) && s->object_size < sizeof(void *))) {
		s->offset = size;
		size += sizeof(void *);
	} else {
		s->offset = ALIGN_DOWN(s->object_size / 2, sizeof(void *));
	}
	if (flags & SLAB_STORE_USER)
		size += 2 * slub_track_size();
	s->red_left_pad = 0;
	if (flags & SLAB_RED_ZONE) {
		size += sizeof(void *);
		s->red_left_pad = ALIGN((unsigned int)sizeof(void *), s->align);
		size += s->red_left_pad;
	}
	if (kasan_cache_tracked(s))
		size = kasan_slab_size(s->object_size, size);
	size = ALIGN(size, s->align);
	s->size = size;
	s->reciprocal_size = (unsigned int)(((1ULL << 32) + size - 1) / size);
	order = calculate_order(size);
	if (order < 0)
		return -E2BIG;
	s->order = (unsigned int)order;
	s->objects = order_objects(s->order, size);
	s->allocflags = s->order ? __GFP_COMP : 0;
	if (flags & SLAB_CACHE_DMA)
		s->allocflags |= GFP_DMA;
	if (flags & SLAB_CACHE_DMA32)
		s->allocflags |= GFP_DMA32;
	if (flags & SLAB_RECLAIM_ACCOUNT)
		s->allocflags |= __GFP_RECLAIMABLE;
	return s->objects ? 0 : -EINVAL;
}

static unsigned int ilog2_u(unsigned int v)
{
	return 31 - (unsigned int)__builtin_clz(v);
}

void free_kmem_cache_nodes(struct kmem_cache *s)
{
	for (int nid = 0; nid < nr_online_nodes; nid++) {
		if (s->node[nid])
			kmem_cache_free(kmem_cache_node, s->node[nid]);
		s->node[nid] = NULL;
	}
}

/* Each node's list of s: a boot cache's own, or an object of kmem_cache_node on that node. */
static int init_kmem_cache_nodes(struct kmem_cache *s, struct kmem_cache_node *boot_nodes)
{
	for (int nid = 0; nid < nr_online_nodes; nid++) {
		struct kmem_cache_node *n;

		n = boot_nodes ? &boot_nodes[nid] :
				 kmem_cache_alloc_node(kmem_cache_node, GFP_KERNEL, nid);
		if (!n) {
			free_kmem_cache_nodes(s);
			return -ENOMEM;
		}
		memset(n, 0, sizeof(*n));
		spin_lock_init(&n->list_lock);
		INIT_LIST_HEAD(&n->partial);
		INIT_LIST_HEAD(&n->full);
		s->node[nid] = n;
	}
	return 0;
}

int __kmem_cache_create(struct kmem_cache *s, struct kmem_cache_node *boot_nodes)
{
	unsigned int id;
	int err;

	s->flags = slub_debug_flags_for(s->name, s->flags);
	err = calculate_sizes(s);
	if (err)
		return err;
	s->min_partial = clamp(ilog2_u(s->size) / 2, 5u, 10u);
	s->tls_limit = clamp(slab_thread_cache_bytes / s->size, 2 * s->objects,
			     max(2 * s->objects, slab_thread_cache_bytes >> 10));
	s->keep_partial = clamp(4 * s->tls_limit / s->objects, s->min_partial, 64u);
	s->zero_on_alloc_ok = !s->ctor && !s->old_ctor &&
			      !(s->flags & (SLAB_TYPESAFE_BY_RCU | SLAB_POISON));
	s->zero_on_free = slab_init_on_free && s->zero_on_alloc_ok;
	s->alloc_init = s->zero_on_free || (slab_init_on_alloc && s->zero_on_alloc_ok);
	s->thread_cache_ok = !(s->flags & SLAB_DEBUG_FLAGS) && !s->zero_on_free;
	if (!s->id) {
		for (id = SLAB_FIRST_FREE_ID; id < SLAB_MAX_CACHES && slab_caches_by_id[id]; id++)
			;
		if (id == SLAB_MAX_CACHES)
			return -ENOSPC;
		s->id = id;
	}
	err = init_freelist_hardening(s);
	if (!err)
		err = depot_init(s);
	if (!err)
		err = init_kmem_cache_nodes(s, boot_nodes);
	if (!err) {
		BUG_ON(s->free_marker && s->red_left_pad);	/* a debug cache has no marker */
		slab_free_info[s->id] = (struct slab_free_info){
			.free_marker = s->free_marker, .slab_mask = (unsigned int)s->slab_mask,
			.reciprocal_size = s->reciprocal_size, .objects = s->objects,
			.size = s->size, .offset = s->offset };
		slab_caches_by_id[s->id] = s;
	} else {
		free(s->depot.objects);
		free(s->random_seq);
	}
	return err;
}

static void slab_unpublish_cache(struct kmem_cache *s)
{
	slab_caches_by_id[s->id] = NULL;
	slab_free_info[s->id] = (struct slab_free_info){ 0 };
	free(s->depot.objects);
	s->depot.objects = NULL;
	s->depot.limit = 0;
	free(s->random_seq);
	s->random_seq = NULL;
}

/* Boot: one id entry per page of RAM; shutdown empties it (every free takes the slow path). */
int slab_page_ids_init(void)
{
	slab_page_ids.ids = calloc(max_pfn ? max_pfn : 1, sizeof(*slab_page_ids.ids));
	if (!slab_page_ids.ids)
		return -ENOMEM;
	slab_page_ids.base = PAGE_OFFSET;
	slab_page_ids.nr_pages = max_pfn;
	return 0;
}

void slab_page_ids_exit(void)
{
	slab_page_ids.nr_pages = 0;
	free(slab_page_ids.ids);
	slab_page_ids.ids = NULL;
}

static void set_page_ids(struct slab *slab, unsigned int order, unsigned short id)
{
	unsigned long pfn = page_to_pfn(slab_page(slab));

	for (unsigned long i = 0; i < (1UL << order); i++)
		slab_page_ids.ids[pfn + i] = id;
}

/* ---- slab pages ---------------------------------------------------------------------- */

static enum node_stat_item slab_stat_item(const struct kmem_cache *s)
{
	return s->flags & SLAB_RECLAIM_ACCOUNT ? NR_SLAB_RECLAIMABLE_B : NR_SLAB_UNRECLAIMABLE_B;
}

static void setup_object(struct kmem_cache *s, void *object)
{
	slub_debug_init_object(s, object);
	if (s->ctor)
		s->ctor(object);
	else if (s->old_ctor)
		s->old_ctor(object, s, 0);
}

/* Links a new slab's objects: in address order, or (SLAB_FREELIST_RANDOM) in the cache's
 * shuffled order from a random starting point, as Linux's shuffle_freelist(). */
static void *build_freelist(struct kmem_cache *s, char *start)
{
	unsigned int pos = s->random_seq ? (unsigned int)(slab_random() % s->objects) : 0;
	void *head = NULL;

	for (unsigned int i = s->objects; i-- > 0;) {
		unsigned int index = s->random_seq ? s->random_seq[(pos + i) % s->objects] : i;
		char *p = start + s->red_left_pad + (size_t)index * s->size;

		set_freepointer(s, p, head);
		head = p;
	}
	return head;
}

static struct slab *new_slab(struct kmem_cache *s, gfp_t gfp, int node)
{
	gfp_t page_gfp = (gfp & ~(__GFP_ZERO | GFP_ZONEMASK)) | s->allocflags | __GFP_NOWARN;
	struct page *page;
	struct slab *slab;
	char *start, *p;

	WARN_ON_ONCE(s->ctor && (gfp & __GFP_ZERO));
	page = node == NUMA_NO_NODE ? alloc_pages(page_gfp, s->order)
				    : alloc_pages_node(node, page_gfp, s->order);
	if (unlikely(!page))
		return NULL;
	__SetPageSlab(page);
	slab = (struct slab *)page;
	slab->slab_cache = s;
	slab->objects = s->objects;
	slab->inuse = 0;
	slab->on_partial = 0;
	set_page_ids(slab, s->order, (unsigned short)s->id);
	mod_node_page_state(page_pgdat(page), slab_stat_item(s), (long)(PAGE_SIZE << s->order));
	start = slab_address(slab);
	slub_debug_init_slab(s, start);
	for_each_object(p, s, start, s->objects)
		setup_object(s, p);
	slab->freelist = build_freelist(s, start);
	kasan_slab_new(s, slab);
	if (s == kmem_cache)
		ukmem_track_root(start, PAGE_SIZE << s->order, 1);
	return slab;
}

static void free_slab(struct kmem_cache *s, struct slab *slab)
{
	struct page *page = slab_page(slab);
	char *p;

	kasan_slab_discard(s, slab);
	if (s == kmem_cache)
		ukmem_track_root(slab_address(slab), PAGE_SIZE << s->order, 0);
	if (s->old_dtor)
		for_each_object(p, s, slab_address(slab), slab->objects)
			s->old_dtor(p, s, 0);
	mod_node_page_state(page_pgdat(page), slab_stat_item(s), -(long)(PAGE_SIZE << s->order));
	set_page_ids(slab, s->order, 0);
	slab->slab_cache = NULL;
	slab->freelist = NULL;
	slab->counters = 0;
	page->lru.next = page->lru.prev = NULL;
	__ClearPageSlab(page);
	__free_pages(page, s->order);
}

static long rcu_slabs_pending;		/* handed to call_rcu(), not yet freed */

static void rcu_free_slab(struct rcu_head *head)
{
	struct slab *slab = container_of(head, struct slab, rcu_head);

	free_slab(slab->slab_cache, slab);
	__atomic_fetch_sub(&rcu_slabs_pending, 1, __ATOMIC_RELEASE);
}

/* A SLAB_TYPESAFE_BY_RCU slab stays a slab of its cache until a grace period ends. */
static void discard_slab(struct kmem_cache *s, struct slab *slab)
{
	if (s->flags & SLAB_TYPESAFE_BY_RCU) {
		__atomic_fetch_add(&rcu_slabs_pending, 1, __ATOMIC_RELAXED);
		call_rcu(&slab->rcu_head, rcu_free_slab);
	} else {
		free_slab(s, slab);
	}
}

/* Machine shutdown: waits for the slabs already waiting on a grace period (the machine
 * being down, rcu_barrier() cannot be called here). */
void slab_wait_rcu_frees(void)
{
	while (__atomic_load_n(&rcu_slabs_pending, __ATOMIC_ACQUIRE))
		usleep(1000);
}

/* ---- node lists (list_lock held) --------------------------------------------------- */

static void add_partial(struct kmem_cache_node *n, struct slab *slab, bool tail)
{
	slab->on_partial = 1;
	n->nr_partial++;
	if (tail)
		list_add_tail(&slab->slab_list, &n->partial);
	else
		list_add(&slab->slab_list, &n->partial);
}

static void remove_from_list(struct kmem_cache_node *n, struct slab *slab)
{
	list_del(&slab->slab_list);
	if (slab->on_partial)
		n->nr_partial--;
	slab->on_partial = 0;
}

static void add_full(struct kmem_cache_node *n, struct slab *slab)
{
	slab->on_partial = 0;
	list_add(&slab->slab_list, &n->full);
}

/* Puts slab on the list its freelist calls for (partial with free objects, else full),
 * after slub_debug repaired a damaged freelist. */
void slab_relist(struct kmem_cache_node *n, struct slab *slab)
{
	bool want_partial = slab->freelist != NULL;

	if (want_partial == (bool)slab->on_partial)
		return;
	remove_from_list(n, slab);
	if (want_partial)
		add_partial(n, slab, true);
	else
		add_full(n, slab);
}

/* Takes every free object of slab; the slab moves to the full list. */
static void *take_freelist(struct kmem_cache_node *n, struct slab *slab, unsigned int *count)
{
	void *list = slab->freelist;

	*count = slab->objects - slab->inuse;
	slab->freelist = NULL;
	slab->inuse = slab->objects;
	remove_from_list(n, slab);
	add_full(n, slab);
	return list;
}

/* Puts one object back on its slab; returns true when the slab must be discarded. */
static bool put_object(struct kmem_cache *s, struct kmem_cache_node *n, struct slab *slab,
		       void *x)
{
	bool was_full = !slab->freelist;

	if (slab_freelist_hardened && x == slab->freelist)
		slab_bad_free(x, UKMEM_FREE_DOUBLE_FREE);
	BUG_ON(slab_freelist_hardened && x == slab->freelist);	/* naive double-free check */
	set_freepointer(s, x, slab->freelist);
	slab->freelist = x;
	slab->inuse--;
	if (!slab->inuse && n->nr_partial >= s->keep_partial) {
		remove_from_list(n, slab);
		atomic_long_dec(&n->nr_slabs);
		atomic_long_sub(slab->objects, &n->total_objects);
		return true;
	}
	if (was_full) {
		remove_from_list(n, slab);
		add_partial(n, slab, true);
	}
	return false;
}

/* ---- slow paths ---------------------------------------------------------------------- */

/* Puts nr objects (of any slabs and nodes) back onto their slabs, one lock per run of
 * same-node objects; slabs left empty beyond keep_partial go back to the page allocator. */
static void free_objects(struct kmem_cache *s, void **objects, unsigned int nr)
{
	struct kmem_cache_node *locked = NULL;
	LIST_HEAD(discard);
	struct slab *slab, *tmp;

	for (unsigned int i = 0; i < nr; i++) {
		void *x = objects[i];
		struct kmem_cache_node *n;

		slab = page_slab(virt_to_page(x));
		n = s->node[slab_nid(slab)];
		if (n != locked) {
			if (locked)
				spin_unlock(&locked->list_lock);
			spin_lock(&n->list_lock);
			locked = n;
		}
		if (put_object(s, n, slab, x))
			list_add(&slab->slab_list, &discard);
	}
	if (locked)
		spin_unlock(&locked->list_lock);
	list_for_each_entry_safe(slab, tmp, &discard, slab_list)
		discard_slab(s, slab);
}

/* Moves up to nr pointers into the depot; returns how many it took. */
static unsigned int depot_put(struct kmem_cache *s, void **objects, unsigned int nr)
{
	struct slab_depot *d = &s->depot;

	spin_lock(&d->lock);
	nr = min(nr, d->limit - d->count);
	memcpy(d->objects + d->count, objects, nr * sizeof(void *));
	__atomic_store_n(&d->count, d->count + nr, __ATOMIC_RELAXED);	/* peeked unlocked */
	spin_unlock(&d->lock);
	return nr;
}

/* Moves up to nr pointers out of the depot (the newest first); returns how many. */
static unsigned int depot_take(struct kmem_cache *s, void **objects, unsigned int nr)
{
	struct slab_depot *d = &s->depot;

	if (!__atomic_load_n(&d->count, __ATOMIC_RELAXED))
		return 0;
	spin_lock(&d->lock);
	nr = min(nr, d->count);
	__atomic_store_n(&d->count, d->count - nr, __ATOMIC_RELAXED);
	memcpy(objects, d->objects + d->count, nr * sizeof(void *));
	if (UKMEM_TRACK_ANY)		/* no stale reference for Valgrind's leak check */
		memset(d->objects + d->count, 0, nr * sizeof(void *));
	spin_unlock(&d->lock);
	return nr;
}

/* Puts every object of the depot back onto its slab. */
static void depot_flush(struct kmem_cache *s)
{
	struct slab_depot *d = &s->depot;
	void **objects;
	unsigned int nr;

	if (!d->limit)
		return;
	objects = malloc(d->limit * sizeof(void *));
	if (!objects)
		return;
	nr = depot_take(s, objects, d->limit);
	free_objects(s, objects, nr);
	free(objects);
}

/* Gives the thread's full cache room: its oldest half goes to the depot, or back onto
 * the slabs for what the depot cannot take. */
static void thread_cache_trim(struct kmem_cache *s, struct slab_thread_cache *c)
{
	unsigned int count = (unsigned int)(c->top - c->base), give = count / 2;
	unsigned int moved = depot_put(s, c->base, give);

	if (moved < give)
		free_objects(s, c->base + moved, give - moved);
	memmove(c->base, c->base + give, (count - give) * sizeof(void *));
	c->top -= give;
}

/* Gives the thread an array for s's objects; false for debug caches, and for every cache
 * while kmemleak is on, so that each allocation and free reaches the slow paths, which
 * register and unregister the object (no thread cache). */
static bool thread_cache_ready(struct kmem_cache *s, struct slab_thread_cache *c)
{
	void **array;

	if (unlikely((s->flags & SLAB_DEBUG_FLAGS) || kmemleak_enabled))
		return false;
	if (likely(c->base))
		return true;
	if (unlikely(slab_tls.exited))
		return false;
	if (unlikely(!slab_tls.registered))
		slab_thread_register();
	array = malloc((s->tls_limit + 1) * sizeof(void *));
	if (!array)
		return false;
	array[0] = NULL;		/* the guard below base */
	c->base = c->top = array + 1;
	c->clear_at = s->free_marker ? (long)s->offset : -1;
	c->end = s->thread_cache_ok ? c->base + s->tls_limit : c->base;
	return true;
}

/* A slab of s with free objects, from node's partial list or new; returns with the
 * lock of the slab's node (*locked) held, or NULL (nothing held) when out of memory. */
static struct slab *get_slab_locked(struct kmem_cache *s, gfp_t gfp, int node,
				    struct kmem_cache_node **locked)
{
	struct kmem_cache_node *n;
	struct slab *slab;

	/* a node without memory (or none at all) is no preference, as in SLUB */
	if (node < 0 || node >= nr_online_nodes)
		node = NUMA_NO_NODE;
	n = s->node[node == NUMA_NO_NODE ? numa_node_id() : node];
	spin_lock(&n->list_lock);
	slab = list_first_entry_or_null(&n->partial, struct slab, slab_list);
	if (!slab) {
		spin_unlock(&n->list_lock);
		slab = new_slab(s, gfp, node);
		if (!slab)
			return NULL;
		n = s->node[slab_nid(slab)];
		spin_lock(&n->list_lock);
		atomic_long_inc(&n->nr_slabs);
		atomic_long_add(slab->objects, &n->total_objects);
		add_partial(n, slab, false);
	}
	*locked = n;
	return slab;
}

/* Fills an empty thread cache: a batch from the depot, else every free object of one
 * slab (of the node's partial list or a new one). */
static bool refill_thread_cache(struct kmem_cache *s, struct slab_thread_cache *c, gfp_t gfp)
{
	struct kmem_cache_node *n;
	struct slab *slab;
	unsigned int count;
	void *x;

	c->top += depot_take(s, c->base, s->tls_limit / 2);
	if (c->top != c->base)
		return true;
	slab = get_slab_locked(s, gfp, NUMA_NO_NODE, &n);
	if (!slab)
		return false;
	x = take_freelist(n, slab, &count);
	spin_unlock(&n->list_lock);
	for (; x; x = get_freepointer(s, x))
		*c->top++ = x;
	return true;
}

/* One object from node's lists only (kmem_cache_alloc_node() and debug caches). */
static void *alloc_from_node(struct kmem_cache *s, gfp_t gfp, int node)
{
	struct kmem_cache_node *n;
	struct slab *slab = get_slab_locked(s, gfp, node, &n);
	void *x;

	if (!slab)
		return NULL;
	x = slab->freelist;
	slab->freelist = get_freepointer(s, x);
	slab->inuse++;
	if (!slab->freelist) {
		remove_from_list(n, slab);
		add_full(n, slab);
	}
	spin_unlock(&n->list_lock);
	return x;
}

static void free_to_node(struct kmem_cache *s, struct slab *slab, void *x)
{
	struct kmem_cache_node *n = s->node[slab_nid(slab)];
	bool discard;

	spin_lock(&n->list_lock);
	discard = put_object(s, n, slab, x);
	spin_unlock(&n->list_lock);
	if (discard)
		discard_slab(s, slab);
}

/* init_on_alloc / __GFP_ZERO, and init_on_free's leftover free pointer. */
static void slab_init_object(struct kmem_cache *s, void *x, gfp_t gfp, size_t orig_size)
{
	if ((gfp & __GFP_ZERO) || (slab_init_on_alloc && s->zero_on_alloc_ok))
		memset(x, 0, kasan_cache_tracked(s) ? orig_size : s->object_size);
	else if (s->zero_on_free &&
		 (!kasan_cache_tracked(s) || s->offset + sizeof(void *) <= orig_size))
		*(void **)((char *)x + s->offset) = NULL;
}

void *slab_alloc_slow(struct kmem_cache *s, gfp_t gfp, int node, unsigned long caller,
		      size_t orig_size)
{
	struct slab_thread_cache *c = this_thread_cache(s);
	void *x;

	might_sleep_if(gfpflags_allow_blocking(gfp));
	if (unlikely(READ_ONCE(slab_slow_reasons.failslab_armed)) && __should_failslab(s, gfp))
		return NULL;
	if (unlikely(READ_ONCE(slab_slow_reasons.kfence_armed))) {
		x = kfence_slab_alloc(s, orig_size, gfp, caller);
		if (x)
			return x;
	}
	if (!thread_cache_ready(s, c) || (node != NUMA_NO_NODE && nr_online_nodes > 1)) {
		do
			x = alloc_from_node(s, gfp, node);
		while (x && (s->flags & SLAB_DEBUG_FLAGS) && !slub_debug_alloc(s, x, caller));
	} else {
		if (c->top == c->base && !refill_thread_cache(s, c, gfp))
			return NULL;
		x = thread_cache_pop(s, c);
		if (UKMEM_TRACK_ANY)	/* no stale reference for Valgrind's leak check */
			*c->top = NULL;
	}
	if (x) {
		__kasan_slab_alloc(s, x, orig_size);
		slab_init_object(s, x, gfp, orig_size);
	}
	if (x && unlikely(kmemleak_enabled))
		kmemleak_alloc(x, s->object_size, 1, gfp);
	return x;
}

void slab_free_slow(struct kmem_cache *s, struct slab *slab, void *x, unsigned long caller)
{
	struct slab_thread_cache *c = this_thread_cache(s);
	const struct slab_free_info *f = &slab_free_info[s->id];

	if (unlikely(kmemleak_enabled))
		kmemleak_free(x);
	if (unlikely(s->flags & SLAB_DEBUG_FLAGS)) {
		if (slub_debug_free(s, slab, x, caller))
			free_to_node(s, slab, x);
		return;
	}
	if (__kasan_slab_free(s, slab, x, caller))
		return;
	if (s->free_marker) {
		if (unlikely(!slab_object_start_ok(s, slab, x))) {
			slab_bad_free(x, UKMEM_FREE_INVALID_POINTER);
			slab_err(s, slab, "Invalid object pointer 0x%016lx", (unsigned long)x);
			return;
		}
		if (unlikely(slab_free_marked(f, x)))
			slab_bad_free(x, UKMEM_FREE_DOUBLE_FREE);
		BUG_ON(slab_free_marked(f, x));		/* freed twice: still in a thread cache */
	}
	if (c->top != c->base && c->top[-1] == x)
		slab_bad_free(x, UKMEM_FREE_DOUBLE_FREE);
	BUG_ON(c->top != c->base && c->top[-1] == x);
	if (s->zero_on_free)
		memset(x, 0, s->object_size);
	if (s->free_marker)
		*slab_marker_slot(f, x) = f->free_marker ^ (unsigned long)x;
	slab_free_object(s, slab, x);
}

static ukmem_bad_free_fn bad_free_handler;

void ukmem_set_bad_free_handler(ukmem_bad_free_fn fn)
{
	__atomic_store_n(&bad_free_handler, fn, __ATOMIC_RELEASE);
}

void slab_bad_free(const void *x, enum ukmem_bad_free what)
{
	ukmem_bad_free_fn fn = __atomic_load_n(&bad_free_handler, __ATOMIC_ACQUIRE);

	if (fn)
		fn(x, what);
}

void slab_free_object(struct kmem_cache *s, struct slab *slab, void *x)
{
	struct slab_thread_cache *c = this_thread_cache(s);

	if (!thread_cache_ready(s, c)) {
		free_to_node(s, slab, x);
		return;
	}
	if (c->top == c->base + s->tls_limit)
		thread_cache_trim(s, c);
	*c->top++ = x;
}

/* ---- shrink, shutdown ------------------------------------------------------------- */

static void flush_all_threads(struct kmem_cache *s)
{
	struct slab_thread *t;

	pthread_mutex_lock(&slab_threads_lock);
	list_for_each_entry(t, &slab_threads, node)
		if (t->caches[s->id].base)
			release_thread_cache(s, &t->caches[s->id]);
	pthread_mutex_unlock(&slab_threads_lock);
	depot_flush(s);
}

/* Discards the empty slabs of node n; returns how many live objects remain there. */
static unsigned long discard_empty_slabs(struct kmem_cache *s, struct kmem_cache_node *n)
{
	struct slab *slab, *tmp;
	unsigned long live = 0;
	LIST_HEAD(discard);

	spin_lock(&n->list_lock);
	list_for_each_entry_safe(slab, tmp, &n->partial, slab_list) {
		if (slab->inuse) {
			live += slab->inuse;
			continue;
		}
		remove_from_list(n, slab);
		atomic_long_dec(&n->nr_slabs);
		atomic_long_sub(slab->objects, &n->total_objects);
		list_add(&slab->slab_list, &discard);
	}
	list_for_each_entry(slab, &n->full, slab_list)
		live += slab->inuse;
	spin_unlock(&n->list_lock);
	list_for_each_entry_safe(slab, tmp, &discard, slab_list)
		discard_slab(s, slab);
	return live;
}

int __kmem_cache_shrink(struct kmem_cache *s)
{
	struct slab_thread_cache *c = this_thread_cache(s);
	struct kmem_cache_node *n;
	int nid;

	kasan_quarantine_remove_cache(s);
	if (c->top != c->base) {
		free_objects(s, c->base, (unsigned int)(c->top - c->base));
		c->top = c->base;
	}
	depot_flush(s);
	for_each_kmem_cache_node(s, nid, n)
		discard_empty_slabs(s, n);
	return 0;
}

int __kmem_cache_shutdown(struct kmem_cache *s)
{
	unsigned long live = 0;
	struct kmem_cache_node *n;
	int nid;

	flush_all_threads(s);
	for_each_kmem_cache_node(s, nid, n) {
		struct slab *slab;

		if (!discard_empty_slabs(s, n))
			continue;
		live++;
		spin_lock(&n->list_lock);
		list_for_each_entry(slab, &n->partial, slab_list)
			list_slab_objects(s, slab, "Objects remaining in %s on __kmem_cache_shutdown()");
		list_for_each_entry(slab, &n->full, slab_list)
			list_slab_objects(s, slab, "Objects remaining in %s on __kmem_cache_shutdown()");
		spin_unlock(&n->list_lock);
	}
	if (live)
		return -EBUSY;
	slab_unpublish_cache(s);
	return 0;
}

/* Machine shutdown: every slab goes back at once, whatever it still holds. */
void __kmem_cache_release(struct kmem_cache *s)
{
	struct kmem_cache_node *n;
	int nid;

	flush_all_threads(s);
	for_each_kmem_cache_node(s, nid, n) {
		struct slab *slab, *tmp;
		LIST_HEAD(all);

		spin_lock(&n->list_lock);
		list_splice_init(&n->partial, &all);
		list_splice_init(&n->full, &all);
		n->nr_partial = 0;
		atomic_long_set(&n->nr_slabs, 0);
		atomic_long_set(&n->total_objects, 0);
		spin_unlock(&n->list_lock);
		list_for_each_entry_safe(slab, tmp, &all, slab_list)
			free_slab(s, slab);
	}
	slab_unpublish_cache(s);
}

/* Free objects sitting in slabs (not in thread caches), and the partial slab count. */
void slab_count_free(struct kmem_cache *s, unsigned long *free_objects, unsigned long *partial)
{
	struct kmem_cache_node *n;
	int nid;

	*free_objects = *partial = 0;
	for_each_kmem_cache_node(s, nid, n) {
		struct slab *slab;

		spin_lock(&n->list_lock);
		list_for_each_entry(slab, &n->partial, slab_list)
			*free_objects += slab->objects - slab->inuse;
		*partial += n->nr_partial;
		spin_unlock(&n->list_lock);
	}
}

/* ---- merging ------------------------------------------------------------------------- */

static unsigned int merge_align(slab_flags_t flags, unsigned int align, unsigned int size)
{
	if (flags & SLAB_HWCACHE_ALIGN) {
		unsigned int ralign = 64;

		while (size <= ralign / 2)
			ralign /= 2;
		align = max(align, ralign);
	}
	align = max(align, (unsigned int)ARCH_SLAB_MINALIGN);
	return ALIGN(align, (unsigned int)sizeof(void *));
}

/* An existing cache a new one may share, as SLUB merges compatible caches. */
struct kmem_cache *find_mergeable(unsigned int size, unsigned int align, slab_flags_t flags,
				  const char *name, bool has_ctor)
{
	struct kmem_cache *s;

	flags = slub_debug_flags_for(name, flags);
	/* KASAN's caches never merge (6.1's SLAB_KASAN): each keeps its own red zones */
	if (UKMEM_TRACK_ANY || has_ctor || (flags & SLAB_NEVER_MERGE) || slab_nomerge)
		return NULL;
	size = ALIGN(size, (unsigned int)sizeof(void *));
	align = merge_align(flags, align, size);
	size = ALIGN(size, align);
	list_for_each_entry_reverse(s, &slab_caches, list) {
		if ((s->flags & SLAB_NEVER_MERGE) || s->ctor || s->old_ctor || s->refcount < 1)
			continue;
		if (size > s->size || (flags & SLAB_MERGE_SAME) != (s->flags & SLAB_MERGE_SAME))
			continue;
		if ((s->size & ~(align - 1)) != s->size || s->size - size >= sizeof(void *))
			continue;
		return s;
	}
	return NULL;
}
