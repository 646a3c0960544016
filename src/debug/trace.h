/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* debug/trace.h: ukmem's tracepoints -- the kernel's kmem events (kmalloc, kfree,
 * kmem_cache_alloc, kmem_cache_free, mm_page_alloc, mm_page_free, mm_page_alloc_extfrag)
 * and vmalloc's
 * (alloc_vmap_area, free_vmap_area_noflush, purge_vmap_area_lazy). Each is off until
 * trace_event=<system>:<event> (or <system>:*) turns it on, or a USDT tracer (perf,
 * bpftrace, SystemTap) attaches to probe ukmem:<event>, which raises its semaphore; an
 * event turned on by trace_event= raises it too, so the semaphore alone says whether the
 * event is traced. Off, a tracepoint costs one test of two bytes. */
#ifndef UKMEM_DEBUG_TRACE_H
#define UKMEM_DEBUG_TRACE_H

#include <linux/types.h>
#include <linux/compiler.h>

struct page;
struct kmem_cache;

enum trace_event_id {
	TRACE_KMALLOC, TRACE_KFREE, TRACE_KMEM_CACHE_ALLOC, TRACE_KMEM_CACHE_FREE,
	TRACE_MM_PAGE_ALLOC, TRACE_MM_PAGE_FREE, TRACE_MM_PAGE_ALLOC_EXTFRAG,
	TRACE_ALLOC_VMAP_AREA, TRACE_FREE_VMAP_AREA_NOFLUSH, TRACE_PURGE_VMAP_AREA_LAZY,
	NR_TRACE_EVENTS
};

/* [event] = 1 while ftrace-style output is on; USDT semaphores are separate symbols. */
extern bool trace_event_on[NR_TRACE_EVENTS];
extern unsigned short __attribute__((visibility("hidden"))) ukmem_kmalloc_semaphore, ukmem_kfree_semaphore,
	ukmem_kmem_cache_alloc_semaphore, ukmem_kmem_cache_free_semaphore,
	ukmem_mm_page_alloc_semaphore, ukmem_mm_page_free_semaphore,
	ukmem_mm_page_alloc_extfrag_semaphore,
	ukmem_alloc_vmap_area_semaphore, ukmem_free_vmap_area_noflush_semaphore,
	ukmem_purge_vmap_area_lazy_semaphore;

#define trace_active(id, name)	unlikely(ukmem_##name##_semaphore)

void __trace_kmalloc(unsigned long call_site, const void *ptr, size_t bytes_req,
		     size_t bytes_alloc, gfp_t gfp, int node);
void __trace_kfree(unsigned long call_site, const void *ptr);
void __trace_kmem_cache_alloc(unsigned long call_site, const void *ptr, struct kmem_cache *s,
			      size_t bytes_req, size_t bytes_alloc, gfp_t gfp, int node);
void __trace_kmem_cache_free(unsigned long call_site, const void *ptr, const char *name);
void __trace_mm_page_alloc(struct page *page, unsigned int order, gfp_t gfp);
void __trace_mm_page_free(struct page *page, unsigned int order);
void __trace_mm_page_alloc_extfrag(struct page *page, unsigned int alloc_order,
				   unsigned int fallback_order, int alloc_migratetype,
				   int fallback_migratetype);
void __trace_alloc_vmap_area(unsigned long addr, unsigned long size, unsigned long align,
			     unsigned long vstart, unsigned long vend, int failed);
void __trace_free_vmap_area_noflush(unsigned long va_start, unsigned long nr_lazy,
				    unsigned long nr_lazy_max);
void __trace_purge_vmap_area_lazy(unsigned long start, unsigned long end, unsigned int npurged);

#define trace_kmalloc(...)	do { if (trace_active(KMALLOC, kmalloc)) __trace_kmalloc(__VA_ARGS__); } while (0)
#define trace_kfree(...)	do { if (trace_active(KFREE, kfree)) __trace_kfree(__VA_ARGS__); } while (0)
#define trace_kmem_cache_alloc(...) \
	do { if (trace_active(KMEM_CACHE_ALLOC, kmem_cache_alloc)) __trace_kmem_cache_alloc(__VA_ARGS__); } while (0)
#define trace_kmem_cache_free(...) \
	do { if (trace_active(KMEM_CACHE_FREE, kmem_cache_free)) __trace_kmem_cache_free(__VA_ARGS__); } while (0)
#define trace_mm_page_alloc(...) \
	do { if (trace_active(MM_PAGE_ALLOC, mm_page_alloc)) __trace_mm_page_alloc(__VA_ARGS__); } while (0)
#define trace_mm_page_free(...) \
	do { if (trace_active(MM_PAGE_FREE, mm_page_free)) __trace_mm_page_free(__VA_ARGS__); } while (0)
#define trace_mm_page_alloc_extfrag(...) \
	do { if (trace_active(MM_PAGE_ALLOC_EXTFRAG, mm_page_alloc_extfrag)) \
		__trace_mm_page_alloc_extfrag(__VA_ARGS__); } while (0)
#define trace_alloc_vmap_area(...) \
	do { if (trace_active(ALLOC_VMAP_AREA, alloc_vmap_area)) __trace_alloc_vmap_area(__VA_ARGS__); } while (0)
#define trace_free_vmap_area_noflush(...) \
	do { if (trace_active(FREE_VMAP_AREA_NOFLUSH, free_vmap_area_noflush)) \
		__trace_free_vmap_area_noflush(__VA_ARGS__); } while (0)
#define trace_purge_vmap_area_lazy(...) \
	do { if (trace_active(PURGE_VMAP_AREA_LAZY, purge_vmap_area_lazy)) \
		__trace_purge_vmap_area_lazy(__VA_ARGS__); } while (0)

#endif
