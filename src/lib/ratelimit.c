/* lib/ratelimit.c: the ratelimit window. interval 0 means no limit. */
#include <linux/jiffies.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>

int ___ratelimit(struct ratelimit_state *rs, const char *func)
{
	unsigned long now = jiffies;
	int allowed;

	if (!rs->interval)
		return 1;
	if (!raw_spin_trylock(&rs->lock))
		return 0;
	if (!rs->begin)
		rs->begin = now;
	if (time_is_before_jiffies(rs->begin + (unsigned long)rs->interval)) {
		if (rs->missed)
			printk(KERN_WARNING "%s: %d callbacks suppressed\n", func, rs->missed);
		rs->begin = now;
		rs->printed = 0;
		rs->missed = 0;
	}
	allowed = rs->burst && rs->burst > rs->printed;
	if (allowed)
		rs->printed++;
	else
		rs->missed++;
	raw_spin_unlock(&rs->lock);
	return allowed;
}
