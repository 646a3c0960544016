// SPDX-License-Identifier: LGPL-2.1-or-later
/* fuzz/replay.c: the replay trace parser and engine of `ukmem replay`
 * (tools/replay_trace.c). Each input is a trace text, split into lines as getline()
 * would, each parsed and replayed on one machine booted once (mem=32M, so allocations
 * also fail). Checks, beyond "no crash":
 * - while replaying, the live memory the replay counts is the sum of its live entries,
 *   and no cache has more live objects than its allocations less its frees;
 * - after replay_release(), /proc/slabinfo lists the caches it listed before the input
 *   (the replay's caches are gone), and the input printed no report and tainted
 *   nothing (the engine leaves out what Linux could not have traced, such as objects
 *   beyond KMALLOC_MAX_SIZE, rather than make the allocator warn). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include "../tools/replay_trace.h"
#include "fuzz.h"

#define INPUT_MAX	(64 << 10)

static struct replay r;
static char text[INPUT_MAX + 1];

/* The caches /proc/slabinfo lists: its lines less the two of its heading. */
static int nr_caches(void)
{
	int n = -2;

	FUZZ_CHECK(ukmem_proc_read("/proc/slabinfo", text, sizeof(text)) > 0, "no slabinfo");
	for (const char *p = text; (p = strchr(p, '\n')); p++)
		n++;
	return n;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	unsetenv("UKMEM_CMDLINE");
	FUZZ_CHECK(!ukmem_boot("mem=32M kfence.sample_interval=0"), "boot failed");
	return 0;
}

static void check_table(void)
{
	unsigned long long bytes = 0;
	unsigned long live[MAX_REPLAY_CACHES] = { 0 };

	for (unsigned long i = 0; i < r.table_size; i++) {
		const struct live_entry *e = &r.table[i];

		if (!e->key)
			continue;
		if (e->cache) {
			bytes += e->cache->size;
			live[e->cache - r.caches]++;
		} else {
			bytes += PAGE_SIZE << e->order;
		}
	}
	FUZZ_CHECK(bytes == r.live_bytes, "live entries hold %llu bytes, the replay counts %llu",
		   bytes, r.live_bytes);
	for (int i = 0; i < r.nr_caches; i++)
		FUZZ_CHECK(live[i] == r.caches[i].live &&
			   r.caches[i].live == r.caches[i].allocs - r.caches[i].frees,
			   "cache %s: %lu live entries, live %lu, allocs %lu, frees %lu",
			   r.caches[i].name, live[i], r.caches[i].live, r.caches[i].allocs,
			   r.caches[i].frees);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned long reports = ukmem_report_count(), taint = ukmem_tainted();
	size_t at = 0;
	int caches;

	if (size > INPUT_MAX)
		return 0;
	caches = nr_caches();
	memset(&r, 0, sizeof(r));
	r.skip_pages = size && data[0] == '#';	/* a first line "#..." tries --no-pages */
	FUZZ_CHECK(!replay_begin(&r), "no memory for the table");
	while (at < size) {
		const uint8_t *nl = memchr(data + at, '\n', size - at);
		size_t len = nl ? (size_t)(nl - (data + at)) + 1 : size - at;
		const char *fields;
		double time;
		int event;

		/* getline() keeps the newline and stops a C string at a NUL */
		memcpy(text, data + at, len);
		text[len] = '\0';
		at += len;
		event = replay_parse_line(text, &time, &fields);
		r.lines++;
		if (event < 0)
			continue;
		FUZZ_CHECK(event < NR_EVENTS && fields >= text && fields <= text + strlen(text),
			   "event %d, fields at %td of a %zu-byte line", event, fields - text,
			   strlen(text));
		replay_event(&r, event, fields, time);
	}
	check_table();
	replay_release(&r);
	FUZZ_CHECK(nr_caches() == caches, "%d caches before the input, %d after:\n%s", caches,
		   nr_caches(), text);
	FUZZ_CHECK(ukmem_report_count() == reports && ukmem_tainted() == taint,
		   "reports %lu -> %lu, taint %#lx -> %#lx", reports, ukmem_report_count(), taint,
		   ukmem_tainted());
	return 0;
}
