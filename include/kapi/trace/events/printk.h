/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* trace/events/printk.h: the "console" tracepoint, as Linux 6.1 defines it: every
 * printk message is passed to its probes as (data, text, len), text being the message
 * without its level prefix and final newline (not NUL-terminated at len; a pr_cont()
 * piece is a message of its own). Probes run in the printing context (any context) and
 * must not printk. As in Linux, the tracepoint itself is not exported: a module reaches it
 * through for_each_kernel_tracepoint() and tracepoint_probe_register(); so
 * register_trace_console(), which names it, is not offered. */
#ifndef UKMEM_TRACE_EVENTS_PRINTK_H
#define UKMEM_TRACE_EVENTS_PRINTK_H

#include <linux/tracepoint.h>

/* Fails to compile unless cb has the console probe's type. */
static inline void check_trace_callback_type_console(void (*cb)(void *__data, const char *text,
								size_t len))
{
}

#endif
