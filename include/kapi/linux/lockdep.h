/* linux/lockdep.h: lock-ownership assertions. ukmem has no lock-order validator; what it
 * checks is whether the calling thread holds a lock (spinlock, rwlock writer, mutex,
 * rw_semaphore writer; a rw_semaphore or rwlock held for read counts as held by any
 * thread, since readers are not recorded). A failed assertion is a WARNING. */
#ifndef UKMEM_LINUX_LOCKDEP_H
#define UKMEM_LINUX_LOCKDEP_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/spinlock_types.h>
#include <linux/bug.h>

struct mutex;
struct rw_semaphore;
struct lock_class_key { int unused; };

bool ukmem_raw_spin_held(const raw_spinlock_t *lock);
bool ukmem_rwlock_held(const rwlock_t *lock);
bool ukmem_mutex_held(const struct mutex *lock);
bool ukmem_rwsem_held(const struct rw_semaphore *lock);

#define lockdep_is_held(l) _Generic((l),					\
	spinlock_t *: ukmem_raw_spin_held(&((spinlock_t *)(l))->rlock),		\
	raw_spinlock_t *: ukmem_raw_spin_held((const raw_spinlock_t *)(l)),	\
	rwlock_t *: ukmem_rwlock_held((const rwlock_t *)(l)),			\
	struct mutex *: ukmem_mutex_held((const struct mutex *)(l)),		\
	struct rw_semaphore *: ukmem_rwsem_held((const struct rw_semaphore *)(l)))

#define lockdep_assert_held(l)		WARN_ON(!lockdep_is_held(l))
#define lockdep_assert_held_write(l)	WARN_ON(!lockdep_is_held(l))
#define lockdep_assert_held_read(l)	WARN_ON(!lockdep_is_held(l))
#define lockdep_assert_held_once(l)	WARN_ON_ONCE(!lockdep_is_held(l))
#define lockdep_assert_irqs_disabled()	WARN_ON_ONCE(!irqs_disabled())
#define lockdep_assert_irqs_enabled()	WARN_ON_ONCE(irqs_disabled())
#define lockdep_set_class(lock, key)	do { (void)(key); } while (0)
#define lockdep_set_subclass(lock, sub)	do { (void)(sub); } while (0)
#define lockdep_off()			do { } while (0)
#define lockdep_on()			do { } while (0)
#define SINGLE_DEPTH_NESTING		1

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/lockdep.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/numa.h>
#include <linux/overflow.h>
#include <linux/percpu-defs.h>
#include <linux/thread_info.h>
#include <linux/time64.h>
#endif
#endif
