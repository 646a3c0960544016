/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* asm/kasan.h: where generic KASAN's shadow is on x86-64. A shadow byte describes 8
 * bytes of memory (KASAN_SHADOW_SCALE_SHIFT 3) and the shadow of address a is at
 * (a >> 3) + KASAN_SHADOW_OFFSET. In ukmem's AddressSanitizer build the shadow is
 * AddressSanitizer's, covering the 47-bit user address space the process runs in, and
 * CONFIG_KASAN_SHADOW_OFFSET is its offset. */
#ifndef UKMEM_ASM_KASAN_H
#define UKMEM_ASM_KASAN_H

#include <linux/const.h>

#ifdef CONFIG_KASAN_SHADOW_OFFSET
#define KASAN_SHADOW_OFFSET	_AC(CONFIG_KASAN_SHADOW_OFFSET, UL)
#define KASAN_SHADOW_SCALE_SHIFT 3
/* The shadow of the whole address space the process has (from address 0). */
#define KASAN_SHADOW_START	KASAN_SHADOW_OFFSET
#define KASAN_SHADOW_END	(KASAN_SHADOW_START + (1ULL << (47 - KASAN_SHADOW_SCALE_SHIFT)))
#endif

#endif
