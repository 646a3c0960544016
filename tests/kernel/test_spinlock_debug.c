// SPDX-License-Identifier: LGPL-2.1-or-later
/* CONFIG_DEBUG_SPINLOCK and DEBUG_MUTEXES, on by default: each misuse gives Linux 6.1's
 * report, the first report turns debug_locks off, and nothing is corrupted: the lock is
 * usable afterwards and the preempt count comes back to 0. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <string.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/debug_locks.h>
#include <linux/cpumask.h>
#include "kmsg.h"

DEFINE_SPINLOCK(dbg_lock);	/* global: reports name it */
DEFINE_RWLOCK(dbg_rwlock);
DEFINE_MUTEX(dbg_mutex);

static void boot(void)
{
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	cr_assert_eq(debug_locks, 1);
}

TestSuite(spinlock_debug, .init = boot, .fini = ukmem_shutdown);

static void assert_lock_usable(void)
{
	spin_lock(&dbg_lock);
	cr_assert_eq(preempt_count(), 1);
	spin_unlock(&dbg_lock);
	cr_assert_eq(preempt_count(), 0);
	cr_assert_not(spin_is_locked(&dbg_lock));
}

/* The report names the CPU the thread was on when it printed: the thread may have moved
 * to another since, so each CPU's line is tried (fmt takes the CPU, comm and pid). */
static bool report_on_some_cpu(char *line, size_t size, const char *fmt)
{
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
		snprintf(line, size, fmt, (int)cpu, current->comm, current->pid);
		if (kmsg_contains(line))
			return true;
	}
	return false;
}

Test(spinlock_debug, double_unlock_reports_and_keeps_preempt_count)
{
	char line[160];

	spin_lock(&dbg_lock);
	spin_unlock(&dbg_lock);
	spin_unlock(&dbg_lock);
	cr_assert(report_on_some_cpu(line, sizeof(line), "BUG: spinlock already unlocked on CPU#%d, %s/%d"),
		  "%s", line);
	cr_assert(kmsg_contains(" lock: dbg_lock+0x0/0x"));
	cr_assert(kmsg_contains(", .magic: dead4ead, .owner: <none>/-1, .owner_cpu: -1"));
	cr_assert(kmsg_contains("Call Trace:"));
	cr_assert_eq(debug_locks, 0, "the first report turns lock debugging off");
	cr_assert_eq(preempt_count(), 0);
	assert_lock_usable();
	/* A GFP_KERNEL allocation is not "sleeping in atomic context" afterwards. */
	kfree(kmalloc(64, GFP_KERNEL));
	cr_assert_not(kmsg_contains("sleeping function called from invalid context"));
	/* Later bugs stay silent but are still harmless. */
	spin_unlock(&dbg_lock);
	cr_assert_eq(kmsg_count("BUG: spinlock already unlocked"), 1);
	cr_assert_eq(preempt_count(), 0);
}

Test(spinlock_debug, recursion_is_reported_and_not_taken)
{
	char owner[64];

	spin_lock(&dbg_lock);
	spin_lock(&dbg_lock);	/* would spin forever */
	cr_assert_eq(preempt_count(), 1);
	cr_assert(kmsg_contains("BUG: spinlock recursion on CPU#"));
	snprintf(owner, sizeof(owner), ".owner: %s/%d, .owner_cpu: ", current->comm,
		 current->pid);
	cr_assert(kmsg_contains(owner), "%s", owner);
	spin_unlock(&dbg_lock);
	spin_unlock(&dbg_lock);	/* the caller's matching unlock: ignored */
	cr_assert_eq(preempt_count(), 0);
	assert_lock_usable();
}

static void *unlock_other(void *arg)
{
	spin_unlock(&dbg_lock);
	cr_assert_eq(preempt_count(), 0, "the wrong task's count is untouched");
	return arg;
}

Test(spinlock_debug, wrong_owner_leaves_the_lock_with_its_owner)
{
	pthread_t t;

	spin_lock(&dbg_lock);
	pthread_create(&t, NULL, unlock_other, NULL);
	pthread_join(t, NULL);
	cr_assert(kmsg_contains("BUG: spinlock wrong owner on CPU#"));
	cr_assert(spin_is_locked(&dbg_lock));
	cr_assert(lockdep_is_held(&dbg_lock));
	spin_unlock(&dbg_lock);
	cr_assert_eq(preempt_count(), 0);
	assert_lock_usable();
}

Test(spinlock_debug, bad_magic)
{
	spinlock_t *lock = kzalloc(sizeof(*lock), GFP_KERNEL);	/* never initialised */

	spin_lock(lock);
	spin_unlock(lock);
	cr_assert(kmsg_contains("BUG: spinlock bad magic on CPU#"));
	cr_assert(kmsg_contains(", .magic: 00000000, .owner: <none>/-1, .owner_cpu: 0"));
	cr_assert_eq(kmsg_count("BUG: spinlock"), 1);
	cr_assert_eq(preempt_count(), 0);
	kfree(lock);
}

Test(spinlock_debug, wrong_cpu)
{
	unsigned int cpu = get_cpu();	/* pinned: the CPU means something */

	spin_lock(&dbg_lock);
	dbg_lock.rlock.owner_cpu = cpu + 1;	/* as if taken on another CPU */
	spin_unlock(&dbg_lock);
	put_cpu();
	cr_assert(kmsg_contains("BUG: spinlock wrong CPU on CPU#"));
	cr_assert_eq(preempt_count(), 0);
	assert_lock_usable();
}

Test(spinlock_debug, bh_and_irq_forms_balance_after_a_bad_unlock)
{
	unsigned long flags;

	spin_lock_bh(&dbg_lock);
	spin_unlock_bh(&dbg_lock);
	spin_unlock_bh(&dbg_lock);
	cr_assert_eq(preempt_count(), 0, "softirq count not driven below zero");
	spin_lock_irqsave(&dbg_lock, flags);
	spin_unlock_irqrestore(&dbg_lock, flags);
	spin_unlock_irqrestore(&dbg_lock, flags);
	cr_assert_not(irqs_disabled());
	cr_assert_eq(preempt_count(), 0);
	assert_lock_usable();
}

Test(spinlock_debug, rwlock_wrong_owner_and_recursion)
{
	char line[160];

	write_lock(&dbg_rwlock);
	write_unlock(&dbg_rwlock);
	write_unlock(&dbg_rwlock);
	cr_assert(report_on_some_cpu(line, sizeof(line), "BUG: rwlock wrong owner on CPU#%d, %s/%d, "),
		  "%s", line);
	cr_assert_eq(preempt_count(), 0);
	read_unlock(&dbg_rwlock);	/* not read-held: ignored */
	cr_assert_eq(preempt_count(), 0);
	write_lock(&dbg_rwlock);
	write_lock(&dbg_rwlock);	/* recursion: not taken (silent now) */
	cr_assert_eq(preempt_count(), 1);
	write_unlock(&dbg_rwlock);
	write_unlock(&dbg_rwlock);
	cr_assert_eq(preempt_count(), 0);
	read_lock(&dbg_rwlock);
	read_lock(&dbg_rwlock);
	read_unlock(&dbg_rwlock);
	read_unlock(&dbg_rwlock);
	cr_assert(write_trylock(&dbg_rwlock));
	write_unlock(&dbg_rwlock);
	cr_assert_eq(preempt_count(), 0);
}

Test(spinlock_debug, mutex_unlock_unlocked)
{
	mutex_unlock(&dbg_mutex);
	cr_assert(kmsg_contains("DEBUG_LOCKS_WARN_ON(__owner_task(owner) != current)"));
	cr_assert(kmsg_contains("WARNING: CPU: "));
	cr_assert_not(mutex_is_locked(&dbg_mutex));
	mutex_lock(&dbg_mutex);
	cr_assert(mutex_is_locked(&dbg_mutex));
	mutex_unlock(&dbg_mutex);
	cr_assert_eq(kmsg_count("DEBUG_LOCKS_WARN_ON"), 1);
}

static void *unlock_mutex_other(void *arg)
{
	mutex_unlock(&dbg_mutex);
	return arg;
}

Test(spinlock_debug, mutex_unlock_by_another_task)
{
	pthread_t t;

	mutex_lock(&dbg_mutex);
	pthread_create(&t, NULL, unlock_mutex_other, NULL);
	pthread_join(t, NULL);
	cr_assert(kmsg_contains("DEBUG_LOCKS_WARN_ON(__owner_task(owner) != current)"));
	cr_assert_not(mutex_is_locked(&dbg_mutex), "released anyway, as in Linux");
	mutex_lock(&dbg_mutex);
	mutex_unlock(&dbg_mutex);
}
