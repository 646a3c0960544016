/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* asm/tsc.h: the time stamp counter, read directly (x86-64 user space may). */
#ifndef UKMEM_ASM_TSC_H
#define UKMEM_ASM_TSC_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>

typedef unsigned long long cycles_t;

static inline cycles_t get_cycles(void)
{
	return __builtin_ia32_rdtsc();
}

/* rdtsc that is not reordered before earlier loads (lfence first). */
static inline u64 rdtsc_ordered(void)
{
	__asm__ __volatile__("lfence" ::: "memory");	/* kernel builds have no SSE2 builtins */
	return __builtin_ia32_rdtsc();
}

static inline u64 rdtsc(void)
{
	return __builtin_ia32_rdtsc();
}

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <asm/tsc.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/atomic.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/numa.h>
#include <linux/overflow.h>
#include <linux/percpu-defs.h>
#include <linux/static_key.h>
#include <linux/tracepoint-defs.h>
#endif
#endif
