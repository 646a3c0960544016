// SPDX-License-Identifier: LGPL-2.1-or-later
/* Wait queues and completions: sleepers wake when the condition is made true by another
 * thread; timeouts return 0 when it never is; complete() releases one waiter and
 * complete_all() all of them. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/wait.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/atomic.h>

static DECLARE_WAIT_QUEUE_HEAD(queue);
static int ready;
static atomic_t woken_count;

static void *set_ready_later(void *arg)
{
	msleep(5);
	WRITE_ONCE(ready, 1);
	wake_up(&queue);
	return NULL;
}

Test(wait, wait_event_sleeps_until_condition)
{
	pthread_t thread;

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	ready = 0;
	pthread_create(&thread, NULL, set_ready_later, NULL);
	wait_event(queue, READ_ONCE(ready));
	cr_assert_eq(ready, 1);
	pthread_join(thread, NULL);
	cr_assert_not(waitqueue_active(&queue), "the entry left the queue");
	cr_assert_eq(current->state, TASK_RUNNING);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(wait, wait_event_timeout_results)
{
	pthread_t thread;
	long left;

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	ready = 0;
	left = wait_event_timeout(queue, READ_ONCE(ready), 2);
	cr_assert_eq(left, 0, "never true: 0");
	ready = 1;
	left = wait_event_timeout(queue, READ_ONCE(ready), 7);
	cr_assert_eq(left, 7, "already true: the whole timeout is left");
	ready = 0;
	pthread_create(&thread, NULL, set_ready_later, NULL);
	left = wait_event_interruptible_timeout(queue, READ_ONCE(ready), MAX_SCHEDULE_TIMEOUT / 2);
	cr_assert_gt(left, 0);
	pthread_join(thread, NULL);
	cr_assert_not(waitqueue_active(&queue));
	ukmem_shutdown();
}

static void *exclusive_waiter(void *arg)
{
	DEFINE_WAIT(wait);

	for (;;) {
		prepare_to_wait_exclusive(&queue, &wait, TASK_UNINTERRUPTIBLE);
		if (READ_ONCE(ready))
			break;
		schedule();
	}
	finish_wait(&queue, &wait);
	atomic_inc(&woken_count);
	return NULL;
}

/* How many tasks wait on the queue (its list changes under its lock). */
static size_t waiters(struct wait_queue_head *q)
{
	unsigned long flags;
	size_t n;

	spin_lock_irqsave(&q->lock, flags);
	n = list_count_nodes(&q->head);
	spin_unlock_irqrestore(&q->lock, flags);
	return n;
}

Test(wait, prepare_to_wait_and_wake_up_all)
{
	pthread_t threads[3];

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	ready = 0;
	atomic_set(&woken_count, 0);
	for (int i = 0; i < 3; i++)
		pthread_create(&threads[i], NULL, exclusive_waiter, NULL);
	while (waiters(&queue) < 3)
		msleep(1);
	WRITE_ONCE(ready, 1);
	wake_up_all(&queue);
	for (int i = 0; i < 3; i++)
		pthread_join(threads[i], NULL);
	cr_assert_eq(atomic_read(&woken_count), 3);
	cr_assert_not(waitqueue_active(&queue));
	ukmem_shutdown();
}

static struct completion done;

static void *completion_waiter(void *arg)
{
	wait_for_completion(&done);
	atomic_inc(&woken_count);
	return NULL;
}

Test(wait, complete_releases_one_complete_all_releases_all)
{
	pthread_t threads[3];

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	init_completion(&done);
	atomic_set(&woken_count, 0);
	for (int i = 0; i < 3; i++)
		pthread_create(&threads[i], NULL, completion_waiter, NULL);
	complete(&done);
	while (atomic_read(&woken_count) < 1)
		msleep(1);
	msleep(10);
	cr_assert_eq(atomic_read(&woken_count), 1, "complete() lets exactly one through");
	cr_assert_not(completion_done(&done));
	complete_all(&done);
	for (int i = 0; i < 3; i++)
		pthread_join(threads[i], NULL);
	cr_assert_eq(atomic_read(&woken_count), 3);
	cr_assert(completion_done(&done));
	cr_assert(try_wait_for_completion(&done), "complete_all stays done");
	reinit_completion(&done);
	cr_assert_not(try_wait_for_completion(&done));
	ukmem_shutdown();
}

Test(wait, completion_timeout)
{
	DECLARE_COMPLETION(event);

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	cr_assert_eq(wait_for_completion_timeout(&event, 2), 0);
	cr_assert_not(waitqueue_active(&event.wait));
	complete(&event);
	complete(&event);
	cr_assert_gt(wait_for_completion_timeout(&event, 5), 0);
	cr_assert(try_wait_for_completion(&event), "two completions, two waits");
	cr_assert_not(try_wait_for_completion(&event));
	ukmem_shutdown();
}
