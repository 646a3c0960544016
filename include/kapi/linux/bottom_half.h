/* linux/bottom_half.h: disabling "softirqs" on this thread, counted in the preempt count
 * (so the context is atomic and in_softirq() is true until re-enabled). */
#ifndef UKMEM_LINUX_BOTTOM_HALF_H
#define UKMEM_LINUX_BOTTOM_HALF_H

#include <linux/preempt.h>

#define local_bh_disable()	__preempt_count_add(SOFTIRQ_DISABLE_OFFSET)
#define local_bh_enable()	__preempt_count_sub(SOFTIRQ_DISABLE_OFFSET)

#endif
