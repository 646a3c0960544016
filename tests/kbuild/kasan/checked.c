// SPDX-License-Identifier: LGPL-2.1-or-later
/* An out-of-bounds write in an object compiled with KASAN's flags: reported, and the
 * module goes on. The same write in plain.c (KASAN_SANITIZE_plain.o := n) is not seen. */
#include <linux/module.h>
#include <linux/slab.h>

void plain_write(char *p, size_t i);

static int __init kasan_oob_init(void)
{
	char *p = kmalloc(10, GFP_KERNEL);
	size_t i = 10;

	if (!p)
		return -ENOMEM;
	OPTIMIZER_HIDE_VAR(i);
	p[i] = 'x';
	pr_info("kasan_oob: still running after the checked write\n");
	plain_write(p, i);
	pr_info("kasan_oob: still running after the plain write\n");
	kfree(p);
	return 0;
}

static void __exit kasan_oob_exit(void)
{
}

module_init(kasan_oob_init);
module_exit(kasan_oob_exit);
MODULE_LICENSE("GPL");
