// SPDX-License-Identifier: LGPL-2.1-or-later
/* atomic_sleep: a classic driver bug, kept as a demonstration -- sleeping (a GFP_KERNEL
 * allocation and msleep) while holding a spinlock. ukmem reports both call sites with
 * the kernel's "BUG: sleeping function called from invalid context" and carries on; the
 * GFP_ATOMIC allocation beside them is correct and not reported. The program linked
 * from this module therefore exits non-zero. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/gfp.h>
#include <linux/delay.h>

static DEFINE_SPINLOCK(dev_lock);

static int __init atomic_sleep_init(void)
{
	struct page *ok, *bad;

	spin_lock(&dev_lock);
	ok = alloc_page(GFP_ATOMIC);		/* fine in atomic context */
	bad = alloc_page(GFP_KERNEL);		/* may sleep: reported */
	msleep(1);				/* sleeps: reported */
	spin_unlock(&dev_lock);
	if (ok)
		__free_page(ok);
	if (bad)
		__free_page(bad);
	return 0;
}

module_init(atomic_sleep_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("sleeping in atomic context, reported");
