// SPDX-License-Identifier: LGPL-2.1-or-later
/* tests/tools/tool_replay.c: `ukmem replay` of hand-written traces in Linux 6.1's ftrace
 * text format gives the totals worked out by hand, a smaller machine fails the
 * allocations it cannot hold, and a trace ukmem wrote itself replays event for event. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include "tool_exec.h"

Test(tool_replay, small_trace_totals)
{
	char *out;

	cr_assert_eq(run_command(&out, "%s replay %s/kmem-small.trace", UKMEM_TOOL, TRACE_DIR), 0);
	/* 3 dentries (192) + kmalloc 128 + 4096 + 64K (kmalloc-large) + an order-2 block
	 * are live at once: 576 + 128 + 4096 + 65536 + 16384 = 86720 bytes */
	cr_expect(strstr(out, "peak live memory: 86720 bytes"), "%s", out);
	/* left: one dentry and the order-0 page allocated after the last free */
	cr_expect(strstr(out, "live at the end: 4288 bytes"), "%s", out);
	cr_expect(strstr(out, "dentry                            192          3          2        1        3"),
		  "%s", out);
	cr_expect(strstr(out, "kmalloc-128                       128          1          1        0        1"),
		  "%s", out);
	cr_expect(strstr(out, "frees of memory allocated before the trace: 2"), "%s", out);
	cr_expect(strstr(out, "failed allocations: 0"), "%s", out);
	cr_expect(strstr(out, "mm_page_alloc     2 events"), "%s", out);
	free(out);
}

Test(tool_replay, trace_from_standard_input)
{
	char *out;

	cr_assert_eq(run_command(&out, "%s replay - < %s/kmem-small.trace", UKMEM_TOOL, TRACE_DIR),
		     0);
	cr_expect(strstr(out, "ukmem replay: standard input on a "), "%s", out);
	cr_expect(strstr(out, "peak live memory: 86720 bytes"), "%s", out);
	cr_expect(strstr(out, "mm_page_alloc     2 events"), "%s", out);
	free(out);
}

Test(tool_replay, no_pages_leaves_page_events_out)
{
	char *out;

	cr_assert_eq(run_command(&out, "%s replay --no-pages %s/kmem-small.trace", UKMEM_TOOL,
				 TRACE_DIR), 0);
	cr_expect(strstr(out, "peak live memory: 70336 bytes"), "%s", out);
	free(out);
}

Test(tool_replay, smaller_machine_fails_allocations)
{
	char *big, *small;
	unsigned long failed = 0;
	const char *at;

	cr_assert_eq(run_command(&big, "%s replay %s/kmem-1mib-buffers.trace", UKMEM_TOOL,
				 TRACE_DIR), 0);
	cr_expect(strstr(big, "failed allocations: 0"), "%s", big);
	cr_expect(strstr(big, "peak live memory: 25165824 bytes"), "%s", big);
	cr_assert_eq(run_command(&small, "%s replay --cmdline mem=16M %s/kmem-1mib-buffers.trace",
				 UKMEM_TOOL, TRACE_DIR), 0);
	at = strstr(small, "failed allocations: ");
	cr_assert(at, "%s", small);
	failed = strtoul(at + strlen("failed allocations: "), NULL, 10);
	/* 16 MiB of RAM cannot hold 24 buffers of 1 MiB, nor even 16 */
	cr_expect_gt(failed, 8, "%s", small);
	cr_expect_lt(failed, 24, "%s", small);
	cr_expect(strstr(small, "kmalloc(1048576) failed"), "%s", small);
	free(big);
	free(small);
}

/* Many short-lived objects: the replay's pointer table must keep working as frees pile
 * up (it once filled with deleted entries and never returned). */
Test(tool_replay, many_alloc_free_pairs)
{
	char path[] = "/tmp/ukmem-replay-pairs-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	char *out;

	cr_assert(f);
	for (int i = 0; i < 5000; i++) {
		fprintf(f, "  insmod-77 [001] ..... %d.%06d: kmalloc: call_site=m+0x1/0x9 ptr=%016x "
			"bytes_req=50 bytes_alloc=64 gfp_flags=GFP_KERNEL node=-1 accounted=false\n",
			100 + i / 1000, i % 1000 * 2, 0x10000 + i);
		fprintf(f, "  insmod-77 [001] ..... %d.%06d: kfree: call_site=m+0x5/0x9 ptr=%016x\n",
			100 + i / 1000, i % 1000 * 2 + 1, 0x10000 + i);
	}
	fclose(f);
	cr_assert_eq(run_command(&out, "%s replay %s", UKMEM_TOOL, path), 0);
	cr_expect(strstr(out, "kmalloc           5000 events"), "%s", out);
	cr_expect(strstr(out, "kfree             5000 events"), "%s", out);
	cr_expect(strstr(out, "peak live memory: 64 bytes"), "%s", out);
	cr_expect(strstr(out, "live at the end: 0 bytes"), "%s", out);
	free(out);
	remove(path);
}

/* A trace ukmem wrote itself (trace_event=kmem:*, ukmem.trace_file=) replays event for
 * event: the two halves of the format agree. */
Test(tool_replay, replays_a_trace_ukmem_wrote)
{
	char path[] = "/tmp/ukmem-selftrace-XXXXXX", cmdline[128], want[64], line[512], *out;
	int fd = mkstemp(path);
	unsigned long allocs = 0, frees = 0;
	struct page *pages[8];

	close(fd);
	snprintf(cmdline, sizeof(cmdline), "mem=64M trace_event=kmem:* ukmem.trace_file=%s", path);
	cr_assert_eq(ukmem_boot(cmdline), 0);
	for (unsigned int i = 0; i < 8; i++)
		pages[i] = alloc_pages(GFP_KERNEL, i);
	for (unsigned int i = 0; i < 4; i++)
		__free_pages(pages[i], i);
	ukmem_shutdown();

	FILE *f = fopen(path, "r");
	while (fgets(line, sizeof(line), f)) {
		allocs += strstr(line, ": mm_page_alloc: ") != NULL;
		frees += strstr(line, ": mm_page_free: ") != NULL;
	}
	fclose(f);
	cr_assert_geq(allocs, 8);
	cr_assert_geq(frees, 4);
	cr_assert_eq(run_command(&out, "%s replay %s", UKMEM_TOOL, path), 0);
	snprintf(want, sizeof(want), "%-17s %lu events\n", "mm_page_alloc", allocs);
	cr_expect(strstr(out, want), "%s\nwant: %s", out, want);
	snprintf(want, sizeof(want), "%-17s %lu events\n", "mm_page_free", frees);
	cr_expect(strstr(out, want), "%s\nwant: %s", out, want);
	cr_expect(strstr(out, "failed allocations: 0"), "%s", out);
	free(out);
	remove(path);
}
