// SPDX-License-Identifier: LGPL-2.1-or-later
/* Signals ending a driver's sleep, as in Linux 6.1: a reader asleep in the driver
 * (wait_event_interruptible, poll, mutex_lock_interruptible, down_interruptible,
 * wait_for_completion_interruptible, msleep_interruptible) gets a signal from another
 * thread; the driver sees -ERESTARTSYS (or -EINTR, or time left), the caller -1/EINTR
 * after its handler ran, the driver's state is as it was and the next call works. A
 * handler with SA_RESTART restarts the read; poll is never restarted. A killable wait
 * ignores a handled signal and ends for a fatal one (in a child that dies of it).
 * Threads that are not user callers never take a signal. Every wait for the other
 * thread is bounded by a generous timeout: nothing depends on how fast the machine is. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/miscdevice.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/semaphore.h>
#include <linux/timer.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include "child.h"

#define WAIT_MS		60000	/* the bound on every wait for another thread */

enum { SIG_MUTEX = 0x100, SIG_DOWN, SIG_COMPLETION, SIG_MSLEEP, SIG_KILLABLE };

static struct {
	wait_queue_head_t wq;
	unsigned int produced, consumed;	/* items made and read (the stress test) */
	bool killable;			/* read waits with wait_event_killable */
	struct task_struct *reader;	/* the task in the last read or ioctl */
	int entries;			/* calls of read */
	int interrupted;		/* waits that ended with -ERESTARTSYS or -EINTR */
	long last;			/* the last wait's result */
	unsigned long msleep_left;
	struct mutex lock;
	struct semaphore sem;
	struct completion done;
	struct timer_list timer;
	bool producing;
	int raise_in_driver;		/* 1: before any sleep, 2: after a first one */
	int handled_in_driver;
} dev;

static int sig_fd;
static volatile sig_atomic_t handled;
static int handled_count;
static pid_t handler_tid;

/* ThreadSanitizer: the killable test's child starts a thread after fork (TSan's fork
 * handling keeps its own state consistent). */
const char *__tsan_default_options(void);
const char *__tsan_default_options(void)
{
	return "die_after_fork=0";
}

/* Where a child records what its driver saw before it dies (shared with the parent). */
static long *shared;

static bool data_ready(void)
{
	return __atomic_load_n(&dev.consumed, __ATOMIC_ACQUIRE) !=
	       __atomic_load_n(&dev.produced, __ATOMIC_ACQUIRE);
}

static ssize_t uksig_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	unsigned int item;
	long ret;

	__atomic_store_n(&dev.reader, current, __ATOMIC_RELEASE);
	__atomic_add_fetch(&dev.entries, 1, __ATOMIC_SEQ_CST);
	if ((file->f_flags & O_NONBLOCK) && !data_ready())
		return -EAGAIN;
	if (dev.killable)
		ret = wait_event_killable(dev.wq, data_ready());
	else
		ret = wait_event_interruptible(dev.wq, data_ready());
	__atomic_store_n(&dev.last, ret, __ATOMIC_SEQ_CST);
	if (shared)
		shared[0] = ret, shared[1] = 1;
	if (ret) {
		__atomic_add_fetch(&dev.interrupted, 1, __ATOMIC_SEQ_CST);
		return ret;
	}
	item = __atomic_fetch_add(&dev.consumed, 1, __ATOMIC_ACQ_REL);
	if (copy_to_user(buf, &item, min_t(size_t, count, sizeof(item))))
		return -EFAULT;
	return (ssize_t)min_t(size_t, count, sizeof(item));
}

static __poll_t uksig_poll(struct file *file, poll_table *wait)
{
	__atomic_store_n(&dev.reader, current, __ATOMIC_RELEASE);
	poll_wait(file, &dev.wq, wait);
	return data_ready() ? EPOLLIN | EPOLLRDNORM : 0;
}

static long uksig_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	long ret = 0;

	__atomic_store_n(&dev.reader, current, __ATOMIC_RELEASE);
	switch (cmd) {
	case SIG_MUTEX:
		ret = mutex_lock_interruptible(&dev.lock);
		if (!ret)
			mutex_unlock(&dev.lock);
		break;
	case SIG_DOWN:
		ret = down_interruptible(&dev.sem);
		break;
	case SIG_COMPLETION:
		ret = wait_for_completion_interruptible(&dev.done);
		break;
	case SIG_MSLEEP:
		if (dev.raise_in_driver == 2)
			msleep_interruptible(1);	/* a first sleep: signals held from here */
		if (dev.raise_in_driver) {
			raise(SIGUSR1);		/* sent before the long sleep starts */
			dev.handled_in_driver = __atomic_load_n(&handled_count, __ATOMIC_SEQ_CST);
		}
		dev.msleep_left = msleep_interruptible(arg ? (unsigned int)arg : WAIT_MS);
		ret = dev.msleep_left ? -ERESTARTSYS : 0;
		break;
	default:
		return -ENOTTY;
	}
	__atomic_store_n(&dev.last, ret, __ATOMIC_SEQ_CST);
	if (ret)
		__atomic_add_fetch(&dev.interrupted, 1, __ATOMIC_SEQ_CST);
	return ret;
}

static const struct file_operations uksig_fops = {
	.read = uksig_read, .poll = uksig_poll, .unlocked_ioctl = uksig_ioctl,
};
static struct miscdevice uksig_misc = {
	.minor = MISC_DYNAMIC_MINOR, .name = "uksig", .fops = &uksig_fops,
};


static void on_signal(int sig)
{
	handled = sig;
	__atomic_add_fetch(&handled_count, 1, __ATOMIC_SEQ_CST);
	__atomic_store_n(&handler_tid, gettid(), __ATOMIC_SEQ_CST);
}

static void install(int sig, int flags)
{
	struct sigaction sa = { .sa_handler = on_signal, .sa_flags = flags };

	sigemptyset(&sa.sa_mask);
	cr_assert_eq(sigaction(sig, &sa, NULL), 0);
}

static void produce_one(void)
{
	__atomic_add_fetch(&dev.produced, 1, __ATOMIC_ACQ_REL);
	wake_up(&dev.wq);	/* wake_up_interruptible would leave a killable sleeper asleep */
}

static void producer_tick(struct timer_list *t)
{
	produce_one();
	if (READ_ONCE(dev.producing))
		mod_timer(&dev.timer, jiffies + 1);
}

static void sig_up(void)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	memset(&dev, 0, sizeof(dev));
	init_waitqueue_head(&dev.wq);
	mutex_init(&dev.lock);
	sema_init(&dev.sem, 0);
	init_completion(&dev.done);
	timer_setup(&dev.timer, producer_tick, 0);
	cr_assert_eq(misc_register(&uksig_misc), 0);
	sig_fd = ukmem_open("/dev/uksig", O_RDWR);
	cr_assert_geq(sig_fd, 0);
	handled = 0;
	handled_count = 0;
	install(SIGUSR1, 0);
}

static void sig_down(void)
{
	WRITE_ONCE(dev.producing, false);
	del_timer_sync(&dev.timer);
	cr_assert_eq(ukmem_close(sig_fd), 0);
	misc_deregister(&uksig_misc);
	signal(SIGUSR1, SIG_DFL);
	ukmem_shutdown();
}

/* True once cond held, polling every millisecond for at most WAIT_MS. */
#define wait_until(cond) ({						\
	bool __ok = false;						\
	for (int __i = 0; __i < WAIT_MS && !(__ok = (cond)); __i++)	\
		usleep(1000);						\
	__ok;								\
})

/* The task of the last caller, once it sleeps where a signal can end the sleep. */
static bool caller_asleep(void)
{
	struct task_struct *task = __atomic_load_n(&dev.reader, __ATOMIC_ACQUIRE);

	return task && __atomic_load_n(&task->ukmem_sleep_poll, __ATOMIC_SEQ_CST);
}

struct call {
	int what;		/* 0: read, 1: poll, else an ioctl command */
	long ret;
	int err;
	unsigned int item;
	int revents;
	int timeout;		/* poll's */
	bool finished;
};

static void *caller(void *arg)
{
	struct call *c = arg;

	if (c->what == 0) {
		c->ret = ukmem_read(sig_fd, &c->item, sizeof(c->item));
	} else if (c->what == 1) {
		struct pollfd pfd = { .fd = sig_fd, .events = POLLIN };

		c->ret = ukmem_poll(&pfd, 1, c->timeout);
		c->revents = pfd.revents;
	} else {
		c->ret = ukmem_ioctl(sig_fd, (unsigned long)c->what, 0);
	}
	c->err = errno;
	__atomic_store_n(&c->finished, true, __ATOMIC_SEQ_CST);
	return NULL;
}

/* Starts c on a new thread, waits until it sleeps in the driver, sends it sig and
 * joins it. */
static void interrupt_call(struct call *c, int sig)
{
	pthread_t thread;

	__atomic_store_n(&dev.reader, NULL, __ATOMIC_RELEASE);
	cr_assert_eq(pthread_create(&thread, NULL, caller, c), 0);
	cr_assert(wait_until(caller_asleep()), "the call sleeps in the driver");
	cr_assert_not(__atomic_load_n(&c->finished, __ATOMIC_SEQ_CST));
	cr_assert_eq(pthread_kill(thread, sig), 0);
	cr_assert(wait_until(__atomic_load_n(&c->finished, __ATOMIC_SEQ_CST)),
		  "the signal ended the call");
	pthread_join(thread, NULL);
}

/* Interrupts a call of what with SIGUSR1: -1/EINTR, after the handler ran, and the
 * driver's wait said driver_ret. */
static void interrupted_with(int what, long driver_ret)
{
	struct call c = { .what = what };

	interrupt_call(&c, SIGUSR1);
	cr_assert_eq(c.ret, -1);
	cr_assert_eq(c.err, EINTR);
	cr_assert_eq(dev.last, driver_ret, "the driver's wait said %ld", driver_ret);
	cr_assert_eq(handled, SIGUSR1, "the handler ran before the call returned");
	cr_assert_eq(handled_count, 1);
}

TestSuite(signals, .init = sig_up, .fini = sig_down, .timeout = 600);

Test(signals, read_in_wait_event_interruptible_gives_eintr)
{
	unsigned int item;

	interrupted_with(0, -ERESTARTSYS);
	/* Nothing was lost or queued twice: the queue is empty, the counts unchanged. */
	cr_assert_not(waitqueue_active(&dev.wq));
	cr_assert_eq(dev.produced, 0);
	cr_assert_eq(dev.consumed, 0);
	cr_assert_eq(current->ukmem_syscall, 0);

	/* The next read works: data first, then a read from this thread. */
	produce_one();
	cr_assert_eq(ukmem_read(sig_fd, &item, sizeof(item)), sizeof(item));
	cr_assert_eq(item, 0);
	cr_assert_eq(dev.last, 0);
	cr_assert_eq(handled_count, 1, "no second handler call");
}

Test(signals, a_pending_signal_counts_only_if_the_callers_mask_lets_it_through)
{
	sigset_t usr1, old;

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &usr1, &old);
	raise(SIGUSR1);
	cr_assert_eq(ukmem_ioctl(sig_fd, SIG_MSLEEP, 20), 0, "blocked by the caller: no signal");
	cr_assert_eq(dev.msleep_left, 0, "the whole sleep");
	cr_assert_eq(handled_count, 0);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	cr_assert_eq(handled_count, 1);

	/* Sent inside the call after its first interruptible sleep: it stays pending, and
	 * the next sleep does not start. */
	dev.raise_in_driver = 2;
	cr_assert_eq(ukmem_ioctl(sig_fd, SIG_MSLEEP, WAIT_MS), -1);
	cr_assert_eq(errno, EINTR);
	cr_assert_eq(dev.handled_in_driver, 1, "not handled inside the driver");
	cr_assert_gt(dev.msleep_left, WAIT_MS - 1000, "the sleep ended at once");
	cr_assert_eq(handled_count, 2, "handled on the way out");
}

/* ukmem blocks a caller's signals only from its first interruptible sleep on (no host
 * call on the path of calls that do not sleep): one handled before is gone, as if it
 * had come just before the call. */
Test(signals, a_signal_handled_before_the_first_sleep_ends_no_sleep)
{
	dev.raise_in_driver = 1;
	cr_assert_eq(ukmem_ioctl(sig_fd, SIG_MSLEEP, 20), 0);
	cr_assert_eq(dev.handled_in_driver, 1, "handled at once");
	cr_assert_eq(dev.msleep_left, 0, "the whole sleep");
	cr_assert_eq(handled_count, 1);
}

Test(signals, sa_restart_restarts_the_read)
{
	struct call c = { .what = 0 };
	pthread_t thread;

	install(SIGUSR1, SA_RESTART);
	cr_assert_eq(pthread_create(&thread, NULL, caller, &c), 0);
	cr_assert(wait_until(caller_asleep()));
	cr_assert_eq(pthread_kill(thread, SIGUSR1), 0);
	cr_assert(wait_until(__atomic_load_n(&handled_count, __ATOMIC_SEQ_CST) == 1 &&
			     __atomic_load_n(&dev.entries, __ATOMIC_SEQ_CST) == 2 &&
			     caller_asleep()),
		  "the handler ran and the read sleeps again");
	cr_assert_not(__atomic_load_n(&c.finished, __ATOMIC_SEQ_CST), "restarted, not failed");
	cr_assert_eq(dev.interrupted, 1, "the driver's first wait was interrupted");
	produce_one();
	pthread_join(thread, NULL);
	cr_assert_eq(c.ret, sizeof(c.item));
	cr_assert_eq(c.item, 0);
	cr_assert_eq(dev.consumed, 1);
}

Test(signals, poll_gives_eintr_even_with_sa_restart)
{
	struct call c = { .what = 1, .timeout = -1 };
	struct call timed = { .what = 1, .timeout = WAIT_MS };
	struct pollfd pfd = { .fd = sig_fd, .events = POLLIN };

	interrupt_call(&c, SIGUSR1);
	cr_assert_eq(c.ret, -1);
	cr_assert_eq(c.err, EINTR);
	cr_assert_eq(handled_count, 1);
	install(SIGUSR1, SA_RESTART);
	interrupt_call(&timed, SIGUSR1);
	cr_assert_eq(timed.ret, -1, "poll is not restarted after a handler");
	cr_assert_eq(timed.err, EINTR);
	cr_assert_eq(handled_count, 2);
	cr_assert_not(waitqueue_active(&dev.wq), "the poll's entries are gone");
	produce_one();
	cr_assert_eq(ukmem_poll(&pfd, 1, WAIT_MS), 1);
	cr_assert_eq(pfd.revents, POLLIN);
}

Test(signals, mutex_lock_interruptible_gives_eintr)
{
	mutex_lock(&dev.lock);
	interrupted_with(SIG_MUTEX, -EINTR);
	cr_assert(mutex_is_locked(&dev.lock));
	cr_assert_eq(dev.lock.owner, current, "still this thread's");
	mutex_unlock(&dev.lock);
	cr_assert_eq(ukmem_ioctl(sig_fd, SIG_MUTEX, 0), 0);
	cr_assert_not(mutex_is_locked(&dev.lock));
}

Test(signals, down_interruptible_gives_eintr)
{
	interrupted_with(SIG_DOWN, -EINTR);
	cr_assert_eq(dev.sem.count, 0, "no unit taken");
	up(&dev.sem);
	cr_assert_eq(ukmem_ioctl(sig_fd, SIG_DOWN, 0), 0);
	cr_assert_eq(dev.sem.count, 0);
}

Test(signals, wait_for_completion_interruptible_gives_eintr)
{
	interrupted_with(SIG_COMPLETION, -ERESTARTSYS);
	cr_assert_not(waitqueue_active(&dev.done.wait), "the waiter left the queue");
	cr_assert_eq(dev.done.done, 0);
	complete(&dev.done);
	cr_assert_eq(ukmem_ioctl(sig_fd, SIG_COMPLETION, 0), 0);
	cr_assert_eq(dev.done.done, 0, "the completion was consumed");
}

Test(signals, msleep_interruptible_ends_early)
{
	interrupted_with(SIG_MSLEEP, -ERESTARTSYS);
	cr_assert_gt(dev.msleep_left, 0, "time was left");
	cr_assert_leq(dev.msleep_left, WAIT_MS + 1000 / HZ);
	cr_assert_eq(handled_count, 1);
}

/* In the child: a killable read that a handled SIGUSR1 does not end, then one that
 * SIGTERM (default action: the process ends) does. */
static pthread_t child_reader;

static void *child_signaller(void *arg)
{
	struct task_struct *task;
	int i;

	for (i = 0; i < WAIT_MS && !caller_asleep(); i++)
		usleep(1000);
	task = __atomic_load_n(&dev.reader, __ATOMIC_ACQUIRE);
	pthread_kill(child_reader, SIGUSR1);
	/* The sleeper saw SIGUSR1 and went back to sleep without watching it. */
	for (i = 0; i < WAIT_MS; i++, usleep(1000))
		if (caller_asleep() &&
		    !(__atomic_load_n(&task->ukmem_signal_fd_mask, __ATOMIC_SEQ_CST) &
		      (1UL << (SIGUSR1 - 1))))
			break;
	produce_one();
	for (i = 0; i < WAIT_MS && __atomic_load_n(&dev.entries, __ATOMIC_SEQ_CST) < 2; i++)
		usleep(1000);
	for (i = 0; i < WAIT_MS && !caller_asleep(); i++)
		usleep(1000);
	pthread_kill(child_reader, SIGTERM);
	return arg;
}

static void killable_child(void)
{
	unsigned int item;
	pthread_t signaller;

	dev.killable = true;
	child_reader = pthread_self();
	if (pthread_create(&signaller, NULL, child_signaller, NULL))
		_exit(2);
	if (ukmem_read(sig_fd, &item, sizeof(item)) != sizeof(item) || item != 0)
		_exit(3);	/* SIGUSR1 ended the killable wait */
	/* Its handler ran as the read returned (ThreadSanitizer runs it a little later). */
	for (int i = 0; i < WAIT_MS && !__atomic_load_n(&handled_count, __ATOMIC_SEQ_CST); i++)
		usleep(1000);
	shared[2] = handled_count;
	__atomic_store_n(&dev.reader, NULL, __ATOMIC_RELEASE);
	ukmem_read(sig_fd, &item, sizeof(item));	/* SIGTERM ends it, and the process */
	_exit(4);
}

Test(signals, wait_event_killable_ends_only_for_a_fatal_signal)
{
	char out[4096];

	shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	cr_assert_neq(shared, MAP_FAILED);
	cr_assert_eq(run_in_child(killable_child, out, sizeof(out)), 128 + SIGTERM, "%s", out);
	cr_assert_eq(shared[2], 1, "SIGUSR1 was kept and handled once (%ld)", shared[2]);
	cr_assert_eq(shared[1], 1);
	cr_assert_eq(shared[0], -ERESTARTSYS, "the killable wait ended for SIGTERM");
	munmap(shared, 4096);
	shared = NULL;
}

/* A signal sent to the process while every user thread blocks it waits for one: the
 * kthreads (CPUs, workers, timers) never run its handler. */
Test(signals, kthreads_take_no_signal)
{
	sigset_t usr1, old, pending;

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &usr1, &old);
	cr_assert_eq(kill(getpid(), SIGUSR1), 0);
	msleep(20);	/* a tick or more: every CPU thread has had its chance */
	cr_assert_eq(handled_count, 0);
	cr_assert_eq(sigpending(&pending), 0);
	cr_assert(sigismember(&pending, SIGUSR1), "still the process's, pending");
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	cr_assert_eq(handled_count, 1);
	cr_assert_eq(handler_tid, gettid());
}

/* The caller, with SIGUSR1 let through (the test's thread blocks it). */
static void *unblocked_caller(void *arg)
{
	sigset_t usr1;

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	pthread_sigmask(SIG_UNBLOCK, &usr1, NULL);
	return caller(arg);
}

/* kill() to the process, while every other thread blocks SIGUSR1: the signal waits in
 * the process's pending set, which the sleeping caller watches too. */
Test(signals, a_signal_sent_to_the_process_ends_the_callers_sleep)
{
	struct call c = { .what = 0 };
	sigset_t usr1, old;
	pthread_t thread;

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &usr1, &old);
	cr_assert_eq(pthread_create(&thread, NULL, unblocked_caller, &c), 0);
	cr_assert(wait_until(caller_asleep()));
	cr_assert_eq(kill(getpid(), SIGUSR1), 0);
	cr_assert(wait_until(__atomic_load_n(&c.finished, __ATOMIC_SEQ_CST)));
	pthread_join(thread, NULL);
	cr_assert_eq(c.ret, -1);
	cr_assert_eq(c.err, EINTR);
	cr_assert_eq(dev.last, -ERESTARTSYS);
	cr_assert_eq(handled_count, 1);
	cr_assert_neq(handler_tid, gettid(), "handled on the caller's thread");
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	cr_assert_eq(handled_count, 1, "delivered once");
}

static int kthread_waiter(void *arg)
{
	int ret = wait_event_interruptible(dev.wq, data_ready());

	__atomic_store_n(&dev.last, ret, __ATOMIC_SEQ_CST);
	while (!kthread_should_stop())
		msleep(1);
	return ret;
}

Test(signals, a_kthreads_interruptible_wait_is_not_interrupted)
{
	struct task_struct *k;

	dev.last = 1;
	k = kthread_run(kthread_waiter, NULL, "uksig");
	cr_assert_not(IS_ERR(k));
	cr_assert(wait_until(waitqueue_active(&dev.wq)));
	cr_assert_eq(tgkill(getpid(), k->pid, SIGUSR1), 0);
	cr_assert_eq(signal_pending(k), 0, "another task's signals are not seen");
	msleep(20);
	cr_assert_eq(__atomic_load_n(&dev.last, __ATOMIC_SEQ_CST), 1, "still waiting");
	produce_one();
	cr_assert(wait_until(__atomic_load_n(&dev.last, __ATOMIC_SEQ_CST) != 1));
	cr_assert_eq(dev.last, 0, "woken by the data, not the signal");
	cr_assert_eq(kthread_stop(k), 0);
	cr_assert_eq(handled_count, 0, "the handler never ran on the kthread");
}

/* 1000 queued signals at a thread doing blocking reads of items a timer makes: each
 * read returns the next item or EINTR, none is lost or read twice, none hangs. */
#define STRESS_SIGNALS	1000
#define STRESS_MIN_ITEMS	200

static struct {
	bool signals_done;
	unsigned int next;
	int eintr;
	int bad;
} stress;

static void *stress_reader(void *arg)
{
	unsigned int item;

	while (!__atomic_load_n(&stress.signals_done, __ATOMIC_SEQ_CST) ||
	       stress.next < STRESS_MIN_ITEMS) {
		ssize_t n = ukmem_read(sig_fd, &item, sizeof(item));

		if (n < 0 && errno == EINTR)
			stress.eintr++;
		else if (n != sizeof(item) || item != stress.next++)
			stress.bad++;
	}
	return arg;
}

Test(signals, a_thousand_signals_at_a_blocking_reader)
{
	int sig = SIGRTMIN + 1;
	pthread_t reader;
	unsigned int item;
	int i;

	install(sig, 0);
	WRITE_ONCE(dev.producing, true);
	mod_timer(&dev.timer, jiffies + 1);
	cr_assert_eq(pthread_create(&reader, NULL, stress_reader, NULL), 0);
	for (i = 0; i < STRESS_SIGNALS; i++) {
		cr_assert_eq(pthread_kill(reader, sig), 0);
		cr_assert(wait_until(__atomic_load_n(&handled_count, __ATOMIC_SEQ_CST) == i + 1),
			  "signal %d handled", i);
	}
	__atomic_store_n(&stress.signals_done, true, __ATOMIC_SEQ_CST);
	pthread_join(reader, NULL);
	WRITE_ONCE(dev.producing, false);
	del_timer_sync(&dev.timer);
	signal(sig, SIG_DFL);

	cr_assert_eq(stress.bad, 0, "every read returned the next item or EINTR");
	cr_assert_eq(handled_count, STRESS_SIGNALS, "queued signals: each handled once");
	cr_assert_gt(stress.eintr, 0, "reads were interrupted");
	cr_assert_eq(stress.eintr, dev.interrupted, "each EINTR was a driver's -ERESTARTSYS");
	/* What is left is still there, in order. */
	cr_assert_eq(ukmem_fcntl(sig_fd, F_SETFL, O_NONBLOCK), 0);
	while (ukmem_read(sig_fd, &item, sizeof(item)) == sizeof(item))
		cr_assert_eq(item, stress.next++);
	cr_assert_eq(errno, EAGAIN);
	cr_assert_eq(stress.next, dev.produced, "no item lost");
	cr_assert_eq(dev.consumed, dev.produced);
}
