// SPDX-License-Identifier: LGPL-2.1-or-later
/* linux/kref.h and linux/llist.h: release runs once, on the last put; the locked puts
 * hold the lock exactly when they release; a dead object cannot be revived; lock-less
 * lists keep every entry when many threads add at once. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdlib.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/kref.h>
#include <linux/llist.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include "kmsg.h"

struct obj {
	struct kref ref;
	int released;
	bool lock_held_at_release;
};

static DEFINE_MUTEX(obj_mutex);
static DEFINE_SPINLOCK(obj_lock);

static void obj_release(struct kref *ref)
{
	container_of(ref, struct obj, ref)->released++;
}

static void obj_release_mutex(struct kref *ref)
{
	struct obj *o = container_of(ref, struct obj, ref);

	o->released++;
	o->lock_held_at_release = mutex_is_locked(&obj_mutex);
	mutex_unlock(&obj_mutex);
}

static void obj_release_spin(struct kref *ref)
{
	struct obj *o = container_of(ref, struct obj, ref);

	o->released++;
	o->lock_held_at_release = spin_is_locked(&obj_lock);
	spin_unlock(&obj_lock);
}

Test(kref, last_put_releases_once)
{
	struct obj o = { .ref = KREF_INIT(1) };

	kref_get(&o.ref);
	cr_assert_eq(kref_read(&o.ref), 2);
	cr_assert_eq(kref_put(&o.ref, obj_release), 0);
	cr_assert_eq(o.released, 0);
	cr_assert_eq(kref_put(&o.ref, obj_release), 1);
	cr_assert_eq(o.released, 1);
	cr_assert_not(kref_get_unless_zero(&o.ref), "a released object stays dead");
	kref_init(&o.ref);
	cr_assert(kref_get_unless_zero(&o.ref));
	cr_assert_eq(kref_read(&o.ref), 2);
}

Test(kref, put_mutex_and_put_lock_hold_the_lock_only_to_release)
{
	struct obj o = { 0 };

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	kref_init(&o.ref);
	kref_get(&o.ref);
	cr_assert_eq(kref_put_mutex(&o.ref, obj_release_mutex, &obj_mutex), 0);
	cr_assert_not(mutex_is_locked(&obj_mutex), "not the last reference: no lock");
	cr_assert_eq(kref_put_mutex(&o.ref, obj_release_mutex, &obj_mutex), 1);
	cr_assert(o.lock_held_at_release);
	cr_assert_not(mutex_is_locked(&obj_mutex));

	o = (struct obj){ 0 };
	kref_init(&o.ref);
	kref_get(&o.ref);
	cr_assert_eq(kref_put_lock(&o.ref, obj_release_spin, &obj_lock), 0);
	cr_assert_not(spin_is_locked(&obj_lock), "not the last reference: no lock");
	cr_assert_eq(kref_put_lock(&o.ref, obj_release_spin, &obj_lock), 1);
	cr_assert(o.lock_held_at_release);
	ukmem_shutdown();
}

Test(kref, get_after_release_warns_and_saturates)
{
	struct obj o = { .ref = KREF_INIT(1) };

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	cr_assert_eq(kref_put(&o.ref, obj_release), 1);
	kref_get(&o.ref);
	cr_assert(kmsg_contains("refcount_t: addition on 0; use-after-free."));
	cr_assert_eq(kref_read(&o.ref), (unsigned int)REFCOUNT_SATURATED);
	cr_assert_eq(kref_put(&o.ref, obj_release), 0, "a saturated count never releases");
	cr_assert_eq(o.released, 1);
	ukmem_shutdown();
}

Test(kref, refcount_dec_if_one_and_not_one)
{
	refcount_t r = REFCOUNT_INIT(2);

	cr_assert_not(refcount_dec_if_one(&r));
	cr_assert(refcount_dec_not_one(&r));
	cr_assert_eq(refcount_read(&r), 1);
	cr_assert_not(refcount_dec_not_one(&r), "the last reference is left alone");
	cr_assert(refcount_dec_if_one(&r));
	cr_assert_eq(refcount_read(&r), 0);
}

struct lnode {
	struct llist_node node;
	int thread, seq;
};

enum { THREADS = 4, PER_THREAD = 20000 };
static LLIST_HEAD(shared_list);
static struct lnode *nodes;

static void *adder(void *arg)
{
	int t = (int)(long)arg;

	for (int i = 0; i < PER_THREAD; i++) {
		struct lnode *n = &nodes[t * PER_THREAD + i];

		n->thread = t;
		n->seq = i;
		llist_add(&n->node, &shared_list);
	}
	return NULL;
}

Test(llist, concurrent_adds_lose_nothing_and_keep_order_per_thread)
{
	pthread_t th[THREADS];
	struct llist_node *all;
	struct lnode *pos, *tmp;
	int last[THREADS], count = 0;

	nodes = calloc(THREADS * PER_THREAD, sizeof(*nodes));
	for (long t = 0; t < THREADS; t++)
		pthread_create(&th[t], NULL, adder, (void *)t);
	for (int t = 0; t < THREADS; t++)
		pthread_join(th[t], NULL);
	all = llist_reverse_order(llist_del_all(&shared_list));
	cr_assert(llist_empty(&shared_list));
	for (int t = 0; t < THREADS; t++)
		last[t] = -1;
	llist_for_each_entry_safe(pos, tmp, all, node) {
		cr_assert_eq(pos->seq, last[pos->thread] + 1, "oldest first after reversal");
		last[pos->thread] = pos->seq;
		pos->node.next = NULL;
		count++;
	}
	cr_assert_eq(count, THREADS * PER_THREAD);
	free(nodes);
}

Test(llist, del_first_batch_and_empty)
{
	struct lnode a = { .seq = 1 }, b = { .seq = 2 }, c = { .seq = 3 };
	struct llist_head head;
	struct llist_node *n;
	int seen = 0;

	init_llist_head(&head);
	cr_assert_null(llist_del_first(&head));
	cr_assert(llist_add(&a.node, &head), "first add reports an empty list");
	b.node.next = &c.node;
	cr_assert_not(llist_add_batch(&b.node, &c.node, &head));
	cr_assert_eq(llist_entry(llist_del_first(&head), struct lnode, node)->seq, 2);
	llist_for_each(n, head.first)
		seen = seen * 10 + llist_entry(n, struct lnode, node)->seq;
	cr_assert_eq(seen, 31);
	cr_assert_eq(llist_entry(llist_del_first(&head), struct lnode, node)->seq, 3);
	cr_assert_eq(llist_entry(llist_del_first(&head), struct lnode, node)->seq, 1);
	cr_assert(llist_empty(&head));
	cr_assert_null(llist_del_all(&head));
}
