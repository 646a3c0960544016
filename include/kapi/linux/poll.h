/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/poll.h: what a driver's poll method works with. The driver calls poll_wait() on
 * each wait queue that may signal a change and returns the events ready now (EPOLLIN,
 * EPOLLOUT, ...); the caller (ukmem_poll) puts an entry
 * on those queues, so a wake_up on one of them makes it ask again. poll_wait() with a
 * NULL table, or a table without a queueing function (the second pass), does nothing. */
#ifndef UKMEM_LINUX_POLL_H
#define UKMEM_LINUX_POLL_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/compiler.h>
#include <linux/ktime.h>
#include <linux/wait.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include_next <linux/poll.h>

/* The event bits of the UAPI <linux/eventpoll.h>, spelt as it spells them; that header
 * itself is not included because it brings <linux/fcntl.h>, which clashes with libc's
 * <fcntl.h> in programs that use both. */
#define EPOLLIN		(__poll_t)0x00000001
#define EPOLLPRI	(__poll_t)0x00000002
#define EPOLLOUT	(__poll_t)0x00000004
#define EPOLLERR	(__poll_t)0x00000008
#define EPOLLHUP	(__poll_t)0x00000010
#define EPOLLNVAL	(__poll_t)0x00000020
#define EPOLLRDNORM	(__poll_t)0x00000040
#define EPOLLRDBAND	(__poll_t)0x00000080
#define EPOLLWRNORM	(__poll_t)0x00000100
#define EPOLLWRBAND	(__poll_t)0x00000200
#define EPOLLMSG	(__poll_t)0x00000400
#define EPOLLRDHUP	(__poll_t)0x00002000

#define DEFAULT_POLLMASK (EPOLLIN | EPOLLOUT | EPOLLRDNORM | EPOLLWRNORM)

struct poll_table_struct;

/* Called by poll_wait() for each queue: the caller's way of waiting on it. */
typedef void (*poll_queue_proc)(struct file *, wait_queue_head_t *, struct poll_table_struct *);

typedef struct poll_table_struct {
	poll_queue_proc _qproc;
	__poll_t _key;		/* the events the caller waits for */
} poll_table;

static inline void poll_wait(struct file *filp, wait_queue_head_t *wait_address, poll_table *p)
{
	if (p && p->_qproc && wait_address) {
		p->_qproc(filp, wait_address, p);
		__atomic_thread_fence(__ATOMIC_SEQ_CST);	/* pairs with wq_has_sleeper() */
	}
}

static inline bool poll_does_not_wait(const poll_table *p)
{
	return p == NULL || p->_qproc == NULL;
}

static inline __poll_t poll_requested_events(const poll_table *p)
{
	return p ? p->_key : ~(__poll_t)0;
}

static inline void init_poll_funcptr(poll_table *pt, poll_queue_proc qproc)
{
	pt->_qproc = qproc;
	pt->_key = ~(__poll_t)0;
}

static inline bool file_can_poll(struct file *file)
{
	return file->f_op->poll;
}

static inline __poll_t vfs_poll(struct file *file, struct poll_table_struct *pt)
{
	if (unlikely(!file->f_op->poll))
		return DEFAULT_POLLMASK;
	return file->f_op->poll(file, pt);
}

/* The poll(2) event bits are the epoll ones, so the conversions keep them as they are. */
static inline u16 mangle_poll(__poll_t val)
{
	return (u16)(__force u32)val;
}
static inline __poll_t demangle_poll(u16 val)
{
	return (__force __poll_t)val;
}

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/poll.h> brings with it, once this header is complete. */
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/completion.h>
#include <linux/cred.h>
#include <linux/export.h>
#include <linux/hash.h>
#include <linux/hrtimer.h>
#include <linux/irqnr.h>
#include <linux/kasan.h>
#include <linux/kmsan-checks.h>
#include <linux/kref.h>
#include <linux/linkage.h>
#include <linux/list_lru.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/migrate_mode.h>
#include <linux/notifier.h>
#include <linux/page-flags.h>
#include <linux/percpu.h>
#include <linux/prandom.h>
#include <linux/ratelimit.h>
#include <linux/rbtree.h>
#include <linux/rculist.h>
#include <linux/sched/mm.h>
#include <linux/semaphore.h>
#include <linux/shrinker.h>
#include <linux/slab.h>
#include <linux/stat.h>
#include <linux/static_key.h>
#include <linux/sysctl.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#include <linux/uuid.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#endif
#endif
