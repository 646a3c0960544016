// SPDX-License-Identifier: LGPL-2.1-or-later
/* locks: a counter shared by a spinlock, a mutex-protected list and a semaphore-bounded
 * pool, as a driver would use them; lockdep_assert_held documents what each helper
 * expects. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/semaphore.h>
#include <linux/list.h>

struct request {
	struct list_head node;
	int id;
};

static DEFINE_SPINLOCK(stats_lock);
static DEFINE_MUTEX(queue_lock);
static DECLARE_RWSEM(config_sem);
static struct semaphore slots;
static LIST_HEAD(queue);
static unsigned long submitted;
static int config_depth = 4;

static void queue_request(struct request *rq)
{
	unsigned long flags;

	lockdep_assert_held(&queue_lock);
	list_add_tail(&rq->node, &queue);
	spin_lock_irqsave(&stats_lock, flags);
	submitted++;
	spin_unlock_irqrestore(&stats_lock, flags);
}

static int __init locks_init(void)
{
	struct request rqs[3];
	int depth;

	down_read(&config_sem);
	depth = config_depth;
	up_read(&config_sem);
	sema_init(&slots, depth);
	for (int i = 0; i < 3; i++) {
		if (down_interruptible(&slots))
			return -EINTR;
		rqs[i].id = i;
		mutex_lock(&queue_lock);
		queue_request(&rqs[i]);
		mutex_unlock(&queue_lock);
	}
	mutex_lock(&queue_lock);
	while (!list_empty(&queue)) {
		struct request *rq = list_first_entry(&queue, struct request, node);

		list_del(&rq->node);
		up(&slots);
	}
	mutex_unlock(&queue_lock);
	pr_info("%lu requests through a %d-deep queue\n", submitted, depth);
	return 0;
}

static void __exit locks_exit(void)
{
}

module_init(locks_init);
module_exit(locks_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("spinlock, mutex, rwsem and semaphore in one driver");
