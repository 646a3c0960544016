// SPDX-License-Identifier: LGPL-2.1-or-later
/* ukmem_poll woken from interrupt context: a device whose events come from a timer_list
 * callback (softirq), an hrtimer callback (hardirq, and softirq with HRTIMER_MODE_SOFT)
 * and an interrupt handler on a line the test raises. Each time the poller is asleep on
 * the device's queue before the event is made, the callback's context is recorded, and
 * the poll must return the event (the timeouts are generous: nothing here depends on how
 * fast the machine is). */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <ukmem.h>
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/miscdevice.h>
#include <linux/poll.h>
#include <linux/timer.h>
#include <linux/wait.h>

#define POLL_TIMEOUT_MS	60000
#define EVENT_IRQ	6

static struct {
	wait_queue_head_t wq;
	int ready;		/* events made, not yet read */
	int polls;		/* calls of ->poll */
	int fired;		/* events made */
	bool hardirq, softirq, task;	/* the last event's context */
	struct timer_list timer;
	struct hrtimer hrtimer;
} ev;

/* What every source does: note the context, make the event, wake the pollers. */
static void make_event(void)
{
	ev.hardirq = in_hardirq();
	ev.softirq = in_serving_softirq();
	ev.task = in_task();
	__atomic_add_fetch(&ev.ready, 1, __ATOMIC_RELEASE);
	__atomic_add_fetch(&ev.fired, 1, __ATOMIC_RELEASE);
	wake_up_interruptible_poll(&ev.wq, EPOLLIN | EPOLLRDNORM);
}

static void event_timer(struct timer_list *t)
{
	make_event();
}

static enum hrtimer_restart event_hrtimer(struct hrtimer *t)
{
	make_event();
	return HRTIMER_NORESTART;
}

static irqreturn_t event_irq(int irq, void *dev_id)
{
	cr_assert_eq(dev_id, &ev);
	make_event();
	return IRQ_HANDLED;
}

static __poll_t ukevent_poll(struct file *file, poll_table *wait)
{
	poll_wait(file, &ev.wq, wait);
	__atomic_add_fetch(&ev.polls, 1, __ATOMIC_RELAXED);
	return __atomic_load_n(&ev.ready, __ATOMIC_ACQUIRE) ? EPOLLIN | EPOLLRDNORM : 0;
}

static ssize_t ukevent_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	int n = __atomic_exchange_n(&ev.ready, 0, __ATOMIC_ACQ_REL);

	return n ? min_t(ssize_t, n, count) : -EAGAIN;
}

static const struct file_operations ukevent_fops = {
	.poll = ukevent_poll, .read = ukevent_read,
};
static struct miscdevice ukevent_misc = {
	.minor = MISC_DYNAMIC_MINOR, .name = "ukevent", .fops = &ukevent_fops,
};

static int event_fd;

static void event_up(void)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	memset(&ev, 0, sizeof(ev));
	init_waitqueue_head(&ev.wq);
	cr_assert_eq(misc_register(&ukevent_misc), 0);
	event_fd = ukmem_open("/dev/ukevent", O_RDONLY);
	cr_assert_geq(event_fd, 0);
}

static void event_down(void)
{
	cr_assert_eq(ukmem_close(event_fd), 0);
	misc_deregister(&ukevent_misc);
	ukmem_shutdown();
}

enum source { SRC_TIMER, SRC_HRTIMER, SRC_HRTIMER_SOFT, SRC_IRQ };

/* Waits (boundedly) until the poller is on the queue, then starts the source. */
static void *trigger(void *arg)
{
	enum source src = (enum source)(long)arg;

	for (int i = 0; i < POLL_TIMEOUT_MS && !waitqueue_active(&ev.wq); i++)
		msleep(1);
	switch (src) {
	case SRC_TIMER:
		mod_timer(&ev.timer, jiffies + 1);
		break;
	case SRC_HRTIMER:
		hrtimer_start(&ev.hrtimer, ms_to_ktime(2), HRTIMER_MODE_REL);
		break;
	case SRC_HRTIMER_SOFT:
		hrtimer_start(&ev.hrtimer, ms_to_ktime(2), HRTIMER_MODE_REL_SOFT);
		break;
	case SRC_IRQ:
		ukmem_irq_raise(EVENT_IRQ);
		break;
	}
	return NULL;
}

/* Polls with nothing ready, lets the source fire while the poller sleeps, and checks
 * that the poll came back with the event, once. */
static void poll_woken_by(enum source src)
{
	struct pollfd pfd = { .fd = event_fd, .events = POLLIN };
	pthread_t thread;
	char buf[4];

	cr_assert_eq(ukmem_poll(&pfd, 1, 0), 0, "nothing ready yet");
	cr_assert_eq(pfd.revents, 0);
	cr_assert(!waitqueue_active(&ev.wq), "a finished poll leaves the queue");
	int polls = ev.polls;
	pthread_create(&thread, NULL, trigger, (void *)(long)src);
	cr_assert_eq(ukmem_poll(&pfd, 1, POLL_TIMEOUT_MS), 1, "woken by the event");
	cr_assert_eq(pfd.revents, POLLIN);
	pthread_join(thread, NULL);
	cr_assert_eq(__atomic_load_n(&ev.fired, __ATOMIC_ACQUIRE), 1);
	cr_assert_geq(ev.polls - polls, 1);
	cr_assert(!waitqueue_active(&ev.wq), "the poller's entry is gone");
	cr_assert_eq(ukmem_read(event_fd, buf, sizeof(buf)), 1, "one event to read");
	cr_assert_eq(ukmem_poll(&pfd, 1, 0), 0, "and nothing more");
}

Test(poll_wakeups, from_a_timer_list_callback)
{
	event_up();
	timer_setup(&ev.timer, event_timer, 0);
	poll_woken_by(SRC_TIMER);
	cr_assert(ev.softirq && !ev.hardirq && !ev.task, "TIMER_SOFTIRQ ran the callback");
	del_timer_sync(&ev.timer);
	event_down();
}

/* A hard or soft hrtimer (mode) as the source. */
static void poll_woken_by_hrtimer(enum hrtimer_mode mode, enum source src)
{
	event_up();
	hrtimer_init(&ev.hrtimer, CLOCK_MONOTONIC, mode);
	ev.hrtimer.function = event_hrtimer;
	poll_woken_by(src);
	hrtimer_cancel(&ev.hrtimer);
	event_down();
}

Test(poll_wakeups, from_an_hrtimer_callback)
{
	poll_woken_by_hrtimer(HRTIMER_MODE_REL, SRC_HRTIMER);
	cr_assert(ev.hardirq && !ev.task, "a hard hrtimer runs in hardirq context");
}

Test(poll_wakeups, from_a_soft_hrtimer_callback)
{
	poll_woken_by_hrtimer(HRTIMER_MODE_REL_SOFT, SRC_HRTIMER_SOFT);
	cr_assert(ev.softirq && !ev.hardirq && !ev.task, "HRTIMER_SOFTIRQ ran the callback");
}

Test(poll_wakeups, from_an_interrupt_handler)
{
	event_up();
	cr_assert_eq(request_irq(EVENT_IRQ, event_irq, 0, "ukevent", &ev), 0);
	poll_woken_by(SRC_IRQ);
	cr_assert(ev.hardirq && !ev.task, "the handler ran in hardirq context");
	free_irq(EVENT_IRQ, &ev);
	event_down();
}
