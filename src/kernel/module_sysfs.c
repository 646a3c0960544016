// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/module_sysfs.c: /sys/module as Linux 6.1 shows it. The kset "module" is made at
 * boot (after /sys) and emptied at shutdown. A loaded module gets /sys/module/<name>/
 * from before its init runs until after its exit has returned (or its init failed):
 * uevent, version (with MODULE_VERSION), srcversion (when its modinfo has one), initstate,
 * coresize, initsize, taint, refcnt, sections/ and notes/ (module_sections.c),
 * holders/ (a link per module using it), parameters/ (one file per parameter whose
 * perm is not 0, mode perm, read and written through the parameter's ops under
 * kernel_param_lock) and drivers/ (base/module.c). Built-in code with visible
 * parameters gets /sys/module/<name>/ with uevent and parameters/ only.
 * Invariants: a module's directory is in sysfs exactly while mod->holders_dir is set;
 * its module_kobject lives in struct module, so teardown waits for the kobject's
 * release before the module's memory can go. A built-in directory's module_kobject is
 * allocated here and freed by its release. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/completion.h>
#include <linux/export.h>
#include <linux/kobject.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include "kernel/module.h"
#include "kernel/report.h"
#include "machine/initcalls.h"

struct param_attribute {
	struct module_attribute mattr;
	const struct kernel_param *param;
};

struct module_param_attrs {
	unsigned int num;
	struct attribute_group grp;
	struct param_attribute attrs[];
};

#define to_module_attr(a)	container_of(a, struct module_attribute, attr)
#define to_module_kobject(k)	container_of(k, struct module_kobject, kobj)
#define to_param_attr(m)	container_of(m, struct param_attribute, mattr)

struct kset *module_kset;

/* ---- the files of a module's directory ---- */

static ssize_t module_attr_show(struct kobject *kobj, struct attribute *attr, char *buf)
{
	struct module_attribute *mattr = to_module_attr(attr);

	if (!mattr->show)
		return -EIO;
	return mattr->show(mattr, to_module_kobject(kobj), buf);
}

static ssize_t module_attr_store(struct kobject *kobj, struct attribute *attr,
				 const char *buf, size_t len)
{
	struct module_attribute *mattr = to_module_attr(attr);

	if (!mattr->store)
		return -EIO;
	return mattr->store(mattr, to_module_kobject(kobj), buf, len);
}

static const struct sysfs_ops module_sysfs_ops = {
	.show = module_attr_show,
	.store = module_attr_store,
};

static void module_kobj_release(struct kobject *kobj)
{
	struct module_kobject *mk = to_module_kobject(kobj);

	if (mk->kobj_completion)
		complete(mk->kobj_completion);
	else if (!mk->mod)
		kfree(mk);		/* a built-in module's directory */
}

const struct kobj_type module_ktype = {
	.release = module_kobj_release,
	.sysfs_ops = &module_sysfs_ops,
};

static int module_uevent_filter(struct kobject *kobj)
{
	return get_ktype(kobj) == &module_ktype;
}

static const struct kset_uevent_ops module_uevent_ops = {
	.filter = module_uevent_filter,
};

static ssize_t store_uevent(struct module_attribute *mattr, struct module_kobject *mk,
			    const char *buf, size_t count)
{
	int rc = kobject_synth_uevent(&mk->kobj, buf, count);

	return rc ? rc : (ssize_t)count;
}

static struct module_attribute module_uevent = __ATTR(uevent, 0200, NULL, store_uevent);

static ssize_t show_initstate(struct module_attribute *mattr, struct module_kobject *mk,
			      char *buf)
{
	static const char *const names[] = {
		[MODULE_STATE_LIVE] = "live",
		[MODULE_STATE_COMING] = "coming",
		[MODULE_STATE_GOING] = "going",
	};
	enum module_state state = mk->mod->state;

	return sprintf(buf, "%s\n", state <= MODULE_STATE_GOING ? names[state] : "unknown");
}

static ssize_t show_coresize(struct module_attribute *mattr, struct module_kobject *mk,
			     char *buf)
{
	return sprintf(buf, "%u\n", mk->mod->core_layout.size);
}

static ssize_t show_initsize(struct module_attribute *mattr, struct module_kobject *mk,
			     char *buf)
{
	return sprintf(buf, "%u\n", mk->mod->init_layout.size);
}

static ssize_t show_taint(struct module_attribute *mattr, struct module_kobject *mk,
			  char *buf)
{
	size_t len = module_flags_taint(mk->mod->taints, buf);

	buf[len++] = '\n';
	return (ssize_t)len;
}

static ssize_t show_refcnt(struct module_attribute *mattr, struct module_kobject *mk,
			   char *buf)
{
	return sprintf(buf, "%i\n", module_refcount(mk->mod));
}

static ssize_t show_version(struct module_attribute *mattr, struct module_kobject *mk,
			    char *buf)
{
	return sprintf(buf, "%s\n", module_modinfo(mk->mod, "version"));
}

static ssize_t show_srcversion(struct module_attribute *mattr, struct module_kobject *mk,
			       char *buf)
{
	return sprintf(buf, "%s\n", module_modinfo(mk->mod, "srcversion"));
}

static struct module_attribute modinfo_attrs[] = {
	__ATTR(version, 0444, show_version, NULL),
	__ATTR(srcversion, 0444, show_srcversion, NULL),
	__ATTR(initstate, 0444, show_initstate, NULL),
	__ATTR(coresize, 0444, show_coresize, NULL),
	__ATTR(initsize, 0444, show_initsize, NULL),
	__ATTR(taint, 0444, show_taint, NULL),
	__ATTR(refcnt, 0444, show_refcnt, NULL),
};
#define NR_MODINFO_ATTRS	((int)(sizeof(modinfo_attrs) / sizeof(modinfo_attrs[0])))

/* version and srcversion only when the module's modinfo has them, as 6.1's test(). */
static bool modinfo_attr_shown(struct module *mod, int i)
{
	if (modinfo_attrs[i].show == show_version)
		return module_modinfo(mod, "version") != NULL;
	if (modinfo_attrs[i].show == show_srcversion)
		return module_modinfo(mod, "srcversion") != NULL;
	return true;
}

/* ---- parameters/ ---- */

static ssize_t param_attr_show(struct module_attribute *mattr, struct module_kobject *mk,
			       char *buf)
{
	const struct kernel_param *kp = to_param_attr(mattr)->param;
	int count;

	if (!kp->ops->get)
		return -EPERM;
	kernel_param_lock(mk->mod);
	count = kp->ops->get(buf, kp);
	kernel_param_unlock(mk->mod);
	return count;
}

/* sysfs hands a NUL-terminated copy of what was written, newline included. */
static ssize_t param_attr_store(struct module_attribute *mattr, struct module_kobject *mk,
				const char *buf, size_t len)
{
	const struct kernel_param *kp = to_param_attr(mattr)->param;
	int err;

	if (!kp->ops->set)
		return -EPERM;
	kernel_param_lock(mk->mod);
	err = kp->ops->set(buf, kp);
	kernel_param_unlock(mk->mod);
	return err ? err : (ssize_t)len;
}

/* The parameters/ group of the visible parameters (perm not 0), or NULL if none. */
static struct module_param_attrs *param_attrs_alloc(const struct kernel_param *const *params,
						    int nr, int *err)
{
	struct module_param_attrs *mp;
	int visible = 0;

	*err = 0;
	for (int i = 0; i < nr; i++)
		visible += params[i]->perm != 0;
	if (!visible)
		return NULL;
	mp = kzalloc(sizeof(*mp) + visible * sizeof(mp->attrs[0]), GFP_KERNEL);
	if (mp)
		mp->grp.attrs = kcalloc(visible + 1, sizeof(*mp->grp.attrs), GFP_KERNEL);
	if (!mp || !mp->grp.attrs) {
		kfree(mp);
		*err = -ENOMEM;
		return NULL;
	}
	mp->grp.name = "parameters";
	for (int i = 0; i < nr; i++) {
		struct param_attribute *pa = &mp->attrs[mp->num];
		const struct kernel_param *kp = params[i];

		if (!kp->perm)
			continue;
		pa->param = kp;
		pa->mattr.attr.name = kp->name;
		pa->mattr.attr.mode = kp->perm;
		pa->mattr.show = param_attr_show;
		/* a read-only parameter stays so, whatever its file's mode becomes */
		pa->mattr.store = kp->perm & 0222 ? param_attr_store : NULL;
		mp->grp.attrs[mp->num++] = &pa->mattr.attr;
	}
	return mp;
}

static void param_attrs_free(struct module_kobject *mk)
{
	if (mk->mp) {
		kfree(mk->mp->grp.attrs);
		kfree(mk->mp);
		mk->mp = NULL;
	}
}

static int param_sysfs_add(struct module_kobject *mk, const struct kernel_param *const *params,
			   int nr)
{
	int err;

	mk->mp = param_attrs_alloc(params, nr, &err);
	if (mk->mp) {
		err = sysfs_create_group(&mk->kobj, &mk->mp->grp);
		if (err)
			param_attrs_free(mk);
	}
	return err;
}

static void param_sysfs_remove(struct module_kobject *mk)
{
	if (mk->mp) {
		sysfs_remove_group(&mk->kobj, &mk->mp->grp);
		param_attrs_free(mk);
	}
}

/* ---- a loaded module's directory ---- */

/* Drops the directory's kobject and waits until nothing holds it any more. */
static void mod_kobject_put(struct module *mod)
{
	DECLARE_COMPLETION_ONSTACK(done);

	mod->mkobj.kobj_completion = &done;
	kobject_put(&mod->mkobj.kobj);
	wait_for_completion(&done);
}

static void del_usage_links(struct module *mod)
{
	struct module_use *use;

	list_for_each_entry(use, &mod->target_list, target_list)
		if (use->target->holders_dir)
			sysfs_remove_link(use->target->holders_dir, mod->name);
}

static int add_usage_links(struct module *mod)
{
	struct module_use *use;
	int err = 0;

	list_for_each_entry(use, &mod->target_list, target_list) {
		if (!use->target->holders_dir)
			continue;
		err = sysfs_create_link(use->target->holders_dir, &mod->mkobj.kobj, mod->name);
		if (err)
			break;
	}
	if (err)
		del_usage_links(mod);
	return err;
}

static void remove_modinfo_attrs(struct module *mod)
{
	for (int i = 0; i < NR_MODINFO_ATTRS; i++)
		if (modinfo_attr_shown(mod, i))
			sysfs_remove_file(&mod->mkobj.kobj, &modinfo_attrs[i].attr);
	sysfs_remove_file(&mod->mkobj.kobj, &module_uevent.attr);
}

static int add_modinfo_attrs(struct module *mod)
{
	int err = sysfs_create_file(&mod->mkobj.kobj, &module_uevent.attr);

	for (int i = 0; !err && i < NR_MODINFO_ATTRS; i++)
		if (modinfo_attr_shown(mod, i))
			err = sysfs_create_file(&mod->mkobj.kobj, &modinfo_attrs[i].attr);
	if (err)
		remove_modinfo_attrs(mod);
	return err;
}

/**
 * mod_sysfs_setup - make /sys/module/<name> for a module being loaded
 * @mod: the module (COMING; its uses of other modules already recorded)
 * @params: its parameters
 * @nr: how many
 *
 * Context: the loader, under its module mutex, before the module's init. Returns 0, or
 * -EINVAL when /sys/module is not there or the name is taken ("<name>: module is
 * already loaded", as Linux says), or -errno; on failure nothing is left in sysfs.
 */
int mod_sysfs_setup(struct module *mod, const struct kernel_param *const *params, int nr)
{
	struct kobject *other;
	int err;

	if (!module_kset) {
		pr_err("%s: module sysfs not initialized\n", mod->name);
		return -EINVAL;
	}
	other = kset_find_obj(module_kset, mod->name);
	if (other) {
		pr_err("%s: module is already loaded\n", mod->name);
		kobject_put(other);
		return -EINVAL;
	}
	memset(&mod->mkobj, 0, sizeof(mod->mkobj));
	mod->mkobj.mod = mod;
	mod->mkobj.kobj.kset = module_kset;
	err = kobject_init_and_add(&mod->mkobj.kobj, &module_ktype, NULL, "%s", mod->name);
	if (err)
		goto out_put;
	mod->holders_dir = kobject_create_and_add("holders", &mod->mkobj.kobj);
	if (!mod->holders_dir) {
		err = -ENOMEM;
		goto out_put;
	}
	err = param_sysfs_add(&mod->mkobj, params, nr);
	if (err)
		goto out_holders;
	err = add_modinfo_attrs(mod);
	if (err)
		goto out_params;
	err = add_usage_links(mod);
	if (err)
		goto out_attrs;
	return 0;

out_attrs:
	remove_modinfo_attrs(mod);
out_params:
	param_sysfs_remove(&mod->mkobj);
out_holders:
	kobject_put(mod->holders_dir);
	mod->holders_dir = NULL;
out_put:
	mod_kobject_put(mod);
	return err;
}

/**
 * mod_sysfs_teardown - remove /sys/module/<name> of a module going away
 * @mod: the module (its exit has returned, or its init failed)
 *
 * Context: the loader (or shutdown). Waits for the directory's last reference, so the
 * module's memory may go afterwards. Nothing if the directory is not there.
 */
void mod_sysfs_teardown(struct module *mod)
{
	if (!mod->holders_dir)
		return;
	module_sections_remove(mod);
	del_usage_links(mod);
	remove_modinfo_attrs(mod);
	param_sysfs_remove(&mod->mkobj);
	kobject_put(mod->mkobj.drivers_dir);
	mod->mkobj.drivers_dir = NULL;
	kobject_put(mod->holders_dir);
	mod->holders_dir = NULL;
	mod_kobject_put(mod);
}

/* ---- built-in code ---- */

/**
 * param_sysfs_builtin - /sys/module/<name>/parameters for code linked into the program
 * @name: its module name (KBUILD_MODNAME)
 * @params: its parameters
 * @nr: how many
 *
 * Context: process, after boot. Nothing is made when no parameter is visible (perm 0),
 * as in Linux. Returns 0 or -errno.
 */
int param_sysfs_builtin(const char *name, const struct kernel_param *const *params, int nr)
{
	struct module_kobject *mk;
	struct kobject *kobj;
	int err;

	if (!module_kset)
		return -EINVAL;
	kobj = kset_find_obj(module_kset, name);
	if (kobj) {		/* there already */
		kobject_put(kobj);
		return 0;
	}
	mk = kzalloc(sizeof(*mk), GFP_KERNEL);
	if (!mk)
		return -ENOMEM;
	mk->kobj.kset = module_kset;
	kobject_init(&mk->kobj, &module_ktype);
	mk->mp = param_attrs_alloc(params, nr, &err);
	if (!mk->mp) {
		kobject_put(&mk->kobj);
		return err;
	}
	err = kobject_add(&mk->kobj, NULL, "%s", name);
	if (!err)
		err = sysfs_create_file(&mk->kobj, &module_uevent.attr);
	if (!err)
		err = sysfs_create_group(&mk->kobj, &mk->mp->grp);
	if (err) {
		pr_crit("Adding module '%s' to sysfs failed (%d), the system may be unstable.\n",
			name, err);
		param_attrs_free(mk);
		kobject_put(&mk->kobj);
		return err;
	}
	kobject_uevent(&mk->kobj, KOBJ_ADD);
	return 0;
}

/* ---- boot and shutdown ---- */

int param_sysfs_init(void)
{
	module_kset = kset_create_and_add("module", &module_uevent_ops, NULL);
	if (!module_kset) {
		pr_warn("%s (%d): error creating kset\n", __FILE__, __LINE__);
		return -ENOMEM;
	}
	return 0;
}

/* The first directory still in /sys/module, referenced, or NULL. */
static struct module_kobject *first_module_kobject(void)
{
	struct kobject *kobj = NULL;

	spin_lock(&module_kset->list_lock);
	if (!list_empty(&module_kset->list))
		kobj = kobject_get(list_first_entry(&module_kset->list, struct kobject, entry));
	spin_unlock(&module_kset->list_lock);
	return kobj ? to_module_kobject(kobj) : NULL;
}

/* Shutdown: modules still loaded lose their directories (a later boot does not give
 * them new ones), built-in ones are freed. */
void param_sysfs_exit(void)
{
	struct module_kobject *mk;

	while ((mk = first_module_kobject())) {
		struct module *mod = mk->mod;

		kobject_put(&mk->kobj);
		if (mod) {
			mod_sysfs_teardown(mod);
		} else {
			param_sysfs_remove(mk);
			kobject_put(&mk->kobj);
		}
	}
	kset_unregister(module_kset);
	module_kset = NULL;
}
