// SPDX-License-Identifier: GPL-2.0
/*
 * modparams: module parameters of each kind for /sys/module/modparams/parameters --
 * an int, a bool, a charp, an int array with its count (all 0644), a read-only int
 * (0444) and a hidden one (0) -- a misc device /dev/modparams (owner THIS_MODULE) whose
 * read shows the values as the module sees them, and a platform driver so that
 * /sys/module/modparams/drivers links to it. With fail=1 its init fails.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/platform_device.h>

static int count = 3;
module_param(count, int, 0644);
MODULE_PARM_DESC(count, "how many");
static bool verbose;
module_param(verbose, bool, 0644);
static char *greeting = "hello";
module_param(greeting, charp, 0644);
static int levels[4] = { 1, 2 };
static unsigned int nr_levels = 2;
module_param_array(levels, int, &nr_levels, 0644);
static int secret = 7;
module_param(secret, int, 0444);
static int hidden = 9;
module_param(hidden, int, 0);
static bool fail;
module_param(fail, bool, 0);

static ssize_t modparams_read(struct file *file, char __user *buf, size_t len, loff_t *ppos)
{
	char text[160];
	int n;

	kernel_param_lock(THIS_MODULE);
	n = snprintf(text, sizeof(text), "count=%d verbose=%d greeting=%s levels=%u:%d,%d,%d,%d\n",
		     count, verbose, greeting, nr_levels, levels[0], levels[1], levels[2],
		     levels[3]);
	kernel_param_unlock(THIS_MODULE);
	return simple_read_from_buffer(buf, len, ppos, text, n);
}

static const struct file_operations modparams_fops = {
	.owner = THIS_MODULE,
	.read = modparams_read,
	.llseek = default_llseek,
};

static struct miscdevice modparams_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "modparams",
	.fops = &modparams_fops,
};

static int modparams_probe(struct platform_device *pdev)
{
	return 0;
}

static struct platform_driver modparams_driver = {
	.probe = modparams_probe,
	.driver = { .name = "modparams_drv" },
};

static int __init modparams_init(void)
{
	int err;

	if (fail)
		return -ENODEV;
	err = misc_register(&modparams_dev);
	if (err)
		return err;
	err = platform_driver_register(&modparams_driver);
	if (err)
		misc_deregister(&modparams_dev);
	return err;
}

static void __exit modparams_exit(void)
{
	platform_driver_unregister(&modparams_driver);
	misc_deregister(&modparams_dev);
}

module_init(modparams_init);
module_exit(modparams_exit);
MODULE_LICENSE("GPL");
MODULE_VERSION("1.2");
/* What Linux's modpost adds for a module with a version (a digest of its sources);
 * ukmem's modpost does not compute it, so the test module carries one. */
MODULE_INFO(srcversion, "5D1E26B2A3C9E1F0B2E0A7C4");
MODULE_DESCRIPTION("module parameters of each kind, shown in /sys/module");
