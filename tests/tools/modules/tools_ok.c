// SPDX-License-Identifier: LGPL-2.1-or-later
/* tests/tools/modules/tools_ok.c: a module that loads cleanly and holds 100 objects of its
 * own cache ("tools_ok_cache") while loaded and prints its parameter tag, for `ukmem run`, `proc` and `top` tests. */
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/slab.h>

static char *tag = "none";
module_param(tag, charp, 0444);

static struct kmem_cache *cache;
static void *objects[100];

static int __init tools_ok_init(void)
{
	cache = kmem_cache_create("tools_ok_cache", 300, 0, 0, NULL);
	if (!cache)
		return -ENOMEM;
	for (int i = 0; i < 100; i++)
		objects[i] = kmem_cache_alloc(cache, GFP_KERNEL);
	pr_info("tools_ok: holding 100 objects, tag %s\n", tag);
	return 0;
}

static void __exit tools_ok_exit(void)
{
	for (int i = 0; i < 100; i++)
		kmem_cache_free(cache, objects[i]);
	kmem_cache_destroy(cache);
	pr_info("tools_ok: released\n");
}

module_init(tools_ok_init);
module_exit(tools_ok_exit);
MODULE_LICENSE("GPL");
