/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/kref.h: an object's reference count with a release callback. The count is a
 * refcount_t, so misuse (a get from zero, an underflow) gives refcount_t's warning and
 * pins the count instead of freeing an object that is still in use. The put that takes
 * the count to zero calls release(), and only that one. */
#ifndef UKMEM_LINUX_KREF_H
#define UKMEM_LINUX_KREF_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/compiler.h>
#include <linux/refcount.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>

struct kref {
	refcount_t refcount;
};

#define KREF_INIT(n)	{ .refcount = REFCOUNT_INIT(n), }

/* Start the count at one (the caller's reference). */
static inline void kref_init(struct kref *kref)
{
	refcount_set(&kref->refcount, 1);
}

static inline unsigned int kref_read(const struct kref *kref)
{
	return refcount_read(&kref->refcount);
}

/* Take one more reference; the caller must already hold one. */
static inline void kref_get(struct kref *kref)
{
	refcount_inc(&kref->refcount);
}

/* Drop a reference; on the last one call release(kref). Returns 1 if it released. */
static inline int kref_put(struct kref *kref, void (*release)(struct kref *kref))
{
	if (refcount_dec_and_test(&kref->refcount)) {
		release(kref);
		return 1;
	}
	return 0;
}

/* As kref_put, but the last put happens with @lock held, and release() must drop it:
 * a lookup under the same lock can then never find an object being released. */
static inline int kref_put_mutex(struct kref *kref, void (*release)(struct kref *kref),
				 struct mutex *lock)
{
	if (refcount_dec_and_mutex_lock(&kref->refcount, lock)) {
		release(kref);
		return 1;
	}
	return 0;
}

static inline int kref_put_lock(struct kref *kref, void (*release)(struct kref *kref),
				spinlock_t *lock)
{
	if (refcount_dec_and_lock(&kref->refcount, lock)) {
		release(kref);
		return 1;
	}
	return 0;
}

/* Take a reference unless the count already reached zero (the object is being
 * released); for lookups that find objects without holding a reference. */
static inline int __must_check kref_get_unless_zero(struct kref *kref)
{
	return refcount_inc_not_zero(&kref->refcount);
}

#pragma pop_macro("__UKMEM_INNER")

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/kref.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/list.h>
#include <linux/llist.h>
#include <linux/log2.h>
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
