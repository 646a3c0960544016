/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/semaphore.h: the counting semaphore. down() takes one unit, sleeping while none
 * is left; up() returns one and wakes a sleeper. Any thread may call up(). down_trylock
 * returns 0 on success and 1 on failure, the reverse of the lock trylocks;
 * down_interruptible/down_killable -EINTR for a signal (see <linux/sched.h>). */
#ifndef UKMEM_LINUX_SEMAPHORE_H
#define UKMEM_LINUX_SEMAPHORE_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/kernel.h>

struct semaphore {
	int count;		/* units available */
	const char *name;
};

#define __SEMAPHORE_INITIALIZER(semname, n)	{ .count = (n), .name = #semname }
#define DEFINE_SEMAPHORE(semname)	struct semaphore semname = __SEMAPHORE_INITIALIZER(semname, 1)

static inline void sema_init(struct semaphore *sem, int val)
{
	*sem = (struct semaphore)__SEMAPHORE_INITIALIZER(*sem, val);
}

void ukmem_down(struct semaphore *sem);
int ukmem_down_state(struct semaphore *sem, unsigned int state);	/* 0 or -EINTR */
int ukmem_down_interruptible(struct semaphore *sem);
int ukmem_down_killable(struct semaphore *sem);
int ukmem_down_timeout(struct semaphore *sem, long timeout);	/* 0 or -ETIME */
int __must_check down_trylock(struct semaphore *sem);
void up(struct semaphore *sem);

#define down(sem)	do { might_sleep(); ukmem_down(sem); } while (0)
#define down_interruptible(sem)	({ might_sleep(); ukmem_down_interruptible(sem); })
#define down_killable(sem)	({ might_sleep(); ukmem_down_killable(sem); })
#define down_timeout(sem, timeout)	({ might_sleep(); ukmem_down_timeout(sem, timeout); })

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/semaphore.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/list.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/numa.h>
#include <linux/overflow.h>
#include <linux/percpu-defs.h>
#include <linux/spinlock.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time64.h>
#include <linux/tracepoint-defs.h>
#endif
#endif
