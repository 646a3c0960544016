// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/workqueue.c: workqueues on pools of worker kthreads. Each CPU has a normal and
 * a high-priority pool whose workers are bound to it; two unbound pools (normal and
 * high priority) serve WQ_UNBOUND workqueues. A workqueue has a pool_workqueue (pwq)
 * per CPU, or one for its unbound pool, holding its max_active limit and its flush
 * counts. A pool starts a new worker whenever work is queued and none is idle (the host
 * scheduler does what concurrency management does in Linux), so a sleeping work item
 * never holds up the others; WQ_MEM_RECLAIM workqueues also get a rescuer thread that
 * runs their items if a worker cannot be created.
 * work->data: while queued, the pwq pointer | PWQ | PENDING | color (| INACTIVE while
 * waiting for max_active, | LINKED if a flush barrier follows); off queue, the last
 * pool's id << WORK_OFFQ_POOL_SHIFT, PENDING while a canceller or a delayed work's
 * timer owns the item, CANCELING while a cancel waits for it.
 * Invariants (under the pool's lock): a queued item is on its pool's worklist, its
 * pwq's inactive list or a worker's scheduled list; pwq->nr_active counts the active
 * counted items (queued or running); pwq->nr_in_flight[color] the items of that flush
 * color not finished; a running item is the current_work of exactly one worker, which is
 * on pool->busy. Flushes of one workqueue are serialized by its flush_mutex. */
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include "host/host.h"
#include <linux/export.h>
#include "kernel/cpu.h"
#include "machine/boot.h"
#include "kernel/report.h"
#include "machine/initcalls.h"

#define NR_STD_POOLS		2			/* normal, high priority */
#define UNBOUND_POOL_BASE	(NR_CPUS * NR_STD_POOLS)
#define NR_POOLS		(UNBOUND_POOL_BASE + NR_STD_POOLS)
#define MAX_WORKERS		256			/* per pool */

struct worker_pool {
	raw_spinlock_t lock;
	int id, cpu;			/* cpu -1: unbound */
	bool highpri, stopping;
	struct list_head worklist;
	struct list_head idle, busy, all;
	int nr_workers, nr_idle, next_worker_id;
};

struct worker {
	struct list_head node;		/* on pool->idle or pool->busy */
	struct list_head all;
	struct task_struct *task;
	struct worker_pool *pool;
	struct work_struct *current_work;
	work_func_t current_func;
	struct pool_workqueue *current_pwq;
	struct list_head scheduled;	/* to run after current_work, in order */
	struct workqueue_struct *rescue_wq;	/* a rescuer: its workqueue */
};

struct pool_workqueue {
	struct worker_pool *pool;
	struct workqueue_struct *wq;
	int work_color;			/* color new items get */
	int nr_active, max_active;
	int nr_in_flight[WORK_NR_COLORS];
	struct list_head inactive;
} __attribute__((aligned(1 << WORK_STRUCT_FLAG_BITS)));

struct workqueue_struct {
	char name[24];
	unsigned int flags;
	int max_active;
	struct pool_workqueue *pwqs[NR_CPUS];	/* unbound: all the same */
	struct list_head list;
	pthread_mutex_t flush_mutex;
	int flush_color;		/* the color a flush waits for; -1: none */
	struct completion flush_done;
	struct task_struct *rescuer;
	bool rescue_wanted;
};

static struct worker_pool pools[NR_POOLS];
static LIST_HEAD(workqueues);
static pthread_mutex_t wq_list_lock = PTHREAD_MUTEX_INITIALIZER;

struct workqueue_struct *system_wq, *system_highpri_wq, *system_long_wq, *system_unbound_wq,
	*system_freezable_wq, *system_power_efficient_wq, *system_freezable_power_efficient_wq;
EXPORT_SYMBOL(system_wq);
EXPORT_SYMBOL_GPL(system_freezable_power_efficient_wq);
EXPORT_SYMBOL_GPL(system_freezable_wq);
EXPORT_SYMBOL_GPL(system_highpri_wq);
EXPORT_SYMBOL_GPL(system_long_wq);
EXPORT_SYMBOL_GPL(system_power_efficient_wq);
EXPORT_SYMBOL_GPL(system_unbound_wq);

/* ---- work->data ------------------------------------------------------------------------ */

static unsigned long work_data(struct work_struct *work)
{
	return (unsigned long)atomic_long_read(&work->data);
}

static void set_work_data(struct work_struct *work, unsigned long data)
{
	atomic_long_set(&work->data, (long)data);
}

static struct pool_workqueue *work_pwq(struct work_struct *work)
{
	unsigned long data = work_data(work);

	return data & WORK_STRUCT_PWQ ? (void *)(data & WORK_STRUCT_WQ_DATA_MASK) : NULL;
}

/* A flush barrier: queued (PWQ) but never PENDING; it is not counted in max_active nor
 * in the flush colors. */
static bool is_barrier(unsigned long data)
{
	return (data & WORK_STRUCT_PWQ) && !(data & WORK_STRUCT_PENDING);
}

static int work_color(unsigned long data)
{
	return (int)((data >> WORK_STRUCT_COLOR_SHIFT) & (WORK_NR_COLORS - 1));
}

/* The pool the item is queued on or last ran on; NULL if none. */
static struct worker_pool *work_pool(struct work_struct *work)
{
	unsigned long data = work_data(work), id;

	if (data & WORK_STRUCT_PWQ)
		return ((struct pool_workqueue *)(data & WORK_STRUCT_WQ_DATA_MASK))->pool;
	id = data >> WORK_OFFQ_POOL_SHIFT;
	return id < NR_POOLS ? &pools[id] : NULL;
}

static void set_work_offq(struct work_struct *work, struct worker_pool *pool, unsigned long flags)
{
	unsigned long id = pool ? (unsigned long)pool->id : WORK_OFFQ_POOL_NONE;

	set_work_data(work, (id << WORK_OFFQ_POOL_SHIFT) | flags);
}

/* ---- workers ---------------------------------------------------------------------------- */

static struct worker *find_worker_executing(struct worker_pool *pool, struct work_struct *work)
{
	struct worker *worker;

	list_for_each_entry(worker, &pool->busy, node)
		if (worker->current_work == work && worker->current_func == work->func)
			return worker;
	return NULL;
}

/* Moves an item and the barriers linked after it to head (a worker's scheduled list). */
static void move_linked(struct work_struct *work, struct list_head *head)
{
	for (;;) {
		struct work_struct *next = list_next_entry(work, entry);
		bool linked = work_data(work) & WORK_STRUCT_LINKED;

		list_move_tail(&work->entry, head);
		if (!linked)
			break;
		work = next;
	}
}

static void activate_inactive(struct pool_workqueue *pwq)
{
	while (!list_empty(&pwq->inactive) && pwq->nr_active < pwq->max_active) {
		struct work_struct *work = list_first_entry(&pwq->inactive, struct work_struct, entry);
		unsigned long data = work_data(work);

		set_work_data(work, data & ~WORK_STRUCT_INACTIVE);
		if (!is_barrier(data))
			pwq->nr_active++;
		move_linked(work, &pwq->pool->worklist);
	}
}

/* An item of pwq (of color) left the queue or finished. Caller holds the pool lock. */
static void pwq_dec_nr_in_flight(struct pool_workqueue *pwq, int color, bool counted)
{
	struct workqueue_struct *wq = pwq->wq;

	if (counted) {
		pwq->nr_active--;
		activate_inactive(pwq);
	}
	if (color < 0)
		return;
	pwq->nr_in_flight[color]--;
	if (!pwq->nr_in_flight[color] && READ_ONCE(wq->flush_color) == color)
		complete(&wq->flush_done);
}

static void wake_or_start_worker(struct worker_pool *pool);

static void process_one(struct worker *worker, struct work_struct *work)
{
	struct worker_pool *pool = worker->pool;
	struct pool_workqueue *pwq = work_pwq(work);
	unsigned long data = work_data(work);
	bool barrier = is_barrier(data);
	int color = barrier ? -1 : work_color(data);
	unsigned int count;
	struct worker *collision = find_worker_executing(pool, work);

	if (collision && !barrier) {	/* never on two workers at once */
		move_linked(work, &collision->scheduled);
		return;
	}
	list_del_init(&work->entry);
	worker->current_work = work;
	worker->current_func = work->func;
	worker->current_pwq = pwq;
	list_move(&worker->node, &pool->busy);
	set_work_offq(work, pool, 0);	/* clears PENDING: it may be queued again */
	if (!list_empty(&pool->worklist) && !pool->nr_idle)
		wake_or_start_worker(pool);
	raw_spin_unlock(&pool->lock);
	count = preempt_count();
	worker->current_func(work);
	if (preempt_count() != count || irqs_disabled()) {
		char sym[128];

		report_begin();
		pr_err("BUG: workqueue leaked lock or atomic: %s/0x%08x/%d\n", current->comm,
		       preempt_count(), current->pid);
		pr_err("     last function: %s\n",
		       ukmem_symbolize((void *)worker->current_func, sym, sizeof(sym)));
		dump_stack();
		current->preempt_count = count;
		local_irq_enable();
	}
	raw_spin_lock(&pool->lock);
	worker->current_work = NULL;
	worker->current_func = NULL;
	worker->current_pwq = NULL;
	if (pwq)
		pwq_dec_nr_in_flight(pwq, color, !barrier);
}

static void process_scheduled(struct worker *worker)
{
	while (!list_empty(&worker->scheduled))
		process_one(worker, list_first_entry(&worker->scheduled, struct work_struct, entry));
}

static int worker_thread(void *arg)
{
	struct worker *worker = arg;
	struct worker_pool *pool = worker->pool;

	current->flags |= PF_WQ_WORKER;
	current->ukmem_worker = worker;
	raw_spin_lock(&pool->lock);
	for (;;) {
		if (!list_empty(&pool->worklist)) {
			/* The item and the flush barriers linked to it run here, in order. */
			move_linked(list_first_entry(&pool->worklist, struct work_struct, entry),
				    &worker->scheduled);
			process_scheduled(worker);
			continue;
		}
		if (pool->stopping || kthread_should_stop())
			break;
		list_move(&worker->node, &pool->idle);
		pool->nr_idle++;
		set_current_state(TASK_IDLE);
		raw_spin_unlock(&pool->lock);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
		raw_spin_lock(&pool->lock);
		if (!list_empty(&worker->node)) {	/* woken by kthread_stop, not a waker */
			list_del_init(&worker->node);
			pool->nr_idle--;
		}
	}
	raw_spin_unlock(&pool->lock);
	return 0;
}

static struct worker *create_worker(struct worker_pool *pool)
{
	struct worker *worker;
	struct task_struct *task;
	int id;

	host_own_begin();		/* host memory, as create_kthread()'s: any context */
	worker = calloc(1, sizeof(*worker));
	host_own_end();
	if (!worker)
		return NULL;
	raw_spin_lock(&pool->lock);
	id = pool->next_worker_id++;
	raw_spin_unlock(&pool->lock);
	INIT_LIST_HEAD(&worker->node);
	INIT_LIST_HEAD(&worker->scheduled);
	worker->pool = pool;
	if (pool->cpu >= 0)
		task = kthread_create(worker_thread, worker, "kworker/%d:%d%s", pool->cpu, id,
				      pool->highpri ? "H" : "");
	else
		task = kthread_create(worker_thread, worker, "kworker/u%d:%d%s",
				      (int)(nr_cpu_ids * NR_STD_POOLS) + pool->id - UNBOUND_POOL_BASE,
				      id, pool->highpri ? "H" : "");
	if (IS_ERR(task)) {
		free(worker);
		return NULL;
	}
	if (pool->cpu >= 0)
		kthread_bind(task, (unsigned int)pool->cpu);
	worker->task = task;
	raw_spin_lock(&pool->lock);
	list_add_tail(&worker->all, &pool->all);
	pool->nr_workers++;
	raw_spin_unlock(&pool->lock);
	wake_up_process(task);
	return worker;
}

static void wake_rescuers(struct worker_pool *pool);

/* Caller holds the pool lock; may drop and retake it to start a worker. */
static void wake_or_start_worker(struct worker_pool *pool)
{
	if (pool->nr_idle) {
		struct worker *worker = list_first_entry(&pool->idle, struct worker, node);

		list_del_init(&worker->node);
		pool->nr_idle--;
		wake_up_process(worker->task);
		return;
	}
	if (pool->stopping || pool->nr_workers >= MAX_WORKERS)
		return;
	raw_spin_unlock(&pool->lock);
	if (!create_worker(pool))
		wake_rescuers(pool);
	raw_spin_lock(&pool->lock);
}

/* ---- queueing -------------------------------------------------------------------------- */

static struct pool_workqueue *pick_pwq(struct workqueue_struct *wq, int cpu)
{
	if (cpu == WORK_CPU_UNBOUND || (unsigned int)cpu >= nr_cpu_ids)
		cpu = (int)raw_smp_processor_id();
	return wq->pwqs[cpu];
}

/* Queues an item whose PENDING bit the caller owns. */
static void insert_work(int cpu, struct workqueue_struct *wq, struct work_struct *work)
{
	struct pool_workqueue *pwq = pick_pwq(wq, cpu);
	struct worker_pool *last = work_pool(work), *pool;
	unsigned long flags;

	if (unlikely(READ_ONCE(wq->flags) & __WQ_DESTROYING)) {
		WARN_ONCE(1, "workqueue: queueing work to destroyed workqueue %s\n", wq->name);
		set_work_offq(work, last, 0);
		return;
	}
	/* Still running on another pool for this workqueue: queue it there. */
	if (last && last != pwq->pool) {
		struct worker *worker;

		raw_spin_lock(&last->lock);
		worker = find_worker_executing(last, work);
		if (worker && worker->current_pwq && worker->current_pwq->wq == wq)
			pwq = worker->current_pwq;
		raw_spin_unlock(&last->lock);
	}
	pool = pwq->pool;
	raw_spin_lock(&pool->lock);
	flags = WORK_STRUCT_PWQ | WORK_STRUCT_PENDING |
		((unsigned long)pwq->work_color << WORK_STRUCT_COLOR_SHIFT);
	pwq->nr_in_flight[pwq->work_color]++;
	if (pwq->nr_active < pwq->max_active) {
		pwq->nr_active++;
		set_work_data(work, (unsigned long)pwq | flags);
		list_add_tail(&work->entry, &pool->worklist);
		wake_or_start_worker(pool);
	} else {
		set_work_data(work, (unsigned long)pwq | flags | WORK_STRUCT_INACTIVE);
		list_add_tail(&work->entry, &pwq->inactive);
	}
	raw_spin_unlock(&pool->lock);
}

/**
 * queue_work_on - queue a work item on a CPU's pool
 * @cpu: the CPU (WORK_CPU_UNBOUND: the calling one; ignored for unbound workqueues)
 * @wq: the workqueue
 * @work: the item
 *
 * Context: any. Return: false if @work was already pending (nothing changes).
 */
bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work)
{
	ukmem_ensure_booted();
	if (test_and_set_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(work)))
		return false;
	insert_work(cpu, wq, work);
	return true;
}
EXPORT_SYMBOL(queue_work_on);

/**
 * queue_work_node - queue a work item, preferring a CPU of a node
 * @node: the node (ukmem ignores it: the item goes to any CPU, as WORK_CPU_UNBOUND)
 * @wq: the workqueue, which should be WQ_UNBOUND
 * @work: the item
 *
 * Context: any context, interrupts included; takes the pool's raw spinlock.
 * Return: true if queued, false if @work was already pending.
 */
bool queue_work_node(int node, struct workqueue_struct *wq, struct work_struct *work)
{
	return queue_work_on(WORK_CPU_UNBOUND, wq, work);
}
EXPORT_SYMBOL_GPL(queue_work_node);

/**
 * delayed_work_timer_fn - the timer function of a delayed work item: queue its work
 * @t: the delayed_work's timer
 *
 * INIT_DELAYED_WORK() sets it up; drivers do not call it themselves.
 *
 * Context: timer (softirq) context; takes the pool's raw spinlock.
 */
void delayed_work_timer_fn(struct timer_list *t)
{
	struct delayed_work *dwork = from_timer(dwork, t, timer);

	insert_work(dwork->cpu, dwork->wq, &dwork->work);
}
EXPORT_SYMBOL(delayed_work_timer_fn);

static void queue_delayed(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork,
			  unsigned long delay)
{
	dwork->wq = wq;
	dwork->cpu = cpu;
	if (!delay) {
		insert_work(cpu, wq, &dwork->work);
		return;
	}
	dwork->timer.expires = jiffies + delay;
	if (cpu == WORK_CPU_UNBOUND || (unsigned int)cpu >= nr_cpu_ids)
		add_timer(&dwork->timer);
	else
		add_timer_on(&dwork->timer, cpu);
}

/**
 * queue_delayed_work_on - queue a work item after a delay
 * @cpu: the CPU whose pool runs it (WORK_CPU_UNBOUND: the timer's)
 * @wq: the workqueue
 * @dwork: the item
 * @delay: jiffies to wait (0: queue now)
 *
 * Context: any. Return: false if it was already pending.
 */
bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork,
			   unsigned long delay)
{
	ukmem_ensure_booted();
	if (test_and_set_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(&dwork->work)))
		return false;
	queue_delayed(cpu, wq, dwork, delay);
	return true;
}
EXPORT_SYMBOL(queue_delayed_work_on);

/* Takes ownership of the PENDING bit. 1: it was pending (now taken off its queue or
 * timer); 0: it was idle; -EAGAIN: in transit, try again; -ENOENT: being cancelled. */
static int grab_pending(struct work_struct *work, bool is_dwork)
{
	struct pool_workqueue *pwq;
	struct worker_pool *pool;
	unsigned long data;

	if (is_dwork && del_timer(&to_delayed_work(work)->timer))
		return 1;
	if (!test_and_set_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(work)))
		return 0;
	pwq = work_pwq(work);
	if (!pwq)
		return work_data(work) & WORK_OFFQ_CANCELING ? -ENOENT : -EAGAIN;
	pool = pwq->pool;
	raw_spin_lock(&pool->lock);
	data = work_data(work);
	if (!(data & WORK_STRUCT_PWQ) || (void *)(data & WORK_STRUCT_WQ_DATA_MASK) != pwq) {
		raw_spin_unlock(&pool->lock);
		return -EAGAIN;
	}
	list_del_init(&work->entry);
	pwq_dec_nr_in_flight(pwq, work_color(data), !(data & WORK_STRUCT_INACTIVE));
	set_work_offq(work, pool, WORK_STRUCT_PENDING);
	raw_spin_unlock(&pool->lock);
	return 1;
}

static int grab_pending_wait(struct work_struct *work, bool is_dwork)
{
	int ret;

	while ((ret = grab_pending(work, is_dwork)) < 0)
		sched_yield();
	return ret;
}

/**
 * mod_delayed_work_on - (re)queue a delayed work item with a new delay
 * @cpu: the CPU
 * @wq: the workqueue
 * @dwork: the item, pending or not
 * @delay: jiffies from now
 *
 * Context: any. Return: true if it was pending (and is now re-timed).
 */
bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork,
			 unsigned long delay)
{
	int ret = grab_pending_wait(&dwork->work, true);

	queue_delayed(cpu, wq, dwork, delay);
	return ret;
}
EXPORT_SYMBOL_GPL(mod_delayed_work_on);

/* ---- flushing and cancelling ----------------------------------------------------------- */

struct wq_barrier {
	struct work_struct work;
	struct completion done;
};

static void barrier_fn(struct work_struct *work)
{
	complete(&container_of(work, struct wq_barrier, work)->done);
}

/* Queues a barrier that runs when work's current or queued instance has finished. */
static bool insert_barrier(struct work_struct *work, struct wq_barrier *barr)
{
	struct worker_pool *pool = work_pool(work);
	struct pool_workqueue *pwq;
	struct worker *worker = NULL;
	unsigned long data;

	if (!pool)
		return false;
	raw_spin_lock(&pool->lock);
	pwq = work_pwq(work);
	if (pwq && pwq->pool != pool) {
		raw_spin_unlock(&pool->lock);
		return insert_barrier(work, barr);	/* it moved meanwhile */
	}
	if (!pwq) {
		worker = find_worker_executing(pool, work);
		if (!worker) {
			raw_spin_unlock(&pool->lock);
			return false;
		}
	}
	INIT_WORK(&barr->work, barrier_fn);
	init_completion(&barr->done);
	data = work_data(work);
	if (worker) {
		set_work_data(&barr->work, (unsigned long)worker->current_pwq | WORK_STRUCT_PWQ);
		list_add(&barr->work.entry, &worker->scheduled);
	} else {
		set_work_data(&barr->work, (unsigned long)pwq | WORK_STRUCT_PWQ |
			      (data & WORK_STRUCT_INACTIVE) | (data & WORK_STRUCT_LINKED));
		set_work_data(work, data | WORK_STRUCT_LINKED);
		list_add(&barr->work.entry, &work->entry);
	}
	raw_spin_unlock(&pool->lock);
	return true;
}

/**
 * flush_work - wait for a work item's last queued instance to finish
 * @work: the item
 *
 * Context: process context, may sleep. Return: true if it waited.
 */
bool flush_work(struct work_struct *work)
{
	struct wq_barrier barr;

	might_sleep();
	if (!insert_barrier(work, &barr))
		return false;
	wait_for_completion(&barr.done);
	return true;
}
EXPORT_SYMBOL_GPL(flush_work);

/**
 * flush_delayed_work - queue a delayed item at once if its timer is pending, then wait for it
 * @dwork: the delayed work item
 *
 * Context: process context; may sleep.
 * Return: true if it had to wait for the item, false if it was idle.
 */
bool flush_delayed_work(struct delayed_work *dwork)
{
	if (del_timer_sync(&dwork->timer))
		insert_work(dwork->cpu, dwork->wq, &dwork->work);
	return flush_work(&dwork->work);
}
EXPORT_SYMBOL(flush_delayed_work);

static bool cancel_sync(struct work_struct *work, bool is_dwork)
{
	int ret;

	for (;;) {
		ret = grab_pending(work, is_dwork);
		if (ret >= 0)
			break;
		sched_yield();	/* in transit, or another cancel: it is over soon */
	}
	set_work_offq(work, work_pool(work), WORK_STRUCT_PENDING | WORK_OFFQ_CANCELING);
	flush_work(work);
	set_work_offq(work, work_pool(work), 0);
	return ret;
}

/**
 * cancel_work_sync - cancel a work item and wait for it to finish
 * @work: the item (it may requeue itself: queueing fails while this runs)
 *
 * Context: process context, may sleep. Return: true if it was pending.
 */
bool cancel_work_sync(struct work_struct *work)
{
	return cancel_sync(work, false);
}
EXPORT_SYMBOL_GPL(cancel_work_sync);

/**
 * cancel_delayed_work_sync - cancel a delayed item and wait for a running one to finish
 * @dwork: the delayed work item (it may requeue itself: queueing fails while this runs)
 *
 * Context: process context; may sleep. Not from the item itself.
 * Return: true if it was pending (its timer or the queue).
 */
bool cancel_delayed_work_sync(struct delayed_work *dwork)
{
	return cancel_sync(&dwork->work, true);
}
EXPORT_SYMBOL(cancel_delayed_work_sync);

static bool cancel_nosync(struct work_struct *work, bool is_dwork)
{
	int ret = grab_pending_wait(work, is_dwork);

	set_work_offq(work, work_pool(work), 0);
	return ret;
}

/**
 * cancel_work - cancel a pending work item without waiting for a running one
 * @work: the item
 *
 * Context: any context; does not sleep.
 * Return: true if it was pending.
 */
bool cancel_work(struct work_struct *work)
{
	return cancel_nosync(work, false);
}
EXPORT_SYMBOL(cancel_work);

/**
 * cancel_delayed_work - cancel a pending delayed item without waiting for a running one
 * @dwork: the delayed work item
 *
 * Context: any context, interrupts included; does not sleep.
 * Return: true if it was pending (its timer or the queue).
 */
bool cancel_delayed_work(struct delayed_work *dwork)
{
	return cancel_nosync(&dwork->work, true);
}
EXPORT_SYMBOL(cancel_delayed_work);

static unsigned int nr_pwqs(struct workqueue_struct *wq)
{
	return wq->flags & WQ_UNBOUND ? 1 : nr_cpu_ids;
}

/**
 * __flush_workqueue - wait for every item queued on @wq before the call
 * @wq: the workqueue
 *
 * Items queued meanwhile (also by the flushed items) are not waited for.
 * Context: process context, may sleep.
 */
void __flush_workqueue(struct workqueue_struct *wq)
{
	int color, pending = 0;

	might_sleep();
	pthread_mutex_lock(&wq->flush_mutex);
	reinit_completion(&wq->flush_done);
	color = wq->pwqs[0]->work_color;
	WRITE_ONCE(wq->flush_color, color);
	for (unsigned int i = 0; i < nr_pwqs(wq); i++) {
		struct pool_workqueue *pwq = wq->pwqs[i];

		raw_spin_lock(&pwq->pool->lock);
		pwq->work_color = (color + 1) % WORK_NR_COLORS;
		raw_spin_unlock(&pwq->pool->lock);
	}
	for (;;) {
		pending = 0;
		for (unsigned int i = 0; i < nr_pwqs(wq); i++) {
			struct pool_workqueue *pwq = wq->pwqs[i];

			raw_spin_lock(&pwq->pool->lock);
			pending += pwq->nr_in_flight[color];
			raw_spin_unlock(&pwq->pool->lock);
		}
		if (!pending)
			break;
		wait_for_completion(&wq->flush_done);
		reinit_completion(&wq->flush_done);
	}
	WRITE_ONCE(wq->flush_color, -1);
	pthread_mutex_unlock(&wq->flush_mutex);
}
EXPORT_SYMBOL(__flush_workqueue);

static int nr_in_flight(struct workqueue_struct *wq)
{
	int n = 0;

	for (unsigned int i = 0; i < nr_pwqs(wq); i++) {
		struct pool_workqueue *pwq = wq->pwqs[i];

		raw_spin_lock(&pwq->pool->lock);
		for (int c = 0; c < WORK_NR_COLORS; c++)
			n += pwq->nr_in_flight[c];
		raw_spin_unlock(&pwq->pool->lock);
	}
	return n;
}

/**
 * drain_workqueue - wait until a workqueue is empty, items queued by its items included
 * @wq: the workqueue
 *
 * While it drains, only its own items may queue on @wq (others warn); warns every 100
 * flushes that it is not done yet.
 *
 * Context: process context; may sleep.
 */
void drain_workqueue(struct workqueue_struct *wq)
{
	unsigned int flushes = 0;

	WRITE_ONCE(wq->flags, wq->flags | __WQ_DRAINING);
	while (nr_in_flight(wq)) {
		__flush_workqueue(wq);
		if (++flushes % 100 == 0)
			pr_warn("workqueue %s: %s() isn't complete after %u tries\n", wq->name,
				__func__, flushes);
	}
	WRITE_ONCE(wq->flags, wq->flags & ~__WQ_DRAINING);
}
EXPORT_SYMBOL_GPL(drain_workqueue);

/* ---- rescuers ----------------------------------------------------------------------------- */

static int rescuer_thread(void *arg)
{
	struct workqueue_struct *wq = arg;
	struct worker *rescuer = calloc(1, sizeof(*rescuer));

	if (!rescuer)
		return -ENOMEM;
	INIT_LIST_HEAD(&rescuer->node);
	INIT_LIST_HEAD(&rescuer->scheduled);
	rescuer->rescue_wq = wq;
	current->flags |= PF_WQ_WORKER;
	current->ukmem_worker = rescuer;
	for (;;) {
		set_current_state(TASK_IDLE);
		if (kthread_should_stop())
			break;
		if (!__atomic_exchange_n(&wq->rescue_wanted, false, __ATOMIC_ACQ_REL)) {
			schedule();
			continue;
		}
		__set_current_state(TASK_RUNNING);
		for (unsigned int i = 0; i < nr_pwqs(wq); i++) {
			struct pool_workqueue *pwq = wq->pwqs[i];
			struct worker_pool *pool = pwq->pool;
			struct work_struct *work, *n;

			raw_spin_lock(&pool->lock);
			rescuer->pool = pool;
			list_for_each_entry_safe(work, n, &pool->worklist, entry)
				if (work_pwq(work) == pwq)
					move_linked(work, &rescuer->scheduled);
			process_scheduled(rescuer);
			list_del_init(&rescuer->node);	/* process_one put it on pool->busy */
			raw_spin_unlock(&pool->lock);
		}
	}
	__set_current_state(TASK_RUNNING);
	free(rescuer);
	return 0;
}

static void wake_rescuers(struct worker_pool *pool)
{
	struct workqueue_struct *wq;

	pthread_mutex_lock(&wq_list_lock);
	list_for_each_entry(wq, &workqueues, list)
		if (wq->rescuer) {
			__atomic_store_n(&wq->rescue_wanted, true, __ATOMIC_RELEASE);
			wake_up_process(wq->rescuer);
		}
	pthread_mutex_unlock(&wq_list_lock);
}

/* ---- workqueues ----------------------------------------------------------------------------- */

static struct worker_pool *pool_for(unsigned int flags, int cpu)
{
	int highpri = !!(flags & WQ_HIGHPRI);

	if (flags & WQ_UNBOUND)
		return &pools[UNBOUND_POOL_BASE + highpri];
	return &pools[cpu * NR_STD_POOLS + highpri];
}

static void free_workqueue(struct workqueue_struct *wq)
{
	if (wq->flags & WQ_UNBOUND) {
		free(wq->pwqs[0]);
	} else {
		for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++)
			free(wq->pwqs[cpu]);
	}
	pthread_mutex_destroy(&wq->flush_mutex);
	free(wq);
}

/**
 * alloc_workqueue - create a workqueue
 * @fmt: printf-style name
 * @flags: WQ_UNBOUND, WQ_HIGHPRI, WQ_MEM_RECLAIM (a rescuer thread), __WQ_ORDERED ...
 * @max_active: items of it running at once per pool (0: WQ_DFL_ACTIVE)
 *
 * Context: process context, may sleep. Return: the workqueue or NULL.
 */
struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags, int max_active, ...)
{
	struct workqueue_struct *wq;
	va_list ap;

	ukmem_ensure_booted();
	wq = calloc(1, sizeof(*wq));
	if (!wq)
		return NULL;
	va_start(ap, max_active);
	vsnprintf(wq->name, sizeof(wq->name), fmt, ap);
	va_end(ap);
	if ((flags & WQ_POWER_EFFICIENT) && 0)
		flags |= WQ_UNBOUND;
	if (flags & WQ_UNBOUND && max_active == 1)
		flags |= __WQ_ORDERED;
	if (!max_active)
		max_active = WQ_DFL_ACTIVE;
	max_active = clamp(max_active, 1, (int)(flags & WQ_UNBOUND ? WQ_UNBOUND_MAX_ACTIVE :
								WQ_MAX_ACTIVE));
	wq->flags = flags;
	wq->max_active = max_active;
	wq->flush_color = -1;
	pthread_mutex_init(&wq->flush_mutex, NULL);
	init_completion(&wq->flush_done);
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
		struct pool_workqueue *pwq;

		if ((flags & WQ_UNBOUND) && cpu) {
			wq->pwqs[cpu] = wq->pwqs[0];
			continue;
		}
		if (posix_memalign((void **)&pwq, 1 << WORK_STRUCT_FLAG_BITS, sizeof(*pwq))) {
			free_workqueue(wq);
			return NULL;
		}
		memset(pwq, 0, sizeof(*pwq));
		pwq->pool = pool_for(flags, (int)cpu);
		pwq->wq = wq;
		pwq->max_active = max_active;
		INIT_LIST_HEAD(&pwq->inactive);
		wq->pwqs[cpu] = pwq;
	}
	if (flags & WQ_MEM_RECLAIM) {
		wq->rescuer = kthread_create(rescuer_thread, wq, "%s", wq->name);
		if (IS_ERR(wq->rescuer)) {
			pr_err("workqueue: Failed to create a rescuer kthread for wq \"%s\": %ld",
			       wq->name, PTR_ERR(wq->rescuer));
			wq->rescuer = NULL;
			free_workqueue(wq);
			return NULL;
		}
		wake_up_process(wq->rescuer);
	}
	pthread_mutex_lock(&wq_list_lock);
	list_add_tail(&wq->list, &workqueues);
	pthread_mutex_unlock(&wq_list_lock);
	return wq;
}
EXPORT_SYMBOL_GPL(alloc_workqueue);

/**
 * destroy_workqueue - drain and free a workqueue
 * @wq: the workqueue; nothing may queue on it any more (except its own items while
 *	draining)
 *
 * Context: process context, may sleep.
 */
void destroy_workqueue(struct workqueue_struct *wq)
{
	drain_workqueue(wq);
	WRITE_ONCE(wq->flags, wq->flags | __WQ_DESTROYING);
	if (wq->rescuer)
		kthread_stop(wq->rescuer);
	pthread_mutex_lock(&wq_list_lock);
	list_del(&wq->list);
	pthread_mutex_unlock(&wq_list_lock);
	free_workqueue(wq);
}
EXPORT_SYMBOL_GPL(destroy_workqueue);

/**
 * workqueue_set_max_active - change how many items of a workqueue run at once per pool
 * @wq: the workqueue; not an ordered one (warns)
 * @max_active: the new limit
 *
 * Items held back by the old limit start at once if the new one allows.
 *
 * Context: process context; takes each pool's raw spinlock.
 */
void workqueue_set_max_active(struct workqueue_struct *wq, int max_active)
{
	if (WARN_ON(wq->flags & __WQ_ORDERED_EXPLICIT))
		return;
	for (unsigned int i = 0; i < nr_pwqs(wq); i++) {
		struct pool_workqueue *pwq = wq->pwqs[i];

		raw_spin_lock(&pwq->pool->lock);
		pwq->max_active = max_active;
		activate_inactive(pwq);
		raw_spin_unlock(&pwq->pool->lock);
	}
	wq->max_active = max_active;
}
EXPORT_SYMBOL_GPL(workqueue_set_max_active);

/**
 * current_work - the work item the calling worker thread is running
 * Context: any context.
 * Return: the item, or NULL if the caller is not a workqueue worker.
 */
struct work_struct *current_work(void)
{
	struct worker *worker = current->ukmem_worker;

	return worker ? worker->current_work : NULL;
}
EXPORT_SYMBOL(current_work);

bool current_is_workqueue_rescuer(void)
{
	struct worker *worker = current->ukmem_worker;

	return worker && worker->rescue_wq;
}

/**
 * workqueue_congested - whether a workqueue holds items back over its max_active limit
 * @cpu: the CPU whose pool to ask, or WORK_CPU_UNBOUND
 * @wq: the workqueue
 *
 * Context: any context; a lockless look, for hints only.
 * Return: true if items are waiting inactive.
 */
bool workqueue_congested(int cpu, struct workqueue_struct *wq)
{
	struct pool_workqueue *pwq = pick_pwq(wq, cpu);

	return !list_empty(&pwq->inactive);
}
EXPORT_SYMBOL_GPL(workqueue_congested);

/**
 * work_busy - whether a work item is pending or running
 * @work: the item
 *
 * Context: any context; takes the pool's raw spinlock. The answer may be stale at once.
 * Return: WORK_BUSY_PENDING and WORK_BUSY_RUNNING ORed, or 0.
 */
unsigned int work_busy(struct work_struct *work)
{
	struct worker_pool *pool = work_pool(work);
	unsigned int ret = work_pending(work) ? WORK_BUSY_PENDING : 0;

	if (pool) {
		raw_spin_lock(&pool->lock);
		if (find_worker_executing(pool, work))
			ret |= WORK_BUSY_RUNNING;
		raw_spin_unlock(&pool->lock);
	}
	return ret;
}
EXPORT_SYMBOL_GPL(work_busy);

int schedule_on_each_cpu(work_func_t func)
{
	struct work_struct *works = calloc(nr_cpu_ids, sizeof(*works));
	unsigned int cpu;

	if (!works)
		return -ENOMEM;
	for_each_online_cpu(cpu) {
		INIT_WORK(&works[cpu], func);
		schedule_work_on((int)cpu, &works[cpu]);
	}
	for_each_online_cpu(cpu)
		flush_work(&works[cpu]);
	free(works);
	return 0;
}

struct work_for_cpu {
	struct work_struct work;
	long (*fn)(void *);
	void *arg;
	long ret;
};

static void work_for_cpu_fn(struct work_struct *work)
{
	struct work_for_cpu *wfc = container_of(work, struct work_for_cpu, work);

	wfc->ret = wfc->fn(wfc->arg);
}

/**
 * work_on_cpu - run a function in a worker of a CPU and wait for its result
 * @cpu: the CPU
 * @fn: the function
 * @arg: its argument
 *
 * Context: process context; sleeps until @fn returned. Must not hold a lock @fn needs.
 * Return: what @fn returned.
 */
long work_on_cpu(int cpu, long (*fn)(void *), void *arg)
{
	struct work_for_cpu wfc = { .fn = fn, .arg = arg };

	INIT_WORK(&wfc.work, work_for_cpu_fn);
	schedule_work_on(cpu, &wfc.work);
	flush_work(&wfc.work);
	return wfc.ret;
}
EXPORT_SYMBOL(work_on_cpu);

/* In a child of fork(2): the workers stayed in the parent. Pools start new ones for the
 * items waiting; items that were running in the parent are lost to the child. */
void workqueue_forget_workers(void)
{
	pthread_mutex_init(&wq_list_lock, NULL);
	for (int i = 0; i < NR_POOLS; i++) {
		struct worker_pool *pool = &pools[i];

		raw_spin_lock_init(&pool->lock);
		while (!list_empty(&pool->all)) {
			struct worker *worker = list_first_entry(&pool->all, struct worker, all);

			list_del(&worker->all);
			free(worker);
		}
		INIT_LIST_HEAD(&pool->idle);
		INIT_LIST_HEAD(&pool->busy);
		pool->nr_workers = pool->nr_idle = 0;
	}
}

/* Starts workers for the items a fork child inherited queued. */
void workqueue_restart_workers(void)
{
	for (int i = 0; i < NR_POOLS; i++) {
		struct worker_pool *pool = &pools[i];

		raw_spin_lock(&pool->lock);
		if (!list_empty(&pool->worklist) && !pool->stopping)
			wake_or_start_worker(pool);
		raw_spin_unlock(&pool->lock);
	}
}

/* ---- boot and shutdown ----------------------------------------------------------------------- */

int workqueue_init(void)
{
	for (int i = 0; i < NR_POOLS; i++) {
		struct worker_pool *pool = &pools[i];

		raw_spin_lock_init(&pool->lock);
		pool->id = i;
		pool->cpu = i < UNBOUND_POOL_BASE ? i / NR_STD_POOLS : -1;
		pool->highpri = i % NR_STD_POOLS;
		pool->stopping = false;
		INIT_LIST_HEAD(&pool->worklist);
		INIT_LIST_HEAD(&pool->idle);
		INIT_LIST_HEAD(&pool->busy);
		INIT_LIST_HEAD(&pool->all);
		pool->nr_workers = pool->nr_idle = pool->next_worker_id = 0;
	}
	system_wq = alloc_workqueue("events", 0, 0);
	system_highpri_wq = alloc_workqueue("events_highpri", WQ_HIGHPRI, 0);
	system_long_wq = alloc_workqueue("events_long", 0, 0);
	system_unbound_wq = alloc_workqueue("events_unbound", WQ_UNBOUND, WQ_UNBOUND_MAX_ACTIVE);
	system_freezable_wq = alloc_workqueue("events_freezable", WQ_FREEZABLE, 0);
	system_power_efficient_wq = alloc_workqueue("events_power_efficient",
						    WQ_POWER_EFFICIENT, 0);
	system_freezable_power_efficient_wq = alloc_workqueue("events_freezable_power_efficient",
							      WQ_FREEZABLE | WQ_POWER_EFFICIENT, 0);
	if (!system_wq || !system_highpri_wq || !system_long_wq || !system_unbound_wq ||
	    !system_freezable_wq || !system_power_efficient_wq ||
	    !system_freezable_power_efficient_wq)
		return -ENOMEM;
	return 0;
}

/* Shutdown: drains and frees every workqueue (left-over ones with a warning), then
 * stops every worker. */
void workqueue_exit(void)
{
	struct workqueue_struct **sys[] = {
		&system_wq, &system_highpri_wq, &system_long_wq, &system_unbound_wq,
		&system_freezable_wq, &system_power_efficient_wq,
		&system_freezable_power_efficient_wq,
	};

	for (size_t i = 0; i < ARRAY_SIZE(sys); i++)
		if (*sys[i]) {
			destroy_workqueue(*sys[i]);
			*sys[i] = NULL;
		}
	for (;;) {
		struct workqueue_struct *wq = NULL;

		pthread_mutex_lock(&wq_list_lock);
		if (!list_empty(&workqueues))
			wq = list_first_entry(&workqueues, struct workqueue_struct, list);
		pthread_mutex_unlock(&wq_list_lock);
		if (!wq)
			break;
		pr_warn("workqueue %s still exists at shutdown: destroying it\n", wq->name);
		destroy_workqueue(wq);
	}
	for (int i = 0; i < NR_POOLS; i++) {
		struct worker_pool *pool = &pools[i];

		raw_spin_lock(&pool->lock);
		pool->stopping = true;
		while (!list_empty(&pool->all)) {
			struct worker *worker = list_first_entry(&pool->all, struct worker, all);

			list_del(&worker->all);
			raw_spin_unlock(&pool->lock);
			kthread_stop(worker->task);
			free(worker);
			raw_spin_lock(&pool->lock);
		}
		pool->nr_workers = pool->nr_idle = 0;
		INIT_LIST_HEAD(&pool->idle);
		INIT_LIST_HEAD(&pool->busy);
		raw_spin_unlock(&pool->lock);
	}
}
