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
	const char *name;
};

#define __RWSEM_INITIALIZER(lockname)	{ .count = 0, .writers_waiting = 0, .owner = 0, .name = #lockname }
#define DECLARE_RWSEM(lockname)	struct rw_semaphore lockname = __RWSEM_INITIALIZER(lockname)

void __init_rwsem(struct rw_semaphore *sem, const char *name, struct lock_class_key *key);
void ukmem_down_read(struct rw_semaphore *sem);
void ukmem_down_write(struct rw_semaphore *sem);
int down_read_trylock(struct rw_semaphore *sem);
int down_write_trylock(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);
void downgrade_write(struct rw_semaphore *sem);
int rwsem_is_locked(struct rw_semaphore *sem);

#define init_rwsem(sem)	__init_rwsem((sem), #sem, NULL)
#define down_read(sem)	do { might_sleep(); ukmem_down_read(sem); } while (0)
#define down_write(sem)	do { might_sleep(); ukmem_down_write(sem); } while (0)
#define down_read_interruptible(sem)	({ might_sleep(); ukmem_down_read(sem); 0; })
#define down_read_killable(sem)	({ might_sleep(); ukmem_down_read(sem); 0; })
#define down_write_killable(sem)	({ might_sleep(); ukmem_down_write(sem); 0; })
#define down_read_nested(sem, subclass)	down_read(sem)
#define down_write_nested(sem, subclass)	down_write(sem)

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/rwsem.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/list.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/numa.h>
#include <linux/overflow.h>
#include <linux/percpu-defs.h>
#include <linux/spinlock.h>
#include <linux/thread_info.h>
#include <linux/time64.h>
#endif
#endif
