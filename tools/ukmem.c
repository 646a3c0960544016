/* tools/ukmem.c: the ukmem command. `ukmem demo` boots a default machine and walks
 * through the page allocator, printing the /proc views after each step. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>

static void show(const char *path)
{
	char buf[1 << 16];

	ukmem_proc_read(path, buf, sizeof(buf));
	printf("---- %s\n%s", path, buf);
}

static int demo(void)
{
	if (ukmem_boot("loglevel=4") < 0)
		return 1;
	printf("== ukmem demo: a 256 MiB machine booted\n");
	show("/proc/buddyinfo");

	printf("\n== __get_free_pages: one page, then an order-3 block (8 pages)\n");
	unsigned long one = __get_free_page(GFP_KERNEL);
	unsigned long eight = __get_free_pages(GFP_KERNEL, 3);
	unsigned long zeroed = get_zeroed_page(GFP_KERNEL);

	printf("page at %#lx (phys %#llx), order-3 block at %#lx (phys %#llx)\n", one,
	       (unsigned long long)virt_to_phys((void *)one), eight,
	       (unsigned long long)virt_to_phys((void *)eight));
	printf("get_zeroed_page: first byte %d, last byte %d\n", ((char *)zeroed)[0],
	       ((char *)zeroed)[PAGE_SIZE - 1]);
	show("/proc/buddyinfo");

	printf("\n== alloc_pages(GFP_DMA, 2): a block below 16 MiB for an ISA device\n");
	struct page *dma = alloc_pages(GFP_DMA, 2);

	printf("pfn %#lx, physical %#llx, zone %s\n", page_to_pfn(dma),
	       (unsigned long long)page_to_phys(dma), page_zone(dma)->name);

	free_page(one);
	free_pages(eight, 3);
	free_page(zeroed);
	__free_pages(dma, 2);
	printf("\n== everything freed\n");
	show("/proc/meminfo");
	ukmem_shutdown();
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "demo"))
		return demo();
	fprintf(stderr, "usage: ukmem demo\n");
	return 2;
}
