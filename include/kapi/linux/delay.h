/* linux/delay.h: delays. udelay/ndelay/mdelay busy-wait and are allowed in atomic
 * context; msleep, usleep_range, ssleep and fsleep sleep and are sleeping calls,
 * reported from atomic context at the caller's line. */
#ifndef UKMEM_LINUX_DELAY_H
#define UKMEM_LINUX_DELAY_H

#include <linux/kernel.h>
#include <linux/jiffies.h>

void ukmem_busy_wait_ns(u64 ns);
void ukmem_msleep(unsigned int msecs);
void ukmem_usleep(unsigned long usecs);

#define ndelay(n)	ukmem_busy_wait_ns((u64)(n))
#define udelay(n)	ukmem_busy_wait_ns((u64)(n) * NSEC_PER_USEC)
#define mdelay(n)	ukmem_busy_wait_ns((u64)(n) * NSEC_PER_MSEC)
#define msleep(ms)	do { might_sleep(); ukmem_msleep(ms); } while (0)
unsigned long msleep_interruptible(unsigned int msecs);
#define ssleep(s)	msleep((s) * 1000)
#define usleep_range(min, max)	do { might_sleep(); ukmem_usleep(min); } while (0)
#define usleep_range_state(min, max, state)	usleep_range(min, max)
#define usleep_idle_range(min, max)	usleep_range(min, max)
#define fsleep(usecs)	usleep_range(usecs, (usecs) * 2)

#endif
