// SPDX-License-Identifier: LGPL-2.1-or-later
/* tests/tools/modules/tools_warn.c: a module whose init WARNs and carries on. */
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/module.h>
#include <linux/printk.h>

static int __init tools_warn_init(void)
{
	WARN_ON(1);
	return 0;
}

static void __exit tools_warn_exit(void)
{
}

module_init(tools_warn_init);
module_exit(tools_warn_exit);
MODULE_LICENSE("GPL");
