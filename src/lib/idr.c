// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/idr.c: the IDR and the IDA on allocating XArrays (lib/xarray.c).
 *
 * IDR: ID id lives at index id - idr_base. A NULL pointer is stored as a reserved
 * entry, so the ID stays allocated (idr_find gives NULL, idr_replace works, the walks
 * skip it) as in Linux. The IDR's own XArray lock only keeps its nodes consistent;
 * callers serialise idr_alloc/idr_remove as Linux requires.
 * IDA: each allocated ID is an entry (a value) at its index; ida_free of an ID that is
 * not allocated gives Linux's warning. The IDA takes its lock with interrupts off. */
#include <linux/kernel.h>
#include <linux/idr.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/export.h>
#include "lib/radix-tree.h"

/**
 * idr_preload - set memory aside for the next idr_alloc
 * @gfp_mask: for the allocation (may sleep if it allows)
 *
 * Context: process context for a sleeping gfp. Returns with preemption disabled; end
 * the section with idr_preload_end(). An idr_alloc with GFP_NOWAIT in between does not
 * fail for memory.
 */
void idr_preload(gfp_t gfp_mask)
{
	ukmem_xa_preload(gfp_mask);
}
EXPORT_SYMBOL(idr_preload);

/**
 * idr_preload_end - end the section idr_preload() began
 * Context: the task that called idr_preload(); does not sleep.
 */
void idr_preload_end(void)
{
	ukmem_xa_preload_end();
}
EXPORT_SYMBOL(idr_preload_end);

/**
 * idr_alloc_u32 - allocate an ID at or above *nextid
 * @idr: the IDR
 * @ptr: the pointer to associate (may be NULL)
 * @nextid: the lowest ID wanted; gets the ID allocated
 * @max: the highest ID allowed (inclusive)
 * @gfp: for memory
 *
 * Context: as @gfp; the caller serialises updates of @idr.
 * Return: 0, -ENOSPC (no free ID in range), -ENOMEM.
 */
int idr_alloc_u32(struct idr *idr, void *ptr, u32 *nextid, unsigned long max, gfp_t gfp)
{
	unsigned int base = idr->idr_base;
	unsigned long top;
	u32 index;
	int ret;

	if (max < base)
		return -ENOSPC;
	top = min_t(unsigned long, max - base, U32_MAX);
	index = *nextid < base ? 0 : *nextid - base;
	ret = xa_alloc(&idr->idr_rt, &index, ptr, XA_LIMIT(index, (u32)top), gfp);
	if (ret == -EBUSY)
		return -ENOSPC;
	if (ret)
		return ret;
	*nextid = index + base;
	return 0;
}
EXPORT_SYMBOL_GPL(idr_alloc_u32);

/**
 * idr_alloc - allocate the lowest free ID in [start, end)
 * @idr: the IDR
 * @ptr: the pointer to associate (may be NULL)
 * @start: the lowest ID wanted (not negative)
 * @end: one past the highest, or <= 0 for up to INT_MAX
 * @gfp: for memory
 *
 * Context: as @gfp; the caller serialises updates of @idr.
 * Return: the ID, or -ENOSPC, -ENOMEM, -EINVAL (negative @start).
 */
int idr_alloc(struct idr *idr, void *ptr, int start, int end, gfp_t gfp)
{
	u32 id = start;
	int ret;

	if (WARN_ON_ONCE(start < 0))
		return -EINVAL;
	ret = idr_alloc_u32(idr, ptr, &id, end > 0 ? end - 1 : INT_MAX, gfp);
	return ret ? ret : (int)id;
}
EXPORT_SYMBOL_GPL(idr_alloc);

/**
 * idr_alloc_cyclic - allocate an ID after the last one given, wrapping to @start
 * @idr: the IDR
 * @ptr: the pointer to associate
 * @start: the lowest ID
 * @end: one past the highest, or <= 0 for up to INT_MAX
 * @gfp: for memory
 *
 * Context: as idr_alloc. Return: the ID, or -ENOSPC, -ENOMEM, -EINVAL.
 */
int idr_alloc_cyclic(struct idr *idr, void *ptr, int start, int end, gfp_t gfp)
{
	u32 id = idr->idr_next;
	int err, max = end > 0 ? end - 1 : INT_MAX;

	if (WARN_ON_ONCE(start < 0))
		return -EINVAL;
	if ((int)id < start)
		id = start;
	err = idr_alloc_u32(idr, ptr, &id, max, gfp);
	if (err == -ENOSPC && id > (u32)start) {
		id = start;
		err = idr_alloc_u32(idr, ptr, &id, max, gfp);
	}
	if (err)
		return err;
	idr->idr_next = id + 1;
	return id;
}
EXPORT_SYMBOL(idr_alloc_cyclic);

/**
 * idr_remove - free an ID
 * @idr: the IDR
 * @id: the ID
 *
 * Context: any; the caller serialises updates of @idr.
 * Return: the pointer that was associated, or NULL (also for an ID not allocated).
 */
void *idr_remove(struct idr *idr, unsigned long id)
{
	if (id < idr->idr_base)
		return NULL;
	return xa_erase(&idr->idr_rt, id - idr->idr_base);
}
EXPORT_SYMBOL_GPL(idr_remove);

/**
 * idr_find - the pointer of an ID
 * @idr: the IDR
 * @id: the ID
 *
 * Context: any; safe under rcu_read_lock() against concurrent updates.
 * Return: the pointer, or NULL (no such ID, or it holds NULL).
 */
void *idr_find(const struct idr *idr, unsigned long id)
{
	if (id < idr->idr_base)
		return NULL;
	return xa_load((struct xarray *)&idr->idr_rt, id - idr->idr_base);
}
EXPORT_SYMBOL_GPL(idr_find);

/**
 * idr_get_next_ul - the next allocated ID with a pointer, at or after *nextid
 * @idr: the IDR
 * @nextid: where to start; gets the ID found
 *
 * Context: any; RCU-safe. Return: the pointer, or NULL if there is none.
 */
void *idr_get_next_ul(struct idr *idr, unsigned long *nextid)
{
	unsigned long index = *nextid < idr->idr_base ? 0 : *nextid - idr->idr_base;
	void *entry = xa_find(&idr->idr_rt, &index, ULONG_MAX, XA_PRESENT);

	if (entry)
		*nextid = index + idr->idr_base;
	return entry;
}
EXPORT_SYMBOL(idr_get_next_ul);

/**
 * idr_get_next - the next allocated ID at or after a given one
 * @idr: the IDR
 * @nextid: in: the ID to start at; out: the ID found
 *
 * Context: any context; the caller keeps the IDR stable (its lock or RCU).
 * Return: the pointer stored at that ID, or NULL if none is left (or it is above INT_MAX,
 * with a warning).
 */
void *idr_get_next(struct idr *idr, int *nextid)
{
	unsigned long id = *nextid;
	void *entry = idr_get_next_ul(idr, &id);

	if (!entry || WARN_ON_ONCE(id > INT_MAX))
		return NULL;
	*nextid = (int)id;
	return entry;
}
EXPORT_SYMBOL(idr_get_next);

/**
 * idr_for_each - call a function for each ID with a pointer
 * @idr: the IDR
 * @fn: called with the ID, the pointer and @data; a non-zero return stops the walk
 * @data: for @fn
 *
 * Context: any; RCU-safe if @fn is. Return: 0, or what @fn returned to stop.
 */
int idr_for_each(const struct idr *idr, int (*fn)(int id, void *p, void *data), void *data)
{
	struct xarray *xa = (struct xarray *)&idr->idr_rt;
	unsigned long index;
	void *entry;

	xa_for_each(xa, index, entry) {
		unsigned long id = index + idr->idr_base;
		int ret;

		if (WARN_ON_ONCE(id > INT_MAX))
			break;
		ret = fn((int)id, entry, data);
		if (ret)
			return ret;
	}
	return 0;
}
EXPORT_SYMBOL(idr_for_each);

/**
 * idr_replace - change the pointer of an allocated ID
 * @idr: the IDR
 * @ptr: the new pointer (may be NULL)
 * @id: the ID
 *
 * Context: any; the caller serialises updates of @idr.
 * Return: the old pointer, or ERR_PTR(-ENOENT) if @id is not allocated.
 */
void *idr_replace(struct idr *idr, void *ptr, unsigned long id)
{
	struct xarray *xa = &idr->idr_rt;
	void *old;

	if (id < idr->idr_base)
		return ERR_PTR(-ENOENT);
	id -= idr->idr_base;
	xa_lock(xa);
	old = ukmem_xa_load_raw(xa, id);
	if (!old) {
		old = ERR_PTR(-ENOENT);
	} else {
		/* Never allocates: the slot exists. */
		__xa_store(xa, id, ptr ? ptr : XA_ZERO_ENTRY, GFP_NOWAIT);
		if (xa_is_zero(old))
			old = NULL;
	}
	xa_unlock(xa);
	return old;
}
EXPORT_SYMBOL(idr_replace);

/**
 * idr_destroy - free the IDR's memory
 * @idr: the IDR; every ID becomes free
 *
 * Context: any. The pointers are the caller's to free.
 */
void idr_destroy(struct idr *idr)
{
	xa_destroy(&idr->idr_rt);
}
EXPORT_SYMBOL(idr_destroy);

/**
 * ida_alloc_range - allocate the lowest free ID in [min, max]
 * @ida: the IDA
 * @min: lowest ID
 * @max: highest ID (above INT_MAX means INT_MAX)
 * @gfp: for memory
 *
 * Context: as @gfp; takes the IDA's lock with interrupts off.
 * Return: the ID, or -ENOSPC (none free, or @min above INT_MAX), -ENOMEM.
 */
int ida_alloc_range(struct ida *ida, unsigned int min, unsigned int max, gfp_t gfp)
{
	unsigned long flags;
	u32 id;
	int ret;

	if ((int)min < 0)
		return -ENOSPC;
	if ((int)max < 0)
		max = INT_MAX;
	xa_lock_irqsave(&ida->xa, flags);
	ret = __xa_alloc(&ida->xa, &id, xa_mk_value(0), XA_LIMIT(min, max), gfp);
	xa_unlock_irqrestore(&ida->xa, flags);
	if (ret == -EBUSY)
		return -ENOSPC;
	return ret ? ret : (int)id;
}
EXPORT_SYMBOL(ida_alloc_range);

/**
 * ida_free - free an ID
 * @ida: the IDA
 * @id: an ID from ida_alloc*; freeing one that is not allocated warns
 *
 * Context: any; takes the IDA's lock with interrupts off.
 */
void ida_free(struct ida *ida, unsigned int id)
{
	unsigned long flags;
	void *old;

	if ((int)id < 0)
		return;
	xa_lock_irqsave(&ida->xa, flags);
	old = __xa_erase(&ida->xa, id);
	xa_unlock_irqrestore(&ida->xa, flags);
	if (!old)
		WARN(1, "ida_free called for id=%d which is not allocated.\n", id);
}
EXPORT_SYMBOL(ida_free);

/**
 * ida_destroy - free every ID and the IDA's memory
 * @ida: the IDA
 *
 * Context: any.
 */
void ida_destroy(struct ida *ida)
{
	xa_destroy(&ida->xa);
}
EXPORT_SYMBOL(ida_destroy);
