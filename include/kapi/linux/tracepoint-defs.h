/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/tracepoint-defs.h: struct tracepoint, a named point in the kernel that calls
 * the probes registered on it (<linux/tracepoint.h>), as Linux 6.1 lays it out without
 * static calls: funcs is the probe array, replaced whole (under RCU) on each change.
 * Invariant: key counts 1 while funcs has a probe, 0 otherwise. */
#ifndef UKMEM_LINUX_TRACEPOINT_DEFS_H
#define UKMEM_LINUX_TRACEPOINT_DEFS_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/static_key.h>

struct tracepoint_func {
	void *func;		/* NULL ends the array */
	void *data;		/* the probe's first argument */
	int prio;		/* higher runs first */
};

struct tracepoint {
	const char *name;
	struct static_key key;
	struct tracepoint_func *funcs;	/* __rcu */
};

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/tracepoint-defs.h> brings with it, once this header is complete. */
#include <linux/bug.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#endif
#endif
