// SPDX-License-Identifier: LGPL-2.1-or-later
/* fuzz/soak_module.c: the module `make soak` loads and unloads in a loop (fuzz/soak.c).
 * Its init takes a cache of its own with objects in it, kmalloc memory, a vmalloc area
 * and a page block, and its exit gives all of them back; an init that meets a failure
 * (fault injection is on during the soak) gives back what it took and fails with
 * -ENOMEM, as a driver's must; it asks with __GFP_NOWARN, so such a failure is silent. */
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#define NR_OBJECTS	16

static struct kmem_cache *cache;
static void *objects[NR_OBJECTS];
static void *buffer, *area;
static struct page *block;

static void give_back(void)
{
	for (int i = 0; i < NR_OBJECTS; i++)
		if (objects[i])
			kmem_cache_free(cache, objects[i]);
	memset(objects, 0, sizeof(objects));
	kmem_cache_destroy(cache);
	kfree(buffer);
	vfree(area);
	if (block)
		__free_pages(block, 2);
	cache = NULL;
	buffer = area = NULL;
	block = NULL;
}

static int __init soak_module_init(void)
{
	cache = kmem_cache_create("soak_module", 200, 0, 0, NULL);
	if (!cache)
		return -ENOMEM;
	for (int i = 0; i < NR_OBJECTS; i++) {
		objects[i] = kmem_cache_alloc(cache, GFP_KERNEL | __GFP_NOWARN);
		if (!objects[i])
			goto fail;
	}
	buffer = kmalloc(1000, GFP_KERNEL | __GFP_NOWARN);
	area = __vmalloc(3 * PAGE_SIZE, GFP_KERNEL | __GFP_NOWARN);
	block = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 2);
	if (!buffer || !area || !block)
		goto fail;
	memset(area, 0x5a, 3 * PAGE_SIZE);
	return 0;
fail:
	give_back();
	return -ENOMEM;
}

static void __exit soak_module_exit(void)
{
	give_back();
}

module_init(soak_module_init);
module_exit(soak_module_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("ukmem's soak: resources taken at init, given back at exit");
