/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* kernel/report.h: what every kernel-style report shares: the taint mask, the
 * "CPU: … PID: … Comm: …" line, the stack trace and the count of reports printed. */
#ifndef UKMEM_KERNEL_REPORT_H
#define UKMEM_KERNEL_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/panic.h>	/* TAINT_*, add_taint(), print_tainted() */

#define CUT_HERE	"------------[ cut here ]------------\n"

void report_begin(void);		/* counts a report */
void dump_stack_print_info(const char *log_lvl);
void show_stack_lvl(const char *log_lvl, int skip);
void print_modules(void);
/* The letters of a module's taints ("O", "PO") into buf, unterminated; returns how many. */
size_t module_flags_taint(unsigned long taints, char *buf);
void print_oops_end_marker(void);
/* Called after a WARN-class report: panics when panic_on_warn=1. */
void check_panic_on_warn(const char *origin);
const char *ukmem_symbolize(const void *addr, char *buf, unsigned long size);
/* One call-trace frame: ret for a return address (named by the call before it); with
 * stacktrace_decode=1, "func (file:line …) module" as decode_stacktrace.sh prints it. */
const char *ukmem_symbolize_frame(const void *addr, bool ret, char *buf, unsigned long size);
/* Prints frames (return addresses) as call-trace lines, the C library's start-up
 * frames at the bottom left out. */
void print_stack_frames(const char *log_lvl, void *const *frames, int n);

#endif
