// SPDX-License-Identifier: LGPL-2.1-or-later
/* rbtree_bits: an id allocator (bitmap) and a sorted index of objects (rbtree), with
 * refcounted objects. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/module.h>
#include <linux/rbtree.h>
#include <linux/bitmap.h>
#include <linux/refcount.h>

#define MAX_IDS 128

struct object {
	struct rb_node node;
	unsigned long id;
	refcount_t ref;
};

static DECLARE_BITMAP(used_ids, MAX_IDS);
static struct rb_root index_root = RB_ROOT;
static struct object objects[16];

static bool object_less(struct rb_node *a, const struct rb_node *b)
{
	return rb_entry(a, struct object, node)->id < rb_entry(b, struct object, node)->id;
}

static int __init rbtree_bits_init(void)
{
	unsigned long id, expected = 0;
	struct rb_node *n;

	bitmap_zero(used_ids, MAX_IDS);
	set_bit(0, used_ids);			/* id 0 is reserved */
	for (int i = ARRAY_SIZE(objects) - 1; i >= 0; i--) {
		id = find_first_zero_bit(used_ids, MAX_IDS);
		if (id >= MAX_IDS)
			return -ENOSPC;
		set_bit(id, used_ids);
		objects[i].id = id;
		refcount_set(&objects[i].ref, 1);
		rb_add(&objects[i].node, &index_root, object_less);
	}
	for (n = rb_first(&index_root); n; n = rb_next(n)) {
		struct object *obj = rb_entry(n, struct object, node);

		if (obj->id != ++expected)
			return -EINVAL;
		refcount_inc(&obj->ref);
	}
	pr_info("%u ids in use, index sorted up to %lu\n", bitmap_weight(used_ids, MAX_IDS),
		expected);
	return 0;
}

static void __exit rbtree_bits_exit(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(objects); i++) {
		refcount_dec(&objects[i].ref);		/* the reference init's walk took */
		if (refcount_dec_and_test(&objects[i].ref)) {
			rb_erase(&objects[i].node, &index_root);
			clear_bit(objects[i].id, used_ids);
		}
	}
	WARN_ON(!RB_EMPTY_ROOT(&index_root));
}

module_init(rbtree_bits_init);
module_exit(rbtree_bits_exit);
MODULE_LICENSE("Dual BSD/GPL");
MODULE_DESCRIPTION("bitmap id allocator and rbtree index");
