/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/pgtable.h: the kernel's page tables, four levels (pgd, pud, pmd, pte; p4d folded
 * into the pgd as on 4-level x86-64). Tables are pages of the machine; an entry holds the
 * physical address of the next table or of the mapped frame, with x86 flag bits.
 * Every kernel-side mapping ukmem makes (direct map, vmalloc, ioremap) is mirrored here;
 * walkers read the tables through the direct map, as hardware would through CR3. */
#ifndef UKMEM_LINUX_PGTABLE_H
#define UKMEM_LINUX_PGTABLE_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/compiler.h>
#include <asm/pgtable_types.h>
#include <asm/page.h>

#define PGDIR_SHIFT	39
#define PUD_SHIFT	30
#define PMD_SHIFT	21
#define PTRS_PER_PGD	512
#define PTRS_PER_P4D	1
#define PTRS_PER_PUD	512
#define PTRS_PER_PMD	512
#define PTRS_PER_PTE	512
#define PGDIR_SIZE	(1UL << PGDIR_SHIFT)
#define PUD_SIZE	(1UL << PUD_SHIFT)
#define PMD_SIZE	(1UL << PMD_SHIFT)
#define PUD_MASK	(~(PUD_SIZE - 1))
#define PMD_MASK	(~(PMD_SIZE - 1))

#define pte_val(x)	((x).pte)
#define pmd_val(x)	((x).pmd)
#define pud_val(x)	((x).pud)
#define p4d_val(x)	((x).p4d)
#define pgd_val(x)	((x).pgd)
#define __pte(x)	((pte_t){ (x) })
#define __pmd(x)	((pmd_t){ (x) })
#define __pud(x)	((pud_t){ (x) })
#define __pgd(x)	((pgd_t){ (x) })

extern pgd_t *init_mm_pgd;	/* the kernel's top-level table */

static inline unsigned long pgd_index(unsigned long a) { return (a >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1); }
static inline unsigned long pud_index(unsigned long a) { return (a >> PUD_SHIFT) & (PTRS_PER_PUD - 1); }
static inline unsigned long pmd_index(unsigned long a) { return (a >> PMD_SHIFT) & (PTRS_PER_PMD - 1); }
static inline unsigned long pte_index(unsigned long a) { return (a >> PAGE_SHIFT) & (PTRS_PER_PTE - 1); }

static inline pgd_t *pgd_offset_k(unsigned long addr) { return init_mm_pgd + pgd_index(addr); }
static inline p4d_t *p4d_offset(pgd_t *pgd, unsigned long addr) { return (p4d_t *)pgd; }

static inline bool pgd_none(pgd_t pgd) { return !pgd_val(pgd); }
static inline bool p4d_none(p4d_t p4d) { return !p4d_val(p4d); }
static inline bool pud_none(pud_t pud) { return !pud_val(pud); }
static inline bool pmd_none(pmd_t pmd) { return !pmd_val(pmd); }
static inline bool pte_none(pte_t pte) { return !pte_val(pte); }
static inline bool pte_present(pte_t pte) { return pte_val(pte) & _PAGE_PRESENT; }
static inline bool pud_large(pud_t pud) { return (pud_val(pud) & (_PAGE_PSE | _PAGE_PRESENT)) == (_PAGE_PSE | _PAGE_PRESENT); }
static inline bool pmd_large(pmd_t pmd) { return (pmd_val(pmd) & (_PAGE_PSE | _PAGE_PRESENT)) == (_PAGE_PSE | _PAGE_PRESENT); }
#define pud_leaf(pud)	pud_large(pud)
#define pmd_leaf(pmd)	pmd_large(pmd)

static inline pud_t *pud_offset(p4d_t *p4d, unsigned long addr)
{
	return (pud_t *)__va(p4d_val(*p4d) & PTE_PFN_MASK) + pud_index(addr);
}
static inline pmd_t *pmd_offset(pud_t *pud, unsigned long addr)
{
	return (pmd_t *)__va(pud_val(*pud) & PTE_PFN_MASK) + pmd_index(addr);
}
static inline pte_t *pte_offset_kernel(pmd_t *pmd, unsigned long addr)
{
	return (pte_t *)__va(pmd_val(*pmd) & PTE_PFN_MASK) + pte_index(addr);
}

static inline unsigned long pte_pfn(pte_t pte) { return (pte_val(pte) & PTE_PFN_MASK) >> PAGE_SHIFT; }
static inline unsigned long pmd_pfn(pmd_t pmd) { return (pmd_val(pmd) & PTE_PFN_MASK) >> PAGE_SHIFT; }
static inline unsigned long pud_pfn(pud_t pud) { return (pud_val(pud) & PTE_PFN_MASK) >> PAGE_SHIFT; }
static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot)
{
	return __pte(((pteval_t)pfn << PAGE_SHIFT) | pgprot_val(prot));
}
static inline pgprot_t pte_pgprot(pte_t pte) { return __pgprot(pte_val(pte) & PTE_FLAGS_MASK); }
static inline void set_pte(pte_t *ptep, pte_t pte) { WRITE_ONCE(ptep->pte, pte.pte); }
static inline pte_t ptep_get(pte_t *ptep) { return __pte(READ_ONCE(ptep->pte)); }
static inline void pte_clear_kernel(pte_t *ptep) { WRITE_ONCE(ptep->pte, 0); }

/* The entry mapping addr, at whatever level it is a leaf: *level is 1 for a 4 KiB pte,
 * 2 for a 2 MiB pmd, 3 for a 1 GiB pud. NULL where nothing is mapped. */
pte_t *lookup_address(unsigned long addr, unsigned int *level);
#define PG_LEVEL_4K	1
#define PG_LEVEL_2M	2
#define PG_LEVEL_1G	3
phys_addr_t slow_virt_to_phys(void *addr);

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/pgtable.h> brings with it, once this header is complete. */
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/completion.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/kmsan-checks.h>
#include <linux/kref.h>
#include <linux/ktime.h>
#include <linux/linkage.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/mm_types.h>
#include <linux/numa.h>
#include <linux/overflow.h>
#include <linux/percpu-defs.h>
#include <linux/rbtree.h>
#include <linux/rcupdate.h>
#include <linux/rwsem.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#include <linux/workqueue.h>
#endif
#endif
