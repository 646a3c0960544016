// SPDX-License-Identifier: LGPL-2.1-or-later
/* fuzz/boot.c: the boot command line. Each input (up to its first NUL) is a kernel
 * command line, given to ukmem_boot() after "mem=32M " (a later mem= in the input
 * overrides it; 32 MiB keeps a boot quick). Checks, beyond "no crash":
 * - a refused command line returns -EINVAL and leaves no machine (ukmem_is_booted() is 0,
 *   and a second refusal is not -EBUSY);
 * - an accepted one leaves a working machine: /proc/cmdline reads back the line as
 *   given, a kmalloc and a page block come and go, no report was printed and nothing
 *   tainted the kernel; after ukmem_shutdown() no machine is left.
 * Inputs the harness skips (they would make the host do unbounded work or write files,
 * which is what they are for): mem= above 512M, vmalloc= above 1G, nr_cpus= or
 * possible_cpus= above 8, kfence.num_objects= above 1024, slub_min_objects= above 64,
 * and any mention of files, consoles or panics (trace_file, serial, uart_sink,
 * panic_on_warn, oops=). UKMEM_CMDLINE is cleared so the input is the whole line. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include "fuzz.h"

#define PREFIX		"mem=32M "
#define INPUT_MAX	1024

/* The largest value of any "key<number><suffix>" in line, as memparse reads it (a
 * generous reading: the caps only decide what to skip). */
static unsigned long long largest(const char *line, const char *key)
{
	unsigned long long max = 0;

	for (const char *p = line; (p = strstr(p, key)); p++) {
		char *end;
		unsigned long long v = strtoull(p + strlen(key), &end, 0);
		int shift = 0;

		switch (*end) {
		case 'E': case 'e': shift += 10; /* fall through */
		case 'P': case 'p': shift += 10; /* fall through */
		case 'T': case 't': shift += 10; /* fall through */
		case 'G': case 'g': shift += 10; /* fall through */
		case 'M': case 'm': shift += 10; /* fall through */
		case 'K': case 'k': shift += 10;
		}
		if (shift && v >> (64 - shift))
			return ~0ULL;
		v <<= shift;
		if (v > max)
			max = v;
		if (v == ~0ULL)
			return v;
	}
	return max;
}

static bool skipped(const char *line)
{
	static const char *const words[] = { "trace_file", "serial", "uart_sink", "panic",
					     "oops=" };

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strstr(line, words[i]))
			return true;
	return largest(line, "mem=") > 512ULL << 20 || largest(line, "vmalloc=") > 1ULL << 30 ||
	       largest(line, "cpus=") > 8 || largest(line, "num_objects=") > 1024 ||
	       largest(line, "min_objects=") > 64;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	unsetenv("UKMEM_CMDLINE");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char line[sizeof(PREFIX) + INPUT_MAX], view[8192];
	size_t len = strnlen((const char *)data, size);
	struct page *page;
	void *object;
	bool faults;
	int err;

	if (len > INPUT_MAX)
		return 0;
	memcpy(line, PREFIX, strlen(PREFIX));
	memcpy(line + strlen(PREFIX), data, len);
	line[strlen(PREFIX) + len] = '\0';
	if (skipped(line))
		return 0;

	err = ukmem_boot(line);
	if (err) {
		FUZZ_CHECK(err == -EINVAL, "ukmem_boot(\"%s\") = %d, not 0 or -EINVAL", line, err);
		FUZZ_CHECK(!ukmem_is_booted(), "a refused command line left a machine");
		err = ukmem_boot(line);
		FUZZ_CHECK(err == -EINVAL, "a second refusal of \"%s\" was %d", line, err);
		return 0;
	}
	FUZZ_CHECK(ukmem_is_booted(), "ukmem_boot() returned 0 and no machine is up");
	FUZZ_CHECK(ukmem_proc_read("/proc/cmdline", view, sizeof(view)) > 0,
		   "/proc/cmdline unreadable");
	FUZZ_CHECK(!strncmp(view, line, strlen(line)), "/proc/cmdline is \"%s\", booted with \"%s\"",
		   view, line);
	object = kmalloc(100, GFP_KERNEL);
	page = alloc_pages(GFP_KERNEL, 1);
	/* Fault injection (failslab=, fail_page_alloc=, ukmem.fault=) may fail them, and
	 * say so in a report. */
	faults = strstr(line, "fail") || strstr(line, "fault");
	FUZZ_CHECK(faults || (object && page), "kmalloc %p, alloc_pages %p on a fresh machine",
		   object, page);
	if (object)
		memset(object, 0x5a, 100);
	if (page)
		memset(page_address(page), 0x5a, 2 * PAGE_SIZE);
	kfree(object);
	if (page)
		__free_pages(page, 1);
	FUZZ_CHECK(faults || (!ukmem_report_count() && !ukmem_tainted()),
		   "\"%s\": %lu report(s), taint %#lx after a clean boot", line,
		   ukmem_report_count(), ukmem_tainted());
	ukmem_shutdown();
	FUZZ_CHECK(!ukmem_is_booted(), "a machine is left after ukmem_shutdown()");
	return 0;
}
