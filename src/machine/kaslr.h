/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* machine/kaslr.h: the windows the machine's regions are placed in, and the base chosen
 * for a region at each boot (machine/kaslr.c). */
#ifndef UKMEM_MACHINE_KASLR_H
#define UKMEM_MACHINE_KASLR_H

#include <stddef.h>

/* Above ASan's shadow (which ends just above 16 TiB) and below the host's own mappings
 * (the program near 85 TiB, the libraries and stacks near 128 TiB). The vmalloc window
 * leaves 16 TiB of room around x86-64's 32 TiB vmalloc area. */
#define DIRECT_MAP_WINDOW_START	0x110000000000UL	/* 17 TiB */
#define DIRECT_MAP_WINDOW_END	0x200000000000UL	/* 32 TiB */
#define VMALLOC_WINDOW_START	0x200000000000UL
#define VMALLOC_WINDOW_END	0x500000000000UL	/* 80 TiB */
#define KASLR_ALIGN		(1UL << 30)		/* Linux's PUD-sized steps */

/* A reservation of size bytes in the window for the region called name (a new random
 * slot when one is taken); the host places it elsewhere only when no slot could be had.
 * NULL when out of memory. */
void *kaslr_reserve(const char *name, unsigned long window_start, unsigned long window_end,
		    size_t size);

/* The largest power-of-two size from max down to min that a slot in the window has room
 * for now (min when none, and always under Valgrind and ThreadSanitizer). */
size_t kaslr_fit_size(unsigned long window_start, unsigned long window_end, size_t max,
		      size_t min);

#endif
