/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/percpu.h: per-CPU variables (linux/percpu-defs.h) and the dynamic per-CPU
 * allocator (mm/percpu.c): alloc_percpu() gives zeroed memory with one instance per
 * possible CPU, reached with per_cpu_ptr()/this_cpu_ptr(); counted in /proc/meminfo's
 * Percpu. */
#ifndef UKMEM_LINUX_PERCPU_H
#define UKMEM_LINUX_PERCPU_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/percpu-defs.h>

#define PCPU_MIN_UNIT_SIZE	(32 << 10)
#define PERCPU_DYNAMIC_RESERVE	(28 << 10)

void __percpu *__alloc_percpu_gfp(size_t size, size_t align, gfp_t gfp);
void __percpu *__alloc_percpu(size_t size, size_t align);
void free_percpu(void __percpu *__pdata);
unsigned long pcpu_nr_pages(void);
bool is_kernel_percpu_address(unsigned long addr);

#define alloc_percpu_gfp(type, gfp)						\
	((typeof(type) __percpu *)__alloc_percpu_gfp(sizeof(type), __alignof__(type), gfp))
#define alloc_percpu(type)							\
	((typeof(type) __percpu *)__alloc_percpu(sizeof(type), __alignof__(type)))

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/percpu.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/list.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/numa.h>
#include <linux/overflow.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time64.h>
#include <linux/tracepoint-defs.h>
#endif
#endif
