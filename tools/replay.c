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
 * mm_page_alloc: --no-pages leaves page events out. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include "tool.h"

enum event { EV_KMALLOC, EV_KFREE, EV_CACHE_ALLOC, EV_CACHE_FREE, EV_PAGE_ALLOC,
	     EV_PAGE_FREE, NR_EVENTS };
static const char *const event_names[NR_EVENTS] = {
	"kmalloc", "kfree", "kmem_cache_alloc", "kmem_cache_free", "mm_page_alloc",
	"mm_page_free",
};

#define MAX_REPLAY_CACHES	64
#define MAX_SAMPLES		64
#define FAILURES_SHOWN		10
#define PROGRESS_EVENTS		100000	/* longer traces show progress on a terminal */

struct replay_cache {
	unsigned long size;		/* bytes_alloc */
	struct kmem_cache *cache;	/* NULL for kmalloc sizes */
	char name[64];			/* from the trace, or kmalloc-<size> */
	unsigned long allocs, frees, live, peak;
};

struct live_entry {			/* open addressing; key 0 is empty */
	unsigned long key;
	void *object;			/* or struct page * */
	struct replay_cache *cache;	/* objects */
	unsigned int order;		/* pages */
	bool tombstone;
};

struct replay {
	struct replay_cache caches[MAX_REPLAY_CACHES];
	int nr_caches;
	struct live_entry *table;
	unsigned long table_size, table_used, table_tombstones;
	unsigned long events[NR_EVENTS], unknown_frees, failures, lines;
	unsigned long long live_bytes, peak_bytes;
	double peak_time;
	bool skip_pages;
	char failure_text[FAILURES_SHOWN][128];
};

/* ---- the live-pointer table ------------------------------------------------------- */

static unsigned long slot_of(const struct replay *r, unsigned long key)
{
	return (key * 0x9e3779b97f4a7c15UL >> 17) & (r->table_size - 1);
}

static struct live_entry *find_live(struct replay *r, unsigned long key)
{
	for (unsigned long i = slot_of(r, key);; i = (i + 1) & (r->table_size - 1)) {
		struct live_entry *e = &r->table[i];

		if (!e->key && !e->tombstone)
			return NULL;
		if (e->key == key)
			return e;
	}
}

static int grow_table(struct replay *r);

/* Frees what a live entry holds in the machine. */
static void release_entry(struct live_entry *e)
{
	if (!e->cache)
		__free_pages(e->object, e->order);
	else if (e->cache->cache)
		kmem_cache_free(e->cache->cache, e->object);
	else
		kfree(e->object);
}

static struct live_entry *add_live(struct replay *r, unsigned long key)
{
	struct live_entry *e = find_live(r, key);

	if (e) {	/* a pointer reused without a traced free (events were lost) */
		release_entry(e);
		return e;
	}
	if ((r->table_used + r->table_tombstones + 1) * 2 > r->table_size && grow_table(r))
		return NULL;
	for (unsigned long i = slot_of(r, key);; i = (i + 1) & (r->table_size - 1)) {
		e = &r->table[i];
		if (!e->key) {
			memset(e, 0, sizeof(*e));
			e->key = key;
			r->table_used++;
			return e;
		}
	}
}

static void remove_live(struct replay *r, struct live_entry *e)
{
	e->key = 0;
	e->tombstone = true;
	r->table_used--;
	r->table_tombstones++;
}

static int grow_table(struct replay *r)
{
	struct live_entry *old = r->table;
	unsigned long old_size = r->table_size;

	/* rehashing drops the tombstones; the table doubles only when live entries need it */
	r->table_size = !old_size ? 1024 : (r->table_used + 1) * 4 > old_size ? old_size * 2 : old_size;
	r->table = calloc(r->table_size, sizeof(*r->table));
	if (!r->table)
		return -ENOMEM;
	r->table_used = 0;
	r->table_tombstones = 0;
	for (unsigned long i = 0; i < old_size; i++)
		if (old[i].key)
			*add_live(r, old[i].key) = old[i];
	free(old);
	return 0;
}

/* ---- parsing ------------------------------------------------------------------------ */

static const struct { const char *name; gfp_t gfp; } gfp_parts[] = {
	{ "GFP_KERNEL", GFP_KERNEL }, { "GFP_ATOMIC", GFP_ATOMIC }, { "GFP_NOWAIT", GFP_NOWAIT },
	{ "GFP_NOIO", GFP_NOIO }, { "GFP_NOFS", GFP_NOFS }, { "GFP_USER", GFP_USER },
	{ "GFP_HIGHUSER", GFP_HIGHUSER }, { "GFP_HIGHUSER_MOVABLE", GFP_HIGHUSER_MOVABLE },
	{ "GFP_KERNEL_ACCOUNT", GFP_KERNEL_ACCOUNT }, { "GFP_DMA", GFP_DMA },
	{ "GFP_DMA32", GFP_DMA32 }, { "__GFP_ZERO", __GFP_ZERO }, { "__GFP_NOWARN", __GFP_NOWARN },
	{ "__GFP_COMP", __GFP_COMP }, { "__GFP_NORETRY", __GFP_NORETRY },
	{ "__GFP_RETRY_MAYFAIL", __GFP_RETRY_MAYFAIL }, { "__GFP_NOFAIL", __GFP_NOFAIL },
	{ "__GFP_HIGH", __GFP_HIGH }, { "__GFP_ACCOUNT", __GFP_ACCOUNT },
	{ "__GFP_RECLAIMABLE", __GFP_RECLAIMABLE }, { "__GFP_MOVABLE", __GFP_MOVABLE },
	{ "__GFP_NOMEMALLOC", __GFP_NOMEMALLOC }, { "__GFP_HARDWALL", __GFP_HARDWALL },
};

/* "GFP_KERNEL|__GFP_ZERO" -> flags; names ukmem does not model are left out. */
static gfp_t parse_gfp(const char *text)
{
	gfp_t gfp = 0;

	while (*text && *text != ' ') {
		size_t len = strcspn(text, "| ");

		for (size_t i = 0; i < sizeof(gfp_parts) / sizeof(gfp_parts[0]); i++)
			if (strlen(gfp_parts[i].name) == len && !strncmp(text, gfp_parts[i].name, len))
				gfp |= gfp_parts[i].gfp;
		text += len + (text[len] == '|');
	}
	return gfp ? gfp : GFP_KERNEL;
}

/* The value of " key=" in fields, or NULL. */
static const char *field(const char *fields, const char *key)
{
	size_t len = strlen(key);

	for (const char *p = fields; (p = strstr(p, key)); p += len)
		if ((p == fields || p[-1] == ' ') && p[len] == '=')
			return p + len + 1;
	return NULL;
}

static unsigned long field_ul(const char *fields, const char *key)
{
	const char *v = field(fields, key);

	return v ? strtoul(v, NULL, 0) : 0;
}

/* The event of an ftrace line, its timestamp and where its fields start; -1 if none. */
static int parse_line(const char *line, double *time, const char **fields)
{
	for (int e = 0; e < NR_EVENTS; e++) {
		char token[40];
		const char *at, *ts;

		snprintf(token, sizeof(token), " %s: ", event_names[e]);
		at = strstr(line, token);
		if (!at)
			continue;
		*fields = at + strlen(token);
		for (ts = at; ts > line && ts[-1] != ' '; ts--)
			;
		*time = strtod(ts, NULL);
		return e;
	}
	return -1;
}

/* ---- replaying -------------------------------------------------------------------------- */

static struct replay_cache *cache_for(struct replay *r, unsigned long size, bool is_kmalloc)
{
	struct replay_cache *c;

	for (int i = 0; i < r->nr_caches; i++)
		if (r->caches[i].size == size && !r->caches[i].cache == is_kmalloc)
			return &r->caches[i];
	if (r->nr_caches == MAX_REPLAY_CACHES)
		return NULL;
	c = &r->caches[r->nr_caches];
	memset(c, 0, sizeof(*c));
	c->size = size;
	snprintf(c->name, sizeof(c->name), "%s-%lu", is_kmalloc ? "kmalloc" : "replay", size);
	if (!is_kmalloc) {
		c->cache = kmem_cache_create(c->name, (unsigned int)size, 0, 0, NULL);
		if (!c->cache)
			return NULL;
	}
	r->nr_caches++;
	return c;
}

static void account(struct replay *r, long long bytes, double time)
{
	r->live_bytes += bytes;
	if (r->live_bytes > r->peak_bytes) {
		r->peak_bytes = r->live_bytes;
		r->peak_time = time;
	}
}

static void failed(struct replay *r, const char *what)
{
	if (r->failures < FAILURES_SHOWN)
		snprintf(r->failure_text[r->failures], sizeof(r->failure_text[0]),
			 "line %lu: %s failed", r->lines, what);
	r->failures++;
}

static void object_alloc(struct replay *r, const char *f, bool is_kmalloc, double time)
{
	unsigned long req = field_ul(f, "bytes_req"), size = field_ul(f, "bytes_alloc");
	unsigned long key = strtoul(field(f, "ptr") ? field(f, "ptr") : "0", NULL, 16);
	struct replay_cache *c = cache_for(r, size, is_kmalloc);
	gfp_t gfp = parse_gfp(field(f, "gfp_flags") ? field(f, "gfp_flags") : "");
	struct live_entry *e;
	void *object;
	char what[96];

	if (!key || !c)
		return;
	object = is_kmalloc ? kmalloc(req, gfp) : kmem_cache_alloc(c->cache, gfp);
	if (!object) {
		snprintf(what, sizeof(what), "%s(%lu)", is_kmalloc ? "kmalloc" : c->name, req);
		failed(r, what);
		return;
	}
	e = add_live(r, key);
	if (!e)
		return;
	e->object = object;
	e->cache = c;
	c->allocs++;
	if (++c->live > c->peak)
		c->peak = c->live;
	account(r, (long long)size, time);
}

static void object_free(struct replay *r, const char *f, double time)
{
	unsigned long key = strtoul(field(f, "ptr") ? field(f, "ptr") : "0", NULL, 16);
	struct live_entry *e = key ? find_live(r, key) : NULL;
	const char *name = field(f, "name");

	if (!e || !e->cache) {
		r->unknown_frees += key != 0;
		return;
	}
	if (name && e->cache->cache)
		snprintf(e->cache->name, sizeof(e->cache->name), "%.*s",
			 (int)strcspn(name, " \n"), name);
	if (e->cache->cache)
		kmem_cache_free(e->cache->cache, e->object);
	else
		kfree(e->object);
	e->cache->frees++;
	e->cache->live--;
	account(r, -(long long)e->cache->size, time);
	remove_live(r, e);
}

static void page_alloc(struct replay *r, const char *f, double time)
{
	unsigned long pfn = field_ul(f, "pfn");
	unsigned int order = (unsigned int)field_ul(f, "order");
	struct page *page;
	struct live_entry *e;
	char what[64];

	if (!pfn || order >= MAX_ORDER)
		return;		/* the traced allocation itself failed */
	page = alloc_pages(parse_gfp(field(f, "gfp_flags") ? field(f, "gfp_flags") : ""), order);
	if (!page) {
		snprintf(what, sizeof(what), "alloc_pages(order %u)", order);
		failed(r, what);
		return;
	}
	e = add_live(r, pfn | 1UL << 63);
	if (!e)
		return;
	e->object = page;
	e->order = order;
	account(r, (long long)(PAGE_SIZE << order), time);
}

static void page_free(struct replay *r, const char *f, double time)
{
	unsigned long pfn = field_ul(f, "pfn");
	struct live_entry *e = find_live(r, pfn | 1UL << 63);

	if (!e) {
		r->unknown_frees++;
		return;
	}
	__free_pages(e->object, e->order);
	account(r, -(long long)(PAGE_SIZE << e->order), time);
	remove_live(r, e);
}

static void replay_event(struct replay *r, int event, const char *fields, double time)
{
	r->events[event]++;
	switch (event) {
	case EV_KMALLOC: object_alloc(r, fields, true, time); break;
	case EV_CACHE_ALLOC: object_alloc(r, fields, false, time); break;
	case EV_KFREE: case EV_CACHE_FREE: object_free(r, fields, time); break;
	case EV_PAGE_ALLOC: if (!r->skip_pages) page_alloc(r, fields, time); break;
	case EV_PAGE_FREE: if (!r->skip_pages) page_free(r, fields, time); break;
	}
}

/* ---- the report ------------------------------------------------------------------------ */

/* Free blocks of each order over every zone, from /proc/buddyinfo. */
static void free_blocks_by_order(unsigned long blocks[MAX_ORDER])
{
	char *text = view("/proc/buddyinfo");

	memset(blocks, 0, sizeof(unsigned long) * MAX_ORDER);
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		char *p = strstr(line, "zone");

		if (!p)
			continue;
		p += 4;
		while (*p == ' ')
			p++;
		p += strcspn(p, " ");		/* the zone's name */
		for (int o = 0; o < MAX_ORDER; o++)
			blocks[o] += strtoul(p, &p, 10);
	}
	free(text);
}

static void print_sample(unsigned long event_no, double time)
{
	unsigned long blocks[MAX_ORDER];

	free_blocks_by_order(blocks);
	printf("%9lu %14.6f", event_no, time);
	for (int o = 0; o < MAX_ORDER; o++)
		printf(" %6lu", blocks[o]);
	putchar('\n');
}

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

static void print_totals(const struct replay *r)
{
	heading("Totals");
	for (int e = 0; e < NR_EVENTS; e++)
		printf("%-17s %lu events\n", event_names[e], r->events[e]);
	printf("peak live memory: %llu bytes (%llu kB) at %.6f\n", r->peak_bytes,
	       r->peak_bytes >> 10, r->peak_time);
	printf("live at the end: %llu bytes\n", r->live_bytes);
	printf("frees of memory allocated before the trace: %lu\n", r->unknown_frees);
	printf("failed allocations: %lu\n", r->failures);
	for (unsigned long i = 0; i < r->failures && i < FAILURES_SHOWN; i++)
		printf("  %s\n", r->failure_text[i]);
	if (r->failures > FAILURES_SHOWN)
		printf("  ... and %lu more\n", r->failures - FAILURES_SHOWN);
}

/* Gives back what the trace left allocated, so the machine shuts down clean. */
static void release_live(struct replay *r)
{
	for (unsigned long i = 0; i < r->table_size; i++)
		if (r->table[i].key)
			release_entry(&r->table[i]);
	for (int i = 0; i < r->nr_caches; i++)
		if (r->caches[i].cache)
			kmem_cache_destroy(r->caches[i].cache);
	free(r->table);
}

static unsigned long count_events(FILE *f)
{
	char line[4096];
	unsigned long n = 0;
	const char *fields;
	double time;

	while (fgets(line, sizeof(line), f))
		n += parse_line(line, &time, &fields) >= 0;
	rewind(f);
	return n;
}

static int replay_file(struct replay *r, FILE *f, unsigned long samples)
{
	unsigned long total = count_events(f), every = total / samples + 1, n = 0;
	bool show_progress = total >= PROGRESS_EVENTS && isatty(STDERR_FILENO);
	char line[4096];
	double time = 0;

	heading("Free blocks by order while replaying (all zones)");
	printf("%9s %14s", "event", "time");
	for (int o = 0; o < MAX_ORDER; o++)
		printf(" %6d", o);
	putchar('\n');
	print_sample(0, 0);
	while (fgets(line, sizeof(line), f)) {
		const char *fields;
		int event = parse_line(line, &time, &fields);

		r->lines++;
		if (event < 0)
			continue;
		replay_event(r, event, fields, time);
		if (++n % every == 0)
			print_sample(n, time);
		if (show_progress && n % (total / 100 + 1) == 0)
			fprintf(stderr, "\rukmem replay: %lu%%", n * 100 / total);
	}
	if (show_progress)
		fprintf(stderr, "\r%20s\r", "");
	if (n % every)
		print_sample(n, time);
	return 0;
}

static const char help[] =
	"usage: ukmem replay [--cmdline S] [--samples N] [--no-pages] TRACE|-\n"
	"\n"
	"Feeds an ftrace text trace of the kmem events (kmalloc, kfree, kmem_cache_alloc,\n"
	"kmem_cache_free, mm_page_alloc, mm_page_free, in Linux 6.1's format) through the\n"
	"machine's allocators; prints free blocks by order at N points of the trace,\n"
	"per-cache object counts, the peak of live traced memory and the allocations that\n"
	"failed. TRACE - reads the trace from standard input.\n"
	"\n"
	"  -c, --cmdline S    the machine's kernel command line (\"mem=128M\")\n"
	"  -s, --samples N    free blocks by order at N points (1..64, default 8)\n"
	"  -P, --no-pages     leave page events out (real traces also record slab pages\n"
	"                     as mm_page_alloc)\n"
	"  -h, --help         print this help and exit\n"
	"\n"
	"Exit status: 0 (failed allocations are listed, not an error); 1 if the replay\n"
	"could not run; 2 for a usage error or an unreadable trace.\n";

/* The trace to read twice (counting, then replaying): stdin is copied to a temporary
 * file first, since a pipe cannot be rewound. NULL with a message on failure. */
static FILE *open_trace(const char *path)
{
	char chunk[65536];
	size_t n;
	FILE *f;

	if (strcmp(path, "-")) {
		f = fopen(path, "r");
		if (!f)
			fprintf(stderr, "ukmem: %s: %s\n", path, strerror(errno));
		return f;
	}
	f = tmpfile();
	if (!f) {
		fprintf(stderr, "ukmem: a temporary file for standard input: %s\n", strerror(errno));
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
		if (fwrite(chunk, 1, n, f) != n) {
			fprintf(stderr, "ukmem: copying standard input: %s\n", strerror(errno));
			fclose(f);
			return NULL;
		}
	rewind(f);
	return f;
}

int cmd_replay(int argc, char **argv)
{
	static const struct option options[] = {
		{ "cmdline", required_argument, NULL, 'c' },
		{ "samples", required_argument, NULL, 's' },
		{ "no-pages", no_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *cmdline = NULL, *path;
	static struct replay r;
	long samples = 8;
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
	err = strcmp(path, "-") ? check_input_file(help, path) : 0;
	if (err)
		return err;
	f = open_trace(path);
	if (!f)
		return EXIT_USAGE;
	err = boot_machine(cmdline, true);
	if (!err && grow_table(&r))
		err = EXIT_REPORTED;
	if (!err) {
		printf("ukmem replay: %s on a %lu MiB machine\n", strcmp(path, "-") ? path :
		       "standard input", totalram_pages() >> (20 - PAGE_SHIFT));
		replay_file(&r, f, (unsigned long)samples);
		print_caches(&r);
		print_totals(&r);
		release_live(&r);
		ukmem_shutdown();
	}
	fclose(f);
	return err;
}
