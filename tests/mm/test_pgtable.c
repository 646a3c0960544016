// SPDX-License-Identifier: LGPL-2.1-or-later
/* The kernel page tables: the direct map is entered with large leaves and walks give
 * back the physical address; mappings added and removed read back through the walk. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include "kmsg.h"
#include "mm/pgtable.h"

Test(pgtable, direct_map_uses_large_leaves)
{
	unsigned int level = 0;

	cr_assert_eq(ukmem_boot("mem=2G"), 0);
	char *p = __va(0x40001234);
	cr_assert(lookup_address((unsigned long)p, &level));
	cr_assert_eq(level, PG_LEVEL_1G);
	cr_assert_eq(slow_virt_to_phys(p), 0x40001234);
	char *text = proc_text("/proc/meminfo");
	cr_assert(strstr(text, "DirectMap1G:     2097152 kB\n"), "%s", text);
	free(text);
	ukmem_shutdown();

	cr_assert_eq(ukmem_boot("mem=6M"), -22, "too small a machine is refused");
	cr_assert_eq(ukmem_boot("mem=20M"), 0);
	p = __va(0x345678);
	cr_assert(lookup_address((unsigned long)p, &level));
	cr_assert_eq(level, PG_LEVEL_2M);
	cr_assert_eq(slow_virt_to_phys(p), 0x345678);
	cr_assert(!lookup_address((unsigned long)__va(20UL << 20), &level), "nothing past RAM");
	ukmem_shutdown();
}

Test(pgtable, four_kilobyte_mappings_walk_back)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	unsigned long before = global_node_page_state(NR_PAGETABLE);
	unsigned long addr = 0x7ff000000000UL + 0x3000;	/* any canonical address works */
	unsigned int level;

	cr_assert_eq(pgtable_map_pfns(addr, 0x1234, 3, PAGE_KERNEL), 0);
	cr_assert_eq(global_node_page_state(NR_PAGETABLE), before + 3,
		     "a pud, a pmd and a pte table were made");
	pte_t *pte = lookup_address(addr + PAGE_SIZE + 5, &level);
	cr_assert(pte);
	cr_assert_eq(level, PG_LEVEL_4K);
	cr_assert_eq(pte_pfn(*pte), 0x1235);
	cr_assert_eq(pte_val(*pte) & PTE_FLAGS_MASK, __PAGE_KERNEL);
	cr_assert_eq(slow_virt_to_phys((void *)(addr + 2 * PAGE_SIZE + 7)), 0x1236007);
	pgtable_unmap(addr, 3 * PAGE_SIZE);
	cr_assert(!lookup_address(addr, &level));
	cr_assert_eq(slow_virt_to_phys((void *)addr), 0);
	ukmem_shutdown();
}
