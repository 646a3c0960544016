// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/stackdepot.c: the stack depot. Each distinct call trace is stored once, in a pool
 * of host memory reserved at first use and committed as it fills, and is named by a
 * handle: the record's place in the pool (in 16-byte units, plus one, so that 0 is "no
 * trace") in the low bits and the caller's STACK_DEPOT_EXTRA_BITS in the top bits.
 *
 * Invariants: records are only ever added, never changed or removed, so a handle stays
 * valid for the life of the process; a record is complete before it is published in its
 * hash chain (release store), so readers walk the chains without the lock; writers add
 * under depot_lock, after looking again under it, so no trace is stored twice. */
#include <linux/export.h>
#include <linux/hash.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/spinlock.h>
#include <linux/stackdepot.h>
#include <linux/stacktrace.h>
#include <linux/string.h>
#include "host/host.h"

#define DEPOT_POOL_SIZE		(64UL << 20)	/* reserved; committed as records are added */
#define DEPOT_ALIGN		16
#define DEPOT_HASH_BITS		16
#define DEPOT_HANDLE_BITS	(32 - STACK_DEPOT_EXTRA_BITS)
#define DEPOT_MAX_FRAMES	64		/* longer traces are cut */

struct stack_record {
	struct stack_record *next;	/* hash chain */
	u32 hash;
	u32 size;			/* entries */
	depot_stack_handle_t handle;	/* without extra bits */
	unsigned long entries[];
};

static DEFINE_RAW_SPINLOCK(depot_lock);
static char *pool;			/* set once (under depot_lock), read without it */
static size_t pool_used;		/* under depot_lock */
static struct stack_record **table;	/* 1 << DEPOT_HASH_BITS chains */
static bool pool_full_warned;

/* Reserve the pool and the hash table, once. */
static bool depot_ready(void)
{
	unsigned long flags;
	bool ok;

	if (smp_load_acquire(&pool))
		return true;
	raw_spin_lock_irqsave(&depot_lock, flags);
	if (!pool) {
		struct stack_record **t = host_alloc_lazy(sizeof(*t) << DEPOT_HASH_BITS);
		char *p = t ? host_alloc_lazy(DEPOT_POOL_SIZE) : NULL;

		if (p) {
			table = t;
			smp_store_release(&pool, p);
		} else if (t) {
			host_release(t, sizeof(*t) << DEPOT_HASH_BITS);
		}
	}
	ok = pool != NULL;
	raw_spin_unlock_irqrestore(&depot_lock, flags);
	return ok;
}

static u32 trace_hash(const unsigned long *entries, unsigned int nr)
{
	u64 h = nr;

	for (unsigned int i = 0; i < nr; i++)
		h = hash_64(h ^ entries[i], 64) + i;
	return (u32)(h ^ (h >> 32));
}

static struct stack_record *find_in_chain(struct stack_record *r, u32 hash,
					  const unsigned long *entries, unsigned int nr)
{
	for (; r; r = smp_load_acquire(&r->next))
		if (r->hash == hash && r->size == nr &&
		    !memcmp(r->entries, entries, nr * sizeof(*entries)))
			return r;
	return NULL;
}

static struct stack_record *record_of(depot_stack_handle_t handle)
{
	u32 unit = handle & ((1U << DEPOT_HANDLE_BITS) - 1);
	char *p = smp_load_acquire(&pool);

	if (!unit || !p || (size_t)(unit - 1) * DEPOT_ALIGN >= DEPOT_POOL_SIZE)
		return NULL;
	return (struct stack_record *)(p + (size_t)(unit - 1) * DEPOT_ALIGN);
}

/**
 * stack_depot_init - make the stack depot ready for stack_depot_save()
 *
 * ukmem reserves the depot's memory here or at the first save, whichever comes first.
 * Context: process context.
 * Return: 0, or -ENOMEM if the host refused the reservation.
 */
int stack_depot_init(void)
{
	return depot_ready() ? 0 : -ENOMEM;
}
EXPORT_SYMBOL_GPL(stack_depot_init);

/**
 * __stack_depot_save - store a call trace once and return its handle
 * @entries: the return addresses
 * @nr_entries: how many (more than 64 are cut to the innermost 64)
 * @extra_bits: the caller's bits, kept in the handle's top STACK_DEPOT_EXTRA_BITS bits
 * @gfp_flags: ignored: the depot's memory is reserved at first use
 * @can_alloc: false: only find a trace stored already
 *
 * Context: any, including atomic context; takes a raw spinlock only to add a trace.
 * Return: the handle (with @extra_bits), or 0 when @nr_entries is 0, when the trace is
 * new and @can_alloc is false, or when the depot is full.
 */
depot_stack_handle_t __stack_depot_save(unsigned long *entries, unsigned int nr_entries,
					unsigned int extra_bits, gfp_t gfp_flags, bool can_alloc)
{
	struct stack_record *r, **chain;
	unsigned long flags;
	u32 hash;

	nr_entries = min(filter_irq_stacks(entries, nr_entries), (unsigned int)DEPOT_MAX_FRAMES);
	if (!nr_entries || !depot_ready())
		return 0;
	hash = trace_hash(entries, nr_entries);
	chain = &table[hash >> (32 - DEPOT_HASH_BITS)];
	r = find_in_chain(smp_load_acquire(chain), hash, entries, nr_entries);
	if (!r && can_alloc) {
		size_t need = ALIGN(sizeof(*r) + nr_entries * sizeof(*entries), DEPOT_ALIGN);

		raw_spin_lock_irqsave(&depot_lock, flags);
		r = find_in_chain(*chain, hash, entries, nr_entries);
		if (!r && pool_used + need <= DEPOT_POOL_SIZE) {
			r = (struct stack_record *)(pool + pool_used);
			r->handle = pool_used / DEPOT_ALIGN + 1;
			pool_used += need;
			r->hash = hash;
			r->size = nr_entries;
			memcpy(r->entries, entries, nr_entries * sizeof(*entries));
			r->next = *chain;
			smp_store_release(chain, r);
		} else if (!r && !pool_full_warned) {
			pool_full_warned = true;
			raw_spin_unlock_irqrestore(&depot_lock, flags);
			WARN_ONCE(1, "Stack depot reached limit capacity");
			return 0;
		}
		raw_spin_unlock_irqrestore(&depot_lock, flags);
	}
	if (!r)
		return 0;
	return r->handle | (extra_bits << DEPOT_HANDLE_BITS);
}
EXPORT_SYMBOL_GPL(__stack_depot_save);

/**
 * stack_depot_save - store a call trace once and return its handle
 * @entries: the return addresses
 * @nr_entries: how many
 * @gfp_flags: ignored (see __stack_depot_save())
 *
 * Context: any, including atomic context.
 * Return: the handle, or 0 (no entries, or the depot is full).
 */
depot_stack_handle_t stack_depot_save(unsigned long *entries, unsigned int nr_entries,
				      gfp_t gfp_flags)
{
	return __stack_depot_save(entries, nr_entries, 0, gfp_flags, true);
}
EXPORT_SYMBOL_GPL(stack_depot_save);

/**
 * stack_depot_fetch - the call trace a handle names
 * @handle: a handle from stack_depot_save() (its extra bits are ignored), or 0
 * @entries: set to the trace's return addresses (NULL for no trace)
 *
 * Context: any; lock-free.
 * Return: the number of entries (0 for handle 0 or a handle the depot never gave).
 */
unsigned int stack_depot_fetch(depot_stack_handle_t handle, unsigned long **entries)
{
	struct stack_record *r = record_of(handle);

	*entries = NULL;
	if (!r) {
		WARN_ON(handle & ((1U << DEPOT_HANDLE_BITS) - 1));
		return 0;
	}
	*entries = r->entries;
	return r->size;
}
EXPORT_SYMBOL_GPL(stack_depot_fetch);

/**
 * stack_depot_get_extra_bits - the caller's bits kept in a handle
 * @handle: a handle from __stack_depot_save()
 *
 * Context: any.
 * Return: the extra bits given when the handle was made.
 */
unsigned int stack_depot_get_extra_bits(depot_stack_handle_t handle)
{
	return handle >> DEPOT_HANDLE_BITS;
}
EXPORT_SYMBOL(stack_depot_get_extra_bits);

/**
 * stack_depot_snprint - print a stored trace into a buffer, a frame a line
 * @handle: the trace's handle
 * @buf: the buffer
 * @size: its size
 * @spaces: indentation of each line beyond the first column
 *
 * Context: any; may be slow the first time a module's code is named.
 * Return: as stack_trace_snprint(); 0 for handle 0.
 */
int stack_depot_snprint(depot_stack_handle_t handle, char *buf, size_t size, int spaces)
{
	unsigned long *entries;
	unsigned int nr = stack_depot_fetch(handle, &entries);

	return nr ? stack_trace_snprint(buf, size, entries, nr, spaces) : 0;
}
EXPORT_SYMBOL_GPL(stack_depot_snprint);

/**
 * stack_depot_print - print a stored trace to the kernel log, a frame a line
 * @stack: the trace's handle (0 prints nothing)
 *
 * Context: any; may be slow the first time a module's code is named.
 */
void stack_depot_print(depot_stack_handle_t stack)
{
	unsigned long *entries;
	unsigned int nr = stack_depot_fetch(stack, &entries);

	if (nr)
		stack_trace_print(entries, nr, 0);
}
EXPORT_SYMBOL_GPL(stack_depot_print);
