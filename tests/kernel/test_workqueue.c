// SPDX-License-Identifier: LGPL-2.1-or-later
/* Workqueues: items run in process context on kworker threads, at most once at a time;
 * delayed work; cancel_delayed_work_sync of a self-requeuing item; flush_workqueue waits
 * for what was queued before it; an ordered workqueue runs items in order, one at a
 * time; max_active; WQ_MEM_RECLAIM's rescuer thread; destroy_workqueue drains. */
#include <criterion/criterion.h>
#include <string.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/workqueue.h>
#include <linux/delay.h>
#include <linux/smp.h>
#include "kmsg.h"
#include "poll.h"

static void boot(void)
{
	cr_assert_eq(ukmem_boot("mem=32M nr_cpus=2"), 0);
}

struct item {
	struct work_struct work;
	int runs, in_task, cpu, running, overlap;
	char comm[16];
	struct work_struct *seen_current;
};

static void item_fn(struct work_struct *work)
{
	struct item *it = container_of(work, struct item, work);

	if (__atomic_add_fetch(&it->running, 1, __ATOMIC_SEQ_CST) > 1)
		it->overlap = 1;
	it->in_task = in_task() && !in_atomic();
	it->cpu = (int)raw_smp_processor_id();
	it->seen_current = current_work();
	memcpy(it->comm, current->comm, sizeof(it->comm));
	msleep(2);
	__atomic_sub_fetch(&it->running, 1, __ATOMIC_SEQ_CST);
	__atomic_add_fetch(&it->runs, 1, __ATOMIC_RELEASE);
}

Test(workqueue, schedule_work_runs_on_a_kworker)
{
	struct item it = { 0 };

	boot();
	INIT_WORK(&it.work, item_fn);
	cr_assert_not(work_pending(&it.work));
	cr_assert(schedule_work_on(1, &it.work));
	cr_assert(flush_work(&it.work) || it.runs == 1);
	cr_assert_eq(it.runs, 1);
	cr_assert(it.in_task);
	cr_assert_eq(it.cpu, 1, "a per-CPU workqueue runs it on the CPU asked for");
	cr_assert_eq(strncmp(it.comm, "kworker/1:", 10), 0, "comm %s", it.comm);
	cr_assert_eq(it.seen_current, &it.work);
	cr_assert_null(current_work());
	cr_assert_not(flush_work(&it.work), "nothing to wait for");
	queue_work(system_unbound_wq, &it.work);
	flush_work(&it.work);
	cr_assert_eq(strncmp(it.comm, "kworker/u", 9), 0, "comm %s", it.comm);
	ukmem_shutdown();
}

Test(workqueue, an_item_is_queued_once_and_never_runs_twice_at_once)
{
	struct item it = { 0 };
	int queued = 0;

	boot();
	INIT_WORK(&it.work, item_fn);
	for (int i = 0; i < 200; i++) {
		queued += queue_work_on(i % 2, system_wq, &it.work);
		if (i % 7 == 0)
			msleep(1);
	}
	flush_work(&it.work);
	cr_assert_eq(it.runs, queued);
	cr_assert_lt(queued, 200, "queueing a pending item does nothing");
	cr_assert_eq(it.overlap, 0, "never on two workers at once");
	ukmem_shutdown();
}

static struct delayed_work self_requeue;
static int requeue_runs;

static void requeue_fn(struct work_struct *work)
{
	__atomic_add_fetch(&requeue_runs, 1, __ATOMIC_RELEASE);
	schedule_delayed_work(to_delayed_work(work), 1);
}

Test(workqueue, cancel_delayed_work_sync_stops_a_self_requeuing_item)
{
	int runs;

	boot();
	INIT_DELAYED_WORK(&self_requeue, requeue_fn);
	requeue_runs = 0;
	/* Pending while its timer is far off (a 1-tick timer may already have fired and be
	 * between its run and its requeue when a busy host runs this thread again). */
	cr_assert(schedule_delayed_work(&self_requeue, 100 * HZ));
	cr_assert(delayed_work_pending(&self_requeue));
	cr_assert(mod_delayed_work(system_wq, &self_requeue, 1));
	cr_assert(poll_until_geq(&requeue_runs, 5));
	cancel_delayed_work_sync(&self_requeue);
	cr_assert_not(delayed_work_pending(&self_requeue));
	runs = requeue_runs;
	msleep(50);
	cr_assert_eq(requeue_runs, runs, "nothing runs after the cancel returned");
	cr_assert_not(cancel_delayed_work_sync(&self_requeue));
	ukmem_shutdown();
}

struct delayed_item {
	struct delayed_work dwork;
	int runs;
};

static void delayed_item_fn(struct work_struct *work)
{
	struct delayed_item *d = container_of(to_delayed_work(work), struct delayed_item, dwork);

	__atomic_add_fetch(&d->runs, 1, __ATOMIC_RELEASE);
}

Test(workqueue, delayed_work_waits_and_mod_delayed_work_moves_it)
{
	struct delayed_item d = { 0 };
	unsigned long start;

	boot();
	INIT_DELAYED_WORK(&d.dwork, delayed_item_fn);
	start = jiffies;
	cr_assert(schedule_delayed_work(&d.dwork, msecs_to_jiffies(10 * 1000)));
	msleep(20);
	cr_assert_eq(d.runs, 0);
	cr_assert(mod_delayed_work(system_wq, &d.dwork, 2), "was pending: re-timed");
	cr_assert(poll_until_geq(&d.runs, 1));
	cr_assert(time_before(jiffies, start + 10 * HZ), "it did not wait 10 s");
	cr_assert(queue_delayed_work(system_wq, &d.dwork, HZ));
	/* runs it now and waits (true, unless a worker ran it before the flush looked) */
	flush_delayed_work(&d.dwork);
	cr_assert_eq(d.runs, 2, "the flush ran it at once, not a second later");
	cr_assert(time_before(jiffies, start + 10 * HZ));
	cr_assert(queue_delayed_work(system_wq, &d.dwork, 100 * HZ));
	cr_assert(cancel_delayed_work(&d.dwork), "still on its timer");
	cr_assert_not(delayed_work_pending(&d.dwork));
	msleep(20);
	cr_assert_eq(d.runs, 2);
	ukmem_shutdown();
}

static int order[64], order_len, order_overlap, order_running;

struct seq_item {
	struct work_struct work;
	int n;
};

static void seq_fn(struct work_struct *work)
{
	struct seq_item *s = container_of(work, struct seq_item, work);

	if (__atomic_add_fetch(&order_running, 1, __ATOMIC_SEQ_CST) > 1)
		order_overlap = 1;
	if (s->n % 5 == 0)
		msleep(1);
	order[__atomic_fetch_add(&order_len, 1, __ATOMIC_SEQ_CST)] = s->n;
	__atomic_sub_fetch(&order_running, 1, __ATOMIC_SEQ_CST);
}

Test(workqueue, ordered_workqueue_runs_items_in_order)
{
	struct workqueue_struct *wq;
	struct seq_item items[64];

	boot();
	wq = alloc_ordered_workqueue("ukmem_ordered", 0);
	cr_assert_not_null(wq);
	order_len = order_overlap = order_running = 0;
	for (int i = 0; i < 64; i++) {
		items[i].n = i;
		INIT_WORK(&items[i].work, seq_fn);
		queue_work_on(i % 2, wq, &items[i].work);
	}
	flush_workqueue(wq);
	cr_assert_eq(order_len, 64);
	for (int i = 0; i < 64; i++)
		cr_assert_eq(order[i], i);
	cr_assert_eq(order_overlap, 0, "one at a time");
	destroy_workqueue(wq);
	ukmem_shutdown();
}

static int slow_done;

static void slow_fn(struct work_struct *work)
{
	msleep(20);
	__atomic_add_fetch(&slow_done, 1, __ATOMIC_SEQ_CST);
}

Test(workqueue, flush_workqueue_waits_for_earlier_items_and_destroy_drains)
{
	struct workqueue_struct *wq;
	struct work_struct works[8];

	boot();
	wq = alloc_workqueue("ukmem_test%d", WQ_MEM_RECLAIM, 2, 7);
	cr_assert_not_null(wq);
	slow_done = 0;
	for (int i = 0; i < 8; i++) {
		INIT_WORK(&works[i], slow_fn);
		queue_work(wq, &works[i]);
	}
	flush_workqueue(wq);
	cr_assert_eq(slow_done, 8);
	for (int i = 0; i < 4; i++)
		queue_work(wq, &works[i]);
	destroy_workqueue(wq);
	cr_assert_eq(slow_done, 12, "destroy_workqueue drains");
	ukmem_shutdown();
}

static int active_now, active_max;

static void count_active(struct work_struct *work)
{
	int now = __atomic_add_fetch(&active_now, 1, __ATOMIC_SEQ_CST), max;

	while ((max = __atomic_load_n(&active_max, __ATOMIC_SEQ_CST)) < now &&
	       !__atomic_compare_exchange_n(&active_max, &max, now, false, __ATOMIC_SEQ_CST,
					    __ATOMIC_SEQ_CST))
		;
	/* Sleep until three run at once (bounded: about 5 s), however slowly the host
	 * starts the workers, so the limit is reached rather than hoped for. */
	for (int i = 0; i < 5000 && __atomic_load_n(&active_max, __ATOMIC_SEQ_CST) < 3; i++)
		msleep(1);
	msleep(5);
	__atomic_sub_fetch(&active_now, 1, __ATOMIC_SEQ_CST);
}

Test(workqueue, max_active_limits_concurrency_and_sleepers_do_not_block_others)
{
	struct workqueue_struct *wq;
	struct work_struct works[12];

	boot();
	active_now = active_max = 0;
	wq = alloc_workqueue("limited", WQ_UNBOUND, 3);
	for (int i = 0; i < 12; i++) {
		INIT_WORK(&works[i], count_active);
		queue_work(wq, &works[i]);
	}
	flush_workqueue(wq);
	cr_assert_eq(active_max, 3, "sleeping items let others run, up to max_active: %d",
		     active_max);
	destroy_workqueue(wq);
	ukmem_shutdown();
}

static void requeue_plain(struct work_struct *work)
{
	__atomic_add_fetch(&requeue_runs, 1, __ATOMIC_RELEASE);
	msleep(1);
	schedule_work(work);
}

Test(workqueue, cancel_work_sync_of_a_self_requeuing_item)
{
	static struct work_struct w;
	int runs;

	boot();
	requeue_runs = 0;
	INIT_WORK(&w, requeue_plain);
	schedule_work(&w);
	cr_assert(poll_until_geq(&requeue_runs, 3));
	cancel_work_sync(&w);
	runs = requeue_runs;
	msleep(20);
	cr_assert_eq(requeue_runs, runs);
	cr_assert_not(work_pending(&w));
	ukmem_shutdown();
}

void leak_lock(struct work_struct *work);
void leak_lock(struct work_struct *work)
{
	preempt_disable();	/* never enabled again: the worker reports it */
}

Test(workqueue, a_work_item_leaking_a_lock_is_reported)
{
	struct work_struct w;
	char line[96];

	boot();
	cr_assert_eq(ukmem_report_count(), 0, "running work items reports nothing");
	INIT_WORK(&w, leak_lock);
	schedule_work_on(0, &w);
	flush_work(&w);
	snprintf(line, sizeof(line), "BUG: workqueue leaked lock or atomic: kworker/0:");
	cr_assert(kmsg_contains(line));
	cr_assert(kmsg_contains("/0x00000001/"));
	cr_assert(kmsg_contains("     last function: leak_lock+0x"));
	cr_assert_eq(ukmem_report_count(), 1);
	schedule_work_on(0, &w);	/* the worker's count was put right */
	flush_work(&w);
	cr_assert_eq(ukmem_report_count(), 2);
	ukmem_shutdown();
}
