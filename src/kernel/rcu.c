// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/rcu.c: RCU on liburcu's memb flavour (membarrier-based; readers need no
 * quiescent-state reports, which the QSBR flavour would demand of every thread).
 * Invariants: a thread is registered with liburcu before its first read-side critical
 * section (done here, lazily) and unregistered by a thread-exit destructor;
 * current->rcu_read_lock_nesting counts the nesting so sleeping calls inside are caught.
 * liburcu's rcu_head has the kernel's layout (next pointer, then func), checked below.
 * Under ThreadSanitizer, grace periods are told to the race detector (see below). */
#define _LGPL_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <urcu/urcu-memb.h>

typedef struct rcu_head urcu_head_t;	/* liburcu's, before the kernel names it */
#undef rcu_dereference			/* liburcu's pointer macros give way to the kernel's */
#undef rcu_assign_pointer

#include <linux/rcupdate.h>
#include <linux/bug.h>
#include <linux/export.h>
#include "machine/boot.h"

#if defined(__SANITIZE_THREAD__)
/* ThreadSanitizer cannot see liburcu's grace periods (liburcu is not built with it).
 * They are told to it as one synchronisation object: each read-side critical section
 * and each call_rcu() releases it, and the end of a grace period -- synchronize_rcu()
 * returning, a callback about to run -- acquires it. That orders more than a grace
 * period does (every earlier reader, not only the overlapping ones), so a race hidden
 * by it is possible; none that the rule reports is false. */
#include <sanitizer/tsan_interface.h>
static char rcu_grace_period, rcu_callbacks_done;
#define rcu_tsan_release() __tsan_release(&rcu_grace_period)
#define rcu_tsan_acquire() __tsan_acquire(&rcu_grace_period)
/* rcu_barrier() returns after the callbacks queued before it, and sees their work. */
#define rcu_tsan_callback_done() __tsan_release(&rcu_callbacks_done)
#define rcu_tsan_barrier_done() __tsan_acquire(&rcu_callbacks_done)

struct rcu_tsan_request {
	urcu_head_t urcu;
	struct rcu_head *head;
	rcu_callback_t func;
};

static void rcu_tsan_callback(urcu_head_t *urcu)
{
	struct rcu_tsan_request *req = caa_container_of(urcu, struct rcu_tsan_request, urcu);
	struct rcu_head *head = req->head;
	rcu_callback_t func = req->func;

	free(req);
	rcu_tsan_acquire();
	func(head);
	rcu_tsan_callback_done();
}
#else
#define rcu_tsan_release() do { } while (0)
#define rcu_tsan_acquire() do { } while (0)
#define rcu_tsan_callback_done() do { } while (0)
#define rcu_tsan_barrier_done() do { } while (0)
#endif

_Static_assert(sizeof(urcu_head_t) == sizeof(struct callback_head), "rcu_head layout");
_Static_assert(__builtin_offsetof(urcu_head_t, func) ==
	       __builtin_offsetof(struct callback_head, func), "rcu_head layout");

static pthread_key_t reader_key;
static pthread_once_t reader_key_once = PTHREAD_ONCE_INIT;

static void unregister_reader(void *unused)
{
	urcu_memb_unregister_thread();
}

static void create_reader_key(void)
{
	if (pthread_key_create(&reader_key, unregister_reader))
		abort();
}

/* liburcu's own threads (call_rcu workers) are registered by liburcu itself. */
static void register_reader(void)
{
	if (likely(URCU_TLS(urcu_memb_reader).registered))
		return;
	pthread_once(&reader_key_once, create_reader_key);
	urcu_memb_register_thread();
	pthread_setspecific(reader_key, (void *)1);
}

struct lockdep_map rcu_lock_map = { .name = "rcu_read_lock",
	.wait_type_outer = LD_WAIT_FREE, .wait_type_inner = LD_WAIT_CONFIG };
EXPORT_SYMBOL_GPL(rcu_lock_map);
struct lockdep_map rcu_bh_lock_map = { .name = "rcu_read_lock_bh",
	.wait_type_outer = LD_WAIT_FREE, .wait_type_inner = LD_WAIT_CONFIG };
EXPORT_SYMBOL_GPL(rcu_bh_lock_map);
struct lockdep_map rcu_sched_lock_map = { .name = "rcu_read_lock_sched",
	.wait_type_outer = LD_WAIT_FREE, .wait_type_inner = LD_WAIT_SPIN };
EXPORT_SYMBOL_GPL(rcu_sched_lock_map);
struct lockdep_map rcu_callback_map = { .name = "rcu_callback" };
EXPORT_SYMBOL_GPL(rcu_callback_map);

/**
 * __rcu_read_lock - enter an RCU read-side critical section
 * What rcu_read_lock() calls. Sections nest; while in one, the calling task must not
 * sleep (might_sleep() reports it) and synchronize_rcu() waits for it to end.
 *
 * Context: any context; never sleeps.
 */
void __rcu_read_lock(void)
{
	ukmem_ensure_booted();
	register_reader();
	current->rcu_read_lock_nesting++;
	urcu_memb_read_lock();
}

EXPORT_SYMBOL_GPL(__rcu_read_lock);

/**
 * __rcu_read_unlock - leave an RCU read-side critical section
 * Unbalanced calls warn once.
 *
 * Context: any context; never sleeps.
 */
void __rcu_read_unlock(void)
{
	struct task_struct *task = current;

	if (WARN_ON_ONCE(task->rcu_read_lock_nesting <= 0))
		return;
	rcu_tsan_release();
	urcu_memb_read_unlock();
	task->rcu_read_lock_nesting--;
}
EXPORT_SYMBOL_GPL(__rcu_read_unlock);

/**
 * ukmem_synchronize_rcu - wait for every RCU read-side section in progress to end
 * What synchronize_rcu() calls. Called inside a read-side section it warns and returns
 * (Linux would deadlock).
 *
 * Context: process context; sleeps. Not in a read-side section.
 */
void ukmem_synchronize_rcu(void)
{
	ukmem_ensure_booted();
	/* The grace period would wait for this very reader: the kernel deadlocks here. */
	if (WARN_ONCE(current->rcu_read_lock_nesting > 0,
		      "Illegal synchronize_rcu() in RCU read-side critical section\n"))
		return;
	urcu_memb_synchronize_rcu();
	rcu_tsan_acquire();
}
EXPORT_SYMBOL(ukmem_synchronize_rcu);

/**
 * call_rcu - call a function after the next grace period
 * @head: the rcu_head inside the object
 * @func: called with @head once every read-side section in progress has ended
 *
 * Context: any context, interrupts included; does not sleep.
 */
void call_rcu(struct rcu_head *head, rcu_callback_t func)
{
	ukmem_ensure_booted();
#if defined(__SANITIZE_THREAD__)
	struct rcu_tsan_request *req = malloc(sizeof(*req));

	rcu_tsan_release();
	if (req) {
		req->head = head;
		req->func = func;
		urcu_memb_call_rcu(&req->urcu, rcu_tsan_callback);
		return;
	}
#endif
	urcu_memb_call_rcu((urcu_head_t *)head, (void (*)(urcu_head_t *))func);
}
EXPORT_SYMBOL_GPL(call_rcu);

/**
 * ukmem_rcu_barrier - wait until every call_rcu() callback queued so far has run
 * What rcu_barrier() calls: a module calls it before unloading.
 *
 * Context: process context; sleeps.
 */
void ukmem_rcu_barrier(void)
{
	ukmem_ensure_booted();
	urcu_memb_barrier();
	rcu_tsan_barrier_done();
}
EXPORT_SYMBOL(ukmem_rcu_barrier);

/* kfree_rcu: the object to free sits offset bytes before its rcu_head. */
struct kfree_rcu_request {
	urcu_head_t urcu;
	void *object;
};

extern void kfree(const void *object) __attribute__((weak));

static void kfree_rcu_callback(urcu_head_t *urcu)
{
	struct kfree_rcu_request *req = caa_container_of(urcu, struct kfree_rcu_request, urcu);

	rcu_tsan_acquire();
	if (!WARN_ONCE(!kfree, "kfree_rcu() without the slab allocator linked in\n"))
		kfree(req->object);
	free(req);
	rcu_tsan_callback_done();
}

/**
 * kvfree_call_rcu - kvfree() an object after the next grace period
 * @head: the rcu_head inside the object
 * @func: the offset of @head in the object, cast (as kfree_rcu() passes it)
 *
 * Without memory for the request it waits for a grace period itself, then frees.
 *
 * Context: any context where kfree_rcu() may be used; may sleep only when out of memory
 * (Linux's kvfree_rcu() with two arguments never sleeps).
 */
void kvfree_call_rcu(struct rcu_head *head, rcu_callback_t func)
{
	unsigned long offset = (unsigned long)func;
	struct kfree_rcu_request *req;

	ukmem_ensure_booted();
	req = malloc(sizeof(*req));
	if (!req) {
		/* No memory for the request: wait out the grace period here instead. */
		urcu_memb_synchronize_rcu();
		rcu_tsan_acquire();
		if (kfree)
			kfree((char *)head - offset);
		return;
	}
	req->object = (char *)head - offset;
	rcu_tsan_release();
	urcu_memb_call_rcu(&req->urcu, kfree_rcu_callback);
}
EXPORT_SYMBOL_GPL(kvfree_call_rcu);
