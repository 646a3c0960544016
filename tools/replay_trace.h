/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tools/replay_trace.h: the engine of `ukmem replay` (tools/replay_trace.c) -- parsing
 * one line of a kmem trace and replaying its event through the machine's allocators --
 * apart from the command (tools/replay.c: reading the file, sampling, the report), so
 * that it can be fed from a buffer (fuzz/replay.c). */
#ifndef UKMEM_TOOLS_REPLAY_TRACE_H
#define UKMEM_TOOLS_REPLAY_TRACE_H

#include <stdbool.h>
#include <linux/gfp.h>
#include <linux/mmzone.h>

enum event { EV_KMALLOC, EV_KFREE, EV_CACHE_ALLOC, EV_CACHE_FREE, EV_PAGE_ALLOC,
	     EV_PAGE_FREE, NR_EVENTS };
/* The events' names as ftrace prints them. */
extern const char *const replay_event_names[NR_EVENTS];

#define MAX_REPLAY_CACHES	256	/* object sizes, kmalloc's and the caches' */
#define MAX_SAMPLES		64
#define FAILURES_SHOWN		10
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

/* Prepares r (zeroed by the caller, skip_pages set as wanted): 0 or -ENOMEM. */
int replay_begin(struct replay *r);
/* The event of one ftrace text line (NUL-terminated), its timestamp and where its fields
 * start; -1 if the line holds no kmem event. */
int replay_parse_line(const char *line, double *time, const char **fields);
/* Replays one parsed event: allocates or frees as the trace did. */
void replay_event(struct replay *r, int event, const char *fields, double time);
/* Gives back what the trace left allocated and destroys the replay's caches, so the
 * machine shuts down clean; r's table is freed. */
void replay_release(struct replay *r);

#endif
