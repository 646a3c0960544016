// SPDX-License-Identifier: LGPL-2.1-or-later
/* machine/kaslr.c: where the machine's regions lie in the process, chosen anew at each
 * boot as x86-64 Linux's memory randomisation (CONFIG_RANDOMIZE_MEMORY) chooses
 * page_offset_base and vmalloc_base: a random KASLR_ALIGN-aligned base inside the
 * region's window. A pointer kept from an earlier boot then points outside the new
 * machine's memory, where the allocators refuse it, instead of into someone else's
 * object. "nokaslr" on the command line pins each region at its window's start.
 * Invariants: a base is KASLR_ALIGN-aligned and base + size stays inside the window (a
 * region as large as its window or larger starts at the window's start). The base is a
 * hint: kaslr_reserve() tries other slots when one is taken (also with nokaslr, whose
 * pinned base a mapping of the host's may hold) and lets the host choose only after
 * KASLR_TRIES of them. Under ThreadSanitizer there is no hint at all (see
 * kaslr_region_hint). */
#include <stdbool.h>
#include <string.h>
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

/* A random KASLR_ALIGN-aligned base for a region of size bytes in [window_start,
 * window_end); the window's start when the region fills it. */
static unsigned long random_slot(unsigned long window_start, unsigned long window_end,
				 size_t size)
{
	unsigned long span = window_end - window_start, slots;

	if (size >= span)
		return window_start;
	slots = (span - size) / KASLR_ALIGN + 1;
	return window_start + (host_random_long() % slots) * KASLR_ALIGN;
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
	return (void *)random_slot(window_start, window_end, size);
}

/* Reserves size bytes for the region called name. A slot the host has taken (a mapping
 * of its own there: a test harness's arena, a library's heap) makes it draw another,
 * up to KASLR_TRIES times; with nokaslr the first try is the window's start and the
 * others random slots, said in the log. */
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
			return base;
		}
		host_release(base, size);
	}
}
