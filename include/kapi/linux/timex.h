/* linux/timex.h: the cycle counter (get_cycles) and the clock's tick constants. */
#ifndef UKMEM_LINUX_TIMEX_H
#define UKMEM_LINUX_TIMEX_H

#include <asm/timex.h>
#include <linux/jiffies.h>

#define random_get_entropy()	((unsigned long)get_cycles())

#endif
