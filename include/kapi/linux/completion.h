/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/completion.h: a one-shot (or counted) "this has happened" signal. complete()
 * lets one waiter through, complete_all() lets every present and future waiter through
 * until reinit_completion(). The waits are sleeping calls, reported from atomic context
 * at the caller's line; the timeout forms return 0 on timeout, else jiffies left (>= 1). */
#ifndef UKMEM_LINUX_COMPLETION_H
#define UKMEM_LINUX_COMPLETION_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/wait.h>

struct completion {
	unsigned int done;	/* UINT_MAX after complete_all() */
	struct wait_queue_head wait;
};

#define COMPLETION_INITIALIZER(work) \
	{ 0, __WAIT_QUEUE_HEAD_INITIALIZER((work).wait) }
#define COMPLETION_INITIALIZER_ONSTACK(work)	(*({ init_completion(&work); &work; }))
#define DECLARE_COMPLETION(work)	struct completion work = COMPLETION_INITIALIZER(work)
#define DECLARE_COMPLETION_ONSTACK(work)	DECLARE_COMPLETION(work)

static inline void init_completion(struct completion *x)
{
	x->done = 0;
	init_waitqueue_head(&x->wait);
}

static inline void reinit_completion(struct completion *x)
{
	x->done = 0;
}

unsigned long ukmem_wait_for_completion_timeout(struct completion *x, unsigned long timeout);
long ukmem_wait_for_completion_state(struct completion *x, unsigned long timeout,
				     unsigned int state);
bool try_wait_for_completion(struct completion *x);
bool completion_done(struct completion *x);
void complete(struct completion *x);
void complete_all(struct completion *x);

#define wait_for_completion(x) do {						\
	might_sleep();								\
	(void)ukmem_wait_for_completion_timeout(x, MAX_SCHEDULE_TIMEOUT);	\
} while (0)
#define wait_for_completion_io(x)	wait_for_completion(x)
#define wait_for_completion_timeout(x, timeout)					\
	({ might_sleep(); ukmem_wait_for_completion_timeout(x, timeout); })
#define wait_for_completion_io_timeout(x, timeout)	wait_for_completion_timeout(x, timeout)
/* The interruptible and killable forms return -ERESTARTSYS for a signal they let
 * through (killable: a fatal one); the others 0 once completed. */
#define __wait_for_completion_state(x, timeout, state)				\
	({ might_sleep(); ukmem_wait_for_completion_state(x, timeout, state); })
#define __wait_for_completion_done(x, state) ({				\
	long __t = __wait_for_completion_state(x, MAX_SCHEDULE_TIMEOUT, state);	\
	__t < 0 ? (int)__t : 0;							\
})
#define wait_for_completion_interruptible(x)					\
	__wait_for_completion_done(x, TASK_INTERRUPTIBLE)
#define wait_for_completion_killable(x)						\
	__wait_for_completion_done(x, TASK_KILLABLE)
#define wait_for_completion_state(x, state)					\
	__wait_for_completion_done(x, state)
#define wait_for_completion_interruptible_timeout(x, timeout)			\
	__wait_for_completion_state(x, timeout, TASK_INTERRUPTIBLE)
#define wait_for_completion_killable_timeout(x, timeout)			\
	__wait_for_completion_state(x, timeout, TASK_KILLABLE)

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/completion.h> brings with it, once this header is complete. */
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
