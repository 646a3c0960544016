/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* mm/pgtable.h: filling and clearing the kernel page tables (for vmalloc, vmap and
 * ioremap), splitting the direct map's leaves and making its pages not present (KFENCE),
 * and the direct map's size by leaf size for /proc/meminfo. */
#ifndef UKMEM_MM_PGTABLE_H
#define UKMEM_MM_PGTABLE_H

#include <linux/pgtable.h>

/* Maps nr pages from addr to pfn, pfn + 1, ... with prot; -ENOMEM if a table could not
 * be had (entries already written stay; the caller unmaps). */
int pgtable_map_pfns(unsigned long addr, unsigned long pfn, unsigned long nr, pgprot_t prot);
/* Clears the 4 KiB entries of [addr, addr + size). */
void pgtable_unmap(unsigned long addr, unsigned long size);
extern unsigned long direct_map_bytes[PG_LEVEL_1G + 1];
/* The direct map's large leaves split to 4 KiB ptes, and single pages made not present
 * and present again (x86's <asm/set_memory.h>, <linux/set_memory.h>): KFENCE's pool. */
int set_memory_4k(unsigned long addr, int numpages);
int set_direct_map_invalid_noflush(struct page *page);
int set_direct_map_default_noflush(struct page *page);

#endif
