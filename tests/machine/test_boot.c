// SPDX-License-Identifier: LGPL-2.1-or-later
/* Boot, command line, physical layout, zones and the /proc views of the foundation. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include "kmsg.h"

static long rss_kb(void)
{
	long pages_total, pages_rss;
	FILE *f = fopen("/proc/self/statm", "r");

	cr_assert(f);
	cr_assert_eq(fscanf(f, "%ld %ld", &pages_total, &pages_rss), 2);
	fclose(f);
	return pages_rss * 4;
}

/* Mappings of the host's in [lo, hi), from /proc/self/maps (the host's own view). */
static int host_mappings_in(unsigned long lo, unsigned long hi, char *first, size_t len)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];
	int n = 0;

	cr_assert(f);
	while (fgets(line, sizeof(line), f)) {
		unsigned long start, end;

		if (sscanf(line, "%lx-%lx", &start, &end) == 2 && start < hi && end > lo &&
		    !n++ && first)
			snprintf(first, len, "%s", line);
	}
	fclose(f);
	return n;
}

Test(boot, default_machine_has_256m_and_pc_layout)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(ukmem_is_booted(), 1);
	cr_assert_eq(max_pfn, (256UL << 20) >> PAGE_SHIFT);
	cr_assert(!pfn_valid(max_pfn));
	cr_assert(PageReserved(pfn_to_page(0)), "page 0 is reserved");
	cr_assert(PageReserved(pfn_to_page(0xA0)), "legacy hole is reserved");
	cr_assert(PageReserved(pfn_to_page(0xFF)));
	cr_assert_str_eq(NODE_DATA(0)->node_zones[ZONE_DMA].name, "DMA");
	cr_assert_eq(NODE_DATA(0)->node_zones[ZONE_DMA].zone_start_pfn, 1);
	cr_assert_eq(NODE_DATA(0)->node_zones[ZONE_DMA].spanned_pages, 4095);
	cr_assert_eq(NODE_DATA(0)->node_zones[ZONE_DMA32].zone_start_pfn, 4096);
	cr_assert_eq(NODE_DATA(0)->node_zones[ZONE_NORMAL].present_pages, 0);
	cr_assert_eq(ukmem_boot(NULL), -EBUSY);
	ukmem_shutdown();
	cr_assert_eq(ukmem_is_booted(), 0);
}

Test(boot, reboot_with_other_size)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	cr_assert_eq(max_pfn, (64UL << 20) >> PAGE_SHIFT);
	ukmem_shutdown();
	cr_assert_eq(ukmem_boot("mem=128M"), 0);
	cr_assert_eq(max_pfn, (128UL << 20) >> PAGE_SHIFT);
	struct page *p = alloc_pages(GFP_KERNEL, 0);
	cr_assert(p);
	memset(page_address(p), 0x5a, PAGE_SIZE);
	__free_pages(p, 0);
	ukmem_shutdown();
}

#define DM_WINDOW	0x110000000000UL	/* 17-32 TiB */
#define VM_WINDOW	0x200000000000UL	/* 32-80 TiB */
#define VM_WINDOW_END	0x500000000000UL
#define VMALLOC_SIZE	(1UL << 40)	/* what these tests ask for with vmalloc=1T */

/* Whether the harness's own mappings leave a 1 GiB-aligned hole of size bytes in the
 * vmalloc window (its arena lies at a random address, sometimes inside). */
static bool vmalloc_window_fits(unsigned long size)
{
	FILE *f = fopen("/proc/self/maps", "r");
	unsigned long cursor = VM_WINDOW, start, end;
	bool fits = false;
	char line[512];

	cr_assert(f);
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx", &start, &end) != 2 || end <= cursor ||
		    start >= VM_WINDOW_END)
			continue;
		fits |= start > cursor && ALIGN(cursor, 1UL << 30) + size <= start;
		cursor = end;
	}
	fclose(f);
	return fits || ALIGN(cursor, 1UL << 30) + size <= VM_WINDOW_END;
}

static bool vmalloc_window_has_room(void)
{
	return vmalloc_window_fits(VMALLOC_SIZE);
}

/* vmalloc=auto, the default, takes x86-64's 32 TiB, or the largest power of two the
 * window has a hole for (down to 1 TiB): with mappings planted to leave holes of about
 * 17, 15 and 14 TiB, it is 16 TiB (less if the harness's arena lies in the larger one). */
Test(boot, vmalloc_auto_takes_the_largest_space_that_fits)
{
	unsigned long plant[2] = { VM_WINDOW + (17UL << 40), VM_WINDOW + (33UL << 40) };
	void *squatter[2];
	unsigned long expect = 32UL << 40;

	while (expect > VMALLOC_SIZE && !vmalloc_window_fits(expect))
		expect >>= 1;
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	cr_assert_eq(VMALLOC_END - VMALLOC_START, expect);
	ukmem_shutdown();

	for (int i = 0; i < 2; i++) {
		squatter[i] = mmap((void *)plant[i], 4096, PROT_NONE,
				   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
		cr_assert(squatter[i] == (void *)plant[i] || errno == EEXIST, "%m");
	}
	expect = 16UL << 40;
	while (expect > VMALLOC_SIZE && !vmalloc_window_fits(expect))
		expect >>= 1;
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	cr_assert_eq(VMALLOC_END - VMALLOC_START, expect);
	cr_assert(VMALLOC_START >= VM_WINDOW && VMALLOC_END <= VM_WINDOW_END, "0x%lx", VMALLOC_START);
	void *v = vmalloc(1 << 20);

	cr_assert(v);
	memset(v, 0x5a, 1 << 20);
	vfree(v);
	ukmem_shutdown();
	for (int i = 0; i < 2; i++)
		if (squatter[i] != MAP_FAILED)
			munmap(squatter[i], 4096);
	/* an explicit size is taken as given */
	cr_assert_eq(ukmem_boot("mem=64M vmalloc=2T"), 0);
	cr_assert_eq(VMALLOC_END - VMALLOC_START, 2UL << 40);
	ukmem_shutdown();
}

/* Each boot places the direct map and vmalloc at new random 1 GiB-aligned bases in their
 * windows (as KASLR does); nokaslr pins them at the windows' starts. When the harness's
 * mappings leave the vmalloc area no room in its window, the host places it and the log
 * says so. */
Test(boot, regions_move_at_each_boot_unless_nokaslr)
{
	unsigned long dm[8], vm[8];
	bool room = vmalloc_window_has_room();
	int distinct = 0;

	for (int i = 0; i < 8; i++) {
		cr_assert_eq(ukmem_boot("mem=64M vmalloc=1T"), 0);
		dm[i] = PAGE_OFFSET;
		vm[i] = VMALLOC_START;
		cr_assert_eq(VMALLOC_END - VMALLOC_START, VMALLOC_SIZE);
		if (!room)
			cr_assert(kmsg_contains("kaslr: no room for vmalloc in 0x200000000000-0x500000000000, placed at 0x"));
		ukmem_shutdown();
		cr_assert_eq(dm[i] & ((1UL << 30) - 1), 0, "0x%lx", dm[i]);
		cr_assert(dm[i] >= DM_WINDOW && dm[i] < VM_WINDOW, "0x%lx", dm[i]);
		if (room) {
			cr_assert_eq(vm[i] & ((1UL << 30) - 1), 0, "0x%lx", vm[i]);
			cr_assert(vm[i] >= VM_WINDOW && vm[i] + VMALLOC_SIZE <= VM_WINDOW_END,
				  "0x%lx", vm[i]);
		}
		distinct += i && dm[i] != dm[i - 1] && (!room || vm[i] != vm[i - 1]);
	}
	/* 15360 and up to 16385 slots: seven repeats in a row would be a broken generator. */
	cr_assert_geq(distinct, 1);
	for (int i = 0; i < 2; i++) {
		/* the harness's own mappings may lie there: Criterion's arena, at a random
		 * address, was seen in vmalloc's pinned range */
		bool dm_free = !host_mappings_in(DM_WINDOW, DM_WINDOW + (4UL << 30), NULL, 0);
		bool vm_free = !host_mappings_in(VM_WINDOW, VM_WINDOW + VMALLOC_SIZE, NULL, 0);

		cr_assert_eq(ukmem_boot("mem=64M nokaslr vmalloc=1T"), 0);
		if (dm_free)
			cr_assert_eq(PAGE_OFFSET, DM_WINDOW);
		else if (PAGE_OFFSET != DM_WINDOW)
			cr_assert(kmsg_contains("nokaslr: 0x110000000000 is taken in the host, the direct map placed at "));
		if (vm_free)
			cr_assert_eq(VMALLOC_START, VM_WINDOW);
		else
			cr_assert(kmsg_contains("nokaslr: 0x200000000000 is taken in the host, vmalloc placed at "));
		ukmem_shutdown();
	}
}

/* nokaslr's base taken by a mapping of the host's: the region goes to another slot of
 * its window, and the log says so. */
Test(boot, nokaslr_base_taken_by_the_host_moves_the_region_within_its_window)
{
	void *squatter = mmap((void *)VM_WINDOW, 4096, PROT_NONE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	/* EEXIST: a mapping of the harness's holds it already, which serves as well */
	cr_assert(squatter == (void *)VM_WINDOW || errno == EEXIST, "%m");
	bool room = vmalloc_window_has_room();

	cr_assert_eq(ukmem_boot("mem=64M nokaslr vmalloc=1T"), 0);
	cr_assert_neq(VMALLOC_START, VM_WINDOW);
	if (room) {
		cr_assert(VMALLOC_START > VM_WINDOW && VMALLOC_END <= VM_WINDOW_END,
			  "0x%lx", VMALLOC_START);
		cr_assert_eq(VMALLOC_START & ((1UL << 30) - 1), 0);
	}
	cr_assert(kmsg_contains("nokaslr: 0x200000000000 is taken in the host, vmalloc placed at "));
	cr_assert(!kmsg_contains("the direct map placed at"));
	void *v = vmalloc(1 << 20);

	cr_assert(v);
	memset(v, 0x5a, 1 << 20);
	vfree(v);
	ukmem_shutdown();
	if (squatter != MAP_FAILED)
		munmap(squatter, 4096);
}

/* Shutdown gives back every range of the direct map's and vmalloc's windows: a mapping
 * left there (a range the lazy purge re-reserved, say) would take the next boot's slot. */
Test(boot, shutdown_leaves_nothing_in_the_regions_windows)
{
	char first[512] = "";
	/* the harness's own mappings may lie there (Criterion's arena does) */
	int before = host_mappings_in(DM_WINDOW, VM_WINDOW_END, NULL, 0);

	for (int i = 0; i < 32; i++) {
		void *v[16];

		cr_assert_eq(ukmem_boot("mem=64M"), 0);
		for (int j = 0; j < 16; j++)
			cr_assert(v[j] = vmalloc((j + 1) * PAGE_SIZE));
		for (int j = 0; j < 16; j += 2)
			vfree(v[j]);
		ukmem_shutdown();
		cr_assert_eq(host_mappings_in(DM_WINDOW, VM_WINDOW_END, first,
					      sizeof(first)), before, "boot %d left %s", i, first);
	}
}

/* A pointer kept from an earlier boot is refused, not taken for a live object of the
 * new machine's (which it was when the direct map stayed in place). */
Test(boot, kfree_of_a_pointer_from_an_earlier_boot_is_refused)
{
	char *old, *live[64];
	unsigned long old_base;

	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	old = kmalloc(64, GFP_KERNEL);
	old_base = PAGE_OFFSET;
	ukmem_shutdown();
	do {	/* a new boot at the same base: one chance in 16384 */
		cr_assert_eq(ukmem_boot("mem=64M"), 0);
		if (PAGE_OFFSET != old_base)
			break;
		ukmem_shutdown();
	} while (1);
	for (int i = 0; i < 64; i++) {
		live[i] = kmalloc(64, GFP_KERNEL);
		memset(live[i], i, 64);
	}
	kfree(old);
	cr_assert(kmsg_contains("kfree: object pointer 0x"));
	cr_assert(kmsg_contains(" was never handed out by kmalloc"));
	for (int i = 0; i < 64; i++) {
		for (int j = 0; j < 64; j++)
			cr_assert_eq(live[i][j], (char)i, "object %d changed", i);
		kfree(live[i]);
	}
	ukmem_shutdown();
}

Test(boot, bad_value_is_refused)
{
	cr_assert_eq(ukmem_boot("mem=12K"), -EINVAL);
	cr_assert_eq(ukmem_is_booted(), 0);
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	ukmem_shutdown();
}

Test(boot, unknown_parameters_warn_once)
{
	cr_assert_eq(ukmem_boot("mem=64M frobnicate=1 mydrv.debug=1 wibble ukmem.nonesuch=2"), 0);
	cr_assert(kmsg_contains("Unknown kernel command line parameters \"frobnicate=1 wibble "
				"ukmem.nonesuch=2\", will be passed to user space."),
		  "module parameters (mydrv.debug=1) are not unknown");
	cr_assert_eq(kmsg_count("Unknown kernel command line"), 1);
	ukmem_shutdown();
}

Test(boot, environment_is_appended)
{
	setenv("UKMEM_CMDLINE", "mem=96M", 1);
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	cr_assert_eq(max_pfn, (96UL << 20) >> PAGE_SHIFT, "the environment comes last and wins");
	cr_assert_str_eq(ukmem_cmdline(), "mem=64M mem=96M");
	/* /proc/cmdline: the same words and a newline, as Linux prints it. */
	char buf[64];

	cr_assert_eq(ukmem_proc_read("/proc/cmdline", buf, sizeof(buf)), 16);
	cr_assert_str_eq(buf, "mem=64M mem=96M\n");
	ukmem_shutdown();
	unsetenv("UKMEM_CMDLINE");
}

Test(boot, kernel_api_boots_the_default_machine)
{
	cr_assert_eq(ukmem_is_booted(), 0);
	unsigned long addr = __get_free_page(GFP_KERNEL);
	cr_assert_neq(addr, 0);
	cr_assert_eq(ukmem_is_booted(), 1);
	cr_assert_eq(max_pfn, (256UL << 20) >> PAGE_SHIFT);
	free_page(addr);
	ukmem_shutdown();
}

/* The first call may come with a spinlock held and interrupts off: the machine boots in
 * process context all the same (no "sleeping function called from invalid context"), and the
 * caller's context is what it was. */
Test(boot, kernel_api_boots_from_atomic_context)
{
	unsigned long flags;
	void *p;

	cr_assert_eq(ukmem_is_booted(), 0);
	local_irq_save(flags);
	preempt_disable();
	p = kmalloc(64, GFP_ATOMIC);
	cr_assert_not_null(p);
	cr_assert(irqs_disabled());
	cr_assert_eq(preempt_count(), 1);
	preempt_enable();
	local_irq_restore(flags);
	cr_assert(!irqs_disabled());
	kfree(p);
	cr_assert(!kmsg_contains("sleeping function called from invalid context"));
	cr_assert_eq(ukmem_tainted(), 0);
	ukmem_shutdown();
}

Test(boot, large_machine_costs_what_it_uses)
{
	long before = rss_kb();

	cr_assert_eq(ukmem_boot("mem=16G"), 0);
	long after = rss_kb();
	cr_assert_lt(after - before, 32 * 1024, "booting 16G added %ld kB resident", after - before);
	/* RAM above 3 GiB moved above 4 GiB: a PC's PCI hole. */
	cr_assert(!pfn_valid(0xC0000));
	cr_assert(pfn_valid(0x100000));
	cr_assert_gt(NODE_DATA(0)->node_zones[ZONE_NORMAL].present_pages, 0);
	cr_assert_eq(NODE_DATA(0)->node_zones[ZONE_NORMAL].zone_start_pfn, 0x100000);
	struct page *p = alloc_pages(GFP_KERNEL, 10);
	cr_assert(p);
	cr_assert_eq(page_zonenum(p), ZONE_NORMAL);
	__free_pages(p, 10);
	ukmem_shutdown();
}

Test(boot, fake_numa_nodes)
{
	cr_assert_eq(ukmem_boot("mem=512M numa=fake=2"), 0);
	cr_assert_eq(nr_online_nodes, 2);
	struct page *p0 = alloc_pages_node(0, GFP_KERNEL, 0);
	struct page *p1 = alloc_pages_node(1, GFP_KERNEL, 0);
	cr_assert(p0 && p1);
	cr_assert_eq(page_to_nid(p0), 0);
	cr_assert_eq(page_to_nid(p1), 1);
	char *text = proc_text("/proc/buddyinfo");
	cr_assert(strstr(text, "Node 1, zone    DMA32"), "%s", text);
	free(text);
	__free_pages(p0, 0);
	__free_pages(p1, 0);
	ukmem_shutdown();
}

Test(proc, buddyinfo_format)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	char *text = proc_text("/proc/buddyinfo");
	char *dma = strstr(text, "Node 0, zone      DMA ");
	cr_assert(dma, "%s", text);
	/* eleven "%6lu " columns */
	char *eol = strchr(dma, '\n');
	cr_assert_eq(eol - dma, (long)strlen("Node 0, zone      DMA ") + 11 * 7);
	/* Each line's blocks add up to its zone's free pages. */
	for (int z = ZONE_DMA; z <= ZONE_DMA32; z++) {
		struct zone *zone = &NODE_DATA(0)->node_zones[z];
		char head[64];
		unsigned long count, pages = 0;

		snprintf(head, sizeof(head), "Node 0, zone %8s ", zone->name);
		char *at = strstr(text, head);
		cr_assert(at, "%s", text);
		at += strlen(head);
		for (int order = 0; order < MAX_ORDER; order++) {
			cr_assert_eq(sscanf(at, "%6lu ", &count), 1);
			pages += count << order;
			at += 7;
		}
		cr_assert_eq(*at, '\n');
		cr_assert_eq(pages, (unsigned long)zone->nr_free_pages.counter);
	}
	free(text);
	ukmem_shutdown();
}

Test(proc, zoneinfo_matches_kernel_formulas)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	char *text = proc_text("/proc/zoneinfo");
	cr_assert(strstr(text, "Node 0, zone      DMA\n  per-node stats\n      nr_inactive_anon 0\n"));
	cr_assert(strstr(text, "\n  pages free     "));
	cr_assert(strstr(text, "\n        protection: (0, "));
	cr_assert(strstr(text, "\n  pagesets\n    cpu: 0\n              count: "));
	cr_assert(strstr(text, "\n  start_pfn:           4096\n"));
	cr_assert(strstr(text, "Node 0, zone   Normal\n  pages free     0\n"));
	cr_assert(strstr(text, "Node 0, zone   Device\n"));
	/* watermarks: min_free_kbytes = sqrt(16 * lowmem kB), split by managed share */
	struct zone *dma32 = &NODE_DATA(0)->node_zones[ZONE_DMA32];
	unsigned long low = low_wmark_pages(dma32), min = min_wmark_pages(dma32);
	cr_assert_gt(min, 0);
	cr_assert_eq(low - min, high_wmark_pages(dma32) - low);
	cr_assert_eq(NODE_DATA(0)->node_zones[ZONE_DMA].lowmem_reserve[ZONE_DMA32],
		     (long)(zone_managed_pages(dma32) / 256));
	free(text);
	ukmem_shutdown();
}

Test(proc, meminfo_fields_in_kernel_order)
{
	static const char *const fields[] = {
		"MemTotal:", "MemFree:", "MemAvailable:", "Buffers:", "Cached:", "SwapCached:",
		"Active:", "Inactive:", "Active(anon):", "Inactive(anon):", "Active(file):",
		"Inactive(file):", "Unevictable:", "Mlocked:", "SwapTotal:", "SwapFree:", "Zswap:",
		"Zswapped:", "Dirty:", "Writeback:", "AnonPages:", "Mapped:", "Shmem:",
		"KReclaimable:", "Slab:", "SReclaimable:", "SUnreclaim:", "KernelStack:",
		"PageTables:", "SecPageTables:", "NFS_Unstable:", "Bounce:", "WritebackTmp:",
		"CommitLimit:", "Committed_AS:", "VmallocTotal:", "VmallocUsed:", "VmallocChunk:",
		"Percpu:", "HardwareCorrupted:", "AnonHugePages:", "ShmemHugePages:",
		"ShmemPmdMapped:", "FileHugePages:", "FilePmdMapped:", "HugePages_Total:",
		"HugePages_Free:", "HugePages_Rsvd:", "HugePages_Surp:", "Hugepagesize:", "Hugetlb:",
		"DirectMap4k:",
	};
	cr_assert_eq(ukmem_boot(NULL), 0);
	char *text = proc_text("/proc/meminfo"), *at = text;
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		char *line = strstr(at, fields[i]);
		cr_assert(line == at, "%s not where expected", fields[i]);
		at = strchr(line, '\n') + 1;
	}
	cr_assert(strstr(text, "MemTotal:         261756 kB\n"), "%s", text);
	cr_assert(strstr(text, "HardwareCorrupted:     0 kB\n"));
	cr_assert(strstr(text, "HugePages_Total:       0\n"));
	free(text);
	ukmem_shutdown();
}

Test(proc, unknown_path_and_truncation)
{
	char small[16];

	cr_assert_eq(ukmem_boot(NULL), 0);
	errno = 0;
	cr_assert_eq(ukmem_proc_read("/proc/nonesuch", small, sizeof(small)), -1);
	cr_assert_eq(errno, ENOENT);
	ssize_t len = ukmem_proc_read("/proc/meminfo", small, sizeof(small));
	cr_assert_gt(len, 1000);
	cr_assert_eq(strlen(small), sizeof(small) - 1);
	cr_assert_eq(strncmp(small, "MemTotal:      ", 15), 0);
	ukmem_shutdown();
}
