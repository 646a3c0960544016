/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* kernel/printk.h: the log's internal entry points for boot and shutdown. */
#ifndef UKMEM_KERNEL_PRINTK_H
#define UKMEM_KERNEL_PRINTK_H
#include <stddef.h>
#include <linux/tracepoint.h>
void printk_init(void);
void printk_defer_console(void);
void printk_flush_deferred(void);
void printk_clear(void);
void printk_reset_clock(void);
unsigned long long printk_clock_usec(void);
/* kernel/tracepoint.c: the "console" tracepoint (<trace/events/printk.h>), and a call
 * of its probes with one message. */
extern struct tracepoint __tracepoint_console;
void trace_console_probes(const char *text, size_t len);
static inline bool trace_console_enabled(void)
{
	return static_key_false(&__tracepoint_console.key);
}
#endif
