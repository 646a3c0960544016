/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tests/mm/asan_quarantine.h: what the slab tests need to know about ASan builds
 * (-DUKMEM_SANITIZE=ON), which put freed objects in KASAN's quarantine: the object freed
 * last does not come back first, quarantined objects count as allocated until a shrink,
 * a double free is KASAN's report (the machine goes on) instead of a BUG, and so is a
 * second kmem_cache_destroy() (instead of a warning). They also have generic KASAN's
 * slab layout (KASAN_LAYOUT): a red zone right of each object (kasan_slab_size() in
 * mm/slab.h) and no cache merging, as Linux with KASAN. */
#ifndef UKMEM_TEST_ASAN_QUARANTINE_H
#define UKMEM_TEST_ASAN_QUARANTINE_H
#include <signal.h>
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define QUARANTINE 1
#define KASAN_LAYOUT 1
#define DOUBLE_FREE_SIGNAL 0
#define asan_poisoned(p) __asan_address_is_poisoned(p)
#else
#define QUARANTINE 0
#define KASAN_LAYOUT 0
#define DOUBLE_FREE_SIGNAL SIGABRT
#define asan_poisoned(p) 0
#endif

#endif
