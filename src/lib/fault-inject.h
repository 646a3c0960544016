/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lib/fault-inject.h: how an injector (failslab, fail_page_alloc) plugs into the
 * framework: its fault_attr, its own switches by attribute name, and the armed flag its
 * fast path tests. */
#ifndef UKMEM_LIB_FAULT_INJECT_H
#define UKMEM_LIB_FAULT_INJECT_H

#include <linux/fault-inject.h>
#include "machine/boot.h"

struct fault_switch {
	const char *name;		/* "ignore-gfp-wait", "min-order", ... */
	long *value;
	bool boolean;			/* its debugfs file reads Y/N */
};

struct fault_injector {
	const char *name;		/* "failslab", "fail_page_alloc" */
	struct fault_attr *attr;
	const struct fault_switch *switches;	/* NULL-terminated */
	bool *armed;
	void (*reset)(void);		/* switches back to their defaults */
};

void fault_injector_register(struct fault_injector *inj);
/* Defaults, as at boot; called before the command line is applied. */
void fault_injector_reset(struct fault_injector *inj);
/* The command line's "<interval>,<probability>,<space>,<times>" ("" for the defaults):
 * registers the injector, resets it, applies the value. 0 or -1 for a bad value. */
int fault_injector_setup(struct fault_injector *inj, const char *value);

#endif
