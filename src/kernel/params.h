/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* kernel/params.h: the boot command line. Each subsystem declares the parameters it
 * understands with UKMEM_SETUP(name, handler, default); at every boot each handler is
 * first called with its default (so a re-boot starts clean), then with the value the
 * command line gives. Handlers return 0, or -EINVAL for a value they refuse. */
#ifndef UKMEM_KERNEL_PARAMS_H
#define UKMEM_KERNEL_PARAMS_H

#include <stdbool.h>

struct ukmem_setup {
	const char *name;		/* "mem=" takes a value; "quiet" does not */
	int (*handler)(const char *value);
	const char *default_value;	/* NULL: handler not called unless given */
};

#define UKMEM_SETUP(str, fn, def)						\
	static const struct ukmem_setup __ukmem_setup_##fn			\
	__attribute__((used, section("ukmem_setup"), aligned(sizeof(void *)))) = \
		{ str, fn, def }

/* Parses cmdline; returns 0 or -EINVAL (after printing which value was refused). */
int params_parse(const char *cmdline);
/* memparse() (lib/cmdline.c): "256M", "2G", "0x1000" -> bytes. */
unsigned long long memparse(const char *ptr, char **retptr);
/* kstrtobool()'s words; a bare option (NULL or "") is true. */
bool params_bool(const char *value, bool *out);

#endif
