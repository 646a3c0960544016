// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs/sysfs/symlink.c: links between kobject directories ("driver", "subsystem",
 * /sys/bus/x/devices/y, /sys/class/x/y). A link holds its target node (not the kobject):
 * once the target's directory is removed, the link leads nowhere. */
#include <errno.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/kobject.h>
#include <linux/printk.h>
#include "fs/sysfs/sysfs.h"

static int sysfs_do_create_link_sd(struct kernfs_node *parent, struct kobject *target_kobj,
				   const char *name, int warn)
{
	struct kernfs_node *kn;

	if (WARN_ON(!name || !parent))
		return -EINVAL;
	if (!target_kobj->sd)
		return -ENOENT;
	kn = kernfs_create_link(parent, name, target_kobj->sd, NULL);
	if (!IS_ERR(kn))
		return 0;
	if (warn && PTR_ERR(kn) == -EEXIST)
		sysfs_warn_dup(parent, name);
	return (int)PTR_ERR(kn);
}

int sysfs_create_link_sd(struct kernfs_node *kn, struct kobject *target, const char *name)
{
	return sysfs_do_create_link_sd(kn, target, name, 1);
}

static int sysfs_do_create_link(struct kobject *kobj, struct kobject *target,
				const char *name, int warn)
{
	struct kernfs_node *parent = kobj ? kobj->sd : sysfs_root_kn;

	if (!parent)
		return -EFAULT;
	return sysfs_do_create_link_sd(parent, target, name, warn);
}

/**
 * sysfs_create_link - make a link in a kobject's directory to another's
 * @kobj: where (NULL: /sys)
 * @target: what it leads to (in sysfs)
 * @name: the link's name
 *
 * Context: process. Returns 0, -EEXIST (reported) or -errno.
 */
int sysfs_create_link(struct kobject *kobj, struct kobject *target, const char *name)
{
	return sysfs_do_create_link(kobj, target, name, 1);
}
EXPORT_SYMBOL_GPL(sysfs_create_link);

/**
 * sysfs_create_link_nowarn - sysfs_create_link() without the warning for a taken name
 * @kobj: the kobject whose directory gets the link
 * @target: the kobject the link points at
 * @name: the link's name
 *
 * Context: process context; may sleep.
 * Return: 0, -EEXIST (quietly), -ENOENT or -ENOMEM.
 */
int sysfs_create_link_nowarn(struct kobject *kobj, struct kobject *target, const char *name)
{
	return sysfs_do_create_link(kobj, target, name, 0);
}
EXPORT_SYMBOL_GPL(sysfs_create_link_nowarn);

void sysfs_delete_link(struct kobject *kobj, struct kobject *targ, const char *name)
{
	if (kobj->sd)
		kernfs_remove_by_name(kobj->sd, name);
}

/**
 * sysfs_remove_link - remove a link
 * @kobj: where (NULL: /sys)
 * @name: its name
 *
 * Context: process. A missing link: nothing.
 */
void sysfs_remove_link(struct kobject *kobj, const char *name)
{
	struct kernfs_node *parent = kobj ? kobj->sd : sysfs_root_kn;

	if (parent)
		kernfs_remove_by_name(parent, name);
}
EXPORT_SYMBOL_GPL(sysfs_remove_link);

/**
 * sysfs_rename_link_ns - rename a symlink in a kobject's directory
 * @kobj: the kobject, or NULL for the sysfs root
 * @targ: the link's target (unused by ukmem)
 * @old: the link's name
 * @new: its new name
 * @new_ns: the namespace tag (ukmem has none)
 *
 * Context: process context; may sleep.
 * Return: 0, -ENOENT if there is no such link, or -EEXIST.
 */
int sysfs_rename_link_ns(struct kobject *kobj, struct kobject *targ, const char *old,
			 const char *new, const void *new_ns)
{
	struct kernfs_node *parent = kobj ? kobj->sd : sysfs_root_kn;
	struct kernfs_node *kn;
	int result;

	if (!parent)
		return -ENOENT;
	kn = kernfs_find_and_get(parent, old);
	if (!kn)
		return -ENOENT;
	result = kernfs_rename(kn, parent, new);
	kernfs_put(kn);
	return result;
}
EXPORT_SYMBOL_GPL(sysfs_rename_link_ns);
