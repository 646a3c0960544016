/* linux/hardirq.h: interrupt context tests (linux/preempt.h) and irq_enter/irq_exit,
 * which put the calling thread in and out of hardirq context. */
#ifndef UKMEM_LINUX_HARDIRQ_H
#define UKMEM_LINUX_HARDIRQ_H

#include <linux/preempt.h>
#include <linux/irqflags.h>

#define irq_enter()	do { local_irq_disable(); __preempt_count_add(HARDIRQ_OFFSET); } while (0)
#define irq_exit()	do { __preempt_count_sub(HARDIRQ_OFFSET); local_irq_enable(); } while (0)
#define lockdep_assert_in_irq()	do { } while (0)

#endif
