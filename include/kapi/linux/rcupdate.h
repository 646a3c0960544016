/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/rcupdate.h: read-copy update on liburcu (the memb flavour). Readers mark their
 * critical sections with rcu_read_lock()/rcu_read_unlock(), which nest, never block and
 * count in current->rcu_read_lock_nesting (a sleeping call inside is reported). A thread
 * is registered with liburcu on its first read lock and unregistered when it exits.
 * synchronize_rcu() waits for every reader that started before it; call_rcu() runs a
 * callback after such a grace period, on liburcu's callback thread. */
#ifndef UKMEM_LINUX_RCUPDATE_H
#define UKMEM_LINUX_RCUPDATE_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/bottom_half.h>
#include <linux/irqflags.h>
#include <linux/lockdep.h>
#include <asm/barrier.h>

typedef void (*rcu_callback_t)(struct rcu_head *head);

void __rcu_read_lock(void);
void __rcu_read_unlock(void);
void ukmem_synchronize_rcu(void);
void ukmem_rcu_barrier(void);
void call_rcu(struct rcu_head *head, rcu_callback_t func);
void kvfree_call_rcu(struct rcu_head *head, rcu_callback_t func);

#define synchronize_rcu()	do { might_sleep(); ukmem_synchronize_rcu(); } while (0)
#define synchronize_rcu_expedited()	synchronize_rcu()
#define synchronize_net()	synchronize_rcu()
#define rcu_barrier()		do { might_sleep(); ukmem_rcu_barrier(); } while (0)
#define synchronize_rcu_bh	synchronize_rcu
#define synchronize_sched	synchronize_rcu
#define call_rcu_hurry		call_rcu

/* Lock validation sees each read-side section as a recursive read of one of these
 * (lockdep.prove_locking=1); rcu_dereference*() outside a section (and outside the
 * lock its condition names) then gives "WARNING: suspicious RCU usage". */
extern struct lockdep_map rcu_lock_map;
extern struct lockdep_map rcu_bh_lock_map;
extern struct lockdep_map rcu_sched_lock_map;
extern struct lockdep_map rcu_callback_map;

#define rcu_lock_acquire(map)						\
	do { if (ukmem_lockdep_on())						\
		lock_acquire(map, 0, 0, 2, 0, NULL, _THIS_IP_); } while (0)
#define rcu_lock_release(map)						\
	do { if (ukmem_lockdep_on()) lock_release(map, _THIS_IP_); } while (0)

static __always_inline void rcu_read_lock(void)
{
	__rcu_read_lock();
	rcu_lock_acquire(&rcu_lock_map);
}

static __always_inline void rcu_read_unlock(void)
{
	rcu_lock_release(&rcu_lock_map);
	__rcu_read_unlock();
}

static __always_inline void rcu_read_lock_bh(void)
{
	local_bh_disable();
	__rcu_read_lock();
	rcu_lock_acquire(&rcu_bh_lock_map);
}

static __always_inline void rcu_read_unlock_bh(void)
{
	rcu_lock_release(&rcu_bh_lock_map);
	__rcu_read_unlock();
	local_bh_enable();
}

static __always_inline void rcu_read_lock_sched(void)
{
	preempt_disable();
	__rcu_read_lock();
	rcu_lock_acquire(&rcu_sched_lock_map);
}

static __always_inline void rcu_read_unlock_sched(void)
{
	rcu_lock_release(&rcu_sched_lock_map);
	__rcu_read_unlock();
	preempt_enable();
}

static inline int rcu_read_lock_held(void) { return current->rcu_read_lock_nesting > 0; }
static inline int rcu_read_lock_bh_held(void) { return rcu_read_lock_held() || in_softirq() || irqs_disabled(); }
static inline int rcu_read_lock_sched_held(void) { return rcu_read_lock_held() || !preemptible(); }
static inline int rcu_read_lock_any_held(void) { return rcu_read_lock_sched_held(); }
static inline int rcu_preempt_depth(void) { return current->rcu_read_lock_nesting; }

#define rcu_access_pointer(p)		READ_ONCE(p)
#define rcu_dereference_raw(p)		__atomic_load_n(&(p), __ATOMIC_CONSUME)
#define debug_lockdep_rcu_enabled()	ukmem_lockdep_on()
#define RCU_LOCKDEP_WARN(c, s)						\
	do {								\
		static bool __warned;					\
		if (debug_lockdep_rcu_enabled() && (c) && !__warned) {	\
			__warned = true;				\
			lockdep_rcu_suspicious(__FILE__, __LINE__, s);	\
		}							\
	} while (0)
#define __rcu_dereference_check(p, c) ({					\
	RCU_LOCKDEP_WARN(!(c), "suspicious rcu_dereference_check() usage");	\
	rcu_dereference_raw(p);							\
})
#define rcu_dereference_check(p, c)	__rcu_dereference_check(p, (c) || rcu_read_lock_held())
#define rcu_dereference_protected(p, c) ({					\
	RCU_LOCKDEP_WARN(!(c), "suspicious rcu_dereference_protected() usage");	\
	(p);									\
})
#define rcu_dereference(p)		rcu_dereference_check(p, 0)
#define rcu_dereference_bh(p)		rcu_dereference_bh_check(p, 0)
#define rcu_dereference_sched(p)	rcu_dereference_sched_check(p, 0)
#define rcu_dereference_bh_check(p, c)	__rcu_dereference_check(p, (c) || rcu_read_lock_bh_held())
#define rcu_dereference_sched_check(p, c)	\
	__rcu_dereference_check(p, (c) || rcu_read_lock_sched_held())
#define rcu_pointer_handoff(p)		(p)
#define rcu_assign_pointer(p, v)	__atomic_store_n(&(p), (v), __ATOMIC_RELEASE)
#define RCU_INIT_POINTER(p, v)		WRITE_ONCE(p, v)
#define RCU_INITIALIZER(v)		(v)
#define rcu_replace_pointer(rcu_ptr, ptr, c) ({				\
	typeof(ptr) __tmp = rcu_dereference_protected((rcu_ptr), (c));	\
	rcu_assign_pointer((rcu_ptr), (ptr));				\
	__tmp;								\
})

#define rcu_sleep_check()		do { } while (0)
static inline void init_rcu_head(struct rcu_head *head) { }
static inline void destroy_rcu_head(struct rcu_head *head) { }
static inline void init_rcu_head_on_stack(struct rcu_head *head) { }
static inline void destroy_rcu_head_on_stack(struct rcu_head *head) { }

/* kfree_rcu(ptr, field): kfree(ptr) after a grace period; field is ptr's rcu_head. The
 * offset of field travels in the callback slot (it is below 4096, never a function). */
#define kfree_rcu(ptr, rhf) do {						\
	typeof(ptr) ___p = (ptr);						\
	BUILD_BUG_ON(__builtin_offsetof(typeof(*(ptr)), rhf) >= 4096);	\
	if (___p)								\
		kvfree_call_rcu(&((___p)->rhf), (rcu_callback_t)(unsigned long)	\
				__builtin_offsetof(typeof(*(ptr)), rhf));		\
} while (0)
/* kvfree_rcu(ptr, field) as kfree_rcu(); kvfree_rcu(ptr) without an rcu_head waits for
 * a grace period where it is called, so it may sleep. */
void kvfree(const void *addr);
#define __ukmem_kvfree_rcu_1(ptr) do {						\
	typeof(ptr) ___p = (ptr);						\
	if (___p) {								\
		synchronize_rcu();						\
		kvfree(___p);							\
	}									\
} while (0)
#define __ukmem_kvfree_rcu_2(ptr, rhf)	kfree_rcu(ptr, rhf)
#define __ukmem_kvfree_rcu_pick(_1, _2, name, ...)	name
#define kvfree_rcu(...)	__ukmem_kvfree_rcu_pick(__VA_ARGS__, __ukmem_kvfree_rcu_2,	\
						__ukmem_kvfree_rcu_1)(__VA_ARGS__)

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/rcupdate.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/generic.h>
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
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time64.h>
#include <linux/tracepoint-defs.h>
#endif
#endif
