// SPDX-License-Identifier: LGPL-2.1-or-later
/* Lock validation (lockdep.prove_locking=1): each report in Linux 6.1's text, then
 * proof that nothing was corrupted (locks usable, preempt count 0) and that lockdep
 * turned itself off after the one report; /proc/lockdep_stats under lockdep=on. No test deadlocks for real: the orders that
 * could are taken one after the other. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/hardirq.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/rcupdate.h>
#include <linux/lockdep.h>
#include <linux/debug_locks.h>
#include "kmsg.h"

DEFINE_SPINLOCK(lock_a);	/* global: reports name them */
DEFINE_SPINLOCK(lock_b);
DEFINE_MUTEX(mutex_a);
DEFINE_MUTEX(mutex_b);

static void boot(void)
{
	cr_assert_eq(ukmem_boot("mem=32M lockdep.prove_locking=1"), 0);
	cr_assert_eq(debug_locks, 1);
}

TestSuite(lockdep, .init = boot, .fini = ukmem_shutdown);

static void assert_clean(void)
{
	cr_assert_eq(preempt_count(), 0);
	cr_assert_not(irqs_disabled());
	cr_assert_not(spin_is_locked(&lock_a));
	cr_assert_not(spin_is_locked(&lock_b));
}

Test(lockdep, balanced_locking_is_quiet)
{
	spin_lock(&lock_a);
	spin_lock(&lock_b);
	spin_unlock(&lock_b);
	spin_unlock(&lock_a);
	spin_lock(&lock_a);
	spin_lock(&lock_b);
	spin_unlock(&lock_a);	/* out of order release is fine */
	spin_unlock(&lock_b);
	mutex_lock(&mutex_a);
	spin_lock(&lock_a);
	spin_unlock(&lock_a);
	mutex_unlock(&mutex_a);
	cr_assert_eq(ukmem_report_count(), 0);
	cr_assert_eq(debug_locks, 1);
	assert_clean();
}

void *take_a_then_b(void *arg);
void *take_b_then_a(void *arg);

/* Global: traces name them. */
void *take_a_then_b(void *arg)
{
	spin_lock(&lock_a);
	spin_lock(&lock_b);
	spin_unlock(&lock_b);
	spin_unlock(&lock_a);
	return arg;
}

void *take_b_then_a(void *arg)
{
	spin_lock(&lock_b);
	spin_lock(&lock_a);
	spin_unlock(&lock_a);
	spin_unlock(&lock_b);
	return arg;
}

Test(lockdep, ab_ba_from_two_threads)
{
	pthread_t t;
	char who[64];

	pthread_create(&t, NULL, take_a_then_b, NULL);
	pthread_join(t, NULL);
	cr_assert_eq(ukmem_report_count(), 0);
	pthread_create(&t, NULL, take_b_then_a, NULL);
	pthread_join(t, NULL);
	cr_assert(kmsg_contains("======================================================"));
	cr_assert(kmsg_contains("WARNING: possible circular locking dependency detected"));
	cr_assert(kmsg_contains("6.1.0-ukmem #1 Not tainted"));
	cr_assert(kmsg_contains(" is trying to acquire lock:"));
	cr_assert(kmsg_contains(" (lock_a){+.+.}-{2:2}, at: take_b_then_a+0x"));
	cr_assert(kmsg_contains("but task is already holding lock:"));
	cr_assert(kmsg_contains(" (lock_b){+.+.}-{2:2}, at: take_b_then_a+0x"));
	cr_assert(kmsg_contains("which lock already depends on the new lock."));
	cr_assert(kmsg_contains("the existing dependency chain (in reverse order) is:"));
	cr_assert(kmsg_contains("-> #1 (lock_b){+.+.}-{2:2}:"));
	cr_assert(kmsg_contains("       take_a_then_b+0x"), "the trace of the first order");
	cr_assert(kmsg_contains("-> #0 (lock_a){+.+.}-{2:2}:"));
	cr_assert(kmsg_contains("other info that might help us debug this:"));
	cr_assert(kmsg_contains(" Possible unsafe locking scenario:"));
	cr_assert(kmsg_contains("       CPU0                    CPU1"));
	cr_assert(kmsg_contains("       ----                    ----"));
	cr_assert(kmsg_contains("  lock(lock_b);"));
	cr_assert(kmsg_contains("                               lock(lock_a);"));
	cr_assert(kmsg_contains("                               lock(lock_b);"));
	cr_assert(kmsg_contains("  lock(lock_a);"));
	cr_assert(kmsg_contains(" *** DEADLOCK ***"));
	snprintf(who, sizeof(who), "1 lock held by %s/", current->comm);
	cr_assert(kmsg_contains(who), "%s", who);
	cr_assert(kmsg_contains(" #0: "));
	cr_assert(kmsg_contains("stack backtrace:"));
	cr_assert_eq(ukmem_report_count(), 1);
	cr_assert_eq(debug_locks, 0, "lockdep turned itself off");
	/* Off: the same inversion again is silent, and the locks still work. */
	take_b_then_a(NULL);
	take_a_then_b(NULL);
	cr_assert_eq(ukmem_report_count(), 1);
	assert_clean();
}

Test(lockdep, mutex_ab_ba)
{
	mutex_lock(&mutex_a);
	mutex_lock(&mutex_b);
	mutex_unlock(&mutex_b);
	mutex_unlock(&mutex_a);
	mutex_lock(&mutex_b);
	mutex_lock(&mutex_a);
	mutex_unlock(&mutex_a);
	mutex_unlock(&mutex_b);
	cr_assert(kmsg_contains("WARNING: possible circular locking dependency detected"));
	cr_assert(kmsg_contains("-> #1 (mutex_b){+.+.}-{3:3}:"));
	cr_assert(kmsg_contains("-> #0 (mutex_a){+.+.}-{3:3}:"));
	cr_assert_not(mutex_is_locked(&mutex_a));
	cr_assert_not(mutex_is_locked(&mutex_b));
}

struct pair {
	spinlock_t lock;
	int value;
};

static void init_pair(struct pair *p)
{
	spin_lock_init(&p->lock);	/* one class for every pair */
}

Test(lockdep, recursive_locking_of_one_class)
{
	struct pair x, y;

	init_pair(&x);
	init_pair(&y);
	spin_lock(&x.lock);
	spin_lock(&y.lock);
	spin_unlock(&y.lock);
	spin_unlock(&x.lock);
	cr_assert(kmsg_contains("============================================"));
	cr_assert(kmsg_contains("WARNING: possible recursive locking detected"));
	cr_assert(kmsg_contains(" (&p->lock){+.+.}-{2:2}, at: "));
	cr_assert(kmsg_contains("       CPU0\n") || kmsg_contains("       CPU0"));
	cr_assert(kmsg_contains("  lock(&p->lock);"));
	cr_assert(kmsg_contains(" May be due to missing lock nesting notation"));
	cr_assert(kmsg_contains("1 lock held by "));
	cr_assert_eq(debug_locks, 0);
	assert_clean();
}

Test(lockdep, nested_with_subclass_is_quiet)
{
	struct pair x, y;

	init_pair(&x);
	init_pair(&y);
	spin_lock(&x.lock);
	spin_lock_nested(&y.lock, SINGLE_DEPTH_NESTING);
	spin_unlock(&y.lock);
	spin_unlock(&x.lock);
	cr_assert_eq(ukmem_report_count(), 0);
	cr_assert_eq(debug_locks, 1);
	cr_assert_eq(preempt_count(), 0);
}

Test(lockdep, inconsistent_hardirq_state)
{
	spin_lock(&lock_a);	/* irqs on: HARDIRQ-ON-W */
	spin_unlock(&lock_a);
	irq_enter();		/* hardirq context */
	spin_lock(&lock_a);	/* IN-HARDIRQ-W */
	spin_unlock(&lock_a);
	irq_exit();
	cr_assert(kmsg_contains("================================"));
	cr_assert(kmsg_contains("WARNING: inconsistent lock state"));
	cr_assert(kmsg_contains("inconsistent {HARDIRQ-ON-W} -> {IN-HARDIRQ-W} usage."));
	cr_assert(kmsg_contains(" [HC1[1]:SC0[0]:HE0:SE1] takes:"));
	cr_assert(kmsg_contains(" (lock_a){?.+.}-{2:2}, at: "));
	cr_assert(kmsg_contains("{HARDIRQ-ON-W} state was registered at:"));
	cr_assert(kmsg_contains("  <Interrupt>"));
	cr_assert(kmsg_contains("    lock(lock_a);"));
	cr_assert_eq(debug_locks, 0);
	assert_clean();
}

Test(lockdep, inconsistent_softirq_state)
{
	local_bh_disable();
	__preempt_count_add(SOFTIRQ_OFFSET - SOFTIRQ_DISABLE_OFFSET); /* serving a softirq */
	spin_lock(&lock_b);	/* IN-SOFTIRQ-W */
	spin_unlock(&lock_b);
	__preempt_count_sub(SOFTIRQ_OFFSET - SOFTIRQ_DISABLE_OFFSET);
	local_bh_enable();
	spin_lock(&lock_b);	/* softirqs on: SOFTIRQ-ON-W */
	spin_unlock(&lock_b);
	cr_assert(kmsg_contains("inconsistent {IN-SOFTIRQ-W} -> {SOFTIRQ-ON-W} usage."));
	cr_assert(kmsg_contains(" [HC0[0]:SC0[0]:HE1:SE1] takes:"));
	cr_assert(kmsg_contains("{IN-SOFTIRQ-W} state was registered at:"));
	assert_clean();
}

Test(lockdep, irq_safe_to_irq_unsafe_order)
{
	unsigned long flags;

	irq_enter();
	spin_lock(&lock_a);	/* lock_a: hardirq-safe */
	spin_unlock(&lock_a);
	irq_exit();
	spin_lock_irq(&lock_b);	/* lock_b: never taken with irqs on yet */
	spin_unlock_irq(&lock_b);
	spin_lock(&lock_b);	/* now lock_b is hardirq-unsafe */
	spin_unlock(&lock_b);
	cr_assert_eq(ukmem_report_count(), 0);
	spin_lock_irqsave(&lock_a, flags);
	spin_lock(&lock_b);	/* safe -> unsafe */
	spin_unlock(&lock_b);
	spin_unlock_irqrestore(&lock_a, flags);
	cr_assert(kmsg_contains("WARNING: HARDIRQ-safe -> HARDIRQ-unsafe lock order detected"));
	cr_assert(kmsg_contains(" is trying to acquire:"));
	cr_assert(kmsg_contains("and this task is already holding:"));
	cr_assert(kmsg_contains("which would create a new lock dependency:"));
	cr_assert(kmsg_contains("but this new dependency connects a HARDIRQ-irq-safe lock:"));
	cr_assert(kmsg_contains("... which became HARDIRQ-irq-safe at:"));
	cr_assert(kmsg_contains("to a HARDIRQ-irq-unsafe lock:"));
	cr_assert(kmsg_contains(" Possible interrupt unsafe locking scenario:"));
	cr_assert(kmsg_contains("                               local_irq_disable();"));
	assert_clean();
}

Test(lockdep, bad_unlock_balance)
{
	mutex_lock(&mutex_a);
	mutex_unlock(&mutex_a);
	mutex_unlock(&mutex_a);
	cr_assert(kmsg_contains("WARNING: bad unlock balance detected!"));
	cr_assert(kmsg_contains(" is trying to release lock (mutex_a) at:"));
	cr_assert(kmsg_contains("but there are no more locks to release!"));
	cr_assert(kmsg_contains("no locks held by "));
	cr_assert_eq(kmsg_count("DEBUG_LOCKS_WARN_ON"), 0, "one bug, one report");
	mutex_lock(&mutex_a);
	mutex_unlock(&mutex_a);
}

struct rcu_thing {
	int value;
};
static struct rcu_thing *rcu_ptr;
static struct rcu_thing thing = { 42 };

Test(lockdep, rcu_dereference_outside_read_section)
{
	struct rcu_thing *p;

	rcu_assign_pointer(rcu_ptr, &thing);
	rcu_read_lock();
	p = rcu_dereference(rcu_ptr);
	rcu_read_unlock();
	cr_assert_eq(ukmem_report_count(), 0);
	spin_lock(&lock_a);
	p = rcu_dereference_protected(rcu_ptr, lockdep_is_held(&lock_a));
	spin_unlock(&lock_a);
	cr_assert_eq(ukmem_report_count(), 0);
	p = rcu_dereference(rcu_ptr);
	cr_assert_eq(p->value, 42);
	cr_assert(kmsg_contains("============================="));
	cr_assert(kmsg_contains("WARNING: suspicious RCU usage"));
	cr_assert(kmsg_contains("test_lockdep.c:"));
	cr_assert(kmsg_contains(" suspicious rcu_dereference_check() usage!"));
	cr_assert(kmsg_contains("rcu_scheduler_active = 2, debug_locks = 1"));
	cr_assert(kmsg_contains("no locks held by "));
	p = rcu_dereference_protected(rcu_ptr, lockdep_is_held(&lock_b));
	cr_assert(kmsg_contains(" suspicious rcu_dereference_protected() usage!"));
	cr_assert_eq(debug_locks, 1, "RCU reports leave lockdep on");
}

Test(lockdep, held_locks_list_and_rcu_class)
{
	char who[64];

	rcu_read_lock();
	spin_lock(&lock_a);
	mutex_lock(&mutex_a);	/* a sleeping lock in atomic context, reported too */
	debug_show_all_locks();
	mutex_unlock(&mutex_a);
	spin_unlock(&lock_a);
	rcu_read_unlock();
	cr_assert(kmsg_contains("Showing all locks held in the system:"));
	snprintf(who, sizeof(who), "3 locks held by %s/%d:", current->comm, current->pid);
	cr_assert(kmsg_contains(who), "%s", who);
	cr_assert(kmsg_contains(" #0: "));
	cr_assert(kmsg_contains(" (rcu_read_lock){....}-{1:2}, at: "));
	cr_assert(kmsg_contains(" (lock_a){+.+.}-{2:2}, at: "));
	cr_assert(kmsg_contains(" (mutex_a){+.+.}-{3:3}, at: "));
	cr_assert(kmsg_contains("============================================="));
	cr_assert(lock_is_held(&rcu_lock_map) == LOCK_STATE_NOT_HELD);
}

Test(lockdep, lock_is_held_and_assertions)
{
	spin_lock(&lock_a);
	cr_assert_eq(lock_is_held(&lock_a.dep_map), LOCK_STATE_HELD);
	cr_assert_eq(lock_is_held(&lock_b.dep_map), LOCK_STATE_NOT_HELD);
	lockdep_assert_held(&lock_a);
	spin_unlock(&lock_a);
	cr_assert_eq(ukmem_report_count(), 0);
	lockdep_assert_held(&lock_b);
	cr_assert(kmsg_contains("WARNING: CPU: "));
	local_irq_disable();
	lockdep_assert_irqs_disabled();
	local_irq_enable();
	lockdep_assert_irqs_enabled();
	cr_assert_eq(ukmem_report_count(), 1);
}

Test(lockdep, off_by_default)
{
	ukmem_shutdown();
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	take_a_then_b(NULL);
	take_b_then_a(NULL);
	cr_assert_eq(ukmem_report_count(), 0);
	cr_assert_eq(lock_is_held(&lock_a.dep_map), LOCK_STATE_UNKNOWN);
	debug_show_all_locks();
	cr_assert(kmsg_contains("INFO: lockdep is turned off."));
}

/* ---- /proc/lockdep_stats ------------------------------------------------------------- */

DEFINE_SPINLOCK(stats_a);
DEFINE_SPINLOCK(stats_b);
DEFINE_SPINLOCK(stats_irq);

/* The value of the line named name (without the colon) in /proc/lockdep_stats. */
static unsigned long stat(const char *name)
{
	char *text = proc_text("/proc/lockdep_stats"), key[64], *at;
	unsigned long value = 0;

	cr_assert_not_null(text);
	snprintf(key, sizeof(key), " %s:", name);
	at = strstr(text, key);
	cr_assert_not_null(at, "no line \"%s\" in:\n%s", name, text);
	cr_assert_eq(sscanf(at + strlen(key), "%lu", &value), 1);
	free(text);
	return value;
}

static irqreturn_t stats_handler(int irq, void *dev_id)
{
	spin_lock(&stats_irq);
	spin_unlock(&stats_irq);
	return IRQ_HANDLED;
}

Test(lockdep_stats, counts_classes_dependencies_and_chains_per_context)
{
	unsigned long classes, deps, chains, process, hardirq, hlocks;
	char *text, line[96];
	int dev;

	cr_assert_eq(ukmem_boot("mem=32M lockdep=on"), 0, "lockdep=on is accepted");
	cr_assert(ukmem_lockdep_active, "and turns validation on");
	text = proc_text("/proc/lockdep_stats");
	cr_assert_not_null(text);
	snprintf(line, sizeof(line), " lock-classes:                  %11lu [max: 8192]\n",
		 stat("lock-classes"));
	cr_assert(strncmp(text, line, strlen(line)) == 0, "6.1's first line: %s", text);
	snprintf(line, sizeof(line), "\n debug_locks:                   %11u\n\n"
		 " zapped classes:                %11lu\n", 1, 0UL);
	cr_assert_not_null(strstr(text, line), "%s", text);
	free(text);
	classes = stat("lock-classes");
	deps = stat("direct dependencies");
	chains = stat("dependency chains");
	process = stat("in-process chains");
	hardirq = stat("in-hardirq chains");
	hlocks = stat("dependency chain hlocks used");

	for (int i = 0; i < 3; i++) {	/* the same order again adds nothing */
		spin_lock(&stats_a);
		spin_lock(&stats_b);
		spin_unlock(&stats_b);
		spin_unlock(&stats_a);
	}
	cr_assert_eq(stat("lock-classes"), classes + 2);
	cr_assert_eq(stat("direct dependencies"), deps + 2, "a -> b: one forward, one back");
	cr_assert_eq(stat("dependency chains"), chains + 2, "[a] and [a, b]");
	cr_assert_eq(stat("in-process chains"), process + 2);
	cr_assert_eq(stat("dependency chain hlocks used"), hlocks + 3);
	cr_assert_geq(stat("max locking depth"), 2);
	cr_assert_geq(stat("indirect dependencies"), 3, "a reaches a and b; b reaches b");

	cr_assert_eq(request_irq(5, stats_handler, 0, "stats", &dev), 0);
	ukmem_irq_raise(5);
	synchronize_irq(5);
	for (int i = 0; i < 2000 && stat("in-hardirq chains") == hardirq; i++)
		msleep(1);
	cr_assert_eq(stat("in-hardirq chains"), hardirq + 1, "the handler's [irq]");
	cr_assert_geq(stat("hardirq-safe locks"), 1);
	free_irq(5, &dev);
	ukmem_shutdown();

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	cr_assert_null(proc_text("/proc/lockdep_stats"), "no lockdep, no file");
	ukmem_shutdown();
}
