// SPDX-License-Identifier: GPL-2.0
/*
 * refs_provider: a misc device /dev/refs_provider and a debugfs file
 * /sys/kernel/debug/refs_provider/value, both with this module as owner, so an open
 * file of either pins it; refs_provider_value() is exported for refs_user. With
 * leak=1 its init takes a reference it never gives back (a module that cannot be
 * removed, as a driver leaking a module reference would be).
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>

static bool leak;
module_param(leak, bool, 0444);

static int value = 42;
static struct dentry *dir;

int refs_provider_value(void)
{
	return value;
}
EXPORT_SYMBOL_GPL(refs_provider_value);

static ssize_t provider_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	char text[32];
	int len = snprintf(text, sizeof(text), "%d\n", value);

	return simple_read_from_buffer(buf, count, ppos, text, len);
}

static const struct file_operations provider_fops = {
	.owner = THIS_MODULE,
	.read = provider_read,
	.llseek = default_llseek,
};

static struct miscdevice provider_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "refs_provider",
	.fops = &provider_fops,
};

static int __init provider_init(void)
{
	int err = misc_register(&provider_dev);

	if (err)
		return err;
	dir = debugfs_create_dir("refs_provider", NULL);
	debugfs_create_file("value", 0444, dir, NULL, &provider_fops);
	if (leak)
		__module_get(THIS_MODULE);
	pr_info("refs_provider: refcount %d during init\n", module_refcount(THIS_MODULE));
	return 0;
}

static void __exit provider_exit(void)
{
	debugfs_remove(dir);
	misc_deregister(&provider_dev);
}

module_init(provider_init);
module_exit(provider_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("module references: a device and a debugfs file owned by this module");
