/* linux/spinlock_types.h: spinlock_t and rwlock_t layouts and static initialisers.
 * rwlock_t.cnt: 0 free, n > 0 held by n readers, -1 held by a writer. */
#ifndef UKMEM_LINUX_SPINLOCK_TYPES_H
#define UKMEM_LINUX_SPINLOCK_TYPES_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

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

typedef struct rwlock {
	int cnt;
	pid_t owner;		/* the writer, for lockdep_assert_held() */
	const char *name;
} rwlock_t;

#define __RW_LOCK_UNLOCKED(lockname)	{ .cnt = 0, .owner = 0, .name = #lockname }
#define DEFINE_RWLOCK(x)	rwlock_t x = __RW_LOCK_UNLOCKED(x)

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/spinlock_types.h> brings with it, once this header is complete. */
#include <linux/byteorder/little_endian.h>
#include <linux/compiler.h>
#endif
#endif
