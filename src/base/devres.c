// SPDX-License-Identifier: LGPL-2.1-or-later
/* base/devres.c: managed device resources (Linux 6.1's drivers/base/devres.c API).
 *
 * A device's resources are nodes on dev->devres_head under dev->devres_lock, oldest
 * first; each carries the release function that undoes it and the caller's data after
 * the node. The driver core calls devres_release_all() when a probe fails, when the
 * driver unbinds and when the device is released: the nodes are taken off the list under
 * the lock and released newest first without it, so a release may sleep or add nothing
 * back to a device being torn down. A group is a pair of marker nodes (open, close):
 * releasing a group releases what lies between its markers, nested groups included.
 * The managed allocators of this file (devm_kmalloc and its family, devm_add_action)
 * are resources like any other; the ioremap, region, IRQ and DMA ones live where Linux
 * has them (lib/devres.c, io/resource.c, kernel/irq_devres.c, kernel/dma/mapping.c).
 * As a kernel built with CONFIG_DEBUG_DEVRES, devres.log=1 on the command line logs
 * every node added (ADD), taken off unreleased (REM), replaced (REPLACE, krealloc) and
 * released (REL) as 6.1's devres_dbg() does: the release function's name and the
 * data's size; a group is its markers "grp<" and "grp>". */
#include <linux/device.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include "base/base.h"
#include "kernel/params.h"

static int log_devres;

/* devres.log=N: CONFIG_DEBUG_DEVRES's module parameter of drivers/base/devres.c */
static int set_log_devres(const char *v)
{
	return kstrtoint(v && *v ? v : "1", 0, &log_devres);
}
UKMEM_SETUP("devres.log=", set_log_devres, "0");

struct devres_node {
	struct list_head entry;
	dr_release_t release;
	const char *name;
	size_t size;
};

struct devres {
	struct devres_node node;
	/* the caller's data, aligned as kmalloc aligns */
	u8 __aligned(ARCH_KMALLOC_MINALIGN) data[];
};

/* A group's two markers: node[0] opens it, node[1] closes it (unlinked while open). */
struct devres_group {
	struct devres_node node[2];
	void *id;
};

static void group_open_release(struct device *dev, void *res)
{
	/* markers own nothing */
}

static void group_close_release(struct device *dev, void *res)
{
}

static void devres_log(struct device *dev, struct devres_node *node, const char *op)
{
	if (unlikely(READ_ONCE(log_devres)))
		dev_err(dev, "DEVRES %3s %p %s (%zu bytes)\n", op, node, node->name, node->size);
}

static struct devres_group *node_to_group(struct devres_node *node)
{
	if (node->release == group_open_release)
		return container_of(node, struct devres_group, node[0]);
	if (node->release == group_close_release)
		return container_of(node, struct devres_group, node[1]);
	return NULL;
}

/**
 * __devres_alloc_node - allocate a managed resource's data
 * @release: what undoes the resource when it is released
 * @size: bytes of data the caller keeps in it
 * @gfp: allocation flags (zeroed in any case)
 * @nid: NUMA node (ignored: one memory)
 * @name: the release function's name, for debugging
 *
 * Context: as @gfp allows. Return: the zeroed data, not yet added to any device
 * (devres_add), or NULL.
 */
void *__devres_alloc_node(dr_release_t release, size_t size, gfp_t gfp, int nid,
			  const char *name)
{
	struct devres *dr;
	size_t tot;

	if (unlikely(check_add_overflow(sizeof(*dr), size, &tot)))
		return NULL;
	dr = kmalloc(tot, gfp | __GFP_ZERO);
	if (unlikely(!dr))
		return NULL;
	INIT_LIST_HEAD(&dr->node.entry);
	dr->node.release = release;
	dr->node.name = name;
	dr->node.size = size;
	return dr->data;
}
EXPORT_SYMBOL_GPL(__devres_alloc_node);

static struct devres *data_to_devres(void *res)
{
	return container_of(res, struct devres, data);
}

/**
 * devres_free - free a resource's data that was never added to a device
 * @res: what devres_alloc returned (NULL: nothing)
 *
 * Context: any. Freeing one still on a device is a BUG.
 */
void devres_free(void *res)
{
	if (res) {
		struct devres *dr = data_to_devres(res);

		BUG_ON(!list_empty(&dr->node.entry));
		kfree(dr);
	}
}
EXPORT_SYMBOL_GPL(devres_free);

static void add_node(struct device *dev, struct devres_node *node)
{
	devres_log(dev, node, "ADD");
	BUG_ON(!list_empty(&node->entry));
	list_add_tail(&node->entry, &dev->devres_head);
}

/**
 * devres_add - register a resource with a device
 * @dev: the device
 * @res: what devres_alloc returned
 *
 * It is released with the device's other resources, newer ones first.
 *
 * Context: any; takes dev->devres_lock.
 */
void devres_add(struct device *dev, void *res)
{
	struct devres *dr = data_to_devres(res);
	unsigned long flags;

	spin_lock_irqsave(&dev->devres_lock, flags);
	add_node(dev, &dr->node);
	spin_unlock_irqrestore(&dev->devres_lock, flags);
}
EXPORT_SYMBOL_GPL(devres_add);

/* The newest resource of @release that @match accepts; caller holds devres_lock. */
static struct devres *find_dr(struct device *dev, dr_release_t release, dr_match_t match,
			      void *match_data)
{
	struct devres_node *node;

	list_for_each_entry_reverse(node, &dev->devres_head, entry) {
		struct devres *dr = container_of(node, struct devres, node);

		if (node->release != release)
			continue;
		if (match && !match(dev, dr->data, match_data))
			continue;
		return dr;
	}
	return NULL;
}

/* find_dr under the lock, taking the resource off the device if @unlink. */
static void *lookup_dr(struct device *dev, dr_release_t release, dr_match_t match,
		       void *match_data, bool unlink)
{
	struct devres *dr;
	unsigned long flags;

	spin_lock_irqsave(&dev->devres_lock, flags);
	dr = find_dr(dev, release, match, match_data);
	if (dr && unlink) {
		list_del_init(&dr->node.entry);
		devres_log(dev, &dr->node, "REM");
	}
	spin_unlock_irqrestore(&dev->devres_lock, flags);
	return dr ? dr->data : NULL;
}

/**
 * devres_for_each_res - call @fn for each resource of @release that @match accepts
 * @dev: the device
 * @release: the resources' release function
 * @match: filter (NULL: all)
 * @match_data: passed to @match
 * @fn: called with (dev, res, data) under devres_lock: must not sleep
 * @data: passed to @fn
 *
 * Context: any context; takes dev->devres_lock (a spinlock) around the walk.
 */
void devres_for_each_res(struct device *dev, dr_release_t release, dr_match_t match,
			 void *match_data, void (*fn)(struct device *, void *, void *),
			 void *data)
{
	struct devres_node *node, *tmp;
	unsigned long flags;

	if (!fn)
		return;
	spin_lock_irqsave(&dev->devres_lock, flags);
	list_for_each_entry_safe_reverse(node, tmp, &dev->devres_head, entry) {
		struct devres *dr = container_of(node, struct devres, node);

		if (node->release != release)
			continue;
		if (match && !match(dev, dr->data, match_data))
			continue;
		fn(dev, dr->data, data);
	}
	spin_unlock_irqrestore(&dev->devres_lock, flags);
}
EXPORT_SYMBOL_GPL(devres_for_each_res);

/**
 * devres_find - find a device's resource
 * @dev: the device
 * @release: its release function
 * @match: filter (NULL: the newest of @release)
 * @match_data: passed to @match
 *
 * Context: any. Return: its data, still registered, or NULL.
 */
void *devres_find(struct device *dev, dr_release_t release, dr_match_t match,
		  void *match_data)
{
	return lookup_dr(dev, release, match, match_data, false);
}
EXPORT_SYMBOL_GPL(devres_find);

/**
 * devres_get - find a resource like @new_res, or register @new_res
 * @dev: the device
 * @new_res: a resource from devres_alloc, not yet added
 * @match: filter (NULL: any of the same release)
 * @match_data: passed to @match
 *
 * Context: any. Return: the existing resource (then @new_res is freed) or @new_res.
 */
void *devres_get(struct device *dev, void *new_res, dr_match_t match, void *match_data)
{
	struct devres *new_dr = data_to_devres(new_res);
	struct devres *dr;
	unsigned long flags;

	spin_lock_irqsave(&dev->devres_lock, flags);
	dr = find_dr(dev, new_dr->node.release, match, match_data);
	if (!dr) {
		add_node(dev, &new_dr->node);
		dr = new_dr;
		new_res = NULL;
	}
	spin_unlock_irqrestore(&dev->devres_lock, flags);
	devres_free(new_res);
	return dr->data;
}
EXPORT_SYMBOL_GPL(devres_get);

/**
 * devres_remove - unregister a resource without releasing it
 * @dev: the device
 * @release: its release function
 * @match: filter (NULL: the newest of @release)
 * @match_data: passed to @match
 *
 * Context: any. Return: its data, now the caller's (devres_free it), or NULL.
 */
void *devres_remove(struct device *dev, dr_release_t release, dr_match_t match,
		    void *match_data)
{
	return lookup_dr(dev, release, match, match_data, true);
}
EXPORT_SYMBOL_GPL(devres_remove);

/**
 * devres_destroy - unregister and free a resource without releasing it
 * @dev: the device
 * @release: its release function (not called)
 * @match: filter
 * @match_data: passed to @match
 *
 * Context: any. Return: 0, or -ENOENT when there is no such resource.
 */
int devres_destroy(struct device *dev, dr_release_t release, dr_match_t match,
		   void *match_data)
{
	void *res = devres_remove(dev, release, match, match_data);

	if (unlikely(!res))
		return -ENOENT;
	devres_free(res);
	return 0;
}
EXPORT_SYMBOL_GPL(devres_destroy);

/**
 * devres_release - unregister, release and free a resource
 * @dev: the device
 * @release: its release function (called, without devres_lock)
 * @match: filter
 * @match_data: passed to @match
 *
 * Context: what @release needs. Return: 0, or -ENOENT when there is no such resource.
 */
int devres_release(struct device *dev, dr_release_t release, dr_match_t match,
		   void *match_data)
{
	void *res = devres_remove(dev, release, match, match_data);

	if (unlikely(!res))
		return -ENOENT;
	release(dev, res);
	devres_free(res);
	return 0;
}
EXPORT_SYMBOL_GPL(devres_release);

/* Releases the nodes of @todo (taken off the device), newest first, and frees them. */
static int release_nodes(struct device *dev, struct list_head *todo)
{
	struct devres_node *node, *tmp;
	int cnt = 0;

	list_for_each_entry_safe_reverse(node, tmp, todo, entry) {
		struct devres_group *grp = node_to_group(node);

		list_del_init(&node->entry);
		if (!grp || node == &grp->node[0])
			devres_log(dev, node, "REL");	/* a group once, as 6.1 */
		if (grp) {
			/* a group goes with its second marker to leave this list */
			if (list_empty(&grp->node[0].entry) && list_empty(&grp->node[1].entry))
				kfree(grp);
			continue;
		}
		node->release(dev, container_of(node, struct devres, node)->data);
		kfree(container_of(node, struct devres, node));
		cnt++;
	}
	return cnt;
}

/**
 * devres_release_all - release every managed resource of a device
 * @dev: the device
 *
 * Called by the driver core on probe failure, unbind and release. Context: process.
 * Return: the number of resources released; -ENODEV for a device never initialised.
 */
int devres_release_all(struct device *dev)
{
	unsigned long flags;
	LIST_HEAD(todo);

	if (WARN_ON(!dev->devres_head.next))
		return -ENODEV;
	if (list_empty(&dev->devres_head))
		return 0;
	spin_lock_irqsave(&dev->devres_lock, flags);
	list_splice_init(&dev->devres_head, &todo);
	spin_unlock_irqrestore(&dev->devres_lock, flags);
	return release_nodes(dev, &todo);
}

/* ---- groups ---- */

/**
 * devres_open_group - open a group of resources
 * @dev: the device
 * @id: the group's id (NULL: the group's own address)
 * @gfp: allocation flags
 *
 * Resources added from now until devres_close_group belong to it.
 *
 * Context: as @gfp allows.
 * Return: the group's id, or NULL when out of memory.
 */
void *devres_open_group(struct device *dev, void *id, gfp_t gfp)
{
	struct devres_group *grp = kmalloc(sizeof(*grp), gfp);
	unsigned long flags;

	if (unlikely(!grp))
		return NULL;
	grp->node[0].release = group_open_release;
	grp->node[1].release = group_close_release;
	INIT_LIST_HEAD(&grp->node[0].entry);
	INIT_LIST_HEAD(&grp->node[1].entry);
	grp->node[0].name = "grp<";
	grp->node[1].name = "grp>";
	grp->node[0].size = grp->node[1].size = 0;
	grp->id = id ? id : grp;

	spin_lock_irqsave(&dev->devres_lock, flags);
	add_node(dev, &grp->node[0]);
	spin_unlock_irqrestore(&dev->devres_lock, flags);
	return grp->id;
}
EXPORT_SYMBOL_GPL(devres_open_group);

/* The newest group with @id (NULL: the newest still open); caller holds devres_lock. */
static struct devres_group *find_group(struct device *dev, void *id)
{
	struct devres_node *node;

	list_for_each_entry_reverse(node, &dev->devres_head, entry) {
		struct devres_group *grp = node_to_group(node);

		if (!grp || node != &grp->node[0])
			continue;
		if (id ? grp->id == id : list_empty(&grp->node[1].entry))
			return grp;
	}
	return NULL;
}

/**
 * devres_close_group - close a group
 * @dev: the device
 * @id: its id (NULL: the newest open group)
 *
 * Context: any. Closing a group that does not exist is a WARN.
 */
void devres_close_group(struct device *dev, void *id)
{
	struct devres_group *grp;
	unsigned long flags;

	spin_lock_irqsave(&dev->devres_lock, flags);
	grp = find_group(dev, id);
	if (grp)
		add_node(dev, &grp->node[1]);
	else
		WARN_ON(1);
	spin_unlock_irqrestore(&dev->devres_lock, flags);
}
EXPORT_SYMBOL_GPL(devres_close_group);

/**
 * devres_remove_group - dissolve a group, keeping its resources on the device
 * @dev: the device
 * @id: its id (NULL: the newest open group)
 *
 * Context: any. A group that does not exist is a WARN.
 */
void devres_remove_group(struct device *dev, void *id)
{
	struct devres_group *grp;
	unsigned long flags;

	spin_lock_irqsave(&dev->devres_lock, flags);
	grp = find_group(dev, id);
	if (grp) {
		list_del_init(&grp->node[0].entry);
		list_del_init(&grp->node[1].entry);
		devres_log(dev, &grp->node[0], "REM");
	} else {
		WARN_ON(1);
	}
	spin_unlock_irqrestore(&dev->devres_lock, flags);
	kfree(grp);
}
EXPORT_SYMBOL_GPL(devres_remove_group);

/**
 * devres_release_group - release a group's resources, newest first
 * @dev: the device
 * @id: its id (NULL: the newest open group)
 *
 * Groups opened inside it go with it.
 *
 * Context: process.
 * Return: the number of resources released; 0 (and a WARN) when there is no such group.
 */
int devres_release_group(struct device *dev, void *id)
{
	struct devres_group *grp;
	unsigned long flags;
	LIST_HEAD(todo);
	int cnt = 0;

	spin_lock_irqsave(&dev->devres_lock, flags);
	grp = find_group(dev, id);
	if (grp) {
		struct list_head *first = &grp->node[0].entry;
		struct list_head *last = list_empty(&grp->node[1].entry) ?
					 dev->devres_head.prev : &grp->node[1].entry;

		list_cut_position(&todo, first->prev, last);
	}
	spin_unlock_irqrestore(&dev->devres_lock, flags);
	if (grp)
		cnt = release_nodes(dev, &todo);
	else
		WARN_ON(1);
	return cnt;
}
EXPORT_SYMBOL_GPL(devres_release_group);

/* ---- custom actions ---- */

struct action_devres {
	void *data;
	void (*action)(void *);
};

static int devm_action_match(struct device *dev, void *res, void *p)
{
	struct action_devres *devres = res;
	struct action_devres *target = p;

	return devres->action == target->action && devres->data == target->data;
}

static void devm_action_release(struct device *dev, void *res)
{
	struct action_devres *devres = res;

	devres->action(devres->data);
}

/**
 * devm_add_action - call @action(@data) when the device's resources are released
 * @dev: the device
 * @action: the function
 * @data: its argument
 *
 * Context: process. Return: 0, or -ENOMEM (then nothing is registered).
 */
int devm_add_action(struct device *dev, void (*action)(void *), void *data)
{
	struct action_devres *devres;

	devres = devres_alloc(devm_action_release, sizeof(struct action_devres), GFP_KERNEL);
	if (!devres)
		return -ENOMEM;
	devres->data = data;
	devres->action = action;
	devres_add(dev, devres);
	return 0;
}
EXPORT_SYMBOL_GPL(devm_add_action);

/**
 * devm_remove_action - forget an action without calling it
 * @dev: the device
 * @action: the function given to devm_add_action
 * @data: its argument
 *
 * Context: any. An action never added is a WARN.
 */
void devm_remove_action(struct device *dev, void (*action)(void *), void *data)
{
	struct action_devres devres = { .data = data, .action = action };

	WARN_ON(devres_destroy(dev, devm_action_release, devm_action_match, &devres));
}
EXPORT_SYMBOL_GPL(devm_remove_action);

/**
 * devm_release_action - call an action now and forget it
 * @dev: the device
 * @action: the function given to devm_add_action
 * @data: its argument
 *
 * Context: what @action needs. An action never added is a WARN.
 */
void devm_release_action(struct device *dev, void (*action)(void *), void *data)
{
	struct action_devres devres = { .data = data, .action = action };

	WARN_ON(devres_release(dev, devm_action_release, devm_action_match, &devres));
}
EXPORT_SYMBOL_GPL(devm_release_action);

/* ---- managed kmalloc ---- */

static void devm_kmalloc_release(struct device *dev, void *res)
{
	/* the memory is the resource: freeing the node frees it */
}

static int devm_kmalloc_match(struct device *dev, void *res, void *data)
{
	return res == data;
}

/**
 * devm_kmalloc - kmalloc freed when the device's resources are released
 * @dev: the device
 * @size: bytes (0: ZERO_SIZE_PTR, nothing registered)
 * @gfp: allocation flags (__GFP_ZERO zeroes)
 *
 * Context: as @gfp allows. Return: the memory, aligned as kmalloc aligns, or NULL.
 */
void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp)
{
	void *p;

	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	p = devres_alloc(devm_kmalloc_release, size, gfp);
	if (unlikely(!p))
		return NULL;
	data_to_devres(p)->node.name = "devm_kzalloc_release";
	devres_add(dev, p);
	return p;
}
EXPORT_SYMBOL_GPL(devm_kmalloc);

/**
 * devm_krealloc - resize managed memory
 * @dev: the device
 * @ptr: memory from devm_kmalloc (NULL: allocate)
 * @new_size: bytes (0: free, return ZERO_SIZE_PTR)
 * @gfp: allocation flags
 *
 * The contents up to the smaller size are kept; the resource keeps its place in the
 * release order.
 *
 * Context: as @gfp allows.
 * Return: the memory, or NULL (then @ptr is unchanged); memory not managed for @dev is a
 * WARN and NULL.
 */
void *devm_krealloc(struct device *dev, void *ptr, size_t new_size, gfp_t gfp)
{
	struct devres *old_dr, *new_dr;
	unsigned long flags;
	size_t tot;

	if (unlikely(!new_size)) {
		devm_kfree(dev, ptr);
		return ZERO_SIZE_PTR;
	}
	if (unlikely(ZERO_OR_NULL_PTR(ptr)))
		return devm_kmalloc(dev, new_size, gfp);
	if (unlikely(check_add_overflow(sizeof(*new_dr), new_size, &tot)))
		return NULL;
	new_dr = kmalloc(tot, gfp);
	if (!new_dr)
		return NULL;

	spin_lock_irqsave(&dev->devres_lock, flags);
	old_dr = find_dr(dev, devm_kmalloc_release, devm_kmalloc_match, ptr);
	if (!old_dr) {
		spin_unlock_irqrestore(&dev->devres_lock, flags);
		kfree(new_dr);
		WARN(1, "Memory chunk not managed or managed by a different device.");
		return NULL;
	}
	devres_log(dev, &old_dr->node, "REPLACE");
	new_dr->node = old_dr->node;
	memcpy(new_dr->data, old_dr->data, min(old_dr->node.size, new_size));
	if ((gfp & __GFP_ZERO) && new_size > old_dr->node.size)
		memset(new_dr->data + old_dr->node.size, 0, new_size - old_dr->node.size);
	new_dr->node.size = new_size;
	list_replace(&old_dr->node.entry, &new_dr->node.entry);
	spin_unlock_irqrestore(&dev->devres_lock, flags);
	kfree(old_dr);
	return new_dr->data;
}
EXPORT_SYMBOL_GPL(devm_krealloc);

/**
 * devm_kstrdup - managed kstrdup
 * @dev: the device
 * @s: the string (NULL: NULL)
 * @gfp: allocation flags
 *
 * Context: as @gfp allows. Return: the copy, or NULL.
 */
char *devm_kstrdup(struct device *dev, const char *s, gfp_t gfp)
{
	return s ? devm_kmemdup(dev, s, strlen(s) + 1, gfp) : NULL;
}
EXPORT_SYMBOL_GPL(devm_kstrdup);

/**
 * devm_kstrdup_const - managed kstrdup_const (ukmem always copies)
 * @dev: the device
 * @s: the string
 * @gfp: allocation flags
 *
 * Context: as @gfp allows. Return: the copy, or NULL.
 */
const char *devm_kstrdup_const(struct device *dev, const char *s, gfp_t gfp)
{
	return devm_kstrdup(dev, s, gfp);
}
EXPORT_SYMBOL_GPL(devm_kstrdup_const);

/**
 * devm_kvasprintf - managed kvasprintf
 * @dev: the device
 * @gfp: allocation flags
 * @fmt: printk format
 * @ap: its arguments
 *
 * Context: as @gfp allows. Return: the string, or NULL.
 */
char *devm_kvasprintf(struct device *dev, gfp_t gfp, const char *fmt, va_list ap)
{
	unsigned int len;
	char *p;
	va_list aq;

	va_copy(aq, ap);
	len = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	p = devm_kmalloc(dev, len + 1, gfp);
	if (!p)
		return NULL;
	vsnprintf(p, len + 1, fmt, ap);
	return p;
}
EXPORT_SYMBOL(devm_kvasprintf);

/**
 * devm_kasprintf - managed kasprintf
 * @dev: the device
 * @gfp: allocation flags
 * @fmt: printk format, then its arguments
 *
 * Context: as @gfp allows. Return: the string, or NULL.
 */
char *devm_kasprintf(struct device *dev, gfp_t gfp, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = devm_kvasprintf(dev, gfp, fmt, ap);
	va_end(ap);
	return p;
}
EXPORT_SYMBOL_GPL(devm_kasprintf);

/**
 * devm_kfree - free managed memory now
 * @dev: the device
 * @p: memory from devm_kmalloc and its family (NULL, ZERO_SIZE_PTR: nothing)
 *
 * Context: any. Memory not managed for @dev is the kernel's WARNING and is not freed.
 */
void devm_kfree(struct device *dev, const void *p)
{
	int rc;

	if (unlikely(ZERO_OR_NULL_PTR(p)))
		return;
	rc = devres_destroy(dev, devm_kmalloc_release, devm_kmalloc_match, (void *)p);
	WARN_ON(rc);
}
EXPORT_SYMBOL_GPL(devm_kfree);

/**
 * devm_kmemdup - managed kmemdup
 * @dev: the device
 * @src: what to copy
 * @len: its bytes
 * @gfp: allocation flags
 *
 * Context: as @gfp allows. Return: the copy, or NULL.
 */
void *devm_kmemdup(struct device *dev, const void *src, size_t len, gfp_t gfp)
{
	void *p = devm_kmalloc(dev, len, gfp);

	if (p && len)
		memcpy(p, src, len);
	return p;
}
EXPORT_SYMBOL_GPL(devm_kmemdup);
