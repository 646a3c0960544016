/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/kobject_ns.h: namespace tags on sysfs directories. ukmem has one network
 * namespace, the initial one, so no type is ever registered and every tag is NULL. */
#ifndef UKMEM_LINUX_KOBJECT_NS_H
#define UKMEM_LINUX_KOBJECT_NS_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>

struct sock;
struct kobject;

enum kobj_ns_type {
	KOBJ_NS_TYPE_NONE = 0,
	KOBJ_NS_TYPE_NET,
	KOBJ_NS_TYPES
};

struct kobj_ns_type_operations {
	enum kobj_ns_type type;
	bool (*current_may_mount)(void);
	void *(*grab_current_ns)(void);
	const void *(*netlink_ns)(struct sock *sk);
	const void *(*initial_ns)(void);
	void (*drop_ns)(void *);
};

int kobj_ns_type_register(const struct kobj_ns_type_operations *ops);
int kobj_ns_type_registered(enum kobj_ns_type type);
const struct kobj_ns_type_operations *kobj_child_ns_ops(struct kobject *parent);
const struct kobj_ns_type_operations *kobj_ns_ops(struct kobject *kobj);

#pragma pop_macro("__UKMEM_INNER")
#endif
