// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/pgtable.c: the kernel page tables (init_mm's pgd) and the routines that fill them.
 * The direct map is entered with 1 GiB and 2 MiB leaf entries, as x86-64 maps it, split
 * to 4 KiB ptes where single pages must be made not present (KFENCE's pool); vmalloc and
 * ioremap areas with 4 KiB ptes. Table pages come from the page allocator
 * (counted as PageTables) and are kept once made, as the kernel keeps kernel tables.
 * One lock serialises changes; walkers read entries with READ_ONCE. */
#include <errno.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/spinlock.h>
#include <linux/export.h>
#include "machine/initcalls.h"
#include "machine/physmem.h"
#include "mm/pgtable.h"
#include "machine/fork.h"

pgd_t *init_mm_pgd;
EXPORT_SYMBOL(init_mm_pgd);
unsigned long direct_map_bytes[PG_LEVEL_1G + 1];
static DEFINE_SPINLOCK(pgtable_lock);

#define _KERNPG_TABLE (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)

static u64 alloc_table(void)
{
	struct page *page = alloc_page(GFP_ATOMIC | __GFP_ZERO | __GFP_NOWARN);

	if (!page)
		return 0;
	__SetPageTable(page);
	mod_node_page_state(page_pgdat(page), NR_PAGETABLE, 1);
	return page_to_phys(page) | _KERNPG_TABLE;
}

static void free_table(u64 entry)
{
	struct page *page = phys_to_page(entry & PTE_PFN_MASK);

	__ClearPageTable(page);
	mod_node_page_state(page_pgdat(page), NR_PAGETABLE, -1);
	__free_pages(page, 0);
}

/* Makes sure *entry points to a table; returns false if none could be had. */
static bool ensure_table(u64 *entry)
{
	if (*entry)
		return true;
	*entry = alloc_table();
	return *entry != 0;
}

/* The pte slot for addr, building missing levels (pgtable_lock held). */
static pte_t *pte_alloc_walk(unsigned long addr)
{
	pgd_t *pgd = pgd_offset_k(addr);
	pud_t *pud;
	pmd_t *pmd;

	if (!ensure_table(&pgd->pgd))
		return NULL;
	pud = pud_offset(p4d_offset(pgd, addr), addr);
	if (!ensure_table(&pud->pud))
		return NULL;
	pmd = pmd_offset(pud, addr);
	if (!ensure_table(&pmd->pmd))
		return NULL;
	return pte_offset_kernel(pmd, addr);
}

int pgtable_map_pfns(unsigned long addr, unsigned long pfn, unsigned long nr, pgprot_t prot)
{
	int err = 0;

	spin_lock(&pgtable_lock);
	for (unsigned long i = 0; i < nr; i++) {
		pte_t *pte = pte_alloc_walk(addr + i * PAGE_SIZE);

		if (!pte) {
			err = -ENOMEM;
			break;
		}
		set_pte(pte, pfn_pte(pfn + i, prot));
	}
	spin_unlock(&pgtable_lock);
	return err;
}

void pgtable_unmap(unsigned long addr, unsigned long size)
{
	spin_lock(&pgtable_lock);
	for (unsigned long a = addr; a < addr + size; a += PAGE_SIZE) {
		unsigned int level;
		pte_t *pte = lookup_address(a, &level);

		if (pte && level == PG_LEVEL_4K)
			pte_clear_kernel(pte);
	}
	spin_unlock(&pgtable_lock);
}

/**
 * lookup_address - find the kernel page-table entry mapping an address
 * @addr: a kernel virtual address
 * @level: receives PG_LEVEL_4K, PG_LEVEL_2M or PG_LEVEL_1G
 *
 * Context: any context; takes no lock (the caller keeps the mapping alive).
 * Return: the entry (a pmd or pud for a large mapping, cast to pte_t), or NULL if the
 * address is not mapped.
 */
pte_t *lookup_address(unsigned long addr, unsigned int *level)
{
	pgd_t *pgd = pgd_offset_k(addr);
	pud_t *pud;
	pmd_t *pmd;
	pte_t *pte;

	if (!init_mm_pgd || pgd_none(*pgd))
		return NULL;
	pud = pud_offset(p4d_offset(pgd, addr), addr);
	if (pud_none(*pud))
		return NULL;
	if (pud_large(*pud)) {
		*level = PG_LEVEL_1G;
		return (pte_t *)pud;
	}
	pmd = pmd_offset(pud, addr);
	if (pmd_none(*pmd))
		return NULL;
	if (pmd_large(*pmd)) {
		*level = PG_LEVEL_2M;
		return (pte_t *)pmd;
	}
	pte = pte_offset_kernel(pmd, addr);
	*level = PG_LEVEL_4K;
	return pte_present(*pte) ? pte : NULL;
}
EXPORT_SYMBOL_GPL(lookup_address);

/**
 * slow_virt_to_phys - the physical address of any mapped kernel address
 * @address: a kernel virtual address (direct map, vmalloc, ioremap, ...)
 *
 * Context: any context; takes no lock.
 * Return: the physical address, or 0 if @address is not mapped (Linux 6.1 has a BUG there).
 */
phys_addr_t slow_virt_to_phys(void *address)
{
	unsigned long addr = (unsigned long)address;
	static const unsigned long level_size[] = { 0, PAGE_SIZE, PMD_SIZE, PUD_SIZE };
	unsigned int level = 0;
	pte_t *pte = lookup_address(addr, &level);

	if (!pte)
		return 0;
	return (pte_val(*pte) & PTE_PFN_MASK & ~(u64)(level_size[level] - 1)) |
	       (addr & (level_size[level] - 1));
}
EXPORT_SYMBOL_GPL(slow_virt_to_phys);

/* Replaces the large leaf at *entry (a 1 GiB pud or a 2 MiB pmd) with a table of 512
 * leaves one level down, mapping the same memory with the same protection (pgtable_lock
 * held); false if no table could be had. */
static bool split_leaf(u64 *entry, int level)
{
	u64 leaf = *entry, table = alloc_table(), *t;
	u64 step = level == PG_LEVEL_1G ? PMD_SIZE : PAGE_SIZE;
	/* a 4 KiB pte has no PSE bit (bit 7 is PAT there) */
	u64 flags = (leaf & ~PTE_PFN_MASK) & (level == PG_LEVEL_1G ? ~0ULL : ~(u64)_PAGE_PSE);

	if (!table)
		return false;
	t = __va(table & PTE_PFN_MASK);
	for (int i = 0; i < 512; i++)
		t[i] = ((leaf & PTE_PFN_MASK) + i * step) | flags;
	WRITE_ONCE(*entry, table);
	direct_map_bytes[level] -= 512 * step;
	direct_map_bytes[level - 1] += 512 * step;
	return true;
}

/* The 4 KiB pte of the direct map's page at addr, splitting the leaves above it (as
 * x86's change_page_attr splits them); NULL if addr is not in the direct map or no
 * table could be had. pgtable_lock held. */
static pte_t *direct_map_pte(unsigned long addr)
{
	pgd_t *pgd = pgd_offset_k(addr);
	pud_t *pud;
	pmd_t *pmd;

	if (!init_mm_pgd || pgd_none(*pgd) || !virt_addr_valid((void *)addr))
		return NULL;
	pud = pud_offset(p4d_offset(pgd, addr), addr);
	if (pud_none(*pud) || (pud_large(*pud) && !split_leaf(&pud->pud, PG_LEVEL_1G)))
		return NULL;
	pmd = pmd_offset(pud, addr);
	if (pmd_none(*pmd) || (pmd_large(*pmd) && !split_leaf(&pmd->pmd, PG_LEVEL_2M)))
		return NULL;
	return pte_offset_kernel(pmd, addr);
}

/**
 * set_memory_4k - map pages of the direct map with 4 KiB entries
 * @addr: the first page's address in the direct map
 * @numpages: how many pages
 *
 * The 2 MiB and 1 GiB leaves covering the range are split, as x86's set_memory_4k()
 * splits them, so that single pages can then be made not present (KFENCE's guard
 * pages). /proc/meminfo's DirectMap4k/2M/1G follow.
 *
 * Context: process context; takes the page-table lock; may allocate table pages.
 * Return: 0, -EINVAL for an address outside the direct map, or -ENOMEM.
 */
int set_memory_4k(unsigned long addr, int numpages)
{
	int err = 0;

	spin_lock(&pgtable_lock);
	for (int i = 0; i < numpages && !err; i++)
		if (!direct_map_pte(addr + (unsigned long)i * PAGE_SIZE))
			err = virt_addr_valid((void *)(addr + (unsigned long)i * PAGE_SIZE)) ?
			      -ENOMEM : -EINVAL;
	spin_unlock(&pgtable_lock);
	return err;
}

/* Sets or clears the present bit of page's direct-map pte. */
static int set_direct_map_present(struct page *page, bool present)
{
	pte_t *pte;
	int err = 0;

	spin_lock(&pgtable_lock);
	pte = direct_map_pte((unsigned long)page_address(page));
	if (pte)
		set_pte(pte, __pte(present ? pte_val(*pte) | _PAGE_PRESENT :
				   pte_val(*pte) & ~(u64)_PAGE_PRESENT));
	else
		err = -ENOMEM;
	spin_unlock(&pgtable_lock);
	return err;
}

/**
 * set_direct_map_invalid_noflush - make a page of the direct map not present
 * @page: the page
 *
 * Its 4 KiB pte loses _PAGE_PRESENT (the leaves above it are split first if need be),
 * as Linux does for a page it must trap every access to: lookup_address() no longer
 * finds it. Only the page tables change; the host mapping is the caller's.
 *
 * Context: process context; takes the page-table lock.
 * Return: 0, or -ENOMEM if a table could not be had.
 */
int set_direct_map_invalid_noflush(struct page *page)
{
	return set_direct_map_present(page, false);
}

/**
 * set_direct_map_default_noflush - make a page of the direct map present again
 * @page: the page
 *
 * Context: process context; takes the page-table lock.
 * Return: 0, or -ENOMEM if a table could not be had.
 */
int set_direct_map_default_noflush(struct page *page)
{
	return set_direct_map_present(page, true);
}

/* Enters [phys, phys + size) of the direct map with the largest leaves that fit. */
static int map_direct_range(phys_addr_t phys, phys_addr_t end)
{
	while (phys < end) {
		unsigned long addr = (unsigned long)__va(phys);
		pgd_t *pgd = pgd_offset_k(addr);
		pud_t *pud;
		pmd_t *pmd;

		if (!ensure_table(&pgd->pgd))
			return -ENOMEM;
		pud = pud_offset(p4d_offset(pgd, addr), addr);
		if (!(phys & (PUD_SIZE - 1)) && end - phys >= PUD_SIZE) {
			pud->pud = phys | __PAGE_KERNEL | _PAGE_PSE;
			direct_map_bytes[PG_LEVEL_1G] += PUD_SIZE;
			phys += PUD_SIZE;
			continue;
		}
		if (!ensure_table(&pud->pud))
			return -ENOMEM;
		pmd = pmd_offset(pud, addr);
		pmd->pmd = phys | __PAGE_KERNEL | _PAGE_PSE;
		direct_map_bytes[PG_LEVEL_2M] += PMD_SIZE;
		phys += PMD_SIZE;
	}
	return 0;
}

int pgtable_init(void)
{
	u64 root = alloc_table();
	phys_addr_t top = (phys_addr_t)direct_map_size;
	int err;

	if (!root)
		return -ENOMEM;
	init_mm_pgd = __va(root & PTE_PFN_MASK);
	memset(direct_map_bytes, 0, sizeof(direct_map_bytes));
	err = map_direct_range(0, top > PCI_HOLE_END ? PCI_HOLE_START : top);
	if (!err && top > PCI_HOLE_END)
		err = map_direct_range(PCI_HOLE_END, top);
	return err;
}

/* Frees every table page below the pgd, then the pgd. */
static void free_level(u64 *table, int level)
{
	if (level == 1)
		return;
	for (int i = 0; i < 512; i++) {
		u64 e = table[i];

		if (!e || (level < 4 && (e & _PAGE_PSE)))
			continue;
		free_level(__va(e & PTE_PFN_MASK), level - 1);
		free_table(e);
	}
}

void pgtable_exit(void)
{
	if (!init_mm_pgd)
		return;
	free_level((u64 *)init_mm_pgd, 4);
	free_table(__pa(init_mm_pgd) | _KERNPG_TABLE);
	init_mm_pgd = NULL;
}

/* fork (machine/fork.h): no page table half-changed in the child. */
static void pgtable_fork_lock(void) { spin_lock(&pgtable_lock); }
static void pgtable_fork_unlock(void) { spin_unlock(&pgtable_lock); }
FORK_LOCK(pgtable, FORK_ORDER_PGTABLE, pgtable_fork_lock, pgtable_fork_unlock);
