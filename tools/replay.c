// SPDX-License-Identifier: LGPL-2.1-or-later
/* tools/replay.c: `ukmem replay [--cmdline S] [--samples N] [--no-pages] TRACE|-` -- feeds
 * a kmem trace in ftrace's text format (kmalloc, kfree, kmem_cache_alloc,
 * kmem_cache_free, mm_page_alloc, mm_page_free, as Linux 6.1 prints them) through the
 * machine's allocators and reports per-cache object counts, the peak of live traced
 * memory, free blocks by order at evenly spaced points of the trace, and the allocations
 * that failed (on a smaller machine: --cmdline mem=...).
 * Trace pointers are keys: each allocation's trace pointer (pfn for pages) maps to what
 * ukmem returned; frees of pointers allocated before the trace began are counted and
 * skipped. kmem_cache_alloc events carry no cache name, so objects go to one cache per
 * object size ("replay-<bytes_alloc>"), reported under the name the trace's
 * kmem_cache_free events give that size. Real traces also show slab pages as
 * mm_page_alloc: --no-pages leaves page events out.
 * The trace is read once, front to back, so a pipe or standard input replays as a file
 * does: the free-block samples are kept at a spacing that doubles as the trace grows
 * (never more than 2 * MAX_SAMPLES of them) and printed at the end.
 * __GFP_NOFAIL: Linux's page allocator retries such an allocation for ever
 * (__alloc_pages_slowpath goes back to retry after reclaim, the OOM killer and the
 * reserves fail), which in a replay -- where nothing else runs to free memory -- is a
 * hang. The replay asks NOFAIL_ATTEMPTS times without __GFP_NOFAIL (after the first
 * attempt with __GFP_HIGH, the reserves Linux lets such allocations dip into) and
 * counts what still fails as "would have looped"; the kernel is not changed. A
 * __GFP_NOFAIL allocation that cannot sleep fails in Linux too (with a warning), so it
 * is an ordinary failure here. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include "replay_trace.h"
#include "tool.h"

#define PROGRESS_EVENTS		100000	/* progress on a terminal every so many events */

/* ---- free blocks while replaying ------------------------------------------------------- */

/* Free blocks of each order over every zone, from /proc/buddyinfo. */
static void take_sample(struct sample *s, unsigned long event_no, double time)
{
	char *text = view("/proc/buddyinfo");

	s->event_no = event_no;
	s->time = time;
	memset(s->blocks, 0, sizeof(s->blocks));
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		char *p = strstr(line, "zone");

		if (!p)
			continue;
		p += 4;
		while (*p == ' ')
			p++;
		p += strcspn(p, " ");		/* the zone's name */
		for (int o = 0; o < MAX_ORDER; o++)
			s->blocks[o] += strtoul(p, &p, 10);
	}
	free(text);
}

/* After event n: keeps a sample at every multiple of sample_every; when the samples
 * fill the array, every other one goes and the spacing doubles. So the samples are
 * always at sample_every, 2 * sample_every, ... up to n, fewer than 2 * MAX_SAMPLES. */
static void sample_after(struct replay *r, unsigned long n, double time)
{
	if (n % r->sample_every)
		return;
	take_sample(&r->samples[r->nr_samples++], n, time);
	if (r->nr_samples < 2 * MAX_SAMPLES)
		return;
	for (unsigned long i = 0; i < MAX_SAMPLES; i++)
		r->samples[i] = r->samples[2 * i + 1];
	r->nr_samples = MAX_SAMPLES;
	r->sample_every *= 2;
}

static void print_sample(const struct sample *s)
{
	printf("%9lu %14.6f", s->event_no, s->time);
	for (int o = 0; o < MAX_ORDER; o++)
		printf(" %6lu", s->blocks[o]);
	putchar('\n');
}

/* The start, the samples nearest below i * n / wanted (i = 1 .. wanted - 1) and the end:
 * wanted + 1 rows at most, evenly spaced to within sample_every events. */
static void print_samples(struct replay *r, unsigned long n, double time, unsigned long wanted)
{
	struct sample end;
	unsigned long last = 0;

	heading("Free blocks by order while replaying (all zones)");
	printf("%9s %14s", "event", "time");
	for (int o = 0; o < MAX_ORDER; o++)
		printf(" %6d", o);
	putchar('\n');
	print_sample(&r->first);
	for (unsigned long i = 1; i < wanted; i++) {
		unsigned long k = i * n / wanted / r->sample_every;

		if (k && k <= r->nr_samples && r->samples[k - 1].event_no > last &&
		    r->samples[k - 1].event_no < n) {
			print_sample(&r->samples[k - 1]);
			last = r->samples[k - 1].event_no;
		}
	}
	if (n) {
		take_sample(&end, n, time);
		print_sample(&end);
	}
}

/* ---- the report ------------------------------------------------------------------------ */

static void print_caches(const struct replay *r)
{
	heading("Objects per cache");
	printf("%-28s %8s %10s %10s %8s %8s\n", "cache", "size", "allocs", "frees", "live",
	       "peak");
	for (int i = 0; i < r->nr_caches; i++) {
		const struct replay_cache *c = &r->caches[i];

		printf("%-28s %8lu %10lu %10lu %8lu %8lu\n", c->name, c->size, c->allocs,
		       c->frees, c->live, c->peak);
	}
}

static void print_failures(const struct failure_list *list)
{
	for (unsigned long i = 0; i < list->count && i < FAILURES_SHOWN; i++)
		printf("  %s\n", list->text[i]);
	if (list->count > FAILURES_SHOWN)
		printf("  ... and %lu more\n", list->count - FAILURES_SHOWN);
}

static void print_totals(const struct replay *r)
{
	heading("Totals");
	for (int e = 0; e < NR_EVENTS; e++)
		printf("%-17s %lu events\n", replay_event_names[e], r->events[e]);
	printf("peak live memory: %llu bytes (%llu kB) at %.6f\n", r->peak_bytes,
	       r->peak_bytes >> 10, r->peak_time);
	printf("live at the end: %llu bytes\n", r->live_bytes);
	printf("frees of memory allocated before the trace: %lu\n", r->unknown_frees);
	if (r->not_replayed)
		printf("allocations not replayed: %lu (more than %d object sizes, a size beyond "
		       "KMALLOC_MAX_SIZE, or a cache that could not be created)\n", r->not_replayed, MAX_REPLAY_CACHES);
	printf("failed allocations: %lu\n", r->failed.count);
	print_failures(&r->failed);
	printf("would have looped: %lu (__GFP_NOFAIL allocations the machine could not serve "
	       "in %d attempts; Linux retries them for ever)\n", r->looped.count, NOFAIL_ATTEMPTS);
	print_failures(&r->looped);
}

/* Progress on a terminal for long traces: the share of a regular file read, or the
 * events replayed so far from a pipe. */
static void show_progress(FILE *f, off_t size, unsigned long n)
{
	long at = size > 0 ? ftell(f) : -1;

	if (at >= 0)
		fprintf(stderr, "\rukmem replay: %ld%%", (long)(at * 100 / size));
	else
		fprintf(stderr, "\rukmem replay: %lu events", n);
}

/* Replays f in one pass; the number of events replayed, or -1 after a message if f
 * could not be read to its end. */
static long replay_file(struct replay *r, FILE *f, const char *name, unsigned long samples)
{
	bool progress = isatty(STDERR_FILENO);
	struct stat st;
	off_t size = !fstat(fileno(f), &st) && S_ISREG(st.st_mode) ? st.st_size : 0;
	unsigned long n = 0;
	char *line = NULL;
	size_t line_size = 0;
	double time = 0;
	bool shown = false;

	r->sample_every = 1;
	take_sample(&r->first, 0, 0);
	while (getline(&line, &line_size, f) >= 0) {
		const char *fields;
		int event = replay_parse_line(line, &time, &fields);

		r->lines++;
		if (event < 0)
			continue;
		replay_event(r, event, fields, time);
		sample_after(r, ++n, time);
		if (progress && n % PROGRESS_EVENTS == 0) {
			show_progress(f, size, n);
			shown = true;
		}
	}
	free(line);
	if (shown)
		fprintf(stderr, "\r%30s\r", "");
	if (ferror(f)) {
		fprintf(stderr, "ukmem replay: reading %s: %s\n", name, strerror(errno));
		return -1;
	}
	print_samples(r, n, time, samples);
	return (long)n;
}

static const char help[] =
	"usage: ukmem replay [--cmdline S] [--samples N] [--no-pages] TRACE|-\n"
	"\n"
	"Feeds an ftrace text trace of the kmem events (kmalloc, kfree, kmem_cache_alloc,\n"
	"kmem_cache_free, mm_page_alloc, mm_page_free, in Linux 6.1's format) through the\n"
	"machine's allocators; prints free blocks by order at N points of the trace,\n"
	"per-cache object counts, the peak of live traced memory and the allocations that\n"
	"failed. The trace is read once: TRACE may be a pipe, and - reads standard input.\n"
	"A __GFP_NOFAIL allocation the machine cannot serve is tried 3 times (Linux would\n"
	"retry it for ever) and counted as \"would have looped\".\n"
	"\n"
	"  -c, --cmdline S    the machine's kernel command line (\"mem=128M\")\n"
	"  -s, --samples N    free blocks by order at N points (1..64, default 8)\n"
	"  -P, --no-pages     leave page events out (real traces also record slab pages\n"
	"                     as mm_page_alloc)\n"
	"  -h, --help         print this help and exit\n"
	"\n"
	"Exit status: 0 (failed allocations are listed, not an error); 1 if the trace\n"
	"held no kmem event, could not be read to its end or the replay could not run;\n"
	"2 for a usage error: a missing or unreadable trace, a directory, a bad number.\n";

int cmd_replay(int argc, char **argv)
{
	static const struct option options[] = {
		{ "cmdline", required_argument, NULL, 'c' },
		{ "samples", required_argument, NULL, 's' },
		{ "no-pages", no_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmdline = NULL, *path, *name;
	static struct replay r;
	long samples = 8, events;
	int err, opt;
	FILE *f;

	while ((opt = getopt_long(argc, argv, "c:s:Ph", options, NULL)) != -1) {
		switch (opt) {
		case 'c': cmdline = optarg; break;
		case 's':
			if (!parse_long(optarg, 1, MAX_SAMPLES, &samples))
				return usage_error(help, "--samples %s: not a number from 1 to %d",
						   optarg, MAX_SAMPLES);
			break;
		case 'P': r.skip_pages = true; break;
		case 'h': return print_help(help);
		default: return usage_error(help, NULL);
		}
	}
	if (optind != argc - 1)
		return usage_error(help, optind == argc ? "which trace? (- for standard input)" :
				   "one trace at a time");
	path = argv[optind];
	name = strcmp(path, "-") ? path : "standard input";
	err = strcmp(path, "-") ? check_input_file(help, "", path) : 0;
	if (err)
		return err;
	f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!f)
		return usage_error(help, "%s: %s", path, strerror(errno));
	err = boot_machine(cmdline, true);
	if (!err && replay_begin(&r))
		err = EXIT_REPORTED;
	if (!err) {
		printf("ukmem replay: %s on a %lu MiB machine\n", name,
		       totalram_pages() >> (20 - PAGE_SHIFT));
		events = replay_file(&r, f, name, (unsigned long)samples);
		if (events >= 0) {
			print_caches(&r);
			print_totals(&r);
		}
		replay_release(&r);
		ukmem_shutdown();
		if (!events) {
			fflush(stdout);
			fprintf(stderr, "ukmem replay: %s: no kmem event in %lu line(s) (an ftrace "
				"text trace of kmem:kmalloc, kmem:mm_page_alloc, ...?)\n", name,
				r.lines);
		}
		err = events > 0 ? 0 : EXIT_REPORTED;
	}
	if (f != stdin)
		fclose(f);
	return err;
}
