/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/stackdepot.h: the stack depot (CONFIG_STACKDEPOT), where call traces are kept
 * once each and named by a 32-bit handle, so that a record of who allocated or freed an
 * object costs four bytes. A handle's top STACK_DEPOT_EXTRA_BITS bits are the caller's
 * own; 0 is no trace. Traces are never removed. */
#ifndef UKMEM_LINUX_STACKDEPOT_H
#define UKMEM_LINUX_STACKDEPOT_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/gfp.h>

typedef u32 depot_stack_handle_t;

#define STACK_DEPOT_EXTRA_BITS 5

depot_stack_handle_t __stack_depot_save(unsigned long *entries, unsigned int nr_entries,
					unsigned int extra_bits, gfp_t gfp_flags, bool can_alloc);
int stack_depot_init(void);
depot_stack_handle_t stack_depot_save(unsigned long *entries, unsigned int nr_entries,
				      gfp_t gfp_flags);
unsigned int stack_depot_fetch(depot_stack_handle_t handle, unsigned long **entries);
unsigned int stack_depot_get_extra_bits(depot_stack_handle_t handle);
int stack_depot_snprint(depot_stack_handle_t handle, char *buf, size_t size, int spaces);
void stack_depot_print(depot_stack_handle_t stack);

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/stackdepot.h> brings with it, once this header is complete. */
#include <linux/linkage.h>
#include <linux/notifier.h>
#include <linux/page-flags.h>
#include <linux/prandom.h>
#endif
#endif
