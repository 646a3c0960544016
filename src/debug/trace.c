// SPDX-License-Identifier: LGPL-2.1-or-later
/* debug/trace.c: the tracepoints' output. An enabled event is written as one line in
 * ftrace's text format ("<comm>-<pid> [<cpu>] <flags> <s.us>: <event>: <fields>", the
 * fields as the kernel's TP_printk writes them) to the file named by ukmem.trace_file=
 * (with the trace file's header), and kept in a ring read back as
 * /sys/kernel/tracing/trace. Each event is also a USDT probe, ukmem:<event>, whose
 * semaphore a tracer raises on attach. trace_event= takes the kernel's list syntax:
 * "kmem:kmalloc,kmem:kfree", "kmem:*", "vmalloc:*" or "*:*". */
#define _SDT_HAS_SEMAPHORES 1
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sdt.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include "debug/trace.h"
#include "fs/proc.h"
#include "host/host.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "kernel/report.h"
#include "machine/initcalls.h"
#include "mm/internal.h"
#include "mm/slab.h"
#include "kernel/cpu.h"

#define TRACE_RING_LINES 65536

bool trace_event_on[NR_TRACE_EVENTS];
#define SEMAPHORE(name) \
	unsigned short ukmem_##name##_semaphore __attribute__((section(".probes"), used, \
							       visibility("hidden")))
SEMAPHORE(kmalloc); SEMAPHORE(kfree); SEMAPHORE(kmem_cache_alloc); SEMAPHORE(kmem_cache_free);
SEMAPHORE(mm_page_alloc); SEMAPHORE(mm_page_free); SEMAPHORE(mm_page_alloc_extfrag);
SEMAPHORE(alloc_vmap_area);
SEMAPHORE(free_vmap_area_noflush); SEMAPHORE(purge_vmap_area_lazy);

static const struct { const char *system, *name; } trace_events[NR_TRACE_EVENTS] = {
	[TRACE_KMALLOC] = { "kmem", "kmalloc" },
	[TRACE_KFREE] = { "kmem", "kfree" },
	[TRACE_KMEM_CACHE_ALLOC] = { "kmem", "kmem_cache_alloc" },
	[TRACE_KMEM_CACHE_FREE] = { "kmem", "kmem_cache_free" },
	[TRACE_MM_PAGE_ALLOC] = { "kmem", "mm_page_alloc" },
	[TRACE_MM_PAGE_FREE] = { "kmem", "mm_page_free" },
	[TRACE_MM_PAGE_ALLOC_EXTFRAG] = { "kmem", "mm_page_alloc_extfrag" },
	[TRACE_ALLOC_VMAP_AREA] = { "vmalloc", "alloc_vmap_area" },
	[TRACE_FREE_VMAP_AREA_NOFLUSH] = { "vmalloc", "free_vmap_area_noflush" },
	[TRACE_PURGE_VMAP_AREA_LAZY] = { "vmalloc", "purge_vmap_area_lazy" },
};

static char trace_file_path[4096];
static char trace_event_list[1024];
static FILE *trace_file;
static char *ring[TRACE_RING_LINES];
static unsigned long ring_next, ring_written;
static pthread_mutex_t trace_lock = PTHREAD_MUTEX_INITIALIZER;

static int set_trace_event(const char *v)
{
	snprintf(trace_event_list, sizeof(trace_event_list), "%s", v);
	return 0;
}
UKMEM_SETUP("trace_event=", set_trace_event, "");

static int set_trace_file(const char *v)
{
	snprintf(trace_file_path, sizeof(trace_file_path), "%s", v);
	return 0;
}
UKMEM_SETUP("ukmem.trace_file=", set_trace_file, "");

/* "kmem:*", "kmem:kmalloc", "*:*", or a bare event name. */
static bool event_matches(const char *pattern, size_t len, int id)
{
	char buf[128], *colon;

	snprintf(buf, sizeof(buf), "%.*s", (int)len, pattern);
	colon = strchr(buf, ':');
	if (!colon)
		return !strcmp(buf, trace_events[id].name);
	*colon = '\0';
	return (!strcmp(buf, "*") || !strcmp(buf, trace_events[id].system)) &&
	       (!strcmp(colon + 1, "*") || !strcmp(colon + 1, trace_events[id].name));
}

static unsigned short *const semaphores[NR_TRACE_EVENTS] = {
	[TRACE_KMALLOC] = &ukmem_kmalloc_semaphore,
	[TRACE_KFREE] = &ukmem_kfree_semaphore,
	[TRACE_KMEM_CACHE_ALLOC] = &ukmem_kmem_cache_alloc_semaphore,
	[TRACE_KMEM_CACHE_FREE] = &ukmem_kmem_cache_free_semaphore,
	[TRACE_MM_PAGE_ALLOC] = &ukmem_mm_page_alloc_semaphore,
	[TRACE_MM_PAGE_FREE] = &ukmem_mm_page_free_semaphore,
	[TRACE_MM_PAGE_ALLOC_EXTFRAG] = &ukmem_mm_page_alloc_extfrag_semaphore,
	[TRACE_ALLOC_VMAP_AREA] = &ukmem_alloc_vmap_area_semaphore,
	[TRACE_FREE_VMAP_AREA_NOFLUSH] = &ukmem_free_vmap_area_noflush_semaphore,
	[TRACE_PURGE_VMAP_AREA_LAZY] = &ukmem_purge_vmap_area_lazy_semaphore,
};

/* ftrace output of event id on or off, as one more holder of its semaphore. */
static void set_event(int id, bool on)
{
	if (trace_event_on[id] == on)
		return;
	trace_event_on[id] = on;
	__atomic_fetch_add(semaphores[id], on ? 1 : -1, __ATOMIC_RELAXED);
}

static void enable_listed_events(void)
{
	for (int id = 0; id < NR_TRACE_EVENTS; id++) {
		const char *p = trace_event_list;
		bool on = false;

		while (*p) {
			size_t len = strcspn(p, ",");

			if (len && event_matches(p, len, id))
				on = true;
			p += len + (p[len] == ',');
		}
		set_event(id, on);
	}
}

static void write_file_header(FILE *f)
{
	fprintf(f, "# tracer: nop\n#\n");
	fprintf(f, "#                                _-----=> irqs-off/BH-disabled\n"
		   "#                               / _----=> need-resched\n"
		   "#                              | / _---=> hardirq/softirq\n"
		   "#                              || / _--=> preempt-depth\n"
		   "#                              ||| / _-=> migrate-disable\n"
		   "#                              |||| /     delay\n"
		   "#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION\n"
		   "#              | |         |   |||||     |         |\n");
}

/* The five context characters of ftrace's irq-info column. */
static void context_flags(char out[6])
{
	unsigned int pc = current->preempt_count;
	bool hard = pc & HARDIRQ_MASK, soft = pc & SOFTIRQ_MASK;

	out[0] = current->irqs_off ? 'd' : '.';
	out[1] = '.';
	out[2] = hard && soft ? 'H' : hard ? 'h' : soft ? 's' : '.';
	out[3] = (pc & 0xf) ? "0123456789abcdef"[pc & 0xf] : '.';
	out[4] = '.';
	out[5] = '\0';
}

static void emit(int id, const char *fmt, ...)
{
	char fields[512], line[768], flags[6];
	unsigned long long ts = printk_clock_usec();
	va_list args;

	if (!trace_event_on[id])
		return;
	va_start(args, fmt);
	vsnprintf(fields, sizeof(fields), fmt, args);
	va_end(args);
	context_flags(flags);
	snprintf(line, sizeof(line), "%16s-%-7d [%03d] %s %5llu.%06llu: %s: %s\n", current->comm,
		 current->pid, (int)cpu_current(), flags, ts / 1000000, ts % 1000000,
		 trace_events[id].name, fields);
	pthread_mutex_lock(&trace_lock);
	if (trace_file)
		fputs(line, trace_file);
	free(ring[ring_next % TRACE_RING_LINES]);
	ring[ring_next++ % TRACE_RING_LINES] = strdup(line);
	ring_written++;
	pthread_mutex_unlock(&trace_lock);
}

static const char *sym(unsigned long addr, char *buf, size_t size)
{
	return ukmem_symbolize((void *)addr, buf, size);
}

static const char *gfp_names(gfp_t gfp, char *buf, size_t size)
{
	return format_gfp_flags(gfp, buf, size);
}

void __trace_kmalloc(unsigned long call_site, const void *ptr, size_t bytes_req,
		     size_t bytes_alloc, gfp_t gfp, int node)
{
	char s[256], g[256];

	STAP_PROBE5(ukmem, kmalloc, call_site, ptr, bytes_req, bytes_alloc, gfp);
	emit(TRACE_KMALLOC, "call_site=%s ptr=%016lx bytes_req=%zu bytes_alloc=%zu gfp_flags=%s node=%d accounted=%s",
	     sym(call_site, s, sizeof(s)), (unsigned long)ptr, bytes_req, bytes_alloc,
	     gfp_names(gfp, g, sizeof(g)), node, gfp & __GFP_ACCOUNT ? "true" : "false");
}

void __trace_kfree(unsigned long call_site, const void *ptr)
{
	char s[256];

	STAP_PROBE2(ukmem, kfree, call_site, ptr);
	emit(TRACE_KFREE, "call_site=%s ptr=%016lx", sym(call_site, s, sizeof(s)), (unsigned long)ptr);
}

void __trace_kmem_cache_alloc(unsigned long call_site, const void *ptr, struct kmem_cache *s,
			      size_t bytes_req, size_t bytes_alloc, gfp_t gfp, int node)
{
	char cs[256], g[256];

	STAP_PROBE5(ukmem, kmem_cache_alloc, call_site, ptr, bytes_req, bytes_alloc, gfp);
	emit(TRACE_KMEM_CACHE_ALLOC, "call_site=%s ptr=%016lx bytes_req=%zu bytes_alloc=%zu gfp_flags=%s node=%d accounted=%s",
	     sym(call_site, cs, sizeof(cs)), (unsigned long)ptr, bytes_req, bytes_alloc,
	     gfp_names(gfp, g, sizeof(g)), node,
	     (gfp & __GFP_ACCOUNT) || (s->flags & SLAB_ACCOUNT) ? "true" : "false");
}

void __trace_kmem_cache_free(unsigned long call_site, const void *ptr, const char *name)
{
	char s[256];

	STAP_PROBE3(ukmem, kmem_cache_free, call_site, ptr, name);
	emit(TRACE_KMEM_CACHE_FREE, "call_site=%s ptr=%016lx name=%s", sym(call_site, s, sizeof(s)),
	     (unsigned long)ptr, name);
}

void __trace_mm_page_alloc(struct page *page, unsigned int order, gfp_t gfp)
{
	char g[256];

	STAP_PROBE3(ukmem, mm_page_alloc, page_to_pfn(page), order, gfp);
	emit(TRACE_MM_PAGE_ALLOC, "page=%016lx pfn=0x%lx order=%u migratetype=%d gfp_flags=%s",
	     (unsigned long)page, page_to_pfn(page), order, gfp_migratetype(gfp),
	     gfp_names(gfp, g, sizeof(g)));
}

void __trace_mm_page_free(struct page *page, unsigned int order)
{
	STAP_PROBE2(ukmem, mm_page_free, page_to_pfn(page), order);
	emit(TRACE_MM_PAGE_FREE, "page=%016lx pfn=0x%lx order=%u", (unsigned long)page,
	     page_to_pfn(page), order);
}

/* A request served from another migrate type's block: fragmenting when that block was
 * smaller than a pageblock, changing ownership when its pageblock became the request's. */
void __trace_mm_page_alloc_extfrag(struct page *page, unsigned int alloc_order,
				   unsigned int fallback_order, int alloc_migratetype,
				   int fallback_migratetype)
{
	STAP_PROBE5(ukmem, mm_page_alloc_extfrag, page_to_pfn(page), alloc_order, fallback_order,
		    alloc_migratetype, fallback_migratetype);
	emit(TRACE_MM_PAGE_ALLOC_EXTFRAG, "page=%016lx pfn=0x%lx alloc_order=%u fallback_order=%u "
	     "pageblock_order=%d alloc_migratetype=%d fallback_migratetype=%d fragmenting=%d "
	     "change_ownership=%d", (unsigned long)page, page_to_pfn(page), alloc_order,
	     fallback_order, pageblock_order, alloc_migratetype, fallback_migratetype,
	     fallback_order < pageblock_order,
	     alloc_migratetype == get_pageblock_migratetype(page));
}

void __trace_alloc_vmap_area(unsigned long addr, unsigned long size, unsigned long align,
			     unsigned long vstart, unsigned long vend, int failed)
{
	STAP_PROBE6(ukmem, alloc_vmap_area, addr, size, align, vstart, vend, failed);
	emit(TRACE_ALLOC_VMAP_AREA, "va_start=0x%lx size=%lu align=%lu vstart=0x%lx vend=0x%lx failed=%d",
	     addr, size, align, vstart, vend, failed);
}

void __trace_free_vmap_area_noflush(unsigned long va_start, unsigned long nr_lazy,
				    unsigned long nr_lazy_max)
{
	STAP_PROBE3(ukmem, free_vmap_area_noflush, va_start, nr_lazy, nr_lazy_max);
	emit(TRACE_FREE_VMAP_AREA_NOFLUSH, "va_start=0x%lx nr_lazy=%lu nr_lazy_max=%lu", va_start,
	     nr_lazy, nr_lazy_max);
}

void __trace_purge_vmap_area_lazy(unsigned long start, unsigned long end, unsigned int npurged)
{
	STAP_PROBE3(ukmem, purge_vmap_area_lazy, start, end, npurged);
	emit(TRACE_PURGE_VMAP_AREA_LAZY, "start=0x%lx end=0x%lx num_purged=%u", start, end, npurged);
}

static int trace_show(struct seq_file *m, void *data)
{
	unsigned long first;

	pthread_mutex_lock(&trace_lock);
	first = ring_next > TRACE_RING_LINES ? ring_next - TRACE_RING_LINES : 0;
	seq_printf(m, "# tracer: nop\n#\n# entries-in-buffer/entries-written: %lu/%lu   #P:%u\n#\n",
		   ring_next - first, ring_written, nr_cpu_ids);
	for (unsigned long i = first; i < ring_next; i++)
		seq_puts(m, ring[i % TRACE_RING_LINES]);
	pthread_mutex_unlock(&trace_lock);
	return 0;
}

int trace_init(void)
{
	enable_listed_events();
	if (trace_file_path[0]) {
		trace_file = fopen(trace_file_path, "w");
		if (!trace_file) {
			pr_err("ukmem: cannot write the trace file %s\n", trace_file_path);
			return -EINVAL;
		}
		write_file_header(trace_file);
	}
	return proc_create_view("/sys/kernel/tracing/trace", trace_show, NULL);
}

void trace_exit(void)
{
	pthread_mutex_lock(&trace_lock);
	for (int id = 0; id < NR_TRACE_EVENTS; id++)
		set_event(id, false);
	if (trace_file)
		fclose(trace_file);
	trace_file = NULL;
	for (unsigned long i = 0; i < TRACE_RING_LINES; i++) {
		free(ring[i]);
		ring[i] = NULL;
	}
	ring_next = ring_written = 0;
	pthread_mutex_unlock(&trace_lock);
}
