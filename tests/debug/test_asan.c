/* AddressSanitizer sees ukmem memory (sanitizer builds only; elsewhere the tests are
 * skipped): an access past the requested size of a vmalloc area, into a freed vmalloc
 * area, or into a freed page block is caught by ASan, and the report goes on to say in
 * KASAN's words what the address belongs to (the vmalloc region and the function that
 * allocated it, or the physical page). Each bad access runs in a child process whose
 * stderr is read back; the parent checks the exit status and the report. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include "child.h"

#if defined(__SANITIZE_ADDRESS__)
#define NEED_ASAN() do { } while (0)
#else
#define NEED_ASAN() cr_skip_test("needs a -DUKMEM_SANITIZE=ON build")
#endif

static char report[65536];

static int run_child(void (*bad)(void))
{
	return run_in_child(bad, report, sizeof(report));
}

static void expect_report(const char *text)
{
	cr_expect(strstr(report, text), "missing \"%s\" in:\n%s", text, report);
}

static char *volatile sink;

void vmalloc_overrun(void);
noinline void vmalloc_overrun(void)
{
	char *p;

	ukmem_boot("mem=64M");
	p = vmalloc(100);
	sink = p;
	sink[100] = 1;
}

Test(asan, write_past_a_vmalloc_area)
{
	NEED_ASAN();
	cr_assert_eq(run_child(vmalloc_overrun), 1);
	expect_report("ERROR: AddressSanitizer: use-after-poison");
	expect_report("WRITE of size 1");
	expect_report("vmalloc_overrun");
	expect_report("The buggy address belongs to a 1-page vmalloc region starting at 0x");
	expect_report("allocated at vmalloc_overrun+0x");
	expect_report("page dumped because: kasan: bad access detected");
}

/* With kmemleak=on the report also shows the allocation's stack. */
static void vmalloc_overrun_kmemleak(void)
{
	ukmem_shutdown();
	ukmem_boot("mem=64M kmemleak=on");
	vmalloc_overrun();
}

Test(asan, the_allocation_stack_with_kmemleak_on)
{
	NEED_ASAN();
	cr_assert_eq(run_child(vmalloc_overrun_kmemleak), 1);
	expect_report("Allocated by task ");
	expect_report(" __vmalloc_node_range+0x");
	expect_report(" vmalloc_overrun+0x");
}

static void vmalloc_use_after_free(void)
{
	char *p;

	ukmem_boot("mem=64M");
	p = vzalloc(2 * PAGE_SIZE);
	vfree(p);
	sink = p;
	(void)*(volatile char *)(sink + 5000);
}

Test(asan, read_of_a_freed_vmalloc_area)
{
	NEED_ASAN();
	cr_assert_eq(run_child(vmalloc_use_after_free), 1);
	expect_report("ERROR: AddressSanitizer: use-after-poison");
	expect_report("READ of size 1");
	expect_report("The buggy address belongs to a vmalloc virtual mapping");
}

static void page_use_after_free(void)
{
	struct page *page;
	char *p;

	ukmem_boot("mem=64M");
	page = alloc_pages(GFP_KERNEL, 2);
	p = page_address(page);
	memset(p, 1, 4 * PAGE_SIZE);
	__free_pages(page, 2);
	sink = p;
	sink[3 * PAGE_SIZE] = 2;
}

Test(asan, write_to_a_freed_page_block)
{
	NEED_ASAN();
	cr_assert_eq(run_child(page_use_after_free), 1);
	expect_report("ERROR: AddressSanitizer: use-after-poison");
	expect_report("WRITE of size 1");
	expect_report("The buggy address belongs to the physical page:");
	expect_report("page dumped because: kasan: bad access detected");
}

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#endif

/* A driver may poison part of its own kmalloc buffer (ASan's manual poisoning); a hit
 * there is described as KASAN describes a slab object. */
static void poisoned_part_of_a_kmalloc_object(void)
{
#if defined(__SANITIZE_ADDRESS__)
	char *p;

	ukmem_boot("mem=64M");
	p = kmalloc(13, GFP_KERNEL);
	ASAN_POISON_MEMORY_REGION(p + 13, 3);
	sink = p;
	sink[13] = 1;
#endif
}

Test(asan, a_hit_in_a_slab_object_names_the_object_and_cache)
{
	NEED_ASAN();
	cr_assert_eq(run_child(poisoned_part_of_a_kmalloc_object), 1);
	expect_report("WRITE of size 1");
	expect_report("The buggy address belongs to the object at ");
	expect_report(" which belongs to the cache kmalloc-16 of size 16");
	expect_report("The buggy address is located 13 bytes inside of\n 16-byte region [");
}

/* The same memory, used correctly, raises nothing: allocation unpoisons it again. */
Test(asan, correct_use_is_quiet)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	for (int i = 0; i < 50; i++) {
		struct page *page = alloc_pages(GFP_KERNEL, (unsigned int)(i % 3));
		char *v = vmalloc((unsigned long)(i + 1) * 1000);

		cr_assert_not_null(page);
		cr_assert_not_null(v);
		memset(page_address(page), i, PAGE_SIZE << (i % 3));
		memset(v, i, (size_t)(i + 1) * 1000);
		vfree(v);
		__free_pages(page, (unsigned int)(i % 3));
	}
	ukmem_shutdown();
}
