// SPDX-License-Identifier: LGPL-2.1-or-later
/* machine/kaslr.c: where the machine's regions lie in the process, chosen anew at each
 * boot as x86-64 Linux's memory randomisation (CONFIG_RANDOMIZE_MEMORY) chooses
 * page_offset_base and vmalloc_base: a random KASLR_ALIGN-aligned base inside the
 * region's window. A pointer kept from an earlier boot then points outside the new
 * machine's memory, where the allocators refuse it, instead of into someone else's
 * object. "nokaslr" on the command line pins each region at its window's start.
 * Invariants: a base the window gives is KASLR_ALIGN-aligned and base + size stays inside
 * the window (a region larger than its window is placed by the host). The base is a
 * hint, drawn among the slots /proc/self/maps shows free: kaslr_reserve() tries other
 * slots when one is taken (also with nokaslr, whose pinned base a mapping of the host's
 * may hold) and lets the host choose only after KASLR_TRIES of them, or when the
 * window has no room at all (said in the log). Under ThreadSanitizer there is no hint
 * at all (see kaslr_region_hint). */
#include <limits.h>
#include <stdbool.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include "host/host.h"
#include "machine/kaslr.h"
#include "machine/setup.h"
#if defined(UKMEM_VALGRIND)
#include <valgrind/valgrind.h>
#endif

#define KASLR_TRIES	8

static bool nokaslr;

static int set_nokaslr(const char *v)
{
	nokaslr = !v || strcmp(v, "0");
	return 0;
}
UKMEM_SETUP("nokaslr", set_nokaslr, "0");

/* The free slots for a region: KASLR_ALIGN-aligned bases in [start, end) where size
 * bytes overlap none of the host's mappings. Counted over the gaps between mappings;
 * with pick < nr on a second pass, the pick'th one is found. */
struct slot_walk {
	unsigned long start, end, size;
	unsigned long cursor;	/* the next address no mapping seen so far covers */
	unsigned long nr;	/* slots counted so far */
	unsigned long pick, found;
};

static void walk_gap(struct slot_walk *w, unsigned long lo, unsigned long hi)
{
	unsigned long first = ALIGN(lo, KASLR_ALIGN), n;

	if (hi < w->size || first > hi - w->size)
		return;
	n = (hi - w->size - first) / KASLR_ALIGN + 1;
	if (w->pick >= w->nr && w->pick < w->nr + n)
		w->found = first + (w->pick - w->nr) * KASLR_ALIGN;
	w->nr += n;
}

static void walk_mapping(unsigned long lo, unsigned long hi, void *arg)
{
	struct slot_walk *w = arg;

	if (hi <= w->cursor || lo >= w->end)
		return;
	if (lo > w->cursor)
		walk_gap(w, w->cursor, lo);
	w->cursor = max(w->cursor, hi);
}

static unsigned long walk_slots(struct slot_walk *w)
{
	w->cursor = w->start;
	w->nr = 0;
	w->found = 0;
	if (host_for_each_mapping(walk_mapping, w))
		return 0;
	if (w->cursor < w->end)
		walk_gap(w, w->cursor, w->end);
	return w->nr;
}

/* A random KASLR_ALIGN-aligned base for a region of size bytes in [window_start,
 * window_end), among those no host mapping is in the way of; 0 when there is none. */
static unsigned long random_slot(unsigned long window_start, unsigned long window_end,
				 size_t size)
{
	struct slot_walk w = { .start = window_start, .end = window_end, .size = size,
			       .pick = ULONG_MAX };
	unsigned long nr = walk_slots(&w);

	if (!nr)
		return 0;
	w.pick = host_random_long() % nr;
	walk_slots(&w);
	return w.found;
}

/* Whether the host places every region itself (ThreadSanitizer's layout). */
static bool kaslr_host_placed(void)
{
#if defined(__SANITIZE_THREAD__)
	return true;
#else
	return false;
#endif
}

/* The largest power-of-two size from max down to min for which the window has a free
 * slot now; min when none has. Under Valgrind, whose memcheck marks every reserved page
 * at start-up, and under ThreadSanitizer, whose layout has no large holes, it is min. */
size_t kaslr_fit_size(unsigned long window_start, unsigned long window_end, size_t max,
		      size_t min)
{
#if defined(UKMEM_VALGRIND)
	if (RUNNING_ON_VALGRIND)
		return min;
#endif
	for (size_t size = max; size > min; size >>= 1) {
		struct slot_walk w = { .start = window_start, .end = window_end, .size = size,
				       .pick = ULONG_MAX };

		if (!kaslr_host_placed() && walk_slots(&w))
			return size;
	}
	return min;
}

/* The base to ask the host for at the try'th attempt; NULL lets the host choose. */
static void *kaslr_region_hint(unsigned long window_start, unsigned long window_end,
			       size_t size, int try)
{
#if defined(UKMEM_VALGRIND)
	/* Valgrind's address-space manager refuses some of these ranges (a boot under it
	 * failed with ENOMEM at a base near 47.5 TiB): the fixed bases always worked. */
	if (RUNNING_ON_VALGRIND)
		return (void *)window_start;
#endif
#if defined(__SANITIZE_THREAD__)
	/* ThreadSanitizer shadows only the ranges where the host itself places mappings;
	 * these windows lie outside them, so the host chooses (and randomises) the base. */
	return NULL;
#endif
	if (nokaslr && !try)
		return (void *)window_start;
	return (void *)random_slot(window_start, window_end, size);	/* NULL: no room */
}

/* Reserves size bytes for the region called name. The slots are drawn among those the
 * host's mappings leave free (a test harness's arena, a library's heap may lie in the
 * window); one taken meanwhile makes it draw another, up to KASLR_TRIES times. With
 * nokaslr the first try is the window's start, and a move is said in the log; so is a
 * region the window has no room for, placed wherever the host puts it. */
void *kaslr_reserve(const char *name, unsigned long window_start, unsigned long window_end,
		    size_t size)
{
	for (int i = 0;; i++) {
		void *hint = kaslr_region_hint(window_start, window_end, size, i);
		void *base = host_reserve(size, hint);

		if (!base || base == hint || !hint || i == KASLR_TRIES - 1) {
			if (base && nokaslr && base != (void *)window_start)
				pr_warn("nokaslr: 0x%lx is taken in the host, %s placed at 0x%lx\n",
					window_start, name, (unsigned long)base);
			else if (base && ((unsigned long)base < window_start ||
					  (unsigned long)base + size > window_end) && !kaslr_host_placed())
				pr_warn("kaslr: no room for %s in 0x%lx-0x%lx, placed at 0x%lx\n",
					name, window_start, window_end, (unsigned long)base);
			return base;
		}
		host_release(base, size);
	}
}
