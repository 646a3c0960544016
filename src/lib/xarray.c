// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/xarray.c: the XArray as a radix tree of 64-slot nodes.
 *
 * xa_head is NULL or the root node, tagged as an internal entry (node address | 2; node
 * addresses are above 4096, so no stored entry looks like one). A node with shift s
 * covers 64 << s indices; its slots hold entries (s == 0) or child nodes. Every node
 * has at least one non-NULL slot: the last erase in a node frees it, and its parent in
 * turn if that empties. The tree only grows in height (a new root above the old one).
 *
 * Per node and slot: marks[m] (leaf: the entry carries mark m; inner: some entry below
 * does) and full (leaf: the slot is occupied, reserved zero entries included; inner:
 * the child has no free index), kept exact up to the root by every update, so xa_find
 * with a mark and xa_alloc's search for a free index skip whole subtrees.
 *
 * Concurrency: updates hold xa_lock; a slot or the head changes with one release store,
 * after the node it publishes is fully built, and nodes are freed with kfree_rcu. So
 * readers walk under rcu_read_lock() alone, as in Linux. Nodes are allocated with
 * GFP_NOWAIT under the lock; when that fails and the caller's gfp may sleep, the lock
 * is dropped for one allocation with that gfp and the operation is retried (Linux's
 * __xas_nomem). Not provided: multi-index entries (xa_store_range stores each index)
 * and the node-level parts of the advanced xas_* API. */
#include <linux/kernel.h>
#include <linux/xarray.h>
#include <linux/slab.h>
#include <linux/rcupdate.h>
#include <linux/errno.h>
#include <linux/preempt.h>
#include <linux/export.h>
#include "lib/radix-tree.h"

#define XA_CHUNK_SHIFT	6
#define XA_CHUNK_SIZE	64
#define XA_CHUNK_MASK	63
#define XA_NR_MARKS	3

struct xa_node {
	unsigned char shift;		/* index bits below this node's slots */
	unsigned char offset;		/* slot in the parent */
	unsigned char count;		/* non-NULL slots */
	struct xa_node *parent;
	struct rcu_head rcu;
	u64 marks[XA_NR_MARKS];
	u64 full;
	void __rcu *slots[XA_CHUNK_SIZE];
};

/* What an update may need: one spare node, allocated outside the lock. */
struct xa_ctx {
	struct xa_node *spare;
	bool need;			/* an allocation failed under the lock */
};

static inline void *node_to_entry(struct xa_node *node)
{
	return (void *)((unsigned long)node | 2);
}

static inline struct xa_node *entry_to_node(const void *entry)
{
	return (struct xa_node *)((unsigned long)entry - 2);
}

static inline struct xa_node *xa_root(struct xarray *xa)
{
	void *head = rcu_dereference_raw(xa->xa_head);

	return head ? entry_to_node(head) : NULL;
}

/* Highest index a node of this shift covers (the top level reaches ULONG_MAX). */
static inline unsigned long node_max(unsigned int shift)
{
	return shift + XA_CHUNK_SHIFT >= BITS_PER_LONG ? ULONG_MAX :
	       (1UL << (shift + XA_CHUNK_SHIFT)) - 1;
}

/* Slots in use at this shift: 16 at the top level (60 + 4 bits), else 64. */
static inline unsigned int node_slots(unsigned int shift)
{
	return shift + XA_CHUNK_SHIFT > BITS_PER_LONG ? 1U << (BITS_PER_LONG - shift) :
	       XA_CHUNK_SIZE;
}

static inline unsigned int node_offset(const struct xa_node *node, unsigned long index)
{
	return (index >> node->shift) & XA_CHUNK_MASK;
}

static inline bool node_full(const struct xa_node *node)
{
	unsigned int n = node_slots(node->shift);

	return node->full == (n == 64 ? ~0ULL : (1ULL << n) - 1);
}

static inline bool xa_track_free(const struct xarray *xa)
{
	return xa->xa_flags & XA_FLAGS_TRACK_FREE;
}

static inline void *zero_to_null(void *entry)
{
	return xa_is_zero(entry) ? NULL : entry;
}

/* Nodes set aside by ukmem_xa_preload (idr_preload) for this thread: a full path. */
#define XA_PRELOAD_NODES	(BITS_PER_LONG / XA_CHUNK_SHIFT + 1)
static __thread struct xa_node *preloaded[XA_PRELOAD_NODES];
static __thread unsigned int nr_preloaded;

static struct xa_node *node_new(struct xa_ctx *ctx, unsigned int shift, struct xa_node *parent,
				unsigned int offset)
{
	struct xa_node *node = ctx->spare;

	if (node)
		ctx->spare = NULL;
	else if (nr_preloaded)
		node = preloaded[--nr_preloaded];
	else
		node = kmalloc(sizeof(*node), GFP_NOWAIT | __GFP_NOWARN);
	if (!node) {
		ctx->need = true;
		return NULL;
	}
	memset(node, 0, sizeof(*node));
	node->shift = (unsigned char)shift;
	node->parent = parent;
	node->offset = (unsigned char)offset;
	return node;
}

static void node_free(struct xa_node *node)
{
	kfree_rcu(node, rcu);
}

/* Bring the parents' summary bits for node up to date, as far as they change. */
static void propagate(struct xa_node *node)
{
	for (struct xa_node *parent = node->parent; parent; node = parent, parent = parent->parent) {
		u64 bit = 1ULL << node->offset, before = parent->full;
		bool changed = false;

		parent->full = node_full(node) ? parent->full | bit : parent->full & ~bit;
		changed = before != parent->full;
		for (int m = 0; m < XA_NR_MARKS; m++) {
			u64 was = parent->marks[m];

			parent->marks[m] = node->marks[m] ? was | bit : was & ~bit;
			changed |= was != parent->marks[m];
		}
		if (!changed)
			break;
	}
}

/* The array-wide "some entry has this mark" flags, from the root's summary. */
static void update_mark_flags(struct xarray *xa)
{
	struct xa_node *root = xa_root(xa);

	for (int m = 0; m < XA_NR_MARKS; m++) {
		if (m == (int)XA_FREE_MARK && xa_track_free(xa))
			continue;	/* Linux's meaning: the array has free room */
		if (root && root->marks[m])
			xa->xa_flags |= XA_FLAGS_MARK(m);
		else
			xa->xa_flags &= ~XA_FLAGS_MARK(m);
	}
}

/* Free node if it has no slots left, then its parents that empty with it. */
static void prune(struct xarray *xa, struct xa_node *node)
{
	while (node && !node->count) {
		struct xa_node *parent = node->parent;

		if (parent) {
			u64 bit = 1ULL << node->offset;

			rcu_assign_pointer(parent->slots[node->offset], NULL);
			parent->count--;
			parent->full &= ~bit;
			for (int m = 0; m < XA_NR_MARKS; m++)
				parent->marks[m] &= ~bit;
		} else {
			rcu_assign_pointer(xa->xa_head, NULL);
		}
		node_free(node);
		node = parent;
	}
	if (node)
		propagate(node);
}

/* The leaf holding index, or NULL (readers and writers alike). */
static struct xa_node *find_leaf(struct xarray *xa, unsigned long index)
{
	void *entry = rcu_dereference(xa->xa_head);
	struct xa_node *node;

	if (!entry)
		return NULL;
	node = entry_to_node(entry);
	if (index > node_max(node->shift))
		return NULL;
	while (node->shift) {
		entry = rcu_dereference(node->slots[node_offset(node, index)]);
		if (!entry)
			return NULL;
		node = entry_to_node(entry);
	}
	return node;
}

/* The raw entry at index (zero entries included). Caller holds the lock or RCU. */
static void *load_raw(struct xarray *xa, unsigned long index)
{
	struct xa_node *leaf = find_leaf(xa, index);

	return leaf ? rcu_dereference(leaf->slots[index & XA_CHUNK_MASK]) : NULL;
}

static unsigned int shift_for(unsigned long index)
{
	unsigned int shift = 0;

	while (index > node_max(shift))
		shift += XA_CHUNK_SHIFT;
	return shift;
}

/* The leaf for index, built as needed; NULL with ctx->need set if a node could not be
 * allocated (whatever was built is pruned again). Caller holds xa_lock. */
static struct xa_node *leaf_create(struct xarray *xa, unsigned long index, struct xa_ctx *ctx)
{
	struct xa_node *node = xa_root(xa);

	if (!node) {
		node = node_new(ctx, shift_for(index), NULL, 0);
		if (!node)
			return NULL;
		rcu_assign_pointer(xa->xa_head, node_to_entry(node));
	}
	while (index > node_max(node->shift)) {
		struct xa_node *top = node_new(ctx, node->shift + XA_CHUNK_SHIFT, NULL, 0);

		if (!top)
			return NULL;
		top->count = 1;
		top->slots[0] = node_to_entry(node);
		top->full = node_full(node) ? 1 : 0;
		for (int m = 0; m < XA_NR_MARKS; m++)
			top->marks[m] = node->marks[m] ? 1 : 0;
		node->parent = top;
		node->offset = 0;
		rcu_assign_pointer(xa->xa_head, node_to_entry(top));
		node = top;
	}
	while (node->shift) {
		unsigned int off = node_offset(node, index);
		void *entry = rcu_dereference_protected(node->slots[off], 1);
		struct xa_node *child;

		if (entry) {
			node = entry_to_node(entry);
			continue;
		}
		child = node_new(ctx, node->shift - XA_CHUNK_SHIFT, node, off);
		if (!child) {
			prune(xa, node);
			return NULL;
		}
		rcu_assign_pointer(node->slots[off], node_to_entry(child));
		node->count++;
		node = child;
	}
	return node;
}

/* Put entry (not NULL) in leaf's slot for index; returns the old entry. */
static void *leaf_store(struct xa_node *leaf, unsigned long index, void *entry)
{
	unsigned int off = index & XA_CHUNK_MASK;
	void *old = rcu_dereference_protected(leaf->slots[off], 1);

	rcu_assign_pointer(leaf->slots[off], entry);
	if (!old) {
		leaf->count++;
		leaf->full |= 1ULL << off;
		propagate(leaf);
	}
	return old;
}

/* Erase index; returns the old entry (raw). Caller holds xa_lock. */
static void *erase_locked(struct xarray *xa, unsigned long index)
{
	struct xa_node *leaf = find_leaf(xa, index);
	unsigned int off = index & XA_CHUNK_MASK;
	u64 bit = 1ULL << off;
	void *old;

	if (!leaf)
		return NULL;
	old = rcu_dereference_protected(leaf->slots[off], 1);
	if (!old)
		return NULL;
	rcu_assign_pointer(leaf->slots[off], NULL);
	leaf->count--;
	leaf->full &= ~bit;
	for (int m = 0; m < XA_NR_MARKS; m++)
		leaf->marks[m] &= ~bit;
	if (leaf->count)
		propagate(leaf);
	else
		prune(xa, leaf);
	update_mark_flags(xa);
	return old;
}

/*
 * After an update failed for want of a node: get one with the caller's gfp, dropping
 * xa_lock if that gfp may sleep. True to retry, false if there is no memory (or the
 * update did not fail for that reason).
 */
static bool xa_nomem(struct xarray *xa, struct xa_ctx *ctx, gfp_t gfp)
{
	unsigned int lock_type = xa->xa_flags & (XA_FLAGS_LOCK_IRQ | XA_FLAGS_LOCK_BH);
	bool drop = gfp & __GFP_DIRECT_RECLAIM;

	if (!ctx->need)
		return false;
	ctx->need = false;
	if (drop && lock_type == XA_LOCK_IRQ)
		xa_unlock_irq(xa);
	else if (drop && lock_type == XA_LOCK_BH)
		xa_unlock_bh(xa);
	else if (drop)
		xa_unlock(xa);
	ctx->spare = kmalloc(sizeof(struct xa_node), gfp & ~__GFP_ZERO);
	if (drop && lock_type == XA_LOCK_IRQ)
		xa_lock_irq(xa);
	else if (drop && lock_type == XA_LOCK_BH)
		xa_lock_bh(xa);
	else if (drop)
		xa_lock(xa);
	return ctx->spare != NULL;
}

/* Store a non-NULL entry at index, allocating as needed. Returns the old entry (raw)
 * or XA_ERROR(-ENOMEM). Caller holds xa_lock. */
static void *store_locked(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	struct xa_ctx ctx = { NULL, false };
	struct xa_node *leaf;
	void *old = XA_ERROR(-ENOMEM);

	do {
		leaf = leaf_create(xa, index, &ctx);
		if (leaf) {
			old = leaf_store(leaf, index, entry);
			break;
		}
	} while (xa_nomem(xa, &ctx, gfp));
	kfree(ctx.spare);
	return old;
}

/**
 * xa_load - the entry at an index
 * @xa: the array
 * @index: the index
 *
 * Context: any; takes and releases the RCU read lock. Return: the entry, or NULL
 * (nothing there, or a reserved index).
 */
void *xa_load(struct xarray *xa, unsigned long index)
{
	void *entry;

	rcu_read_lock();
	entry = load_raw(xa, index);
	rcu_read_unlock();
	return zero_to_null(entry);
}
EXPORT_SYMBOL(xa_load);

/**
 * __xa_erase - erase an index, xa_lock held
 * @xa: the array
 * @index: the index
 *
 * Context: any; expects xa_lock held. Marks on the index go with the entry.
 * Return: the entry that was there, or NULL.
 */
void *__xa_erase(struct xarray *xa, unsigned long index)
{
	return zero_to_null(erase_locked(xa, index));
}
EXPORT_SYMBOL(__xa_erase);

/**
 * xa_erase - erase an index
 * @xa: the array
 * @index: the index
 *
 * Context: any; takes xa_lock (without disabling interrupts or softirqs).
 * Return: the entry that was there, or NULL.
 */
void *xa_erase(struct xarray *xa, unsigned long index)
{
	void *entry;

	xa_lock(xa);
	entry = __xa_erase(xa, index);
	xa_unlock(xa);
	return entry;
}
EXPORT_SYMBOL(xa_erase);

/**
 * __xa_store - store an entry, xa_lock held
 * @xa: the array
 * @index: the index
 * @entry: the entry; NULL erases (reserves, in an allocating array)
 * @gfp: for node allocation; if it may sleep, xa_lock is dropped to allocate
 *
 * Context: any; expects xa_lock held. Marks on the index are kept.
 * Return: the old entry (NULL if there was none), or an error entry: -EINVAL for an
 * internal entry, -ENOMEM.
 */
void *__xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	if (WARN_ON_ONCE(xa_is_advanced(entry)))
		return XA_ERROR(-EINVAL);
	if (xa_track_free(xa) && !entry)
		entry = XA_ZERO_ENTRY;
	if (!entry)
		return zero_to_null(erase_locked(xa, index));
	return zero_to_null(store_locked(xa, index, entry, gfp));
}
EXPORT_SYMBOL(__xa_store);

/**
 * xa_store - store an entry
 * @xa: the array
 * @index: the index
 * @entry: the entry; NULL erases
 * @gfp: for node allocation
 *
 * Context: any; takes xa_lock; may sleep if @gfp allows.
 * Return: the old entry, or an error entry (xa_is_err): -EINVAL, -ENOMEM.
 */
void *xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	void *curr;

	might_alloc(gfp);
	xa_lock(xa);
	curr = __xa_store(xa, index, entry, gfp);
	xa_unlock(xa);
	return curr;
}
EXPORT_SYMBOL(xa_store);

/**
 * xa_store_range - store an entry at every index of a range
 * @xa: the array
 * @first: first index
 * @last: last index
 * @entry: the entry; NULL erases the range
 * @gfp: for node allocation
 *
 * Context: may sleep if @gfp allows. ukmem stores the entry at each index (Linux keeps
 * one multi-index entry): loads agree, but xa_for_each visits each index.
 * Return: NULL, or an error entry (the part stored before the error stays).
 */
void *xa_store_range(struct xarray *xa, unsigned long first, unsigned long last, void *entry,
		     gfp_t gfp)
{
	void *err = NULL;

	if (WARN_ON_ONCE(xa_is_internal(entry)))
		return XA_ERROR(-EINVAL);
	if (last < first)
		return XA_ERROR(-EINVAL);
	xa_lock(xa);
	for (unsigned long i = first;; i++) {
		void *curr = __xa_store(xa, i, entry, gfp);

		if (xa_is_err(curr)) {
			err = curr;
			break;
		}
		if (i == last)
			break;
	}
	xa_unlock(xa);
	return err;
}
EXPORT_SYMBOL(xa_store_range);

/**
 * __xa_cmpxchg - store an entry if the index holds @old, xa_lock held
 * @xa: the array
 * @index: the index
 * @old: the entry expected there (NULL for empty, XA_ZERO_ENTRY for reserved)
 * @entry: the new entry; NULL erases
 * @gfp: for node allocation
 *
 * Context: any; expects xa_lock held.
 * Return: what was there (NULL if nothing or reserved), or an error entry.
 */
void *__xa_cmpxchg(struct xarray *xa, unsigned long index, void *old, void *entry, gfp_t gfp)
{
	void *curr;

	if (WARN_ON_ONCE(xa_is_advanced(entry)))
		return XA_ERROR(-EINVAL);
	curr = load_raw(xa, index);
	if (curr != old)
		return zero_to_null(curr);
	if (!entry) {
		erase_locked(xa, index);
		return zero_to_null(curr);
	}
	old = store_locked(xa, index, entry, gfp);
	return xa_is_err(old) ? old : zero_to_null(curr);
}
EXPORT_SYMBOL(__xa_cmpxchg);

/**
 * __xa_insert - store an entry at an empty index, xa_lock held
 * @xa: the array
 * @index: the index
 * @entry: the entry; NULL reserves the index
 * @gfp: for node allocation
 *
 * Context: any; expects xa_lock held.
 * Return: 0; -EBUSY if the index holds an entry or is reserved; -ENOMEM; -EINVAL.
 */
int __xa_insert(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	if (WARN_ON_ONCE(xa_is_advanced(entry)))
		return -EINVAL;
	if (!entry)
		entry = XA_ZERO_ENTRY;
	if (load_raw(xa, index))
		return -EBUSY;
	return xa_err(store_locked(xa, index, entry, gfp));
}
EXPORT_SYMBOL(__xa_insert);

/* The lowest index in [start, max] below node (covering from base) with nothing in it. */
static bool node_find_free(struct xa_node *node, unsigned long base, unsigned long start,
			   unsigned long max, unsigned long *found)
{
	unsigned int nslots = node_slots(node->shift);
	unsigned int off = (unsigned int)((start - base) >> node->shift);

	for (; off < nslots; off++) {
		unsigned long cbase = base + ((unsigned long)off << node->shift);
		unsigned long lo = cbase > start ? cbase : start;
		void *entry = rcu_dereference_protected(node->slots[off], 1);

		if (cbase > max)
			return false;
		if (!entry) {
			*found = lo;
			return true;
		}
		if (!node->shift || (node->full & (1ULL << off)))
			continue;
		if (node_find_free(entry_to_node(entry), cbase, lo, max, found))
			return true;
	}
	return false;
}

static bool find_free(struct xarray *xa, unsigned long min, unsigned long max,
		      unsigned long *found)
{
	struct xa_node *root = xa_root(xa);
	unsigned long top;

	if (min > max)
		return false;
	if (!root || min > node_max(root->shift)) {
		*found = min;
		return true;
	}
	if (node_find_free(root, 0, min, max, found))
		return true;
	top = node_max(root->shift);
	if (top == ULONG_MAX || top + 1 > max)
		return false;
	*found = top + 1;
	return true;
}

/**
 * __xa_alloc - store an entry at the lowest free index of a range, xa_lock held
 * @xa: an allocating array (XA_FLAGS_ALLOC or XA_FLAGS_ALLOC1)
 * @id: gets the index
 * @entry: the entry; NULL reserves the index
 * @limit: the range (xa_limit_32b ...); an ALLOC1 array never gives 0
 * @gfp: for node allocation
 *
 * Context: any; expects xa_lock held.
 * Return: 0; -EBUSY if the range is full; -ENOMEM; -EINVAL (an internal entry, or an
 * array that does not track free indices).
 */
int __xa_alloc(struct xarray *xa, u32 *id, void *entry, struct xa_limit limit, gfp_t gfp)
{
	unsigned long index, min = limit.min;

	if (WARN_ON_ONCE(xa_is_advanced(entry)))
		return -EINVAL;
	if (WARN_ON_ONCE(!xa_track_free(xa)))
		return -EINVAL;
	if (!entry)
		entry = XA_ZERO_ENTRY;
	if ((xa->xa_flags & XA_FLAGS_ZERO_BUSY) && min == 0)
		min = 1;
	if (!find_free(xa, min, limit.max, &index))
		return -EBUSY;
	*id = (u32)index;
	return xa_err(store_locked(xa, index, entry, gfp));
}
EXPORT_SYMBOL(__xa_alloc);

/**
 * __xa_alloc_cyclic - allocate an index at or after *next, wrapping round, xa_lock held
 * @xa: an allocating array
 * @id: gets the index
 * @entry: the entry
 * @limit: the range
 * @next: where the search starts; advanced past the index given
 * @gfp: for node allocation
 *
 * Context: any; expects xa_lock held.
 * Return: 0; 1 if the search wrapped to the start of the range (or the previous
 * allocation wrapped past the top of the index space); -EBUSY; -ENOMEM; -EINVAL.
 */
int __xa_alloc_cyclic(struct xarray *xa, u32 *id, void *entry, struct xa_limit limit,
		      u32 *next, gfp_t gfp)
{
	u32 min = limit.min;
	int ret;

	limit.min = max(min, *next);
	ret = __xa_alloc(xa, id, entry, limit, gfp);
	if ((xa->xa_flags & XA_FLAGS_ALLOC_WRAPPED) && ret == 0) {
		xa->xa_flags &= ~XA_FLAGS_ALLOC_WRAPPED;
		ret = 1;
	}
	if (ret < 0 && limit.min > min) {
		limit.min = min;
		ret = __xa_alloc(xa, id, entry, limit, gfp);
		if (ret == 0)
			ret = 1;
	}
	if (ret >= 0) {
		*next = *id + 1;
		if (*next == 0)
			xa->xa_flags |= XA_FLAGS_ALLOC_WRAPPED;
	}
	return ret;
}
EXPORT_SYMBOL(__xa_alloc_cyclic);

static bool valid_mark(xa_mark_t mark)
{
	return !WARN_ON_ONCE((__force unsigned int)mark >= XA_NR_MARKS);
}

/**
 * __xa_set_mark - mark the entry at an index, xa_lock held
 * @xa: the array
 * @index: the index; nothing happens if it holds no entry
 * @mark: XA_MARK_0, 1 or 2
 *
 * Context: any; expects xa_lock held.
 */
void __xa_set_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	struct xa_node *leaf = find_leaf(xa, index);
	unsigned int off = index & XA_CHUNK_MASK;

	if (!valid_mark(mark) || !leaf || !rcu_dereference_protected(leaf->slots[off], 1))
		return;
	leaf->marks[mark] |= 1ULL << off;
	propagate(leaf);
	update_mark_flags(xa);
}
EXPORT_SYMBOL(__xa_set_mark);

/**
 * __xa_clear_mark - clear a mark of the entry at an index, xa_lock held
 * @xa: the array
 * @index: the index
 * @mark: XA_MARK_0, 1 or 2
 *
 * Context: any; expects xa_lock held.
 */
void __xa_clear_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	struct xa_node *leaf = find_leaf(xa, index);

	if (!valid_mark(mark) || !leaf)
		return;
	leaf->marks[mark] &= ~(1ULL << (index & XA_CHUNK_MASK));
	propagate(leaf);
	update_mark_flags(xa);
}
EXPORT_SYMBOL(__xa_clear_mark);

/**
 * xa_set_mark - set a mark on an entry of an XArray
 * @xa: the array
 * @index: the entry's index; nothing is done if it holds no entry
 * @mark: XA_MARK_0, 1 or 2
 *
 * Context: any context; takes xa_lock with spin_lock() (interrupts stay on: an array
 * also used from an interrupt needs the _irq forms of the locked calls).
 */
void xa_set_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	xa_lock(xa);
	__xa_set_mark(xa, index, mark);
	xa_unlock(xa);
}
EXPORT_SYMBOL(xa_set_mark);

/**
 * xa_clear_mark - clear a mark on an entry of an XArray
 * @xa: the array
 * @index: the entry's index
 * @mark: XA_MARK_0, 1 or 2
 *
 * Context: any context; takes xa_lock with spin_lock(), as xa_set_mark() does.
 */
void xa_clear_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	xa_lock(xa);
	__xa_clear_mark(xa, index, mark);
	xa_unlock(xa);
}
EXPORT_SYMBOL(xa_clear_mark);

/**
 * xa_get_mark - whether the entry at an index carries a mark
 * @xa: the array
 * @index: the index
 * @mark: XA_MARK_0, 1 or 2
 *
 * Context: any; takes and releases the RCU read lock.
 */
bool xa_get_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	struct xa_node *leaf;
	bool set = false;

	if (!valid_mark(mark))
		return false;
	rcu_read_lock();
	leaf = find_leaf(xa, index);
	if (leaf)
		set = READ_ONCE(leaf->marks[mark]) & (1ULL << (index & XA_CHUNK_MASK));
	rcu_read_unlock();
	return set;
}
EXPORT_SYMBOL(xa_get_mark);

/* The first entry at an index in [start, max] below node (covering from base) that
 * passes filter (XA_PRESENT or a mark); reserved entries are passed over. */
static void *node_find(struct xa_node *node, unsigned long base, unsigned long start,
		       unsigned long max, xa_mark_t filter, unsigned long *found)
{
	unsigned int nslots = node_slots(node->shift);
	unsigned int off = (unsigned int)((start - base) >> node->shift);

	for (; off < nslots; off++) {
		unsigned long cbase = base + ((unsigned long)off << node->shift);
		void *entry;

		if (cbase > max)
			break;
		if (filter != XA_PRESENT &&
		    !(READ_ONCE(node->marks[filter]) & (1ULL << off)))
			continue;
		entry = rcu_dereference(node->slots[off]);
		if (!entry || xa_is_zero(entry))
			continue;
		if (node->shift) {
			entry = node_find(entry_to_node(entry), cbase, cbase > start ? cbase : start,
					  max, filter, found);
			if (entry)
				return entry;
			continue;
		}
		*found = cbase;
		return entry;
	}
	return NULL;
}

static void *find_from(struct xarray *xa, unsigned long *indexp, unsigned long start,
		       unsigned long max, xa_mark_t filter)
{
	struct xa_node *root;
	void *entry = NULL, *head;
	unsigned long found;

	if (filter != XA_PRESENT && !valid_mark(filter))
		return NULL;
	if (start > max)
		return NULL;
	rcu_read_lock();
	head = rcu_dereference(xa->xa_head);
	if (head) {
		root = entry_to_node(head);
		if (start <= node_max(root->shift))
			entry = node_find(root, 0, start, max, filter, &found);
	}
	rcu_read_unlock();
	if (entry)
		*indexp = found;
	return entry;
}

/**
 * xa_find - the first entry at or after *indexp
 * @xa: the array
 * @indexp: where to start; set to the entry's index if one is found
 * @max: the last index to look at
 * @filter: XA_PRESENT for any entry, or a mark
 *
 * Context: any; takes and releases the RCU read lock. Reserved indices are skipped.
 * Return: the entry, or NULL (and *indexp unchanged).
 */
void *xa_find(struct xarray *xa, unsigned long *indexp, unsigned long max, xa_mark_t filter)
{
	return find_from(xa, indexp, *indexp, max, filter);
}
EXPORT_SYMBOL(xa_find);

/**
 * xa_find_after - the first entry after *indexp
 * @xa: the array
 * @indexp: the index to search after; set to the entry's index if one is found
 * @max: the last index to look at
 * @filter: XA_PRESENT for any entry, or a mark
 *
 * Context: any; takes and releases the RCU read lock.
 * Return: the entry, or NULL (also when *indexp is ULONG_MAX).
 */
void *xa_find_after(struct xarray *xa, unsigned long *indexp, unsigned long max,
		    xa_mark_t filter)
{
	if (*indexp == ULONG_MAX)
		return NULL;
	return find_from(xa, indexp, *indexp + 1, max, filter);
}
EXPORT_SYMBOL(xa_find_after);

/**
 * xa_extract - copy entries of a range into an array
 * @xa: the array
 * @dst: where to put them
 * @start: first index
 * @max: last index
 * @n: room in @dst
 * @filter: XA_PRESENT or a mark
 *
 * Context: any; takes and releases the RCU read lock. Return: entries copied.
 */
unsigned int xa_extract(struct xarray *xa, void **dst, unsigned long start, unsigned long max,
			unsigned int n, xa_mark_t filter)
{
	unsigned long index = start;
	unsigned int i = 0;
	void *entry;

	if (!n)
		return 0;
	for (entry = xa_find(xa, &index, max, filter); entry;
	     entry = xa_find_after(xa, &index, max, filter)) {
		dst[i++] = entry;
		if (i == n)
			break;
	}
	return i;
}
EXPORT_SYMBOL(xa_extract);

static void free_subtree(struct xa_node *node)
{
	if (node->shift) {
		for (unsigned int i = 0; i < node_slots(node->shift); i++) {
			void *entry = rcu_dereference_protected(node->slots[i], 1);

			if (entry)
				free_subtree(entry_to_node(entry));
		}
	}
	node_free(node);
}

/**
 * xa_destroy - empty an array, freeing its nodes
 * @xa: the array
 *
 * Context: any; takes xa_lock. The entries themselves are the caller's to free. The
 * array may be used again afterwards.
 */
void xa_destroy(struct xarray *xa)
{
	struct xa_node *root;
	unsigned long flags;

	xa_lock_irqsave(xa, flags);
	root = xa_root(xa);
	rcu_assign_pointer(xa->xa_head, NULL);
	if (root)
		free_subtree(root);
	update_mark_flags(xa);
	xa_unlock_irqrestore(xa, flags);
}
EXPORT_SYMBOL(xa_destroy);

/* For lib/idr.c: see lib/radix-tree.h. */
void *ukmem_xa_load_raw(struct xarray *xa, unsigned long index)
{
	return load_raw(xa, index);
}

/**
 * ukmem_xa_preload - set aside nodes for one insertion, then disable preemption
 * @gfp: for the allocations (may sleep if it allows)
 *
 * Context: process context if @gfp may sleep. Returns with preemption disabled, even
 * if memory ran short (the insertion then allocates as usual).
 */
void ukmem_xa_preload(gfp_t gfp)
{
	while (nr_preloaded < XA_PRELOAD_NODES) {
		struct xa_node *node = kmalloc(sizeof(*node), gfp & ~__GFP_ZERO);

		if (!node)
			break;
		preloaded[nr_preloaded++] = node;
	}
	preempt_disable();
}

/* End a preload section: give back what was not used; preemption on again. */
void ukmem_xa_preload_end(void)
{
	while (nr_preloaded)
		kfree(preloaded[--nr_preloaded]);
	preempt_enable();
}

/* ---- the advanced API (struct xa_state) on the same operations ---- */

/**
 * xas_load - the entry at the state's index
 * @xas: the state
 *
 * Context: under RCU or xa_lock. Reserved entries are returned as they are.
 * Return: the entry, or NULL; nothing if the state holds an error.
 */
void *xas_load(struct xa_state *xas)
{
	void *entry;

	if (xas_error(xas))
		return NULL;
	entry = load_raw(xas->xa, xas->xa_index);
	xas->xa_node = NULL;
	return entry;
}
EXPORT_SYMBOL_GPL(xas_load);

/**
 * xas_reload - read again the entry an xa_state points at
 * @xas: the state
 *
 * Context: any context; under rcu_read_lock() or xa_lock.
 * Return: the entry, or NULL.
 */
void *xas_reload(struct xa_state *xas)
{
	return load_raw(xas->xa, xas->xa_index);
}
EXPORT_SYMBOL(xas_reload);

/**
 * xas_store - store an entry at the state's index
 * @xas: the state
 * @entry: the entry (NULL erases; internal entries are stored as given)
 *
 * Context: xa_lock held. Allocates only with GFP_NOWAIT or the node xas_nomem set
 * aside; on failure the state holds -ENOMEM: unlock, call xas_nomem and retry.
 * Return: the old entry (raw).
 */
void *xas_store(struct xa_state *xas, void *entry)
{
	struct xa_ctx ctx = { xas->xa_alloc, false };
	struct xa_node *leaf;
	void *old;

	if (xas_error(xas))
		return NULL;
	if (!entry) {
		old = erase_locked(xas->xa, xas->xa_index);
	} else {
		leaf = leaf_create(xas->xa, xas->xa_index, &ctx);
		xas->xa_alloc = ctx.spare;
		if (!leaf) {
			xas_set_err(xas, -ENOMEM);
			return NULL;
		}
		old = leaf_store(leaf, xas->xa_index, entry);
	}
	xas->xa_node = NULL;
	return old;
}
EXPORT_SYMBOL_GPL(xas_store);

/**
 * xas_nomem - allocate memory after xas_store failed for it
 * @xas: the state
 * @gfp: for the allocation (call without xa_lock if it may sleep)
 *
 * Context: as @gfp. Return: true to retry the operation; false when it did not fail
 * for memory (a node set aside is then freed) or no memory could be had.
 */
bool xas_nomem(struct xa_state *xas, gfp_t gfp)
{
	if (xas->xa_node != (struct xa_node *)XA_ERROR(-ENOMEM)) {
		kfree(xas->xa_alloc);
		xas->xa_alloc = NULL;
		return false;
	}
	xas->xa_alloc = kmalloc(sizeof(struct xa_node), gfp & ~__GFP_ZERO);
	if (!xas->xa_alloc)
		return false;
	xas->xa_node = XAS_RESTART;
	return true;
}
EXPORT_SYMBOL_GPL(xas_nomem);

static void *xas_find_filtered(struct xa_state *xas, unsigned long max, xa_mark_t filter)
{
	unsigned long start, found;
	void *entry;

	if (xas_error(xas) || xas->xa_node == XAS_BOUNDS)
		return NULL;
	if (xas->xa_node == XAS_RESTART) {
		start = xas->xa_index;
	} else {
		if (xas->xa_index == ULONG_MAX)
			goto bounds;
		start = xas->xa_index + 1;
	}
	entry = start <= max ? find_from(xas->xa, &found, start, max, filter) : NULL;
	if (!entry)
		goto bounds;
	xas->xa_index = found;
	xas->xa_node = NULL;
	return entry;
bounds:
	xas->xa_node = XAS_BOUNDS;
	return NULL;
}

/**
 * xas_find - the next entry of a walk
 * @xas: the state; at the start the entry at its index counts, later only those after
 * @max: the last index to look at
 *
 * Context: under RCU or xa_lock. Reserved entries are passed over.
 * Return: the entry (the state's index is set to it), or NULL at the end.
 */
void *xas_find(struct xa_state *xas, unsigned long max)
{
	return xas_find_filtered(xas, max, XA_PRESENT);
}
EXPORT_SYMBOL_GPL(xas_find);

/**
 * xas_find_marked - the next marked entry up to an index
 * @xas: the state; moved to the entry found
 * @max: the last index to look at
 * @mark: the mark
 *
 * Context: any context; under rcu_read_lock() or xa_lock.
 * Return: the entry, or NULL if there is none up to @max.
 */
void *xas_find_marked(struct xa_state *xas, unsigned long max, xa_mark_t mark)
{
	return xas_find_filtered(xas, max, mark);
}
EXPORT_SYMBOL_GPL(xas_find_marked);

/**
 * xas_pause - let a walk drop its lock
 * @xas: the state
 *
 * Context: any. The next xas_find continues after the current entry, whatever
 * changed meanwhile.
 */
void xas_pause(struct xa_state *xas)
{
	if (xas_invalid(xas))
		return;
	xas->xa_index++;
	xas->xa_node = xas->xa_index ? XAS_RESTART : XAS_BOUNDS;
}
EXPORT_SYMBOL_GPL(xas_pause);

/**
 * xas_get_mark - whether the entry an xa_state points at has a mark
 * @xas: the state
 * @mark: the mark
 *
 * Context: any context; under rcu_read_lock() or xa_lock.
 * Return: true if marked (false for a state in error).
 */
bool xas_get_mark(const struct xa_state *xas, xa_mark_t mark)
{
	if (xas_invalid(xas))
		return false;
	return xa_get_mark(xas->xa, xas->xa_index, mark);
}
EXPORT_SYMBOL_GPL(xas_get_mark);

/**
 * xas_set_mark - set a mark on the entry an xa_state points at
 * @xas: the state
 * @mark: the mark
 *
 * Context: any context; with xa_lock held.
 */
void xas_set_mark(const struct xa_state *xas, xa_mark_t mark)
{
	if (!xas_invalid(xas))
		__xa_set_mark(xas->xa, xas->xa_index, mark);
}
EXPORT_SYMBOL_GPL(xas_set_mark);

/**
 * xas_clear_mark - clear a mark on the entry an xa_state points at
 * @xas: the state
 * @mark: the mark
 *
 * Context: any context; with xa_lock held.
 */
void xas_clear_mark(const struct xa_state *xas, xa_mark_t mark)
{
	if (!xas_invalid(xas))
		__xa_clear_mark(xas->xa, xas->xa_index, mark);
}
EXPORT_SYMBOL_GPL(xas_clear_mark);
