/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/xarray.h: the XArray, an array of pointers indexed by unsigned long that
 * grows as needed (Linux 6.1's normal API; the advanced xas_* API is not provided).
 * ukmem stores it as a radix tree of 64-slot nodes. Readers (xa_load, xa_find,
 * xa_for_each, xa_get_mark) take no lock: they run under rcu_read_lock() and see each
 * slot either before or after a concurrent update; nodes are freed after a grace period.
 * Writers serialise on xa_lock, which the plain calls take themselves (the __xa_* forms
 * expect it held and drop it only to allocate with a sleeping gfp).
 *
 * Entries: pointers aligned to 4 bytes, or values made by xa_mk_value(). Internal
 * entries (low bits 10) cannot be stored: xa_store refuses them with -EINVAL. Storing
 * NULL erases; in an allocating array (XA_FLAGS_ALLOC/ALLOC1) it leaves the index
 * reserved (a "zero entry", read back as NULL but busy for xa_alloc and xa_insert).
 * Errors come back as entries: xa_is_err()/xa_err() tell them apart. */
#ifndef UKMEM_LINUX_XARRAY_H
#define UKMEM_LINUX_XARRAY_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/bug.h>
#include <linux/compiler.h>
#include <linux/err.h>
#include <linux/gfp_types.h>
#include <linux/kconfig.h>
#include <linux/limits.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/kernel.h>

/* linux/sched/mm.h's check: a call that may allocate with a sleeping gfp may sleep. */
#ifndef might_alloc
#define might_alloc(gfp)	might_sleep_if((gfp) & __GFP_DIRECT_RECLAIM)
#endif

/* Values: integers up to LONG_MAX stored without allocating. */
static inline void *xa_mk_value(unsigned long v)
{
	WARN_ON((long)v < 0);
	return (void *)((v << 1) | 1);
}

static inline unsigned long xa_to_value(const void *entry)
{
	return (unsigned long)entry >> 1;
}

static inline bool xa_is_value(const void *entry)
{
	return (unsigned long)entry & 1;
}

/* Pointers with a tag of 0, 1 or 3 in the low bits. */
static inline void *xa_tag_pointer(void *p, unsigned long tag)
{
	return (void *)((unsigned long)p | tag);
}

static inline void *xa_untag_pointer(void *entry)
{
	return (void *)((unsigned long)entry & ~3UL);
}

static inline unsigned int xa_pointer_tag(void *entry)
{
	return (unsigned long)entry & 3UL;
}

/* Internal entries: the XArray's own (reserved slots, errors, nodes). */
static inline void *xa_mk_internal(unsigned long v)
{
	return (void *)((v << 2) | 2);
}

static inline unsigned long xa_to_internal(const void *entry)
{
	return (unsigned long)entry >> 2;
}

static inline bool xa_is_internal(const void *entry)
{
	return ((unsigned long)entry & 3) == 2;
}

#define XA_ZERO_ENTRY		xa_mk_internal(257)
#define XA_RETRY_ENTRY		xa_mk_internal(256)

static inline bool xa_is_zero(const void *entry)
{
	return unlikely(entry == XA_ZERO_ENTRY);
}

static inline bool xa_is_err(const void *entry)
{
	return unlikely(xa_is_internal(entry) && entry >= xa_mk_internal(-MAX_ERRNO));
}

/* The errno an error entry carries (-ENOMEM, -EBUSY, -EINVAL ...), else 0. */
static inline int xa_err(void *entry)
{
	if (xa_is_err(entry))
		return (long)entry >> 2;
	return 0;
}

#define XA_ERROR(errno)	((void *)(((unsigned long)(errno) << 2) | 2UL))

/* Entries that may not be stored: the internal ones up to the retry entry. */
static inline bool xa_is_advanced(const void *entry)
{
	return xa_is_internal(entry) && (entry <= XA_RETRY_ENTRY);
}

struct xa_limit {
	u32 max;
	u32 min;
};

#define XA_LIMIT(_min, _max)	(struct xa_limit) { .min = _min, .max = _max }
#define xa_limit_32b	XA_LIMIT(0, UINT_MAX)
#define xa_limit_31b	XA_LIMIT(0, INT_MAX)
#define xa_limit_16b	XA_LIMIT(0, USHRT_MAX)

typedef unsigned __bitwise xa_mark_t;
#define XA_MARK_0		((__force xa_mark_t)0U)
#define XA_MARK_1		((__force xa_mark_t)1U)
#define XA_MARK_2		((__force xa_mark_t)2U)
#define XA_PRESENT		((__force xa_mark_t)8U)
#define XA_MARK_MAX		XA_MARK_2
#define XA_FREE_MARK		XA_MARK_0

enum xa_lock_type {
	XA_LOCK_IRQ = 1,
	XA_LOCK_BH = 2,
};

#define XA_FLAGS_LOCK_IRQ	((__force gfp_t)XA_LOCK_IRQ)
#define XA_FLAGS_LOCK_BH	((__force gfp_t)XA_LOCK_BH)
#define XA_FLAGS_TRACK_FREE	((__force gfp_t)4U)
#define XA_FLAGS_ZERO_BUSY	((__force gfp_t)8U)
#define XA_FLAGS_ALLOC_WRAPPED	((__force gfp_t)16U)
#define XA_FLAGS_ACCOUNT	((__force gfp_t)32U)
#define XA_FLAGS_MARK(mark)	((__force gfp_t)((1U << __GFP_BITS_SHIFT) << \
						(__force unsigned)(mark)))
#define XA_FLAGS_ALLOC	(XA_FLAGS_TRACK_FREE | XA_FLAGS_MARK(XA_FREE_MARK))
#define XA_FLAGS_ALLOC1	(XA_FLAGS_TRACK_FREE | XA_FLAGS_ZERO_BUSY)

struct xa_node;

struct xarray {
	spinlock_t	xa_lock;
	gfp_t		xa_flags;
	void __rcu	*xa_head;	/* NULL, or the root node (tagged internal) */
};

#define XARRAY_INIT(name, flags) {				\
	.xa_lock = __SPIN_LOCK_UNLOCKED(name.xa_lock),		\
	.xa_flags = flags,					\
	.xa_head = NULL,					\
}

#define DEFINE_XARRAY_FLAGS(name, flags)	struct xarray name = XARRAY_INIT(name, flags)
#define DEFINE_XARRAY(name)		DEFINE_XARRAY_FLAGS(name, 0)
#define DEFINE_XARRAY_ALLOC(name)	DEFINE_XARRAY_FLAGS(name, XA_FLAGS_ALLOC)
#define DEFINE_XARRAY_ALLOC1(name)	DEFINE_XARRAY_FLAGS(name, XA_FLAGS_ALLOC1)

void *xa_load(struct xarray *, unsigned long index);
void *xa_store(struct xarray *, unsigned long index, void *entry, gfp_t);
void *xa_erase(struct xarray *, unsigned long index);
void *xa_store_range(struct xarray *, unsigned long first, unsigned long last, void *entry,
		     gfp_t);
bool xa_get_mark(struct xarray *, unsigned long index, xa_mark_t);
void xa_set_mark(struct xarray *, unsigned long index, xa_mark_t);
void xa_clear_mark(struct xarray *, unsigned long index, xa_mark_t);
void *xa_find(struct xarray *xa, unsigned long *index, unsigned long max, xa_mark_t) __attribute__((nonnull(2)));
void *xa_find_after(struct xarray *xa, unsigned long *index, unsigned long max, xa_mark_t) __attribute__((nonnull(2)));
unsigned int xa_extract(struct xarray *, void **dst, unsigned long start, unsigned long max,
			unsigned int n, xa_mark_t);
void xa_destroy(struct xarray *);

static inline void xa_init_flags(struct xarray *xa, gfp_t flags)
{
	spin_lock_init(&xa->xa_lock);
	xa->xa_flags = flags;
	xa->xa_head = NULL;
}

static inline void xa_init(struct xarray *xa)
{
	xa_init_flags(xa, 0);
}

static inline bool xa_empty(const struct xarray *xa)
{
	return READ_ONCE(xa->xa_head) == NULL;
}

/* Does any entry carry this mark? */
static inline bool xa_marked(const struct xarray *xa, xa_mark_t mark)
{
	return xa->xa_flags & XA_FLAGS_MARK(mark);
}

#define xa_for_each_range(xa, index, entry, start, last)		\
	for (index = start,						\
	     entry = xa_find(xa, &index, last, XA_PRESENT);		\
	     entry;							\
	     entry = xa_find_after(xa, &index, last, XA_PRESENT))
#define xa_for_each_start(xa, index, entry, start) \
	xa_for_each_range(xa, index, entry, start, ULONG_MAX)
#define xa_for_each(xa, index, entry) \
	xa_for_each_start(xa, index, entry, 0)
#define xa_for_each_marked(xa, index, entry, filter) \
	for (index = 0, entry = xa_find(xa, &index, ULONG_MAX, filter); \
	     entry; entry = xa_find_after(xa, &index, ULONG_MAX, filter))

#define xa_trylock(xa)		spin_trylock(&(xa)->xa_lock)
#define xa_lock(xa)		spin_lock(&(xa)->xa_lock)
#define xa_unlock(xa)		spin_unlock(&(xa)->xa_lock)
#define xa_lock_bh(xa)		spin_lock_bh(&(xa)->xa_lock)
#define xa_unlock_bh(xa)	spin_unlock_bh(&(xa)->xa_lock)
#define xa_lock_irq(xa)		spin_lock_irq(&(xa)->xa_lock)
#define xa_unlock_irq(xa)	spin_unlock_irq(&(xa)->xa_lock)
#define xa_lock_irqsave(xa, flags)	spin_lock_irqsave(&(xa)->xa_lock, flags)
#define xa_unlock_irqrestore(xa, flags)	spin_unlock_irqrestore(&(xa)->xa_lock, flags)
#define xa_lock_nested(xa, subclass)	spin_lock_nested(&(xa)->xa_lock, subclass)
#define xa_lock_bh_nested(xa, subclass)	spin_lock_bh(&(xa)->xa_lock)
#define xa_lock_irq_nested(xa, subclass)	spin_lock_irq(&(xa)->xa_lock)
#define xa_lock_irqsave_nested(xa, flags, subclass) \
	spin_lock_irqsave_nested(&(xa)->xa_lock, flags, subclass)

void *__xa_erase(struct xarray *, unsigned long index);
void *__xa_store(struct xarray *, unsigned long index, void *entry, gfp_t);
void *__xa_cmpxchg(struct xarray *, unsigned long index, void *old, void *entry, gfp_t);
int __must_check __xa_insert(struct xarray *, unsigned long index, void *entry, gfp_t);
int __must_check __xa_alloc(struct xarray *, u32 *id, void *entry, struct xa_limit, gfp_t);
int __must_check __xa_alloc_cyclic(struct xarray *, u32 *id, void *entry, struct xa_limit,
				   u32 *next, gfp_t);
void __xa_set_mark(struct xarray *, unsigned long index, xa_mark_t);
void __xa_clear_mark(struct xarray *, unsigned long index, xa_mark_t);

/* The _bh and _irq forms take xa_lock with softirqs or interrupts off; plain ones take
 * it as is. Each runs the __xa_ function under it. */
#define __xa_locked_call(lock, unlock, xa, call) ({	\
	typeof(call) __xret;				\
	lock(xa);					\
	__xret = call;					\
	unlock(xa);					\
	__xret;						\
})

static inline void *xa_store_bh(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	might_alloc(gfp);
	return __xa_locked_call(xa_lock_bh, xa_unlock_bh, xa, __xa_store(xa, index, entry, gfp));
}

static inline void *xa_store_irq(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	might_alloc(gfp);
	return __xa_locked_call(xa_lock_irq, xa_unlock_irq, xa, __xa_store(xa, index, entry, gfp));
}

static inline void *xa_erase_bh(struct xarray *xa, unsigned long index)
{
	return __xa_locked_call(xa_lock_bh, xa_unlock_bh, xa, __xa_erase(xa, index));
}

static inline void *xa_erase_irq(struct xarray *xa, unsigned long index)
{
	return __xa_locked_call(xa_lock_irq, xa_unlock_irq, xa, __xa_erase(xa, index));
}

/* Store entry at index if what is there is old; returns what was there (NULL for a
 * reserved index) or an error entry. */
static inline void *xa_cmpxchg(struct xarray *xa, unsigned long index, void *old, void *entry,
			       gfp_t gfp)
{
	might_alloc(gfp);
	return __xa_locked_call(xa_lock, xa_unlock, xa, __xa_cmpxchg(xa, index, old, entry, gfp));
}

static inline void *xa_cmpxchg_bh(struct xarray *xa, unsigned long index, void *old,
				  void *entry, gfp_t gfp)
{
	might_alloc(gfp);
	return __xa_locked_call(xa_lock_bh, xa_unlock_bh, xa,
				__xa_cmpxchg(xa, index, old, entry, gfp));
}

static inline void *xa_cmpxchg_irq(struct xarray *xa, unsigned long index, void *old,
				   void *entry, gfp_t gfp)
{
	might_alloc(gfp);
	return __xa_locked_call(xa_lock_irq, xa_unlock_irq, xa,
				__xa_cmpxchg(xa, index, old, entry, gfp));
}

/* Store only into an empty index: 0, -EBUSY (occupied or reserved), -ENOMEM, -EINVAL. */
static inline int __must_check xa_insert(struct xarray *xa, unsigned long index, void *entry,
					 gfp_t gfp)
{
	might_alloc(gfp);
	return __xa_locked_call(xa_lock, xa_unlock, xa, __xa_insert(xa, index, entry, gfp));
}

static inline int __must_check xa_insert_bh(struct xarray *xa, unsigned long index,
					    void *entry, gfp_t gfp)
{
	might_alloc(gfp);
	return __xa_locked_call(xa_lock_bh, xa_unlock_bh, xa, __xa_insert(xa, index, entry, gfp));
}

static inline int __must_check xa_insert_irq(struct xarray *xa, unsigned long index,
					     void *entry, gfp_t gfp)
{
	might_alloc(gfp);
	return __xa_locked_call(xa_lock_irq, xa_unlock_irq, xa, __xa_insert(xa, index, entry, gfp));
}

/* Store entry at the lowest free index in limit; *id gets it. 0, -EBUSY (no free
 * index), -ENOMEM, -EINVAL (not an allocating array, or an internal entry). */
static inline __must_check int xa_alloc(struct xarray *xa, u32 *id, void *entry,
					struct xa_limit limit, gfp_t gfp)
{
	might_alloc(gfp);
	return __xa_locked_call(xa_lock, xa_unlock, xa, __xa_alloc(xa, id, entry, limit, gfp));
}

static inline int __must_check xa_alloc_bh(struct xarray *xa, u32 *id, void *entry,
					   struct xa_limit limit, gfp_t gfp)
{
	might_alloc(gfp);
	return __xa_locked_call(xa_lock_bh, xa_unlock_bh, xa,
				__xa_alloc(xa, id, entry, limit, gfp));
}

static inline int __must_check xa_alloc_irq(struct xarray *xa, u32 *id, void *entry,
					    struct xa_limit limit, gfp_t gfp)
{
	might_alloc(gfp);
	return __xa_locked_call(xa_lock_irq, xa_unlock_irq, xa,
				__xa_alloc(xa, id, entry, limit, gfp));
}

/* As xa_alloc, searching from *next and wrapping to limit.min; returns 1 if it wrapped. */
static inline int xa_alloc_cyclic(struct xarray *xa, u32 *id, void *entry,
				  struct xa_limit limit, u32 *next, gfp_t gfp)
{
	might_alloc(gfp);
	return __xa_locked_call(xa_lock, xa_unlock, xa,
				__xa_alloc_cyclic(xa, id, entry, limit, next, gfp));
}

static inline int xa_alloc_cyclic_bh(struct xarray *xa, u32 *id, void *entry,
				     struct xa_limit limit, u32 *next, gfp_t gfp)
{
	might_alloc(gfp);
	return __xa_locked_call(xa_lock_bh, xa_unlock_bh, xa,
				__xa_alloc_cyclic(xa, id, entry, limit, next, gfp));
}

static inline int xa_alloc_cyclic_irq(struct xarray *xa, u32 *id, void *entry,
				      struct xa_limit limit, u32 *next, gfp_t gfp)
{
	might_alloc(gfp);
	return __xa_locked_call(xa_lock_irq, xa_unlock_irq, xa,
				__xa_alloc_cyclic(xa, id, entry, limit, next, gfp));
}

/* Reserve an empty index (it reads as NULL, but is busy); 0 or -ENOMEM. */
static inline __must_check int xa_reserve(struct xarray *xa, unsigned long index, gfp_t gfp)
{
	return xa_err(xa_cmpxchg(xa, index, NULL, XA_ZERO_ENTRY, gfp));
}

static inline __must_check int xa_reserve_bh(struct xarray *xa, unsigned long index, gfp_t gfp)
{
	return xa_err(xa_cmpxchg_bh(xa, index, NULL, XA_ZERO_ENTRY, gfp));
}

static inline __must_check int xa_reserve_irq(struct xarray *xa, unsigned long index, gfp_t gfp)
{
	return xa_err(xa_cmpxchg_irq(xa, index, NULL, XA_ZERO_ENTRY, gfp));
}

/* Give back a reservation that was not used (a stored entry is left alone). */
static inline void xa_release(struct xarray *xa, unsigned long index)
{
	xa_cmpxchg(xa, index, XA_ZERO_ENTRY, NULL, 0);
}

/*
 * The advanced API, in part: an xa_state names an index and remembers where a walk
 * stands (xa_node: XAS_RESTART before the first step, XAS_BOUNDS after the last, an
 * error entry after a failure, otherwise walked). Provided: XA_STATE, xas_load,
 * xas_reload, xas_store, xas_nomem, xas_find(_marked), xas_next_entry/marked,
 * xas_for_each(_marked), xas_pause, xas_set/clear/get_mark, xas_set/reset/retry and the
 * error helpers. Not provided: multi-index (XA_STATE_ORDER), xas_next/xas_prev,
 * xas_split, xas_create_range, node-level access.
 */
struct list_lru;
typedef void (*xa_update_node_t)(struct xa_node *node);

struct xa_state {
	struct xarray *xa;
	unsigned long xa_index;
	unsigned char xa_shift;
	unsigned char xa_sibs;
	unsigned char xa_offset;
	unsigned char xa_pad;
	struct xa_node *xa_node;
	struct xa_node *xa_alloc;	/* a node set aside by xas_nomem */
	xa_update_node_t xa_update;
	struct list_lru *xa_lru;
};

#define XAS_BOUNDS	((struct xa_node *)1UL)
#define XAS_RESTART	((struct xa_node *)3UL)

#define __XA_STATE(array, index, shift, sibs)  {	\
	.xa = array,					\
	.xa_index = index,				\
	.xa_shift = shift,				\
	.xa_sibs = sibs,				\
	.xa_offset = 0,					\
	.xa_pad = 0,					\
	.xa_node = XAS_RESTART,				\
	.xa_alloc = NULL,				\
	.xa_update = NULL,				\
	.xa_lru = NULL,					\
}
#define XA_STATE(name, array, index)	struct xa_state name = __XA_STATE(array, index, 0, 0)

#define xas_marked(xas, mark)	xa_marked((xas)->xa, (mark))
#define xas_trylock(xas)	xa_trylock((xas)->xa)
#define xas_lock(xas)		xa_lock((xas)->xa)
#define xas_unlock(xas)		xa_unlock((xas)->xa)
#define xas_lock_bh(xas)	xa_lock_bh((xas)->xa)
#define xas_unlock_bh(xas)	xa_unlock_bh((xas)->xa)
#define xas_lock_irq(xas)	xa_lock_irq((xas)->xa)
#define xas_unlock_irq(xas)	xa_unlock_irq((xas)->xa)
#define xas_lock_irqsave(xas, flags)	xa_lock_irqsave((xas)->xa, flags)
#define xas_unlock_irqrestore(xas, flags)	xa_unlock_irqrestore((xas)->xa, flags)

static inline int xas_error(const struct xa_state *xas)
{
	return xa_err(xas->xa_node);
}

static inline void xas_set_err(struct xa_state *xas, long err)
{
	xas->xa_node = (struct xa_node *)XA_ERROR(err);
}

/* Not at an entry: before the first step, past the last, or failed. */
static inline bool xas_invalid(const struct xa_state *xas)
{
	return (unsigned long)xas->xa_node & 3;
}

static inline bool xas_valid(const struct xa_state *xas)
{
	return !xas_invalid(xas);
}

static inline void xas_reset(struct xa_state *xas)
{
	xas->xa_node = XAS_RESTART;
}

static inline void xas_set(struct xa_state *xas, unsigned long index)
{
	xas->xa_index = index;
	xas->xa_node = XAS_RESTART;
}

static inline bool xa_is_retry(const void *entry)
{
	return unlikely(entry == XA_RETRY_ENTRY);
}

/* Skip reserved entries (and restart after a retry entry) in a walk. */
static inline bool xas_retry(struct xa_state *xas, const void *entry)
{
	if (xa_is_zero(entry))
		return true;
	if (!xa_is_retry(entry))
		return false;
	xas_reset(xas);
	return true;
}

void *xas_load(struct xa_state *);
void *xas_reload(struct xa_state *);
void *xas_store(struct xa_state *, void *entry);
bool xas_nomem(struct xa_state *, gfp_t);
void *xas_find(struct xa_state *, unsigned long max);
void *xas_find_marked(struct xa_state *, unsigned long max, xa_mark_t);
void xas_pause(struct xa_state *);
bool xas_get_mark(const struct xa_state *, xa_mark_t);
void xas_set_mark(const struct xa_state *, xa_mark_t);
void xas_clear_mark(const struct xa_state *, xa_mark_t);

static inline void *xas_next_entry(struct xa_state *xas, unsigned long max)
{
	return xas_find(xas, max);
}

static inline void *xas_next_marked(struct xa_state *xas, unsigned long max, xa_mark_t mark)
{
	return xas_find_marked(xas, max, mark);
}

#define xas_for_each(xas, entry, max) \
	for (entry = xas_find(xas, max); entry; entry = xas_next_entry(xas, max))
#define xas_for_each_marked(xas, entry, max, mark) \
	for (entry = xas_find_marked(xas, max, mark); entry; \
	     entry = xas_next_marked(xas, max, mark))

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/xarray.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/completion.h>
#include <linux/export.h>
#include <linux/gfp.h>
#include <linux/hrtimer.h>
#include <linux/irqnr.h>
#include <linux/kmsan-checks.h>
#include <linux/kref.h>
#include <linux/linkage.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/notifier.h>
#include <linux/overflow.h>
#include <linux/page-flags.h>
#include <linux/percpu.h>
#include <linux/prandom.h>
#include <linux/rbtree.h>
#include <linux/rculist.h>
#include <linux/sched/mm.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#include <linux/uidgid.h>
#include <linux/workqueue.h>
#endif
#endif
