// SPDX-License-Identifier: LGPL-2.1-or-later
/* hello: the smallest module -- parameters, init and exit, and a page from the buddy
 * allocator kept while loaded.  Load: ukmem_module_load("hello.so", "count=3");
 * linked: ./example_hello hello.count=3 hello.greeting=hi */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/module.h>
#include <linux/gfp.h>
#include <linux/sched.h>

static int count = 1;
module_param(count, int, 0444);
MODULE_PARM_DESC(count, "how many greetings");
static char *greeting = "hello";
module_param(greeting, charp, 0444);
static bool fail;
module_param(fail, bool, 0444);
MODULE_PARM_DESC(fail, "make init fail with -ENODEV");

static struct page *kept;

static int __init hello_init(void)
{
	if (fail)
		return -ENODEV;
	kept = alloc_page(GFP_KERNEL);
	if (!kept)
		return -ENOMEM;
	for (int i = 1; i <= count; i++)
		pr_info("%s #%d from pid %d\n", greeting, i, current->pid);
	return 0;
}

static void __exit hello_exit(void)
{
	__free_page(kept);
	pr_info("goodbye\n");
}

module_init(hello_init);
module_exit(hello_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("ukmem");
MODULE_DESCRIPTION("greets, with parameters");
