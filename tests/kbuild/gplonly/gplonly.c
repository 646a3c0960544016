// SPDX-License-Identifier: LGPL-2.1-or-later
// A module under a GPL-incompatible licence calling a function Linux 6.1 exports with
// EXPORT_SYMBOL_GPL: modpost refuses it, and the loader refuses the same code compiled
// without modpost ("Unknown symbol").
#include <linux/module.h>
#include <linux/debugfs.h>

static int __init gplonly_init(void)
{
	pr_info("gplonly: debugfs %s\n", debugfs_initialized() ? "up" : "down");
	return 0;
}
module_init(gplonly_init);
MODULE_LICENSE("Proprietary");
