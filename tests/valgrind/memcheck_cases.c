/* memcheck_cases: one bug (or none) per run, for tests/valgrind/run_memcheck.sh, which
 * runs each under valgrind and checks memcheck's verdict. Built only with
 * -DUKMEM_VALGRIND=ON, where ukmem tells memcheck about its blocks (debug/track.h).
 * Usage: memcheck_cases clean|uninit|overrun|use_after_free|kmemleak */
#include <stdio.h>
#include <string.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
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
	return 0;
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
	sink = vmalloc(3000);
	sink = NULL;
	return ukmem_kmemleak_scan() == 1 ? 0 : 1;
}

int main(int argc, char **argv)
{
	static const struct { const char *name; int (*run)(void); } cases[] = {
		{ "clean", clean }, { "uninit", uninit }, { "overrun", overrun },
		{ "use_after_free", use_after_free }, { "kmemleak", kmemleak },
	};
	int r = -1;

	if (ukmem_boot(argc > 1 && !strcmp(argv[1], "kmemleak") ? "mem=16M vmalloc=64M kmemleak=on" :
		       "mem=16M vmalloc=64M"))
		return 2;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (argc > 1 && !strcmp(argv[1], cases[i].name))
			r = cases[i].run();
	ukmem_shutdown();
	if (r < 0)
		fprintf(stderr, "usage: %s clean|uninit|overrun|use_after_free|kmemleak\n", argv[0]);
	return r < 0 ? 2 : r;
}
