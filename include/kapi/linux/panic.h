/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/panic.h: stopping the machine and the taint flags that reports set (printed in
 * every report's "Tainted:" field, one letter per flag, as Linux 6.1 does). */
#ifndef UKMEM_LINUX_PANIC_H
#define UKMEM_LINUX_PANIC_H

#include <linux/compiler.h>
#include <linux/types.h>

__noreturn __printf(1, 2) void panic(const char *fmt, ...);
extern bool panic_on_warn;

#define TAINT_PROPRIETARY_MODULE	0
#define TAINT_FORCED_MODULE		1
#define TAINT_CPU_OUT_OF_SPEC		2
#define TAINT_FORCED_RMMOD		3
#define TAINT_MACHINE_CHECK		4
#define TAINT_BAD_PAGE			5
#define TAINT_USER			6
#define TAINT_DIE			7
#define TAINT_OVERRIDDEN_ACPI_TABLE	8
#define TAINT_WARN			9
#define TAINT_CRAP			10
#define TAINT_FIRMWARE_WORKAROUND	11
#define TAINT_OOT_MODULE		12
#define TAINT_UNSIGNED_MODULE		13
#define TAINT_SOFTLOCKUP		14
#define TAINT_LIVEPATCH			15
#define TAINT_AUX			16
#define TAINT_RANDSTRUCT		17
#define TAINT_TEST			18
#define TAINT_FLAGS_COUNT		19
#define TAINT_FLAGS_MAX			((1UL << TAINT_FLAGS_COUNT) - 1)

/* Whether lock debugging can still be trusted after the event that taints. */
enum lockdep_ok {
	LOCKDEP_STILL_OK,
	LOCKDEP_NOW_UNRELIABLE,
};

void add_taint(unsigned int flag, enum lockdep_ok lockdep_ok);
int test_taint(unsigned int flag);
unsigned long get_taint(void);
const char *print_tainted(void);

#endif
