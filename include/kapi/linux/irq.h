/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/irq.h: interrupt line types. ukmem's lines are the IO-APIC's: 0-15 edge
 * triggered (the PC's ISA devices), 16-23 level triggered ("fasteoi", where the PC's
 * PCI devices are). Chips and flow handlers are ukmem's own (kernel/irq_chip.c); drivers
 * use linux/interrupt.h. */
#ifndef UKMEM_LINUX_IRQ_H
#define UKMEM_LINUX_IRQ_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/irqreturn.h>
#include <linux/irqnr.h>

enum {
	IRQ_TYPE_NONE		= 0x00000000,
	IRQ_TYPE_EDGE_RISING	= 0x00000001,
	IRQ_TYPE_EDGE_FALLING	= 0x00000002,
	IRQ_TYPE_EDGE_BOTH	= (IRQ_TYPE_EDGE_FALLING | IRQ_TYPE_EDGE_RISING),
	IRQ_TYPE_LEVEL_HIGH	= 0x00000004,
	IRQ_TYPE_LEVEL_LOW	= 0x00000008,
	IRQ_TYPE_LEVEL_MASK	= (IRQ_TYPE_LEVEL_LOW | IRQ_TYPE_LEVEL_HIGH),
	IRQ_TYPE_SENSE_MASK	= 0x0000000f,
	IRQ_TYPE_DEFAULT	= IRQ_TYPE_SENSE_MASK,
	IRQ_TYPE_PROBE		= 0x00000010,
};

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/irq.h> brings with it, once this header is complete. */
#include <asm/processor.h>
#include <linux/byteorder/generic.h>
#include <linux/completion.h>
#include <linux/export.h>
#include <linux/hrtimer.h>
#include <linux/idr.h>
#include <linux/io.h>
#include <linux/kasan.h>
#include <linux/kernfs.h>
#include <linux/kmsan-checks.h>
#include <linux/kobject.h>
#include <linux/kref.h>
#include <linux/linkage.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/notifier.h>
#include <linux/page-flags.h>
#include <linux/percpu.h>
#include <linux/prandom.h>
#include <linux/rbtree.h>
#include <linux/rculist.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#include <linux/uidgid.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>
#endif
#endif
