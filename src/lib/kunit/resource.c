// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/kunit/resource.c: adding and removing a test's resources (kunit/resource.h).
 * The test's list holds one reference on each resource on it; removing a resource
 * from the list drops that reference, so a resource found by a lookup stays valid
 * until the finder puts it. */
#include <linux/export.h>
#include <linux/kref.h>
#include <kunit/resource.h>
#include <kunit/test.h>

/**
 * __kunit_add_resource - set up a resource and put it on the test's list
 * @test: the running test
 * @init: sets res->data from @data (or NULL: res->data = @data)
 * @free: releases res->data when the last reference goes (or NULL)
 * @res: the resource record, owned by the caller or by KUnit (res->should_kfree)
 * @data: init's argument
 *
 * Context: may sleep if @init does; takes test->lock. Return: 0, or init's error
 * (@res is then not on the list).
 */
int __kunit_add_resource(struct kunit *test, kunit_resource_init_t init,
			 kunit_resource_free_t free, struct kunit_resource *res, void *data)
{
	unsigned long flags;
	int ret;

	res->free = free;
	kref_init(&res->refcount);	/* the list's reference */
	if (init) {
		ret = init(res, data);
		if (ret)
			return ret;
	} else {
		res->data = data;
	}
	spin_lock_irqsave(&test->lock, flags);
	list_add_tail(&res->node, &test->resources);
	spin_unlock_irqrestore(&test->lock, flags);
	return 0;
}
EXPORT_SYMBOL_GPL(__kunit_add_resource);

/**
 * kunit_remove_resource - take a resource off the test's list
 * @test: the test it was added to
 * @res: the resource; removing it twice is harmless
 *
 * Context: takes test->lock; may sleep if the resource's free() does.
 */
void kunit_remove_resource(struct kunit *test, struct kunit_resource *res)
{
	unsigned long flags;
	bool was_listed;

	spin_lock_irqsave(&test->lock, flags);
	was_listed = !list_empty(&res->node);
	list_del_init(&res->node);
	spin_unlock_irqrestore(&test->lock, flags);
	if (was_listed)
		kunit_put_resource(res);
}
EXPORT_SYMBOL_GPL(kunit_remove_resource);

/**
 * kunit_destroy_resource - remove the newest resource match() accepts
 * @test: the test
 * @match: the predicate
 * @match_data: its argument
 *
 * Context: may sleep if the resource's free() does. Return: 0, or -ENOENT.
 */
int kunit_destroy_resource(struct kunit *test, kunit_resource_match_t match,
			   void *match_data)
{
	struct kunit_resource *res = kunit_find_resource(test, match, match_data);

	if (!res)
		return -ENOENT;
	kunit_remove_resource(test, res);
	kunit_put_resource(res);	/* the reference the lookup took */
	return 0;
}
EXPORT_SYMBOL_GPL(kunit_destroy_resource);
