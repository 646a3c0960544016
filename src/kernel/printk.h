/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* kernel/printk.h: the log's internal entry points for boot and shutdown. */
#ifndef UKMEM_KERNEL_PRINTK_H
#define UKMEM_KERNEL_PRINTK_H
void printk_init(void);
void printk_defer_console(void);
void printk_flush_deferred(void);
void printk_clear(void);
void printk_reset_clock(void);
unsigned long long printk_clock_usec(void);
#endif
