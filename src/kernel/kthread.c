// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/kthread.c: kernel threads on host threads. Owns struct kthread, one per
 * kthread, found from its task (task->ukmem_kthread) and kept on a list until reaped.
 * A new thread publishes its task, then sleeps TASK_UNINTERRUPTIBLE until woken; its
 * function runs only if kthread_stop() was not called first. After the function
 * returns the host thread waits (a zombie) until kthread_stop() or the machine's
 * shutdown joins it, so the task pointer a creator holds stays valid until then.
 * Parking: kthread_park() sets SHOULD_PARK and waits until the thread sits in
 * kthread_parkme(); kthread_unpark() lets it go. A kthread blocks every signal but the
 * faults, so the host never runs a user's handler on it (Linux's kthreads ignore
 * signals), and it has none pending. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/completion.h>
#include <linux/kthread.h>
#include <linux/list.h>
#include <linux/smp.h>
#include "host/host.h"
#include <linux/export.h>
#include "kernel/futex.h"
#include "kernel/kthread.h"
#include "kernel/signal.h"
#include "kernel/traps.h"

enum { KTHREAD_SHOULD_STOP, KTHREAD_SHOULD_PARK, KTHREAD_IS_PER_CPU };

struct kthread {
	struct task_struct *task;
	int (*threadfn)(void *data);
	void *data;
	char name[TASK_COMM_LEN];
	unsigned long flags;
	int cpu;			/* -1: not bound */
	int started;			/* futex words: 0 -> 1 */
	int parked;
	int exited;
	int reaped;
	int result;
	pthread_t thread;
	struct list_head node;		/* on all_kthreads until reaped */
};

static LIST_HEAD(all_kthreads);
static pthread_mutex_t kthreads_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long nr_started;	/* since boot: /proc/stat's "processes" */

static struct kthread *to_kthread(struct task_struct *k)
{
	return k->ukmem_kthread;
}

static void set_flag(struct kthread *kt, int bit, bool on)
{
	if (on)
		__atomic_or_fetch(&kt->flags, 1UL << bit, __ATOMIC_SEQ_CST);
	else
		__atomic_and_fetch(&kt->flags, ~(1UL << bit), __ATOMIC_SEQ_CST);
}

static bool test_flag(struct kthread *kt, int bit)
{
	return __atomic_load_n(&kt->flags, __ATOMIC_SEQ_CST) & (1UL << bit);
}

static void set_word(int *word)
{
	__atomic_store_n(word, 1, __ATOMIC_RELEASE);
	futex_wake_all(word);
}

static void wait_word(int *word)
{
	while (!__atomic_load_n(word, __ATOMIC_ACQUIRE))
		futex_wait(word, 0, -1);
}

static void run_threadfn(void *arg)
{
	struct kthread *kt = arg;

	kt->result = kt->threadfn(kt->data);
}

static void *kthread_main(void *arg)
{
	struct kthread *kt = arg;
	struct task_struct *self = current;

	pthread_setname_np(pthread_self(), kt->name);
	memcpy(self->comm, kt->name, TASK_COMM_LEN);
	self->flags |= PF_KTHREAD;
	self->ukmem_kthread = kt;
	if (kt->cpu >= 0) {
		self->flags |= PF_NO_SETAFFINITY;
		self->ukmem_cpu = (unsigned int)kt->cpu;
		self->ukmem_cpu_pin = 1;
	}
	__set_current_state(TASK_UNINTERRUPTIBLE);
	kt->task = self;
	set_word(&kt->started);
	schedule();
	/* A kthread that dies in an oops ends here, its result left as -EINTR. */
	kt->result = -EINTR;
	if (!test_flag(kt, KTHREAD_SHOULD_STOP))
		task_run_killable(run_threadfn, kt);
	set_word(&kt->exited);
	wait_word(&kt->reaped);
	return NULL;
}

static struct task_struct *create_kthread(int (*threadfn)(void *), void *data, int cpu,
					  const char *name)
{
	struct kthread *kt;
	pthread_attr_t attr;
	unsigned long sigmask;
	int err;

	/* Service threads may be started from any context (a tick raising a softirq on a
	 * CPU whose ksoftirqd does not exist yet): their host memory comes from the C
	 * library, also under the malloc preload. */
	host_own_begin();
	kt = calloc(1, sizeof(*kt));
	if (!kt) {
		host_own_end();
		return ERR_PTR(-ENOMEM);
	}
	kt->threadfn = threadfn;
	kt->data = data;
	kt->cpu = cpu;
	snprintf(kt->name, sizeof(kt->name), "%s", name);
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 256 << 10);
	sigmask = block_signals_for_create();	/* kthreads take no user signal */
	err = pthread_create(&kt->thread, &attr, kthread_main, kt);
	unblock_after_create(sigmask);
	pthread_attr_destroy(&attr);
	host_own_end();
	if (err) {
		free(kt);
		return ERR_PTR(-EAGAIN);
	}
	wait_word(&kt->started);
	pthread_mutex_lock(&kthreads_lock);
	list_add_tail(&kt->node, &all_kthreads);
	nr_started++;
	pthread_mutex_unlock(&kthreads_lock);
	return kt->task;
}

/**
 * kthread_create_on_node - create a kernel thread, asleep
 * @threadfn: the function it runs once woken
 * @data: @threadfn's argument
 * @node: memory node (ignored)
 * @namefmt: printf-style name (truncated to TASK_COMM_LEN - 1)
 *
 * Context: may sleep (waits for the host thread to start).
 * Return: the new task, or ERR_PTR(-ENOMEM/-EAGAIN).
 */
struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data,
					   int node, const char namefmt[], ...)
{
	char name[TASK_COMM_LEN];
	va_list ap;

	va_start(ap, namefmt);
	vsnprintf(name, sizeof(name), namefmt, ap);
	va_end(ap);
	return create_kthread(threadfn, data, -1, name);
}
EXPORT_SYMBOL(kthread_create_on_node);

/**
 * kthread_create_on_cpu - create a kernel thread bound to one CPU
 * @threadfn: the function it runs once woken
 * @data: @threadfn's argument
 * @cpu: the CPU; smp_processor_id() in the thread is always @cpu
 * @namefmt: name, with %u for the CPU ("ksoftirqd/%u")
 *
 * Context: may sleep. Return: the task or an ERR_PTR.
 */
struct task_struct *kthread_create_on_cpu(int (*threadfn)(void *data), void *data,
					  unsigned int cpu, const char *namefmt)
{
	char name[TASK_COMM_LEN];
	struct task_struct *k;

	snprintf(name, sizeof(name), namefmt, cpu);
	k = create_kthread(threadfn, data, (int)cpu, name);
	if (!IS_ERR(k))
		set_flag(to_kthread(k), KTHREAD_IS_PER_CPU, true);
	return k;
}
EXPORT_SYMBOL(kthread_create_on_cpu);

/**
 * kthread_bind - bind a just-created kthread to one CPU
 * @k: the kthread, created and not yet woken
 * @cpu: the CPU
 *
 * Its affinity can not be changed afterwards (PF_NO_SETAFFINITY).
 *
 * Context: process context; takes no lock.
 */
void kthread_bind(struct task_struct *k, unsigned int cpu)
{
	k->flags |= PF_NO_SETAFFINITY;
	k->ukmem_cpu = cpu;
	k->ukmem_cpu_pin = 1;
}
EXPORT_SYMBOL(kthread_bind);

void kthread_set_per_cpu(struct task_struct *k, int cpu)
{
	if (cpu < 0) {
		set_flag(to_kthread(k), KTHREAD_IS_PER_CPU, false);
		return;
	}
	kthread_bind(k, (unsigned int)cpu);
	set_flag(to_kthread(k), KTHREAD_IS_PER_CPU, true);
}

bool kthread_is_per_cpu(struct task_struct *k)
{
	struct kthread *kt = to_kthread(k);

	return kt && test_flag(kt, KTHREAD_IS_PER_CPU);
}

/**
 * kthread_data - the data argument a kthread was created with
 * @k: a kthread
 *
 * Context: any context.
 * Return: the data pointer given to kthread_create().
 */
void *kthread_data(struct task_struct *k)
{
	return to_kthread(k)->data;
}
EXPORT_SYMBOL_GPL(kthread_data);

/**
 * kthread_should_stop - whether kthread_stop() was called for the calling kthread
 * Context: the kthread itself; any context.
 * Return: true once kthread_stop() asked it to stop (it should return soon).
 */
bool kthread_should_stop(void)
{
	struct kthread *kt = to_kthread(current);

	return kt && test_flag(kt, KTHREAD_SHOULD_STOP);
}
EXPORT_SYMBOL(kthread_should_stop);

/**
 * __kthread_should_park - whether kthread_park() was called for a kthread
 * @k: the kthread
 *
 * Context: any context.
 * Return: true if @k is asked to park.
 */
bool __kthread_should_park(struct task_struct *k)
{
	struct kthread *kt = to_kthread(k);

	return kt && test_flag(kt, KTHREAD_SHOULD_PARK);
}
EXPORT_SYMBOL_GPL(__kthread_should_park);

/**
 * kthread_should_park - whether the calling kthread should call kthread_parkme()
 * Context: the kthread itself; any context.
 * Return: true if kthread_park() asked it to park.
 */
bool kthread_should_park(void)
{
	return __kthread_should_park(current);
}
EXPORT_SYMBOL_GPL(kthread_should_park);

/**
 * kthread_parkme - park the calling kthread while kthread_park() asks for it
 *
 * Context: process context, may sleep.
 */
void kthread_parkme(void)
{
	struct kthread *kt = to_kthread(current);

	for (;;) {
		set_current_state(TASK_PARKED);
		if (!test_flag(kt, KTHREAD_SHOULD_PARK))
			break;
		if (!__atomic_load_n(&kt->parked, __ATOMIC_ACQUIRE))
			set_word(&kt->parked);
		schedule();
	}
	__set_current_state(TASK_RUNNING);
}
EXPORT_SYMBOL_GPL(kthread_parkme);

/**
 * kthread_park - ask a kthread to park and wait until it has
 * @k: a kthread that calls kthread_parkme() when kthread_should_park()
 *
 * Context: may sleep. Return: 0, or -ENOSYS if @k has already exited.
 */
int kthread_park(struct task_struct *k)
{
	struct kthread *kt = to_kthread(k);

	if (__atomic_load_n(&kt->exited, __ATOMIC_ACQUIRE))
		return -ENOSYS;
	if (!test_flag(kt, KTHREAD_SHOULD_PARK)) {
		set_flag(kt, KTHREAD_SHOULD_PARK, true);
		if (k != current) {
			wake_up_process(k);
			while (!__atomic_load_n(&kt->parked, __ATOMIC_ACQUIRE) &&
			       !__atomic_load_n(&kt->exited, __ATOMIC_ACQUIRE))
				futex_wait(&kt->parked, 0, 1000000);
		}
	}
	return 0;
}
EXPORT_SYMBOL_GPL(kthread_park);

/**
 * kthread_unpark - let a parked kthread run again
 * @k: the kthread; nothing is done unless it was asked to park
 *
 * Context: process context; does not sleep.
 */
void kthread_unpark(struct task_struct *k)
{
	struct kthread *kt = to_kthread(k);

	if (!test_flag(kt, KTHREAD_SHOULD_PARK))
		return;
	set_flag(kt, KTHREAD_SHOULD_PARK, false);
	__atomic_store_n(&kt->parked, 0, __ATOMIC_RELEASE);
	wake_up_state(k, TASK_PARKED);
}
EXPORT_SYMBOL_GPL(kthread_unpark);

static void reap(struct kthread *kt)
{
	set_word(&kt->reaped);
	pthread_join(kt->thread, NULL);
	free(kt);
}

/**
 * kthread_stop - stop a kthread and collect its result
 * @k: a task from kthread_create*()
 *
 * Sets kthread_should_stop() for @k, wakes it (also from a park) and waits until its
 * function returns. A thread never woken does not run its function at all.
 *
 * Context: may sleep. Return: the function's result, or -EINTR if it never ran.
 * @k is invalid afterwards.
 */
int kthread_stop(struct task_struct *k)
{
	struct kthread *kt = to_kthread(k);
	int ret;

	set_flag(kt, KTHREAD_SHOULD_STOP, true);
	kthread_unpark(k);
	while (!__atomic_load_n(&kt->exited, __ATOMIC_ACQUIRE)) {
		wake_up_process(k);
		futex_wait(&kt->exited, 0, 10000000);
	}
	ret = kt->result;
	pthread_mutex_lock(&kthreads_lock);
	list_del(&kt->node);
	pthread_mutex_unlock(&kthreads_lock);
	reap(kt);
	return ret;
}
EXPORT_SYMBOL(kthread_stop);

void __noreturn kthread_exit(long result)
{
	struct kthread *kt = to_kthread(current);

	kt->result = (int)result;
	set_word(&kt->exited);
	wait_word(&kt->reaped);
	pthread_exit(NULL);
}

/**
 * kthread_complete_and_exit - signal a completion and end the calling kthread
 * @comp: the completion, or NULL
 * @code: the exit code kthread_stop() returns
 *
 * Context: the kthread itself; does not return.
 */
void __noreturn kthread_complete_and_exit(struct completion *comp, long code)
{
	if (comp)
		complete(comp);
	kthread_exit(code);
}
EXPORT_SYMBOL(kthread_complete_and_exit);

/* In a child of fork(2): the kthreads' host threads stayed in the parent; their records
 * are dropped without a join. */
void kthreads_forget_all(void)
{
	pthread_mutex_init(&kthreads_lock, NULL);
	while (!list_empty(&all_kthreads)) {
		struct kthread *kt = list_first_entry(&all_kthreads, struct kthread, node);

		list_del(&kt->node);
		free(kt);
	}
}

/* For /proc/stat: kernel threads started since boot; those running (or runnable) and
 * those in uninterruptible sleep now. */
unsigned long kthreads_started(void)
{
	return __atomic_load_n(&nr_started, __ATOMIC_RELAXED);
}

void kthreads_count_states(unsigned int *running, unsigned int *blocked)
{
	struct kthread *kt;

	*running = *blocked = 0;
	pthread_mutex_lock(&kthreads_lock);
	list_for_each_entry(kt, &all_kthreads, node) {
		unsigned int state;

		if (__atomic_load_n(&kt->exited, __ATOMIC_ACQUIRE))
			continue;
		state = (unsigned int)READ_ONCE(kt->task->state);
		if (state == TASK_RUNNING)
			(*running)++;
		else if (state & TASK_UNINTERRUPTIBLE)
			(*blocked)++;
	}
	pthread_mutex_unlock(&kthreads_lock);
}

/* At shutdown: stops the kthreads still running (with a warning: their owner should
 * have stopped them) and joins the zombies. */
void kthreads_reap_all(void)
{
	struct kthread *kt;

	pthread_mutex_lock(&kthreads_lock);
	while (!list_empty(&all_kthreads)) {
		kt = list_first_entry(&all_kthreads, struct kthread, node);
		list_del(&kt->node);
		pthread_mutex_unlock(&kthreads_lock);
		if (!__atomic_load_n(&kt->exited, __ATOMIC_ACQUIRE)) {
			pr_warn("kthread %s (pid %d) still running at shutdown: stopping it\n",
				kt->name, kt->task->pid);
			set_flag(kt, KTHREAD_SHOULD_STOP, true);
			kthread_unpark(kt->task);
			while (!__atomic_load_n(&kt->exited, __ATOMIC_ACQUIRE)) {
				wake_up_process(kt->task);
				futex_wait(&kt->exited, 0, 10000000);
			}
		}
		reap(kt);
		pthread_mutex_lock(&kthreads_lock);
	}
	nr_started = 0;		/* the next boot counts afresh */
	pthread_mutex_unlock(&kthreads_lock);
}
