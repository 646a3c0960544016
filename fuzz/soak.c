// SPDX-License-Identifier: LGPL-2.1-or-later
/* fuzz/soak.c: `make soak` -- ukmem_soak [SECONDS [MODULE]] (default 600 s and the
 * soak_module.so built beside it). One machine runs, for SECONDS:
 * - ALLOC_THREADS threads of kmalloc/kfree (8 B to 16 KiB), kmem_cache_alloc/free on a
 *   shared cache, vmalloc/vfree (1 to 64 pages) and alloc_pages/__free_pages (order 0-3),
 *   each keeping up to 512 blocks live and freeing them in random order;
 * - failslab and fail_page_alloc on (1% of allocations that may sleep or not, any number
 *   of times, silent), so that every allocator's failure path runs;
 * - a thread loading the module and unloading it (its init takes a cache, objects,
 *   kmalloc, vmalloc and a page block; under fault injection it may fail, and must give
 *   back what it took);
 * - CTL_THREADS control-socket clients (ukmem_ctl_read) reading /proc views from the
 *   machine's server in turn.
 * Then the threads stop, fault injection goes off, and every counter must be back at
 * its value before the soak: slab objects (the sum of /proc/slabinfo's active objects),
 * free pages (/proc/meminfo's MemFree), vmalloc areas (/proc/vmallocinfo's lines),
 * modules (/proc/modules' lines), and no report printed nor taint set. Prints the
 * counters and what was done; exit status 0, or 1 if a counter did not come back (with
 * the lines of the views that changed; UKMEM_SOAK_ZONEINFO=1 adds /proc/zoneinfo's).
 * UKMEM_SOAK_PARTS=alloc,module,ctl runs a subset. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include "mm/internal.h"		/* try_to_free_pages */
#include "mm/vmap_area.h"		/* purge_vmap_areas */

#define ALLOC_THREADS	2
#define CTL_THREADS	2
#define LIVE_MAX	512

static volatile int stop;
static struct kmem_cache *soak_cache;
static char socket_path[128];
static const char *module_path;

static struct {
	unsigned long allocs, failed, frees, loads, load_failures, unloads, views, view_errors;
} done;

static void count(unsigned long *c, unsigned long n)
{
	__atomic_add_fetch(c, n, __ATOMIC_RELAXED);
}

/* ---- counters --------------------------------------------------------------------- */

struct counters {
	unsigned long slab_objects, free_kb, vmalloc_areas, modules, reports, taint;
	unsigned long page_tables_kb, slab_kb;
};

static unsigned long meminfo_kb(const char *text, const char *field)
{
	const char *m = strstr(text, field);

	return m ? strtoul(m + strlen(field), NULL, 10) : 0;
}

static char *view(const char *path)
{
	ssize_t len = ukmem_proc_read(path, NULL, 0);
	char *text = malloc(len > 0 ? (size_t)len + 4096 : 1);

	if (len < 0 || !text) {
		fprintf(stderr, "ukmem_soak: cannot read %s\n", path);
		exit(2);
	}
	ukmem_proc_read(path, text, (size_t)len + 4096);
	return text;
}

static unsigned long lines(const char *path)
{
	char *text = view(path);
	unsigned long n = 0;

	for (const char *p = text; (p = strchr(p, '\n')); p++)
		n++;
	free(text);
	return n;
}

/* Caches hand back what they hold as reclaim makes them (per-CPU page lists, slab
 * depots and this thread's slab cache), and lazily freed vmalloc areas are purged, so
 * that the counters count what is in use. */
static void settle(void)
{
	purge_vmap_areas();
	try_to_free_pages(GFP_KERNEL, 0, NUMA_NO_NODE, 0);
	drain_all_pages(NULL);		/* the slab pages the shrink just gave back */
}

static void read_counters(struct counters *c)
{
	char *text = view("/proc/slabinfo"), *p;

	c->slab_objects = 0;
	for (p = strchr(text, '\n'); p && (p = strchr(p + 1, '\n')) && p[1]; ) {
		char name[64];
		unsigned long active;

		if (sscanf(p + 1, "%63s %lu", name, &active) == 2)
			c->slab_objects += active;
	}
	free(text);
	text = view("/proc/meminfo");
	c->free_kb = meminfo_kb(text, "MemFree:");
	c->page_tables_kb = meminfo_kb(text, "PageTables:");
	c->slab_kb = meminfo_kb(text, "Slab:");
	free(text);
	c->vmalloc_areas = lines("/proc/vmallocinfo");
	c->modules = lines("/proc/modules");
	c->reports = ukmem_report_count();
	c->taint = ukmem_tainted();
}

/* ---- the threads -------------------------------------------------------------------- */

struct block {
	int kind;		/* 0 none, 1 kmalloc, 2 cache, 3 vmalloc, 4 pages */
	void *p;
	unsigned int order;
};

static unsigned long rnd(unsigned long *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

static void release(struct block *b)
{
	switch (b->kind) {
	case 1: kfree(b->p); break;
	case 2: kmem_cache_free(soak_cache, b->p); break;
	case 3: vfree(b->p); break;
	case 4: __free_pages(b->p, b->order); break;
	}
	if (b->kind)
		count(&done.frees, 1);
	b->kind = 0;
}

static void *allocator(void *arg)
{
	static __thread struct block live[LIVE_MAX];
	unsigned long state = 0x2545f4914f6cdd1dUL + (unsigned long)arg;

	while (!stop) {
		struct block *b = &live[rnd(&state) % LIVE_MAX];
		gfp_t gfp = (rnd(&state) & 1 ? GFP_KERNEL : GFP_ATOMIC) | __GFP_NOWARN;

		if (b->kind) {
			release(b);
			continue;
		}
		b->kind = 1 + (int)(rnd(&state) % 4);
		switch (b->kind) {
		case 1: b->p = kmalloc(8 + rnd(&state) % (16 << 10), gfp); break;
		case 2: b->p = kmem_cache_alloc(soak_cache, gfp); break;
		case 3: b->p = __vmalloc((1 + rnd(&state) % 64) * PAGE_SIZE, GFP_KERNEL | __GFP_NOWARN); break;
		case 4:
			b->order = (unsigned int)(rnd(&state) % 4);
			b->p = alloc_pages(gfp, b->order);
			break;
		}
		if (b->p) {
			memset(b->kind == 4 ? page_address(b->p) : b->p, 0x5a, 8);
			count(&done.allocs, 1);
		} else {
			b->kind = 0;
			count(&done.failed, 1);
		}
	}
	for (int i = 0; i < LIVE_MAX; i++)
		release(&live[i]);
	return NULL;
}

static void *loader(void *unused)
{
	while (!stop) {
		int err = ukmem_module_load(module_path, NULL);

		if (err) {
			count(&done.load_failures, 1);
			continue;
		}
		count(&done.loads, 1);
		if (!ukmem_module_unload("soak_module"))
			count(&done.unloads, 1);
	}
	return NULL;
}

static void *ctl_client(void *arg)
{
	static const char *const views[] = { "/proc/meminfo", "/proc/slabinfo",
					     "/proc/vmallocinfo", "/proc/buddyinfo",
					     "/proc/modules", "/proc/zoneinfo" };
	char *buf = malloc(1 << 20);
	unsigned long i = (unsigned long)arg;

	while (!stop) {
		ssize_t n = ukmem_ctl_read(socket_path, views[i++ % 6], buf, 1 << 20);

		count(n >= 0 ? &done.views : &done.view_errors, 1);
	}
	free(buf);
	return NULL;
}

/* ---- main ------------------------------------------------------------------------- */

static void faults(int probability)
{
	static const char *const names[] = { "failslab", "fail_page_alloc" };

	for (int i = 0; i < 2; i++) {
		ukmem_fault_set(names[i], "verbose", 0);
		ukmem_fault_set(names[i], "ignore-gfp-wait", 0);
		ukmem_fault_set(names[i], "times", -1);
		ukmem_fault_set(names[i], "interval", 1);
		ukmem_fault_set(names[i], "probability", probability);
	}
}

/* The lines of a that are not lines of b, each after mark. */
static void print_missing(const char *a, const char *b, char mark)
{
	char *copy = strdup(a);

	for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n")) {
		const char *at = b;
		size_t len = strlen(line);

		while ((at = strstr(at, line)) &&
		       ((at != b && at[-1] != '\n') || (at[len] && at[len] != '\n')))
			at++;
		if (!at)
			printf("  %c %s\n", mark, line);
	}
	free(copy);
}

/* What changed in path's text since before: what a counter that did not come back is
 * made of. */
static void print_changes(const char *path, const char *before)
{
	char *now = view(path);

	printf("%s, lines before (-) and after (+) that differ:\n", path);
	print_missing(before, now, '-');
	print_missing(now, before, '+');
	free(now);
}

static bool same(const char *what, unsigned long before, unsigned long after)
{
	printf("  %-22s %12lu %12lu%s\n", what, before, after, before == after ? "" : "  <- differs");
	return before == after;
}

int main(int argc, char **argv)
{
	pthread_t alloc_threads[ALLOC_THREADS], ctl_threads[CTL_THREADS], load_thread;
	double seconds = argc > 1 ? strtod(argv[1], NULL) : 600;
	char default_module[4096], dir[] = "/tmp/ukmem-soak-XXXXXX";
	struct counters before, after;
	char *slabinfo_before, *vmallocinfo_before, *slabinfo_after, *vmallocinfo_after;
	char *meminfo_before, *zoneinfo_before;
	struct timespec t0, t1;
	const char *parts = getenv("UKMEM_SOAK_PARTS");	/* a subset: "alloc,module,ctl" */
	bool ok = true;
	int err;

	if (!parts)
		parts = "alloc,module,ctl";

	if (argc > 2) {
		module_path = argv[2];
	} else {
		ssize_t n = readlink("/proc/self/exe", default_module, sizeof(default_module) - 32);

		if (n < 0)
			return 2;
		default_module[n] = '\0';
		strcpy(strrchr(default_module, '/') + 1, "soak_module.so");
		module_path = default_module;
	}
	if (seconds <= 0 || !mkdtemp(dir)) {
		fprintf(stderr, "usage: ukmem_soak [SECONDS [MODULE]]\n");
		return 2;
	}
	snprintf(socket_path, sizeof(socket_path), "%s/ctl", dir);
	err = ukmem_boot("mem=256M kfence.sample_interval=0");
	if (err) {
		fprintf(stderr, "ukmem_soak: cannot start: %s\n", strerror(-err));
		return 2;
	}
	soak_cache = kmem_cache_create("soak", 192, 0, 0, NULL);
	/* one load first: what a module's first load leaves for good (its symbols' lookup
	 * structures) is not counted against the soak */
	if (!ukmem_module_load(module_path, NULL))
		ukmem_module_unload("soak_module");
	slabinfo_before = view("/proc/slabinfo");
	vmallocinfo_before = view("/proc/vmallocinfo");
	settle();
	read_counters(&before);
	meminfo_before = view("/proc/meminfo");
	zoneinfo_before = view("/proc/zoneinfo");
	/* the server's thread lives only during the soak: what its slab cache holds goes
	 * back when it ends */
	err = ukmem_ctl_listen(socket_path);
	if (err) {
		fprintf(stderr, "ukmem_soak: cannot serve: %s\n", strerror(-err));
		return 2;
	}

	printf("ukmem_soak: %.0f s, %d allocator threads, a module loop (%s), %d control "
	       "clients, failslab and fail_page_alloc at 1%%\n", seconds, ALLOC_THREADS,
	       module_path, CTL_THREADS);
	fflush(stdout);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	faults(1);
	for (long i = 0; i < ALLOC_THREADS && strstr(parts, "alloc"); i++)
		pthread_create(&alloc_threads[i], NULL, allocator, (void *)i);
	if (strstr(parts, "module"))
		pthread_create(&load_thread, NULL, loader, NULL);
	for (long i = 0; i < CTL_THREADS && strstr(parts, "ctl"); i++)
		pthread_create(&ctl_threads[i], NULL, ctl_client, (void *)i);
	do {
		sleep(1);
		clock_gettime(CLOCK_MONOTONIC, &t1);
	} while ((double)(t1.tv_sec - t0.tv_sec) < seconds);
	stop = 1;
	for (int i = 0; i < ALLOC_THREADS && strstr(parts, "alloc"); i++)
		pthread_join(alloc_threads[i], NULL);
	if (strstr(parts, "module"))
		pthread_join(load_thread, NULL);
	for (int i = 0; i < CTL_THREADS && strstr(parts, "ctl"); i++)
		pthread_join(ctl_threads[i], NULL);
	faults(0);
	ukmem_ctl_close();
	clock_gettime(CLOCK_MONOTONIC, &t1);

	slabinfo_after = view("/proc/slabinfo");	/* the same reads as before */
	vmallocinfo_after = view("/proc/vmallocinfo");
	free(slabinfo_after);
	free(vmallocinfo_after);
	settle();
	read_counters(&after);
	printf("done in %.0f s: %lu allocations (%lu failed), %lu frees; module loaded %lu "
	       "times (%lu loads failed), unloaded %lu; %lu views read (%lu errors); %ld "
	       "failures injected\n", (double)(t1.tv_sec - t0.tv_sec), done.allocs,
	       done.failed, done.frees, done.loads, done.load_failures, done.unloads,
	       done.views, done.view_errors,
	       ukmem_fault_get("failslab", "injected") + ukmem_fault_get("fail_page_alloc", "injected"));
	printf("  %-22s %12s %12s\n", "counter", "before", "after");
	ok &= same("slab objects", before.slab_objects, after.slab_objects);
	/* Kernel page tables made for vmalloc addresses stay (as in Linux), and a cache
	 * keeps a few empty slabs (SLUB's min_partial): their pages are not free, and not
	 * lost either. */
	ok &= same("free+tables+slab (kB)", before.free_kb + before.page_tables_kb + before.slab_kb,
		   after.free_kb + after.page_tables_kb + after.slab_kb);
	printf("  %-22s %12lu %12lu\n", "  of which free (kB)", before.free_kb, after.free_kb);
	printf("  %-22s %12lu %12lu\n", "  page tables (kB)", before.page_tables_kb,
	       after.page_tables_kb);
	printf("  %-22s %12lu %12lu\n", "  slab pages (kB)", before.slab_kb, after.slab_kb);
	ok &= same("vmalloc areas", before.vmalloc_areas, after.vmalloc_areas);
	ok &= same("modules", before.modules, after.modules);
	ok &= same("reports", before.reports, after.reports);
	ok &= same("taint", before.taint, after.taint);
	if (before.slab_objects != after.slab_objects)
		print_changes("/proc/slabinfo", slabinfo_before);
	if (before.vmalloc_areas != after.vmalloc_areas)
		print_changes("/proc/vmallocinfo", vmallocinfo_before);
	if (!ok)
		print_changes("/proc/meminfo", meminfo_before);
	if (!ok && getenv("UKMEM_SOAK_ZONEINFO"))
		print_changes("/proc/zoneinfo", zoneinfo_before);
	free(slabinfo_before);
	free(vmallocinfo_before);
	free(meminfo_before);
	free(zoneinfo_before);
	rmdir(dir);
	kmem_cache_destroy(soak_cache);
	ukmem_shutdown();
	printf("ukmem_soak: %s\n", ok ? "every counter is back at its baseline" :
	       "a counter did not come back");
	return ok ? 0 : 1;
}
