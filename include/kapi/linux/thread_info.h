/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/thread_info.h: check_object_size(), HARDENED_USERCOPY's test that a kernel buffer
 * handed to copy_to_user/copy_from_user lies inside one object: a slab object's usercopy
 * region, one vmalloc area, one page block. A bad copy is a kernel BUG
 * (mm/usercopy.c); hardened_usercopy=0 turns the test off. */
#ifndef UKMEM_LINUX_THREAD_INFO_H
#define UKMEM_LINUX_THREAD_INFO_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/compiler.h>
#include <linux/types.h>

extern bool hardened_usercopy_enabled;
void __check_object_size(const void *ptr, unsigned long n, bool to_user);

static inline void check_object_size(const void *ptr, unsigned long n, bool to_user)
{
	if (hardened_usercopy_enabled)
		__check_object_size(ptr, n, to_user);
}

#define THREAD_ALIGN	THREAD_SIZE

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/thread_info.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/atomic.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/numa.h>
#include <linux/overflow.h>
#include <linux/percpu-defs.h>
#include <linux/static_key.h>
#include <linux/time64.h>
#include <linux/tracepoint-defs.h>
#endif
#endif
