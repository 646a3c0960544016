/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* debug/track.h: telling AddressSanitizer and Valgrind's memcheck which ukmem memory a
 * program may touch. The allocators call these as memory changes hands:
 *   ukmem_track_alloc(p, size, usable)  [p, p+size) is the caller's, [p+size, p+usable)
 *                                       is a red zone (ASan: poisoned; memcheck: a block
 *                                       of size bytes, so its leak check sees it)
 *   ukmem_track_free(p, usable)         the block is gone: every byte is poisoned
 *   ukmem_track_poison/unpoison(p, n)   raw state of allocator-owned memory (free pages)
 *   ukmem_track_root(p, n, on)          [p, p+n) holds pointers to host memory that
 *                                       LeakSanitizer must see (it never scans the
 *                                       memory file on its own)
 * Built with -fsanitize=address they use ASan's poisoning interface; configured with
 * -DUKMEM_VALGRIND=ON, memcheck client requests (a few instructions each, and no-ops when
 * not running under Valgrind). In a normal build every one is an empty inline. Poisoned
 * memory that the allocator itself must read (conservative scans) goes through
 * ukmem_track_read_word(), which is never instrumented. */
#ifndef UKMEM_DEBUG_TRACK_H
#define UKMEM_DEBUG_TRACK_H

#include <stddef.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#include <sanitizer/lsan_interface.h>
#define UKMEM_TRACK_ASAN 1
#else
#define UKMEM_TRACK_ASAN 0
#endif

#if defined(UKMEM_VALGRIND) && UKMEM_VALGRIND
#include <valgrind/memcheck.h>
#define UKMEM_TRACK_VALGRIND 1
#else
#define UKMEM_TRACK_VALGRIND 0
#endif

#define UKMEM_TRACK_ANY (UKMEM_TRACK_ASAN || UKMEM_TRACK_VALGRIND)

static inline void ukmem_track_alloc(void *p, size_t size, size_t usable, int zeroed)
{
#if UKMEM_TRACK_ASAN
	ASAN_UNPOISON_MEMORY_REGION(p, size);
	if (usable > size)
		ASAN_POISON_MEMORY_REGION((char *)p + size, usable - size);
#endif
#if UKMEM_TRACK_VALGRIND
	if (usable > size)
		VALGRIND_MAKE_MEM_NOACCESS((char *)p + size, usable - size);
	VALGRIND_MALLOCLIKE_BLOCK(p, size, 0, zeroed);
#endif
	(void)p; (void)size; (void)usable; (void)zeroed;
}

static inline void ukmem_track_free(void *p, size_t usable)
{
#if UKMEM_TRACK_ASAN
	ASAN_POISON_MEMORY_REGION(p, usable);
#endif
#if UKMEM_TRACK_VALGRIND
	VALGRIND_FREELIKE_BLOCK(p, 0);
#endif
	(void)p; (void)usable;
}

/* Allocator-owned memory nobody may touch (a free page block). */
static inline void ukmem_track_poison(void *p, size_t n)
{
#if UKMEM_TRACK_ASAN
	ASAN_POISON_MEMORY_REGION(p, n);
#endif
#if UKMEM_TRACK_VALGRIND
	VALGRIND_MAKE_MEM_NOACCESS(p, n);
#endif
	(void)p; (void)n;
}

/* Allocator-owned memory the allocator is about to use (contents undefined). */
static inline void ukmem_track_unpoison(void *p, size_t n)
{
#if UKMEM_TRACK_ASAN
	ASAN_UNPOISON_MEMORY_REGION(p, n);
#endif
#if UKMEM_TRACK_VALGRIND
	VALGRIND_MAKE_MEM_UNDEFINED(p, n);
#endif
	(void)p; (void)n;
}

/* A copy of tracked memory whose contents are shown as they are (kmemleak's hex dump of
 * an object nobody initialised): memcheck takes them as defined. */
static inline void ukmem_track_defined(void *p, size_t n)
{
#if UKMEM_TRACK_VALGRIND
	VALGRIND_MAKE_MEM_DEFINED(p, n);
#endif
	(void)p; (void)n;
}

/* Whether ASan holds [p, p+n) poisoned (always false without ASan). */
static inline int ukmem_track_poisoned(const void *p, size_t n)
{
#if UKMEM_TRACK_ASAN
	return __asan_region_is_poisoned((void *)p, n) != NULL;
#else
	(void)p; (void)n;
	return 0;
#endif
}

/* Valgrind's error reports off and on around a conservative scan, which reads
 * uninitialised and unaddressable words on purpose. */
static inline void ukmem_track_reports_off(void)
{
#if UKMEM_TRACK_VALGRIND
	VALGRIND_DISABLE_ERROR_REPORTING;
#endif
}
static inline void ukmem_track_reports_on(void)
{
#if UKMEM_TRACK_VALGRIND
	VALGRIND_ENABLE_ERROR_REPORTING;
#endif
}

/* Memory of the memory file that holds the only pointers to host-allocated memory
 * (struct kmem_cache objects point at their names and per-cache arrays): a root region
 * for LeakSanitizer while on, so that a program exiting without ukmem_shutdown() is not
 * reported as leaking them. */
static inline void ukmem_track_root(const void *p, size_t n, int on)
{
#if UKMEM_TRACK_ASAN
	if (on)
		__lsan_register_root_region(p, n);
	else
		__lsan_unregister_root_region(p, n);
#endif
	(void)p; (void)n; (void)on;
}

/* One word of memory that may be poisoned, read without ASan's check. */
__attribute__((no_sanitize_address)) static inline unsigned long
ukmem_track_read_word(const unsigned long *p)
{
	return *(const volatile unsigned long *)p;
}

/* A pointer the allocator keeps inside memory its user may not touch (a free slab
 * object's free pointer): read and written without ASan's check or memcheck's report,
 * and without changing what either thinks of the memory. */
__attribute__((no_sanitize_address)) static inline void *
ukmem_track_read_hidden(void *const *p)
{
	void *v;

	ukmem_track_reports_off();
	v = *(void *const volatile *)p;
	ukmem_track_reports_on();
	return v;
}

__attribute__((no_sanitize_address)) static inline void
ukmem_track_write_hidden(void **p, void *v)
{
	ukmem_track_reports_off();
	*(void *volatile *)p = v;
	ukmem_track_reports_on();
}

#endif
