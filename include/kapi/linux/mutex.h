/* linux/mutex.h: struct mutex, a sleeping lock with an owner. Waiters block in the host
 * kernel (futex) rather than spin. mutex_lock and friends are sleeping calls: from atomic
 * context they are reported at the caller's line (might_sleep) before they block.
 * ukmem tasks receive no signals, so the _interruptible/_killable forms never fail. */
#ifndef UKMEM_LINUX_MUTEX_H
#define UKMEM_LINUX_MUTEX_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/lockdep.h>

struct mutex {
	int state;		/* 0 free, 1 held, 2 held with waiters */
	pid_t owner;
	const char *name;
};

#define __MUTEX_INITIALIZER(lockname)	{ .state = 0, .owner = 0, .name = #lockname }
#define DEFINE_MUTEX(mutexname)	struct mutex mutexname = __MUTEX_INITIALIZER(mutexname)

void __mutex_init(struct mutex *lock, const char *name, struct lock_class_key *key);
void ukmem_mutex_lock(struct mutex *lock);	/* blocks; no context check */
int __must_check mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
bool mutex_is_locked(struct mutex *lock);
void mutex_destroy(struct mutex *lock);

#define mutex_init(m)	__mutex_init((m), #m, NULL)
#define mutex_lock(m)	do { might_sleep(); ukmem_mutex_lock(m); } while (0)
#define mutex_lock_interruptible(m)	({ might_sleep(); ukmem_mutex_lock(m); 0; })
#define mutex_lock_killable(m)	({ might_sleep(); ukmem_mutex_lock(m); 0; })
#define mutex_lock_io(m)	mutex_lock(m)
#define mutex_lock_nested(m, subclass)	mutex_lock(m)
#define mutex_lock_interruptible_nested(m, subclass)	mutex_lock_interruptible(m)

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/mutex.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/irqflags.h>
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
