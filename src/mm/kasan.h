/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* mm/kasan.h: KASAN's slab hooks for ASan and Valgrind builds (debug/track.h). The slab
 * slow paths call them as objects change hands:
 *   kasan_slab_new(s, slab)          a new slab's objects are all poisoned
 *   __kasan_slab_alloc(s, x, size)     [x, x+size) usable, the rest of the object a red zone;
 *                                    the allocation stack is recorded
 *   __kasan_slab_free(s, slab, x, ip)  true when the hooks took the object: a double or
 *                                    invalid free (reported in KASAN's words, never
 *                                    freed), or a free object now poisoned in the
 *                                    quarantine (kasan_quarantine.c), which gives it back
 *                                    with slab_free_object() when it is evicted
 *   kasan_slab_discard(s, slab)      the slab goes back to the page allocator
 *   kasan_resize(x, size, usable)    ksize() (size = usable: the whole object is the
 *                                    caller's) and krealloc() in place (a new red zone)
 * Caches with a debug flag (slub_debug does its own checks on its own poison) and
 * SLAB_TYPESAFE_BY_RCU caches (readers may look at a freed object) are left alone, as
 * KASAN leaves RCU caches. In a normal build every hook is an empty inline. */
#ifndef UKMEM_MM_KASAN_H
#define UKMEM_MM_KASAN_H

#include <stdbool.h>
#include <stddef.h>
#include "debug/track.h"

struct kmem_cache;
struct slab;

/* A KASAN test's view of the reports (Linux's mm/kasan/kasan.h): a KUnit case that holds
 * a "kasan_status" resource with this data has a report noted here; any other case that
 * causes a KASAN report fails. */
struct kunit_kasan_status {
	bool report_found;
	bool sync_fault;
};

/* kasan_report.c: whether addr's byte may be read; if not, KASAN's report of a read by
 * the code at ip (AddressSanitizer builds; true in the others). */
#if UKMEM_TRACK_ASAN
bool __kasan_check_byte(const void *addr, unsigned long ip);
#else
static inline bool __kasan_check_byte(const void *addr, unsigned long ip) { return true; }
#endif

#if UKMEM_TRACK_ANY

void kasan_slab_new(struct kmem_cache *s, struct slab *slab);
void __kasan_slab_alloc(struct kmem_cache *s, void *x, size_t size);
bool __kasan_slab_free(struct kmem_cache *s, struct slab *slab, void *x, unsigned long ip);
void kasan_slab_discard(struct kmem_cache *s, struct slab *slab);
void kasan_resize(void *x, size_t new_size, size_t usable);
/* kasan_report.c: what the buggy address belongs to (slab object and its stacks). */
void kasan_describe_slab_object(const void *addr, struct slab *slab);
/* kasan_common.c: the object's allocation and free stacks, as KASAN prints them; and
 * whether it was freed (and not handed out again) -- both false for an unknown object. */
bool kasan_print_object_stacks(const void *object);
bool kasan_object_is_free(const void *object);
/* kasan_quarantine.c */
void kasan_quarantine_put(struct kmem_cache *s, void *x);
void kasan_quarantine_remove_cache(struct kmem_cache *s);	/* NULL: every cache */
/* kasan_report.c: "BUG: KASAN: double-free in ..." and the object's description. */
void kasan_report_invalid_free(void *x, unsigned long ip, const char *bug_type);
/* kasan_report.c: KASAN's report of a bad access the library found itself (not
 * AddressSanitizer), "BUG: KASAN: <bug_type> in <ip>", with what addr belongs to. */
void kasan_report_access(unsigned long addr, size_t size, bool write, unsigned long ip,
			 const char *bug_type);

#else

static inline void kasan_slab_new(struct kmem_cache *s, struct slab *slab) { }
static inline void __kasan_slab_alloc(struct kmem_cache *s, void *x, size_t size) { }
static inline bool __kasan_slab_free(struct kmem_cache *s, struct slab *slab, void *x,
				   unsigned long ip)
{
	return false;
}
static inline void kasan_slab_discard(struct kmem_cache *s, struct slab *slab) { }
static inline void kasan_resize(void *x, size_t new_size, size_t usable) { }
static inline void kasan_quarantine_remove_cache(struct kmem_cache *s) { }
static inline void kasan_report_invalid_free(void *x, unsigned long ip, const char *bug_type) { }

#endif

#endif
