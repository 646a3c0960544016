// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/fault-inject.c: should_fail() with Linux 6.1's rules and message, and the registry
 * behind ukmem_fault_set()/ukmem_fault_get() -- the native stand-in for the kernel's
 * /sys/kernel/debug/<name>/<attribute> files. Each injector (failslab, fail_page_alloc)
 * registers its fault_attr and its own switches, which are also files in
 * /sys/kernel/debug/<name>/ as in Linux; an injector is armed exactly while its
 * probability is above 0, so the allocators' fast paths test one flag. Boot itself is never
 * failed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fault-inject.h>
#include <linux/kstrtox.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/export.h>
#include "kernel/params.h"
#include "machine/boot.h"
#include "lib/fault-inject.h"

#define MAX_INJECTORS 4

static struct fault_injector *injectors[MAX_INJECTORS];
static int nr_injectors;

/**
 * setup_fault_attr - set up fault injection from "interval,probability,space,times"
 * @attr: the fault attributes (failslab=, fail_page_alloc=, ...)
 * @str: the text, as the boot parameter gives it
 *
 * Context: boot or process context; does not sleep.
 * Return: 1 when parsed, 0 with a warning otherwise (the __setup() convention).
 */
int setup_fault_attr(struct fault_attr *attr, char *str)
{
	unsigned long probability, interval;
	int times, space;

	if (sscanf(str, "%lu,%lu,%d,%d", &interval, &probability, &space, &times) < 4) {
		printk(KERN_WARNING "FAULT_INJECTION: failed to parse arguments\n");
		return 0;
	}
	attr->probability = probability;
	attr->interval = interval;
	atomic_set(&attr->times, times);
	atomic_set(&attr->space, space);
	return 1;
}
EXPORT_SYMBOL_GPL(setup_fault_attr);

static void fail_dump(struct fault_attr *attr)
{
	if (attr->verbose > 0 && __ratelimit(&attr->ratelimit_state)) {
		printk(KERN_NOTICE "FAULT_INJECTION: forcing a failure.\n"
		       "name %s, interval %lu, probability %lu, space %d, times %d\n",
		       attr->dname, attr->interval, attr->probability,
		       atomic_read(&attr->space), atomic_read(&attr->times));
		if (attr->verbose > 1)
			dump_stack();
	}
}

/* A cheap generator per thread; the decision need not be cryptographic, only spread. */
static unsigned int fault_random_percent(void)
{
	static __thread unsigned int state;

	if (!state)
		state = (unsigned int)(uintptr_t)&state ^ (unsigned int)current->pid * 2654435761u;
	state = state * 1103515245u + 12345u;
	return (state >> 8) % 100;
}

/**
 * should_fail - decide whether to inject a failure now
 * @attr: the fault attributes
 * @size: the size of the operation, counted against the space left
 *
 * Never fails before the machine has booted. With verbose at 1 or more a failure is
 * reported ("FAULT_INJECTION: forcing a failure.", rate limited), with a stack at 2.
 *
 * Context: any context; does not sleep.
 * Return: true if the caller should fail the operation.
 */
bool should_fail(struct fault_attr *attr, ssize_t size)
{
	if (attr->probability == 0 || atomic_read(&attr->times) == 0)
		return false;
	/* The machine's own boot is never failed: injection starts once it is up. */
	if (unlikely(!__atomic_load_n(&ukmem_booted_flag, __ATOMIC_RELAXED)))
		return false;
	if (atomic_read(&attr->space) > size) {
		atomic_sub((int)size, &attr->space);
		return false;
	}
	if (attr->interval > 1 && __atomic_add_fetch(&attr->count, 1, __ATOMIC_RELAXED) % attr->interval)
		return false;
	if (attr->probability <= fault_random_percent())
		return false;
	fail_dump(attr);
	if (atomic_read(&attr->times) != -1)
		atomic_add_unless(&attr->times, -1, 0);
	__atomic_fetch_add(&attr->injected, 1, __ATOMIC_RELAXED);
	return true;
}
EXPORT_SYMBOL_GPL(should_fail);

void fault_injector_register(struct fault_injector *inj)
{
	for (int i = 0; i < nr_injectors; i++)
		if (injectors[i] == inj)
			return;
	if (nr_injectors < MAX_INJECTORS)
		injectors[nr_injectors++] = inj;
}

void fault_injector_reset(struct fault_injector *inj)
{
	struct fault_attr fresh = FAULT_ATTR_INITIALIZER;

	fresh.dname = inj->name;
	*inj->attr = fresh;
	if (inj->reset)
		inj->reset();
	*inj->armed = false;
}

int fault_injector_setup(struct fault_injector *inj, const char *value)
{
	char buf[64];

	fault_injector_register(inj);
	fault_injector_reset(inj);
	if (!*value)
		return 0;
	snprintf(buf, sizeof(buf), "%s", value);
	if (!setup_fault_attr(inj->attr, buf))
		return -1;
	*inj->armed = inj->attr->probability > 0;
	return 0;
}

static struct fault_injector *find_injector(const char *name)
{
	for (int i = 0; i < nr_injectors; i++)
		if (!strcmp(injectors[i]->name, name))
			return injectors[i];
	return NULL;
}

static long *switch_of(struct fault_injector *inj, const char *attr)
{
	for (const struct fault_switch *sw = inj->switches; sw && sw->name; sw++)
		if (!strcmp(sw->name, attr))
			return sw->value;
	return NULL;
}

static int fault_attr_store(const char *name, const char *attr, long value)
{
	struct fault_injector *inj;
	struct fault_attr *a;
	long *sw;

	inj = find_injector(name);
	if (!inj)
		return -ENOENT;
	a = inj->attr;
	if (!strcmp(attr, "probability")) {
		if (value < 0 || value > 100)
			return -EINVAL;
		a->probability = (unsigned long)value;
	} else if (!strcmp(attr, "interval")) {
		if (value < 1)
			return -EINVAL;
		a->interval = (unsigned long)value;
	} else if (!strcmp(attr, "times")) {
		atomic_set(&a->times, (int)value);
	} else if (!strcmp(attr, "space")) {
		atomic_set(&a->space, (int)value);
	} else if (!strcmp(attr, "verbose")) {
		a->verbose = (unsigned long)value;
	} else if ((sw = switch_of(inj, attr))) {
		*sw = value;
	} else {
		return -EINVAL;
	}
	*inj->armed = a->probability > 0;
	return 0;
}

int ukmem_fault_set(const char *name, const char *attr, long value)
{
	if (!name || !attr)
		return -EFAULT;
	ukmem_ensure_booted();
	return fault_attr_store(name, attr, value);
}

/* ukmem.fault=<injector>.<attribute>=<value>: what ukmem_fault_set() does, from the
 * command line (after the failslab=/fail_page_alloc= it changes), so a program that
 * cannot call ukmem (one under libukmem-malloc) can still say ignore-gfp-wait=0. */
static int setup_fault_param(const char *value)
{
	char name[32], attr[32];
	long v;

	if (sscanf(value, "%31[^.].%31[^=]=%ld", name, attr, &v) != 3)
		return -1;
	return fault_attr_store(name, attr, v) ? -1 : 0;
}
UKMEM_SETUP("ukmem.fault=", setup_fault_param, NULL);

/* The value of one of inj's attributes; -EINVAL for an unknown one. */
static long fault_attr_load(struct fault_injector *inj, const char *attr)
{
	long *sw;

	if (!strcmp(attr, "probability"))
		return (long)inj->attr->probability;
	if (!strcmp(attr, "interval"))
		return (long)inj->attr->interval;
	if (!strcmp(attr, "times"))
		return atomic_read(&inj->attr->times);
	if (!strcmp(attr, "space"))
		return atomic_read(&inj->attr->space);
	if (!strcmp(attr, "verbose"))
		return (long)inj->attr->verbose;
	if (!strcmp(attr, "injected"))
		return (long)inj->attr->injected;
	if ((sw = switch_of(inj, attr)))
		return *sw;
	return -EINVAL;
}

long ukmem_fault_get(const char *name, const char *attr)
{
	struct fault_injector *inj;

	if (!name || !attr)
		return -EFAULT;
	ukmem_ensure_booted();
	inj = find_injector(name);
	return inj ? fault_attr_load(inj, attr) : -ENOENT;
}

/* ---- /sys/kernel/debug/<injector>/<attribute> ---- */

#define FAULT_FILES	(MAX_INJECTORS * 12)

/* One attribute file: which injector, which attribute. */
struct fault_file {
	struct fault_injector *inj;
	const char *attr;
};

static struct fault_file fault_files[FAULT_FILES];

static int fault_file_get(void *data, u64 *val)
{
	struct fault_file *f = data;

	*val = (u64)fault_attr_load(f->inj, f->attr);
	return 0;
}

static int fault_file_set(void *data, u64 val)
{
	struct fault_file *f = data;

	return fault_attr_store(f->inj->name, f->attr, (long)val);
}

DEFINE_DEBUGFS_ATTRIBUTE(fault_fops_ulong, fault_file_get, fault_file_set, "%llu\n");
DEFINE_DEBUGFS_ATTRIBUTE_SIGNED(fault_fops_atomic, fault_file_get, fault_file_set, "%lld\n");

static ssize_t fault_bool_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	struct fault_file *f = file->private_data;
	char text[2] = { fault_attr_load(f->inj, f->attr) ? 'Y' : 'N', '\n' };

	return simple_read_from_buffer(buf, count, ppos, text, sizeof(text));
}

static ssize_t fault_bool_write(struct file *file, const char __user *buf, size_t count,
				loff_t *ppos)
{
	struct fault_file *f = file->private_data;
	bool value;

	if (!kstrtobool_from_user(buf, count, &value))
		fault_attr_store(f->inj->name, f->attr, value);
	return (ssize_t)count;
}

static const struct file_operations fault_fops_bool = {
	.read = fault_bool_read, .write = fault_bool_write, .open = simple_open,
	.llseek = default_llseek,
};

/* Each registered injector's directory, with Linux's files for what ukmem implements:
 * probability, interval, verbose (unsigned long), times, space (atomic_t) and the
 * injector's own switches (bool, or an unsigned number such as min-order). */
int fault_debugfs_init(void)
{
	static const char *const common[] = { "probability", "interval", "times", "space",
					      "verbose" };
	int n = 0;

	for (int i = 0; i < nr_injectors; i++) {
		struct fault_injector *inj = injectors[i];
		struct dentry *dir = debugfs_create_dir(inj->name, NULL);

		if (IS_ERR(dir))
			return (int)PTR_ERR(dir);
		for (size_t a = 0; a < ARRAY_SIZE(common) && n < FAULT_FILES; a++, n++) {
			bool atomic = !strcmp(common[a], "times") || !strcmp(common[a], "space");

			fault_files[n] = (struct fault_file){ inj, common[a] };
			debugfs_create_file(common[a], 0600, dir, &fault_files[n],
					    atomic ? &fault_fops_atomic : &fault_fops_ulong);
		}
		for (const struct fault_switch *sw = inj->switches; sw && sw->name &&
		     n < FAULT_FILES; sw++, n++) {
			fault_files[n] = (struct fault_file){ inj, sw->name };
			debugfs_create_file(sw->name, 0600, dir, &fault_files[n],
					    sw->boolean ? &fault_fops_bool : &fault_fops_ulong);
		}
	}
	return 0;
}
