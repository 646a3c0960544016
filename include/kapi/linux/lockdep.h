/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/lockdep.h: lock validation (CONFIG_PROVE_LOCKING), off unless the machine was
 * booted with lockdep.prove_locking=1 (src/kernel/lockdep.c, docs/locking.md).
 *
 * Every lock acquire and release in kernel code (drivers, modules, programs) is reported
 * to lockdep, which keeps each task's held locks and a graph of lock-class dependencies
 * and prints Linux 6.1's reports (circular dependency, recursive locking, inconsistent
 * irq state, irq-safe -> irq-unsafe order, bad unlock balance); after the first report it
 * turns itself off, as Linux does. ukmem's own internal locks (code built with
 * UKMEM_INTERNAL) are not validated: their interrupt discipline is ukmem's, whose
 * interrupts are threads. With lockdep off a lock operation costs one predictable branch.
 *
 * lockdep_is_held() and the lockdep_assert_held*() family work with lockdep on or off:
 * off, they check the recorded owner (a spinlock, rwlock writer, mutex or rw_semaphore
 * writer; a lock held for read counts as held by anyone). */
#ifndef UKMEM_LINUX_LOCKDEP_H
#define UKMEM_LINUX_LOCKDEP_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/spinlock_types.h>
#include <linux/debug_locks.h>
#include <linux/bug.h>

#ifndef _THIS_IP_
#define _THIS_IP_  ({ __label__ __here; __here: (unsigned long)&&__here; })
#endif
#ifndef _RET_IP_
#define _RET_IP_	((unsigned long)__builtin_return_address(0))
#endif

struct mutex;
struct rw_semaphore;
struct task_struct;

#define MAX_LOCK_DEPTH		48UL
#define SINGLE_DEPTH_NESTING	1

/* Nonzero while lockdep validates (booted with it, and no report has turned it off). */
extern int ukmem_lockdep_active;

/* The acquire address lock functions pass to lockdep; 0 (ukmem's own code) means the
 * operation is not validated. */
#ifdef UKMEM_INTERNAL
#define ukmem_lockdep_on()	0
#define __UKMEM_LOCK_IP		0UL
#else
#define __UKMEM_LOCK_IP		_THIS_IP_
#define ukmem_lockdep_on()	__builtin_expect(__atomic_load_n(&ukmem_lockdep_active, __ATOMIC_RELAXED), 0)
#endif

void lockdep_init_map_type(struct lockdep_map *lock, const char *name,
			   struct lock_class_key *key, int subclass, u8 inner, u8 outer,
			   u8 lock_type);

static inline void lockdep_init_map_waits(struct lockdep_map *lock, const char *name,
					  struct lock_class_key *key, int subclass,
					  u8 inner, u8 outer)
{
	lockdep_init_map_type(lock, name, key, subclass, inner, outer, LD_LOCK_NORMAL);
}

static inline void lockdep_init_map_wait(struct lockdep_map *lock, const char *name,
					 struct lock_class_key *key, int subclass, u8 inner)
{
	lockdep_init_map_waits(lock, name, key, subclass, inner, LD_WAIT_INV);
}

static inline void lockdep_init_map(struct lockdep_map *lock, const char *name,
				    struct lock_class_key *key, int subclass)
{
	lockdep_init_map_wait(lock, name, key, subclass, LD_WAIT_INV);
}

/* Reinitialize a lock key, for locks that need their own class. */
#define lockdep_set_class(lock, key)					\
	lockdep_init_map_type(&(lock)->dep_map, #key, key, 0,		\
			      (lock)->dep_map.wait_type_inner,		\
			      (lock)->dep_map.wait_type_outer,		\
			      (lock)->dep_map.lock_type)
#define lockdep_set_class_and_name(lock, key, name)			\
	lockdep_init_map_type(&(lock)->dep_map, name, key, 0,		\
			      (lock)->dep_map.wait_type_inner,		\
			      (lock)->dep_map.wait_type_outer,		\
			      (lock)->dep_map.lock_type)
#define lockdep_set_class_and_subclass(lock, key, sub)			\
	lockdep_init_map_type(&(lock)->dep_map, #key, key, sub,		\
			      (lock)->dep_map.wait_type_inner,		\
			      (lock)->dep_map.wait_type_outer,		\
			      (lock)->dep_map.lock_type)
#define lockdep_set_subclass(lock, sub)					\
	lockdep_init_map_type(&(lock)->dep_map, (lock)->dep_map.name,	\
			      (lock)->dep_map.key, sub,			\
			      (lock)->dep_map.wait_type_inner,		\
			      (lock)->dep_map.wait_type_outer,		\
			      (lock)->dep_map.lock_type)
#define lockdep_set_novalidate_class(lock) \
	lockdep_set_class_and_name(lock, &__lockdep_no_validate__, #lock)
#define lockdep_match_class(lock, key)	((lock)->dep_map.key == (key))

/*
 * lock_acquire(): read 0 exclusive, 1 shared, 2 shared and recursive (rcu_read_lock);
 * check 0 records the lock without validating it. lock_release() drops the most
 * recent hold of the instance.
 */
void lock_acquire(struct lockdep_map *lock, unsigned int subclass, int trylock, int read,
		  int check, struct lockdep_map *nest_lock, unsigned long ip);
void lock_release(struct lockdep_map *lock, unsigned long ip);

enum { LOCK_STATE_UNKNOWN = -1, LOCK_STATE_NOT_HELD, LOCK_STATE_HELD };

int lock_is_held_type(const struct lockdep_map *lock, int read);
static inline int lock_is_held(const struct lockdep_map *lock)
{
	return lock_is_held_type(lock, -1);
}

void lockdep_off(void);
void lockdep_on(void);
int lockdep_recursing(struct task_struct *task);
void lockdep_rcu_suspicious(const char *file, const int line, const char *s);

#define lock_acquire_exclusive(l, s, t, n, i)		lock_acquire(l, s, t, 0, 1, n, i)
#define lock_acquire_shared(l, s, t, n, i)		lock_acquire(l, s, t, 1, 1, n, i)
#define lock_acquire_shared_recursive(l, s, t, n, i)	lock_acquire(l, s, t, 2, 1, n, i)

#define spin_acquire(l, s, t, i)		lock_acquire_exclusive(l, s, t, NULL, i)
#define spin_acquire_nest(l, s, t, n, i)	lock_acquire_exclusive(l, s, t, n, i)
#define spin_release(l, i)			lock_release(l, i)
#define rwlock_acquire(l, s, t, i)		lock_acquire_exclusive(l, s, t, NULL, i)
#define rwlock_acquire_read(l, s, t, i)		lock_acquire_shared_recursive(l, s, t, NULL, i)
#define rwlock_release(l, i)			lock_release(l, i)
#define mutex_acquire(l, s, t, i)		lock_acquire_exclusive(l, s, t, NULL, i)
#define mutex_acquire_nest(l, s, t, n, i)	lock_acquire_exclusive(l, s, t, n, i)
#define mutex_release(l, i)			lock_release(l, i)
#define rwsem_acquire(l, s, t, i)		lock_acquire_exclusive(l, s, t, NULL, i)
#define rwsem_acquire_nest(l, s, t, n, i)	lock_acquire_exclusive(l, s, t, n, i)
#define rwsem_acquire_read(l, s, t, i)		lock_acquire_shared(l, s, t, NULL, i)
#define rwsem_release(l, i)			lock_release(l, i)
#define lock_map_acquire(l)		lock_acquire_exclusive(l, 0, 0, NULL, _THIS_IP_)
#define lock_map_acquire_read(l)	lock_acquire_shared_recursive(l, 0, 0, NULL, _THIS_IP_)
#define lock_map_acquire_tryread(l)	lock_acquire_shared_recursive(l, 0, 1, NULL, _THIS_IP_)
#define lock_map_release(l)		lock_release(l, _THIS_IP_)

#define STATIC_LOCKDEP_MAP_INIT(_name, _key) \
	{ .name = (_name), .key = (void *)(_key), }

/* Ownership as the lock records it (any thread for a lock held for read). */
bool ukmem_raw_spin_held(const raw_spinlock_t *lock);
bool ukmem_rwlock_held(const rwlock_t *lock);
bool ukmem_mutex_held(const struct mutex *lock);
bool ukmem_rwsem_held(const struct rw_semaphore *lock);

#define lockdep_is_held(l) _Generic((l),					\
	spinlock_t *: ukmem_raw_spin_held(&((spinlock_t *)(l))->rlock),		\
	raw_spinlock_t *: ukmem_raw_spin_held((const raw_spinlock_t *)(l)),	\
	rwlock_t *: ukmem_rwlock_held((const rwlock_t *)(l)),			\
	struct mutex *: ukmem_mutex_held((const struct mutex *)(l)),		\
	struct rw_semaphore *: ukmem_rwsem_held((const struct rw_semaphore *)(l)), \
	default: lock_is_held((const struct lockdep_map *)&(l)->dep_map))
#define lockdep_is_held_type(l, r)	lock_is_held_type(&(l)->dep_map, (r))

#define lockdep_assert(cond)		\
	do { WARN_ON(debug_locks && !(cond)); } while (0)
#define lockdep_assert_once(cond)	\
	do { WARN_ON_ONCE(debug_locks && !(cond)); } while (0)

#define lockdep_assert_held(l)		lockdep_assert(lockdep_is_held(l))
#define lockdep_assert_not_held(l)	\
	lockdep_assert(lock_is_held(&(l)->dep_map) != LOCK_STATE_HELD)
#define lockdep_assert_held_write(l)	lockdep_assert(lockdep_is_held(l))
#define lockdep_assert_held_read(l)	lockdep_assert(lockdep_is_held(l))
#define lockdep_assert_held_once(l)	lockdep_assert_once(lockdep_is_held(l))
#define lockdep_assert_none_held_once()	\
	lockdep_assert_once(!ukmem_lockdep_on() || !ukmem_lockdep_depth())
int ukmem_lockdep_depth(void);

#define lockdep_assert_irqs_enabled()	\
	do { WARN_ON_ONCE(debug_locks && irqs_disabled()); } while (0)
#define lockdep_assert_irqs_disabled()	\
	do { WARN_ON_ONCE(debug_locks && !irqs_disabled()); } while (0)
#define lockdep_assert_preemption_enabled()	\
	do { WARN_ON_ONCE(debug_locks && !preemptible()); } while (0)
#define lockdep_assert_preemption_disabled()	\
	do { WARN_ON_ONCE(debug_locks && preemptible()); } while (0)

#define lockdep_depth(tsk)	(ukmem_lockdep_on() ? ukmem_lockdep_depth() : 0)
#define lockdep_pin_lock(l)	({ struct pin_cookie cookie = { 0 }; cookie; })
#define lockdep_repin_lock(l, c)	do { (void)(l); (void)(c); } while (0)
#define lockdep_unpin_lock(l, c)	do { (void)(l); (void)(c); } while (0)
#define lockdep_init()		do { } while (0)
#define lockdep_reset()		do { } while (0)
#define might_lock(lock)	do { } while (0)
#define might_lock_read(lock)	do { } while (0)
#define might_lock_nested(lock, subclass)	do { } while (0)

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/lockdep.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/generic.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
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
