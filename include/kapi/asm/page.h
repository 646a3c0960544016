/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* asm/page.h: page size and the direct map. The machine's RAM is one memory file mapped
 * once at page_offset_base, so a direct-map address and its physical address differ by
 * that base: phys = virt - PAGE_OFFSET. */
#ifndef UKMEM_ASM_PAGE_H
#define UKMEM_ASM_PAGE_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
/* Kernel stacks (asm/page_64_types.h): 16 KiB, as on x86-64 without KASAN. */
#define THREAD_SIZE_ORDER	2
#define THREAD_SIZE		(PAGE_SIZE << THREAD_SIZE_ORDER)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PFN_PHYS(pfn)	((phys_addr_t)(pfn) << PAGE_SHIFT)
#define PHYS_PFN(x)	((unsigned long)((x) >> PAGE_SHIFT))
#define PFN_UP(x)	(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_DOWN(x)	((x) >> PAGE_SHIFT)
#define PAGE_ALIGN(addr)	(((addr) + PAGE_SIZE - 1) & PAGE_MASK)
#define PAGE_ALIGNED(addr)	(((unsigned long)(addr) & (PAGE_SIZE - 1)) == 0)
#define offset_in_page(p)	((unsigned long)(p) & ~PAGE_MASK)

extern unsigned long page_offset_base;	/* virtual address of physical 0 */
extern unsigned long direct_map_size;	/* bytes of physical space the direct map covers */
#define PAGE_OFFSET	page_offset_base

#define __pa(x)		((phys_addr_t)((unsigned long)(x) - PAGE_OFFSET))
#define __va(x)		((void *)((unsigned long)(x) + PAGE_OFFSET))
#define __pa_symbol(x)	__pa(x)

static inline phys_addr_t virt_to_phys(volatile void *address)
{
	return __pa(address);
}
static inline void *phys_to_virt(phys_addr_t address)
{
	return __va(address);
}

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <asm/page.h> brings with it, once this header is complete. */
#include <asm/barrier.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/init.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/log2.h>
#include <linux/panic.h>
#endif
#endif
