/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* asm/pgtable_types.h: x86-64 page-table entry bits, pgprot_t and the kernel's standard
 * protections. ukmem's software page tables use exactly these encodings. */
#ifndef UKMEM_ASM_PGTABLE_TYPES_H
#define UKMEM_ASM_PGTABLE_TYPES_H

#include <linux/types.h>

typedef u64 pteval_t;
typedef u64 pmdval_t;
typedef u64 pudval_t;
typedef u64 p4dval_t;
typedef u64 pgdval_t;
typedef u64 pgprotval_t;

typedef struct { pteval_t pte; } pte_t;
typedef struct { pmdval_t pmd; } pmd_t;
typedef struct { pudval_t pud; } pud_t;
typedef struct { p4dval_t p4d; } p4d_t;
typedef struct { pgdval_t pgd; } pgd_t;
typedef struct pgprot { pgprotval_t pgprot; } pgprot_t;

#define _PAGE_BIT_PRESENT	0
#define _PAGE_BIT_RW		1
#define _PAGE_BIT_USER		2
#define _PAGE_BIT_PWT		3
#define _PAGE_BIT_PCD		4
#define _PAGE_BIT_ACCESSED	5
#define _PAGE_BIT_DIRTY		6
#define _PAGE_BIT_PSE		7
#define _PAGE_BIT_PAT		7
#define _PAGE_BIT_GLOBAL	8
#define _PAGE_BIT_SPECIAL	9
#define _PAGE_BIT_NX		63

#define _PAGE_PRESENT	(1ULL << _PAGE_BIT_PRESENT)
#define _PAGE_RW	(1ULL << _PAGE_BIT_RW)
#define _PAGE_USER	(1ULL << _PAGE_BIT_USER)
#define _PAGE_PWT	(1ULL << _PAGE_BIT_PWT)
#define _PAGE_PCD	(1ULL << _PAGE_BIT_PCD)
#define _PAGE_ACCESSED	(1ULL << _PAGE_BIT_ACCESSED)
#define _PAGE_DIRTY	(1ULL << _PAGE_BIT_DIRTY)
#define _PAGE_PSE	(1ULL << _PAGE_BIT_PSE)
#define _PAGE_PAT	(1ULL << _PAGE_BIT_PAT)
#define _PAGE_GLOBAL	(1ULL << _PAGE_BIT_GLOBAL)
#define _PAGE_SPECIAL	(1ULL << _PAGE_BIT_SPECIAL)
#define _PAGE_NX	(1ULL << _PAGE_BIT_NX)
#define _PAGE_CACHE_MASK	(_PAGE_PWT | _PAGE_PCD | _PAGE_PAT)
#define PTE_PFN_MASK	0x000ffffffffff000ULL
#define PTE_FLAGS_MASK	(~PTE_PFN_MASK)

#define __pgprot(x)	((pgprot_t){ (x) })
#define pgprot_val(x)	((x).pgprot)

#define __PAGE_KERNEL		(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | \
				 _PAGE_GLOBAL | _PAGE_NX)
#define __PAGE_KERNEL_EXEC	(__PAGE_KERNEL & ~_PAGE_NX)
#define __PAGE_KERNEL_RO	(__PAGE_KERNEL & ~_PAGE_RW)
#define PAGE_KERNEL		__pgprot(__PAGE_KERNEL)
#define PAGE_KERNEL_EXEC	__pgprot(__PAGE_KERNEL_EXEC)
#define PAGE_KERNEL_RO		__pgprot(__PAGE_KERNEL_RO)
#define PAGE_KERNEL_NOCACHE	__pgprot(__PAGE_KERNEL | _PAGE_PCD | _PAGE_PWT)
#define PAGE_KERNEL_IO		__pgprot(__PAGE_KERNEL | _PAGE_PCD | _PAGE_PWT)
#define PAGE_KERNEL_IO_NOCACHE	PAGE_KERNEL_IO
#define PAGE_KERNEL_LARGE	__pgprot(__PAGE_KERNEL | _PAGE_PSE)
#define PAGE_NONE		__pgprot(_PAGE_ACCESSED | _PAGE_GLOBAL)
#define PAGE_SHARED		__pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX)
#define PAGE_READONLY		__pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX)

/* Caching attributes as x86 encodes them in a 4 KiB PTE (PAT index bits PWT, PCD, PAT). */
#define _PAGE_CACHE_WB		0ULL
#define _PAGE_CACHE_WC		_PAGE_PWT
#define _PAGE_CACHE_UC_MINUS	_PAGE_PCD
#define _PAGE_CACHE_UC		(_PAGE_PCD | _PAGE_PWT)
#define pgprot_noncached(prot)	__pgprot((pgprot_val(prot) & ~_PAGE_CACHE_MASK) | _PAGE_CACHE_UC_MINUS)
#define pgprot_writecombine(prot) __pgprot((pgprot_val(prot) & ~_PAGE_CACHE_MASK) | _PAGE_CACHE_WC)
#define pgprot_device(prot)	pgprot_noncached(prot)

#endif
