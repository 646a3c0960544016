// SPDX-License-Identifier: LGPL-2.1-or-later
/* Locks are real across threads: counters updated under each lock kind by several
 * threads come out exact; trylocks fail while another thread holds the lock; semaphores
 * admit exactly their count; readers share and writers exclude. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/semaphore.h>
#include <linux/completion.h>
#include <linux/atomic.h>
#include <asm/processor.h>

#define THREADS 4
#define ROUNDS 20000

enum lock_kind { SPIN, SPIN_IRQSAVE, RWLOCK, MUTEX, RWSEM, SEMAPHORE };

static DEFINE_SPINLOCK(spin);
static DEFINE_RWLOCK(rwlock);
static DEFINE_MUTEX(mutex);
static DECLARE_RWSEM(rwsem);
static DEFINE_SEMAPHORE(sem);
static unsigned long counter;	/* deliberately non-atomic: only the lock protects it */

/* A read-modify-write with a window in the middle, so a broken lock loses updates. */
static void unsafe_increment(void)
{
	unsigned long v = READ_ONCE(counter);

	barrier();
	WRITE_ONCE(counter, v + 1);
}

static void *hammer(void *arg)
{
	enum lock_kind kind = (enum lock_kind)(long)arg;
	unsigned long flags;

	for (int i = 0; i < ROUNDS; i++) {
		switch (kind) {
		case SPIN: spin_lock(&spin); unsafe_increment(); spin_unlock(&spin); break;
		case SPIN_IRQSAVE:
			spin_lock_irqsave(&spin, flags);
			unsafe_increment();
			spin_unlock_irqrestore(&spin, flags);
			break;
		case RWLOCK: write_lock(&rwlock); unsafe_increment(); write_unlock(&rwlock); break;
		case MUTEX: mutex_lock(&mutex); unsafe_increment(); mutex_unlock(&mutex); break;
		case RWSEM: down_write(&rwsem); unsafe_increment(); up_write(&rwsem); break;
		case SEMAPHORE: down(&sem); unsafe_increment(); up(&sem); break;
		}
	}
	cr_assert_eq(preempt_count(), 0);
	cr_assert_not(irqs_disabled());
	return NULL;
}

static void run_hammer(enum lock_kind kind)
{
	pthread_t threads[THREADS];

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	counter = 0;
	for (int i = 0; i < THREADS; i++)
		pthread_create(&threads[i], NULL, hammer, (void *)(long)kind);
	for (int i = 0; i < THREADS; i++)
		pthread_join(threads[i], NULL);
	cr_assert_eq(counter, (unsigned long)THREADS * ROUNDS, "no lost update");
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(locks, spinlock_excludes) { run_hammer(SPIN); }
Test(locks, spinlock_irqsave_excludes) { run_hammer(SPIN_IRQSAVE); }
Test(locks, rwlock_writer_excludes) { run_hammer(RWLOCK); }
Test(locks, mutex_excludes) { run_hammer(MUTEX); }
Test(locks, rwsem_writer_excludes) { run_hammer(RWSEM); }
Test(locks, binary_semaphore_excludes) { run_hammer(SEMAPHORE); }

static struct completion held, release;

static void *hold_mutex(void *arg)
{
	mutex_lock(&mutex);
	complete(&held);
	wait_for_completion(&release);
	mutex_unlock(&mutex);
	return NULL;
}

Test(locks, trylock_fails_while_another_thread_holds)
{
	pthread_t thread;

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	init_completion(&held);
	init_completion(&release);
	pthread_create(&thread, NULL, hold_mutex, NULL);
	wait_for_completion(&held);
	cr_assert(mutex_is_locked(&mutex));
	cr_assert_eq(mutex_trylock(&mutex), 0);
	cr_assert_not(lockdep_is_held(&mutex));
	complete(&release);
	mutex_lock(&mutex);	/* blocks until the holder lets go */
	cr_assert(lockdep_is_held(&mutex));
	mutex_unlock(&mutex);
	pthread_join(thread, NULL);
	cr_assert_not(mutex_is_locked(&mutex));

	cr_assert(spin_trylock(&spin));
	cr_assert_eq(preempt_count(), 1);
	cr_assert_not(spin_trylock(&spin));
	cr_assert_eq(preempt_count(), 1, "a failed trylock leaves the count alone");
	spin_unlock(&spin);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(locks, semaphore_counts_and_down_trylock_is_inverted)
{
	struct semaphore pool;

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	sema_init(&pool, 2);
	cr_assert_eq(down_trylock(&pool), 0);
	cr_assert_eq(down_trylock(&pool), 0);
	cr_assert_eq(down_trylock(&pool), 1, "no unit left: 1 means failure");
	cr_assert_eq(down_timeout(&pool, 1), -ETIME);
	up(&pool);
	cr_assert_eq(down_timeout(&pool, 1), 0);
	up(&pool);
	up(&pool);
	cr_assert_eq(pool.count, 2);
	ukmem_shutdown();
}

Test(locks, readers_share_writers_exclude)
{
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	down_read(&rwsem);
	cr_assert(down_read_trylock(&rwsem), "readers share");
	cr_assert_not(down_write_trylock(&rwsem));
	up_read(&rwsem);
	up_read(&rwsem);
	cr_assert(down_write_trylock(&rwsem));
	cr_assert_not(down_read_trylock(&rwsem));
	downgrade_write(&rwsem);
	cr_assert(down_read_trylock(&rwsem), "after downgrade, readers may join");
	up_read(&rwsem);
	up_read(&rwsem);
	cr_assert_not(rwsem_is_locked(&rwsem));

	read_lock(&rwlock);
	cr_assert(read_trylock(&rwlock));
	cr_assert_not(write_trylock(&rwlock));
	read_unlock(&rwlock);
	read_unlock(&rwlock);
	cr_assert(write_trylock(&rwlock));
	cr_assert(lockdep_is_held(&rwlock));
	write_unlock(&rwlock);
	cr_assert_eq(preempt_count(), 0);
	ukmem_shutdown();
}
