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
#include "tool.h"

enum event { EV_KMALLOC, EV_KFREE, EV_CACHE_ALLOC, EV_CACHE_FREE, EV_PAGE_ALLOC,
	     EV_PAGE_FREE, NR_EVENTS };
static const char *const event_names[NR_EVENTS] = {
	"kmalloc", "kfree", "kmem_cache_alloc", "kmem_cache_free", "mm_page_alloc",
	"mm_page_free",
};

#define MAX_REPLAY_CACHES	256	/* object sizes, kmalloc's and the caches' */
#define MAX_SAMPLES		64
#define FAILURES_SHOWN		10
#define PROGRESS_EVENTS		100000	/* progress on a terminal every so many events */
#define NOFAIL_ATTEMPTS		3	/* a __GFP_NOFAIL allocation's bounded retry */

/* The last allocation of a kind (a cache, or an order of pages) that failed: another
 * with the same flags fails at once while nothing was freed since -- the machine's
 * memory has not changed, and asking again would only repeat its reclaim rounds. */
struct last_failure {
	bool valid, looped;
	gfp_t gfp;
	unsigned long frees;		/* struct replay's frees then */
};

struct replay_cache {
	unsigned long size;		/* bytes_alloc */
	struct last_failure failure;
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

/* The machine's free blocks by order after event event_no. */
struct sample {
	unsigned long event_no;
	double time;
	unsigned long blocks[MAX_ORDER];
};

/* What failed at which line: plain failures, and __GFP_NOFAIL allocations that Linux
 * would have retried for ever. */
struct failure_list {
	unsigned long count;
	char text[FAILURES_SHOWN][128];
};

struct replay {
	struct replay_cache caches[MAX_REPLAY_CACHES];
	int nr_caches;
	struct live_entry *table;
	unsigned long table_size, table_used, table_tombstones;
	unsigned long events[NR_EVENTS], unknown_frees, lines;
	unsigned long frees;		/* memory given back to the machine so far */
	unsigned long not_replayed;	/* allocations beyond MAX_REPLAY_CACHES sizes */
	struct last_failure page_failure[MAX_ORDER];
	unsigned long long live_bytes, peak_bytes;
	double peak_time;
	bool skip_pages;
	struct failure_list failed, looped;
	/* samples at every multiple of sample_every events, oldest first */
	struct sample samples[2 * MAX_SAMPLES], first;
	unsigned long nr_samples, sample_every;
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
		r->frees++;
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
	r->frees++;
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

static void add_failure(struct replay *r, struct failure_list *list, const char *what)
{
	if (list->count < FAILURES_SHOWN)
		snprintf(list->text[list->count], sizeof(list->text[0]), "line %lu: %s", r->lines,
			 what);
	list->count++;
}

/* One allocation of an event, as the trace asked for it. */
struct alloc_request {
	struct last_failure *failure;	/* of its cache, or of its order of pages */
	struct replay_cache *cache;	/* objects: kmalloc when cache->cache is NULL */
	unsigned long bytes;		/* kmalloc's bytes_req */
	unsigned int order;		/* pages, when cache is NULL */
};

static void *try_alloc(const struct alloc_request *a, gfp_t gfp)
{
	if (!a->cache)
		return alloc_pages(gfp, a->order);
	return a->cache->cache ? kmem_cache_alloc(a->cache->cache, gfp) : kmalloc(a->bytes, gfp);
}

/* Allocates as the trace did; a __GFP_NOFAIL request that may sleep gets a bounded retry
 * (see the top of the file) and *looped tells that it would have looped in Linux. */
static void *alloc_bounded(const struct alloc_request *a, gfp_t gfp, bool *looped)
{
	void *p;

	*looped = false;
	if (!(gfp & __GFP_NOFAIL))
		return try_alloc(a, gfp);
	gfp &= ~__GFP_NOFAIL;
	if (!gfpflags_allow_blocking(gfp))
		return try_alloc(a, gfp);	/* Linux warns and fails it too */
	for (int attempt = 0; attempt < NOFAIL_ATTEMPTS; attempt++) {
		p = try_alloc(a, attempt ? gfp | __GFP_HIGH : gfp);
		if (p)
			return p;
	}
	*looped = true;
	return NULL;
}

/* alloc_bounded(), or NULL at once when the same request failed and nothing was freed
 * since (struct last_failure). */
static void *alloc_as_traced(struct replay *r, const struct alloc_request *a, gfp_t gfp,
			     bool *looped)
{
	struct last_failure *last = a->failure;
	void *p;

	if (last->valid && last->gfp == gfp && last->frees == r->frees) {
		*looped = last->looped;
		return NULL;
	}
	p = alloc_bounded(a, gfp, looped);
	*last = (struct last_failure){ .valid = !p, .looped = *looped, .gfp = gfp,
				       .frees = r->frees };
	return p;
}

/* An allocation the machine could not serve: what, at the current line. */
static void alloc_failed(struct replay *r, const char *what, bool looped)
{
	char text[112];

	snprintf(text, sizeof(text), "%s %s", what, looped ? "with __GFP_NOFAIL" : "failed");
	add_failure(r, looped ? &r->looped : &r->failed, text);
}

static void object_alloc(struct replay *r, const char *f, bool is_kmalloc, double time)
{
	unsigned long req = field_ul(f, "bytes_req"), size = field_ul(f, "bytes_alloc");
	unsigned long key = strtoul(field(f, "ptr") ? field(f, "ptr") : "0", NULL, 16);
	struct replay_cache *c = cache_for(r, size, is_kmalloc);
	gfp_t gfp = parse_gfp(field(f, "gfp_flags") ? field(f, "gfp_flags") : "");
	struct alloc_request a = { .cache = c, .bytes = req };
	struct live_entry *e;
	void *object;
	char what[96];
	bool looped;

	if (!key)
		return;
	if (!c) {
		r->not_replayed++;
		return;
	}
	a.failure = &c->failure;
	object = alloc_as_traced(r, &a, gfp, &looped);
	if (!object) {
		snprintf(what, sizeof(what), "%s(%lu)", is_kmalloc ? "kmalloc" : c->name, req);
		alloc_failed(r, what, looped);
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
	struct alloc_request a = { .order = order };
	struct page *page;
	struct live_entry *e;
	char what[64];
	bool looped;

	if (!pfn || order >= MAX_ORDER)
		return;		/* the traced allocation itself failed */
	a.failure = &r->page_failure[order];
	page = alloc_as_traced(r, &a, parse_gfp(field(f, "gfp_flags") ? field(f, "gfp_flags") : ""),
			       &looped);
	if (!page) {
		snprintf(what, sizeof(what), "alloc_pages(order %u)", order);
		alloc_failed(r, what, looped);
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
		printf("%-17s %lu events\n", event_names[e], r->events[e]);
	printf("peak live memory: %llu bytes (%llu kB) at %.6f\n", r->peak_bytes,
	       r->peak_bytes >> 10, r->peak_time);
	printf("live at the end: %llu bytes\n", r->live_bytes);
	printf("frees of memory allocated before the trace: %lu\n", r->unknown_frees);
	if (r->not_replayed)
		printf("allocations not replayed: %lu (more than %d object sizes, or a cache "
		       "that could not be created)\n", r->not_replayed, MAX_REPLAY_CACHES);
	printf("failed allocations: %lu\n", r->failed.count);
	print_failures(&r->failed);
	printf("would have looped: %lu (__GFP_NOFAIL allocations the machine could not serve "
	       "in %d attempts; Linux retries them for ever)\n", r->looped.count, NOFAIL_ATTEMPTS);
	print_failures(&r->looped);
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
		int event = parse_line(line, &time, &fields);

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
	if (!err && grow_table(&r))
		err = EXIT_REPORTED;
	if (!err) {
		printf("ukmem replay: %s on a %lu MiB machine\n", name,
		       totalram_pages() >> (20 - PAGE_SHIFT));
		events = replay_file(&r, f, name, (unsigned long)samples);
		if (events >= 0) {
			print_caches(&r);
			print_totals(&r);
		}
		release_live(&r);
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
