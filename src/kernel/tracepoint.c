// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/tracepoint.c: probes on the kernel's tracepoints (<linux/tracepoint.h>), and
 * ukmem's core tracepoints: "console" (printk's messages, <trace/events/printk.h>).
 * Invariants: a tracepoint's probe array changes only under tracepoints_mutex, and only
 * by publishing a whole new array (rcu_assign_pointer); an old array is freed after a
 * grace period, so a caller walking it under rcu_read_lock() finishes with it. Arrays
 * are sorted by descending prio, equal prios in registration order, NULL-terminated. */
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/tracepoint.h>
#include <trace/events/printk.h>
#include "kernel/printk.h"

struct tracepoint __tracepoint_console = { .name = "console" };

static struct tracepoint *const kernel_tracepoints[] = { &__tracepoint_console };
static DEFINE_MUTEX(tracepoints_mutex);

static unsigned int nr_probes(const struct tracepoint_func *funcs)
{
	unsigned int n = 0;

	while (funcs && funcs[n].func)
		n++;
	return n;
}

/* Makes funcs (NULL: no probe) tp's probes and frees the old array once no caller can
 * be walking it. tracepoints_mutex held; may sleep. */
static void publish(struct tracepoint *tp, struct tracepoint_func *funcs)
{
	struct tracepoint_func *old = tp->funcs;

	rcu_assign_pointer(tp->funcs, funcs);
	if (funcs)
		static_key_enable(&tp->key);
	else
		static_key_disable(&tp->key);
	synchronize_rcu();
	kfree(old);
}

/**
 * tracepoint_probe_register_prio() - attach a probe to a tracepoint
 * @tp: the tracepoint
 * @probe: a function taking @data and then the tracepoint's arguments
 * @data: its first argument
 * @prio: probes of higher prio run first (equal ones in registration order)
 *
 * Context: process context; sleeps (a grace period). Return: 0, -EEXIST when this
 * (@probe, @data) pair is attached already, -ENOMEM.
 */
int tracepoint_probe_register_prio(struct tracepoint *tp, void *probe, void *data, int prio)
{
	struct tracepoint_func *old, *funcs;
	unsigned int n, i, j = 0;
	bool placed = false;

	mutex_lock(&tracepoints_mutex);
	old = tp->funcs;
	n = nr_probes(old);
	for (i = 0; i < n; i++) {
		if (old[i].func == probe && old[i].data == data) {
			mutex_unlock(&tracepoints_mutex);
			return -EEXIST;
		}
	}
	funcs = kmalloc_array(n + 2, sizeof(*funcs), GFP_KERNEL);
	if (!funcs) {
		mutex_unlock(&tracepoints_mutex);
		return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		if (!placed && old[i].prio < prio) {
			funcs[j++] = (struct tracepoint_func){ probe, data, prio };
			placed = true;
		}
		funcs[j++] = old[i];
	}
	if (!placed)
		funcs[j++] = (struct tracepoint_func){ probe, data, prio };
	funcs[j].func = NULL;
	publish(tp, funcs);
	mutex_unlock(&tracepoints_mutex);
	return 0;
}
EXPORT_SYMBOL_GPL(tracepoint_probe_register_prio);

/**
 * tracepoint_probe_register() - attach a probe with the default priority
 * @tp: the tracepoint
 * @probe: a function taking @data and then the tracepoint's arguments
 * @data: its first argument
 *
 * Context: process context; sleeps. Return: as tracepoint_probe_register_prio().
 */
int tracepoint_probe_register(struct tracepoint *tp, void *probe, void *data)
{
	return tracepoint_probe_register_prio(tp, probe, data, TRACEPOINT_DEFAULT_PRIO);
}
EXPORT_SYMBOL_GPL(tracepoint_probe_register);

/**
 * tracepoint_probe_unregister() - detach a probe
 * @tp: the tracepoint
 * @probe: the probe
 * @data: the data it was registered with
 *
 * The probe may still be running on other threads when this returns:
 * tracepoint_synchronize_unregister() waits for those.
 *
 * Context: process context; sleeps. Return: 0, -ENOENT when the pair is not attached,
 * -ENOMEM.
 */
int tracepoint_probe_unregister(struct tracepoint *tp, void *probe, void *data)
{
	struct tracepoint_func *old, *funcs = NULL;
	unsigned int n, i, j = 0, found = 0;

	mutex_lock(&tracepoints_mutex);
	old = tp->funcs;
	n = nr_probes(old);
	for (i = 0; i < n; i++)
		found += old[i].func == probe && old[i].data == data;
	if (!found) {
		mutex_unlock(&tracepoints_mutex);
		return -ENOENT;
	}
	if (n > 1) {
		funcs = kmalloc_array(n, sizeof(*funcs), GFP_KERNEL);
		if (!funcs) {
			mutex_unlock(&tracepoints_mutex);
			return -ENOMEM;
		}
		for (i = 0; i < n; i++)
			if (old[i].func != probe || old[i].data != data)
				funcs[j++] = old[i];
		funcs[j].func = NULL;
	}
	publish(tp, funcs);
	mutex_unlock(&tracepoints_mutex);
	return 0;
}
EXPORT_SYMBOL_GPL(tracepoint_probe_unregister);

/**
 * for_each_kernel_tracepoint() - call fct on each of the kernel's own tracepoints
 * @fct: called with each tracepoint and @priv
 * @priv: its second argument
 *
 * Context: any context fct allows.
 */
void for_each_kernel_tracepoint(void (*fct)(struct tracepoint *tp, void *priv), void *priv)
{
	for (size_t i = 0; i < ARRAY_SIZE(kernel_tracepoints); i++)
		fct(kernel_tracepoints[i], priv);
}
EXPORT_SYMBOL_GPL(for_each_kernel_tracepoint);

void trace_console_probes(const char *text, size_t len)
{
	const struct tracepoint_func *f;

	rcu_read_lock();
	f = rcu_dereference(__tracepoint_console.funcs);
	for (; f && f->func; f++)
		((void (*)(void *, const char *, size_t))f->func)(f->data, text, len);
	rcu_read_unlock();
}
