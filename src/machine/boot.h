/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* machine/boot.h: the machine's life cycle. Boot runs the init calls listed in
 * init/main.c in order; shutdown runs their exits in reverse. */
#ifndef UKMEM_MACHINE_BOOT_H
#define UKMEM_MACHINE_BOOT_H

#include <stdbool.h>

extern int ukmem_booted_flag;
void ukmem_autoboot(void);

/* Every kernel entry point calls this first: a program that never called ukmem_boot()
 * gets the default machine. */
static inline void ukmem_ensure_booted(void)
{
	if (__builtin_expect(!__atomic_load_n(&ukmem_booted_flag, __ATOMIC_ACQUIRE), 0))
		ukmem_autoboot();
}

#endif
