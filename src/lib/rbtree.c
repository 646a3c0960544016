// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/rbtree.c: red-black balancing for linux/rbtree.h. Invariants after every public
 * call: the root is black, no red node has a red child, and every root-to-leaf path
 * crosses the same number of black nodes -- so the height stays below 2*log2(n+1). */
#include <linux/rbtree.h>
#include <linux/export.h>

static inline bool is_red(const struct rb_node *n) { return n && !(n->__rb_parent_color & 1); }
static inline bool is_black(const struct rb_node *n) { return !is_red(n); }
static inline int color_of(const struct rb_node *n) { return n->__rb_parent_color & 1; }

static inline void set_parent(struct rb_node *n, struct rb_node *parent)
{
	n->__rb_parent_color = (n->__rb_parent_color & 3) | (unsigned long)parent;
}

static inline void set_color(struct rb_node *n, int color)
{
	n->__rb_parent_color = (n->__rb_parent_color & ~1UL) | (unsigned long)color;
}

/* Points whatever pointed at old (its parent's child link or the root) at new. */
static void replace_child(struct rb_node *old, struct rb_node *new, struct rb_node *parent,
			  struct rb_root *root)
{
	if (!parent)
		root->rb_node = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
}

/* Lifts x's right child into x's place; x becomes its left child. */
static void rotate_left(struct rb_node *x, struct rb_root *root)
{
	struct rb_node *y = x->rb_right, *parent = rb_parent(x);

	x->rb_right = y->rb_left;
	if (y->rb_left)
		set_parent(y->rb_left, x);
	y->rb_left = x;
	set_parent(y, parent);
	replace_child(x, y, parent, root);
	set_parent(x, y);
}

static void rotate_right(struct rb_node *x, struct rb_root *root)
{
	struct rb_node *y = x->rb_left, *parent = rb_parent(x);

	x->rb_left = y->rb_right;
	if (y->rb_right)
		set_parent(y->rb_right, x);
	y->rb_right = x;
	set_parent(y, parent);
	replace_child(x, y, parent, root);
	set_parent(x, y);
}

/**
 * rb_insert_color - rebalance a red-black tree after linking in a node
 * @node: the node, just linked with rb_link_node()
 * @root: the tree
 *
 * Context: any context; takes no lock (the caller serialises changes to the tree).
 */
void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *parent, *gparent, *uncle;

	while ((parent = rb_parent(node)) && is_red(parent)) {
		gparent = rb_parent(parent);	/* a red node is never the root */
		bool parent_is_left = parent == gparent->rb_left;

		uncle = parent_is_left ? gparent->rb_right : gparent->rb_left;
		if (is_red(uncle)) {		/* push the blackness down one level */
			set_color(parent, RB_BLACK);
			set_color(uncle, RB_BLACK);
			set_color(gparent, RB_RED);
			node = gparent;
			continue;
		}
		if (parent_is_left && node == parent->rb_right) {
			rotate_left(parent, root);
			node = parent;
			parent = rb_parent(node);
		} else if (!parent_is_left && node == parent->rb_left) {
			rotate_right(parent, root);
			node = parent;
			parent = rb_parent(node);
		}
		set_color(parent, RB_BLACK);
		set_color(gparent, RB_RED);
		if (parent_is_left)
			rotate_right(gparent, root);
		else
			rotate_left(gparent, root);
	}
	set_color(root->rb_node, RB_BLACK);
}
EXPORT_SYMBOL(rb_insert_color);

/* node (possibly NULL) under parent is one black short on its side: repair. */
static void erase_fixup(struct rb_node *node, struct rb_node *parent, struct rb_root *root)
{
	while (is_black(node) && node != root->rb_node) {
		bool node_is_left = parent->rb_left == node;
		struct rb_node *sibling = node_is_left ? parent->rb_right : parent->rb_left;

		if (is_red(sibling)) {
			set_color(sibling, RB_BLACK);
			set_color(parent, RB_RED);
			if (node_is_left)
				rotate_left(parent, root);
			else
				rotate_right(parent, root);
			sibling = node_is_left ? parent->rb_right : parent->rb_left;
		}
		struct rb_node *near = node_is_left ? sibling->rb_left : sibling->rb_right;
		struct rb_node *far = node_is_left ? sibling->rb_right : sibling->rb_left;

		if (is_black(near) && is_black(far)) {
			set_color(sibling, RB_RED);
			node = parent;
			parent = rb_parent(node);
			continue;
		}
		if (is_black(far)) {
			set_color(near, RB_BLACK);
			set_color(sibling, RB_RED);
			if (node_is_left)
				rotate_right(sibling, root);
			else
				rotate_left(sibling, root);
			sibling = node_is_left ? parent->rb_right : parent->rb_left;
			far = node_is_left ? sibling->rb_right : sibling->rb_left;
		}
		set_color(sibling, color_of(parent));
		set_color(parent, RB_BLACK);
		set_color(far, RB_BLACK);
		if (node_is_left)
			rotate_left(parent, root);
		else
			rotate_right(parent, root);
		node = root->rb_node;
		break;
	}
	if (node)
		set_color(node, RB_BLACK);
}

/**
 * rb_erase - remove a node from a red-black tree and rebalance
 * @node: the node
 * @root: the tree
 *
 * Context: any context; takes no lock (the caller serialises changes).
 */
void rb_erase(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *child, *parent;
	int removed_color;

	if (node->rb_left && node->rb_right) {
		/* Move the in-order successor into node's place, colour included. */
		struct rb_node *succ = node->rb_right;

		while (succ->rb_left)
			succ = succ->rb_left;
		child = succ->rb_right;
		parent = rb_parent(succ);
		removed_color = color_of(succ);
		if (parent == node) {
			parent = succ;
		} else {
			if (child)
				set_parent(child, parent);
			parent->rb_left = child;
			succ->rb_right = node->rb_right;
			set_parent(node->rb_right, succ);
		}
		replace_child(node, succ, rb_parent(node), root);
		succ->__rb_parent_color = node->__rb_parent_color;
		succ->rb_left = node->rb_left;
		set_parent(node->rb_left, succ);
	} else {
		child = node->rb_left ? node->rb_left : node->rb_right;
		parent = rb_parent(node);
		removed_color = color_of(node);
		if (child)
			set_parent(child, parent);
		replace_child(node, child, parent, root);
	}
	if (removed_color == RB_BLACK)
		erase_fixup(child, parent, root);
}
EXPORT_SYMBOL(rb_erase);

/**
 * rb_first - the leftmost (smallest) node of a red-black tree
 * @root: the tree
 *
 * Context: any context; takes no lock.
 * Return: the node, or NULL for an empty tree.
 */
struct rb_node *rb_first(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	while (n && n->rb_left)
		n = n->rb_left;
	return n;
}
EXPORT_SYMBOL(rb_first);

/**
 * rb_last - the rightmost (largest) node of a red-black tree
 * @root: the tree
 *
 * Context: any context; takes no lock.
 * Return: the node, or NULL for an empty tree.
 */
struct rb_node *rb_last(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	while (n && n->rb_right)
		n = n->rb_right;
	return n;
}
EXPORT_SYMBOL(rb_last);

/**
 * rb_next - the in-order successor of a node
 * @node: the node
 *
 * Context: any context; takes no lock.
 * Return: the next node, or NULL at the end (or for a node not in a tree).
 */
struct rb_node *rb_next(const struct rb_node *node)
{
	struct rb_node *parent;

	if (RB_EMPTY_NODE(node))
		return NULL;
	if (node->rb_right) {
		node = node->rb_right;
		while (node->rb_left)
			node = node->rb_left;
		return (struct rb_node *)node;
	}
	while ((parent = rb_parent(node)) && node == parent->rb_right)
		node = parent;
	return parent;
}
EXPORT_SYMBOL(rb_next);

/**
 * rb_prev - the in-order predecessor of a node
 * @node: the node
 *
 * Context: any context; takes no lock.
 * Return: the previous node, or NULL at the start.
 */
struct rb_node *rb_prev(const struct rb_node *node)
{
	struct rb_node *parent;

	if (RB_EMPTY_NODE(node))
		return NULL;
	if (node->rb_left) {
		node = node->rb_left;
		while (node->rb_right)
			node = node->rb_right;
		return (struct rb_node *)node;
	}
	while ((parent = rb_parent(node)) && node == parent->rb_left)
		node = parent;
	return parent;
}
EXPORT_SYMBOL(rb_prev);

static struct rb_node *deepest_left_leaf(const struct rb_node *node)
{
	for (;;) {
		if (node->rb_left)
			node = node->rb_left;
		else if (node->rb_right)
			node = node->rb_right;
		else
			return (struct rb_node *)node;
	}
}

/**
 * rb_first_postorder - the first node of a post-order walk (children before parents)
 * @root: the tree
 *
 * A post-order walk may free each node as it goes (rbtree_postorder_for_each_entry_safe()).
 *
 * Context: any context; takes no lock.
 * Return: the node, or NULL for an empty tree.
 */
struct rb_node *rb_first_postorder(const struct rb_root *root)
{
	return root->rb_node ? deepest_left_leaf(root->rb_node) : NULL;
}
EXPORT_SYMBOL(rb_first_postorder);

/**
 * rb_next_postorder - the next node of a post-order walk
 * @node: the current node, or NULL
 *
 * Context: any context; takes no lock.
 * Return: the next node, or NULL at the end.
 */
struct rb_node *rb_next_postorder(const struct rb_node *node)
{
	struct rb_node *parent;

	if (!node)
		return NULL;
	parent = rb_parent(node);
	if (parent && node == parent->rb_left && parent->rb_right)
		return deepest_left_leaf(parent->rb_right);
	return parent;
}
EXPORT_SYMBOL(rb_next_postorder);

/**
 * rb_replace_node - put a new node in the place of an old one, without rebalancing
 * @victim: the node in the tree
 * @new: the node to take its place (it must sort the same)
 * @root: the tree
 *
 * Context: any context; takes no lock (the caller serialises changes).
 */
void rb_replace_node(struct rb_node *victim, struct rb_node *new, struct rb_root *root)
{
	struct rb_node *parent = rb_parent(victim);

	*new = *victim;
	if (victim->rb_left)
		set_parent(victim->rb_left, new);
	if (victim->rb_right)
		set_parent(victim->rb_right, new);
	replace_child(victim, new, parent, root);
}
EXPORT_SYMBOL(rb_replace_node);
