/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/device/class.h: classes -- devices grouped by what they do rather than how they
 * connect. A class is /sys/class/<name> with a link per device; a class device with a
 * device number gets its node in /dev as udev would make it (src/base/class.c). */
#ifndef UKMEM_LINUX_DEVICE_CLASS_H
#define UKMEM_LINUX_DEVICE_CLASS_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/kobject.h>
#include <linux/pm.h>
#include <linux/device/bus.h>

struct device;
struct device_type;
struct fwnode_handle;
struct lock_class_key;

/**
 * struct class - a device class
 * @name: its name in /sys/class
 * @class_groups: attributes of /sys/class/<name>
 * @dev_groups: attributes of each device in it
 * @dev_uevent: adds the class's variables to a device's uevents
 * @devnode: the /dev name (kmalloc'd) and mode of a device; NULL: dev_name, 0600
 * @class_release: frees the class
 * @dev_release: frees a device of the class without its own release
 * @p: the driver core's state (private)
 */
struct class {
	const char		*name;
	struct module		*owner;

	const struct attribute_group	**class_groups;
	const struct attribute_group	**dev_groups;
	struct kobject			*dev_kobj;

	int (*dev_uevent)(struct device *dev, struct kobj_uevent_env *env);
	char *(*devnode)(struct device *dev, umode_t *mode);

	void (*class_release)(struct class *class);
	void (*dev_release)(struct device *dev);

	int (*shutdown_pre)(struct device *dev);

	const struct kobj_ns_type_operations *ns_type;
	const void *(*namespace)(struct device *dev);

	void (*get_ownership)(struct device *dev, kuid_t *uid, kgid_t *gid);

	const struct dev_pm_ops *pm;

	struct subsys_private *p;
};

struct class_dev_iter {
	struct device **devs;		/* the members when the walk began, referenced */
	unsigned int n, next;
	struct device *cur;
};

extern struct kobject *sysfs_dev_block_kobj;
extern struct kobject *sysfs_dev_char_kobj;
int __must_check __class_register(struct class *class, struct lock_class_key *key);
void class_unregister(struct class *class);

#define class_register(class)			\
({						\
	static struct lock_class_key __key;	\
	__class_register(class, &__key);	\
})

struct class_compat;

void class_dev_iter_init(struct class_dev_iter *iter, struct class *class,
			 struct device *start, const struct device_type *type);
struct device *class_dev_iter_next(struct class_dev_iter *iter);
void class_dev_iter_exit(struct class_dev_iter *iter);

int class_for_each_device(struct class *class, struct device *start, void *data,
			  int (*fn)(struct device *dev, void *data));
struct device *class_find_device(struct class *class, struct device *start,
				 const void *data,
				 int (*match)(struct device *, const void *));

static inline struct device *class_find_device_by_name(struct class *class,
						       const char *name)
{
	return class_find_device(class, NULL, name, device_match_name);
}

static inline struct device *class_find_device_by_devt(struct class *class, dev_t devt)
{
	return class_find_device(class, NULL, &devt, device_match_devt);
}

struct class_attribute {
	struct attribute attr;
	ssize_t (*show)(struct class *class, struct class_attribute *attr, char *buf);
	ssize_t (*store)(struct class *class, struct class_attribute *attr,
			 const char *buf, size_t count);
};

#define CLASS_ATTR_RW(_name) \
	struct class_attribute class_attr_##_name = __ATTR_RW(_name)
#define CLASS_ATTR_RO(_name) \
	struct class_attribute class_attr_##_name = __ATTR_RO(_name)
#define CLASS_ATTR_WO(_name) \
	struct class_attribute class_attr_##_name = __ATTR_WO(_name)

int __must_check class_create_file_ns(struct class *class,
				      const struct class_attribute *attr, const void *ns);
void class_remove_file_ns(struct class *class, const struct class_attribute *attr,
			  const void *ns);

static inline int __must_check class_create_file(struct class *class,
						 const struct class_attribute *attr)
{
	return class_create_file_ns(class, attr, NULL);
}

static inline void class_remove_file(struct class *class, const struct class_attribute *attr)
{
	return class_remove_file_ns(class, attr, NULL);
}

struct class_attribute_string {
	struct class_attribute attr;
	char *str;
};

#define _CLASS_ATTR_STRING(_name, _mode, _str) \
	{ __ATTR(_name, _mode, show_class_attr_string, NULL), _str }
#define CLASS_ATTR_STRING(_name, _mode, _str) \
	struct class_attribute_string class_attr_##_name = \
		_CLASS_ATTR_STRING(_name, _mode, _str)

ssize_t show_class_attr_string(struct class *class, struct class_attribute *attr, char *buf);

struct class * __must_check __class_create(struct module *owner, const char *name,
					   struct lock_class_key *key);
void class_destroy(struct class *cls);

/* Linux 6.1's form: class_create(THIS_MODULE, "name"). */
#define class_create(owner, name)			\
({							\
	static struct lock_class_key __key;		\
	__class_create(owner, name, &__key);		\
})

#pragma pop_macro("__UKMEM_INNER")

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/device/class.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/generic.h>
#include <linux/completion.h>
#include <linux/export.h>
#include <linux/gfp.h>
#include <linux/hrtimer.h>
#include <linux/idr.h>
#include <linux/irqnr.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/overflow.h>
#include <linux/page-flags.h>
#include <linux/percpu.h>
#include <linux/prandom.h>
#include <linux/rbtree.h>
#include <linux/rculist.h>
#include <linux/sched/mm.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#endif
#endif
