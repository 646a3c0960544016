/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* machine/setup.h: how a layer declares the boot command-line parameters it understands.
 * UKMEM_SETUP(name, handler, default) puts an entry in the section ukmem_setup, which
 * kernel/params.c reads at every boot: each handler is first called with its default (so
 * a re-boot starts clean), then with the value the command line gives. Handlers return
 * 0, or -EINVAL for a value they refuse. Declaring needs nothing above this layer. */
#ifndef UKMEM_MACHINE_SETUP_H
#define UKMEM_MACHINE_SETUP_H

struct ukmem_setup {
	const char *name;		/* "mem=" takes a value; "quiet" does not */
	int (*handler)(const char *value);
	const char *default_value;	/* NULL: handler not called unless given */
};

#define UKMEM_SETUP(str, fn, def)						\
	static const struct ukmem_setup __ukmem_setup_##fn			\
	__attribute__((used, section("ukmem_setup"), aligned(sizeof(void *)))) = \
		{ str, fn, def }

#endif
