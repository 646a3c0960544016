// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs/sysfs/file.c: attribute files. A file's kernfs node has the attribute as priv and
 * sits in a directory whose priv is the kobject; reads call the kobject type's
 * sysfs_ops->show with a zeroed, page-aligned PAGE_SIZE page, writes call ->store with
 * what was written (at most PAGE_SIZE bytes, NUL-terminated). Which of show and store
 * the type has decides whether the file can be opened for reading and writing at all
 * (-EACCES otherwise, as kernfs's extra open check); an attribute without its own
 * method answers -EIO through kobj_sysfs_ops. Bin attributes read and write raw bytes,
 * clipped to their size; one with mmap can be mapped (ukmem_mmap). Calls hold the node
 * active, so a file whose kobject went away answers -ENODEV. */
#include <errno.h>
#include <stdarg.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include "fs/sysfs/sysfs.h"

static struct kobject *sysfs_file_kobj(struct kernfs_node *kn)
{
	return kernfs_priv(kernfs_parent(kn));
}

static const struct sysfs_ops *sysfs_file_ops(struct kernfs_node *kn)
{
	return sysfs_file_kobj(kn)->ktype->sysfs_ops;
}

static ssize_t sysfs_kf_show(struct kernfs_open_file *of, char *buf)
{
	const struct sysfs_ops *ops = sysfs_file_ops(of->kn);
	ssize_t count;

	count = ops->show(sysfs_file_kobj(of->kn), kernfs_priv(of->kn), buf);
	if (count < 0)
		return count;
	if (count >= (ssize_t)PAGE_SIZE) {
		printk("fill_read_buffer: %pS returned bad count\n", ops->show);
		count = PAGE_SIZE - 1;	/* struggle along, as Linux does */
	}
	return count;
}

static ssize_t sysfs_kf_write(struct kernfs_open_file *of, char *buf, size_t count, loff_t pos)
{
	const struct sysfs_ops *ops = sysfs_file_ops(of->kn);

	if (!count)
		return 0;
	return ops->store(sysfs_file_kobj(of->kn), kernfs_priv(of->kn), buf, count);
}

static const struct kernfs_ops sysfs_file_kfops_empty = { 0 };
static const struct kernfs_ops sysfs_file_kfops_ro = { .show = sysfs_kf_show };
static const struct kernfs_ops sysfs_file_kfops_wo = { .write = sysfs_kf_write };
static const struct kernfs_ops sysfs_file_kfops_rw = {
	.show = sysfs_kf_show, .write = sysfs_kf_write,
};

/* The node's size for a bin file (its attribute's, read once). */
static loff_t bin_size(struct kernfs_open_file *of)
{
	return (loff_t)((const struct bin_attribute *)kernfs_priv(of->kn))->size;
}

static ssize_t sysfs_kf_bin_read(struct kernfs_open_file *of, char *buf, size_t count,
				 loff_t pos)
{
	struct bin_attribute *battr = kernfs_priv(of->kn);
	loff_t size = bin_size(of);

	if (!count)
		return 0;
	if (size) {
		if (pos >= size)
			return 0;
		if (pos + (loff_t)count > size)
			count = (size_t)(size - pos);
	}
	if (!battr->read)
		return -EIO;
	return battr->read(of->file, sysfs_file_kobj(of->kn), battr, buf, pos, count);
}

static ssize_t sysfs_kf_bin_write(struct kernfs_open_file *of, char *buf, size_t count,
				  loff_t pos)
{
	struct bin_attribute *battr = kernfs_priv(of->kn);
	loff_t size = bin_size(of);

	if (size) {
		if (size <= pos)
			return -EFBIG;
		count = min_t(ssize_t, count, size - pos);
	}
	if (!count)
		return 0;
	if (!battr->write)
		return -EIO;
	return battr->write(of->file, sysfs_file_kobj(of->kn), battr, buf, pos, count);
}

static int sysfs_kf_bin_mmap(struct kernfs_open_file *of, struct vm_area_struct *vma)
{
	struct bin_attribute *battr = kernfs_priv(of->kn);

	return battr->mmap(of->file, sysfs_file_kobj(of->kn), battr, vma);
}

static const struct kernfs_ops sysfs_bin_kfops_ro = { .read = sysfs_kf_bin_read };
static const struct kernfs_ops sysfs_bin_kfops_wo = { .write = sysfs_kf_bin_write };
static const struct kernfs_ops sysfs_bin_kfops_rw = {
	.read = sysfs_kf_bin_read, .write = sysfs_kf_bin_write,
};
/* With mmap, reads and writes are offered too (-EIO without the attribute's), as 6.1. */
static const struct kernfs_ops sysfs_bin_kfops_mmap = {
	.read = sysfs_kf_bin_read, .write = sysfs_kf_bin_write, .mmap = sysfs_kf_bin_mmap,
};

int sysfs_add_file_mode_ns(struct kernfs_node *parent, const struct attribute *attr,
			   umode_t mode, kuid_t uid, kgid_t gid, const void *ns)
{
	struct kobject *kobj = kernfs_priv(parent);
	const struct sysfs_ops *sysfs_ops = kobj->ktype ? kobj->ktype->sysfs_ops : NULL;
	const struct kernfs_ops *ops;
	struct kernfs_node *kn;

	if (WARN(!sysfs_ops, KERN_ERR "missing sysfs attribute operations for kobject: %s\n",
		 kobject_name(kobj)))
		return -EINVAL;
	if (sysfs_ops->show && sysfs_ops->store)
		ops = &sysfs_file_kfops_rw;
	else if (sysfs_ops->show)
		ops = &sysfs_file_kfops_ro;
	else if (sysfs_ops->store)
		ops = &sysfs_file_kfops_wo;
	else
		ops = &sysfs_file_kfops_empty;
	kn = kernfs_create_file(parent, attr->name, mode & 0777, PAGE_SIZE, ops, (void *)attr);
	if (IS_ERR(kn)) {
		if (PTR_ERR(kn) == -EEXIST)
			sysfs_warn_dup(parent, attr->name);
		return (int)PTR_ERR(kn);
	}
	return 0;
}

int sysfs_add_bin_file_mode_ns(struct kernfs_node *parent, const struct bin_attribute *battr,
			       umode_t mode, size_t size, kuid_t uid, kgid_t gid, const void *ns)
{
	const struct kernfs_ops *ops;
	struct kernfs_node *kn;

	if (battr->mmap)
		ops = &sysfs_bin_kfops_mmap;
	else if (battr->read && battr->write)
		ops = &sysfs_bin_kfops_rw;
	else if (battr->read)
		ops = &sysfs_bin_kfops_ro;
	else if (battr->write)
		ops = &sysfs_bin_kfops_wo;
	else
		ops = &sysfs_file_kfops_empty;
	kn = kernfs_create_file(parent, battr->attr.name, mode & 0777, (loff_t)size, ops,
				(void *)battr);
	if (IS_ERR(kn)) {
		if (PTR_ERR(kn) == -EEXIST)
			sysfs_warn_dup(parent, battr->attr.name);
		return (int)PTR_ERR(kn);
	}
	return 0;
}

/**
 * sysfs_create_file_ns - make an attribute file in a kobject's directory
 * @kobj: the kobject (in sysfs)
 * @attr: the attribute (kept: it must live until the file is removed)
 * @ns: namespace tag (unused)
 *
 * Context: process. Returns 0, -EEXIST (reported) or -errno.
 */
int sysfs_create_file_ns(struct kobject *kobj, const struct attribute *attr, const void *ns)
{
	kuid_t uid;
	kgid_t gid;

	if (WARN_ON(!kobj || !kobj->sd || !attr))
		return -EINVAL;
	kobject_get_ownership(kobj, &uid, &gid);
	return sysfs_add_file_mode_ns(kobj->sd, attr, attr->mode, uid, gid, ns);
}
EXPORT_SYMBOL_GPL(sysfs_create_file_ns);

/**
 * sysfs_create_files - create several attribute files of a kobject
 * @kobj: the kobject
 * @ptr: the attributes, NULL-terminated
 *
 * All or nothing: on an error the files already made are removed.
 *
 * Context: process context; may sleep.
 * Return: 0, or the first error of sysfs_create_file() (-EEXIST, -ENOMEM, ...).
 */
int sysfs_create_files(struct kobject *kobj, const struct attribute * const *ptr)
{
	int err = 0;
	int i;

	for (i = 0; ptr[i] && !err; i++)
		err = sysfs_create_file(kobj, ptr[i]);
	if (err)
		while (--i >= 0)
			sysfs_remove_file(kobj, ptr[i]);
	return err;
}
EXPORT_SYMBOL_GPL(sysfs_create_files);

/**
 * sysfs_add_file_to_group - add an attribute file to a group's directory
 * @kobj: the kobject
 * @attr: the attribute
 * @group: the group's name (NULL: the kobject's directory)
 *
 * Context: process. Returns 0 or -errno.
 */
int sysfs_add_file_to_group(struct kobject *kobj, const struct attribute *attr,
			    const char *group)
{
	struct kernfs_node *parent;
	kuid_t uid;
	kgid_t gid;
	int error;

	if (group) {
		parent = kernfs_find_and_get(kobj->sd, group);
	} else {
		parent = kobj->sd;
		kernfs_get(parent);
	}
	if (!parent)
		return -ENOENT;
	kobject_get_ownership(kobj, &uid, &gid);
	error = sysfs_add_file_mode_ns(parent, attr, attr->mode, uid, gid, NULL);
	kernfs_put(parent);
	return error;
}
EXPORT_SYMBOL_GPL(sysfs_add_file_to_group);

/**
 * sysfs_chmod_file - change an attribute file's mode
 * @kobj: the kobject
 * @attr: the attribute
 * @mode: the new permission bits
 *
 * Context: process. Returns 0 or -ENOENT.
 */
int sysfs_chmod_file(struct kobject *kobj, const struct attribute *attr, umode_t mode)
{
	struct kernfs_node *kn = kernfs_find_and_get(kobj->sd, attr->name);

	if (!kn)
		return -ENOENT;
	kernfs_set_mode(kn, mode);
	kernfs_put(kn);
	return 0;
}
EXPORT_SYMBOL_GPL(sysfs_chmod_file);

/**
 * sysfs_remove_file_ns - remove an attribute file
 * @kobj: the kobject
 * @attr: the attribute
 * @ns: namespace tag (unused)
 *
 * Context: process; waits for calls under way in the file. A missing file: nothing.
 */
void sysfs_remove_file_ns(struct kobject *kobj, const struct attribute *attr, const void *ns)
{
	kernfs_remove_by_name(kobj->sd, attr->name);
}
EXPORT_SYMBOL_GPL(sysfs_remove_file_ns);

/**
 * sysfs_remove_file_self - remove an attribute file from its own store method
 * @kobj: the kobject
 * @attr: the attribute
 *
 * Context: an attribute's store method. Returns true if this call removed it.
 */
bool sysfs_remove_file_self(struct kobject *kobj, const struct attribute *attr)
{
	struct kernfs_node *kn = kernfs_find_and_get(kobj->sd, attr->name);
	bool ret;

	if (WARN_ON_ONCE(!kn))
		return false;
	ret = kernfs_remove_self(kn);
	kernfs_put(kn);
	return ret;
}
EXPORT_SYMBOL_GPL(sysfs_remove_file_self);

/**
 * sysfs_remove_files - remove several attribute files of a kobject
 * @kobj: the kobject
 * @ptr: the attributes, NULL-terminated
 *
 * Context: process context; may sleep (waits for each file's calls in progress).
 */
void sysfs_remove_files(struct kobject *kobj, const struct attribute * const *ptr)
{
	for (int i = 0; ptr[i]; i++)
		sysfs_remove_file(kobj, ptr[i]);
}
EXPORT_SYMBOL_GPL(sysfs_remove_files);

/**
 * sysfs_remove_file_from_group - remove an attribute file from a group's directory
 * @kobj: the kobject
 * @attr: the attribute
 * @group: the group's name, or NULL for the kobject's own directory
 *
 * Context: process context; may sleep.
 */
void sysfs_remove_file_from_group(struct kobject *kobj, const struct attribute *attr,
				  const char *group)
{
	struct kernfs_node *parent;

	if (group) {
		parent = kernfs_find_and_get(kobj->sd, group);
	} else {
		parent = kobj->sd;
		kernfs_get(parent);
	}
	if (parent) {
		kernfs_remove_by_name(parent, attr->name);
		kernfs_put(parent);
	}
}
EXPORT_SYMBOL_GPL(sysfs_remove_file_from_group);

/**
 * sysfs_create_bin_file - make a bin attribute file
 * @kobj: the kobject (in sysfs)
 * @attr: the bin attribute
 *
 * Context: process. Returns 0, -EEXIST (reported) or -errno.
 */
int sysfs_create_bin_file(struct kobject *kobj, const struct bin_attribute *attr)
{
	kuid_t uid;
	kgid_t gid;

	if (WARN_ON(!kobj || !kobj->sd || !attr))
		return -EINVAL;
	kobject_get_ownership(kobj, &uid, &gid);
	return sysfs_add_bin_file_mode_ns(kobj->sd, attr, attr->attr.mode, attr->size,
					  uid, gid, NULL);
}
EXPORT_SYMBOL_GPL(sysfs_create_bin_file);

/**
 * sysfs_remove_bin_file - remove a binary attribute file
 * @kobj: the kobject
 * @attr: the attribute
 *
 * Context: process context; may sleep.
 */
void sysfs_remove_bin_file(struct kobject *kobj, const struct bin_attribute *attr)
{
	kernfs_remove_by_name(kobj->sd, attr->attr.name);
}
EXPORT_SYMBOL_GPL(sysfs_remove_bin_file);

/**
 * sysfs_get_dirent - the child of a sysfs directory called name
 * @parent: the directory
 * @name: the name
 *
 * Context: process. Returns it with a reference (sysfs_put) or NULL.
 */
struct kernfs_node *sysfs_get_dirent(struct kernfs_node *parent, const char *name)
{
	return kernfs_find_and_get(parent, name);
}
EXPORT_SYMBOL_GPL(sysfs_get_dirent);

/**
 * sysfs_notify - wake the pollers of an attribute file
 * @kobj: the kobject
 * @dir: a group directory the file is in, or NULL
 * @attr: the file's name
 *
 * Context: process (Linux also allows atomic context through a work item; ukmem's
 * notify takes no sleeping lock on the node itself).
 */
void sysfs_notify(struct kobject *kobj, const char *dir, const char *attr)
{
	struct kernfs_node *kn = kobj->sd, *tmp;

	if (kn && dir)
		kn = kernfs_find_and_get(kn, dir);
	else
		kernfs_get(kn);
	if (kn && attr) {
		tmp = kernfs_find_and_get(kn, attr);
		kernfs_put(kn);
		kn = tmp;
	}
	if (kn) {
		kernfs_notify(kn);
		kernfs_put(kn);
	}
}
EXPORT_SYMBOL_GPL(sysfs_notify);

/**
 * sysfs_emit - format a show method's value into its page
 * @buf: the page given to show (must be page-aligned)
 * @fmt: printf format
 *
 * Context: a show method. Returns the bytes written (never past PAGE_SIZE), or 0 with
 * Linux's warning if buf is not the page.
 */
int sysfs_emit(char *buf, const char *fmt, ...)
{
	va_list args;
	int len;

	if (WARN(!buf || offset_in_page(buf), "invalid sysfs_emit: buf:%p\n", buf))
		return 0;
	va_start(args, fmt);
	len = vscnprintf(buf, PAGE_SIZE, fmt, args);
	va_end(args);
	return len;
}
EXPORT_SYMBOL_GPL(sysfs_emit);

/**
 * sysfs_emit_at - format more of a show method's value at an offset into its page
 * @buf: the page given to show
 * @at: the offset (0 <= at < PAGE_SIZE)
 * @fmt: printf format
 *
 * Context: a show method. Returns the bytes added, or 0 with Linux's warning.
 */
int sysfs_emit_at(char *buf, int at, const char *fmt, ...)
{
	va_list args;
	int len;

	if (WARN(!buf || offset_in_page(buf) || at < 0 || at >= (int)PAGE_SIZE,
		 "invalid sysfs_emit_at: buf:%p at:%d\n", buf, at))
		return 0;
	va_start(args, fmt);
	len = vscnprintf(buf + at, PAGE_SIZE - (size_t)at, fmt, args);
	va_end(args);
	return len;
}
EXPORT_SYMBOL_GPL(sysfs_emit_at);
