// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/module.c: modules. module_init/module_exit/module_param/MODULE_* register with
 * a module record from the object's constructors. Before main() that record is a
 * built-in module (grouped by KBUILD_MODNAME, or by source file when the build left the
 * default); during ukmem_module_load()'s dlopen() it is the module being loaded.
 * Invariants: a module is on loaded_modules from just before its init runs (COMING)
 * until its exit has returned (GOING), as in the kernel's list, so that reports made
 * meanwhile name it; the list changes only under both module_mutex and list_lock, and
 * report code reads it under list_lock alone. A module whose parameters or init fail
 * is unloaded (dlclose) before the error is returned.
 * References: a module's refcnt is MODULE_REF_BASE plus its users while it is not
 * going (one more during init), as in Linux; unloading first drops the base, and only
 * if nothing else held a reference does the module go (else -EWOULDBLOCK and the base
 * is put back), so try_module_get() fails from then on. A module whose undefined
 * symbols were bound to another loaded module's definitions uses it (module_use on
 * both lists, a reference on the used one) until it is unloaded itself.
 * A .ko has its own struct module (__this_module, THIS_MODULE); the loader's record
 * points at it from the .ko's constructors on.
 * sysfs: a loaded module has /sys/module/<name> (kernel/module_sysfs.c) from after its
 * parameters are set, before its init, until after its exit; built-in code gets one
 * for its visible parameters when ukmem_module_init_builtin() runs. */
#include <dlfcn.h>
#include <link.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/async.h>
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/irqflags.h>
#include "kernel/module.h"
#include "kernel/report.h"
#include "kernel/traps.h"
#include "fs/proc.h"
#include "lib/kunit/executor.h"
#include "machine/boot.h"

#define DEFAULT_MODNAME	"ukmem"
#define MAX_PARAMS	64
#define MAX_INFO	32

struct module_record {
	struct module own;			/* the record of a module without a .ko's */
	struct module *mod;			/* &own, or the .ko's __this_module */
	initcall_t init;
	exitcall_t exit;
	void *handle;				/* dlopen handle; NULL when built in */
	bool named;				/* mod.name came from KBUILD_MODNAME */
	const struct kernel_param *params[MAX_PARAMS];
	int nr_params;
	struct { char *tag, *value; } info[MAX_INFO];
	int nr_info;
	int init_ret;
};

static LIST_HEAD(builtin_modules);
static LIST_HEAD(loaded_modules);
static struct module_record *loading;		/* the module dlopen() is loading */
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t module_mutex = PTHREAD_MUTEX_INITIALIZER;	/* load/unload */
static pthread_mutex_t list_lock = PTHREAD_MUTEX_INITIALIZER;	/* loaded_modules */

/* Kernel module names use '_' where file names may use '-'. */
static void set_name(struct module_record *rec, const char *name, size_t len)
{
	if (len >= sizeof(rec->mod->name))
		len = sizeof(rec->mod->name) - 1;
	memcpy(rec->mod->name, name, len);
	rec->mod->name[len] = '\0';
	for (char *c = rec->mod->name; *c; c++)
		if (*c == '-')
			*c = '_';
}

/* "dir/lib-foo.so" or "dir/foo.c" -> "foo" */
static void name_from_path(struct module_record *rec, const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	const char *dot = strchr(base, '.');

	if (!strncmp(base, "lib", 3) && base[3] && base + 3 != dot)
		base += 3;
	set_name(rec, base, dot ? (size_t)(dot - base) : strlen(base));
}

static void init_module_struct(struct module *mod, struct module_record *rec)
{
	mod->state = MODULE_STATE_UNFORMED;
	INIT_LIST_HEAD(&mod->list);
	INIT_LIST_HEAD(&mod->source_list);
	INIT_LIST_HEAD(&mod->target_list);
	atomic_set(&mod->refcnt, MODULE_REF_BASE);
	mod->taints = 0;
	mod->ukmem_loader = rec;
}

static inline struct module_record *record_of(struct module *mod)
{
	return mod->ukmem_loader;
}

static struct module_record *new_record(void)
{
	struct module_record *rec = calloc(1, sizeof(*rec));

	if (!rec) {
		fprintf(stderr, "ukmem: out of memory registering a module\n");
		abort();
	}
	rec->mod = &rec->own;
	init_module_struct(rec->mod, rec);
	return rec;
}

/* The record a registration from (modname, file) belongs to. Caller holds registry_lock. */
static struct module_record *record_for(const char *modname, const char *file)
{
	bool named = strcmp(modname, DEFAULT_MODNAME) != 0;
	struct module_record *rec, *probe = NULL;
	struct module *mod;

	if (loading) {
		if (named && !loading->named) {
			set_name(loading, modname, strlen(modname));
			loading->named = true;
		}
		return loading;
	}
	probe = new_record();
	if (named)
		set_name(probe, modname, strlen(modname));
	else
		name_from_path(probe, file);
	list_for_each_entry(mod, &builtin_modules, list) {
		rec = record_of(mod);
		if (!strcmp(mod->name, probe->mod->name)) {
			free(probe);
			return rec;
		}
	}
	probe->named = named;
	list_add_tail(&probe->mod->list, &builtin_modules);
	return probe;
}

/**
 * ukmem_module_register_init - record a module's init function
 * @modname: KBUILD_MODNAME
 * @file: the source file
 * @fn: the module_init() function
 *
 * module_init() calls it from a constructor when the module's object is loaded;
 * ukmem calls @fn when it loads the module, as insmod would.
 *
 * Context: process context, during the object's load; takes the module registry's lock.
 */
void ukmem_module_register_init(const char *modname, const char *file, initcall_t fn)
{
	pthread_mutex_lock(&registry_lock);
	record_for(modname, file)->init = fn;
	pthread_mutex_unlock(&registry_lock);
}
EXPORT_SYMBOL(ukmem_module_register_init);

/**
 * ukmem_module_register_exit - record a module's exit function
 * @modname: KBUILD_MODNAME
 * @file: the source file
 * @fn: the module_exit() function
 *
 * Context: process context, during the object's load; takes the module registry's lock.
 */
void ukmem_module_register_exit(const char *modname, const char *file, exitcall_t fn)
{
	pthread_mutex_lock(&registry_lock);
	record_for(modname, file)->exit = fn;
	pthread_mutex_unlock(&registry_lock);
}
EXPORT_SYMBOL(ukmem_module_register_exit);

/**
 * ukmem_module_register_param - record one of a module's parameters
 * @modname: KBUILD_MODNAME
 * @file: the source file
 * @kp: the parameter, from module_param() and relatives
 *
 * At most 64 parameters per module; more are reported and dropped.
 *
 * Context: process context, during the object's load; takes the module registry's lock.
 */
void ukmem_module_register_param(const char *modname, const char *file,
				 const struct kernel_param *kp)
{
	struct module_record *rec;

	pthread_mutex_lock(&registry_lock);
	rec = record_for(modname, file);
	if (rec->nr_params < MAX_PARAMS)
		rec->params[rec->nr_params++] = kp;
	else
		fprintf(stderr, "ukmem: %s: more than %d parameters\n", rec->mod->name, MAX_PARAMS);
	pthread_mutex_unlock(&registry_lock);
}
EXPORT_SYMBOL(ukmem_module_register_param);

/**
 * ukmem_module_register_info - record one .modinfo tag of a module
 * @modname: KBUILD_MODNAME
 * @file: the source file
 * @tag: the tag (license, author, description, ...)
 * @value: its value (copied)
 *
 * Context: process context, during the object's load; takes the module registry's lock.
 */
void ukmem_module_register_info(const char *modname, const char *file, const char *tag,
				const char *value)
{
	struct module_record *rec;

	pthread_mutex_lock(&registry_lock);
	rec = record_for(modname, file);
	if (rec->nr_info < MAX_INFO) {
		rec->info[rec->nr_info].tag = strdup(tag);
		rec->info[rec->nr_info].value = strdup(value);
		rec->nr_info++;
	}
	pthread_mutex_unlock(&registry_lock);
}
EXPORT_SYMBOL(ukmem_module_register_info);

/**
 * ukmem_module_register_this - a .ko's own struct module becomes its record's
 * @mod: the .ko's __this_module (THIS_MODULE inside it)
 *
 * Context: called by the constructor in Kbuild's <module>.mod.c while the loader's
 * dlopen() runs. What was registered before moves into @mod. Outside a load (the object
 * linked into a program) @mod stays unused and THIS_MODULE pins nothing.
 */
void ukmem_module_register_this(struct module *mod)
{
	pthread_mutex_lock(&registry_lock);
	if (loading && loading->mod != mod) {
		memcpy(mod->name, loading->mod->name, sizeof(mod->name));
		init_module_struct(mod, loading);
		loading->mod = mod;
	}
	pthread_mutex_unlock(&registry_lock);
}
EXPORT_SYMBOL(ukmem_module_register_this);

static const char *module_info(const struct module_record *rec, const char *tag)
{
	for (int i = 0; i < rec->nr_info; i++)
		if (!strcmp(rec->info[i].tag, tag))
			return rec->info[i].value;
	return NULL;
}

const char *module_modinfo(struct module *mod, const char *tag)
{
	return module_info(record_of(mod), tag);
}

static void free_record(struct module_record *rec)
{
	for (int i = 0; i < rec->nr_params; i++)
		if (rec->params[i]->ops->free)
			rec->params[i]->ops->free(rec->params[i]->arg);
	for (int i = 0; i < rec->nr_info; i++) {
		free(rec->info[i].tag);
		free(rec->info[i].value);
	}
	free(rec);
}

/* Parameter names match with '-' and '_' interchangeable, as in the kernel. */
static bool param_name_eq(const char *a, const char *b, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		char ca = a[i] == '-' ? '_' : a[i], cb = b[i] == '-' ? '_' : b[i];

		if (ca != cb)
			return false;
	}
	return b[len] == '\0';
}

/* Sets one "name" or "name=value" token; strict turns a bad value into an error. */
static int set_param(struct module_record *rec, char *token)
{
	char *eq = strchr(token, '=');
	size_t name_len = eq ? (size_t)(eq - token) : strlen(token);
	const char *val = eq ? eq + 1 : NULL;

	for (int i = 0; i < rec->nr_params; i++) {
		const struct kernel_param *kp = rec->params[i];
		int err;

		if (!param_name_eq(token, kp->name, name_len))
			continue;
		err = kp->ops->set(val, kp);
		if (err == -EINVAL)
			pr_err("%s: '%s' invalid for parameter '%s'\n", rec->mod->name,
			       val ? val : "", kp->name);
		return err;
	}
	if (eq)
		*eq = '\0';
	pr_warn("%s: unknown parameter '%s' ignored\n", rec->mod->name, token);
	return 0;
}

/* Splits args at blanks outside double quotes (the quotes are dropped); for each token
 * that starts with prefix (if any), sets the parameter named by the rest. */
static int apply_params(struct module_record *rec, const char *args, const char *prefix,
			bool strict)
{
	char *copy = strdup(args ? args : ""), *p = copy, *out;
	size_t prefix_len = prefix ? strlen(prefix) : 0;
	int err = 0;

	while (p && *p) {
		bool quoted = false;
		char *token;

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		token = out = p;
		for (; *p && (quoted || (*p != ' ' && *p != '\t' && *p != '\n')); p++) {
			if (*p == '"')
				quoted = !quoted;
			else
				*out++ = *p;
		}
		if (*p)
			p++;
		*out = '\0';
		if (prefix && strncmp(token, prefix, prefix_len))
			continue;
		int ret = set_param(rec, token + prefix_len);

		if (ret && strict) {
			err = ret;
			break;
		}
	}
	free(copy);
	return err;
}

static bool license_is_gpl_compatible(const char *license)
{
	static const char *const gpl[] = {
		"GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL", "Dual MIT/GPL",
		"Dual MPL/GPL",
	};

	for (size_t i = 0; i < sizeof(gpl) / sizeof(gpl[0]); i++)
		if (!strcmp(license, gpl[i]))
			return true;
	return false;
}

static void add_taint_module(struct module *mod, unsigned int flag)
{
	add_taint(flag, LOCKDEP_STILL_OK);
	mod->taints |= 1UL << flag;
}

/* A module file built by Kbuild (it has a vermagic) outside the kernel's tree (no
 * intree=Y, which only an in-tree build writes) taints the kernel O, as in Linux. */
static void check_out_of_tree(struct module_record *rec, const char *path)
{
	char *vermagic = modinfo_get(path, "vermagic"), *intree = modinfo_get(path, "intree");

	if (vermagic && !intree) {
		if (!test_taint(TAINT_OOT_MODULE))
			pr_warn("%s: loading out-of-tree module taints kernel.\n", rec->mod->name);
		add_taint_module(rec->mod, TAINT_OOT_MODULE);
	}
	free(vermagic);
	free(intree);
}

static void check_license(struct module_record *rec)
{
	const char *license = module_info(rec, "license");

	if (license && license_is_gpl_compatible(license))
		return;
	pr_warn("%s: module license '%s' taints kernel.\n", rec->mod->name,
		license ? license : "unspecified");
	add_taint_module(rec->mod, TAINT_PROPRIETARY_MODULE);
}

static void call_init(void *arg)
{
	struct module_record *rec = arg;

	rec->init_ret = rec->init ? rec->init() : 0;
}

static void call_exit(void *arg)
{
	struct module_record *rec = arg;

	if (rec->exit)
		rec->exit();
}

/* Runs init and checks it left the context as it found it. Returns init's error, or
 * -EOWNERDEAD when the loading task died in an oops (the module then stays COMING, as
 * the kernel leaves it). */
static int do_init_module(struct module_record *rec)
{
	unsigned int count = preempt_count();
	char sym[256];
	int ret;

	rec->mod->init = rec->init;
	rec->mod->exit = rec->exit;
	rec->mod->state = MODULE_STATE_COMING;
	__module_get(rec->mod);			/* held while init runs, as in Linux */
	kunit_module_coming(rec->mod->name);	/* its KUnit suites run first, as in Linux */
	if (!task_run_killable(call_init, rec))
		return -EOWNERDEAD;
	ret = rec->init_ret;
	if (preempt_count() != count || irqs_disabled()) {
		WARN(1, "initcall %s returned with %s%s\n",
		     ukmem_symbolize((void *)rec->init, sym, sizeof(sym)),
		     preempt_count() != count ? "preemption imbalance " : "",
		     irqs_disabled() ? "disabled interrupts " : "");
		current->preempt_count = count;
		local_irq_enable();
	}
	if (ret < 0) {
		rec->mod->state = MODULE_STATE_GOING;
		module_put(rec->mod);
		return ret;
	}
	if (ret > 0) {
		pr_warn("%s: '%s'->init suspiciously returned %d, it should follow 0/-E convention\n"
			"%s: loading module anyway...\n", __func__, rec->mod->name, ret, __func__);
		dump_stack();
	}
	rec->mod->state = MODULE_STATE_LIVE;
	if (rec->mod->holders_dir)	/* announced once its init is done, as in Linux */
		kobject_uevent(&rec->mod->mkobj.kobj, KOBJ_ADD);
	/* what init started asynchronously (drivers' asynchronous probes) is done before
	 * the load returns, as in Linux */
	async_synchronize_full();
	module_put(rec->mod);
	return 0;
}

int ukmem_module_init_builtin(void)
{
	struct module *mod;
	int failed = 0;

	ukmem_ensure_booted();
	list_for_each_entry(mod, &builtin_modules, list) {
		struct module_record *rec = record_of(mod);
		char prefix[MODULE_NAME_LEN + 2];

		snprintf(prefix, sizeof(prefix), "%s.", mod->name);
		apply_params(rec, ukmem_cmdline(), prefix, false);
		param_sysfs_builtin(mod->name, rec->params, rec->nr_params);
		check_license(rec);
		if (do_init_module(rec))
			failed++;
	}
	return failed;
}

void ukmem_module_exit_builtin(void)
{
	struct module *mod;

	list_for_each_entry_reverse(mod, &builtin_modules, list) {
		struct module_record *rec = record_of(mod);

		if (mod->state != MODULE_STATE_LIVE)
			continue;
		mod->state = MODULE_STATE_GOING;
		if (rec->exit)
			rec->exit();
	}
}

/* "(O+)": the module's taint letters, then + while loading or - while unloading, as
 * Linux's module_flags() shows them (empty when there is nothing to show). */
static char *module_flags(struct module *mod, char *buf, bool show_state)
{
	int bx = 0;

	if (mod->taints || (show_state && (mod->state == MODULE_STATE_GOING ||
					   mod->state == MODULE_STATE_COMING))) {
		buf[bx++] = '(';
		bx += (int)module_flags_taint(mod->taints, buf + bx);
		if (mod->state == MODULE_STATE_GOING && show_state)
			buf[bx++] = '-';
		if (mod->state == MODULE_STATE_COMING && show_state)
			buf[bx++] = '+';
		buf[bx++] = ')';
	}
	buf[bx] = '\0';
	return buf;
}

/* The modules a report lists after "Modules linked in:", newest first, each with its
 * flags ("(O+)") as the kernel's print_modules shows them. Left out (empty) only when the
 * list is being changed at that moment. */
void module_names(char *buf, size_t size)
{
	char flags[TAINT_FLAGS_COUNT + 4];
	struct module *mod;
	size_t used = 0;

	buf[0] = '\0';
	if (pthread_mutex_trylock(&list_lock))
		return;
	list_for_each_entry_reverse(mod, &loaded_modules, list) {
		int n = snprintf(buf + used, size - used, " %s%s", mod->name,
				 module_flags(mod, flags, true));

		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
	pthread_mutex_unlock(&list_lock);
}

/* ---- references ---- */

/**
 * __module_get - take a reference on a module known to be held
 * @module: the module (NULL: built-in code, nothing to count)
 *
 * Context: any. The caller already holds a reference (or the module is in its init), so
 * the module cannot be going.
 */
void __module_get(struct module *module)
{
	if (module)
		atomic_inc(&module->refcnt);
}
EXPORT_SYMBOL(__module_get);

/**
 * try_module_get - take a reference on a module unless it is going away
 * @module: the module (NULL: built-in code, always succeeds)
 *
 * Context: any; lock-free. Returns false once unloading has begun (the module's exit
 * may be running): the caller must not use the module's code or data then.
 */
bool try_module_get(struct module *module)
{
	if (!module)
		return true;
	return module_is_live(module) && atomic_inc_not_zero(&module->refcnt);
}
EXPORT_SYMBOL(try_module_get);

/**
 * module_put - give back a reference from try_module_get() or __module_get()
 * @module: the module (NULL: nothing)
 *
 * Context: any. A put without a reference is a WARN and changes nothing.
 */
void module_put(struct module *module)
{
	if (module)
		WARN_ON(atomic_dec_if_positive(&module->refcnt) < 0);
}
EXPORT_SYMBOL(module_put);

/**
 * module_refcount - the references held on a module
 * @mod: the module
 *
 * Context: any. The count /proc/modules shows: users (open files, other modules using
 * its symbols, explicit gets), plus one while its init runs.
 */
int module_refcount(struct module *mod)
{
	return atomic_read(&mod->refcnt) - MODULE_REF_BASE;
}
EXPORT_SYMBOL(module_refcount);

/* Drops the base reference if nobody else holds one: 0, or non-zero (base kept). */
static int try_release_module_ref(struct module *mod)
{
	int ret = atomic_sub_return(MODULE_REF_BASE, &mod->refcnt);

	BUG_ON(ret < 0);
	if (ret)	/* someone holds it: put the base back unless they just let go */
		ret = atomic_add_unless(&mod->refcnt, MODULE_REF_BASE, 0);
	return ret;
}

static bool already_uses(struct module *a, struct module *b)
{
	struct module_use *use;

	list_for_each_entry(use, &b->source_list, source_list)
		if (use->source == a)
			return true;
	return false;
}

/* a uses b: b's users list a, and a holds a reference on b. Caller holds module_mutex. */
static int ref_module(struct module *a, struct module *b)
{
	struct module_use *use;

	if (!b || a == b || already_uses(a, b))
		return 0;
	if (!try_module_get(b))
		return -ENOENT;
	use = malloc(sizeof(*use));
	if (!use) {
		module_put(b);
		return -ENOMEM;
	}
	use->source = a;
	use->target = b;
	pthread_mutex_lock(&list_lock);
	list_add(&use->source_list, &b->source_list);
	list_add(&use->target_list, &a->target_list);
	pthread_mutex_unlock(&list_lock);
	return 0;
}

/* a goes: it no longer uses anything. */
static void module_unload_free(struct module *a)
{
	struct module_use *use, *tmp;

	list_for_each_entry_safe(use, tmp, &a->target_list, target_list) {
		struct module *b = use->target;

		pthread_mutex_lock(&list_lock);
		list_del(&use->source_list);
		list_del(&use->target_list);
		pthread_mutex_unlock(&list_lock);
		free(use);
		module_put(b);
	}
}

static void list_change(struct module_record *rec, bool add)
{
	pthread_mutex_lock(&list_lock);
	if (add)
		list_add_tail(&rec->mod->list, &loaded_modules);
	else
		list_del(&rec->mod->list);
	pthread_mutex_unlock(&list_lock);
}

static struct module_record *find_loaded(const char *name)
{
	struct module *mod;

	list_for_each_entry(mod, &loaded_modules, list)
		if (!strcmp(mod->name, name))
			return record_of(mod);
	return NULL;
}

static bool loaded_by_handle(void *handle)
{
	struct module *mod;

	list_for_each_entry(mod, &loaded_modules, list)
		if (record_of(mod)->handle == handle)
			return true;
	return false;
}

/* Before the module's code is mapped, as Linux's load_module() checks a module: its
 * version magic, and that a module under a GPL-incompatible licence uses no GPL-only
 * symbol. */
static int check_module_file(const char *path)
{
	struct module_record probe = { .mod = &probe.own };
	char *license;
	long info;
	int err;

	if (!path)
		return -EFAULT;
	/* Every module has a .modinfo (its licence at least); a plain shared library has
	 * none, and Linux refuses an object that is not a module in these words. */
	info = ukmem_modinfo(path, NULL, 0);
	if (info < 0)
		return (int)info;
	if (!info) {
		pr_warn("(missing .modinfo section or name field): No module found in object\n");
		return -ENOEXEC;
	}
	name_from_path(&probe, path);
	err = modinfo_check_vermagic(path, probe.mod->name);
	if (err)
		return err;
	license = modinfo_get(path, "license");
	err = module_resolve_symbols(path, probe.mod->name,
				     license && license_is_gpl_compatible(license), true);
	free(license);
	return err;
}

/* dlopen()s path with its registrations going to a fresh record; NULL on failure. */
static struct module_record *open_module(const char *path, int *err)
{
	struct module_record *rec = new_record();
	/* A path, as insmod takes it: "mod.ko" is the file in this directory, not a
	 * library for dlopen() to look for along its search path. */
	char *here = strchr(path, '/') ? NULL : malloc(strlen(path) + 3);

	if (here)
		path = strcat(strcpy(here, "./"), path);
	pthread_mutex_lock(&registry_lock);
	loading = rec;
	pthread_mutex_unlock(&registry_lock);
	rec->handle = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
	pthread_mutex_lock(&registry_lock);
	loading = NULL;
	pthread_mutex_unlock(&registry_lock);
	if (!rec->handle) {
		const char *why = dlerror();
		struct module_record probe = { .mod = &probe.own };

		/* A symbol nothing exports: Linux's "Unknown symbol" for each. */
		name_from_path(&probe, path);
		if (!access(path, R_OK) && module_resolve_symbols(path, probe.mod->name, true, false)) {
			*err = -ENOENT;
		} else {
			pr_err("ukmem: cannot load module %s: %s\n", path, why);
			*err = access(path, R_OK) ? -ENOENT : -ENOEXEC;
		}
		free_record(rec);
		rec = NULL;
	} else if (!rec->named) {
		name_from_path(rec, path);
	}
	free(here);
	return rec;
}

static void close_module(struct module_record *rec)
{
	void *handle = rec->handle;

	free_record(rec);		/* frees charp values before their code goes */
	dlclose(handle);
}

/* Where the module's object is mapped, and how much of it (its PT_LOAD segments). */
struct layout_probe {
	uintptr_t load_addr;
	struct module *mod;
};

static int layout_one(struct dl_phdr_info *info, size_t size, void *arg)
{
	struct layout_probe *probe = arg;
	uintptr_t lo = UINTPTR_MAX, hi = 0;

	if (info->dlpi_addr != probe->load_addr)
		return 0;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];

		if (ph->p_type != PT_LOAD)
			continue;
		if (ph->p_vaddr < lo)
			lo = ph->p_vaddr;
		if (ph->p_vaddr + ph->p_memsz > hi)
			hi = ph->p_vaddr + ph->p_memsz;
	}
	if (hi > lo) {
		probe->mod->core_layout.base = (void *)(info->dlpi_addr + lo);
		probe->mod->core_layout.size = (unsigned int)PAGE_ALIGN(hi - lo);
	}
	return 1;
}

static void layout_module(struct module_record *rec)
{
	struct layout_probe probe = { .mod = rec->mod };
	struct link_map *map;

	if (dlinfo(rec->handle, RTLD_DI_LINKMAP, &map))
		return;
	probe.load_addr = map->l_addr;
	dl_iterate_phdr(layout_one, &probe);
}

/* sections/ and notes/ in the module's /sys/module directory, from its object file. */
static int add_sections(struct module_record *rec)
{
	struct link_map *map;

	if (dlinfo(rec->handle, RTLD_DI_LINKMAP, &map))
		return -ENOEXEC;
	return module_sections_add(rec->mod, map->l_name, map->l_addr);
}

static struct module *module_at(const void *base)
{
	struct module *mod;

	list_for_each_entry(mod, &loaded_modules, list)
		if (mod->core_layout.base == base)
			return mod;
	return NULL;
}

struct uses_probe {
	struct module *mod;
	int err;
};

/* One of the module's undefined symbols: if the loader bound it to another module's
 * definition, the module uses that one (the kernel's resolve_symbol + ref_module). */
static void use_symbol_owner(void *arg, const char *name)
{
	struct uses_probe *probe = arg;
	void *addr = dlsym(RTLD_DEFAULT, name);
	struct module *owner;
	Dl_info info;

	if (probe->err || !addr || !dladdr(addr, &info))
		return;
	owner = module_at(info.dli_fbase);
	if (owner && owner != probe->mod)
		probe->err = ref_module(probe->mod, owner);
}

static int resolve_uses(struct module_record *rec, const char *path)
{
	struct uses_probe probe = { .mod = rec->mod };
	int err = module_undefined_symbols(path, use_symbol_owner, &probe);

	return err ? err : probe.err;
}

int ukmem_module_load(const char *path, const char *params)
{
	struct module_record *rec;
	int err = 0;

	ukmem_ensure_booted();
	pthread_mutex_lock(&module_mutex);
	err = check_module_file(path);
	if (err)
		goto out;
	rec = open_module(path, &err);
	if (!rec)
		goto out;
	/* The same file by another path: dlopen() handed back the loaded object. */
	if (find_loaded(rec->mod->name) || loaded_by_handle(rec->handle)) {
		err = -EEXIST;
		close_module(rec);
		goto out;
	}
	layout_module(rec);
	check_out_of_tree(rec, path);
	atomic_set(&rec->mod->refcnt, MODULE_REF_BASE);
	err = resolve_uses(rec, path);
	if (!err)
		err = apply_params(rec, params, NULL, true);
	if (!err) {
		rec->mod->state = MODULE_STATE_COMING;
		err = mod_sysfs_setup(rec->mod, rec->params, rec->nr_params);
		if (!err && (err = add_sections(rec)))
			mod_sysfs_teardown(rec->mod);
	}
	if (!err) {
		check_license(rec);
		list_change(rec, true);
		err = do_init_module(rec);
		if (err == -EOWNERDEAD)
			goto out;		/* listed "(+)" for good, its code kept */
		if (err) {
			list_change(rec, false);
			mod_sysfs_teardown(rec->mod);
		}
	}
	if (err) {
		module_unload_free(rec->mod);
		close_module(rec);
	}
out:
	pthread_mutex_unlock(&module_mutex);
	return err;
}

int ukmem_module_unload(const char *name)
{
	struct module_record *rec;
	int err = 0;

	if (!name)
		return -EFAULT;
	pthread_mutex_lock(&module_mutex);
	rec = find_loaded(name);
	if (!rec) {
		err = -ENOENT;
	} else if (!list_empty(&rec->mod->source_list)) {
		err = -EWOULDBLOCK;	/* other modules use it: they go first */
	} else if (rec->mod->state != MODULE_STATE_LIVE || (rec->init && !rec->exit)) {
		err = -EBUSY;		/* the kernel refuses too: nothing would undo init */
	} else if (try_release_module_ref(rec->mod)) {
		err = -EWOULDBLOCK;	/* an open file or another holder: still in use */
	} else {
		rec->mod->state = MODULE_STATE_GOING;
		if (task_run_killable(call_exit, rec)) {
			kunit_module_going(rec->mod->name);
			mod_sysfs_teardown(rec->mod);
			module_unload_free(rec->mod);
			list_change(rec, false);
			close_module(rec);
		} else {
			err = -EOWNERDEAD;	/* died in exit: stays listed "(-)" */
		}
	}
	pthread_mutex_unlock(&module_mutex);
	return err;
}

/* ---- /proc/modules ---- */

/* One line per module, newest first, as Linux 6.1's m_show() writes it: name, size,
 * references, users ("a,b," or "-"), state, load address, taints. */
static int modules_show(struct seq_file *m, void *data)
{
	char flags[TAINT_FLAGS_COUNT + 4];
	struct module *mod;

	pthread_mutex_lock(&list_lock);
	list_for_each_entry_reverse(mod, &loaded_modules, list) {
		struct module_use *use;
		bool printed = false;

		seq_printf(m, "%s %u", mod->name, mod->core_layout.size);
		seq_printf(m, " %i ", module_refcount(mod));
		list_for_each_entry(use, &mod->source_list, source_list) {
			printed = true;
			seq_printf(m, "%s,", use->source->name);
		}
		if (mod->init && !mod->exit) {
			printed = true;
			seq_puts(m, "[permanent],");
		}
		if (!printed)
			seq_puts(m, "-");
		seq_printf(m, " %s", mod->state == MODULE_STATE_GOING ? "Unloading" :
			   mod->state == MODULE_STATE_COMING ? "Loading" : "Live");
		seq_printf(m, " 0x%px", mod->core_layout.base);
		if (mod->taints)
			seq_printf(m, " %s", module_flags(mod, flags, true));
		seq_puts(m, "\n");
	}
	pthread_mutex_unlock(&list_lock);
	return 0;
}

int modules_proc_init(void)
{
	return proc_create_view("/proc/modules", modules_show, NULL);
}
