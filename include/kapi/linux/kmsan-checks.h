/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/kmsan-checks.h: KMSAN's annotations, as Linux 6.1 has them without CONFIG_KMSAN
 * (ukmem has no KernelMemorySanitizer: uninitialised reads are Valgrind's to find,
 * docs/debugging.md). Each is an empty inline. */
#ifndef UKMEM_LINUX_KMSAN_CHECKS_H
#define UKMEM_LINUX_KMSAN_CHECKS_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>

static inline void kmsan_poison_memory(const void *address, size_t size, gfp_t flags) { }
static inline void kmsan_unpoison_memory(const void *address, size_t size) { }
static inline void kmsan_check_memory(const void *address, size_t size) { }

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
#endif
#endif
