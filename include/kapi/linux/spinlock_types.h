/* linux/spinlock_types.h: spinlock_t and rwlock_t layouts and static initialisers. */
#ifndef UKMEM_LINUX_SPINLOCK_TYPES_H
#define UKMEM_LINUX_SPINLOCK_TYPES_H

#include <linux/types.h>

typedef struct {
	int locked;		/* 0 free, 1 held */
} arch_spinlock_t;

typedef struct raw_spinlock {
	arch_spinlock_t raw_lock;
	pid_t owner;		/* thread holding it, for lockdep_assert_held() */
	const char *name;
} raw_spinlock_t;

typedef struct spinlock {
	struct raw_spinlock rlock;
} spinlock_t;

#define __RAW_SPIN_LOCK_UNLOCKED(lockname)	{ .raw_lock = { 0 }, .owner = 0, .name = #lockname }
#define __SPIN_LOCK_UNLOCKED(lockname)		{ .rlock = __RAW_SPIN_LOCK_UNLOCKED(lockname) }
#define DEFINE_SPINLOCK(x)	spinlock_t x = __SPIN_LOCK_UNLOCKED(x)
#define DEFINE_RAW_SPINLOCK(x)	raw_spinlock_t x = __RAW_SPIN_LOCK_UNLOCKED(x)

#endif
