/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* mm/kfence/kfence.h: what KFENCE's core (allocation, free, faults, the gate) and its
 * reports share: the per-object metadata and the error kinds. struct kfence_track,
 * struct kfence_metadata, kfence_metadata[] and the error kinds are Linux 6.1's (its
 * mm/kfence/kfence.h, without CONFIG_MEMCG), so that code built against that header,
 * mm/kfence/kfence_test.c, sees ukmem's own metadata.
 * The array has CONFIG_KFENCE_NUM_OBJECTS (511) entries, the most objects a pool can have
 * in ukmem (the pool is one block of the buddy allocator); the boot option
 * kfence.num_objects= (default 255) says how many are in use.
 * Pool layout (as Linux 6.1): page 0 and page 1 are guard pages; object i has page
 * 2 + 2i and the guard page 3 + 2i after it, so every object page is flanked by guard
 * pages and an address maps to its metadata by (offset / 2 pages) - 1. Invariant:
 * ALIGN_DOWN(meta->addr, PAGE_SIZE) never changes once the pool is set up; a meta's
 * state, addr, size, cache and tracks change only under meta->lock. */
#ifndef UKMEM_MM_KFENCE_KFENCE_H
#define UKMEM_MM_KFENCE_KFENCE_H

#include <linux/kfence.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>

struct seq_file;

/* Canary bytes vary with the address's low 3 bits, so that a constant written over
 * them is seen. */
#define KFENCE_CANARY_PATTERN(addr)	((u8)0xaa ^ (u8)((unsigned long)(addr) & 0x7))
#define KFENCE_STACK_DEPTH		64

enum kfence_object_state {
	KFENCE_OBJECT_UNUSED,
	KFENCE_OBJECT_ALLOCATED,
	KFENCE_OBJECT_FREED,
};

/* One allocation or free: the stack starts at the slab entry point's caller when it was
 * found (kfence_track_from_caller()), else inside the allocator (reports skip those
 * frames, report.c). */
struct kfence_track {
	pid_t pid;
	int cpu;
	u64 ts_nsec;			/* printk's clock */
	int num_stack_entries;
	unsigned long stack_entries[KFENCE_STACK_DEPTH];
};

struct kfence_metadata {
	struct list_head list;		/* on the freelist; under kfence_freelist_lock */
	struct rcu_head rcu_head;	/* SLAB_TYPESAFE_BY_RCU: the free waits a grace period */
	raw_spinlock_t lock;
	enum kfence_object_state state;
	unsigned long addr;		/* the object; its page is fixed */
	size_t size;			/* what the caller asked for */
	struct kmem_cache *cache;	/* NULL: never used, or the cache was destroyed */
	unsigned long unprotected_page;	/* a guard page opened by an out-of-bounds access */
	struct kfence_track alloc_track;
	struct kfence_track free_track;
	u32 alloc_stack_hash;		/* its count in the coverage filter, for the free */
};

extern struct kfence_metadata kfence_metadata[CONFIG_KFENCE_NUM_OBJECTS];
extern unsigned long kfence_num_objects;	/* entries in use: kfence.num_objects= */

/* ukmem's one fact per track beyond 6.1's struct: whether the track's stack was cut at
 * the slab entry point's caller. Under the object's lock, as the track. */
extern bool kfence_stack_from_caller_flags[CONFIG_KFENCE_NUM_OBJECTS][2];
static inline bool *kfence_track_from_caller(const struct kfence_metadata *meta,
					     const struct kfence_track *track)
{
	return &kfence_stack_from_caller_flags[meta - kfence_metadata][track == &meta->free_track];
}

static inline struct kfence_metadata *addr_to_metadata(unsigned long addr)
{
	long index;

	if (!is_kfence_address((void *)addr))
		return NULL;
	index = (long)((addr - (unsigned long)__kfence_pool) / (PAGE_SIZE * 2)) - 1;
	if (index < 0 || index >= (long)kfence_num_objects)
		return NULL;
	return &kfence_metadata[index];
}

enum kfence_error_type {
	KFENCE_ERROR_OOB,		/* an access to a guard page */
	KFENCE_ERROR_UAF,		/* an access to a freed object's page */
	KFENCE_ERROR_CORRUPTION,	/* a canary byte changed, seen at free */
	KFENCE_ERROR_INVALID,		/* a fault in the pool nobody owns */
	KFENCE_ERROR_INVALID_FREE,	/* a free of no live object's start */
};

/* The slab's entry points call KFENCE through these, naming the return address into
 * their caller (_RET_IP_), so that stacks start there whatever was inlined or tail-called
 * inside the allocator. */
void *kfence_slab_alloc(struct kmem_cache *s, size_t size, gfp_t gfp, unsigned long caller);
bool kfence_slab_free(void *addr, unsigned long caller);
extern __thread unsigned long kfence_caller __attribute__((tls_model("initial-exec")));

/* report.c: the calling thread's stack, return addresses from the caller of the function
 * that calls this, skipping skip more frames; the number of entries saved. */
int kfence_stack_save(unsigned long *entries, int skip);
/* Drops the entries below the slab entry point's caller when it is known and found
 * (*found); returns the number left. */
int kfence_stack_from_caller(unsigned long *entries, int nr, bool *found);
/* report.c. regs: the host's signal context of a fault (ucontext_t), or NULL. Called
 * with meta->lock held when meta is not NULL. */
void kfence_report_error(unsigned long address, bool is_write, struct pt_regs *regs,
			 const struct kfence_metadata *meta, enum kfence_error_type type);
/* One object as /sys/kernel/debug/kfence/objects and the reports show it (seq NULL:
 * the log); meta->lock held. */
void kfence_print_object(struct seq_file *seq, const struct kfence_metadata *meta);

/* core.c: /sys/kernel/debug/kfence/stats and objects. */
int kfence_stats_show(struct seq_file *seq, void *v);
int kfence_objects_show(struct seq_file *seq, void *v);

#endif
