/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* mm/kmemleak.h: kmemleak for the rest of mm. kmemleak_enabled (kmemleak=on) is read by
 * the allocators that register their objects; kmemleak_print_alloc_track() lets a
 * report (KASAN's description) name the allocation behind an address. */
#ifndef UKMEM_MM_KMEMLEAK_H
#define UKMEM_MM_KMEMLEAK_H

#include <linux/types.h>

extern bool kmemleak_enabled;

/* Prints "Allocated by task N:" and the allocation's stack for the registered object
 * holding addr, in KASAN's layout; false (nothing printed) if there is none. */
bool kmemleak_print_alloc_track(const void *addr);

#endif
