// SPDX-License-Identifier: LGPL-2.1-or-later
/* memcheck_cases: one bug (or none) per run, for tests/valgrind/run_memcheck.sh, which
 * runs each under valgrind and checks memcheck's verdict. Built only with
 * -DUKMEM_VALGRIND=ON, where ukmem tells memcheck about its blocks (debug/track.h).
 * Usage: memcheck_cases clean|uninit|overrun|use_after_free|kmemleak|kmalloc_uninit|
 *                      kmalloc_leak|kmalloc_overrun|slab_use_after_free */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

static char *volatile sink;

/* Everything used as it should be: memcheck must stay silent. */
static int clean(void)
{
	for (int i = 0; i < 20; i++) {
		struct page *page = alloc_pages(GFP_KERNEL, (unsigned int)(i % 3));
		char *v = vmalloc((unsigned long)(i + 1) * 700);

		memset(page_address(page), i, PAGE_SIZE << (i % 3));
		memset(v, i, (size_t)(i + 1) * 700);
		vfree(v);
		__free_pages(page, (unsigned int)(i % 3));
	}
	for (int i = 0; i < 2000; i++) {
		size_t size = 1 + (size_t)i * 7 % 9000;
		char *k = i % 2 ? kmalloc(size, GFP_KERNEL) : kzalloc(size, GFP_KERNEL);

		memset(k, i, size);
		k = krealloc(k, size + 100, GFP_KERNEL);
		memset(k, i, ksize(k));
		kfree(k);
	}
	return 0;
}

/* A kmalloc buffer read before anything was written to it. */
static int kmalloc_uninit(void)
{
	struct { int flags, len; } *hdr = kmalloc(sizeof(*hdr), GFP_KERNEL);
	int r = 0;

	hdr->len = 4;
	if (hdr->flags & 1)		/* never written */
		r = printf("odd\n") < 0;
	kfree(hdr);
	return r;
}

/* A kmalloc buffer nothing points to any more when the program ends. */
noinline void kmalloc_leak_buffer(void);
noinline void kmalloc_leak_buffer(void)
{
	sink = kmalloc(200, GFP_KERNEL);
	memset(sink, 1, 200);
	sink = NULL;
}

static int kmalloc_leak(void)
{
	kmalloc_leak_buffer();
	return 0;
}

/* 200 bytes in kmalloc-256: the next object starts 56 bytes past the overrun, too far
 * for memcheck to name it instead (with kmalloc-16's neighbours 3 bytes away, which one
 * it named depended on the randomised freelist's order). */
static int kmalloc_overrun(void)
{
	size_t volatile size = 200;

	sink = kmalloc(size, GFP_KERNEL);
	sink[200] = 1;
	kfree(sink);
	return 0;
}

/* id sits 24 bytes in: memcheck names a live neighbour for an address within 16 bytes of
 * it, and which neighbours a merged 64-byte cache has depends on what boot allocated. */
struct request {
	char header[24];
	long id;
	char payload[32];
};

static int slab_use_after_free(void)
{
	struct kmem_cache *c = KMEM_CACHE(request, 0);
	struct request *r = kmem_cache_alloc(c, GFP_KERNEL);
	long id;

	r->id = 7;
	kmem_cache_free(c, r);
	id = ((volatile struct request *)r)->id;
	kmem_cache_destroy(c);
	return id == 12345;
}

static int uninit(void)
{
	char *v = vmalloc(64);
	int r = 0;

	if (v[10] == 42)		/* never written */
		r = printf("42\n") < 0;

	vfree(v);
	return r;
}

static int overrun(void)
{
	sink = vmalloc(100);
	sink[100] = 1;
	vfree(sink);
	return 0;
}

static int use_after_free(void)
{
	sink = vzalloc(8192);
	vfree(sink);
	return sink[5000];
}

/* kmemleak's conservative scan reads uninitialised and freed words on purpose: memcheck
 * must stay silent while it finds the one leak. */
static int kmemleak(void)
{
	u64 old_at;

	sink = vmalloc(3000);
	sink = NULL;
	old_at = get_jiffies_64() + msecs_to_jiffies(5000);	/* kmemleak's minimum age */
	while (time_before64(get_jiffies_64(), old_at))
		usleep(20000);
	return ukmem_kmemleak_scan() == 1 ? 0 : 1;
}

int main(int argc, char **argv)
{
	static const struct { const char *name; int (*run)(void); } cases[] = {
		{ "clean", clean }, { "uninit", uninit }, { "overrun", overrun },
		{ "use_after_free", use_after_free }, { "kmemleak", kmemleak },
		{ "kmalloc_uninit", kmalloc_uninit }, { "kmalloc_leak", kmalloc_leak },
		{ "kmalloc_overrun", kmalloc_overrun },
		{ "slab_use_after_free", slab_use_after_free },
	};
	int r = -1;

	/* KFENCE off: its sampled objects are not memcheck blocks, and a sampled planted bug
	 * would be KFENCE's to report, not memcheck's */
	if (ukmem_boot(argc > 1 && !strcmp(argv[1], "kmemleak") ?
		       "mem=16M vmalloc=64M kfence.sample_interval=0 kmemleak=on" :
		       "mem=16M vmalloc=64M kfence.sample_interval=0"))
		return 2;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (argc > 1 && !strcmp(argv[1], cases[i].name))
			r = cases[i].run();
	ukmem_shutdown();
	if (r < 0)
		fprintf(stderr, "usage: %s clean|uninit|overrun|use_after_free|kmemleak|kmalloc_uninit|"
			"kmalloc_leak|kmalloc_overrun|slab_use_after_free\n", argv[0]);
	return r < 0 ? 2 : r;
}
