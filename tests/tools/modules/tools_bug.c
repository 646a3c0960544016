// SPDX-License-Identifier: LGPL-2.1-or-later
/* tests/tools/modules/tools_bug.c: a module whose init hits BUG(). */
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/module.h>
#include <linux/printk.h>

static int __init tools_bug_init(void)
{
	BUG();
	return 0;
}

module_init(tools_bug_init);
MODULE_LICENSE("GPL");
