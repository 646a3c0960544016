// SPDX-License-Identifier: LGPL-2.1-or-later
// A module calling a function that ukmem has but, like Linux 6.1, does not export:
// modpost names it, and if the module is built anyway (KBUILD_MODPOST_WARN=1) the
// loader refuses it with "Unknown symbol".
#include <linux/module.h>
#include <linux/gfp.h>

static int __init unexported_init(void)
{
	drain_all_pages(NULL);
	pr_info("unexported: init ran\n");
	return 0;
}
module_init(unexported_init);
MODULE_LICENSE("GPL");
