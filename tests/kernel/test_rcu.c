// SPDX-License-Identifier: LGPL-2.1-or-later
/* RCU on liburcu: readers on unregistered threads are registered by themselves,
 * synchronize_rcu waits for readers that started before it, call_rcu callbacks run after
 * a grace period and rcu_barrier waits for them; a removed object is never seen freed. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdlib.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/atomic.h>
#include "kmsg.h"

static struct completion reader_inside;
static int reader_leaving;

static void *slow_reader(void *arg)
{
	rcu_read_lock();	/* this thread never registered with liburcu */
	complete(&reader_inside);
	mdelay(30);		/* busy: no sleeping inside a reader */
	WRITE_ONCE(reader_leaving, 1);
	rcu_read_unlock();
	return NULL;
}

Test(rcu, synchronize_waits_for_a_reader_on_an_unregistered_thread)
{
	pthread_t thread;

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	init_completion(&reader_inside);
	reader_leaving = 0;
	pthread_create(&thread, NULL, slow_reader, NULL);
	wait_for_completion(&reader_inside);
	synchronize_rcu();
	cr_assert_eq(READ_ONCE(reader_leaving), 1, "the grace period covered the reader");
	pthread_join(thread, NULL);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

struct config {
	int value;
	struct rcu_head rcu;
};

static struct config *active;
static atomic_t freed;
static atomic_t bad_reads;

static void free_config(struct rcu_head *head)
{
	struct config *c = container_of(head, struct config, rcu);

	c->value = -1;		/* poison: a reader seeing this read freed memory */
	atomic_inc(&freed);
	free(c);
}

static void *reader_loop(void *arg)
{
	for (int i = 0; i < 20000; i++) {
		rcu_read_lock();
		struct config *c = rcu_dereference(active);

		if (c && READ_ONCE(c->value) < 0)
			atomic_inc(&bad_reads);
		rcu_read_unlock();
	}
	return NULL;
}

Test(rcu, call_rcu_frees_after_readers_and_barrier_waits)
{
	pthread_t readers[2];

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	atomic_set(&freed, 0);
	atomic_set(&bad_reads, 0);
	active = calloc(1, sizeof(*active));
	for (int i = 0; i < 2; i++)
		pthread_create(&readers[i], NULL, reader_loop, NULL);
	for (int gen = 1; gen <= 200; gen++) {
		struct config *next = calloc(1, sizeof(*next)), *old;

		next->value = gen;
		old = rcu_replace_pointer(active, next, true);
		call_rcu(&old->rcu, free_config);
	}
	for (int i = 0; i < 2; i++)
		pthread_join(readers[i], NULL);
	rcu_barrier();
	cr_assert_eq(atomic_read(&freed), 200, "every callback ran by rcu_barrier()");
	cr_assert_eq(atomic_read(&bad_reads), 0);
	free(active);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(rcu, synchronize_inside_a_reader_warns_instead_of_deadlocking)
{
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	rcu_read_lock();
	synchronize_rcu();
	rcu_read_unlock();
	cr_assert(kmsg_contains("BUG: sleeping function called from invalid context"));
	cr_assert(kmsg_contains("Illegal synchronize_rcu() in RCU read-side critical section"));
	cr_assert_eq(current->rcu_read_lock_nesting, 0);
	ukmem_shutdown();
}

static struct rcu_head late_head;
static volatile int late_ran_booted = -1;

/* Runs a little after its grace period, as a slow callback would. */
static void late_callback(struct rcu_head *head)
{
	(void)head;
	msleep(50);
	late_ran_booted = ukmem_is_booted();
}

/* Shutdown waits for the callbacks already queued: they run on the live machine (a
 * kfree_rcu after it went down would free into a torn-down allocator). */
Test(rcu, shutdown_runs_queued_callbacks_first)
{
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	call_rcu(&late_head, late_callback);
	ukmem_shutdown();
	cr_assert_eq(late_ran_booted, 1);
}
