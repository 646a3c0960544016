/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* asm/timex.h: get_cycles() (asm/tsc.h). */
#ifndef UKMEM_ASM_TIMEX_H
#define UKMEM_ASM_TIMEX_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <asm/tsc.h>

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <asm/timex.h> brings with it, once this header is complete. */
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
#include <linux/tracepoint-defs.h>
#endif
#endif
