// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/timer.c: the timer wheel, one base per CPU. A base has LVL_DEPTH levels of 64
 * buckets; level n's buckets are 8^n ticks wide, so a timer due within 63 ticks sits
 * in level 0 and fires exactly, later ones fire at their bucket's edge (at most 1/8 of
 * the timeout late), as in Linux 6.1. The tick (CPU 0's hardirq thread) raises
 * TIMER_SOFTIRQ on a CPU once its base's next_expiry has come; that CPU's ksoftirqd
 * advances base->clk to jiffies, collecting each level's bucket whenever the lower
 * levels wrap, and runs the expired functions with the base unlocked.
 * Invariants (under base->lock): a queued timer is in exactly one bucket whose bit is
 * set in pending_map, its index in flags' TIMER_ARRAYMASK and its CPU in
 * TIMER_CPUMASK; next_expiry is no later than any queued timer's bucket time;
 * running_timer is the timer whose function runs now. A timer moving between bases
 * carries TIMER_MIGRATING while neither base lock is held for it. */
#include <pthread.h>
#include <sched.h>
#include <linux/kernel.h>
#include <linux/bitmap.h>
#include <linux/interrupt.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/export.h>
#include "kernel/cpu.h"
#include "machine/boot.h"

#define LVL_CLK_SHIFT	3
#define LVL_CLK_MASK	((1UL << LVL_CLK_SHIFT) - 1)
#define LVL_SHIFT(n)	((n) * LVL_CLK_SHIFT)
#define LVL_GRAN(n)	(1UL << LVL_SHIFT(n))
#define LVL_BITS	6
#define LVL_SIZE	(1UL << LVL_BITS)
#define LVL_MASK	(LVL_SIZE - 1)
#define LVL_OFFS(n)	((n) * LVL_SIZE)
#define LVL_START(n)	((LVL_SIZE - 1) << (((n) - 1) * LVL_CLK_SHIFT))
#define LVL_DEPTH	9	/* HZ > 100 */
#define WHEEL_SIZE	(LVL_SIZE * LVL_DEPTH)
#define WHEEL_TIMEOUT_CUTOFF	(LVL_START(LVL_DEPTH))
#define WHEEL_TIMEOUT_MAX	(WHEEL_TIMEOUT_CUTOFF - LVL_GRAN(LVL_DEPTH - 1))

struct timer_base {
	raw_spinlock_t lock;
	struct timer_list *running_timer;
	unsigned long clk;		/* the next tick to process */
	unsigned long next_expiry;
	unsigned int nr_timers;
	unsigned int cpu;
	DECLARE_BITMAP(pending_map, WHEEL_SIZE);
	struct hlist_head vectors[WHEEL_SIZE];
} __attribute__((aligned(64)));

static struct timer_base timer_bases[NR_CPUS];

void raise_softirq_on(unsigned int cpu, unsigned int nr);

/* The bucket of level lvl for expires, rounded up so a timer never fires early. */
static unsigned int bucket_index(unsigned long expires, unsigned int lvl,
				 unsigned long *bucket_expiry)
{
	unsigned long slot = (expires >> LVL_SHIFT(lvl)) + 1;

	*bucket_expiry = slot << LVL_SHIFT(lvl);
	return (unsigned int)(LVL_OFFS(lvl) + (slot & LVL_MASK));
}

static unsigned int wheel_index(unsigned long expires, unsigned long clk,
				unsigned long *bucket_expiry)
{
	unsigned long delta = expires - clk;
	unsigned int lvl;

	if ((long)delta < 0) {
		*bucket_expiry = clk;
		return (unsigned int)(clk & LVL_MASK);
	}
	for (lvl = 0; lvl < LVL_DEPTH - 1; lvl++)
		if (delta < LVL_START(lvl + 1))
			return bucket_index(expires, lvl, bucket_expiry);
	if (delta >= WHEEL_TIMEOUT_CUTOFF)
		expires = clk + WHEEL_TIMEOUT_MAX;
	return bucket_index(expires, LVL_DEPTH - 1, bucket_expiry);
}

/* The first tick at or after clk at which bucket idx is collected. */
static unsigned long bucket_due(unsigned int idx, unsigned long clk)
{
	unsigned int lvl = idx / LVL_SIZE, shift = LVL_SHIFT(lvl);
	unsigned long slot = idx % LVL_SIZE;
	unsigned long first = (clk + LVL_GRAN(lvl) - 1) >> shift;

	return (first + ((slot - first) & LVL_MASK)) << shift;
}

static void recalc_next_expiry(struct timer_base *base)
{
	unsigned long next = base->clk + NEXT_TIMER_MAX_DELTA;
	unsigned int idx;

	for_each_set_bit(idx, base->pending_map, WHEEL_SIZE) {
		unsigned long due = bucket_due(idx, base->clk);

		if (time_before(due, next))
			next = due;
	}
	WRITE_ONCE(base->next_expiry, next);
}

static void enqueue_timer(struct timer_base *base, struct timer_list *timer)
{
	unsigned long bucket_expiry;
	unsigned int idx;

	if (!base->nr_timers && time_after(jiffies, base->clk)) {
		base->clk = jiffies;	/* an idle base catches up with the tick */
		WRITE_ONCE(base->next_expiry, base->clk + NEXT_TIMER_MAX_DELTA);
	}
	idx = wheel_index(timer->expires, base->clk, &bucket_expiry);
	hlist_add_head(&timer->entry, &base->vectors[idx]);
	__set_bit(idx, base->pending_map);
	WRITE_ONCE(timer->flags, (timer->flags & ~TIMER_ARRAYMASK) | (idx << TIMER_ARRAYSHIFT));
	WRITE_ONCE(base->nr_timers, base->nr_timers + 1);	/* read by the tick unlocked */
	if (time_before(bucket_expiry, base->next_expiry))
		WRITE_ONCE(base->next_expiry, bucket_expiry);
}

static void detach_timer(struct timer_base *base, struct timer_list *timer)
{
	unsigned int idx = timer->flags >> TIMER_ARRAYSHIFT;

	__hlist_del(&timer->entry);
	WRITE_ONCE(timer->entry.pprev, NULL);
	timer->entry.next = NULL;
	if (hlist_empty(&base->vectors[idx]))
		__clear_bit(idx, base->pending_map);
	WRITE_ONCE(base->nr_timers, base->nr_timers - 1);
}

static bool detach_if_pending(struct timer_base *base, struct timer_list *timer)
{
	if (!timer_pending(timer))
		return false;
	detach_timer(base, timer);
	return true;
}

/* Locks and returns the base the timer belongs to (waiting out a migration). */
static struct timer_base *lock_timer_base(struct timer_list *timer)
{
	for (;;) {
		u32 tf = READ_ONCE(timer->flags);

		if (!(tf & TIMER_MIGRATING)) {
			struct timer_base *base = &timer_bases[tf & TIMER_CPUMASK];

			raw_spin_lock(&base->lock);
			if (READ_ONCE(timer->flags) == tf)
				return base;
			raw_spin_unlock(&base->lock);
		}
		__builtin_ia32_pause();
	}
}

/**
 * init_timer_key - set up a timer; what timer_setup() calls
 * @timer: the timer
 * @func: its function, called with @timer in softirq context
 * @flags: TIMER_* flags (TIMER_DEFERRABLE, TIMER_PINNED, TIMER_IRQSAFE)
 * @name: the lockdep name (unused by ukmem)
 * @key: the lockdep key (unused by ukmem)
 *
 * Unknown flags warn once and are dropped.
 *
 * Context: any context; takes no lock. @timer must not be pending.
 */
void init_timer_key(struct timer_list *timer, void (*func)(struct timer_list *),
		    unsigned int flags, const char *name, void *key)
{
	timer->entry.pprev = NULL;
	timer->entry.next = NULL;
	timer->function = func;
	if (WARN_ON_ONCE(flags & ~TIMER_INIT_FLAGS))
		flags &= TIMER_INIT_FLAGS;
	timer->flags = flags | raw_smp_processor_id();
}
EXPORT_SYMBOL(init_timer_key);

enum { MOD_TIMER_PENDING_ONLY = 1, MOD_TIMER_REDUCE = 2, MOD_TIMER_NOTPENDING = 4 };

/* Queues the timer at expires on target_cpu (-1: the calling CPU). */
static int modify_timer(struct timer_list *timer, unsigned long expires, unsigned int options,
			int target_cpu)
{
	struct timer_base *base, *new_base;
	unsigned int cpu;
	int ret;

	BUG_ON(!timer->function);
	ukmem_ensure_booted();
	cpu_restart_if_forked();	/* the tick of a fork child starts with its first timer */
	if (!(options & MOD_TIMER_NOTPENDING) && timer_pending(timer) && target_cpu < 0) {
		if (timer->expires == expires)
			return 1;
		if ((options & MOD_TIMER_REDUCE) && !time_before(expires, timer->expires))
			return 1;
	}
	base = lock_timer_base(timer);
	if ((options & MOD_TIMER_PENDING_ONLY) && !timer_pending(timer)) {
		raw_spin_unlock(&base->lock);
		return 0;
	}
	if ((options & MOD_TIMER_REDUCE) && timer_pending(timer) &&
	    !time_before(expires, timer->expires)) {
		raw_spin_unlock(&base->lock);
		return 1;
	}
	ret = detach_if_pending(base, timer);
	cpu = target_cpu >= 0 ? (unsigned int)target_cpu : raw_smp_processor_id();
	new_base = &timer_bases[cpu];
	if (base != new_base && (target_cpu >= 0 || base->running_timer != timer)) {
		/* Moving: no base lock covers the timer while it is MIGRATING. */
		WRITE_ONCE(timer->flags, timer->flags | TIMER_MIGRATING);
		raw_spin_unlock(&base->lock);
		base = new_base;
		raw_spin_lock(&base->lock);
		WRITE_ONCE(timer->flags, (timer->flags & ~TIMER_BASEMASK) | cpu);
	}
	timer->expires = expires;
	enqueue_timer(base, timer);
	raw_spin_unlock(&base->lock);
	return ret;
}

/**
 * mod_timer - (re)arm a timer to expire at @expires
 * @timer: an initialised timer
 * @expires: absolute time in jiffies
 *
 * Context: any. Return: 1 if the timer was pending (it is moved), 0 if not.
 */
int mod_timer(struct timer_list *timer, unsigned long expires)
{
	return modify_timer(timer, expires, 0, -1);
}
EXPORT_SYMBOL(mod_timer);

/**
 * mod_timer_pending - change a pending timer's expiry; an idle timer stays idle
 * @timer: the timer
 * @expires: the new expiry, in jiffies
 *
 * Context: any context, interrupts included; takes the timer base's raw spinlock.
 * Return: 1 if the timer was pending (and is moved), 0 if not (nothing is done).
 */
int mod_timer_pending(struct timer_list *timer, unsigned long expires)
{
	return modify_timer(timer, expires, MOD_TIMER_PENDING_ONLY, -1);
}
EXPORT_SYMBOL(mod_timer_pending);

/**
 * timer_reduce - start a timer, or bring its expiry earlier, never later
 * @timer: the timer
 * @expires: the expiry wanted, in jiffies
 *
 * Context: any context, interrupts included; takes the timer base's raw spinlock.
 * Return: 1 if the timer was pending, 0 if it was started.
 */
int timer_reduce(struct timer_list *timer, unsigned long expires)
{
	return modify_timer(timer, expires, MOD_TIMER_REDUCE, -1);
}
EXPORT_SYMBOL(timer_reduce);

/**
 * add_timer - start a timer at its ->expires
 * @timer: the timer, set up and not pending (BUG otherwise)
 *
 * Context: any context, interrupts included; takes the timer base's raw spinlock.
 */
void add_timer(struct timer_list *timer)
{
	BUG_ON(timer_pending(timer));
	modify_timer(timer, timer->expires, MOD_TIMER_NOTPENDING, -1);
}
EXPORT_SYMBOL(add_timer);

/**
 * add_timer_on - start a timer on a given CPU
 * @timer: the timer, set up with a function and not pending (BUG otherwise)
 * @cpu: the CPU whose timer wheel runs it
 *
 * Context: any context; takes the timer bases' raw spinlocks.
 */
void add_timer_on(struct timer_list *timer, int cpu)
{
	BUG_ON(timer_pending(timer) || !timer->function);
	modify_timer(timer, timer->expires, MOD_TIMER_NOTPENDING, cpu);
}
EXPORT_SYMBOL_GPL(add_timer_on);

/**
 * del_timer - deactivate a timer
 * @timer: the timer
 *
 * Its function may still be running on some CPU when this returns.
 * Context: any. Return: 1 if the timer was pending, else 0.
 */
int del_timer(struct timer_list *timer)
{
	struct timer_base *base;
	int ret = 0;

	if (timer_pending(timer)) {
		base = lock_timer_base(timer);
		ret = detach_if_pending(base, timer);
		raw_spin_unlock(&base->lock);
	}
	return ret;
}
EXPORT_SYMBOL(del_timer);

/**
 * try_to_del_timer_sync - stop a timer unless its function is running now
 * @timer: the timer
 *
 * Context: any context; takes the timer base's raw spinlock, never waits.
 * Return: 1 if it was pending and is stopped, 0 if it was idle, -1 if its function is
 * running (nothing is done).
 */
int try_to_del_timer_sync(struct timer_list *timer)
{
	struct timer_base *base = lock_timer_base(timer);
	int ret = -1;

	if (base->running_timer != timer)
		ret = detach_if_pending(base, timer);
	raw_spin_unlock(&base->lock);
	return ret;
}
EXPORT_SYMBOL(try_to_del_timer_sync);

/**
 * del_timer_sync - deactivate a timer and wait for its function to finish
 * @timer: the timer; its function must not re-arm it unconditionally
 *
 * When this returns, the function is not running on any CPU and the timer is not
 * queued (unless something re-armed it since).
 * Context: not from the timer's own function, nor holding a lock the function takes
 * (in hardirq context only for TIMER_IRQSAFE timers). Return: 1 if it was pending.
 */
int del_timer_sync(struct timer_list *timer)
{
	int ret;

	WARN_ON(in_hardirq() && !(timer->flags & TIMER_IRQSAFE));
	for (;;) {
		ret = try_to_del_timer_sync(timer);
		if (ret >= 0)
			return ret;
		sched_yield();
	}
}
EXPORT_SYMBOL(del_timer_sync);

static void expire_bucket(struct timer_base *base, struct hlist_head *head)
{
	while (!hlist_empty(head)) {
		struct timer_list *timer = hlist_entry(head->first, struct timer_list, entry);
		void (*fn)(struct timer_list *) = timer->function;
		unsigned int count = preempt_count();

		base->running_timer = timer;
		detach_timer(base, timer);
		if (timer->flags & TIMER_IRQSAFE) {
			raw_spin_unlock(&base->lock);
			current->irqs_off = true;
			fn(timer);
			current->irqs_off = false;
			raw_spin_lock(&base->lock);
		} else {
			raw_spin_unlock(&base->lock);
			fn(timer);
			raw_spin_lock(&base->lock);
		}
		if (preempt_count() != count) {
			pr_warn("timer: %p preempt leak: %08x -> %08x\n", fn, count, preempt_count());
			current->preempt_count = count;
		}
		base->running_timer = NULL;
	}
}

/* Moves the buckets due at base->clk to heads (one per level); returns how many. */
static int collect_expired(struct timer_base *base, struct hlist_head *heads)
{
	unsigned long clk = base->clk;
	int levels = 0;

	for (unsigned int lvl = 0; lvl < LVL_DEPTH; lvl++) {
		unsigned int idx = (unsigned int)((clk & LVL_MASK) + LVL_OFFS(lvl));

		if (__test_and_clear_bit(idx, base->pending_map)) {
			struct hlist_head *vec = &base->vectors[idx];

			heads[levels].first = vec->first;
			if (vec->first)
				WRITE_ONCE(vec->first->pprev, &heads[levels].first);
			vec->first = NULL;
			levels++;
		}
		if (clk & LVL_CLK_MASK)
			break;
		clk >>= LVL_CLK_SHIFT;
	}
	return levels;
}

static void run_timer_softirq(struct softirq_action *a)
{
	struct timer_base *base = &timer_bases[raw_smp_processor_id()];
	struct hlist_head heads[LVL_DEPTH];
	unsigned long now = jiffies;

	raw_spin_lock(&base->lock);
	while (time_after_eq(now, base->clk) && base->nr_timers) {
		int levels;

		if (time_after(base->next_expiry, base->clk))	/* nothing due before it */
			base->clk = time_before(now, base->next_expiry) ? now : base->next_expiry;
		levels = collect_expired(base, heads);
		base->clk++;
		while (levels--)
			expire_bucket(base, &heads[levels]);
		recalc_next_expiry(base);
	}
	if (!base->nr_timers && time_after_eq(now, base->clk)) {
		base->clk = now + 1;
		WRITE_ONCE(base->next_expiry, base->clk + NEXT_TIMER_MAX_DELTA);
	}
	raw_spin_unlock(&base->lock);
}

/* Called by the tick with the new jiffies: raises TIMER_SOFTIRQ where timers are due. */
void timers_tick(unsigned long now)
{
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
		struct timer_base *base = &timer_bases[cpu];

		if (READ_ONCE(base->nr_timers) && time_after_eq(now, READ_ONCE(base->next_expiry)))
			raise_softirq_on(cpu, TIMER_SOFTIRQ);
	}
}

void timers_init_cpus(void)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct timer_base *base = &timer_bases[cpu];

		raw_spin_lock_init(&base->lock);
		base->cpu = cpu;
		base->clk = jiffies;
		WRITE_ONCE(base->next_expiry, base->clk + NEXT_TIMER_MAX_DELTA);
		base->nr_timers = 0;
		base->running_timer = NULL;
		bitmap_zero(base->pending_map, WHEEL_SIZE);
		for (int i = 0; i < WHEEL_SIZE; i++)
			INIT_HLIST_HEAD(&base->vectors[i]);
	}
	open_softirq(TIMER_SOFTIRQ, run_timer_softirq);
}

/* Fork child: no thread runs a timer function here, and none holds a base lock. */
void timers_after_fork(void)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		raw_spin_lock_init(&timer_bases[cpu].lock);
		timer_bases[cpu].running_timer = NULL;
	}
}

/* Shutdown: timers still queued are dropped (their owner forgot them). */
void timers_drop_all(void)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct timer_base *base = &timer_bases[cpu];
		unsigned int idx;

		raw_spin_lock(&base->lock);
		if (base->nr_timers)
			pr_notice("CPU%u: %u timers still pending at shutdown\n", cpu, base->nr_timers);
		for_each_set_bit(idx, base->pending_map, WHEEL_SIZE)
			while (!hlist_empty(&base->vectors[idx]))
				detach_timer(base, hlist_entry(base->vectors[idx].first,
							       struct timer_list, entry));
		raw_spin_unlock(&base->lock);
	}
}
