// SPDX-License-Identifier: LGPL-2.1-or-later
/* tools/replay_trace.c: the engine of `ukmem replay` -- one ftrace text line of the kmem
 * events parsed and replayed through the machine's allocators (what the events mean and
 * how __GFP_NOFAIL is bounded: tools/replay.c). It uses public headers only.
 * Invariants: every live table entry holds exactly one object or page block of the
 * machine, which replay_release() gives back; r->live_bytes is the sum of the live
 * entries' sizes; an event the machine could not have produced in Linux 6.1 (a
 * kmalloc or object size beyond KMALLOC_MAX_SIZE) is counted as not replayed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include "replay_trace.h"

const char *const replay_event_names[NR_EVENTS] = {
	"kmalloc", "kfree", "kmem_cache_alloc", "kmem_cache_free", "mm_page_alloc",
	"mm_page_free",
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
		if (e->cache) {
			e->cache->frees++;
			e->cache->live--;
			r->live_bytes -= e->cache->size;
		} else {
			r->live_bytes -= PAGE_SIZE << e->order;
		}
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
int replay_parse_line(const char *line, double *time, const char **fields)
{
	for (int e = 0; e < NR_EVENTS; e++) {
		char token[40];
		const char *at, *ts;

		snprintf(token, sizeof(token), " %s: ", replay_event_names[e]);
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
	/* Linux 6.1 serves no object larger than KMALLOC_MAX_SIZE: such a line is not
	 * from a real trace, and asking for it would only print the page allocator's
	 * warning about the order. */
	bool possible = req <= KMALLOC_MAX_SIZE && size <= KMALLOC_MAX_SIZE;
	struct replay_cache *c = key && possible ? cache_for(r, size, is_kmalloc) : NULL;
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
	if (!e) {
		release_entry(&(struct live_entry){ .object = object, .cache = c });
		return;
	}
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
	if (!e) {
		__free_pages(page, order);
		return;
	}
	e->object = page;
	e->cache = NULL;	/* the key may have been an object's */
	e->order = order;
	account(r, (long long)(PAGE_SIZE << order), time);
}

static void page_free(struct replay *r, const char *f, double time)
{
	unsigned long pfn = field_ul(f, "pfn");
	struct live_entry *e = find_live(r, pfn | 1UL << 63);

	if (!e || e->cache) {	/* an object whose pointer reads as this pfn's key */
		r->unknown_frees++;
		return;
	}
	__free_pages(e->object, e->order);
	account(r, -(long long)(PAGE_SIZE << e->order), time);
	remove_live(r, e);
}

void replay_event(struct replay *r, int event, const char *fields, double time)
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

/* Gives back what the trace left allocated, so the machine shuts down clean. */
void replay_release(struct replay *r)
{
	for (unsigned long i = 0; i < r->table_size; i++)
		if (r->table[i].key)
			release_entry(&r->table[i]);
	for (int i = 0; i < r->nr_caches; i++)
		if (r->caches[i].cache)
			kmem_cache_destroy(r->caches[i].cache);
	free(r->table);
}

int replay_begin(struct replay *r)
{
	return grow_table(r);
}
