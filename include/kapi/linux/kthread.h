/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/kthread.h: kernel threads. A kthread is a host thread with its own task
 * (comm = its name, also the host thread's name). It is created asleep and runs its
 * function once woken (kthread_run wakes it at once); kthread_stop() asks it to stop,
 * wakes it and waits for the function's return value. A kthread whose function returned
 * by itself stays a zombie until kthread_stop() or the machine's shutdown reaps it. */
#ifndef UKMEM_LINUX_KTHREAD_H
#define UKMEM_LINUX_KTHREAD_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/err.h>
#include <linux/sched.h>
#include <linux/compiler.h>

struct completion;

__printf(4, 5)
struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data,
					   int node, const char namefmt[], ...);
#define kthread_create(threadfn, data, namefmt, arg...) \
	kthread_create_on_node(threadfn, data, -1, namefmt, ##arg)
struct task_struct *kthread_create_on_cpu(int (*threadfn)(void *data), void *data,
					  unsigned int cpu, const char *namefmt);

#define kthread_run(threadfn, data, namefmt, ...)				\
({										\
	struct task_struct *__k = kthread_create(threadfn, data, namefmt, ## __VA_ARGS__); \
	if (!IS_ERR(__k))							\
		wake_up_process(__k);						\
	__k;									\
})

void kthread_bind(struct task_struct *k, unsigned int cpu);
void kthread_set_per_cpu(struct task_struct *k, int cpu);
bool kthread_is_per_cpu(struct task_struct *k);
int kthread_stop(struct task_struct *k);
bool kthread_should_stop(void);
bool kthread_should_park(void);
bool __kthread_should_park(struct task_struct *k);
void kthread_parkme(void);
int kthread_park(struct task_struct *k);
void kthread_unpark(struct task_struct *k);
void *kthread_data(struct task_struct *k);
void __noreturn kthread_exit(long result);
void __noreturn kthread_complete_and_exit(struct completion *comp, long code);
int kthreadd(void *unused);

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/kthread.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/hrtimer.h>
#include <linux/irqnr.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/mutex.h>
#include <linux/numa.h>
#include <linux/overflow.h>
#include <linux/percpu.h>
#include <linux/prandom.h>
#include <linux/rbtree.h>
#include <linux/rculist.h>
#include <linux/refcount.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#include <linux/uidgid.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#endif
#endif
