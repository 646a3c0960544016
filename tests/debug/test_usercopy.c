// SPDX-License-Identifier: LGPL-2.1-or-later
/* HARDENED_USERCOPY: copy_to_user/copy_from_user check the kernel buffer against the
 * object it lies in -- a kmalloc object (its whole size), a cache's usercopy region, a
 * vmalloc area, a page block -- and a copy that leaves it is the kernel's "usercopy:"
 * report and BUG (SIGABRT). Each bad copy runs in a child whose stderr is read back;
 * good copies go through and copy the right bytes; hardened_usercopy=0 turns it off. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include "child.h"

static char report[65536];
static char user_buf[3 * 4096];

/* The signal that ended bad()'s child (0: none). */
static int run_child(void (*bad)(void))
{
	int status = run_in_child(bad, report, sizeof(report));

	return status > 128 ? status - 128 : 0;
}

static void expect_report(const char *text)
{
	cr_expect(strstr(report, text), "missing \"%s\" in:\n%s", text, report);
}

static volatile unsigned long copy_len;

static void kmalloc_overread(void)
{
	char *p;

	ukmem_boot("mem=64M");
	p = kmalloc(13, GFP_KERNEL);
	copy_len = 17;
	if (copy_to_user(user_buf, p, copy_len) == 0)
		fprintf(stderr, "copied\n");
}

Test(usercopy, copy_to_user_past_a_kmalloc_object)
{
	cr_assert_eq(run_child(kmalloc_overread), SIGABRT);
	expect_report("usercopy: Kernel memory exposure attempt detected from SLUB object 'kmalloc-16' (offset 0, size 17)!");
	expect_report("kernel BUG at mm/usercopy.c:");
	cr_expect(!strstr(report, "copied"));
}

static void usercopy_region_overwrite(void)
{
	struct kmem_cache *s;
	char *obj;

	ukmem_boot("mem=64M");
	s = kmem_cache_create_usercopy("uc_test", 64, 0, 0, 16, 8, NULL);
	obj = kmem_cache_alloc(s, GFP_KERNEL);
	copy_len = 8;
	if (copy_from_user(obj + 15, user_buf, copy_len) == 0)
		fprintf(stderr, "copied\n");
}

Test(usercopy, copy_from_user_outside_the_usercopy_region)
{
	cr_assert_eq(run_child(usercopy_region_overwrite), SIGABRT);
	expect_report("usercopy: Kernel memory overwrite attempt detected to SLUB object 'uc_test' (offset 15, size 8)!");
	cr_expect(!strstr(report, "copied"));
}

static void vmalloc_overread(void)
{
	char *v;

	ukmem_boot("mem=64M");
	v = vmalloc(4096);
	copy_len = 3 * 4096;
	if (copy_to_user(user_buf, v + 100, copy_len) == 0)
		fprintf(stderr, "copied\n");
}

Test(usercopy, copy_to_user_past_a_vmalloc_area)
{
	cr_assert_eq(run_child(vmalloc_overread), SIGABRT);
	expect_report("usercopy: Kernel memory exposure attempt detected from vmalloc (offset 100, size 12288)!");
}

static void page_block_overread(void)
{
	struct page *page;

	ukmem_boot("mem=64M");
	page = alloc_pages(GFP_KERNEL | __GFP_COMP, 1);
	copy_len = 4096 + 1;
	if (copy_to_user(user_buf, (char *)page_address(page) + 4096, copy_len) == 0)
		fprintf(stderr, "copied\n");
}

Test(usercopy, copy_to_user_past_a_page_block)
{
	cr_assert_eq(run_child(page_block_overread), SIGABRT);
	expect_report("usercopy: Kernel memory exposure attempt detected from page alloc (offset 4096, size 4097)!");
}

Test(usercopy, copies_inside_objects_go_through)
{
	struct kmem_cache *s;
	char *k, *obj, *v;

	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	k = kmalloc(16, GFP_KERNEL);
	memcpy(k, "0123456789abcdef", 16);
	copy_len = 16;			/* the whole kmalloc-16 object */
	cr_expect_eq(copy_to_user(user_buf, k, copy_len), 0);
	cr_expect_eq(memcmp(user_buf, "0123456789abcdef", 16), 0);
	s = kmem_cache_create_usercopy("uc_ok", 64, 0, 0, 16, 8, NULL);
	obj = kmem_cache_alloc(s, GFP_KERNEL);
	memset(obj, 'o', 64);
	memcpy(user_buf, "ABCDEFGH", 8);
	copy_len = 8;
	cr_expect_eq(copy_from_user(obj + 16, user_buf, copy_len), 0);
	cr_expect_eq(memcmp(obj + 16, "ABCDEFGH", 8), 0);
	cr_expect_eq(obj[15], 'o');
	cr_expect_eq(obj[24], 'o');
	v = vzalloc(8192);
	copy_len = 8192;
	cr_expect_eq(copy_to_user(user_buf, v, copy_len), 0);
	cr_expect_eq(user_buf[8191], 0);
	vfree(v);
	kmem_cache_free(s, obj);
	kmem_cache_destroy(s);
	kfree(k);
	ukmem_shutdown();
}

Test(usercopy, hardened_usercopy_off)
{
	struct kmem_cache *s;
	char *obj;

	cr_assert_eq(ukmem_boot("mem=64M hardened_usercopy=0 slab_nomerge"), 0);
	s = kmem_cache_create("no_region", 64, 0, 0, NULL);	/* no usercopy region */
	obj = kmem_cache_alloc(s, GFP_KERNEL);
	memset(obj, 'n', 64);
	copy_len = 8;
	cr_expect_eq(copy_to_user(user_buf, obj, copy_len), 0, "the check is off");
	cr_expect_eq(user_buf[7], 'n');
	kmem_cache_free(s, obj);
	kmem_cache_destroy(s);
	ukmem_shutdown();
}
