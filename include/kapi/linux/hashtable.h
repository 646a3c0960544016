/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/hashtable.h: fixed-size hash tables of hlists, sized 1 << bits at compile time.
 * A key picks its bucket with hash_min (hash_32 for keys of 32 bits or less, hash_long
 * otherwise), as Linux 6.1 does. Nothing here locks: callers serialise updates; the
 * _rcu forms let readers walk under rcu_read_lock() alongside one writer. */
#ifndef UKMEM_LINUX_HASHTABLE_H
#define UKMEM_LINUX_HASHTABLE_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/list.h>
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/hash.h>
#include <linux/rculist.h>

#define DEFINE_HASHTABLE(name, bits)						\
	struct hlist_head name[1 << (bits)] =					\
		{ [0 ... ((1 << (bits)) - 1)] = HLIST_HEAD_INIT }
#define DEFINE_READ_MOSTLY_HASHTABLE(name, bits)	DEFINE_HASHTABLE(name, bits)
#define DECLARE_HASHTABLE(name, bits)	struct hlist_head name[1 << (bits)]

#define HASH_SIZE(name)	(ARRAY_SIZE(name))
#define HASH_BITS(name)	ilog2(HASH_SIZE(name))

#define hash_min(val, bits)							\
	(sizeof(val) <= 4 ? hash_32(val, bits) : hash_long(val, bits))

static inline void __hash_init(struct hlist_head *ht, unsigned int sz)
{
	for (unsigned int i = 0; i < sz; i++)
		INIT_HLIST_HEAD(&ht[i]);
}

/* Only for a table that is an array in scope (not a pointer to one). */
#define hash_init(hashtable)	__hash_init(hashtable, HASH_SIZE(hashtable))

#define hash_add(hashtable, node, key)						\
	hlist_add_head(node, &hashtable[hash_min(key, HASH_BITS(hashtable))])
#define hash_add_rcu(hashtable, node, key)					\
	hlist_add_head_rcu(node, &hashtable[hash_min(key, HASH_BITS(hashtable))])

static inline bool hash_hashed(struct hlist_node *node)
{
	return !hlist_unhashed(node);
}

static inline bool __hash_empty(struct hlist_head *ht, unsigned int sz)
{
	for (unsigned int i = 0; i < sz; i++)
		if (!hlist_empty(&ht[i]))
			return false;
	return true;
}

#define hash_empty(hashtable)	__hash_empty(hashtable, HASH_SIZE(hashtable))

/* Remove node; it reads as unhashed afterwards. */
static inline void hash_del(struct hlist_node *node)
{
	hlist_del_init(node);
}

static inline void hash_del_rcu(struct hlist_node *node)
{
	hlist_del_init_rcu(node);
}

/* The walks below visit every bucket; bkt is an int the caller provides. */
#define hash_for_each(name, bkt, obj, member)					\
	for ((bkt) = 0, obj = NULL; obj == NULL && (bkt) < HASH_SIZE(name); (bkt)++) \
		hlist_for_each_entry(obj, &name[bkt], member)
#define hash_for_each_rcu(name, bkt, obj, member)				\
	for ((bkt) = 0, obj = NULL; obj == NULL && (bkt) < HASH_SIZE(name); (bkt)++) \
		hlist_for_each_entry_rcu(obj, &name[bkt], member)
#define hash_for_each_safe(name, bkt, tmp, obj, member)			\
	for ((bkt) = 0, obj = NULL; obj == NULL && (bkt) < HASH_SIZE(name); (bkt)++) \
		hlist_for_each_entry_safe(obj, tmp, &name[bkt], member)

/* Walk the one bucket key falls in: entries with other keys may be there too. */
#define hash_for_each_possible(name, obj, member, key)				\
	hlist_for_each_entry(obj, &name[hash_min(key, HASH_BITS(name))], member)
#define hash_for_each_possible_rcu(name, obj, member, key, cond...)		\
	hlist_for_each_entry_rcu(obj, &name[hash_min(key, HASH_BITS(name))], member)
#define hash_for_each_possible_rcu_notrace(name, obj, member, key)		\
	hlist_for_each_entry_rcu_notrace(obj, &name[hash_min(key, HASH_BITS(name))], member)
#define hash_for_each_possible_safe(name, obj, tmp, member, key)		\
	hlist_for_each_entry_safe(obj, tmp, &name[hash_min(key, HASH_BITS(name))], member)

#pragma pop_macro("__UKMEM_INNER")

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/hashtable.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/irqflags.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/llist.h>
#include <linux/lockdep.h>
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
