/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/rwsem.h: struct rw_semaphore, the sleeping reader-writer lock. Readers share it;
 * a writer excludes everyone. A waiting writer holds off new readers so it is not
 * starved. down_read/down_write are sleeping calls (checked at the caller's line). */
#ifndef UKMEM_LINUX_RWSEM_H
#define UKMEM_LINUX_RWSEM_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/lockdep.h>

struct rw_semaphore {
	int count;		/* 0 free, n > 0 readers, -1 a writer */
	int writers_waiting;
	pid_t owner;		/* the writer */
	void *magic;		/* the semaphore itself once initialised */
	struct lockdep_map dep_map;
};

#define __RWSEM_INITIALIZER(lockname)					\
	{ .count = 0, .writers_waiting = 0, .owner = 0, .magic = &(lockname),	\
	  .dep_map = { .name = #lockname, .wait_type_inner = LD_WAIT_SLEEP } }
#define DECLARE_RWSEM(lockname)	struct rw_semaphore lockname = __RWSEM_INITIALIZER(lockname)

void __init_rwsem(struct rw_semaphore *sem, const char *name, struct lock_class_key *key);
/* ip: the caller's address for lockdep, 0 for none. */
void ukmem_down_read(struct rw_semaphore *sem, unsigned int subclass, unsigned long ip);
void ukmem_down_write(struct rw_semaphore *sem, unsigned int subclass, unsigned long ip);
int ukmem_down_read_trylock(struct rw_semaphore *sem, unsigned long ip);
int ukmem_down_write_trylock(struct rw_semaphore *sem, unsigned long ip);
void ukmem_up_read(struct rw_semaphore *sem, unsigned long ip);
void ukmem_up_write(struct rw_semaphore *sem, unsigned long ip);
int down_read_trylock(struct rw_semaphore *sem);
int down_write_trylock(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);
void downgrade_write(struct rw_semaphore *sem);
int rwsem_is_locked(struct rw_semaphore *sem);

#define init_rwsem(sem)							\
do {									\
	static struct lock_class_key __key;				\
									\
	__init_rwsem((sem), #sem, &__key);				\
} while (0)
#define down_read_nested(sem, subclass)					\
	do { might_sleep(); ukmem_down_read(sem, subclass, __UKMEM_LOCK_IP); } while (0)
#define down_write_nested(sem, subclass)				\
	do { might_sleep(); ukmem_down_write(sem, subclass, __UKMEM_LOCK_IP); } while (0)
#define down_read(sem)	down_read_nested(sem, 0)
#define down_write(sem)	down_write_nested(sem, 0)
#define down_read_interruptible(sem)					\
	({ might_sleep(); ukmem_down_read(sem, 0, __UKMEM_LOCK_IP); 0; })
#define down_read_killable(sem)	down_read_interruptible(sem)
#define down_write_killable(sem)					\
	({ might_sleep(); ukmem_down_write(sem, 0, __UKMEM_LOCK_IP); 0; })
#define down_write_killable_nested(sem, subclass)			\
	({ might_sleep(); ukmem_down_write(sem, subclass, __UKMEM_LOCK_IP); 0; })
#ifdef UKMEM_INTERNAL
#define down_read_trylock(sem)	ukmem_down_read_trylock(sem, 0)
#define down_write_trylock(sem)	ukmem_down_write_trylock(sem, 0)
#define up_read(sem)		ukmem_up_read(sem, 0)
#define up_write(sem)		ukmem_up_write(sem, 0)
#endif

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/rwsem.h> brings with it, once this header is complete. */
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
#include <linux/spinlock.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time64.h>
#include <linux/tracepoint-defs.h>
#endif
#endif
