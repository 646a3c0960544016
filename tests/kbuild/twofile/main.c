// SPDX-License-Identifier: LGPL-2.1-or-later
// A module of two source files, with a parameter, built by ukmem's Kbuild.
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/sizes.h>
#include "helper.h"

static int count = 2;
module_param(count, int, 0444);
MODULE_PARM_DESC(count, "how many buffers to allocate");

static void *bufs[16];

static int __init twofile_init(void)
{
	char line[96];

	if (count < 0 || count > ARRAY_SIZE(bufs))
		return -EINVAL;
	for (int i = 0; i < count; i++) {
		bufs[i] = kzalloc(SZ_1K, GFP_KERNEL);
		if (!bufs[i])
			return -ENOMEM;
		strscpy(bufs[i], TWOFILE_GREETING, SZ_1K);
	}
	twofile_describe(line, sizeof(line), bufs[0], virt_to_phys(bufs[0]));
	pr_info("twofile: %d buffers, scale %d, %s: %s\n", count, twofile_scale(count),
		line, (char *)bufs[0]);
	return 0;
}

static void __exit twofile_exit(void)
{
	for (int i = 0; i < count; i++)
		kfree(bufs[i]);
	pr_info("twofile: unloaded\n");
}

module_init(twofile_init);
module_exit(twofile_exit);
MODULE_LICENSE("GPL");
MODULE_AUTHOR("ukmem tests");
MODULE_DESCRIPTION("Two source files, one module");
