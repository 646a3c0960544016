// SPDX-License-Identifier: LGPL-2.1-or-later
/* tests/tools/modules/tools_fail_init.c: a module whose init fails with -ENODEV. */
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/module.h>
#include <linux/printk.h>

static int __init tools_fail_init_init(void)
{
	pr_err("tools_fail_init: no device\n");
	return -ENODEV;
}

module_init(tools_fail_init_init);
MODULE_LICENSE("GPL");
