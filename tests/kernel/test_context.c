// SPDX-License-Identifier: LGPL-2.1-or-later
/* Atomic-context checks: sleeping calls under spinlocks, irqs off, preemption off and
 * RCU readers are reported once per call site with the kernel's text; atomic-safe calls
 * (GFP_ATOMIC, udelay, trylocks) are not; lockdep_assert_held checks the owner;
 * might_sleep and GFP_KERNEL in an interrupt handler and a timer are reported. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/semaphore.h>
#include <linux/rwsem.h>
#include <linux/delay.h>
#include <linux/rcupdate.h>
#include <linux/completion.h>
#include <linux/gfp.h>
#include <linux/interrupt.h>
#include <linux/slab.h>
#include <linux/timer.h>
#include <asm/processor.h>
#include "kmsg.h"
#include "poll.h"

#define SLEEP_BUG "BUG: sleeping function called from invalid context at "

static DEFINE_SPINLOCK(lock);
static DEFINE_MUTEX(mtx);

static void boot(void)
{
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
}

noinline void might_sleep_here(void);
noinline void might_sleep_here(void)
{
	might_sleep();
	barrier();	/* keeps the call out of tail position, so this frame shows */
}

Test(context, might_sleep_under_spinlock_reports_once_per_site)
{
	char where[256];

	boot();
	spin_lock(&lock);
	cr_assert(in_atomic());
	for (int i = 0; i < 3; i++)
		might_sleep_here();
	might_sleep();
	spin_unlock(&lock);
	cr_assert_not(in_atomic());
	cr_assert_eq(kmsg_count(SLEEP_BUG), 2, "two call sites, each reported once");
	snprintf(where, sizeof(where), "in_atomic(): 1, irqs_disabled(): 0, non_block: 0, pid: %d, name: ",
		 current->pid);
	cr_assert(kmsg_contains(where));
	cr_assert(kmsg_contains("preempt_count: 1, expected: 0"));
	cr_assert(kmsg_contains("RCU nest depth: 0, expected: 0"));
	cr_assert(kmsg_contains("Call Trace:"));
	cr_assert(kmsg_contains("might_sleep_here"), "the trace names the caller");
	cr_assert_eq(ukmem_report_count(), 2);
	ukmem_shutdown();
}

Test(context, gfp_atomic_under_spinlock_is_fine_gfp_kernel_is_not)
{
	struct page *atomic_page, *kernel_page;

	boot();
	spin_lock(&lock);
	atomic_page = alloc_pages(GFP_ATOMIC, 0);
	spin_unlock(&lock);
	cr_assert_not_null(atomic_page);
	cr_assert_eq(ukmem_report_count(), 0, "GFP_ATOMIC may be used in atomic context");
	cr_assert_not(kmsg_contains(SLEEP_BUG));

	spin_lock(&lock);
	kernel_page = alloc_pages(GFP_KERNEL, 0);
	spin_unlock(&lock);
	cr_assert_not_null(kernel_page, "the report does not stop the allocation");
	cr_assert_eq(kmsg_count(SLEEP_BUG), 1);
	cr_assert(kmsg_contains("page_alloc.c:"), "reported where the allocator may sleep");
	__free_pages(atomic_page, 0);
	__free_pages(kernel_page, 0);
	ukmem_shutdown();
}

Test(context, irqs_disabled_is_reported)
{
	unsigned long flags;

	boot();
	spin_lock_irqsave(&lock, flags);
	cr_assert(irqs_disabled());
	msleep(1);
	spin_unlock_irqrestore(&lock, flags);
	cr_assert_not(irqs_disabled());
	cr_assert(kmsg_contains("in_atomic(): 1, irqs_disabled(): 1,"));
	cr_assert(kmsg_contains("test_context.c:"), "reported at the caller's line");

	local_irq_disable();
	might_sleep();
	local_irq_enable();
	cr_assert(kmsg_contains("in_atomic(): 0, irqs_disabled(): 1,"));
	cr_assert_eq(kmsg_count(SLEEP_BUG), 2);
	ukmem_shutdown();
}

Test(context, sleeping_locks_in_atomic_context_are_reported)
{
	struct semaphore sem;
	DECLARE_RWSEM(rwsem);

	boot();
	sema_init(&sem, 1);
	preempt_disable();
	mutex_lock(&mtx);
	mutex_unlock(&mtx);
	down(&sem);
	up(&sem);
	down_read(&rwsem);
	up_read(&rwsem);
	synchronize_rcu();
	preempt_enable();
	cr_assert_eq(kmsg_count(SLEEP_BUG), 4, "mutex_lock, down, down_read, synchronize_rcu");
	cr_assert_not(mutex_is_locked(&mtx), "the locks still work after the report");
	cr_assert_eq(sem.count, 1);
	ukmem_shutdown();
}

Test(context, rcu_reader_is_atomic_for_sleeping_calls)
{
	boot();
	rcu_read_lock();
	rcu_read_lock();
	cr_assert_eq(current->rcu_read_lock_nesting, 2);
	cr_assert_not(in_atomic(), "a preemptible RCU reader is not in_atomic()");
	mutex_lock(&mtx);
	mutex_unlock(&mtx);
	rcu_read_unlock();
	rcu_read_unlock();
	cr_assert_eq(current->rcu_read_lock_nesting, 0);
	cr_assert(kmsg_contains("in_atomic(): 0, irqs_disabled(): 0,"));
	cr_assert(kmsg_contains("RCU nest depth: 2, expected: 0"));
	ukmem_shutdown();
}

Test(context, atomic_safe_calls_do_not_report)
{
	struct semaphore sem;
	unsigned long flags;

	boot();
	sema_init(&sem, 1);
	spin_lock_irqsave(&lock, flags);
	udelay(10);
	ndelay(100);
	cr_assert(mutex_trylock(&mtx));
	mutex_unlock(&mtx);
	cr_assert_eq(down_trylock(&sem), 0);
	up(&sem);
	rcu_read_lock();
	rcu_read_unlock();
	spin_unlock_irqrestore(&lock, flags);
	/* and sleeping calls outside atomic context are fine */
	mutex_lock(&mtx);
	msleep(1);
	usleep_range(10, 20);
	mutex_unlock(&mtx);
	cr_assert_eq(ukmem_report_count(), 0);
	cr_assert_not(kmsg_contains("BUG"));
	ukmem_shutdown();
}

Test(context, interrupt_and_softirq_state)
{
	boot();
	cr_assert_not(in_interrupt());
	spin_lock_bh(&lock);
	cr_assert(in_softirq());
	cr_assert(in_interrupt());
	cr_assert(in_atomic());
	spin_unlock_bh(&lock);
	cr_assert_not(in_interrupt());
	cr_assert_eq(preempt_count(), 0);
	cr_assert(preemptible());
	ukmem_shutdown();
}

static int lock_taken, may_release;

/* Holds the spinlock until told to let go, spinning (not sleeping) meanwhile. */
static void *take_lock_and_signal(void *arg)
{
	spin_lock(&lock);
	__atomic_store_n(&lock_taken, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&may_release, __ATOMIC_ACQUIRE))
		cpu_relax();
	spin_unlock(&lock);
	return NULL;
}

Test(context, lockdep_assert_held_checks_the_owner)
{
	pthread_t thread;

	boot();
	spin_lock(&lock);
	lockdep_assert_held(&lock);
	spin_unlock(&lock);
	mutex_lock(&mtx);
	lockdep_assert_held(&mtx);
	mutex_unlock(&mtx);
	cr_assert_eq(ukmem_report_count(), 0, "held by the caller: silent");

	lockdep_assert_held(&mtx);
	cr_assert_eq(ukmem_report_count(), 1, "not held at all");

	pthread_create(&thread, NULL, take_lock_and_signal, NULL);
	while (!__atomic_load_n(&lock_taken, __ATOMIC_ACQUIRE))
		cpu_relax();
	cr_assert(spin_is_locked(&lock));
	lockdep_assert_held(&lock);
	__atomic_store_n(&may_release, 1, __ATOMIC_RELEASE);
	pthread_join(thread, NULL);
	cr_assert_eq(ukmem_report_count(), 2, "held by another thread is not held");
	cr_assert_eq(kmsg_count("WARNING: CPU:"), 2);
	cr_assert_not(spin_is_locked(&lock));
	ukmem_shutdown();
}

Test(context, mutex_unlock_by_non_owner_warns)
{
	boot();
	static struct task_struct other;

	cr_assert(mutex_trylock(&mtx));
	mtx.owner = &other;	/* as if another task had locked it */
	mutex_unlock(&mtx);
	cr_assert(kmsg_contains("DEBUG_LOCKS_WARN_ON(__owner_task(owner) != current)"));
	cr_assert_not(mutex_is_locked(&mtx));
	mutex_lock(&mtx);
	mutex_unlock(&mtx);
	ukmem_shutdown();
}

/* ---- sleeping calls from interrupt handlers and timers -------------------------------- */

static int irq_done, timer_done;
static void *irq_alloc;

noinline void sleepy_irq_handler_body(void);
noinline void sleepy_irq_handler_body(void)
{
	might_sleep();
	irq_alloc = kmalloc(64, GFP_KERNEL);	/* reported, and still served */
	barrier();
}

static irqreturn_t sleepy_handler(int irq, void *dev_id)
{
	sleepy_irq_handler_body();
	__atomic_store_n(&irq_done, 1, __ATOMIC_RELEASE);
	return IRQ_HANDLED;
}

static void sleepy_timer_fn(struct timer_list *t)
{
	might_sleep();
	__atomic_store_n(&timer_done, 1, __ATOMIC_RELEASE);
}

Test(context, sleeping_calls_in_hardirq_and_softirq_are_reported)
{
	static struct timer_list timer;
	char line[160];
	size_t n;
	int dev;

	boot();
	cr_assert_eq(request_irq(5, sleepy_handler, 0, "sleepy", &dev), 0);
	ukmem_irq_raise(5);
	cr_assert(poll_until_geq(&irq_done, 1));
	synchronize_irq(5);
	/* might_sleep, and GFP_KERNEL at the slab's might_alloc (and, if the cache needed
	 * a new slab, again in the page allocator: each call site reports once) */
	n = kmsg_count(SLEEP_BUG);
	cr_assert_geq(n, 2);
	cr_assert(kmsg_contains(SLEEP_BUG "mm/slub.c:"), "the GFP_KERNEL allocation");
	cr_assert(kmsg_contains("in_atomic(): 1, irqs_disabled(): 1, non_block: 0, pid: "));
	cr_assert(kmsg_contains(", name: hardirq/0"), "the handler runs on CPU 0's hardirq thread");
	cr_assert(kmsg_contains("preempt_count: 10000, expected: 0"), "HARDIRQ_OFFSET");
	cr_assert(kmsg_contains("sleepy_irq_handler_body"), "the trace names the handler");
	cr_assert_not_null(irq_alloc);
	kfree(irq_alloc);

	timer_setup(&timer, sleepy_timer_fn, 0);
	mod_timer(&timer, jiffies + 1);
	cr_assert(poll_until_geq(&timer_done, 1));
	del_timer_sync(&timer);
	cr_assert_eq(kmsg_count(SLEEP_BUG), n + 1);
	snprintf(line, sizeof(line), "in_atomic(): 1, irqs_disabled(): 0, non_block: 0, pid: ");
	cr_assert(kmsg_contains(line));
	cr_assert(kmsg_contains(", name: ksoftirqd/"), "a timer runs in softirq context");
	cr_assert(kmsg_contains("preempt_count: 100, expected: 0"), "SOFTIRQ_OFFSET");
	cr_assert_eq(ukmem_report_count(), n + 1);
	free_irq(5, &dev);
	ukmem_shutdown();
}
