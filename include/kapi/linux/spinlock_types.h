/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/spinlock_types.h: spinlock_t, raw_spinlock_t and rwlock_t layouts and static
 * initialisers, with CONFIG_DEBUG_SPINLOCK's fields (magic, owner, owner_cpu) and
 * lockdep's map. rwlock_t.cnt: 0 free, n > 0 held by n readers, -1 held by a writer.
 * owner is the holding task (SPINLOCK_OWNER_INIT when free); ukmem_pinned says whether
 * the holder was pinned to owner_cpu (only then is a release on another CPU wrong). */
#ifndef UKMEM_LINUX_SPINLOCK_TYPES_H
#define UKMEM_LINUX_SPINLOCK_TYPES_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
/* Lock validation's types (Linux's linux/lockdep_types.h, kept here): a lock class is
 * named by a struct lock_class_key (a static object; its address plus a subclass is the
 * class); each lock carries a struct lockdep_map. Statically defined locks have no key:
 * their own address is the class. */
#define MAX_LOCKDEP_SUBCLASSES		8UL

enum lockdep_wait_type {
	LD_WAIT_INV = 0,
	LD_WAIT_FREE,
	LD_WAIT_SPIN,
	LD_WAIT_CONFIG = LD_WAIT_SPIN,
	LD_WAIT_SLEEP,
	LD_WAIT_MAX,
};

enum lockdep_lock_type {
	LD_LOCK_NORMAL = 0,
	LD_LOCK_PERCPU,
	LD_LOCK_MAX,
};

struct lockdep_subclass_key {
	char __one_byte;
} __attribute__ ((__packed__));

struct lock_class_key {
	union {
		struct hlist_node		hash_entry;
		struct lockdep_subclass_key	subkeys[MAX_LOCKDEP_SUBCLASSES];
	};
};

extern struct lock_class_key __lockdep_no_validate__;

struct lock_class;

#define NR_LOCKDEP_CACHING_CLASSES	2

struct lockdep_map {
	struct lock_class_key		*key;
	struct lock_class		*class_cache[NR_LOCKDEP_CACHING_CLASSES];
	const char			*name;
	u8				wait_type_outer;
	u8				wait_type_inner;
	u8				lock_type;
};

struct pin_cookie { unsigned int val; };

typedef struct {
	int locked;		/* 0 free, 1 held */
} arch_spinlock_t;

#define __ARCH_SPIN_LOCK_UNLOCKED	{ 0 }

#define SPINLOCK_MAGIC		0xdead4ead
#define SPINLOCK_OWNER_INIT	((void *)-1L)

typedef struct raw_spinlock {
	arch_spinlock_t raw_lock;
	unsigned int magic, owner_cpu;
	unsigned int ukmem_pinned;
	void *owner;
	struct lockdep_map dep_map;
} raw_spinlock_t;

#define RAW_SPIN_DEP_MAP_INIT(lockname)		\
	.dep_map = {				\
		.name = #lockname,		\
		.wait_type_inner = LD_WAIT_SPIN,	\
	}
#define SPIN_DEP_MAP_INIT(lockname)		\
	.dep_map = {				\
		.name = #lockname,		\
		.wait_type_inner = LD_WAIT_CONFIG,	\
	}
#define SPIN_DEBUG_INIT(lockname)		\
	.magic = SPINLOCK_MAGIC,		\
	.owner_cpu = -1,			\
	.owner = SPINLOCK_OWNER_INIT,

#define __RAW_SPIN_LOCK_INITIALIZER(lockname)	\
	{					\
	.raw_lock = __ARCH_SPIN_LOCK_UNLOCKED,	\
	SPIN_DEBUG_INIT(lockname)		\
	RAW_SPIN_DEP_MAP_INIT(lockname) }
#define __RAW_SPIN_LOCK_UNLOCKED(lockname)	__RAW_SPIN_LOCK_INITIALIZER(lockname)
#define DEFINE_RAW_SPINLOCK(x)	raw_spinlock_t x = __RAW_SPIN_LOCK_UNLOCKED(x)

/* spinlock_t: a raw_spinlock_t whose map is also reachable as ->dep_map, as in Linux. */
#define LOCK_PADSIZE (__builtin_offsetof(struct raw_spinlock, dep_map))

typedef struct spinlock {
	union {
		struct raw_spinlock rlock;
		struct {
			u8 __padding[LOCK_PADSIZE];
			struct lockdep_map dep_map;
		};
	};
} spinlock_t;

#define ___SPIN_LOCK_INITIALIZER(lockname)	\
	{					\
	.raw_lock = __ARCH_SPIN_LOCK_UNLOCKED,	\
	SPIN_DEBUG_INIT(lockname)		\
	SPIN_DEP_MAP_INIT(lockname) }
#define __SPIN_LOCK_INITIALIZER(lockname)	\
	{ { .rlock = ___SPIN_LOCK_INITIALIZER(lockname) } }
#define __SPIN_LOCK_UNLOCKED(lockname)		__SPIN_LOCK_INITIALIZER(lockname)
#define DEFINE_SPINLOCK(x)	spinlock_t x = __SPIN_LOCK_UNLOCKED(x)

#define RWLOCK_MAGIC		0xdeaf1eed

typedef struct rwlock {
	int cnt;
	unsigned int magic, owner_cpu;
	unsigned int ukmem_pinned;
	void *owner;		/* the writer */
	struct lockdep_map dep_map;
} rwlock_t;

#define __RW_LOCK_UNLOCKED(lockname)		\
	{ .cnt = 0,				\
	  .magic = RWLOCK_MAGIC,		\
	  .owner_cpu = -1,			\
	  .owner = SPINLOCK_OWNER_INIT,		\
	  .dep_map = { .name = #lockname, .wait_type_inner = LD_WAIT_CONFIG } }
#define DEFINE_RWLOCK(x)	rwlock_t x = __RW_LOCK_UNLOCKED(x)

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/spinlock_types.h> brings with it, once this header is complete. */
#include <linux/byteorder/generic.h>
#include <linux/compiler.h>
#endif
#endif
