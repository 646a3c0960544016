// SPDX-License-Identifier: LGPL-2.1-or-later
/* Tracing: trace_event= selects the kernel's kmem and vmalloc events; each event of a
 * known workload is one line in ftrace's text format, in the trace file and in
 * /sys/kernel/tracing/trace. */
#include <criterion/criterion.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include "kmsg.h"
#include "mm/slab.h"
#include "../mm/asan_quarantine.h"

/* bytes_alloc of a slab object of n bytes: the slab's object size, which in ASan builds
 * has KASAN's red zone, as in Linux with KASAN */
static unsigned int slab_bytes(unsigned int n)
{
	return KASAN_LAYOUT ? ALIGN(kasan_slab_size(n, n), 8) : n;
}

static size_t count_matching(const char *text, const char *pattern)
{
	regex_t re;
	size_t n = 0;
	char *copy = strdup(text), *save = NULL;

	cr_assert_eq(regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB), 0, "%s", pattern);
	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		if (!regexec(&re, line, 0, NULL, 0))
			n++;
	regfree(&re);
	free(copy);
	return n;
}

#define CONTEXT "^ {0,16}[^ ]+-[0-9]+ +\\[[0-9]{3}\\] [.d][.][.hHs][.0-9a-f][.] +[0-9]+\\.[0-9]{6}: "

/* CONTEXT for the lines of the calling task only: kernel threads may allocate pages at
 * any time (an RCU batch, deferred work), on a busy machine during a test too. */
static const char *own(const char *event)
{
	static char pattern[256];
	char comm[2 * TASK_COMM_LEN];
	size_t n = 0;

	for (const char *c = current->comm; *c; c++) {
		if (strchr(".[]()*+?{}|^$\\", *c))
			comm[n++] = '\\';
		comm[n++] = *c;
	}
	comm[n] = '\0';
	snprintf(pattern, sizeof(pattern), "^ {0,16}%s-%d +\\[[0-9]{3}\\] [.d][.][.hHs][.0-9a-f][.] "
		 "+[0-9]+\\.[0-9]{6}: %s", comm, current->pid, event);
	return pattern;
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	static char buf[1 << 20];
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);

	fclose(f);
	buf[n] = '\0';
	return buf;
}

Test(trace, page_events_one_line_each)
{
	char path[] = "/tmp/ukmem-trace-XXXXXX";
	int fd = mkstemp(path);
	char cmdline[128];

	close(fd);
	snprintf(cmdline, sizeof(cmdline), "mem=64M trace_event=kmem:mm_page_alloc,kmem:mm_page_free "
		 "ukmem.trace_file=%s", path);
	cr_assert_eq(ukmem_boot(cmdline), 0);
	char *before = proc_text("/sys/kernel/tracing/trace");
	size_t allocs0 = count_matching(before, own("mm_page_alloc: "));
	size_t frees0 = count_matching(before, own("mm_page_free: "));
	free(before);

	struct page *p[5];
	for (int i = 0; i < 5; i++)
		p[i] = alloc_pages(GFP_KERNEL, (unsigned int)i);
	for (int i = 0; i < 5; i++)
		__free_pages(p[i], (unsigned int)i);

	char *after = proc_text("/sys/kernel/tracing/trace");
	cr_assert_eq(count_matching(after, own("mm_page_alloc: ")), allocs0 + 5);
	cr_assert_eq(count_matching(after, own("mm_page_free: ")), frees0 + 5);
	char want[400];
	snprintf(want, sizeof(want), CONTEXT "mm_page_alloc: page=%016lx pfn=0x%lx order=3 "
		 "migratetype=0 gfp_flags=GFP_KERNEL$", (unsigned long)p[3], page_to_pfn(p[3]));
	cr_assert_eq(count_matching(after, want), 1, "%s\n%s", want, after);
	snprintf(want, sizeof(want), CONTEXT "mm_page_free: page=%016lx pfn=0x%lx order=4$",
		 (unsigned long)p[4], page_to_pfn(p[4]));
	cr_assert_eq(count_matching(after, want), 1);
	cr_assert(strstr(after, "# tracer: nop\n#\n# entries-in-buffer/entries-written: "));
	ukmem_shutdown();

	/* The file has the events above in the same lines, and those that came after (the
	 * reading of the trace itself may allocate pages for its buffer). */
	char *file = read_file(path);
	const char *events = after;
	while (*events == '#')
		events = strchr(events, '\n') + 1;
	cr_assert(!strncmp(file, "# tracer: nop\n#\n#                                _-----=> irqs-off/BH-disabled\n", 79));
	cr_assert(strstr(file, events), "%s\n----\n%s", events, file);
	free(after);
	cr_assert_eq(count_matching(file, "^[^#]") , count_matching(file, CONTEXT "mm_page_(alloc|free): "),
		     "every line is an event in the right format");
	unlink(path);
}

Test(trace, vmalloc_events_and_wildcards)
{
	cr_assert_eq(ukmem_boot("mem=64M trace_event=vmalloc:*"), 0);
	/* Boot maps areas of its own (PCI's MMCONFIG window): counted first. */
	char *text = proc_text("/sys/kernel/tracing/trace");
	int allocs0 = count_matching(text, CONTEXT "alloc_vmap_area: ");
	int frees0 = count_matching(text, CONTEXT "free_vmap_area_noflush: ");

	free(text);
	void *a = vmalloc(3 * PAGE_SIZE), *b = vmalloc(PAGE_SIZE);
	vfree(a);
	vfree(b);
	text = proc_text("/sys/kernel/tracing/trace");
	char want[400];
	snprintf(want, sizeof(want), CONTEXT "alloc_vmap_area: va_start=0x%lx size=16384 align=4096 "
		 "vstart=0x%lx vend=0x%lx failed=0$", (unsigned long)a, VMALLOC_START, VMALLOC_END);
	cr_assert_eq(count_matching(text, want), 1, "%s\n%s", want, text);
	cr_assert_eq(count_matching(text, CONTEXT "alloc_vmap_area: "), allocs0 + 2);
	cr_assert_eq(count_matching(text, CONTEXT "free_vmap_area_noflush: va_start=0x[0-9a-f]+ nr_lazy=[0-9]+ nr_lazy_max=512$"), frees0 + 2);
	cr_assert_eq(count_matching(text, CONTEXT "mm_page_alloc: "), 0, "kmem events stay off");
	free(text);
	ukmem_shutdown();
}

Test(trace, off_by_default)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	free_pages(__get_free_page(GFP_KERNEL), 0);
	char *text = proc_text("/sys/kernel/tracing/trace");
	cr_assert_eq(count_matching(text, CONTEXT), 0);
	free(text);
	ukmem_shutdown();
}

struct trace_obj {
	long a, b, c, d, e;
};

static void *volatile slab_ptrs[6];

/* One event of each kind per call, with sizes known at compile time and at run time. */
void slab_workload(struct kmem_cache *c, size_t runtime_size);
noinline void slab_workload(struct kmem_cache *c, size_t runtime_size)
{
	slab_ptrs[0] = kmalloc(13, GFP_KERNEL);
	slab_ptrs[1] = kmalloc(runtime_size, GFP_KERNEL);
	slab_ptrs[2] = kzalloc(200, GFP_KERNEL_ACCOUNT);
	slab_ptrs[3] = kmalloc(20000, GFP_KERNEL);
	slab_ptrs[4] = kmem_cache_alloc(c, GFP_KERNEL);
	kfree(slab_ptrs[0]);
	kfree(slab_ptrs[1]);
	kfree(slab_ptrs[2]);
	kfree(slab_ptrs[3]);
	kmem_cache_free(c, slab_ptrs[4]);
	slab_ptrs[5] = NULL;		/* no tail call: the call sites are this function's */
}

static size_t count_event(const char *text, const char *event, const char *fields)
{
	char pattern[512];

	snprintf(pattern, sizeof(pattern), CONTEXT "%s: call_site=slab_workload\\+0x[0-9a-f]+/0x[0-9a-f]+ %s$",
		 event, fields);
	return count_matching(text, pattern);
}

Test(trace, slab_events_one_line_each_with_the_kernels_fields)
{
	char path[] = "/tmp/ukmem-trace-XXXXXX";
	int fd = mkstemp(path);
	char cmdline[256], fields[256];

	close(fd);
	snprintf(cmdline, sizeof(cmdline), "mem=64M slab_nomerge trace_event=kmem:kmalloc,kmem:kfree,"
		 "kmem:kmem_cache_alloc,kmem:kmem_cache_free ukmem.trace_file=%s", path);
	cr_assert_eq(ukmem_boot(cmdline), 0);
	struct kmem_cache *c = KMEM_CACHE(trace_obj, SLAB_ACCOUNT);
	slab_workload(c, 100);

	char *text = proc_text("/sys/kernel/tracing/trace");
	const struct { const char *event; unsigned int req, alloc; const char *fields; } want[] = {
		{ "kmalloc", 13, slab_bytes(16), "gfp_flags=GFP_KERNEL node=-1 accounted=false" },
		{ "kmalloc", 100, slab_bytes(128), "gfp_flags=GFP_KERNEL node=-1 accounted=false" },
		{ "kmalloc", 200, slab_bytes(256), "gfp_flags=GFP_KERNEL_ACCOUNT\\|__GFP_ZERO node=-1 accounted=true" },
		{ "kmalloc", 20000, 32768, "gfp_flags=GFP_KERNEL node=-1 accounted=false" },
		{ "kmem_cache_alloc", 40, slab_bytes(40), "gfp_flags=GFP_KERNEL node=-1 accounted=true" },
	};
	for (int i = 0; i < 5; i++) {
		snprintf(fields, sizeof(fields), "ptr=%016lx bytes_req=%u bytes_alloc=%u %s",
			 (unsigned long)slab_ptrs[i], want[i].req, want[i].alloc, want[i].fields);
		cr_assert_eq(count_event(text, want[i].event, fields), 1, "%s %s in:\n%s",
			     want[i].event, fields, text);
	}
	for (int i = 0; i < 4; i++) {
		snprintf(fields, sizeof(fields), "ptr=%016lx", (unsigned long)slab_ptrs[i]);
		cr_assert_eq(count_event(text, "kfree", fields), 1, "kfree %s", fields);
	}
	snprintf(fields, sizeof(fields), "ptr=%016lx name=trace_obj", (unsigned long)slab_ptrs[4]);
	cr_assert_eq(count_event(text, "kmem_cache_free", fields), 1);
	cr_assert_eq(count_matching(text, CONTEXT "[a-z_]+: call_site=slab_workload\\+"), 10,
		     "one line per event of the workload:\n%s", text);
	cr_assert_eq(count_matching(text, CONTEXT "mm_page_alloc: "), 0, "page events stay off");
	free(text);
	kmem_cache_destroy(c);
	ukmem_shutdown();

	char *file = read_file(path);
	cr_assert_eq(count_matching(file, CONTEXT "[a-z_]+: call_site=slab_workload\\+"), 10);
	cr_assert_eq(count_matching(file, "^[^#]"),
		     count_matching(file, CONTEXT "(kmalloc|kfree|kmem_cache_alloc|kmem_cache_free): "),
		     "every line is a slab event in the right format");
	unlink(path);
}

/* Off, the slab fast paths stay fast and write nothing. */
Test(trace, slab_events_off_by_default)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	kfree(kmalloc(64, GFP_KERNEL));
	char *text = proc_text("/sys/kernel/tracing/trace");
	cr_assert_eq(count_matching(text, CONTEXT), 0);
	free(text);
	ukmem_shutdown();
}
