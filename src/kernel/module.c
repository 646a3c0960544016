/* kernel/module.c: modules. module_init/module_exit/module_param/MODULE_* register with
 * a module record from the object's constructors. Before main() that record is a
 * built-in module (grouped by KBUILD_MODNAME, or by source file when the build left the
 * default); during ukmem_module_load()'s dlopen() it is the module being loaded.
 * Invariants: a module is on loaded_modules from just before its init runs (COMING)
 * until its exit has returned (GOING), as in the kernel's list, so that reports made
 * meanwhile name it; the list changes only under both module_mutex and list_lock, and
 * report code reads it under list_lock alone. A module whose parameters or init fail
 * is unloaded (dlclose) before the error is returned. */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/irqflags.h>
#include "kernel/module.h"
#include "kernel/report.h"
#include "kernel/traps.h"
#include "lib/kunit/executor.h"
#include "machine/boot.h"

#define DEFAULT_MODNAME	"ukmem"
#define MAX_PARAMS	64
#define MAX_INFO	32

struct module_record {
	struct module mod;
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
	if (len >= sizeof(rec->mod.name))
		len = sizeof(rec->mod.name) - 1;
	memcpy(rec->mod.name, name, len);
	rec->mod.name[len] = '\0';
	for (char *c = rec->mod.name; *c; c++)
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

static struct module_record *new_record(void)
{
	struct module_record *rec = calloc(1, sizeof(*rec));

	if (!rec) {
		fprintf(stderr, "ukmem: out of memory registering a module\n");
		abort();
	}
	rec->mod.state = MODULE_STATE_UNFORMED;
	INIT_LIST_HEAD(&rec->mod.list);
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
		rec = container_of(mod, struct module_record, mod);
		if (!strcmp(mod->name, probe->mod.name)) {
			free(probe);
			return rec;
		}
	}
	probe->named = named;
	list_add_tail(&probe->mod.list, &builtin_modules);
	return probe;
}

void ukmem_module_register_init(const char *modname, const char *file, initcall_t fn)
{
	pthread_mutex_lock(&registry_lock);
	record_for(modname, file)->init = fn;
	pthread_mutex_unlock(&registry_lock);
}

void ukmem_module_register_exit(const char *modname, const char *file, exitcall_t fn)
{
	pthread_mutex_lock(&registry_lock);
	record_for(modname, file)->exit = fn;
	pthread_mutex_unlock(&registry_lock);
}

void ukmem_module_register_param(const char *modname, const char *file,
				 const struct kernel_param *kp)
{
	struct module_record *rec;

	pthread_mutex_lock(&registry_lock);
	rec = record_for(modname, file);
	if (rec->nr_params < MAX_PARAMS)
		rec->params[rec->nr_params++] = kp;
	else
		fprintf(stderr, "ukmem: %s: more than %d parameters\n", rec->mod.name, MAX_PARAMS);
	pthread_mutex_unlock(&registry_lock);
}

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

static const char *module_info(const struct module_record *rec, const char *tag)
{
	for (int i = 0; i < rec->nr_info; i++)
		if (!strcmp(rec->info[i].tag, tag))
			return rec->info[i].value;
	return NULL;
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
			pr_err("%s: '%s' invalid for parameter '%s'\n", rec->mod.name,
			       val ? val : "", kp->name);
		return err;
	}
	if (eq)
		*eq = '\0';
	pr_warn("%s: unknown parameter '%s' ignored\n", rec->mod.name, token);
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

static void check_license(struct module_record *rec)
{
	const char *license = module_info(rec, "license");

	if (license && license_is_gpl_compatible(license))
		return;
	pr_warn("%s: module license '%s' taints kernel.\n", rec->mod.name,
		license ? license : "unspecified");
	add_taint(TAINT_PROPRIETARY_MODULE, LOCKDEP_STILL_OK);
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

	rec->mod.state = MODULE_STATE_COMING;
	kunit_module_coming(rec->mod.name);	/* its KUnit suites run first, as in Linux */
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
		rec->mod.state = MODULE_STATE_GOING;
		return ret;
	}
	if (ret > 0) {
		pr_warn("%s: '%s'->init suspiciously returned %d, it should follow 0/-E convention\n"
			"%s: loading module anyway...\n", __func__, rec->mod.name, ret, __func__);
		dump_stack();
	}
	rec->mod.state = MODULE_STATE_LIVE;
	return 0;
}

int ukmem_module_init_builtin(void)
{
	struct module *mod;
	int failed = 0;

	ukmem_ensure_booted();
	list_for_each_entry(mod, &builtin_modules, list) {
		struct module_record *rec = container_of(mod, struct module_record, mod);
		char prefix[MODULE_NAME_LEN + 2];

		snprintf(prefix, sizeof(prefix), "%s.", mod->name);
		apply_params(rec, ukmem_cmdline(), prefix, false);
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
		struct module_record *rec = container_of(mod, struct module_record, mod);

		if (mod->state != MODULE_STATE_LIVE)
			continue;
		mod->state = MODULE_STATE_GOING;
		if (rec->exit)
			rec->exit();
	}
}

/* The modules a report lists after "Modules linked in:", newest first, a module being
 * loaded marked "(+)" and one being unloaded "(-)" as the kernel marks them. Left out
 * (empty) only when the list is being changed at that moment. */
void module_names(char *buf, size_t size)
{
	struct module *mod;
	size_t used = 0;

	buf[0] = '\0';
	if (pthread_mutex_trylock(&list_lock))
		return;
	list_for_each_entry_reverse(mod, &loaded_modules, list) {
		const char *state = mod->state == MODULE_STATE_COMING ? "(+)" :
				    mod->state == MODULE_STATE_GOING ? "(-)" : "";
		int n = snprintf(buf + used, size - used, " %s%s", mod->name, state);

		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
	pthread_mutex_unlock(&list_lock);
}

static void list_change(struct module_record *rec, bool add)
{
	pthread_mutex_lock(&list_lock);
	if (add)
		list_add_tail(&rec->mod.list, &loaded_modules);
	else
		list_del(&rec->mod.list);
	pthread_mutex_unlock(&list_lock);
}

static struct module_record *find_loaded(const char *name)
{
	struct module *mod;

	list_for_each_entry(mod, &loaded_modules, list)
		if (!strcmp(mod->name, name))
			return container_of(mod, struct module_record, mod);
	return NULL;
}

/* What can be checked before the file's code runs: its version magic. */
static int check_module_file(const char *path)
{
	struct module_record probe = { 0 };

	if (!path)
		return -EFAULT;
	name_from_path(&probe, path);
	return modinfo_check_vermagic(path, probe.mod.name);
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
		pr_err("ukmem: cannot load module %s: %s\n", path, dlerror());
		*err = access(path, R_OK) ? -ENOENT : -ENOEXEC;
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
	if (find_loaded(rec->mod.name)) {
		err = -EEXIST;
		close_module(rec);
		goto out;
	}
	err = apply_params(rec, params, NULL, true);
	if (!err) {
		check_license(rec);
		list_change(rec, true);
		err = do_init_module(rec);
		if (err == -EOWNERDEAD)
			goto out;		/* listed "(+)" for good, its code kept */
		if (err)
			list_change(rec, false);
	}
	if (err)
		close_module(rec);
out:
	pthread_mutex_unlock(&module_mutex);
	return err;
}

int ukmem_module_unload(const char *name)
{
	struct module_record *rec;
	int err = 0;

	pthread_mutex_lock(&module_mutex);
	rec = find_loaded(name);
	if (!rec) {
		err = -ENOENT;
	} else if ((rec->init && !rec->exit) || rec->mod.state != MODULE_STATE_LIVE) {
		err = -EBUSY;		/* the kernel refuses too: nothing would undo init */
	} else {
		rec->mod.state = MODULE_STATE_GOING;
		if (task_run_killable(call_exit, rec)) {
			kunit_module_going(rec->mod.name);
			list_change(rec, false);
			close_module(rec);
		} else {
			err = -EOWNERDEAD;	/* died in exit: stays listed "(-)" */
		}
	}
	pthread_mutex_unlock(&module_mutex);
	return err;
}
