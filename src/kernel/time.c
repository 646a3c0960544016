/* kernel/time.c: jiffies and the delays. jiffies advance at HZ with the host's monotonic
 * clock, from INITIAL_JIFFIES at boot. msleep/usleep sleep in the host; udelay and
 * friends spin on the clock, as they may be used in atomic context. */
#include <time.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include "machine/initcalls.h"

static u64 boot_ns;	/* monotonic clock at boot; 0 until the first boot or tick read */

static u64 monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * NSEC_PER_SEC + (u64)ts.tv_nsec;
}

u64 get_jiffies_64(void)
{
	u64 base = __atomic_load_n(&boot_ns, __ATOMIC_RELAXED), zero = 0;

	if (unlikely(!base)) {
		base = monotonic_ns();
		if (!__atomic_compare_exchange_n(&boot_ns, &zero, base, false, __ATOMIC_RELAXED,
						 __ATOMIC_RELAXED))
			base = zero;
	}
	return INITIAL_JIFFIES + (monotonic_ns() - base) / TICK_NSEC;
}

int time_init(void)
{
	__atomic_store_n(&boot_ns, monotonic_ns(), __ATOMIC_RELAXED);
	return 0;
}


void ukmem_busy_wait_ns(u64 ns)
{
	u64 end = monotonic_ns() + ns;

	while (monotonic_ns() < end)
		__builtin_ia32_pause();
}

/* At least msecs, plus one tick, as the kernel's msleep guarantees. */
void ukmem_msleep(unsigned int msecs)
{
	long timeout = (long)msecs_to_jiffies(msecs) + 1;

	while (timeout)
		timeout = schedule_timeout_uninterruptible(timeout);
}

void ukmem_usleep(unsigned long usecs)
{
	struct timespec ts = { (time_t)(usecs / USEC_PER_SEC),
			       (long)(usecs % USEC_PER_SEC) * NSEC_PER_USEC };

	while (nanosleep(&ts, &ts))
		;
}
