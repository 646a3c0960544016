/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/module.h: what a module declares about itself. A module is the set of objects
 * sharing a KBUILD_MODNAME (when the build leaves the default, one source file, or the
 * whole shared object being loaded). struct module is ukmem's record of it. The
 * system's UAPI <linux/module.h> is pulled in first. */
#ifndef UKMEM_LINUX_MODULE_H
#define UKMEM_LINUX_MODULE_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include_next <linux/module.h>
#include <linux/types.h>
#include <linux/list.h>
#include <linux/init.h>
#include <linux/export.h>
#include <linux/moduleparam.h>
#include <linux/kernel.h>
#include <linux/kobject.h>

#define MODULE_NAME_LEN	(64 - sizeof(unsigned long))

enum module_state {
	MODULE_STATE_LIVE,
	MODULE_STATE_COMING,
	MODULE_STATE_GOING,
	MODULE_STATE_UNFORMED,
};

/* A module use: source calls symbols of target (ref_module), so target cannot go first. */
struct module_use {
	struct list_head source_list, target_list;
	struct module *source, *target;
};

/* Counted as in Linux: refcnt starts at MODULE_REF_BASE while the module is not going,
 * one more during init; module_refcount() is what is above the base. A .ko's own record
 * is its __this_module (THIS_MODULE, made by Kbuild's <module>.mod.c); others are
 * allocated by the loader. */
#define MODULE_REF_BASE	1

struct module_param_attrs;

/* A module's directory /sys/module/<name>: in its struct module when loaded; allocated
 * for built-in code (mod NULL) with visible parameters or drivers. */
struct module_kobject {
	struct kobject kobj;
	struct module *mod;
	struct kobject *drivers_dir;
	struct module_param_attrs *mp;
	struct completion *kobj_completion;
};

/* A file of /sys/module/<name>. */
struct module_attribute {
	struct attribute attr;
	ssize_t (*show)(struct module_attribute *, struct module_kobject *, char *);
	ssize_t (*store)(struct module_attribute *, struct module_kobject *,
			 const char *, size_t count);
	void (*setup)(struct module *, const char *);
	int (*test)(struct module *);
	void (*free)(struct module *);
};

extern struct kset *module_kset;
extern const struct kobj_type module_ktype;

struct module_sect_attrs;
struct module_notes_attrs;

struct module {
	enum module_state state;
	struct list_head list;
	char name[MODULE_NAME_LEN];
	int (*init)(void);
	void (*exit)(void);
	unsigned long taints;		/* TAINT_* bits this module brought */
	struct list_head source_list;	/* module_use: who uses this module */
	struct list_head target_list;	/* module_use: the modules this one uses */
	atomic_t refcnt;
	struct { void *base; unsigned int size; } core_layout;	/* the mapped object */
	struct { void *base; unsigned int size; } init_layout;	/* none: 0 */
	struct module_kobject mkobj;	/* /sys/module/<name> */
	struct kobject *holders_dir;	/* /sys/module/<name>/holders */
	struct module_sect_attrs *sect_attrs;	/* /sys/module/<name>/sections */
	struct module_notes_attrs *notes_attrs;	/* /sys/module/<name>/notes */
	void *ukmem_loader;		/* the loader's record */
};

#define MODULE_INFO(tag, info)							\
	__MODULE_INFO(tag, tag, info);						\
	__UKMEM_ON_LOAD(modinfo) { ukmem_module_register_info(KBUILD_MODNAME, __FILE__, #tag, info); }
#define MODULE_LICENSE(_license)	MODULE_INFO(license, _license)
#define MODULE_AUTHOR(_author)		MODULE_INFO(author, _author)
#define MODULE_DESCRIPTION(_desc)	MODULE_INFO(description, _desc)
#define MODULE_VERSION(_version)	MODULE_INFO(version, _version)
#define MODULE_ALIAS(_alias)		MODULE_INFO(alias, _alias)
#define MODULE_SOFTDEP(_dep)		MODULE_INFO(softdep, _dep)
#define MODULE_FIRMWARE(_fw)		MODULE_INFO(firmware, _fw)
#define MODULE_DEVICE_TABLE(type, name)	extern typeof(name) name

void __module_get(struct module *module);
bool try_module_get(struct module *module);
void module_put(struct module *module);
int module_refcount(struct module *mod);
static inline bool module_is_live(struct module *mod)
{
	return mod->state != MODULE_STATE_GOING;
}
/* Registers a .ko's __this_module with the module being loaded (Kbuild's .mod.c). */
void ukmem_module_register_this(struct module *mod);
#define module_name(mod)	((mod) ? (mod)->name : "kernel")

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/module.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/completion.h>
#include <linux/gfp.h>
#include <linux/hrtimer.h>
#include <linux/idr.h>
#include <linux/irqnr.h>
#include <linux/kernfs.h>
#include <linux/kmsan-checks.h>
#include <linux/kobject.h>
#include <linux/kref.h>
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
#include <linux/sysctl.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#include <linux/uidgid.h>
#include <linux/workqueue.h>
#endif
#endif
