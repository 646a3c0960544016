// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/kobject.c: kobjects and ksets, as Linux 6.1's. A kobject is named, counted and,
 * once added, a directory in /sys under its parent (or its kset's kobject, or /sys
 * itself); its type's default groups are made with the directory. The last
 * kobject_put() removes what is still in sysfs (sending the "remove" uevent if "add"
 * was sent), calls the type's release and frees the name.
 *
 * Invariants: a kobject in sysfs holds a reference on its parent, dropped when it
 * leaves sysfs (kobject_del or the last put); a kset member is on kset->list exactly
 * while it holds a reference on the kset. Names are kmalloc'd (kvasprintf_const) and
 * never contain '/' (replaced by '!', as Linux does). */
#include <errno.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include "fs/sysfs/sysfs.h"

/**
 * kobject_namespace - the namespace tag of a kobject's directory
 * @kobj: the kobject
 *
 * Context: any. ukmem has no namespaced sysfs directories: always NULL.
 */
const void *kobject_namespace(struct kobject *kobj)
{
	return NULL;
}

/**
 * kobject_get_ownership - the owner sysfs gives a kobject's files
 * @kobj: the kobject
 * @uid: set to the owner (root, unless the type says otherwise)
 * @gid: set to the group
 *
 * Context: any.
 */
void kobject_get_ownership(struct kobject *kobj, kuid_t *uid, kgid_t *gid)
{
	*uid = GLOBAL_ROOT_UID;
	*gid = GLOBAL_ROOT_GID;
	if (kobj->ktype && kobj->ktype->get_ownership)
		kobj->ktype->get_ownership(kobj, uid, gid);
}

static int create_dir(struct kobject *kobj)
{
	const struct kobj_type *ktype = get_ktype(kobj);
	int error;

	error = sysfs_create_dir_ns(kobj, kobject_namespace(kobj));
	if (error)
		return error;
	if (ktype) {
		error = sysfs_create_groups(kobj, ktype->default_groups);
		if (error) {
			sysfs_remove_dir(kobj);
			return error;
		}
	}
	return 0;
}

static size_t get_kobj_path_length(struct kobject *kobj)
{
	size_t length = 1;
	struct kobject *parent = kobj;

	do {
		if (kobject_name(parent) == NULL)
			return 0;
		length += strlen(kobject_name(parent)) + 1;
		parent = parent->parent;
	} while (parent);
	return length;
}

/**
 * kobject_get_path - the path of a kobject below /sys ("/kernel/mm")
 * @kobj: the kobject
 * @gfp_mask: for the allocation
 *
 * Context: process, or any with GFP_ATOMIC. Returns a kmalloc'd string the caller
 * kfrees, or NULL.
 */
char *kobject_get_path(struct kobject *kobj, gfp_t gfp_mask)
{
	size_t len = get_kobj_path_length(kobj);
	char *path;

	if (len == 0)
		return NULL;
	path = kzalloc(len, gfp_mask);
	if (!path)
		return NULL;
	len--;
	for (struct kobject *parent = kobj; parent; parent = parent->parent) {
		size_t cur = strlen(kobject_name(parent));

		len -= cur;
		memcpy(path + len, kobject_name(parent), cur);
		path[--len] = '/';
	}
	return path;
}
EXPORT_SYMBOL_GPL(kobject_get_path);

static void kobj_kset_join(struct kobject *kobj)
{
	if (!kobj->kset)
		return;
	kset_get(kobj->kset);
	spin_lock(&kobj->kset->list_lock);
	list_add_tail(&kobj->entry, &kobj->kset->list);
	spin_unlock(&kobj->kset->list_lock);
}

static void kobj_kset_leave(struct kobject *kobj)
{
	if (!kobj->kset)
		return;
	spin_lock(&kobj->kset->list_lock);
	list_del_init(&kobj->entry);
	spin_unlock(&kobj->kset->list_lock);
	kset_put(kobj->kset);
}

static void kobject_init_internal(struct kobject *kobj)
{
	if (!kobj)
		return;
	kref_init(&kobj->kref);
	INIT_LIST_HEAD(&kobj->entry);
	kobj->state_in_sysfs = 0;
	kobj->state_add_uevent_sent = 0;
	kobj->state_remove_uevent_sent = 0;
	kobj->state_initialized = 1;
}

static int kobject_add_internal(struct kobject *kobj)
{
	struct kobject *parent;
	int error;

	if (!kobj)
		return -ENOENT;
	if (!kobj->name || !kobj->name[0]) {
		WARN(1, "kobject: (%p): attempted to be registered with empty name!\n", kobj);
		return -EINVAL;
	}
	parent = kobject_get(kobj->parent);
	if (kobj->kset) {
		if (!parent)
			parent = kobject_get(&kobj->kset->kobj);
		kobj_kset_join(kobj);
		kobj->parent = parent;
	}
	error = create_dir(kobj);
	if (error) {
		kobj_kset_leave(kobj);
		kobject_put(parent);
		kobj->parent = NULL;
		if (error == -EEXIST)
			pr_err("%s failed for %s with -EEXIST, don't try to register things with the same name in the same directory.\n",
			       "kobject_add_internal", kobject_name(kobj));
		else
			pr_err("%s failed for %s (error: %d parent: %s)\n", "kobject_add_internal",
			       kobject_name(kobj), error, parent ? kobject_name(parent) : "'none'");
	} else {
		kobj->state_in_sysfs = 1;
	}
	return error;
}

/**
 * kobject_set_name_vargs - set a kobject's name from a format
 * @kobj: the kobject
 * @fmt: the format ('/' in the result becomes '!')
 * @vargs: its arguments
 *
 * Context: process. Returns 0 or -ENOMEM (the old name is kept). Renaming a kobject
 * in sysfs needs kobject_rename().
 */
int kobject_set_name_vargs(struct kobject *kobj, const char *fmt, va_list vargs)
{
	const char *s;

	if (kobj->name && !fmt)
		return 0;
	s = kvasprintf_const(GFP_KERNEL, fmt, vargs);
	if (!s)
		return -ENOMEM;
	if (strchr(s, '/')) {
		char *t = kstrdup(s, GFP_KERNEL);

		kfree_const(s);
		if (!t)
			return -ENOMEM;
		for (char *p = t; (p = strchr(p, '/')); )
			*p = '!';
		s = t;
	}
	kfree_const(kobj->name);
	kobj->name = s;
	return 0;
}

/**
 * kobject_set_name - set a kobject's name from a printf format
 * @kobj: the kobject
 * @fmt: the format, and its arguments; a '/' in the result becomes '!'
 *
 * Context: process context; may sleep (GFP_KERNEL). Before kobject_add() only; a registered
 * kobject is renamed with kobject_rename().
 * Return: 0, or -ENOMEM.
 */
int kobject_set_name(struct kobject *kobj, const char *fmt, ...)
{
	va_list vargs;
	int retval;

	va_start(vargs, fmt);
	retval = kobject_set_name_vargs(kobj, fmt, vargs);
	va_end(vargs);
	return retval;
}
EXPORT_SYMBOL(kobject_set_name);

/**
 * kobject_init - initialise a kobject with its type
 * @kobj: the kobject (zeroed, or at least never initialised)
 * @ktype: its type, which must not be NULL
 *
 * Context: any. The kobject holds one reference; from here on only kobject_put() may
 * free it. Initialising twice is reported (the object is initialised again).
 */
void kobject_init(struct kobject *kobj, const struct kobj_type *ktype)
{
	char *err_str;

	if (!kobj) {
		err_str = "invalid kobject pointer!";
		goto error;
	}
	if (!ktype) {
		err_str = "must have a ktype to be initialized properly!\n";
		goto error;
	}
	if (kobj->state_initialized) {
		pr_err("kobject (%p): tried to init an initialized object, something is seriously wrong.\n",
		       kobj);
		dump_stack();
	}
	kobject_init_internal(kobj);
	kobj->ktype = ktype;
	return;
error:
	pr_err("kobject (%p): %s\n", kobj, err_str);
	dump_stack();
}
EXPORT_SYMBOL(kobject_init);

static __printf(3, 0) int kobject_add_varg(struct kobject *kobj, struct kobject *parent,
					   const char *fmt, va_list vargs)
{
	int retval = kobject_set_name_vargs(kobj, fmt, vargs);

	if (retval) {
		pr_err("kobject: can not set name properly!\n");
		return retval;
	}
	kobj->parent = parent;
	return kobject_add_internal(kobj);
}

/**
 * kobject_add - name a kobject and make its directory in sysfs
 * @kobj: an initialised kobject
 * @parent: the directory to put it in (NULL: its kset's, or /sys)
 * @fmt: its name
 *
 * Context: process; may sleep. Returns 0 or -errno (a duplicate name: -EEXIST, with
 * sysfs's and kobject's reports). On failure the caller still owns a reference and
 * must kobject_put() it.
 */
int kobject_add(struct kobject *kobj, struct kobject *parent, const char *fmt, ...)
{
	va_list args;
	int retval;

	if (!kobj)
		return -EINVAL;
	if (!kobj->state_initialized) {
		pr_err("kobject '%s' (%p): tried to add an uninitialized object, something is seriously wrong.\n",
		       kobject_name(kobj), kobj);
		dump_stack();
		return -EINVAL;
	}
	va_start(args, fmt);
	retval = kobject_add_varg(kobj, parent, fmt, args);
	va_end(args);
	return retval;
}
EXPORT_SYMBOL(kobject_add);

/**
 * kobject_init_and_add - kobject_init() then kobject_add()
 * @kobj: the kobject
 * @ktype: its type
 * @parent: its parent directory
 * @fmt: its name
 *
 * Context: process; may sleep. Returns 0 or -errno; either way kobject_put() frees it.
 */
int kobject_init_and_add(struct kobject *kobj, const struct kobj_type *ktype,
			 struct kobject *parent, const char *fmt, ...)
{
	va_list args;
	int retval;

	kobject_init(kobj, ktype);
	va_start(args, fmt);
	retval = kobject_add_varg(kobj, parent, fmt, args);
	va_end(args);
	return retval;
}
EXPORT_SYMBOL_GPL(kobject_init_and_add);

/**
 * kobject_rename - change the name of a kobject in sysfs
 * @kobj: the kobject
 * @new_name: its new name
 *
 * Context: process; may sleep. Returns 0 or -errno (-EEXIST if taken). Sends a "move"
 * uevent.
 */
int kobject_rename(struct kobject *kobj, const char *new_name)
{
	const char *name, *old_name;
	int error;

	kobj = kobject_get(kobj);
	if (!kobj)
		return -EINVAL;
	if (!kobj->parent) {
		kobject_put(kobj);
		return -EINVAL;
	}
	name = kstrdup_const(new_name, GFP_KERNEL);
	if (!name) {
		kobject_put(kobj);
		return -ENOMEM;
	}
	error = sysfs_rename_dir_ns(kobj, new_name, NULL);
	if (error) {
		kfree_const(name);
		kobject_put(kobj);
		return error;
	}
	old_name = kobj->name;
	kobj->name = name;
	kobject_uevent(kobj, KOBJ_MOVE);
	kfree_const(old_name);
	kobject_put(kobj);
	return 0;
}
EXPORT_SYMBOL_GPL(kobject_rename);

/**
 * kobject_move - move a kobject to another parent in sysfs
 * @kobj: the kobject
 * @new_parent: its new parent (NULL: its kset's, or /sys)
 *
 * Context: process; may sleep. Returns 0 or -errno. Sends a "move" uevent.
 */
int kobject_move(struct kobject *kobj, struct kobject *new_parent)
{
	struct kobject *old_parent;
	int error;

	kobj = kobject_get(kobj);
	if (!kobj)
		return -EINVAL;
	new_parent = kobject_get(new_parent);
	if (!new_parent && kobj->kset)
		new_parent = kobject_get(&kobj->kset->kobj);
	error = sysfs_move_dir_ns(kobj, new_parent, NULL);
	if (error) {
		kobject_put(new_parent);
		kobject_put(kobj);
		return error;
	}
	old_parent = kobj->parent;
	kobj->parent = new_parent;
	kobject_put(old_parent);
	kobject_uevent(kobj, KOBJ_MOVE);
	kobject_put(kobj);
	return 0;
}
EXPORT_SYMBOL_GPL(kobject_move);

static void __kobject_del(struct kobject *kobj)
{
	const struct kobj_type *ktype = get_ktype(kobj);

	if (ktype)
		sysfs_remove_groups(kobj, ktype->default_groups);
	/* the "remove" the caller did not send, if it sent "add" */
	if (kobj->state_add_uevent_sent && !kobj->state_remove_uevent_sent)
		kobject_uevent(kobj, KOBJ_REMOVE);
	sysfs_remove_dir(kobj);
	kobj->state_in_sysfs = 0;
	kobj_kset_leave(kobj);
	kobj->parent = NULL;
}

/**
 * kobject_del - take a kobject out of sysfs
 * @kobj: the kobject (NULL: nothing)
 *
 * Context: process; may sleep (waits for its attribute files' calls under way). The
 * reference on the parent goes; the caller's references stay.
 */
void kobject_del(struct kobject *kobj)
{
	struct kobject *parent;

	if (!kobj)
		return;
	parent = kobj->parent;
	__kobject_del(kobj);
	kobject_put(parent);
}
EXPORT_SYMBOL(kobject_del);

/**
 * kobject_get - take a reference on a kobject
 * @kobj: the kobject (NULL: nothing)
 *
 * Context: any. Returns @kobj. On a kobject never initialised, Linux's warning.
 */
struct kobject *kobject_get(struct kobject *kobj)
{
	if (kobj) {
		if (!kobj->state_initialized)
			WARN(1, KERN_WARNING
			     "kobject: '%s' (%p): is not initialized, yet kobject_get() is being called.\n",
			     kobject_name(kobj), kobj);
		kref_get(&kobj->kref);
	}
	return kobj;
}
EXPORT_SYMBOL(kobject_get);

/**
 * kobject_get_unless_zero - take a reference unless the last one is already gone
 * @kobj: the kobject, or NULL
 *
 * Context: any context; does not sleep.
 * Return: @kobj with a new reference, or NULL if its count was 0 (or @kobj is NULL).
 */
struct kobject *kobject_get_unless_zero(struct kobject *kobj)
{
	if (!kobj)
		return NULL;
	if (!kref_get_unless_zero(&kobj->kref))
		kobj = NULL;
	return kobj;
}
EXPORT_SYMBOL(kobject_get_unless_zero);

static void kobject_cleanup(struct kobject *kobj)
{
	struct kobject *parent = kobj->parent;
	const struct kobj_type *t = get_ktype(kobj);
	const char *name = kobj->name;

	if (t && !t->release)
		pr_debug("kobject: '%s' (%p): does not have a release() function, it is broken and must be fixed. See Documentation/core-api/kobject.rst.\n",
			 kobject_name(kobj), kobj);
	if (kobj->state_in_sysfs)
		__kobject_del(kobj);
	else
		parent = NULL;	/* no reference on it to drop */
	if (t && t->release)
		t->release(kobj);
	kfree_const(name);
	kobject_put(parent);
}

static void kobject_release(struct kref *kref)
{
	kobject_cleanup(container_of(kref, struct kobject, kref));
}

/**
 * kobject_put - drop a reference on a kobject
 * @kobj: the kobject (NULL: nothing)
 *
 * Context: process when it may be the last reference (the release may sleep).
 */
void kobject_put(struct kobject *kobj)
{
	if (kobj) {
		if (!kobj->state_initialized)
			WARN(1, KERN_WARNING
			     "kobject: '%s' (%p): is not initialized, yet kobject_put() is being called.\n",
			     kobject_name(kobj), kobj);
		kref_put(&kobj->kref, kobject_release);
	}
}
EXPORT_SYMBOL(kobject_put);

static void dynamic_kobj_release(struct kobject *kobj)
{
	kfree(kobj);
}

static const struct kobj_type dynamic_kobj_ktype = {
	.release	= dynamic_kobj_release,
	.sysfs_ops	= &kobj_sysfs_ops,
};

static struct kobject *kobject_create(void)
{
	struct kobject *kobj = kzalloc(sizeof(*kobj), GFP_KERNEL);

	if (!kobj)
		return NULL;
	kobject_init(kobj, &dynamic_kobj_ktype);
	return kobj;
}

/**
 * kobject_create_and_add - a plain kobject (attributes: struct kobj_attribute) in sysfs
 * @name: its name
 * @parent: its parent (NULL: /sys)
 *
 * Context: process; may sleep. Returns it (kobject_put() when done) or NULL.
 */
struct kobject *kobject_create_and_add(const char *name, struct kobject *parent)
{
	struct kobject *kobj = kobject_create();
	int retval;

	if (!kobj)
		return NULL;
	retval = kobject_add(kobj, parent, "%s", name);
	if (retval) {
		pr_warn("%s: kobject_add error: %d\n", __func__, retval);
		kobject_put(kobj);
		kobj = NULL;
	}
	return kobj;
}
EXPORT_SYMBOL_GPL(kobject_create_and_add);

/**
 * kset_init - initialise a kset (its kobject and member list)
 * @k: the kset
 *
 * Context: any.
 */
void kset_init(struct kset *k)
{
	kobject_init_internal(&k->kobj);
	INIT_LIST_HEAD(&k->list);
	spin_lock_init(&k->list_lock);
}

static ssize_t kobj_attr_show(struct kobject *kobj, struct attribute *attr, char *buf)
{
	struct kobj_attribute *kattr = container_of(attr, struct kobj_attribute, attr);

	return kattr->show ? kattr->show(kobj, kattr, buf) : -EIO;
}

static ssize_t kobj_attr_store(struct kobject *kobj, struct attribute *attr,
			       const char *buf, size_t count)
{
	struct kobj_attribute *kattr = container_of(attr, struct kobj_attribute, attr);

	return kattr->store ? kattr->store(kobj, kattr, buf, count) : -EIO;
}

const struct sysfs_ops kobj_sysfs_ops = {
	.show	= kobj_attr_show,
	.store	= kobj_attr_store,
};
EXPORT_SYMBOL_GPL(kobj_sysfs_ops);

/**
 * kset_register - add an initialised-by-hand kset to sysfs
 * @k: the kset (name, parent and type set)
 *
 * Context: process; may sleep. Returns 0 or -errno; sends its "add" uevent.
 */
int kset_register(struct kset *k)
{
	int err;

	if (!k)
		return -EINVAL;
	kset_init(k);
	err = kobject_add_internal(&k->kobj);
	if (err)
		return err;
	kobject_uevent(&k->kobj, KOBJ_ADD);
	return 0;
}
EXPORT_SYMBOL(kset_register);

/**
 * kset_unregister - take a kset out of sysfs and drop the registration's reference
 * @k: the kset (NULL: nothing)
 *
 * Context: process; may sleep.
 */
void kset_unregister(struct kset *k)
{
	if (!k)
		return;
	kobject_del(&k->kobj);
	kobject_put(&k->kobj);
}
EXPORT_SYMBOL(kset_unregister);

/**
 * kset_find_obj - the member of a kset called name
 * @kset: the kset
 * @name: the name
 *
 * Context: process. Returns it with a reference (kobject_put) or NULL.
 */
struct kobject *kset_find_obj(struct kset *kset, const char *name)
{
	struct kobject *k, *ret = NULL;

	spin_lock(&kset->list_lock);
	list_for_each_entry(k, &kset->list, entry) {
		if (kobject_name(k) && !strcmp(kobject_name(k), name)) {
			ret = kobject_get_unless_zero(k);
			break;
		}
	}
	spin_unlock(&kset->list_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(kset_find_obj);

static void kset_release(struct kobject *kobj)
{
	kfree(container_of(kobj, struct kset, kobj));
}

static void kset_get_ownership(struct kobject *kobj, kuid_t *uid, kgid_t *gid)
{
	if (kobj->parent)
		kobject_get_ownership(kobj->parent, uid, gid);
}

static const struct kobj_type kset_ktype = {
	.sysfs_ops	= &kobj_sysfs_ops,
	.release	= kset_release,
	.get_ownership	= kset_get_ownership,
};

/**
 * kset_create_and_add - make and register a kset
 * @name: its name
 * @uevent_ops: its members' uevent rules (or NULL)
 * @parent_kobj: its parent (NULL: /sys)
 *
 * Context: process; may sleep. Returns it (kset_unregister() when done) or NULL.
 */
struct kset *kset_create_and_add(const char *name, const struct kset_uevent_ops *uevent_ops,
				 struct kobject *parent_kobj)
{
	struct kset *kset = kzalloc(sizeof(*kset), GFP_KERNEL);
	int error;

	if (!kset)
		return NULL;
	error = kobject_set_name(&kset->kobj, "%s", name);
	if (error) {
		kfree(kset);
		return NULL;
	}
	kset->uevent_ops = uevent_ops;
	kset->kobj.parent = parent_kobj;
	kset->kobj.ktype = &kset_ktype;
	kset->kobj.kset = NULL;
	error = kset_register(kset);
	if (error) {
		kfree_const(kset->kobj.name);
		kfree(kset);
		return NULL;
	}
	return kset;
}
EXPORT_SYMBOL_GPL(kset_create_and_add);

/* ---- namespaces: only the initial ones ---- */

int kobj_ns_type_register(const struct kobj_ns_type_operations *ops)
{
	return -EINVAL;
}

int kobj_ns_type_registered(enum kobj_ns_type type)
{
	return 0;
}

const struct kobj_ns_type_operations *kobj_child_ns_ops(struct kobject *parent)
{
	if (parent && parent->ktype && parent->ktype->child_ns_type)
		return parent->ktype->child_ns_type(parent);
	return NULL;
}

const struct kobj_ns_type_operations *kobj_ns_ops(struct kobject *kobj)
{
	return kobj_child_ns_ops(kobj->parent);
}
