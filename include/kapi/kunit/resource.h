/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* kunit/resource.h: test-managed resources. A resource is added to the running test
 * (struct kunit) and released when the case ends, newest first, or earlier on request.
 * Each holds a reference count: the test's list holds one, kunit_find_resource() and
 * kunit_alloc_and_get_resource() hand out more (dropped with kunit_put_resource());
 * the last put calls its free() and, for resources KUnit allocated, frees the record.
 * Lookups and the list are guarded by test->lock (src/lib/kunit/resource.c). */
#ifndef UKMEM_KUNIT_RESOURCE_H
#define UKMEM_KUNIT_RESOURCE_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <kunit/test.h>

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

struct kunit_resource;

typedef int (*kunit_resource_init_t)(struct kunit_resource *, void *);
typedef void (*kunit_resource_free_t)(struct kunit_resource *);

struct kunit_resource {
	void *data;
	const char *name;
	kunit_resource_free_t free;

	/* private: internal use only. */
	struct kref refcount;
	struct list_head node;
	bool should_kfree;
};

static inline void kunit_get_resource(struct kunit_resource *res)
{
	kref_get(&res->refcount);
}

static inline void kunit_release_resource(struct kref *kref)
{
	struct kunit_resource *res = container_of(kref, struct kunit_resource, refcount);

	if (res->free)
		res->free(res);
	/* free() released res->data; the record is KUnit's to free when it made it */
	if (res->should_kfree)
		kfree(res);
}

static inline void kunit_put_resource(struct kunit_resource *res)
{
	kref_put(&res->refcount, kunit_release_resource);
}

/* Sets res up (init(res, data), or res->data = data without init) and puts it on the
 * test's list. 0, or init's error (res is then not added). May sleep if init does. */
int __kunit_add_resource(struct kunit *test, kunit_resource_init_t init,
			 kunit_resource_free_t free, struct kunit_resource *res, void *data);

static inline int kunit_add_resource(struct kunit *test, kunit_resource_init_t init,
				     kunit_resource_free_t free, struct kunit_resource *res,
				     void *data)
{
	res->should_kfree = false;
	return __kunit_add_resource(test, init, free, res, data);
}

static inline struct kunit_resource *kunit_find_named_resource(struct kunit *test,
								const char *name);

/* As kunit_add_resource(), under a name that must be unique in the test: -EEXIST if a
 * resource of that name is there already, -EINVAL without a name. */
static inline int kunit_add_named_resource(struct kunit *test, kunit_resource_init_t init,
					   kunit_resource_free_t free,
					   struct kunit_resource *res, const char *name,
					   void *data)
{
	struct kunit_resource *existing;

	if (!name)
		return -EINVAL;
	existing = kunit_find_named_resource(test, name);
	if (existing) {
		kunit_put_resource(existing);
		return -EEXIST;
	}
	res->name = name;
	res->should_kfree = false;
	return __kunit_add_resource(test, init, free, res, data);
}

/* A resource whose record KUnit allocates (internal_gfp), added to the test; NULL if
 * the record cannot be allocated or init fails. */
static inline struct kunit_resource *__kunit_new_resource(struct kunit *test,
							  kunit_resource_init_t init,
							  kunit_resource_free_t free,
							  gfp_t internal_gfp, void *context)
{
	struct kunit_resource *res = kzalloc(sizeof(*res), internal_gfp);

	if (!res)
		return NULL;
	res->should_kfree = true;
	if (__kunit_add_resource(test, init, free, res, context)) {
		kfree(res);
		return NULL;
	}
	return res;
}

/* Allocates the record too and returns it with a reference for the caller (drop it
 * with kunit_put_resource()); NULL on failure. */
static inline struct kunit_resource *
kunit_alloc_and_get_resource(struct kunit *test, kunit_resource_init_t init,
			     kunit_resource_free_t free, gfp_t internal_gfp, void *context)
{
	struct kunit_resource *res = __kunit_new_resource(test, init, free, internal_gfp,
							  context);

	if (res)
		kunit_get_resource(res);
	return res;
}

/* As kunit_alloc_and_get_resource(), but returns res->data and keeps no reference. */
static inline void *kunit_alloc_resource(struct kunit *test, kunit_resource_init_t init,
					 kunit_resource_free_t free, gfp_t internal_gfp,
					 void *context)
{
	struct kunit_resource *res = __kunit_new_resource(test, init, free, internal_gfp,
							  context);

	return res ? res->data : NULL;
}

typedef bool (*kunit_resource_match_t)(struct kunit *test, struct kunit_resource *res,
				       void *match_data);

static inline bool kunit_resource_name_match(struct kunit *test,
					     struct kunit_resource *res, void *match_name)
{
	return res->name && strcmp(res->name, match_name) == 0;
}

/* The newest resource match() accepts, with a reference taken; NULL if none. */
static inline struct kunit_resource *kunit_find_resource(struct kunit *test,
							 kunit_resource_match_t match,
							 void *match_data)
{
	struct kunit_resource *res, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&test->lock, flags);
	list_for_each_entry_reverse(res, &test->resources, node) {
		if (match(test, res, match_data)) {
			found = res;
			kunit_get_resource(found);
			break;
		}
	}
	spin_unlock_irqrestore(&test->lock, flags);
	return found;
}

static inline struct kunit_resource *kunit_find_named_resource(struct kunit *test,
								const char *name)
{
	return kunit_find_resource(test, kunit_resource_name_match, (void *)name);
}

/* Takes the newest matching resource off the list and drops the list's reference.
 * 0, or -ENOENT if none matched. */
int kunit_destroy_resource(struct kunit *test, kunit_resource_match_t match,
			   void *match_data);

static inline int kunit_destroy_named_resource(struct kunit *test, const char *name)
{
	return kunit_destroy_resource(test, kunit_resource_name_match, (void *)name);
}

/* Takes res off the test's list (if it is on it) and drops the list's reference. */
void kunit_remove_resource(struct kunit *test, struct kunit_resource *res);

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <kunit/resource.h> brings with it, once this header is complete. */
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/generic.h>
#include <linux/completion.h>
#include <linux/hrtimer.h>
#include <linux/idr.h>
#include <linux/irqnr.h>
#include <linux/kasan.h>
#include <linux/kernfs.h>
#include <linux/kmsan-checks.h>
#include <linux/kobject.h>
#include <linux/linkage.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/notifier.h>
#include <linux/page-flags.h>
#include <linux/percpu.h>
#include <linux/prandom.h>
#include <linux/rbtree.h>
#include <linux/rculist.h>
#include <linux/sched/mm.h>
#include <linux/static_key.h>
#include <linux/sysctl.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#include <linux/uidgid.h>
#include <linux/workqueue.h>
#endif
#endif
