/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/kobject.h: the kernel's counted, named objects that appear as directories in
 * /sys -- kobjects, their types (release, attribute operations, default groups), ksets
 * (a kobject with a list of members and uevent rules) and uevents. The code is
 * src/lib/kobject.c and src/lib/kobject_uevent.c. */
#ifndef UKMEM_LINUX_KOBJECT_H
#define UKMEM_LINUX_KOBJECT_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/list.h>
#include <linux/sysfs.h>
#include <linux/compiler.h>
#include <linux/container_of.h>
#include <linux/spinlock.h>
#include <linux/kref.h>
#include <linux/kobject_ns.h>
#include <linux/wait.h>
#include <linux/atomic.h>
#include <linux/workqueue.h>
#include <linux/uidgid.h>

#define UEVENT_HELPER_PATH_LEN		256
#define UEVENT_NUM_ENVP			64	/* number of env pointers */
#define UEVENT_BUFFER_SIZE		2048	/* buffer for the variables */

extern u64 uevent_seqnum;

/* The actions a uevent announces; the strings are "add", "remove", ... */
enum kobject_action {
	KOBJ_ADD,
	KOBJ_REMOVE,
	KOBJ_CHANGE,
	KOBJ_MOVE,
	KOBJ_ONLINE,
	KOBJ_OFFLINE,
	KOBJ_BIND,
	KOBJ_UNBIND,
};

struct kobject {
	const char		*name;
	struct list_head	entry;		/* in kset->list */
	struct kobject		*parent;
	struct kset		*kset;
	const struct kobj_type	*ktype;
	struct kernfs_node	*sd;		/* its sysfs directory */
	struct kref		kref;
	unsigned int state_initialized:1;
	unsigned int state_in_sysfs:1;
	unsigned int state_add_uevent_sent:1;
	unsigned int state_remove_uevent_sent:1;
	unsigned int uevent_suppress:1;
};

__printf(2, 3) int kobject_set_name(struct kobject *kobj, const char *name, ...);
__printf(2, 0) int kobject_set_name_vargs(struct kobject *kobj, const char *fmt,
					  va_list vargs);

static inline const char *kobject_name(const struct kobject *kobj)
{
	return kobj->name;
}

void kobject_init(struct kobject *kobj, const struct kobj_type *ktype);
__printf(3, 4) __must_check int kobject_add(struct kobject *kobj, struct kobject *parent,
					    const char *fmt, ...);
__printf(4, 5) __must_check int kobject_init_and_add(struct kobject *kobj,
						     const struct kobj_type *ktype,
						     struct kobject *parent,
						     const char *fmt, ...);

void kobject_del(struct kobject *kobj);

struct kobject * __must_check kobject_create_and_add(const char *name, struct kobject *parent);

int __must_check kobject_rename(struct kobject *kobj, const char *new_name);
int __must_check kobject_move(struct kobject *kobj, struct kobject *new_parent);

struct kobject *kobject_get(struct kobject *kobj);
struct kobject * __must_check kobject_get_unless_zero(struct kobject *kobj);
void kobject_put(struct kobject *kobj);

const void *kobject_namespace(struct kobject *kobj);
void kobject_get_ownership(struct kobject *kobj, kuid_t *uid, kgid_t *gid);
char *kobject_get_path(struct kobject *kobj, gfp_t flag);

/**
 * struct kobj_type - what kobjects of one kind share
 * @release: frees the object when the last reference goes (required)
 * @sysfs_ops: how its attributes are shown and stored
 * @default_groups: attribute groups made with its directory
 */
struct kobj_type {
	void (*release)(struct kobject *kobj);
	const struct sysfs_ops *sysfs_ops;
	const struct attribute_group **default_groups;
	const struct kobj_ns_type_operations *(*child_ns_type)(struct kobject *kobj);
	const void *(*namespace)(struct kobject *kobj);
	void (*get_ownership)(struct kobject *kobj, kuid_t *uid, kgid_t *gid);
};

struct kobj_uevent_env {
	char *argv[3];
	char *envp[UEVENT_NUM_ENVP];
	int envp_idx;
	char buf[UEVENT_BUFFER_SIZE];
	int buflen;
};

struct kset_uevent_ops {
	int (* const filter)(struct kobject *kobj);
	const char *(* const name)(struct kobject *kobj);
	int (* const uevent)(struct kobject *kobj, struct kobj_uevent_env *env);
};

/* An attribute of a plain kobject (kobject_create_and_add's type, kobj_sysfs_ops). */
struct kobj_attribute {
	struct attribute attr;
	ssize_t (*show)(struct kobject *kobj, struct kobj_attribute *attr, char *buf);
	ssize_t (*store)(struct kobject *kobj, struct kobj_attribute *attr,
			 const char *buf, size_t count);
};

extern const struct sysfs_ops kobj_sysfs_ops;

struct sock;

/**
 * struct kset - a set of kobjects of one subsystem
 * @list: the members (kobj->entry), under @list_lock
 * @kobj: the kset's own kobject (its directory)
 * @uevent_ops: filters and completes the uevents of members
 */
struct kset {
	struct list_head list;
	spinlock_t list_lock;
	struct kobject kobj;
	const struct kset_uevent_ops *uevent_ops;
};

void kset_init(struct kset *kset);
int __must_check kset_register(struct kset *kset);
void kset_unregister(struct kset *kset);
struct kset * __must_check kset_create_and_add(const char *name,
					       const struct kset_uevent_ops *u,
					       struct kobject *parent_kobj);

static inline struct kset *to_kset(struct kobject *kobj)
{
	return kobj ? container_of(kobj, struct kset, kobj) : NULL;
}

static inline struct kset *kset_get(struct kset *k)
{
	return k ? to_kset(kobject_get(&k->kobj)) : NULL;
}

static inline void kset_put(struct kset *k)
{
	kobject_put(&k->kobj);
}

static inline const struct kobj_type *get_ktype(struct kobject *kobj)
{
	return kobj->ktype;
}

struct kobject *kset_find_obj(struct kset *kset, const char *name);

/* The standard kobjects: /sys/kernel, /sys/kernel/mm, /sys/hypervisor, /sys/power,
 * /sys/firmware. */
extern struct kobject *kernel_kobj;
extern struct kobject *mm_kobj;
extern struct kobject *hypervisor_kobj;
extern struct kobject *power_kobj;
extern struct kobject *firmware_kobj;

int kobject_uevent(struct kobject *kobj, enum kobject_action action);
int kobject_uevent_env(struct kobject *kobj, enum kobject_action action, char *envp[]);
int kobject_synth_uevent(struct kobject *kobj, const char *buf, size_t count);

__printf(2, 3) int add_uevent_var(struct kobj_uevent_env *env, const char *format, ...);

#pragma pop_macro("__UKMEM_INNER")

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/kobject.h> brings with it, once this header is complete. */
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
#include <linux/notifier.h>
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
