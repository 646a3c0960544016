// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs/sysfs/dir.c: a kobject's directory in /sys. kobj->sd is the kernfs directory, with
 * a reference of its own, from sysfs_create_dir_ns until sysfs_remove_dir; the
 * directory's priv is the kobject, which its attribute files find through it. */
#include <errno.h>
#include <stdlib.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/kobject.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include "fs/sysfs/sysfs.h"

#undef pr_fmt
#define pr_fmt(fmt) "sysfs: " fmt

/**
 * sysfs_warn_dup - report a name that is already taken in a sysfs directory
 * @parent: the directory
 * @name: the name
 *
 * Context: process. Linux's warning, then the stack of the caller.
 */
void sysfs_warn_dup(struct kernfs_node *parent, const char *name)
{
	char *buf = kzalloc(PATH_MAX, GFP_KERNEL);

	if (buf)
		kernfs_path(parent, buf, PATH_MAX);
	pr_warn("cannot create duplicate filename '%s/%s'\n", buf, name);
	dump_stack();
	kfree(buf);
}

/**
 * sysfs_create_dir_ns - make a kobject's directory
 * @kobj: the kobject (named; its parent, if any, in sysfs)
 * @ns: its namespace tag (unused: NULL)
 *
 * Context: process. Returns 0, -EEXIST (reported), -ENOENT or -ENOMEM.
 */
int sysfs_create_dir_ns(struct kobject *kobj, const void *ns)
{
	struct kernfs_node *parent, *kn;

	if (WARN_ON(!kobj))
		return -EINVAL;
	parent = kobj->parent ? kobj->parent->sd : sysfs_root_kn;
	if (!parent)
		return -ENOENT;
	kn = kernfs_create_dir(parent, kobject_name(kobj), S_IRWXU | S_IRUGO | S_IXUGO, kobj);
	if (IS_ERR(kn)) {
		if (PTR_ERR(kn) == -EEXIST)
			sysfs_warn_dup(parent, kobject_name(kobj));
		return (int)PTR_ERR(kn);
	}
	kernfs_get(kn);
	kobj->sd = kn;
	return 0;
}

/**
 * sysfs_remove_dir - remove a kobject's directory and everything in it
 * @kobj: the kobject
 *
 * Context: process; waits for calls under way in its files.
 */
void sysfs_remove_dir(struct kobject *kobj)
{
	struct kernfs_node *kn = kobj->sd;

	kobj->sd = NULL;
	if (kn) {
		kernfs_remove(kn);
		kernfs_put(kn);
	}
}

int sysfs_rename_dir_ns(struct kobject *kobj, const char *new_name, const void *new_ns)
{
	struct kernfs_node *kn = kobj->sd;

	if (!kn)
		return -ENOENT;
	return kernfs_rename(kn, kernfs_parent(kn), new_name);
}

int sysfs_move_dir_ns(struct kobject *kobj, struct kobject *new_parent_kobj,
		      const void *new_ns)
{
	struct kernfs_node *kn = kobj->sd;
	struct kernfs_node *new_parent = new_parent_kobj && new_parent_kobj->sd ?
					 new_parent_kobj->sd : sysfs_root_kn;

	if (!kn)
		return -ENOENT;
	return kernfs_rename(kn, new_parent, kernfs_name(kn));
}

/**
 * sysfs_create_mount_point - an empty directory another file system is mounted on
 * @parent_kobj: where
 * @name: its name
 *
 * Context: process. Returns 0 or -errno.
 */
int sysfs_create_mount_point(struct kobject *parent_kobj, const char *name)
{
	struct kernfs_node *kn = kernfs_create_dir(parent_kobj->sd, name, 0755, NULL);

	if (IS_ERR(kn)) {
		if (PTR_ERR(kn) == -EEXIST)
			sysfs_warn_dup(parent_kobj->sd, name);
		return (int)PTR_ERR(kn);
	}
	return 0;
}
EXPORT_SYMBOL_GPL(sysfs_create_mount_point);

/**
 * sysfs_remove_mount_point - remove a directory made by sysfs_create_mount_point()
 * @parent_kobj: the kobject holding it
 * @name: its name
 *
 * Context: process context; may sleep.
 */
void sysfs_remove_mount_point(struct kobject *parent_kobj, const char *name)
{
	kernfs_remove_by_name(parent_kobj->sd, name);
}
EXPORT_SYMBOL_GPL(sysfs_remove_mount_point);
