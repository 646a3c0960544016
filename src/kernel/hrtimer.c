// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/hrtimer.c: high-resolution timers. Each CPU keeps two lists of queued timers
 * ordered by hard expiry on CLOCK_MONOTONIC: hard ones (run by the CPU's hardirq thread
 * in hardirq context, from its clock event) and soft ones (run by HRTIMER_SOFTIRQ on
 * the CPU's ksoftirqd). The clock event is programmed for the earliest hard timer and,
 * unless HRTIMER_SOFTIRQ is already raised, the earliest soft one. A timer's function
 * runs with the CPU base unlocked; `running` names it meanwhile, so cancel can wait.
 * Invariants (under cpu_base->lock): a queued timer is HRTIMER_STATE_ENQUEUED and on
 * exactly one list of the base timer->base points into; a timer moving between CPUs has
 * timer->base == &migration_base while no CPU lock covers it. */
#include <sched.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/export.h>
#include "kernel/cpu.h"
#include "machine/boot.h"

enum { BASE_MONO, BASE_REAL, BASE_BOOT, BASE_TAI, NR_CLOCK_BASES };

struct hrtimer_cpu_base {
	raw_spinlock_t lock;
	unsigned int cpu;
	bool softirq_raised;
	struct list_head hard, soft;
	struct hrtimer *running, *running_soft;
	struct hrtimer_clock_base clock_base[2 * NR_CLOCK_BASES];	/* hard, then soft */
} __attribute__((aligned(64)));

static struct hrtimer_cpu_base hrtimer_bases[NR_CPUS];
static struct hrtimer_clock_base migration_base;
const ktime_t hrtimer_resolution_ns = 1;
EXPORT_SYMBOL(hrtimer_resolution_ns);

void raise_softirq_on(unsigned int cpu, unsigned int nr);

static ktime_t get_tai(void)
{
	return ktime_get_real() + 37 * NSEC_PER_SEC;	/* TAI - UTC since 2017 */
}

static ktime_t (*const clock_getters[NR_CLOCK_BASES])(void) = {
	ktime_get, ktime_get_real, ktime_get_boottime, get_tai,
};
static const clockid_t clock_ids[NR_CLOCK_BASES] = {
	CLOCK_MONOTONIC, CLOCK_REALTIME, CLOCK_BOOTTIME, CLOCK_TAI,
};

/**
 * ktime_add_safe - add two times, saturating at KTIME_MAX
 * @lhs: a time
 * @rhs: another
 *
 * Context: any context.
 * Return: @lhs + @rhs, or KTIME_MAX if the sum overflows or is negative.
 */
ktime_t ktime_add_safe(const ktime_t lhs, const ktime_t rhs)
{
	ktime_t res;

	if (__builtin_add_overflow(lhs, rhs, &res) || res < 0)
		return KTIME_MAX;
	return res;
}
EXPORT_SYMBOL_GPL(ktime_add_safe);

static unsigned int clock_index(clockid_t clock)
{
	switch (clock) {
	case CLOCK_REALTIME:	return BASE_REAL;
	case CLOCK_BOOTTIME:	return BASE_BOOT;
	case CLOCK_TAI:		return BASE_TAI;
	default:		return BASE_MONO;
	}
}

/**
 * hrtimer_init - initialise a timer for a clock and mode
 * @timer: the timer
 * @clock_id: CLOCK_MONOTONIC, CLOCK_REALTIME, CLOCK_BOOTTIME or CLOCK_TAI
 * @mode: HRTIMER_MODE_SOFT makes it a softirq timer, else it runs in hardirq context
 *
 * Context: any.
 */
void hrtimer_init(struct hrtimer *timer, clockid_t clock_id, enum hrtimer_mode mode)
{
	struct hrtimer_cpu_base *cpu_base = &hrtimer_bases[raw_smp_processor_id()];
	bool soft = mode & HRTIMER_MODE_SOFT;

	memset(timer, 0, sizeof(*timer));
	INIT_LIST_HEAD(&timer->node.ukmem_entry);
	timer->is_soft = soft;
	timer->is_hard = !soft;
	timer->is_rel = mode & HRTIMER_MODE_REL;
	timer->base = &cpu_base->clock_base[clock_index(clock_id) + (soft ? NR_CLOCK_BASES : 0)];
}
EXPORT_SYMBOL_GPL(hrtimer_init);

/* Locks the CPU base the timer's clock base belongs to, waiting out a migration. */
static struct hrtimer_cpu_base *lock_base(const struct hrtimer *timer)
{
	for (;;) {
		struct hrtimer_clock_base *base = READ_ONCE(timer->base);

		if (base != &migration_base) {
			raw_spin_lock(&base->cpu_base->lock);
			if (base == READ_ONCE(timer->base))
				return base->cpu_base;
			raw_spin_unlock(&base->cpu_base->lock);
		}
		__builtin_ia32_pause();
	}
}

static void enqueue(struct hrtimer_cpu_base *cpu_base, struct hrtimer *timer)
{
	struct list_head *list = timer->is_soft ? &cpu_base->soft : &cpu_base->hard;
	struct hrtimer *pos;

	list_for_each_entry(pos, list, node.ukmem_entry)
		if (pos->ukmem_mono_hard > timer->ukmem_mono_hard)
			break;
	list_add_tail(&timer->node.ukmem_entry, &pos->node.ukmem_entry);
	WRITE_ONCE(timer->state, HRTIMER_STATE_ENQUEUED);
}

static bool dequeue(struct hrtimer *timer)
{
	if (!(timer->state & HRTIMER_STATE_ENQUEUED))
		return false;
	list_del_init(&timer->node.ukmem_entry);
	WRITE_ONCE(timer->state, HRTIMER_STATE_INACTIVE);
	return true;
}

/* The timer's expiries on the monotonic clock, from its own clock's current offset. */
static void set_mono_expiry(struct hrtimer *timer)
{
	ktime_t offset = 0;

	if (timer->base->index != BASE_MONO)
		offset = ktime_get() - timer->base->get_time();
	timer->ukmem_mono_soft = ktime_add_safe(timer->_softexpires, offset);
	timer->ukmem_mono_hard = ktime_add_safe(timer->node.expires, offset);
}

static u64 first_expiry(struct list_head *list)
{
	if (list_empty(list))
		return U64_MAX;
	return (u64)list_first_entry(list, struct hrtimer, node.ukmem_entry)->ukmem_mono_hard;
}

/* The earliest time the CPU's clock event must fire. Caller holds the lock. */
static u64 next_event(struct hrtimer_cpu_base *cpu_base)
{
	u64 next = first_expiry(&cpu_base->hard);

	if (!cpu_base->softirq_raised)
		next = min(next, first_expiry(&cpu_base->soft));
	return next;
}

/**
 * hrtimer_start_range_ns - (re)start a timer
 * @timer: an initialised timer
 * @tim: expiry (relative with HRTIMER_MODE_REL)
 * @delta_ns: slack: it fires between @tim and @tim + @delta_ns
 * @mode: HRTIMER_MODE_ABS or _REL, optionally _PINNED
 *
 * A queued timer is moved. The timer goes to the calling CPU unless its function is
 * running now (then it stays where it is).
 *
 * Context: any context, interrupts included; takes the hrtimer bases' raw spinlocks.
 */
void hrtimer_start_range_ns(struct hrtimer *timer, ktime_t tim, u64 delta_ns,
			    const enum hrtimer_mode mode)
{
	struct hrtimer_cpu_base *cpu_base, *new_base;
	unsigned int index = timer->base->index;
	u64 next;

	ukmem_ensure_booted();
	cpu_base = lock_base(timer);

	dequeue(timer);
	if (mode & HRTIMER_MODE_REL)
		tim = ktime_add_safe(tim, timer->base->get_time());
	hrtimer_set_expires_range_ns(timer, tim, delta_ns);
	new_base = &hrtimer_bases[raw_smp_processor_id()];
	if (new_base != cpu_base && cpu_base->running != timer && cpu_base->running_soft != timer) {
		WRITE_ONCE(timer->base, &migration_base);
		raw_spin_unlock(&cpu_base->lock);
		cpu_base = new_base;
		raw_spin_lock(&cpu_base->lock);
		WRITE_ONCE(timer->base, &cpu_base->clock_base[index]);
	}
	set_mono_expiry(timer);
	enqueue(cpu_base, timer);
	next = next_event(cpu_base);
	raw_spin_unlock(&cpu_base->lock);
	cpu_clock_program(cpu_base->cpu, next);
}
EXPORT_SYMBOL_GPL(hrtimer_start_range_ns);

/**
 * hrtimer_try_to_cancel - stop a timer unless its function is running now
 * @timer: the timer
 *
 * Context: any context; takes the hrtimer base's raw spinlock, never waits.
 * Return: 1 if it was queued and is stopped, 0 if it was idle, -1 if its function is
 * running (nothing is done).
 */
int hrtimer_try_to_cancel(struct hrtimer *timer)
{
	struct hrtimer_cpu_base *cpu_base = lock_base(timer);
	int ret = -1;

	if (cpu_base->running != timer && cpu_base->running_soft != timer)
		ret = dequeue(timer);
	raw_spin_unlock(&cpu_base->lock);
	return ret;
}
EXPORT_SYMBOL_GPL(hrtimer_try_to_cancel);

/**
 * hrtimer_cancel - dequeue a timer and wait for its running function
 * @timer: the timer
 *
 * Context: not from the timer's own function. Return: 1 if it was queued, else 0.
 */
int hrtimer_cancel(struct hrtimer *timer)
{
	int ret;

	while ((ret = hrtimer_try_to_cancel(timer)) < 0)
		sched_yield();
	return ret;
}
EXPORT_SYMBOL_GPL(hrtimer_cancel);

/**
 * hrtimer_callback_running - whether a timer's function is running now
 * @timer: the timer
 *
 * Context: any context; a lockless look.
 * Return: true while its function runs.
 */
bool hrtimer_callback_running(struct hrtimer *timer)
{
	struct hrtimer_cpu_base *cpu_base = READ_ONCE(timer->base)->cpu_base;

	return cpu_base && (READ_ONCE(cpu_base->running) == timer ||
			    READ_ONCE(cpu_base->running_soft) == timer);
}
EXPORT_SYMBOL(hrtimer_callback_running);

/**
 * hrtimer_active - whether a timer is queued or its function is running
 * @timer: the timer
 *
 * Context: any context; takes the hrtimer base's raw spinlock.
 * Return: true if queued or running.
 */
bool hrtimer_active(const struct hrtimer *timer)
{
	struct hrtimer_cpu_base *cpu_base = lock_base(timer);
	bool active = (timer->state & HRTIMER_STATE_ENQUEUED) || cpu_base->running == timer ||
		      cpu_base->running_soft == timer;

	raw_spin_unlock(&cpu_base->lock);
	return active;
}
EXPORT_SYMBOL_GPL(hrtimer_active);

/**
 * hrtimer_forward - move a timer's expiry forward past @now in steps of @interval
 * @timer: a timer that is not queued (e.g. from its own function)
 * @now: the time to pass
 * @interval: the period
 *
 * Context: any context; takes no lock (the caller owns the timer: it is not queued).
 * Return: the number of periods added (0 if the expiry is already after @now).
 */
u64 hrtimer_forward(struct hrtimer *timer, ktime_t now, ktime_t interval)
{
	ktime_t delta = ktime_sub(now, hrtimer_get_expires(timer));
	u64 periods;

	if (delta < 0)
		return 0;
	if (WARN_ON(timer->state & HRTIMER_STATE_ENQUEUED))
		return 0;
	if (interval < hrtimer_resolution_ns)
		interval = hrtimer_resolution_ns;
	periods = (u64)(delta / interval) + 1;
	hrtimer_add_expires_ns(timer, periods * (u64)interval);
	return periods;
}
EXPORT_SYMBOL_GPL(hrtimer_forward);

/**
 * __hrtimer_get_remaining - the time left until a timer expires
 * @timer: the timer
 * @adjust: for Linux's clock-was-set adjustment (unused by ukmem)
 *
 * Context: any context; takes the hrtimer base's raw spinlock.
 * Return: the time left (negative if the expiry is past).
 */
ktime_t __hrtimer_get_remaining(const struct hrtimer *timer, bool adjust)
{
	struct hrtimer_cpu_base *cpu_base = lock_base(timer);
	ktime_t rem = hrtimer_expires_remaining(timer);

	raw_spin_unlock(&cpu_base->lock);
	return rem;
}
EXPORT_SYMBOL_GPL(__hrtimer_get_remaining);

/* Runs the timers of list whose soft expiry has come; running is the slot naming the
 * one whose function runs. Called with the lock held; drops it around each function. */
static void run_expired(struct hrtimer_cpu_base *cpu_base, struct list_head *list,
			struct hrtimer **running)
{
	u64 now = (u64)ktime_get();

	while (!list_empty(list)) {
		struct hrtimer *timer = list_first_entry(list, struct hrtimer, node.ukmem_entry);
		enum hrtimer_restart (*fn)(struct hrtimer *) = timer->function;
		enum hrtimer_restart restart;

		if ((u64)timer->ukmem_mono_soft > now)
			break;
		dequeue(timer);
		*running = timer;
		raw_spin_unlock(&cpu_base->lock);
		restart = fn(timer);
		raw_spin_lock(&cpu_base->lock);
		if (restart == HRTIMER_RESTART && !(timer->state & HRTIMER_STATE_ENQUEUED)) {
			set_mono_expiry(timer);
			enqueue(cpu_base, timer);
		}
		*running = NULL;
		now = (u64)ktime_get();
	}
}

u64 hrtimer_cpu_interrupt(unsigned int cpu, u64 now)
{
	struct hrtimer_cpu_base *cpu_base = &hrtimer_bases[cpu];
	u64 next;

	raw_spin_lock(&cpu_base->lock);
	run_expired(cpu_base, &cpu_base->hard, &cpu_base->running);
	if (!cpu_base->softirq_raised && first_expiry(&cpu_base->soft) != U64_MAX &&
	    (u64)list_first_entry(&cpu_base->soft, struct hrtimer,
				  node.ukmem_entry)->ukmem_mono_soft <= now) {
		cpu_base->softirq_raised = true;
		raise_softirq_on(cpu, HRTIMER_SOFTIRQ);
	}
	next = next_event(cpu_base);
	raw_spin_unlock(&cpu_base->lock);
	return next;
}

static void hrtimer_run_softirq(struct softirq_action *a)
{
	struct hrtimer_cpu_base *cpu_base = &hrtimer_bases[raw_smp_processor_id()];
	u64 next;

	raw_spin_lock(&cpu_base->lock);
	run_expired(cpu_base, &cpu_base->soft, &cpu_base->running_soft);
	cpu_base->softirq_raised = false;
	next = next_event(cpu_base);
	raw_spin_unlock(&cpu_base->lock);
	cpu_clock_program(cpu_base->cpu, next);
}

void hrtimers_init_cpus(void)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct hrtimer_cpu_base *cpu_base = &hrtimer_bases[cpu];

		raw_spin_lock_init(&cpu_base->lock);
		cpu_base->cpu = cpu;
		cpu_base->softirq_raised = false;
		cpu_base->running = cpu_base->running_soft = NULL;
		INIT_LIST_HEAD(&cpu_base->hard);
		INIT_LIST_HEAD(&cpu_base->soft);
		for (unsigned int i = 0; i < 2 * NR_CLOCK_BASES; i++) {
			struct hrtimer_clock_base *base = &cpu_base->clock_base[i];

			base->cpu_base = cpu_base;
			base->index = i % NR_CLOCK_BASES;
			base->clockid = clock_ids[i % NR_CLOCK_BASES];
			base->get_time = clock_getters[i % NR_CLOCK_BASES];
		}
	}
	open_softirq(HRTIMER_SOFTIRQ, hrtimer_run_softirq);
}

/* Fork child: no thread runs an hrtimer function here, and none holds a base lock. */
void hrtimers_after_fork(void)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct hrtimer_cpu_base *cpu_base = &hrtimer_bases[cpu];

		raw_spin_lock_init(&cpu_base->lock);
		cpu_base->running = cpu_base->running_soft = NULL;
		cpu_base->softirq_raised = false;
	}
}

/* Shutdown: timers still queued are dropped (their owner forgot them). */
void hrtimers_drop_all(void)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct hrtimer_cpu_base *cpu_base = &hrtimer_bases[cpu];
		struct list_head *lists[] = { &cpu_base->hard, &cpu_base->soft };

		raw_spin_lock(&cpu_base->lock);
		for (int l = 0; l < 2; l++)
			while (!list_empty(lists[l]))
				dequeue(list_first_entry(lists[l], struct hrtimer, node.ukmem_entry));
		raw_spin_unlock(&cpu_base->lock);
	}
}
