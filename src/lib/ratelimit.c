// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/ratelimit.c: the ratelimit window (<linux/ratelimit_types.h>). At most burst
 * events pass per interval jiffies (interval 0: no limit); the first event of a new
 * window reports how many the last one suppressed, "<func>: N callbacks suppressed",
 * unless the state reports them on release (RATELIMIT_MSG_ON_RELEASE). Invariant: the
 * state changes only under its lock; a caller that finds the lock taken is suppressed
 * without being counted, as in the kernel. A window that begins after now was opened
 * before a re-boot reset jiffies: it starts again. */
#include <linux/export.h>
#include <linux/jiffies.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>

/**
 * ___ratelimit - whether an event may go now
 * @rs: the state of this kind of event
 * @func: the caller's name, for the "callbacks suppressed" line
 *
 * Context: any; does not sleep. Return: nonzero when the event may go.
 */
int ___ratelimit(struct ratelimit_state *rs, const char *func)
{
	int interval = READ_ONCE(rs->interval), burst = READ_ONCE(rs->burst);
	unsigned long now = jiffies;
	int allowed;

	if (!interval)
		return 1;
	if (!raw_spin_trylock(&rs->lock))
		return 0;
	if (!rs->begin || time_after(rs->begin, now))	/* new, or from an earlier boot */
		rs->begin = now;
	if (time_is_before_jiffies(rs->begin + (unsigned long)interval)) {
		if (rs->missed && !(rs->flags & RATELIMIT_MSG_ON_RELEASE)) {
			printk(KERN_WARNING "%s: %d callbacks suppressed\n", func, rs->missed);
			rs->missed = 0;
		}
		rs->begin = now;
		rs->printed = 0;
	}
	allowed = burst && burst > rs->printed;
	if (allowed)
		rs->printed++;
	else
		rs->missed++;
	raw_spin_unlock(&rs->lock);
	return allowed;
}
EXPORT_SYMBOL(___ratelimit);
