/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* asm/kfence.h: the architecture's part of KFENCE. Linux 6.1's x86 header gives the
 * kernel two hooks (making the pool's pages 4 KiB mappings, opening or closing one page)
 * and modules nothing; in ukmem both are the KFENCE core's own business
 * (src/mm/kfence/core.c closes a page by clearing its direct-map pte's present bit and
 * making its host page inaccessible, after splitting the pool to 4 KiB ptes), so this
 * header brings only what Linux's brings with it. arch_kfence_test_address() is not
 * defined: addresses in reports are the addresses accessed, as on x86. */
#ifndef UKMEM_ASM_KFENCE_H
#define UKMEM_ASM_KFENCE_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/bug.h>
#include <linux/hardirq.h>
#include <linux/kfence.h>
#include <linux/kmsan.h>
#include <linux/mm.h>

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <asm/kfence.h> brings with it, once this header is complete. */
#include <linux/fs.h>
#include <linux/ioport.h>
#include <linux/linkage.h>
#include <linux/pgtable.h>
#include <linux/stackdepot.h>
#include <linux/stacktrace.h>
#include <linux/vmstat.h>
#endif
#endif
