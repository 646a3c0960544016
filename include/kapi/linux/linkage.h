/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/linkage.h: how C functions meet assembly. On x86-64 a C function called from
 * assembly needs nothing special (asmlinkage is empty); the page-aligned sections keep
 * their names. */
#ifndef UKMEM_LINUX_LINKAGE_H
#define UKMEM_LINUX_LINKAGE_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/compiler_types.h>
#include <linux/stringify.h>
#include <linux/export.h>

#ifdef __cplusplus
#define CPP_ASMLINKAGE extern "C"
#else
#define CPP_ASMLINKAGE
#endif
#define asmlinkage CPP_ASMLINKAGE

#define __page_aligned_data	__section(".data..page_aligned") __aligned(PAGE_SIZE)
#define __page_aligned_bss	__section(".bss..page_aligned") __aligned(PAGE_SIZE)

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/linkage.h> brings with it, once this header is complete. */
#include <linux/types.h>
#endif
#endif
