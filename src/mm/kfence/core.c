// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/kfence/core.c: KFENCE's guarded allocator -- the pool, its metadata and freelist,
 * the allocation gate and its timer, guarded allocation and free with canary bytes,
 * page-fault handling, cache shutdown, the counters and the boot options.
 * The gate is slab_slow_reasons.kfence_armed (mm/slab.h): the slab fast paths already
 * test that word, so while it is clear KFENCE costs them nothing; every
 * kfence.sample_interval ms the timer sets it, every allocation then takes the slow
 * path until one of them clears it (an atomic exchange, so one allocation wins) and is
 * served from the pool. Pool pages never carry a cache id in slab_page_ids, so every
 * free of a pool object leaves the free fast paths for kfree_slow()/kmem_cache_free_slow(),
 * which hand it to kfence_free().
 * Invariants: an object page is accessible exactly while its object is allocated (or
 * after a use-after-free report opened it); a guard page is inaccessible except after an
 * out-of-bounds report opened it, until its object is freed. Protection is real: the
 * direct map's host pages are made PROT_NONE, so a plain load or store faults, and
 * host/fault.c passes the fault to kfence_handle_page_fault(). */
#define pr_fmt(fmt) "kfence: " fmt

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/gfp.h>
#include <linux/jiffies.h>
#include <linux/kfence.h>
#include <linux/kmemleak.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/hrtimer.h>
#include "host/host.h"
#include "kernel/cpu.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "machine/initcalls.h"
#include "mm/kfence/kfence.h"
#include "mm/kmemleak.h"
#include "mm/pgtable.h"
#include "mm/slab.h"

/* ---- data -------------------------------------------------------------------------- */

static bool kfence_enabled;
unsigned long kfence_sample_interval = 100;
EXPORT_SYMBOL_GPL(kfence_sample_interval);
unsigned long kfence_num_objects = 255;	/* kfence_metadata[] entries in use */
char *__kfence_pool;
EXPORT_SYMBOL(__kfence_pool);
unsigned long kfence_pool_size;
EXPORT_SYMBOL(kfence_pool_size);	/* ukmem: is_kfence_address() reads it */
/* Linux 6.1's array. CONFIG_KFENCE_NUM_OBJECTS is the most objects ukmem can have: the
 * pool is one block of the buddy allocator. The first kfence_num_objects entries are
 * used. */
struct kfence_metadata kfence_metadata[CONFIG_KFENCE_NUM_OBJECTS];
bool kfence_stack_from_caller_flags[CONFIG_KFENCE_NUM_OBJECTS][2];
_Static_assert((CONFIG_KFENCE_NUM_OBJECTS + 1) * 2 * PAGE_SIZE == PAGE_SIZE << (MAX_ORDER - 1),
	       "kfence_metadata[] has an entry for every object the largest pool holds");

static LIST_HEAD(kfence_freelist);
static DEFINE_SPINLOCK(kfence_freelist_lock);
static struct hrtimer kfence_timer;
static long kfence_rcu_pending;		/* frees waiting for a grace period */

/* Linux's counting Bloom filter of the allocation stacks in the pool: once the pool is
 * 75% full, an allocation from a stack already in it is skipped. */
#define ALLOC_COVERED_HNUM	2
#define ALLOC_COVERED_ORDER	10
#define ALLOC_COVERED_MASK	((1u << ALLOC_COVERED_ORDER) - 1)
#define UNIQUE_ALLOC_STACK_DEPTH 8
static int alloc_covered[1u << ALLOC_COVERED_ORDER];
static u32 stack_hash_seed;
static const unsigned long skip_covered_thresh = 75;

enum kfence_counter_id {
	KFENCE_COUNTER_ALLOCATED,
	KFENCE_COUNTER_ALLOCS,
	KFENCE_COUNTER_FREES,
	KFENCE_COUNTER_ZOMBIES,
	KFENCE_COUNTER_BUGS,
	KFENCE_COUNTER_SKIP_INCOMPAT,
	KFENCE_COUNTER_SKIP_CAPACITY,
	KFENCE_COUNTER_SKIP_COVERED,
	KFENCE_COUNTER_COUNT,
};
static long counters[KFENCE_COUNTER_COUNT];
static const char *const counter_names[] = {
	[KFENCE_COUNTER_ALLOCATED]	= "currently allocated",
	[KFENCE_COUNTER_ALLOCS]		= "total allocations",
	[KFENCE_COUNTER_FREES]		= "total frees",
	[KFENCE_COUNTER_ZOMBIES]	= "zombie allocations",
	[KFENCE_COUNTER_BUGS]		= "total bugs",
	[KFENCE_COUNTER_SKIP_INCOMPAT]	= "skipped allocations (incompatible)",
	[KFENCE_COUNTER_SKIP_CAPACITY]	= "skipped allocations (capacity)",
	[KFENCE_COUNTER_SKIP_COVERED]	= "skipped allocations (covered)",
};
_Static_assert(ARRAY_SIZE(counter_names) == KFENCE_COUNTER_COUNT, "a name per counter");

static void counter_add(enum kfence_counter_id id, long v)
{
	__atomic_fetch_add(&counters[id], v, __ATOMIC_RELAXED);
}

static long counter_read(enum kfence_counter_id id)
{
	return __atomic_load_n(&counters[id], __ATOMIC_RELAXED);
}

/* ---- boot options -------------------------------------------------------------------- */

static int set_ulong(const char *v, unsigned long *out, unsigned long max)
{
	char *end;
	unsigned long n = strtoul(v, &end, 0);

	if (!*v || *end || n > max)
		return -EINVAL;
	*out = n;
	return 0;
}
static int set_sample_interval(const char *v)
{
	return set_ulong(v, &kfence_sample_interval, 1UL << 31);
}
static int set_num_objects(const char *v)
{
	return set_ulong(v, &kfence_num_objects, 65535);	/* Linux's range; see kfence_init() */
}
UKMEM_SETUP("kfence.sample_interval=", set_sample_interval, "100");
UKMEM_SETUP("kfence.num_objects=", set_num_objects, "255");

/* ---- pages ------------------------------------------------------------------------- */

/* A page of the pool is protected in both views of it: its direct-map pte loses
 * _PAGE_PRESENT (as x86's kfence_protect_page() clears it), and the host mapping traps
 * every access (which is what makes the fault happen). */
static bool kfence_protect_page(unsigned long addr, bool protect)
{
	struct page *page = virt_to_page((void *)addr);

	if (protect ? set_direct_map_invalid_noflush(page) : set_direct_map_default_noflush(page))
		return false;
	return !host_set_access((void *)ALIGN_DOWN(addr, PAGE_SIZE), PAGE_SIZE, !protect);
}

/* A page whose protection cannot change leaves KFENCE unable to keep its promises: it
 * turns itself off, as Linux's KFENCE_WARN_ON does. */
static bool kfence_protect(unsigned long addr)
{
	if (WARN_ON(!kfence_protect_page(addr, true))) {
		WRITE_ONCE(kfence_enabled, false);
		return false;
	}
	return true;
}

static bool kfence_unprotect(unsigned long addr)
{
	if (WARN_ON(!kfence_protect_page(addr, false))) {
		WRITE_ONCE(kfence_enabled, false);
		return false;
	}
	return true;
}

static unsigned long metadata_to_pageaddr(const struct kfence_metadata *meta)
{
	return (unsigned long)__kfence_pool + (unsigned long)(meta - kfence_metadata + 1) * 2 * PAGE_SIZE;
}

/* ---- coverage ---------------------------------------------------------------------- */

static u32 hash_32_bits(u32 h)
{
	return (h * 0x61C88647u) >> (32 - ALLOC_COVERED_ORDER);
}

static u32 get_alloc_stack_hash(const unsigned long *entries, int n)
{
	u64 h = stack_hash_seed;

	n = min(n, UNIQUE_ALLOC_STACK_DEPTH);
	for (int i = 0; i < n; i++) {
		h ^= entries[i];
		h *= 0x9E3779B97F4A7C15ull;
		h ^= h >> 29;
	}
	return (u32)(h ^ (h >> 32));
}

static void alloc_covered_add(u32 hash, int val)
{
	for (int i = 0; i < ALLOC_COVERED_HNUM; i++) {
		__atomic_fetch_add(&alloc_covered[hash & ALLOC_COVERED_MASK], val, __ATOMIC_RELAXED);
		hash = hash_32_bits(hash);
	}
}

static bool alloc_covered_contains(u32 hash)
{
	for (int i = 0; i < ALLOC_COVERED_HNUM; i++) {
		if (!__atomic_load_n(&alloc_covered[hash & ALLOC_COVERED_MASK], __ATOMIC_RELAXED))
			return false;
		hash = hash_32_bits(hash);
	}
	return true;
}

static bool should_skip_covered(void)
{
	return (unsigned long)counter_read(KFENCE_COUNTER_ALLOCATED) >
	       kfence_num_objects * skip_covered_thresh / 100;
}

/* ---- allocation and free ------------------------------------------------------------ */

static void metadata_update_state(struct kfence_metadata *meta, enum kfence_object_state next,
				  const unsigned long *entries, int nr)
{
	struct kfence_track *track = next == KFENCE_OBJECT_FREED ? &meta->free_track
								  : &meta->alloc_track;

	if (entries) {
		memcpy(track->stack_entries, entries, (size_t)nr * sizeof(entries[0]));
	} else {
		nr = kfence_stack_save(track->stack_entries, 1);
	}
	/* Cheap here (no symbols are looked up): it runs in every sampled allocation. */
	track->num_stack_entries = kfence_stack_from_caller(track->stack_entries, nr,
							    kfence_track_from_caller(meta, track));
	track->pid = current->pid;
	track->cpu = (int)cpu_current();
	track->ts_nsec = printk_clock_usec() * NSEC_PER_USEC;
	WRITE_ONCE(meta->state, next);
}

static bool set_canary_byte(u8 *addr)
{
	*addr = KFENCE_CANARY_PATTERN(addr);
	return true;
}

static bool check_canary_byte(u8 *addr)
{
	struct kfence_metadata *meta;

	if (likely(*addr == KFENCE_CANARY_PATTERN(addr)))
		return true;
	counter_add(KFENCE_COUNTER_BUGS, 1);
	meta = addr_to_metadata((unsigned long)addr);
	raw_spin_lock(&meta->lock);
	kfence_report_error((unsigned long)addr, false, NULL, meta, KFENCE_ERROR_CORRUPTION);
	raw_spin_unlock(&meta->lock);
	return false;
}

/* The bytes of the object's page around the object: left, then right (both sides even
 * when the left one is damaged, so that a report shows them both). */
static __always_inline void for_each_canary(const struct kfence_metadata *meta, bool (*fn)(u8 *))
{
	const unsigned long pageaddr = ALIGN_DOWN(meta->addr, PAGE_SIZE);
	unsigned long addr;

	for (addr = pageaddr; addr < meta->addr; addr++)
		if (!fn((u8 *)addr))
			break;
	for (addr = meta->addr + meta->size; addr < pageaddr + PAGE_SIZE; addr++)
		if (!fn((u8 *)addr))
			break;
}

static void *kfence_guarded_alloc(struct kmem_cache *cache, size_t size, gfp_t gfp,
				  const unsigned long *entries, int nr, u32 hash)
{
	struct kfence_metadata *meta = NULL;
	struct slab *slab;
	void *addr;

	spin_lock(&kfence_freelist_lock);
	if (!list_empty(&kfence_freelist)) {
		meta = list_first_entry(&kfence_freelist, struct kfence_metadata, list);
		list_del_init(&meta->list);
	}
	spin_unlock(&kfence_freelist_lock);
	if (!meta) {
		counter_add(KFENCE_COUNTER_SKIP_CAPACITY, 1);
		return NULL;
	}
	/* A report on this very object may hold its lock and allocate: give way. */
	if (unlikely(!raw_spin_trylock(&meta->lock))) {
		spin_lock(&kfence_freelist_lock);
		list_add_tail(&meta->list, &kfence_freelist);
		spin_unlock(&kfence_freelist_lock);
		return NULL;
	}
	meta->addr = metadata_to_pageaddr(meta);
	if (meta->state == KFENCE_OBJECT_FREED)
		kfence_unprotect(meta->addr);
	if (get_random_u32_below(2)) {		/* the right end of the page */
		meta->addr += PAGE_SIZE - size;
		meta->addr = ALIGN_DOWN(meta->addr, cache->align);
	}
	addr = (void *)meta->addr;
	metadata_update_state(meta, KFENCE_OBJECT_ALLOCATED, entries, nr);
	WRITE_ONCE(meta->cache, cache);
	meta->size = size;
	meta->alloc_stack_hash = hash;
	raw_spin_unlock(&meta->lock);
	alloc_covered_add(hash, 1);

	slab = virt_to_slab(addr);
	slab->slab_cache = cache;
	slab->objects = 1;
	for_each_canary(meta, set_canary_byte);
	/* KFENCE initialises the object itself: the slab's would overwrite its canaries. */
	if ((gfp & __GFP_ZERO) || (slab_init_on_alloc && cache->zero_on_alloc_ok))
		memset(addr, 0, size);
	if (cache->ctor)
		cache->ctor(addr);
	else if (cache->old_ctor)
		cache->old_ctor(addr, cache, 0);
	if (unlikely(kmemleak_enabled))
		kmemleak_alloc(addr, size, 1, gfp);
	counter_add(KFENCE_COUNTER_ALLOCATED, 1);
	counter_add(KFENCE_COUNTER_ALLOCS, 1);
	return addr;
}

static void kfence_guarded_free(void *addr, struct kfence_metadata *meta, bool zombie)
{
	bool init;

	raw_spin_lock(&meta->lock);
	if (meta->state != KFENCE_OBJECT_ALLOCATED || meta->addr != (unsigned long)addr) {
		counter_add(KFENCE_COUNTER_BUGS, 1);
		kfence_report_error((unsigned long)addr, false, NULL, meta,
				    KFENCE_ERROR_INVALID_FREE);
		raw_spin_unlock(&meta->lock);
		return;
	}
	if (unlikely(kmemleak_enabled) && !zombie)
		kmemleak_free(addr);
	/* Close the guard page an out-of-bounds access opened (and drop what it wrote). */
	if (meta->unprotected_page) {
		memset((void *)ALIGN_DOWN(meta->unprotected_page, PAGE_SIZE), 0, PAGE_SIZE);
		kfence_protect(meta->unprotected_page);
		meta->unprotected_page = 0;
	}
	metadata_update_state(meta, KFENCE_OBJECT_FREED, NULL, 0);
	init = meta->cache && meta->cache->zero_on_free;
	raw_spin_unlock(&meta->lock);

	alloc_covered_add(meta->alloc_stack_hash, -1);
	for_each_canary(meta, check_canary_byte);
	if (!zombie && init)
		memset(addr, 0, meta->size);
	kfence_protect((unsigned long)addr);
	if (!zombie) {
		spin_lock(&kfence_freelist_lock);
		list_add_tail(&meta->list, &kfence_freelist);
		spin_unlock(&kfence_freelist_lock);
		counter_add(KFENCE_COUNTER_ALLOCATED, -1);
		counter_add(KFENCE_COUNTER_FREES, 1);
	} else {
		counter_add(KFENCE_COUNTER_ZOMBIES, 1);
	}
}

static void rcu_guarded_free(struct rcu_head *h)
{
	struct kfence_metadata *meta = container_of(h, struct kfence_metadata, rcu_head);

	kfence_guarded_free((void *)meta->addr, meta, false);
	__atomic_fetch_sub(&kfence_rcu_pending, 1, __ATOMIC_RELEASE);
}

/**
 * __kfence_alloc() - serve an allocation from the KFENCE pool if the gate is open
 * @s: the cache allocated from
 * @size: the size asked for (kmalloc's size; the cache's object size otherwise)
 * @flags: the allocation's gfp flags
 *
 * Context: the slab allocation slow path, any context it accepts; takes the pool's
 * freelist lock and the object's lock (spinlocks). The slab fast paths call it only
 * while the gate is armed.
 * Return: a guarded object of @size bytes at either end of its page, initialised as the
 * cache would (constructor, __GFP_ZERO, init_on_alloc), or NULL: allocate normally.
 */
void *__kfence_alloc(struct kmem_cache *s, size_t size, gfp_t flags)
{
	unsigned long entries[KFENCE_STACK_DEPTH];
	int nr;
	u32 hash;

	/* Incompatible requests leave the gate open for the next allocation. */
	if (size > PAGE_SIZE || !size) {
		counter_add(KFENCE_COUNTER_SKIP_INCOMPAT, 1);
		return NULL;
	}
	if ((flags & GFP_ZONEMASK) || ((flags & __GFP_THISNODE) && num_online_nodes() > 1) ||
	    (s->flags & (SLAB_CACHE_DMA | SLAB_CACHE_DMA32))) {
		counter_add(KFENCE_COUNTER_SKIP_INCOMPAT, 1);
		return NULL;
	}
	if (s->flags & SLAB_SKIP_KFENCE)
		return NULL;
	if (!__atomic_exchange_n(&slab_slow_reasons.kfence_armed, false, __ATOMIC_ACQ_REL))
		return NULL;
	if (!READ_ONCE(kfence_enabled))
		return NULL;
	nr = kfence_stack_save(entries, 0);
	hash = get_alloc_stack_hash(entries, nr);
	if (should_skip_covered() && alloc_covered_contains(hash)) {
		counter_add(KFENCE_COUNTER_SKIP_COVERED, 1);
		return NULL;
	}
	return kfence_guarded_alloc(s, size, flags, entries, nr, hash);
}

/**
 * kfence_ksize() - the size asked for when the KFENCE object at @addr was allocated
 * @addr: any address
 *
 * Context: any; lock-free (a race with a new allocation of the object is itself a
 * use after free).
 * Return: the object's size, or 0 when @addr is not a KFENCE object.
 */
size_t kfence_ksize(const void *addr)
{
	const struct kfence_metadata *meta = addr_to_metadata((unsigned long)addr);

	return meta ? meta->size : 0;
}
EXPORT_SYMBOL(kfence_ksize);

/**
 * kfence_object_start() - the start of the KFENCE object holding @addr
 * @addr: any address
 *
 * Context: any; lock-free.
 * Return: the object's address, or NULL when @addr is not in a KFENCE object page.
 */
void *kfence_object_start(const void *addr)
{
	const struct kfence_metadata *meta = addr_to_metadata((unsigned long)addr);

	return meta ? (void *)meta->addr : NULL;
}
EXPORT_SYMBOL(kfence_object_start);

/**
 * __kfence_free() - free a KFENCE object
 * @addr: an address for which is_kfence_address() is true
 *
 * Context: any context kfree() accepts. Checks the canary bytes (reporting a corruption),
 * reports an invalid or double free (the object is then left as it is), makes the page
 * inaccessible and puts the object at the tail of the pool's freelist. Objects of
 * SLAB_TYPESAFE_BY_RCU caches are freed after a grace period.
 */
void __kfence_free(void *addr)
{
	struct kfence_metadata *meta = addr_to_metadata((unsigned long)addr);

	if (unlikely(!meta)) {		/* the first two guard pages */
		counter_add(KFENCE_COUNTER_BUGS, 1);
		kfence_report_error((unsigned long)addr, false, NULL, NULL, KFENCE_ERROR_INVALID);
		return;
	}
	if (unlikely(meta->cache && (meta->cache->flags & SLAB_TYPESAFE_BY_RCU) &&
		     meta->state == KFENCE_OBJECT_ALLOCATED && meta->addr == (unsigned long)addr)) {
		__atomic_fetch_add(&kfence_rcu_pending, 1, __ATOMIC_RELAXED);
		call_rcu(&meta->rcu_head, rcu_guarded_free);
	} else {
		kfence_guarded_free(addr, meta, false);
	}
}
EXPORT_SYMBOL(__kfence_free);

/**
 * kfence_shutdown_cache() - a cache is being destroyed
 * @s: the cache
 *
 * Context: kmem_cache_destroy(), process context. Objects of @s still allocated become
 * "zombies": freed for KFENCE (a later access or free is reported, naming this
 * destruction), never reused; freed objects forget the cache.
 */
void kfence_shutdown_cache(struct kmem_cache *s)
{
	struct kfence_metadata *meta;
	bool in_use;

	if (!__kfence_pool)
		return;
	if ((s->flags & SLAB_TYPESAFE_BY_RCU) && __atomic_load_n(&kfence_rcu_pending, __ATOMIC_ACQUIRE))
		rcu_barrier();
	for (unsigned long i = 0; i < kfence_num_objects; i++) {
		meta = &kfence_metadata[i];
		if (READ_ONCE(meta->cache) != s || READ_ONCE(meta->state) != KFENCE_OBJECT_ALLOCATED)
			continue;
		raw_spin_lock(&meta->lock);
		in_use = meta->cache == s && meta->state == KFENCE_OBJECT_ALLOCATED;
		raw_spin_unlock(&meta->lock);
		if (in_use)
			kfence_guarded_free((void *)meta->addr, meta, true);
	}
	for (unsigned long i = 0; i < kfence_num_objects; i++) {
		meta = &kfence_metadata[i];
		if (READ_ONCE(meta->cache) != s || READ_ONCE(meta->state) != KFENCE_OBJECT_FREED)
			continue;
		raw_spin_lock(&meta->lock);
		if (meta->cache == s && meta->state == KFENCE_OBJECT_FREED)
			meta->cache = NULL;
		raw_spin_unlock(&meta->lock);
	}
}
EXPORT_SYMBOL(kfence_shutdown_cache);

/**
 * kfence_handle_page_fault() - a fault at @addr, maybe in the KFENCE pool
 * @addr: the faulting address
 * @is_write: whether the access was a write
 * @regs: the faulting context (in ukmem the host's signal context, a ucontext_t)
 *
 * Context: the SIGSEGV handler (host/fault.c), on the faulting thread. Reports an
 * out-of-bounds access (a guard page: the nearer live neighbour object is blamed), a use
 * after free (a freed object's page) or an invalid access, then makes the page
 * accessible so that the access completes, as Linux 6.1 does: the program goes on,
 * KFENCE stays enabled, and the page is closed again when the object is freed (guard
 * page) or allocated again (object page).
 * Return: true when @addr is in the pool (the fault is handled), else false.
 */
bool kfence_handle_page_fault(unsigned long addr, bool is_write, struct pt_regs *regs)
{
	const long page_index = (long)((addr - (unsigned long)__kfence_pool) / PAGE_SIZE);
	struct kfence_metadata *to_report = NULL;
	enum kfence_error_type error_type = KFENCE_ERROR_INVALID;

	if (!is_kfence_address((void *)addr))
		return false;
	if (!READ_ONCE(kfence_enabled))
		return kfence_unprotect(addr);
	counter_add(KFENCE_COUNTER_BUGS, 1);
	if (page_index % 2) {
		/* A guard page: blame the nearer of the two live neighbours. */
		struct kfence_metadata *meta;
		unsigned long distance = 0;

		meta = addr_to_metadata(addr - PAGE_SIZE);
		if (meta && READ_ONCE(meta->state) == KFENCE_OBJECT_ALLOCATED) {
			to_report = meta;
			distance = addr - (meta->addr + meta->size);
		}
		meta = addr_to_metadata(addr + PAGE_SIZE);
		if (meta && READ_ONCE(meta->state) == KFENCE_OBJECT_ALLOCATED) {
			if (!to_report || distance > meta->addr - addr)
				to_report = meta;
		}
		if (to_report) {
			raw_spin_lock(&to_report->lock);
			to_report->unprotected_page = addr;
			error_type = KFENCE_ERROR_OOB;
		}
	} else {
		to_report = addr_to_metadata(addr);
		if (to_report) {
			raw_spin_lock(&to_report->lock);
			error_type = KFENCE_ERROR_UAF;
		}
	}
	kfence_report_error(addr, is_write, regs, to_report, error_type);
	if (to_report)
		raw_spin_unlock(&to_report->lock);
	return kfence_unprotect(addr);
}
EXPORT_SYMBOL(kfence_handle_page_fault);

__thread unsigned long kfence_caller __attribute__((tls_model("initial-exec")));

/**
 * kfence_slab_alloc() - __kfence_alloc() for the slab allocator's slow path
 * @s: the cache
 * @size: the size asked for
 * @gfp: the allocation's flags
 * @caller: the return address into the code that called the slab's entry point
 *
 * Context: as __kfence_alloc(). The allocation stack recorded starts at @caller.
 * Return: as __kfence_alloc().
 */
void *kfence_slab_alloc(struct kmem_cache *s, size_t size, gfp_t gfp, unsigned long caller)
{
	void *x;

	kfence_caller = caller;
	x = __kfence_alloc(s, size, gfp);
	kfence_caller = 0;
	return x;
}

/**
 * kfence_slab_free() - kfence_free() for kfree() and kmem_cache_free()
 * @addr: the pointer being freed
 * @caller: the return address into the code that called kfree()/kmem_cache_free()
 *
 * Context: as __kfence_free(). Stacks of the free and of its reports start at @caller.
 * Return: true if @addr is in the pool (KFENCE took the free).
 */
bool kfence_slab_free(void *addr, unsigned long caller)
{
	if (!is_kfence_address(addr))
		return false;
	kfence_caller = caller;
	__kfence_free(addr);
	kfence_caller = 0;
	return true;
}

/* ---- the gate's timer --------------------------------------------------------------- */

/* The interval rounded up to whole jiffies, as Linux's delayed work waits. */
static ktime_t sample_period(void)
{
	return (ktime_t)msecs_to_jiffies((unsigned int)kfence_sample_interval) * (NSEC_PER_SEC / HZ);
}

/* A hard hrtimer: it runs on the CPU's hardirq thread and needs no softirq thread (nor
 * any memory) to set the gate. */
static enum hrtimer_restart toggle_allocation_gate(struct hrtimer *t)
{
	if (!READ_ONCE(kfence_enabled))
		return HRTIMER_NORESTART;
	__atomic_store_n(&slab_slow_reasons.kfence_armed, true, __ATOMIC_RELEASE);
	hrtimer_forward_now(t, sample_period());
	return HRTIMER_RESTART;
}

/* ---- /sys/kernel/debug/kfence ------------------------------------------------------ */

/* stats: "enabled: N" and every counter, one per line. */
int kfence_stats_show(struct seq_file *seq, void *v)
{
	seq_printf(seq, "enabled: %i\n", READ_ONCE(kfence_enabled));
	for (int i = 0; i < KFENCE_COUNTER_COUNT; i++)
		seq_printf(seq, "%s: %ld\n", counter_names[i], counter_read((enum kfence_counter_id)i));
	return 0;
}

/* objects: every object of the pool as a report shows it, each followed by a rule. */
int kfence_objects_show(struct seq_file *seq, void *v)
{
	for (unsigned long i = 0; __kfence_pool && i < kfence_num_objects; i++) {
		struct kfence_metadata *meta = &kfence_metadata[i];

		raw_spin_lock(&meta->lock);
		kfence_print_object(seq, meta);
		raw_spin_unlock(&meta->lock);
		seq_puts(seq, "---------------------------------\n");
	}
	return 0;
}

DEFINE_SHOW_ATTRIBUTE(kfence_stats);
DEFINE_SHOW_ATTRIBUTE(kfence_objects);
static struct dentry *kfence_dir;

/* ---- boot and shutdown ------------------------------------------------------------- */

/* The pool's pages: object pages are slab pages (kfree() of an object must not take
 * them for a large kmalloc); pages 0 and 1 and every odd page are guard pages. */
static void set_object_pages_slab(bool on)
{
	for (unsigned long i = 2; i < kfence_pool_size / PAGE_SIZE; i += 2) {
		struct page *page = virt_to_page(__kfence_pool + i * PAGE_SIZE);
		struct slab *slab = (struct slab *)page;

		if (on) {
			__SetPageSlab(page);
		} else {
			slab->slab_cache = NULL;
			slab->counters = 0;
			__ClearPageSlab(page);
		}
	}
}

static void free_pool(void)
{
	host_set_access(__kfence_pool, kfence_pool_size, true);
	for (unsigned long off = 0; off < kfence_pool_size; off += PAGE_SIZE)
		set_direct_map_default_noflush(virt_to_page(__kfence_pool + off));
	set_object_pages_slab(false);
	free_pages_exact(__kfence_pool, kfence_pool_size);
	__kfence_pool = NULL;
	kfence_pool_size = 0;
}

int kfence_init(void)
{
	unsigned long size = (kfence_num_objects + 1) * 2 * PAGE_SIZE, addr;
	unsigned long *order;
	char *pool;
	int err;

	WRITE_ONCE(kfence_enabled, false);
	memset(counters, 0, sizeof(counters));
	memset(alloc_covered, 0, sizeof(alloc_covered));
	INIT_LIST_HEAD(&kfence_freelist);
	stack_hash_seed = get_random_u32();
	if (!kfence_sample_interval || !kfence_num_objects)
		return 0;
	if (size > (PAGE_SIZE << (MAX_ORDER - 1)) || kfence_num_objects > CONFIG_KFENCE_NUM_OBJECTS) {
		pr_warn("KFENCE_NUM_OBJECTS too large for buddy allocator\n");
		return 0;
	}
	pool = alloc_pages_exact(size, GFP_KERNEL);
	order = malloc(kfence_num_objects * sizeof(*order));
	if (!pool || !order) {
		if (pool)
			free_pages_exact(pool, size);
		free(order);
		pr_err("failed to allocate pool\n");
		return 0;
	}
	/* A machine booted again starts from clean entries. */
	memset(kfence_metadata, 0, kfence_num_objects * sizeof(kfence_metadata[0]));
	memset(kfence_stack_from_caller_flags, 0, sizeof(kfence_stack_from_caller_flags));
	__kfence_pool = pool;
	kfence_pool_size = size;
	set_object_pages_slab(true);
	/* Single pages of the pool become not present: its part of the direct map is
	 * mapped with 4 KiB ptes, as x86's arch_kfence_init_pool() maps it. */
	if (set_memory_4k((unsigned long)pool, (int)(size >> PAGE_SHIFT)))
		goto fail;
	/* The first two pages, then every object's right guard page. */
	addr = (unsigned long)pool;
	if (!kfence_protect_page(addr, true) || !kfence_protect_page(addr + PAGE_SIZE, true))
		goto fail;
	for (unsigned long i = 0; i < kfence_num_objects; i++) {
		struct kfence_metadata *meta = &kfence_metadata[i];

		INIT_LIST_HEAD(&meta->list);
		raw_spin_lock_init(&meta->lock);
		meta->state = KFENCE_OBJECT_UNUSED;
		meta->addr = metadata_to_pageaddr(meta);
		if (!kfence_protect_page(meta->addr + PAGE_SIZE, true))
			goto fail;
		order[i] = i;
	}
	/* The freelist in random order, so that consecutive samples land apart. */
	for (unsigned long i = kfence_num_objects; i > 1; i--) {
		unsigned long j = get_random_u32_below((u32)i), t = order[i - 1];

		order[i - 1] = order[j];
		order[j] = t;
	}
	for (unsigned long i = 0; i < kfence_num_objects; i++)
		list_add_tail(&kfence_metadata[order[i]].list, &kfence_freelist);
	free(order);

	hrtimer_init(&kfence_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	kfence_timer.function = toggle_allocation_gate;
	WRITE_ONCE(kfence_enabled, true);
	/* The first sample after one interval (Linux samples the first allocation after
	 * boot; here that would be the program's first, every run). */
	hrtimer_start(&kfence_timer, sample_period(), HRTIMER_MODE_REL_HARD);
	pr_info("initialized - using %lu bytes for %lu objects at 0x%p-0x%p\n", kfence_pool_size,
		kfence_num_objects, (void *)__kfence_pool, (void *)(__kfence_pool + kfence_pool_size));
	kfence_dir = debugfs_create_dir("kfence", NULL);
	err = IS_ERR(kfence_dir) ? (int)PTR_ERR(kfence_dir) : 0;
	if (!err)
		err = PTR_ERR_OR_ZERO(debugfs_create_file("stats", 0444, kfence_dir, NULL,
							  &kfence_stats_fops));
	if (!err)
		err = PTR_ERR_OR_ZERO(debugfs_create_file("objects", 0400, kfence_dir, NULL,
							  &kfence_objects_fops));
	if (err)
		kfence_exit();
	return err;
fail:
	free(order);
	free_pool();
	pr_err("%s failed\n", "kfence_init");
	return 0;
}

void kfence_exit(void)
{
	if (!__kfence_pool)
		return;
	WRITE_ONCE(kfence_enabled, false);
	hrtimer_cancel(&kfence_timer);
	__atomic_store_n(&slab_slow_reasons.kfence_armed, false, __ATOMIC_RELEASE);
	while (__atomic_load_n(&kfence_rcu_pending, __ATOMIC_ACQUIRE))
		usleep(1000);
	if (!IS_ERR_OR_NULL(kfence_dir))
		debugfs_remove_recursive(kfence_dir);
	kfence_dir = NULL;
	free_pool();
}
