/* linux/irqflags.h: "interrupts" on a ukmem thread are a per-thread flag; disabling them
 * makes the context atomic exactly as in the kernel. flags hold the previous state. */
#ifndef UKMEM_LINUX_IRQFLAGS_H
#define UKMEM_LINUX_IRQFLAGS_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/sched.h>

#define local_irq_disable()	do { current->irqs_off = true; barrier(); } while (0)
#define local_irq_enable()	do { barrier(); current->irqs_off = false; } while (0)
#define local_irq_save(flags)	do { (flags) = current->irqs_off; local_irq_disable(); } while (0)
#define local_irq_restore(flags) do { barrier(); current->irqs_off = (flags); } while (0)
#define local_save_flags(flags)	do { (flags) = current->irqs_off; } while (0)
#define irqs_disabled()		(current->irqs_off)
#define irqs_disabled_flags(flags) (!!(flags))
#define raw_local_irq_save	local_irq_save
#define raw_local_irq_restore	local_irq_restore

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/irqflags.h> brings with it, once this header is complete. */
#include <linux/atomic.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/percpu-defs.h>
#endif
#endif
