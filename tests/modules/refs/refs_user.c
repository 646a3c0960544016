// SPDX-License-Identifier: GPL-2.0
/*
 * refs_user: calls refs_provider_value(), so loading it makes refs_provider "Used by"
 * refs_user until refs_user is unloaded.
 */
#include <linux/module.h>

int refs_provider_value(void);

static int __init user_init(void)
{
	pr_info("refs_user: provider says %d\n", refs_provider_value());
	return 0;
}

static void __exit user_exit(void)
{
}

module_init(user_init);
module_exit(user_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("module references: uses a symbol of refs_provider");
