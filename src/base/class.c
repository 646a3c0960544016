// SPDX-License-Identifier: LGPL-2.1-or-later
/* base/class.c: device classes, as Linux 6.1's. A class is /sys/class/<name> (a kset in
 * class_kset) holding a link per member device; its devices' directories sit under a
 * glue directory named after the class below their parent (core.c). class_create()
 * makes one that is freed when class_destroy() drops the last reference.
 *
 * Invariants: cls->p lives from registration until the class kset's last reference (its
 * release clears it); the member list is under driver_core_lists. */
#include <errno.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/kobject.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include "base/base.h"

static struct kset *class_kset;

#define to_class_attr(_attr) container_of(_attr, struct class_attribute, attr)

static ssize_t class_attr_show(struct kobject *kobj, struct attribute *attr, char *buf)
{
	struct class_attribute *class_attr = to_class_attr(attr);
	struct subsys_private *cp = to_subsys_private(kobj);

	return class_attr->show ? class_attr->show(cp->class, class_attr, buf) : -EIO;
}

static ssize_t class_attr_store(struct kobject *kobj, struct attribute *attr,
				const char *buf, size_t count)
{
	struct class_attribute *class_attr = to_class_attr(attr);
	struct subsys_private *cp = to_subsys_private(kobj);

	return class_attr->store ? class_attr->store(cp->class, class_attr, buf, count) : -EIO;
}

static void class_release(struct kobject *kobj)
{
	struct subsys_private *cp = to_subsys_private(kobj);
	struct class *class = cp->class;

	pr_debug("class '%s': release.\n", class->name);
	class->p = NULL;
	if (class->class_release)
		class->class_release(class);
	else
		pr_debug("class '%s' does not have a release() function, be careful\n",
			 class->name);
	kfree(cp);
}

static const struct kobj_ns_type_operations *class_child_ns_type(struct kobject *kobj)
{
	return to_subsys_private(kobj)->class->ns_type;
}

static const struct sysfs_ops class_sysfs_ops = {
	.show	   = class_attr_show,
	.store	   = class_attr_store,
};

static const struct kobj_type class_ktype = {
	.sysfs_ops	= &class_sysfs_ops,
	.release	= class_release,
	.child_ns_type	= class_child_ns_type,
};

/**
 * class_create_file_ns - create an attribute file in a class's /sys/class directory
 * @cls: the class, registered
 * @attr: the attribute
 * @ns: the namespace tag (ukmem has none)
 *
 * Context: process context; may sleep.
 * Return: 0, -EINVAL for an unregistered class, -EEXIST or -ENOMEM.
 */
int class_create_file_ns(struct class *cls, const struct class_attribute *attr, const void *ns)
{
	if (!cls || !cls->p)
		return -EINVAL;
	return sysfs_create_file_ns(&cls->p->subsys.kobj, &attr->attr, ns);
}
EXPORT_SYMBOL_GPL(class_create_file_ns);

/**
 * class_remove_file_ns - remove an attribute file from a class's directory
 * @cls: the class
 * @attr: the attribute
 * @ns: the namespace tag
 *
 * Context: process context; may sleep.
 */
void class_remove_file_ns(struct class *cls, const struct class_attribute *attr, const void *ns)
{
	if (cls && cls->p)
		sysfs_remove_file_ns(&cls->p->subsys.kobj, &attr->attr, ns);
}
EXPORT_SYMBOL_GPL(class_remove_file_ns);

/**
 * __class_register - register a class: /sys/class/<name>
 * @cls: the class (name set)
 * @key: lockdep key (unused)
 *
 * Context: process; may sleep. Returns 0 or -errno (-EEXIST for a name taken, with
 * sysfs's report).
 */
int __class_register(struct class *cls, struct lock_class_key *key)
{
	struct subsys_private *cp;
	int error;

	pr_debug("device class '%s': registering\n", cls->name);
	cp = kzalloc(sizeof(*cp), GFP_KERNEL);
	if (!cp)
		return -ENOMEM;
	INIT_LIST_HEAD(&cp->devices);
	INIT_LIST_HEAD(&cp->drivers);
	INIT_LIST_HEAD(&cp->interfaces);
	kset_init(&cp->glue_dirs);
	mutex_init(&cp->mutex);
	error = kobject_set_name(&cp->subsys.kobj, "%s", cls->name);
	if (error) {
		kfree(cp);
		return error;
	}
	if (!cls->dev_kobj)
		cls->dev_kobj = sysfs_dev_char_kobj;
	cp->subsys.kobj.kset = class_kset;
	cp->subsys.kobj.ktype = &class_ktype;
	cp->class = cls;
	cls->p = cp;
	error = kset_register(&cp->subsys);
	if (error) {
		kfree_const(cp->subsys.kobj.name);
		kfree(cp);
		cls->p = NULL;
		return error;
	}
	error = sysfs_create_groups(&cls->p->subsys.kobj, cls->class_groups);
	if (error) {
		kobject_del(&cp->subsys.kobj);
		kfree_const(cp->subsys.kobj.name);
		kfree(cp);
		cls->p = NULL;
	}
	return error;
}
EXPORT_SYMBOL_GPL(__class_register);

/**
 * class_unregister - remove a class
 * @cls: the class (its devices should be gone first)
 *
 * Context: process; may sleep.
 */
void class_unregister(struct class *cls)
{
	pr_debug("device class '%s': unregistering\n", cls->name);
	sysfs_remove_groups(&cls->p->subsys.kobj, cls->class_groups);
	kset_unregister(&cls->p->subsys);
}
EXPORT_SYMBOL_GPL(class_unregister);

static void class_create_release(struct class *cls)
{
	pr_debug("%s called for %s\n", __func__, cls->name);
	kfree(cls);
}

/**
 * __class_create - allocate and register a class (class_create())
 * @owner: the module
 * @name: its name (kept, not copied)
 * @key: lockdep key (unused)
 *
 * Context: process; may sleep. Returns it or an ERR_PTR; class_destroy() frees it.
 */
struct class *__class_create(struct module *owner, const char *name, struct lock_class_key *key)
{
	struct class *cls;
	int retval;

	cls = kzalloc(sizeof(*cls), GFP_KERNEL);
	if (!cls)
		return ERR_PTR(-ENOMEM);
	cls->name = name;
	cls->owner = owner;
	cls->class_release = class_create_release;
	retval = __class_register(cls, key);
	if (retval) {
		kfree(cls);
		return ERR_PTR(retval);
	}
	return cls;
}
EXPORT_SYMBOL_GPL(__class_create);

/**
 * class_destroy - unregister a class made by class_create()
 * @cls: the class (NULL or an error pointer: nothing)
 *
 * Context: process; may sleep.
 */
void class_destroy(struct class *cls)
{
	if (IS_ERR_OR_NULL(cls))
		return;
	class_unregister(cls);
}
EXPORT_SYMBOL_GPL(class_destroy);

/**
 * class_dev_iter_init - start a walk of a class's devices
 * @iter: the walk
 * @class: the class
 * @start: begin after this device (NULL: at the first)
 * @type: only devices of this type (NULL: all)
 *
 * Context: process. class_dev_iter_exit() ends it.
 */
void class_dev_iter_init(struct class_dev_iter *iter, struct class *class,
			 struct device *start, const struct device_type *type)
{
	size_t n = 0, i = 0;
	struct device **devs = NULL;

	if (class && class->p)
		devs = device_list_snapshot(&class->p->devices,
					    offsetof(struct device_private, class_node), &n);
	if (start)
		while (i < n && devs[i++] != start)
			;
	if (type) {
		size_t j = i;

		for (size_t k = i; k < n; k++) {
			if (devs[k]->type == type)
				devs[j++] = devs[k];
			else
				put_device(devs[k]);
		}
		n = j;
	}
	*iter = (struct class_dev_iter){ .devs = devs, .n = (unsigned int)n,
					 .next = (unsigned int)i };
	/* devices before the start are dropped at exit */
}
EXPORT_SYMBOL_GPL(class_dev_iter_init);

/**
 * class_dev_iter_next - the next device of a class iteration
 * @iter: the iterator, from class_dev_iter_init()
 *
 * ukmem iterates over a snapshot of the class's devices (each held by a reference)
 * taken at class_dev_iter_init(); Linux walks the live list.
 *
 * Context: process context.
 * Return: the device, or NULL at the end.
 */
struct device *class_dev_iter_next(struct class_dev_iter *iter)
{
	if (iter->next >= iter->n)
		return NULL;
	iter->cur = iter->devs[iter->next++];
	return iter->cur;
}
EXPORT_SYMBOL_GPL(class_dev_iter_next);

/**
 * class_dev_iter_exit - end a class iteration, dropping its device references
 * @iter: the iterator
 *
 * Context: process context; may sleep (the last reference to a device may free it).
 */
void class_dev_iter_exit(struct class_dev_iter *iter)
{
	device_list_snapshot_put(iter->devs, iter->n);
	iter->devs = NULL;
	iter->n = iter->next = 0;
}
EXPORT_SYMBOL_GPL(class_dev_iter_exit);

/**
 * class_for_each_device - call fn for each device of a class
 * @class: the class
 * @start: begin after this device (NULL: at the first)
 * @data: for fn
 * @fn: stops the walk by returning nonzero
 *
 * Context: process. Returns what stopped the walk, or 0 (-EINVAL: no class).
 */
int class_for_each_device(struct class *class, struct device *start, void *data,
			  int (*fn)(struct device *, void *))
{
	struct class_dev_iter iter;
	struct device *dev;
	int error = 0;

	if (!class)
		return -EINVAL;
	if (!class->p) {
		WARN(1, "%s called for class '%s' before it was initialized", __func__,
		     class->name);
		return -EINVAL;
	}
	class_dev_iter_init(&iter, class, start, NULL);
	while ((dev = class_dev_iter_next(&iter))) {
		error = fn(dev, data);
		if (error)
			break;
	}
	class_dev_iter_exit(&iter);
	return error;
}
EXPORT_SYMBOL_GPL(class_for_each_device);

/**
 * class_find_device - the first device of a class match accepts
 * @class: the class
 * @start: begin after this device (NULL: at the first)
 * @data: for match
 * @match: nonzero for the one wanted
 *
 * Context: process. Returns it with a reference (put_device) or NULL.
 */
struct device *class_find_device(struct class *class, struct device *start, const void *data,
				 int (*match)(struct device *, const void *))
{
	struct class_dev_iter iter;
	struct device *dev;

	if (!class)
		return NULL;
	if (!class->p) {
		WARN(1, "%s called for class '%s' before it was initialized", __func__,
		     class->name);
		return NULL;
	}
	class_dev_iter_init(&iter, class, start, NULL);
	while ((dev = class_dev_iter_next(&iter))) {
		if (match(dev, data)) {
			get_device(dev);
			break;
		}
	}
	class_dev_iter_exit(&iter);
	return dev;
}
EXPORT_SYMBOL_GPL(class_find_device);

/**
 * show_class_attr_string - the show method of CLASS_ATTR_STRING() files
 * @class: the class
 * @attr: the attribute, inside a struct class_attribute_string
 * @buf: the page to print into
 *
 * Context: process context, a sysfs read.
 * Return: the length printed (the string and a newline).
 */
ssize_t show_class_attr_string(struct class *class, struct class_attribute *attr, char *buf)
{
	struct class_attribute_string *cs = container_of(attr, struct class_attribute_string,
							 attr);

	return sysfs_emit(buf, "%s\n", cs->str);
}
EXPORT_SYMBOL_GPL(show_class_attr_string);

int classes_init(void)
{
	class_kset = kset_create_and_add("class", NULL, NULL);
	return class_kset ? 0 : -ENOMEM;
}

void classes_exit(void)
{
	kset_unregister(class_kset);
	class_kset = NULL;
}
