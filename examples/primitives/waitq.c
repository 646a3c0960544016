// SPDX-License-Identifier: LGPL-2.1-or-later
/* waitq: waiting for events -- a completion signalled and waited for, a wait queue
 * with a timeout that expires, and jiffies/msleep arithmetic. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/module.h>
#include <linux/wait.h>
#include <linux/completion.h>
#include <linux/jiffies.h>
#include <linux/delay.h>
#include <linux/ktime.h>

static DECLARE_WAIT_QUEUE_HEAD(event_wait);
static DECLARE_COMPLETION(setup_done);
static int event_ready;

static int __init waitq_init(void)
{
	unsigned long start = jiffies;
	ktime_t t0 = ktime_get();
	long left;

	complete(&setup_done);
	if (!wait_for_completion_timeout(&setup_done, msecs_to_jiffies(100)))
		return -ETIMEDOUT;
	left = wait_event_timeout(event_wait, READ_ONCE(event_ready), msecs_to_jiffies(8));
	if (left)
		return -EINVAL;		/* nobody set event_ready: must time out */
	msleep(4);
	if (!time_after(jiffies, start))
		return -EINVAL;
	pr_info("waited %lld us, %lu jiffies at HZ=%d\n", ktime_us_delta(ktime_get(), t0),
		jiffies - start, HZ);
	return 0;
}

static void __exit waitq_exit(void)
{
	WRITE_ONCE(event_ready, 1);
	wake_up_all(&event_wait);
}

module_init(waitq_init);
module_exit(waitq_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("completions, wait queues and time");
