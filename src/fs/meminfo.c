// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs/meminfo.c: /proc/meminfo in Linux 6.1's field order and widths. Figures come from
 * the zones and node counters; vmalloc and page-table figures from the counters those
 * subsystems keep (meminfo_vmalloc_*). Things ukmem does not have (swap, page cache,
 * huge pages) read 0. */
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/mm.h>
#include "fs/meminfo.h"
#include "fs/proc.h"
#include "machine/initcalls.h"
#include "mm/internal.h"
#include "mm/pgtable.h"

#define K(pages) ((pages) << (PAGE_SHIFT - 10))

atomic_long_t meminfo_vmalloc_pages;
unsigned long meminfo_vmalloc_total_bytes;

static void show_val_kb(struct seq_file *m, const char *label, unsigned long pages)
{
	seq_printf(m, "%-16s%8lu kB\n", label, K(pages));
}

/* What the kernel's si_mem_available() estimates: free pages above the reserves plus
 * the reclaimable slab that could be given back. */
static unsigned long mem_available(unsigned long free, unsigned long sreclaimable)
{
	unsigned long reserve = 0, low = 0;

	for (int nid = 0; nid < nr_online_nodes; nid++) {
		struct zone *zone;

		for_each_zone_in_node(zone, NODE_DATA(nid)) {
			long max_reserve = 0;

			for (int i = 0; i < MAX_NR_ZONES; i++)
				max_reserve = max(max_reserve, zone->lowmem_reserve[i]);
			reserve += min((unsigned long)max_reserve + high_wmark_pages(zone),
				       zone_managed_pages(zone));
			low += low_wmark_pages(zone);
		}
	}
	long avail = (long)free - (long)reserve;

	avail += (long)sreclaimable - (long)min(sreclaimable / 2, low);
	return avail < 0 ? 0 : (unsigned long)avail;
}

static int meminfo_show(struct seq_file *m, void *data)
{
	unsigned long free = global_free_pages();
	unsigned long srecl = global_node_page_state(NR_SLAB_RECLAIMABLE_B) >> PAGE_SHIFT;
	unsigned long sunrecl = global_node_page_state(NR_SLAB_UNRECLAIMABLE_B) >> PAGE_SHIFT;
	unsigned long vmalloc_pages = (unsigned long)__atomic_load_n(&meminfo_vmalloc_pages.counter,
								     __ATOMIC_RELAXED);

	show_val_kb(m, "MemTotal:", totalram_pages());
	show_val_kb(m, "MemFree:", free);
	show_val_kb(m, "MemAvailable:", mem_available(free, srecl));
	static const char *const zero_fields[] = {
		"Buffers:", "Cached:", "SwapCached:", "Active:", "Inactive:", "Active(anon):",
		"Inactive(anon):", "Active(file):", "Inactive(file):", "Unevictable:", "Mlocked:",
		"SwapTotal:", "SwapFree:", "Zswap:", "Zswapped:", "Dirty:", "Writeback:",
		"AnonPages:", "Mapped:", "Shmem:",
	};
	for (size_t i = 0; i < ARRAY_SIZE(zero_fields); i++)
		show_val_kb(m, zero_fields[i], 0);
	show_val_kb(m, "KReclaimable:", srecl);
	show_val_kb(m, "Slab:", srecl + sunrecl);
	show_val_kb(m, "SReclaimable:", srecl);
	show_val_kb(m, "SUnreclaim:", sunrecl);
	seq_printf(m, "%-16s%8lu kB\n", "KernelStack:", global_node_page_state(NR_KERNEL_STACK_KB));
	show_val_kb(m, "PageTables:", global_node_page_state(NR_PAGETABLE));
	show_val_kb(m, "SecPageTables:", 0);
	show_val_kb(m, "NFS_Unstable:", 0);
	show_val_kb(m, "Bounce:", 0);
	show_val_kb(m, "WritebackTmp:", 0);
	show_val_kb(m, "CommitLimit:", totalram_pages() / 2);
	show_val_kb(m, "Committed_AS:", 0);
	seq_printf(m, "%-16s%8lu kB\n", "VmallocTotal:", meminfo_vmalloc_total_bytes >> 10);
	show_val_kb(m, "VmallocUsed:", vmalloc_pages);
	show_val_kb(m, "VmallocChunk:", 0);
	show_val_kb(m, "Percpu:", pcpu_nr_pages());
	seq_printf(m, "HardwareCorrupted: %5lu kB\n", 0UL);
	static const char *const huge_fields[] = {
		"AnonHugePages:", "ShmemHugePages:", "ShmemPmdMapped:", "FileHugePages:",
		"FilePmdMapped:",
	};
	for (size_t i = 0; i < ARRAY_SIZE(huge_fields); i++)
		show_val_kb(m, huge_fields[i], 0);
	seq_printf(m, "HugePages_Total:   %5lu\nHugePages_Free:    %5lu\n"
		   "HugePages_Rsvd:    %5lu\nHugePages_Surp:    %5lu\n", 0UL, 0UL, 0UL, 0UL);
	seq_printf(m, "%-16s%8lu kB\n", "Hugepagesize:", 2048UL);
	seq_printf(m, "%-16s%8lu kB\n", "Hugetlb:", 0UL);
	seq_printf(m, "%-16s%8lu kB\n", "DirectMap4k:", direct_map_bytes[PG_LEVEL_4K] >> 10);
	seq_printf(m, "%-16s%8lu kB\n", "DirectMap2M:", direct_map_bytes[PG_LEVEL_2M] >> 10);
	seq_printf(m, "%-16s%8lu kB\n", "DirectMap1G:", direct_map_bytes[PG_LEVEL_1G] >> 10);
	return 0;
}

int meminfo_init(void)
{
	return proc_create_view("/proc/meminfo", meminfo_show, NULL);
}

void meminfo_exit(void)
{
	meminfo_vmalloc_pages.counter = 0;
}
