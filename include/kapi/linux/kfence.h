/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/kfence.h: KFENCE, the sampling detector of out-of-bounds accesses, use after free,
 * invalid frees and corrupted canaries in slab objects (mm/kfence/, docs/debugging.md).
 * Every kfence.sample_interval milliseconds (0: off) the next slab allocation is served
 * from a pool of pages in which every object page sits between two guard pages that
 * fault on access. The pool holds kfence.num_objects objects (ukmem reads the number
 * at boot; Linux fixes it at build time as CONFIG_KFENCE_NUM_OBJECTS, which is the
 * default here), so KFENCE_POOL_SIZE is a variable. */
#ifndef UKMEM_LINUX_KFENCE_H
#define UKMEM_LINUX_KFENCE_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>

struct kmem_cache;
struct pt_regs;

extern unsigned long kfence_sample_interval;	/* ms between samples; 0 = off */
extern unsigned long kfence_pool_size;		/* (num_objects + 1) * 2 pages; 0 = no pool */
#define KFENCE_POOL_SIZE	kfence_pool_size
extern char *__kfence_pool;

/**
 * is_kfence_address() - whether @addr lies in the KFENCE pool
 * @addr: any address
 *
 * Context: any. Lock-free: one subtraction and one compare (a NULL pool has size 0).
 * Return: true for the pool's object and guard pages.
 */
static __always_inline bool is_kfence_address(const void *addr)
{
	return __builtin_expect((unsigned long)((const char *)addr - __kfence_pool) <
				kfence_pool_size, 0);
}

void *__kfence_alloc(struct kmem_cache *s, size_t size, gfp_t flags);
/* The slab allocator calls this on its allocation slow path; NULL: allocate normally. */
#define kfence_alloc(s, size, flags)	__kfence_alloc(s, size, flags)
size_t kfence_ksize(const void *addr);
void *kfence_object_start(const void *addr);
void __kfence_free(void *addr);

/**
 * kfence_free() - free @addr if it is a KFENCE object
 * @addr: an object pointer handed to kfree() or kmem_cache_free()
 *
 * Context: any context the slab free functions accept.
 * Return: true if KFENCE took the free (the caller must not touch the object).
 */
static __always_inline bool kfence_free(void *addr)
{
	if (!is_kfence_address(addr))
		return false;
	__kfence_free(addr);
	return true;
}

void kfence_shutdown_cache(struct kmem_cache *s);
bool kfence_handle_page_fault(unsigned long addr, bool is_write, struct pt_regs *regs);

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/kfence.h> brings with it, once this header is complete. */
#include <linux/atomic.h>
#include <linux/cred.h>
#include <linux/kasan.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/list_lru.h>
#include <linux/migrate_mode.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/stackdepot.h>
#include <linux/stacktrace.h>
#include <linux/stat.h>
#include <linux/static_key.h>
#include <linux/sysctl.h>
#include <linux/tracepoint-defs.h>
#include <linux/vmstat.h>
#endif
#endif
