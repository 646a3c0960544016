// SPDX-License-Identifier: LGPL-2.1-or-later
/* /proc/vmstat and debugfs's extfrag files: every line Linux 6.1 prints on x86-64, in
 * its order and format; the counters ukmem keeps agree with the other views; the event
 * counters count from every CPU and start again at each boot; the fragmentation
 * indices follow 6.1's formulas over /proc/buddyinfo's counts. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/shrinker.h>
#include <linux/slab.h>
#include <linux/vmstat.h>
#include "kmsg.h"
#include "mm/internal.h"

/* Linux 6.1's vmstat_text for Debian's amd64 configuration, as mm/vmstat.c lists it. */
static const char expected_names[] =
	"nr_free_pages nr_zone_inactive_anon nr_zone_active_anon nr_zone_inactive_file "
	"nr_zone_active_file nr_zone_unevictable nr_zone_write_pending nr_mlock nr_bounce "
	"nr_zspages nr_free_cma "
	"numa_hit numa_miss numa_foreign numa_interleave numa_local numa_other "
	"nr_inactive_anon nr_active_anon nr_inactive_file nr_active_file nr_unevictable "
	"nr_slab_reclaimable nr_slab_unreclaimable nr_isolated_anon nr_isolated_file "
	"workingset_nodes workingset_refault_anon workingset_refault_file "
	"workingset_activate_anon workingset_activate_file workingset_restore_anon "
	"workingset_restore_file workingset_nodereclaim nr_anon_pages nr_mapped "
	"nr_file_pages nr_dirty nr_writeback nr_writeback_temp nr_shmem nr_shmem_hugepages "
	"nr_shmem_pmdmapped nr_file_hugepages nr_file_pmdmapped "
	"nr_anon_transparent_hugepages nr_vmscan_write nr_vmscan_immediate_reclaim "
	"nr_dirtied nr_written nr_throttled_written nr_kernel_misc_reclaimable "
	"nr_foll_pin_acquired nr_foll_pin_released nr_kernel_stack nr_page_table_pages "
	"nr_sec_page_table_pages nr_swapcached pgpromote_success pgpromote_candidate "
	"nr_dirty_threshold nr_dirty_background_threshold "
	"pgpgin pgpgout pswpin pswpout "
	"pgalloc_dma pgalloc_dma32 pgalloc_normal pgalloc_movable pgalloc_device "
	"allocstall_dma allocstall_dma32 allocstall_normal allocstall_movable "
	"allocstall_device pgskip_dma pgskip_dma32 pgskip_normal pgskip_movable "
	"pgskip_device pgfree pgactivate pgdeactivate pglazyfree pgfault pgmajfault "
	"pglazyfreed pgrefill pgreuse pgsteal_kswapd pgsteal_direct pgdemote_kswapd "
	"pgdemote_direct pgscan_kswapd pgscan_direct pgscan_direct_throttle pgscan_anon "
	"pgscan_file pgsteal_anon pgsteal_file zone_reclaim_failed pginodesteal "
	"slabs_scanned kswapd_inodesteal kswapd_low_wmark_hit_quickly "
	"kswapd_high_wmark_hit_quickly pageoutrun pgrotated drop_pagecache drop_slab "
	"oom_kill numa_pte_updates numa_huge_pte_updates numa_hint_faults "
	"numa_hint_faults_local numa_pages_migrated pgmigrate_success pgmigrate_fail "
	"thp_migration_success thp_migration_fail thp_migration_split "
	"compact_migrate_scanned compact_free_scanned compact_isolated compact_stall "
	"compact_fail compact_success compact_daemon_wake compact_daemon_migrate_scanned "
	"compact_daemon_free_scanned htlb_buddy_alloc_success htlb_buddy_alloc_fail "
	"unevictable_pgs_culled unevictable_pgs_scanned unevictable_pgs_rescued "
	"unevictable_pgs_mlocked unevictable_pgs_munlocked unevictable_pgs_cleared "
	"unevictable_pgs_stranded thp_fault_alloc thp_fault_fallback "
	"thp_fault_fallback_charge thp_collapse_alloc thp_collapse_alloc_failed "
	"thp_file_alloc thp_file_fallback thp_file_fallback_charge thp_file_mapped "
	"thp_split_page thp_split_page_failed thp_deferred_split_page thp_split_pmd "
	"thp_scan_exceed_none_pte thp_scan_exceed_swap_pte thp_scan_exceed_share_pte "
	"thp_split_pud thp_zero_page_alloc thp_zero_page_alloc_failed thp_swpout "
	"thp_swpout_fallback balloon_inflate balloon_deflate balloon_migrate swap_ra "
	"swap_ra_hit ksm_swpin_copy cow_ksm zswpin zswpout direct_map_level2_splits "
	"direct_map_level3_splits nr_unstable";

/* The value of /proc/vmstat's line name (a fresh read); -1 if there is none. */
static long vmstat(const char *name)
{
	char *text = proc_text("/proc/vmstat"), key[80], *at;
	long v = -1;

	snprintf(key, sizeof(key), "\n%s ", name);
	if (!strncmp(text, key + 1, strlen(key + 1)))
		at = text + strlen(key + 1);
	else
		at = strstr(text, key) ? strstr(text, key) + strlen(key) : NULL;
	if (at)
		v = strtol(at, NULL, 10);
	free(text);
	return v;
}

Test(vmstat, every_line_of_linux_in_its_order)
{
	char names[sizeof(expected_names)], *save = NULL, *line_save = NULL;
	int lines = 0;

	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	char *text = proc_text("/proc/vmstat");
	strcpy(names, expected_names);
	char *line = strtok_r(text, "\n", &line_save);
	for (char *name = strtok_r(names, " ", &save); name; name = strtok_r(NULL, " ", &save)) {
		char got[80];
		unsigned long v;
		int end = 0;

		cr_assert(line, "%s missing at the end", name);
		cr_assert_eq(sscanf(line, "%79s %lu%n", got, &v, &end), 2, "%s", line);
		cr_assert_str_eq(got, name, "line %d", lines + 1);
		cr_assert_eq(line[end], '\0', "one value, no trailing text: '%s'", line);
		cr_assert(line[strlen(name)] == ' ' && line[strlen(name) + 1] != ' ');
		line = strtok_r(NULL, "\n", &line_save);
		lines++;
	}
	cr_assert_null(line, "more lines than Linux prints: %s", line);
	cr_assert_eq(lines, 17 + NR_VM_NODE_STAT_ITEMS + 2 + NR_VM_EVENT_ITEMS + 1);
	free(text);
	ukmem_shutdown();
}

/* The page-state lines are those of the other views: free pages, slab pages, page tables. */
Test(vmstat, page_state_agrees_with_the_machine)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	struct page *held = alloc_pages(GFP_KERNEL, 4);

	cr_assert(held);
	cr_assert_eq(vmstat("nr_free_pages"), (long)global_free_pages());
	cr_assert_eq(vmstat("nr_slab_unreclaimable"),
		     (long)(global_node_page_state(NR_SLAB_UNRECLAIMABLE_B) >> PAGE_SHIFT));
	cr_assert_eq(vmstat("nr_page_table_pages"), (long)global_node_page_state(NR_PAGETABLE));
	long hit = vmstat("numa_hit");

	cr_assert_gt(hit, 0);
	cr_assert_eq(vmstat("numa_local"), hit);
	cr_assert_eq(vmstat("numa_miss"), 0);
	cr_assert_eq(vmstat("numa_foreign"), 0);
	for (int i = 0; i < 10; i++)
		__free_pages(alloc_pages(GFP_KERNEL, 0), 0);
	cr_assert_geq(vmstat("numa_hit"), hit + 10);
	__free_pages(held, 4);
	cr_assert_eq(vmstat("nr_free_pages"), (long)global_free_pages());
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

/* nr_dirty_threshold and nr_dirty_background_threshold: 20% and 10% (in 4096ths) of
 * the free pages above the reserves, plus one, as global_dirty_limits() computes them. */
Test(vmstat, dirty_thresholds_follow_the_kernel_formula)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	unsigned long reserve = 0, free_now = global_free_pages();

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &NODE_DATA(0)->node_zones[z];
		long max = 0;

		for (int j = z; j < MAX_NR_ZONES; j++)
			if (zone->lowmem_reserve[j] > max)
				max = zone->lowmem_reserve[j];
		max += (long)high_wmark_pages(zone);
		reserve += (unsigned long)max < zone_managed_pages(zone) ? (unsigned long)max :
			   zone_managed_pages(zone);
	}
	cr_assert_gt(reserve, 0);
	unsigned long avail = free_now - reserve + 1;

	cr_assert_eq(vmstat("nr_dirty_threshold"), (long)(819 * avail / 4096));
	cr_assert_eq(vmstat("nr_dirty_background_threshold"), (long)(409 * avail / 4096));
	ukmem_shutdown();
}

static void *count_from_another_thread(void *arg)
{
	count_vm_events(PGMIGRATE_SUCCESS, 5);
	__count_zid_vm_events(PGALLOC, ZONE_DMA32, 3);
	return arg;
}

/* The events compaction and migration will count: every CPU's counts summed, nothing
 * else moved, all back to 0 at the next boot. */
Test(vmstat, events_count_on_every_cpu_and_restart_at_boot)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	long fail_before = vmstat("compact_fail");

	cr_assert_eq(vmstat("compact_stall"), 0);
	cr_assert_eq(vmstat("pgmigrate_success"), 0);
	count_vm_event(COMPACTSTALL);
	count_vm_event(COMPACTSTALL);
	count_vm_events(COMPACTMIGRATE_SCANNED, 512);
	count_vm_numa_event(NUMA_PAGE_MIGRATE);
	for (int i = 0; i < 4; i++) {
		pthread_t t;

		cr_assert_eq(pthread_create(&t, NULL, count_from_another_thread, NULL), 0);
		pthread_join(t, NULL);
	}
	cr_assert_eq(vmstat("compact_stall"), 2);
	cr_assert_eq(vmstat("compact_migrate_scanned"), 512);
	cr_assert_eq(vmstat("pgmigrate_success"), 20);
	cr_assert_eq(vmstat("numa_pages_migrated"), 1);
	cr_assert_eq(vmstat("compact_fail"), fail_before);
	cr_assert_eq(vmstat("thp_migration_success"), 0);
	cr_assert_eq(vmstat("compact_free_scanned"), 0);
	unsigned long all[NR_VM_EVENT_ITEMS];

	all_vm_events(all);
	cr_assert_geq(all[PGALLOC_DMA32], 12);
	cr_assert_eq(all[COMPACTSTALL], 2);
	ukmem_shutdown();
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	cr_assert_eq(vmstat("compact_stall"), 0);
	cr_assert_eq(vmstat("pgmigrate_success"), 0);
	ukmem_shutdown();
}

static unsigned long cached_objects = 1000;

static unsigned long test_count(struct shrinker *s, struct shrink_control *sc)
{
	return cached_objects;
}

static unsigned long test_scan(struct shrinker *s, struct shrink_control *sc)
{
	unsigned long n = sc->nr_to_scan < cached_objects ? sc->nr_to_scan : cached_objects;

	cached_objects -= n;
	return n;
}

/* A direct-reclaim round counts one allocstall for the request's zone, and the
 * shrinkers' scanned objects in slabs_scanned. */
Test(vmstat, reclaim_counts_allocstall_and_slabs_scanned)
{
	struct shrinker shrinker = { .count_objects = test_count, .scan_objects = test_scan,
				     .seeks = DEFAULT_SEEKS };

	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	cr_assert_eq(register_shrinker(&shrinker, "vmstat-test"), 0);
	cr_assert_eq(vmstat("allocstall_dma32"), 0);
	try_to_free_pages(GFP_KERNEL | __GFP_DMA32, 0, 0, 0);
	cr_assert_eq(vmstat("allocstall_dma32"), 1);
	cr_assert_eq(vmstat("allocstall_normal"), 0);
	/* ours and whatever ukmem's own shrinkers scanned */
	cr_assert_lt(cached_objects, 1000);
	cr_assert_geq(vmstat("slabs_scanned"), (long)(1000 - cached_objects));
	try_to_free_pages(GFP_KERNEL, 0, 0, 0);
	cr_assert_eq(vmstat("allocstall_normal"), 1);
	unregister_shrinker(&shrinker);
	ukmem_shutdown();
}

/* ---- extfrag ---- */

/* The line 6.1 prints for one zone, computed here from its buddyinfo counts. */
static void expected_extfrag_line(const char *zone, const unsigned long nr[MAX_ORDER],
				  bool unusable, char *out, size_t size)
{
	int len = snprintf(out, size, "Node 0, zone %8s ", zone);

	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		unsigned long pages = 0, blocks = 0, suitable = 0;
		int index;

		for (unsigned int o = 0; o < MAX_ORDER; o++) {
			blocks += nr[o];
			pages += nr[o] << o;
			if (o >= order)
				suitable += nr[o] << (o - order);
		}
		if (unusable)
			index = pages ? (int)((pages - (suitable << order)) * 1000 / pages) : 1000;
		else if (!blocks)
			index = 0;
		else if (suitable)
			index = -1000;
		else
			index = 1000 - (int)((1000 + pages * 1000 / (1UL << order)) / blocks);
		len += snprintf(out + len, size - (size_t)len, unusable ? "%d.%03d " : "%2d.%03d ",
				index / 1000, index % 1000);
	}
	snprintf(out + len, size - (size_t)len, "\n");
}

/* Both files list the populated zones with one index per order, from the counts
 * /proc/buddyinfo shows at the same moment (nothing allocates between the reads); each
 * also holds the text given for it. */
static void check_extfrag(const char *unusable_has, const char *extfrag_has)
{
	char *buddy = proc_text("/proc/buddyinfo");
	char *unusable = proc_text("/sys/kernel/debug/extfrag/unusable_index");
	char *extfrag = proc_text("/sys/kernel/debug/extfrag/extfrag_index");
	char want_u[512] = "", want_e[512] = "", line[256];
	int zones = 0;

	cr_assert(buddy && unusable && extfrag);
	for (char *at = buddy; *at; at = strchr(at, '\n') + 1) {
		char zone[16];
		unsigned long nr[MAX_ORDER];
		int n;

		cr_assert_eq(sscanf(at, "Node 0, zone %15s%n", zone, &n), 1, "%s", at);
		at += n + 1;
		for (int o = 0; o < MAX_ORDER; o++, at += 7)
			cr_assert_eq(sscanf(at, "%6lu", &nr[o]), 1);
		expected_extfrag_line(zone, nr, true, line, sizeof(line));
		strcat(want_u, line);
		expected_extfrag_line(zone, nr, false, line, sizeof(line));
		strcat(want_e, line);
		zones++;
	}
	cr_assert_eq(zones, 2, "%s", buddy);
	cr_assert_str_eq(unusable, want_u);
	cr_assert_str_eq(extfrag, want_e);
	cr_assert(strstr(unusable, unusable_has), "%s", unusable);
	cr_assert(strstr(extfrag, extfrag_has), "%s", extfrag);
	free(buddy);
	free(unusable);
	free(extfrag);
}

Test(extfrag, indices_follow_the_free_counts)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	/* a fresh machine has free max-order blocks: every request fits, order 0 wastes
	 * nothing */
	check_extfrag("Node 0, zone    DMA32 0.000 ", "Node 0, zone    DMA32 -1.000 -1.000 ");
	ukmem_shutdown();
}

/* Every other page of a zone kept: the free memory is all in single pages, so every
 * order above 0 is unusable (1.000) and fails for fragmentation, not for lack of memory. */
Test(extfrag, a_fragmented_zone)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	struct zone *dma = &NODE_DATA(0)->node_zones[ZONE_DMA];
	unsigned long n = 0, max = dma->present_pages;
	struct page **pages = calloc(max, sizeof(*pages));

	while (n < max && (pages[n] = alloc_pages(GFP_KERNEL | GFP_DMA | __GFP_MEMALLOC |
						 __GFP_NOWARN | __GFP_NORETRY, 0)))
		n++;
	for (unsigned long i = 0; i < n; i += 2)
		__free_pages(pages[i], 0);
	drain_all_pages(NULL);
	check_extfrag("Node 0, zone      DMA 0.000 1.000 1.000 ", "Node 0, zone      DMA -1.000  0.");
	for (unsigned long i = 1; i < n; i += 2)
		__free_pages(pages[i], 0);
	free(pages);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}
