/* lib/fault-inject.c: should_fail() with Linux 6.1's rules and message, and the registry
 * behind ukmem_fault_set()/ukmem_fault_get() -- the native stand-in for the kernel's
 * /sys/kernel/debug/<name>/<attribute> files. Each injector (failslab, fail_page_alloc)
 * registers its fault_attr and its own switches; an injector is armed exactly while its
 * probability is above 0, so the allocators' fast paths test one flag. Boot itself is never
 * failed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/fault-inject.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include "kernel/params.h"
#include "machine/boot.h"
#include "lib/fault-inject.h"

#define MAX_INJECTORS 4

static struct fault_injector *injectors[MAX_INJECTORS];
static int nr_injectors;

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

long ukmem_fault_get(const char *name, const char *attr)
{
	struct fault_injector *inj;
	long *sw;

	ukmem_ensure_booted();
	inj = find_injector(name);
	if (!inj)
		return -ENOENT;
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
