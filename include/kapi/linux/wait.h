/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/wait.h: wait queues. A sleeper puts an entry on the queue, sets its task state,
 * re-checks its condition and sleeps in schedule(); a waker walks the queue under its
 * lock and calls each entry's wake function, stopping after nr exclusive waiters.
 * wait_event* re-check the condition after every wake-up, so spurious wake-ups are
 * harmless. They are sleeping calls, reported from atomic context at the caller's line.
 * The system's UAPI <linux/wait.h> is pulled in first (its P_* macros, which clash
 * with glibc's idtype_t, are dropped). */
#ifndef UKMEM_LINUX_WAIT_H
#define UKMEM_LINUX_WAIT_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include_next <linux/wait.h>
#undef P_ALL
#undef P_PID
#undef P_PGID
#undef P_PIDFD
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/kernel.h>

struct wait_queue_entry;
typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry, unsigned int mode,
				 int flags, void *key);

#define WQ_FLAG_EXCLUSIVE	0x01
#define WQ_FLAG_WOKEN		0x02

struct wait_queue_entry {
	unsigned int flags;
	void *private;			/* the waiting task */
	wait_queue_func_t func;
	struct list_head entry;
};
typedef struct wait_queue_entry wait_queue_entry_t;

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) \
	{ .lock = __SPIN_LOCK_UNLOCKED(name.lock), .head = LIST_HEAD_INIT(name.head) }
#define DECLARE_WAIT_QUEUE_HEAD(name)	wait_queue_head_t name = __WAIT_QUEUE_HEAD_INITIALIZER(name)
#define DECLARE_WAIT_QUEUE_HEAD_ONSTACK(name)	DECLARE_WAIT_QUEUE_HEAD(name)

static inline void init_waitqueue_head(struct wait_queue_head *wq_head)
{
	spin_lock_init(&wq_head->lock);
	INIT_LIST_HEAD(&wq_head->head);
}

int default_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags,
			  void *key);
int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode,
			     int flags, void *key);
int woken_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags,
			void *key);

#define __WAITQUEUE_INITIALIZER(name, tsk) \
	{ .private = (tsk), .func = default_wake_function, .entry = { NULL, NULL } }
#define DECLARE_WAITQUEUE(name, tsk)	struct wait_queue_entry name = __WAITQUEUE_INITIALIZER(name, tsk)
#define DEFINE_WAIT_FUNC(name, function)				\
	struct wait_queue_entry name = {				\
		.private = current, .func = function,			\
		.entry = LIST_HEAD_INIT((name).entry),			\
	}
#define DEFINE_WAIT(name)	DEFINE_WAIT_FUNC(name, autoremove_wake_function)

static inline void init_waitqueue_entry(struct wait_queue_entry *wq_entry, struct task_struct *p)
{
	wq_entry->flags = 0;
	wq_entry->private = p;
	wq_entry->func = default_wake_function;
}

static inline void init_waitqueue_func_entry(struct wait_queue_entry *wq_entry,
					     wait_queue_func_t func)
{
	wq_entry->flags = 0;
	wq_entry->private = NULL;
	wq_entry->func = func;
}

void init_wait_entry(struct wait_queue_entry *wq_entry, int flags);
#define init_wait(wait)	init_wait_entry(wait, 0)

static inline int waitqueue_active(struct wait_queue_head *wq_head)
{
	return !list_empty(&wq_head->head);
}

static inline bool wq_has_sleeper(struct wait_queue_head *wq_head)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return waitqueue_active(wq_head);
}

void add_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void add_wait_queue_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void remove_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void prepare_to_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry, int state);
bool prepare_to_wait_exclusive(struct wait_queue_head *wq_head,
			       struct wait_queue_entry *wq_entry, int state);
long prepare_to_wait_event(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
			   int state);
void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
long wait_woken(struct wait_queue_entry *wq_entry, unsigned int mode, long timeout);

/* Wakes up to nr_exclusive exclusive waiters (0: all) plus every non-exclusive one. */
void __wake_up(struct wait_queue_head *wq_head, unsigned int mode, int nr_exclusive, void *key);
/* The same with wq_head->lock already held by the caller. */
void __wake_up_locked(struct wait_queue_head *wq_head, unsigned int mode, int nr);

#define wake_up(x)			__wake_up(x, TASK_NORMAL, 1, NULL)
#define wake_up_nr(x, nr)		__wake_up(x, TASK_NORMAL, nr, NULL)
#define wake_up_all(x)			__wake_up(x, TASK_NORMAL, 0, NULL)
#define wake_up_locked(x)		__wake_up_locked((x), TASK_NORMAL, 1)
#define wake_up_all_locked(x)		__wake_up_locked((x), TASK_NORMAL, 0)
#define wake_up_interruptible(x)	__wake_up(x, TASK_INTERRUPTIBLE, 1, NULL)
#define wake_up_interruptible_nr(x, nr)	__wake_up(x, TASK_INTERRUPTIBLE, nr, NULL)
#define wake_up_interruptible_all(x)	__wake_up(x, TASK_INTERRUPTIBLE, 0, NULL)
#define wake_up_poll(x, m)		__wake_up(x, TASK_NORMAL, 1, (void *)(unsigned long)(m))
#define wake_up_interruptible_poll(x, m) __wake_up(x, TASK_INTERRUPTIBLE, 1, (void *)(unsigned long)(m))

/* The loop under every wait_event: cmd sleeps; ret is the value returned. An
 * interruptible or killable wait that finds a signal it lets through (after its
 * condition, which wins) returns prepare_to_wait_event's -ERESTARTSYS. */
#define ___wait_event(wq_head, condition, state, exclusive, ret, cmd) ({	\
	long __ret = ret;							\
	struct wait_queue_entry __wq_entry;					\
										\
	init_wait_entry(&__wq_entry, exclusive ? WQ_FLAG_EXCLUSIVE : 0);	\
	for (;;) {								\
		long __int = prepare_to_wait_event(&(wq_head), &__wq_entry, state); \
		if (condition)							\
			break;							\
		if (__int) {							\
			__ret = __int;						\
			break;							\
		}								\
		cmd;								\
	}									\
	finish_wait(&(wq_head), &__wq_entry);					\
	__ret;									\
})

/* For the timeout forms: true when done; a condition met at timeout returns 1. */
#define ___wait_cond_timeout(condition) ({					\
	bool __cond = (condition);						\
	if (__cond && !__ret)							\
		__ret = 1;							\
	__cond || !__ret;							\
})

#define wait_event(wq_head, condition) do {					\
	might_sleep();								\
	if (condition)								\
		break;								\
	(void)___wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 0, 0, schedule()); \
} while (0)

#define wait_event_idle(wq_head, condition)	wait_event(wq_head, condition)
#define wait_event_freezable(wq_head, condition)				\
	wait_event_interruptible(wq_head, condition)

/* 0 once the condition holds, -ERESTARTSYS for a signal (killable: a fatal one). */
#define __wait_event_state(wq_head, condition, state, exclusive) ({		\
	int __rc = 0;								\
	might_sleep();								\
	if (!(condition))							\
		__rc = (int)___wait_event(wq_head, condition, state, exclusive, 0, \
					  schedule());				\
	__rc;									\
})
#define wait_event_interruptible(wq_head, condition)				\
	__wait_event_state(wq_head, condition, TASK_INTERRUPTIBLE, 0)
#define wait_event_interruptible_exclusive(wq_head, condition)		\
	__wait_event_state(wq_head, condition, TASK_INTERRUPTIBLE, 1)
#define wait_event_killable(wq_head, condition)				\
	__wait_event_state(wq_head, condition, TASK_KILLABLE, 0)
#define wait_event_killable_exclusive(wq_head, condition)			\
	__wait_event_state(wq_head, condition, TASK_KILLABLE, 1)

/* Returns 0 if the condition was still false after timeout jiffies, else the jiffies
 * left (at least 1); the interruptible and killable forms -ERESTARTSYS for a signal. */
#define __wait_event_timeout(wq_head, condition, state, timeout)		\
	___wait_event(wq_head, ___wait_cond_timeout(condition), state, 0, timeout, \
		      __ret = schedule_timeout(__ret))
#define __wait_event_state_timeout(wq_head, condition, state, timeout) ({	\
	long __ret = (timeout);							\
	might_sleep();								\
	if (!___wait_cond_timeout(condition))					\
		__ret = __wait_event_timeout(wq_head, condition, state, timeout); \
	__ret;									\
})
#define wait_event_timeout(wq_head, condition, timeout)			\
	__wait_event_state_timeout(wq_head, condition, TASK_UNINTERRUPTIBLE, timeout)
#define wait_event_interruptible_timeout(wq_head, condition, timeout)		\
	__wait_event_state_timeout(wq_head, condition, TASK_INTERRUPTIBLE, timeout)
#define wait_event_idle_timeout(wq_head, condition, timeout)			\
	wait_event_timeout(wq_head, condition, timeout)
#define wait_event_killable_timeout(wq_head, condition, timeout)		\
	__wait_event_state_timeout(wq_head, condition, TASK_KILLABLE, timeout)

/* Sleeps with lock (a spinlock_t, held by the caller) dropped while asleep. */
#define wait_event_lock_irq(wq_head, condition, lock) do {			\
	if (condition)								\
		break;								\
	(void)___wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 0, 0,	\
			    spin_unlock_irq(&lock); schedule(); spin_lock_irq(&lock)); \
} while (0)
#define wait_event_interruptible_lock_irq(wq_head, condition, lock) ({	\
	int __rc = 0;								\
	if (!(condition))							\
		__rc = (int)___wait_event(wq_head, condition, TASK_INTERRUPTIBLE, 0, 0, \
			    spin_unlock_irq(&lock); schedule(); spin_lock_irq(&lock)); \
	__rc;									\
})

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/wait.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/numa.h>
#include <linux/overflow.h>
#include <linux/percpu-defs.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time64.h>
#include <linux/tracepoint-defs.h>
#endif
#endif
