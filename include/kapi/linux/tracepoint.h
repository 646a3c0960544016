/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/tracepoint.h: registering probes on the kernel's tracepoints, as Linux 6.1 does
 * (kernel/tracepoint.c). A module finds a core tracepoint with
 * for_each_kernel_tracepoint() (the tracepoints themselves are not exported) and
 * attaches probe(data, the tracepoint's arguments...) with tracepoint_probe_register().
 * ukmem's core tracepoints: "console" (<trace/events/printk.h>: every printk message,
 * level prefix and final newline stripped). Not in ukmem: defining tracepoints in a
 * module (DEFINE_TRACE, TRACE_EVENT), module tracepoint notifiers. The kmem and vmalloc
 * events of ftrace's trace_event= are ukmem's own (docs/tools.md). */
#ifndef UKMEM_LINUX_TRACEPOINT_H
#define UKMEM_LINUX_TRACEPOINT_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/rcupdate.h>
#include <linux/tracepoint-defs.h>

#define TRACEPOINT_DEFAULT_PRIO	10

#define TP_PROTO(args...)	args
#define TP_ARGS(args...)	args

int tracepoint_probe_register(struct tracepoint *tp, void *probe, void *data);
int tracepoint_probe_register_prio(struct tracepoint *tp, void *probe, void *data, int prio);
int tracepoint_probe_unregister(struct tracepoint *tp, void *probe, void *data);
void for_each_kernel_tracepoint(void (*fct)(struct tracepoint *tp, void *priv), void *priv);

/* Waits until no probe unregistered before this call can still be running. */
static inline void tracepoint_synchronize_unregister(void)
{
	synchronize_rcu();
}

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/tracepoint.h> brings with it, once this header is complete. */
#include <linux/device.h>
#include <linux/linkage.h>
#endif
#endif
