/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* kernel/params.h: the boot command line. Each subsystem declares the parameters it
 * understands with UKMEM_SETUP(name, handler, default) (machine/setup.h); params_parse()
 * runs the handlers at every boot. */
#ifndef UKMEM_KERNEL_PARAMS_H
#define UKMEM_KERNEL_PARAMS_H

#include <stdbool.h>
#include "machine/setup.h"

/* Parses cmdline; returns 0 or -EINVAL (after printing which value was refused). */
int params_parse(const char *cmdline);
/* memparse() (lib/cmdline.c): "256M", "2G", "0x1000" -> bytes. */
unsigned long long memparse(const char *ptr, char **retptr);
/* kstrtobool()'s words; a bare option (NULL or "") is true. */
bool params_bool(const char *value, bool *out);

#endif
