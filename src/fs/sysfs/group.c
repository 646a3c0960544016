// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs/sysfs/group.c: attribute groups. A group's files go in the kobject's directory or
 * in a subdirectory named after the group; is_visible/is_bin_visible pick each file's
 * mode (0: left out; only 0664 and SYSFS_PREALLOC may be asked for). A failed creation
 * removes what it made; an update re-makes every file with its current visibility. */
#include <errno.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/kobject.h>
#include <linux/printk.h>
#include "fs/sysfs/sysfs.h"

static void remove_files(struct kernfs_node *parent, const struct attribute_group *grp)
{
	if (grp->attrs)
		for (struct attribute *const *attr = grp->attrs; *attr; attr++)
			kernfs_remove_by_name(parent, (*attr)->name);
	if (grp->bin_attrs)
		for (struct bin_attribute *const *bin = grp->bin_attrs; *bin; bin++)
			kernfs_remove_by_name(parent, (*bin)->attr.name);
}

static int create_files(struct kernfs_node *parent, struct kobject *kobj, kuid_t uid,
			kgid_t gid, const struct attribute_group *grp, int update)
{
	int error = 0, i;

	if (grp->attrs) {
		struct attribute *const *attr;

		for (i = 0, attr = grp->attrs; *attr && !error; i++, attr++) {
			umode_t mode = (*attr)->mode;

			/* an update may change visibility: re-make the file */
			if (update)
				kernfs_remove_by_name(parent, (*attr)->name);
			if (grp->is_visible) {
				mode = grp->is_visible(kobj, *attr, i);
				if (!mode)
					continue;
			}
			WARN(mode & ~(SYSFS_PREALLOC | 0664),
			     "Attribute %s: Invalid permissions 0%o\n", (*attr)->name, mode);
			mode &= SYSFS_PREALLOC | 0664;
			error = sysfs_add_file_mode_ns(parent, *attr, mode, uid, gid, NULL);
		}
		if (error) {
			remove_files(parent, grp);
			return error;
		}
	}
	if (grp->bin_attrs) {
		struct bin_attribute *const *bin_attr;

		for (i = 0, bin_attr = grp->bin_attrs; *bin_attr && !error; i++, bin_attr++) {
			umode_t mode = (*bin_attr)->attr.mode;

			if (update)
				kernfs_remove_by_name(parent, (*bin_attr)->attr.name);
			if (grp->is_bin_visible) {
				mode = grp->is_bin_visible(kobj, *bin_attr, i);
				if (!mode)
					continue;
			}
			WARN(mode & ~(SYSFS_PREALLOC | 0664),
			     "Attribute %s: Invalid permissions 0%o\n",
			     (*bin_attr)->attr.name, mode);
			mode &= SYSFS_PREALLOC | 0664;
			error = sysfs_add_bin_file_mode_ns(parent, *bin_attr, mode,
							   (*bin_attr)->size, uid, gid, NULL);
		}
		if (error)
			remove_files(parent, grp);
	}
	return error;
}

static int internal_create_group(struct kobject *kobj, int update,
				 const struct attribute_group *grp)
{
	struct kernfs_node *kn;
	kuid_t uid;
	kgid_t gid;
	int error;

	if (WARN_ON(!kobj || (!update && !kobj->sd)))
		return -EINVAL;
	/* an update of a kobject not yet in sysfs is nothing to do */
	if (unlikely(update && !kobj->sd))
		return -EINVAL;
	if (!grp->attrs && !grp->bin_attrs) {
		WARN(1, "sysfs: (bin_)attrs not set by subsystem for group: %s/%s\n",
		     kobj->name, grp->name ?: "");
		return -EINVAL;
	}
	kobject_get_ownership(kobj, &uid, &gid);
	if (grp->name) {
		if (update) {
			kn = kernfs_find_and_get(kobj->sd, grp->name);
			if (!kn) {
				pr_warn("Can't update unknown attr grp name: %s/%s\n",
					kobj->name, grp->name);
				return -EINVAL;
			}
		} else {
			kn = kernfs_create_dir(kobj->sd, grp->name, S_IRWXU | S_IRUGO | S_IXUGO,
					       kobj);
			if (IS_ERR(kn)) {
				if (PTR_ERR(kn) == -EEXIST)
					sysfs_warn_dup(kobj->sd, grp->name);
				return (int)PTR_ERR(kn);
			}
			kernfs_get(kn);
		}
	} else {
		kn = kobj->sd;
		kernfs_get(kn);
	}
	error = create_files(kn, kobj, uid, gid, grp, update);
	if (error && grp->name)
		kernfs_remove(kn);
	kernfs_put(kn);
	return error;
}

/**
 * sysfs_create_group - make a group's files (and its directory, if it has a name)
 * @kobj: the kobject (in sysfs)
 * @grp: the group
 *
 * Context: process. Returns 0 or -errno; on failure nothing of the group is left.
 */
int sysfs_create_group(struct kobject *kobj, const struct attribute_group *grp)
{
	return internal_create_group(kobj, 0, grp);
}
EXPORT_SYMBOL_GPL(sysfs_create_group);

static int internal_create_groups(struct kobject *kobj, int update,
				  const struct attribute_group **groups)
{
	int error = 0;
	int i;

	if (!groups)
		return 0;
	for (i = 0; groups[i]; i++) {
		error = internal_create_group(kobj, update, groups[i]);
		if (error) {
			while (--i >= 0)
				sysfs_remove_group(kobj, groups[i]);
			break;
		}
	}
	return error;
}

/**
 * sysfs_create_groups - make several groups
 * @kobj: the kobject
 * @groups: NULL-terminated (NULL: nothing)
 *
 * Context: process. Returns 0 or -errno; on failure no group is left.
 */
int sysfs_create_groups(struct kobject *kobj, const struct attribute_group **groups)
{
	return internal_create_groups(kobj, 0, groups);
}
EXPORT_SYMBOL_GPL(sysfs_create_groups);

/**
 * sysfs_update_groups - create or update several attribute groups
 * @kobj: the kobject
 * @groups: the groups, NULL-terminated
 *
 * Files that exist are kept; is_visible() is asked again for every attribute.
 *
 * Context: process context; may sleep.
 * Return: 0, or the first error (the groups made before it stay).
 */
int sysfs_update_groups(struct kobject *kobj, const struct attribute_group **groups)
{
	return internal_create_groups(kobj, 1, groups);
}
EXPORT_SYMBOL_GPL(sysfs_update_groups);

/**
 * sysfs_update_group - re-make a group's files after their visibility changed
 * @kobj: the kobject
 * @grp: the group (already made)
 *
 * Context: process. Returns 0 or -errno.
 */
int sysfs_update_group(struct kobject *kobj, const struct attribute_group *grp)
{
	return internal_create_group(kobj, 1, grp);
}
EXPORT_SYMBOL_GPL(sysfs_update_group);

/**
 * sysfs_remove_group - remove a group's files (and its directory)
 * @kobj: the kobject
 * @grp: the group
 *
 * Context: process; waits for calls under way. A group not there: Linux's warning.
 */
void sysfs_remove_group(struct kobject *kobj, const struct attribute_group *grp)
{
	struct kernfs_node *parent = kobj->sd, *kn;

	if (!parent)
		return;
	if (grp->name) {
		kn = kernfs_find_and_get(parent, grp->name);
		if (!kn) {
			WARN(!kn, KERN_WARNING "sysfs group '%s' not found for kobject '%s'\n",
			     grp->name, kobject_name(kobj));
			return;
		}
	} else {
		kn = parent;
		kernfs_get(kn);
	}
	remove_files(kn, grp);
	if (grp->name)
		kernfs_remove(kn);
	kernfs_put(kn);
}
EXPORT_SYMBOL_GPL(sysfs_remove_group);

/**
 * sysfs_remove_groups - remove several attribute groups
 * @kobj: the kobject
 * @groups: the groups, NULL-terminated, or NULL
 *
 * Context: process context; may sleep.
 */
void sysfs_remove_groups(struct kobject *kobj, const struct attribute_group **groups)
{
	if (!groups)
		return;
	for (int i = 0; groups[i]; i++)
		sysfs_remove_group(kobj, groups[i]);
}
EXPORT_SYMBOL_GPL(sysfs_remove_groups);

/**
 * sysfs_merge_group - add a group's files to a named group already made
 * @kobj: the kobject
 * @grp: the group (its name is the existing group's)
 *
 * Context: process. Returns 0 or -errno (nothing added on failure).
 */
int sysfs_merge_group(struct kobject *kobj, const struct attribute_group *grp)
{
	struct kernfs_node *parent;
	struct attribute *const *attr;
	kuid_t uid;
	kgid_t gid;
	int error = 0;
	int i;

	parent = kernfs_find_and_get(kobj->sd, grp->name);
	if (!parent)
		return -ENOENT;
	kobject_get_ownership(kobj, &uid, &gid);
	for (i = 0, attr = grp->attrs; attr && *attr && !error; ++attr, ++i)
		error = sysfs_add_file_mode_ns(parent, *attr, (*attr)->mode, uid, gid, NULL);
	if (error)
		while (--i >= 0)
			kernfs_remove_by_name(parent, (*--attr)->name);
	kernfs_put(parent);
	return error;
}
EXPORT_SYMBOL_GPL(sysfs_merge_group);

/**
 * sysfs_unmerge_group - remove the files sysfs_merge_group() added to a group
 * @kobj: the kobject
 * @grp: the attributes that were merged; ->name names the existing group
 *
 * Context: process context; may sleep.
 */
void sysfs_unmerge_group(struct kobject *kobj, const struct attribute_group *grp)
{
	struct kernfs_node *parent = kernfs_find_and_get(kobj->sd, grp->name);

	if (parent) {
		for (struct attribute *const *attr = grp->attrs; attr && *attr; ++attr)
			kernfs_remove_by_name(parent, (*attr)->name);
		kernfs_put(parent);
	}
}
EXPORT_SYMBOL_GPL(sysfs_unmerge_group);

/**
 * sysfs_add_link_to_group - create a symlink inside a group's directory
 * @kobj: the kobject
 * @group_name: the group's name
 * @target: the kobject the link points at
 * @link_name: the link's name
 *
 * Context: process context; may sleep.
 * Return: 0, -ENOENT if there is no such group, -EEXIST, or -ENOMEM.
 */
int sysfs_add_link_to_group(struct kobject *kobj, const char *group_name,
			    struct kobject *target, const char *link_name)
{
	struct kernfs_node *parent = kernfs_find_and_get(kobj->sd, group_name);
	int error;

	if (!parent)
		return -ENOENT;
	error = sysfs_create_link_sd(parent, target, link_name);
	kernfs_put(parent);
	return error;
}
EXPORT_SYMBOL_GPL(sysfs_add_link_to_group);

/**
 * sysfs_remove_link_from_group - remove a symlink from a group's directory
 * @kobj: the kobject
 * @group_name: the group's name
 * @link_name: the link's name
 *
 * Context: process context; may sleep.
 */
void sysfs_remove_link_from_group(struct kobject *kobj, const char *group_name,
				  const char *link_name)
{
	struct kernfs_node *parent = kernfs_find_and_get(kobj->sd, group_name);

	if (parent) {
		kernfs_remove_by_name(parent, link_name);
		kernfs_put(parent);
	}
}
EXPORT_SYMBOL_GPL(sysfs_remove_link_from_group);
