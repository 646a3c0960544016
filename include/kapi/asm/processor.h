/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* asm/processor.h: cpu_relax(), the pause hint for busy-wait loops. */
#ifndef UKMEM_ASM_PROCESSOR_H
#define UKMEM_ASM_PROCESSOR_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#define cpu_relax()	__builtin_ia32_pause()

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <asm/processor.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
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
