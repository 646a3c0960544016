// SPDX-License-Identifier: LGPL-2.1-or-later
/* tests/tools/tool_replay.c: `ukmem replay` of hand-written traces in Linux 6.1's ftrace
 * text format gives the totals worked out by hand, a smaller machine fails the
 * allocations it cannot hold, a trace through a pipe replays as from a file, __GFP_NOFAIL
 * allocations a full machine cannot serve end in "would have looped" instead of a hang,
 * and a trace ukmem wrote itself replays event for event. */
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

/* The same totals whichever way the trace comes through a pipe: "-", /dev/stdin, a
 * named pipe (a FIFO cannot be rewound: the trace must be read in one pass). */
Test(tool_replay, trace_through_a_pipe)
{
	const char *const ways[] = {
		"cat %s/kmem-small.trace | %s replay -",
		"cat %s/kmem-small.trace | %s replay /dev/stdin",
		"d=$(mktemp -d) && mkfifo $d/fifo && (cat %s/kmem-small.trace > $d/fifo &) && "
		"%s replay $d/fifo; s=$?; rm -rf $d; exit $s",
	};

	for (size_t i = 0; i < sizeof(ways) / sizeof(ways[0]); i++) {
		char *out;

		cr_assert_eq(run_command(&out, ways[i], TRACE_DIR, UKMEM_TOOL), 0, "%s", ways[i]);
		cr_expect(strstr(out, "kmalloc           3 events"), "%s:\n%s", ways[i], out);
		cr_expect(strstr(out, "mm_page_alloc     2 events"), "%s:\n%s", ways[i], out);
		cr_expect(strstr(out, "peak live memory: 86720 bytes"), "%s:\n%s", ways[i], out);
		cr_expect(strstr(out, "live at the end: 4288 bytes"), "%s:\n%s", ways[i], out);
		/* the free-block samples end at the trace's last event */
		cr_expect(strstr(out, "\n       16    5021.002155 "), "%s:\n%s", ways[i], out);
		free(out);
	}
}

/* A text with no kmem event in it replays nothing: status 1 and why, not a silent 0. */
Test(tool_replay, no_events_is_an_error)
{
	char *out;

	cr_assert_eq(run_command(&out, "printf 'not\na trace\n' | %s replay - 2>&1", UKMEM_TOOL), 1);
	cr_expect(strstr(out, "ukmem replay: standard input: no kmem event in 2 line(s)"), "%s", out);
	free(out);
}

static unsigned long number_after(const char *text, const char *label)
{
	const char *at = strstr(text, label);

	cr_assert(at, "no \"%s\" in:\n%s", label, text);
	return strtoul(at + strlen(label), NULL, 10);
}

/* 24 buffers of 1 MiB with GFP_KERNEL|__GFP_NOFAIL on a 16 MiB machine: Linux would retry
 * those it cannot serve for ever; the replay tries each a bounded number of times and
 * counts it as "would have looped" (a timeout makes a hang a failure). Two
 * GFP_ATOMIC|__GFP_NOFAIL ones fail as in Linux; after 4 frees, 4 more fit again. */
Test(tool_replay, nofail_is_bounded)
{
	unsigned long looped, allocs;
	char *out;

	cr_assert_eq(run_command(&out, "timeout 120 %s replay --cmdline mem=16M "
				 "%s/kmem-1mib-nofail.trace", UKMEM_TOOL, TRACE_DIR), 0);
	looped = number_after(out, "would have looped: ");
	cr_expect_gt(looped, 8, "%s", out);
	cr_expect_lt(looped, 24, "%s", out);
	cr_expect(strstr(out, " (__GFP_NOFAIL allocations the machine could not serve in 3 "
			 "attempts; Linux retries them for ever)\n"), "%s", out);
	cr_expect(strstr(out, "kmalloc(1048576) with __GFP_NOFAIL\n"), "%s", out);
	cr_expect_eq(number_after(out, "failed allocations: "), 2, "%s", out);
	cr_expect(strstr(out, "  line 29: kmalloc(1048576) failed\n"), "%s", out);
	cr_expect(strstr(out, "  line 30: kmalloc(1048576) failed\n"), "%s", out);
	allocs = number_after(out, "kmalloc-1048576               1048576 ");
	cr_expect_eq(allocs, 24 - looped + 4, "%s", out);
	cr_expect(strstr(out, "kfree             4 events"), "%s", out);
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

/* A new temporary trace file (path a "...-XXXXXX" template), open for writing. */
static FILE *new_trace(char *path)
{
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;

	cr_assert(f, "%s", path);
	return f;
}

/* Replays the trace at path with the default machine: its output (status 0 asserted). */
static char *replay_and_remove(const char *path)
{
	char *out;

	cr_assert_eq(run_command(&out, "%s replay %s", UKMEM_TOOL, path), 0);
	remove(path);
	return out;
}

/* Many short-lived objects: the replay's pointer table must keep working as frees pile
 * up (it once filled with deleted entries and never returned). */
Test(tool_replay, many_alloc_free_pairs)
{
	char path[] = "/tmp/ukmem-replay-pairs-XXXXXX", *out;
	FILE *f = new_trace(path);

	for (int i = 0; i < 5000; i++) {
		fprintf(f, "  insmod-77 [001] ..... %d.%06d: kmalloc: call_site=m+0x1/0x9 ptr=%016x "
			"bytes_req=50 bytes_alloc=64 gfp_flags=GFP_KERNEL node=-1 accounted=false\n",
			100 + i / 1000, i % 1000 * 2, 0x10000 + i);
		fprintf(f, "  insmod-77 [001] ..... %d.%06d: kfree: call_site=m+0x5/0x9 ptr=%016x\n",
			100 + i / 1000, i % 1000 * 2 + 1, 0x10000 + i);
	}
	fclose(f);
	out = replay_and_remove(path);
	cr_expect(strstr(out, "kmalloc           5000 events"), "%s", out);
	cr_expect(strstr(out, "kfree             5000 events"), "%s", out);
	cr_expect(strstr(out, "peak live memory: 64 bytes"), "%s", out);
	cr_expect(strstr(out, "live at the end: 0 bytes"), "%s", out);
	free(out);
}

/* Objects of more sizes than the replay keeps caches for are counted as not replayed,
 * not dropped silently. */
Test(tool_replay, too_many_object_sizes_are_counted)
{
	char path[] = "/tmp/ukmem-replay-sizes-XXXXXX", *out;
	FILE *f = new_trace(path);

	for (int i = 0; i < 300; i++)
		fprintf(f, "  insmod-77 [001] ..... 100.%06d: kmem_cache_alloc: call_site=m+0x1/0x9 "
			"ptr=%016x bytes_req=%d bytes_alloc=%d gfp_flags=GFP_KERNEL node=-1 "
			"accounted=false\n", i, 0x10000 + i * 4096, 8 * (i + 1), 8 * (i + 1));
	fclose(f);
	out = replay_and_remove(path);
	cr_expect(strstr(out, "kmem_cache_alloc  300 events"), "%s", out);
	cr_expect(strstr(out, "allocations not replayed: 44 (more than 256 object sizes"), "%s", out);
	cr_expect(strstr(out, "replay-2048                      2048          1"), "%s", out);
	free(out);
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
