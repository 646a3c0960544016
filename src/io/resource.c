// SPDX-License-Identifier: LGPL-2.1-or-later
/* io/resource.c: the two resource trees (ioport_resource, iomem_resource), the region
 * calls drivers claim ranges with, and their /proc views (/proc/ioports, /proc/iomem).
 * Invariants: a resource's children lie inside it, are sorted by start and never overlap;
 * nothing is ever requested inside a busy resource. One mutex guards both trees; muxed
 * requesters wait on a condition variable for a muxed holder to go away. At boot the
 * machine's RAM and reserved ranges are registered in iomem. */
#include <errno.h>
#include <pthread.h>
#include <linux/device.h>
#include <linux/ioport.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/export.h>
#include "fs/proc.h"
#include "machine/boot.h"
#include "io/internal.h"
#include "machine/physmem.h"

#define PHYS_ADDRESS_BITS	46
#define MAX_IORES_LEVEL		5

struct resource ioport_resource = {
	.name = "PCI IO", .start = 0, .end = IO_SPACE_LIMIT, .flags = IORESOURCE_IO,
};
EXPORT_SYMBOL(ioport_resource);
struct resource iomem_resource = {
	.name = "PCI mem", .start = 0, .end = (1ULL << PHYS_ADDRESS_BITS) - 1,
	.flags = IORESOURCE_MEM,
};
EXPORT_SYMBOL(iomem_resource);

static pthread_mutex_t resource_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t muxed_resource_wait = PTHREAD_COND_INITIALIZER;

/* A region __request_region() allocated; listed so shutdown frees the ones never
 * released. */
struct region {
	struct resource res;
	struct list_head node;
};
static LIST_HEAD(regions);

/* Pre-order walk below a root: child first, then sibling, then up. */
static struct resource *next_resource(struct resource *p)
{
	if (p->child)
		return p->child;
	while (!p->sibling && p->parent)
		p = p->parent;
	return p->sibling;
}

/* Links new among root's children; returns NULL, or what is in the way (root itself
 * when new does not fit inside root). */
static struct resource *link_child(struct resource *root, struct resource *new)
{
	struct resource **link = &root->child, *tmp;

	if (new->end < new->start || new->start < root->start || new->end > root->end)
		return root;
	for (;;) {
		tmp = *link;
		if (!tmp || tmp->start > new->end) {
			new->sibling = tmp;
			*link = new;
			new->parent = root;
			return NULL;
		}
		link = &tmp->sibling;
		if (tmp->end < new->start)
			continue;
		return tmp;
	}
}

/* Unlinks old from its parent. Its children go with it, still linked below it
 * (release_child), or move up into its place. */
static int unlink_resource(struct resource *old, bool release_child)
{
	struct resource **link, *tmp, *chd;

	if (!old->parent)
		return -EINVAL;
	for (link = &old->parent->child; (tmp = *link); link = &tmp->sibling) {
		if (tmp != old)
			continue;
		if (release_child || !tmp->child) {
			*link = tmp->sibling;
		} else {
			for (chd = tmp->child;; chd = chd->sibling) {
				chd->parent = tmp->parent;
				if (!chd->sibling)
					break;
			}
			*link = tmp->child;
			chd->sibling = tmp->sibling;
		}
		old->parent = old->sibling = NULL;
		if (!release_child)
			old->child = NULL;
		return 0;
	}
	return -EINVAL;
}

/* A linking operation (link_child or insert_locked), run under the tree lock. */
typedef struct resource *(*link_op)(struct resource *parent, struct resource *new);

static struct resource *link_locked(link_op link, struct resource *parent,
				    struct resource *new)
{
	struct resource *conflict;

	ukmem_ensure_booted();
	pthread_mutex_lock(&resource_lock);
	conflict = link(parent, new);
	pthread_mutex_unlock(&resource_lock);
	return conflict;
}

static int unlink_locked(struct resource *old, bool release_child)
{
	int err;

	pthread_mutex_lock(&resource_lock);
	err = unlink_resource(old, release_child);
	pthread_mutex_unlock(&resource_lock);
	return err;
}

struct resource *request_resource_conflict(struct resource *root, struct resource *new)
{
	return link_locked(link_child, root, new);
}

/**
 * request_resource - insert a resource under a parent if it overlaps nothing there
 * @root: the parent
 * @new: the resource
 *
 * Context: process context; takes the resource tree's lock.
 * Return: 0, or -EBUSY on a conflict.
 */
int request_resource(struct resource *root, struct resource *new)
{
	return request_resource_conflict(root, new) ? -EBUSY : 0;
}

/**
 * release_resource - take a resource and its children out of the tree
 * @old: the resource
 *
 * Context: process context; takes the resource tree's lock.
 * Return: 0, or -EINVAL if @old is not in the tree.
 */
int release_resource(struct resource *old)
{
	return unlink_locked(old, true);
}

/* Adopts the run of siblings starting at first that new covers. Returns NULL, or a
 * sibling that straddles new's boundary. */
static struct resource *adopt_children(struct resource *parent, struct resource *new,
				       struct resource *first)
{
	struct resource *next, **link;

	for (next = first;; next = next->sibling) {
		if (next->start < new->start || next->end > new->end)
			return next;
		if (!next->sibling || next->sibling->start > new->end)
			break;
	}
	new->parent = parent;
	new->sibling = next->sibling;
	new->child = first;
	next->sibling = NULL;
	for (next = first; next; next = next->sibling)
		next->parent = new;
	for (link = &parent->child; *link != first; link = &(*link)->sibling)
		;
	*link = new;
	return NULL;
}

static struct resource *insert_locked(struct resource *parent, struct resource *new)
{
	struct resource *first;

	for (;;) {
		first = link_child(parent, new);
		if (!first || first == parent)
			return first;
		if (WARN_ON(first == new))
			return first;
		if (first->start > new->start || first->end < new->end)
			break;
		if (first->start == new->start && first->end == new->end)
			break;
		parent = first;
	}
	return adopt_children(parent, new, first);
}

struct resource *insert_resource_conflict(struct resource *parent, struct resource *new)
{
	return link_locked(insert_locked, parent, new);
}

/**
 * insert_resource - insert a resource into the tree, adopting the ones it covers
 * @parent: the resource to insert under (iomem_resource, ioport_resource, ...)
 * @new: the resource; the ones it fully covers become its children
 *
 * Context: process context; takes the resource tree's lock (a host mutex).
 * Return: 0, or -EBUSY when it overlaps a resource only partly.
 */
int insert_resource(struct resource *parent, struct resource *new)
{
	return insert_resource_conflict(parent, new) ? -EBUSY : 0;
}
EXPORT_SYMBOL_GPL(insert_resource);

/**
 * remove_resource - take a resource out of the tree, its children moving up
 * @old: the resource
 *
 * Context: process context; takes the resource tree's lock.
 * Return: 0, or -EINVAL if @old is not in the tree.
 */
int remove_resource(struct resource *old)
{
	return unlink_locked(old, false);
}
EXPORT_SYMBOL_GPL(remove_resource);

/* Tries to place size bytes in the free gap [gap_start, gap_end] under the limits. */
static bool fit_in_gap(struct resource *new, resource_size_t gap_start,
		       resource_size_t gap_end, resource_size_t size, resource_size_t min,
		       resource_size_t max, resource_size_t align,
		       resource_size_t (*alignf)(void *, const struct resource *,
						 resource_size_t, resource_size_t),
		       void *alignf_data)
{
	struct resource avail = { .flags = new->flags };
	resource_size_t start;

	if (gap_start < min)
		gap_start = min;
	if (gap_end > max)
		gap_end = max;
	if (gap_end < gap_start)
		return false;
	avail.start = align > 1 ? ALIGN(gap_start, align) : gap_start;
	avail.end = gap_end;
	if (avail.start < gap_start || avail.start > avail.end)
		return false;
	start = alignf ? alignf(alignf_data, &avail, size, align) : avail.start;
	if (start < avail.start || start + size - 1 < start || start + size - 1 > avail.end)
		return false;
	new->start = start;
	new->end = start + size - 1;
	return true;
}

/**
 * allocate_resource - find room for a resource of a given size and claim it
 * @root: where to look
 * @new: the resource to fill in and insert
 * @size: the size wanted
 * @min: the lowest start allowed
 * @max: the highest end allowed
 * @align: the alignment
 * @alignf: called to adjust each candidate start, or NULL
 * @alignf_data: passed to @alignf
 *
 * Context: process context; takes the resource tree's lock.
 * Return: 0; -EINVAL for @size 0 or a resource already in a tree; -EBUSY when there is
 * no room.
 */
int allocate_resource(struct resource *root, struct resource *new, resource_size_t size,
		      resource_size_t min, resource_size_t max, resource_size_t align,
		      resource_size_t (*alignf)(void *, const struct resource *,
						resource_size_t, resource_size_t),
		      void *alignf_data)
{
	struct resource *this;
	resource_size_t gap_start;
	int err = -EBUSY;

	ukmem_ensure_booted();
	if (!size || new->parent)
		return -EINVAL;
	pthread_mutex_lock(&resource_lock);
	gap_start = root->start;
	for (this = root->child;; this = this->sibling) {
		if (!this || this->start > gap_start) {
			resource_size_t gap_end = this ? this->start - 1 : root->end;

			if (fit_in_gap(new, gap_start, gap_end, size, min, max, align, alignf,
				       alignf_data)) {
				err = link_child(root, new) ? -EBUSY : 0;
				break;
			}
		}
		if (!this || this->end >= root->end)
			break;
		gap_start = this->end + 1;
	}
	pthread_mutex_unlock(&resource_lock);
	return err;
}
EXPORT_SYMBOL(allocate_resource);

struct resource *lookup_resource(struct resource *root, resource_size_t start)
{
	struct resource *res;

	pthread_mutex_lock(&resource_lock);
	for (res = root->child; res && res->start != start; res = res->sibling)
		;
	pthread_mutex_unlock(&resource_lock);
	return res;
}

static bool type_matches(const struct resource *p, unsigned long flags, unsigned long desc)
{
	return (p->flags & flags) == flags && (desc == IORES_DESC_NONE || desc == p->desc);
}

/* Whether descendants of p that match cover all of [start, end]. */
static bool matching_descendants_cover(struct resource *p, resource_size_t start,
				       resource_size_t end, unsigned long flags,
				       unsigned long desc, int *type)
{
	struct resource *dp;

	for (dp = p->child; dp && dp != p->sibling && dp != p; dp = next_resource(dp)) {
		if (dp->end < start || dp->start > end || !type_matches(dp, flags, desc))
			continue;
		(*type)++;
		if (dp->start > start)
			return false;
		if (dp->end >= end)
			return true;
		start = dp->end + 1;
	}
	return false;
}

/**
 * region_intersects - how a range of iomem meets resources of a kind
 * @start: the range's start
 * @size: its size
 * @flags: the IORESOURCE_* flags the resources must have
 * @desc: the IORES_DESC_* they must have, or IORES_DESC_NONE
 *
 * Context: process context; takes the resource tree's lock.
 * Return: REGION_INTERSECTS (only such resources), REGION_MIXED (others too) or
 * REGION_DISJOINT (none).
 */
int region_intersects(resource_size_t start, size_t size, unsigned long flags,
		      unsigned long desc)
{
	resource_size_t end = start + size - 1;
	int type = 0, other = 0;
	struct resource *p;

	ukmem_ensure_booted();
	pthread_mutex_lock(&resource_lock);
	for (p = iomem_resource.child; p; p = p->sibling) {
		resource_size_t lo = max(p->start, start), hi = min(p->end, end);

		if (lo > hi)
			continue;
		if (type_matches(p, flags, desc))
			type++;
		else if (!matching_descendants_cover(p, lo, hi, flags, desc, &type))
			other++;
	}
	pthread_mutex_unlock(&resource_lock);
	if (!type)
		return REGION_DISJOINT;
	return other ? REGION_MIXED : REGION_INTERSECTS;
}
EXPORT_SYMBOL_GPL(region_intersects);

/**
 * iomem_is_exclusive - whether user mappings of a page of I/O memory are refused
 * @addr: an address in the page
 *
 * As a Linux 6.1 kernel with CONFIG_STRICT_DEVMEM and CONFIG_IO_STRICT_DEVMEM: a page
 * that a busy region (a driver's request_mem_region(), pci_request_regions(), ...)
 * intersects is exclusive to the kernel.
 *
 * Context: process; takes the resource lock.
 * Return: true if a busy resource intersects the page.
 */
bool iomem_is_exclusive(u64 addr)
{
	resource_size_t start = addr & PAGE_MASK, end = start + PAGE_SIZE - 1;
	bool busy = false;
	struct resource *p;

	pthread_mutex_lock(&resource_lock);
	for (p = iomem_resource.child; p && !busy; ) {
		if (p->start > end)
			break;
		if (p->end < start) {	/* skip p and everything below it */
			while (!p->sibling && p->parent && p->parent != &iomem_resource)
				p = p->parent;
			p = p->sibling;
			continue;
		}
		busy = p->flags & IORESOURCE_BUSY;
		p = next_resource(p);
		if (p == &iomem_resource)
			break;
	}
	pthread_mutex_unlock(&resource_lock);
	return busy;
}

/* Links res under parent, descending into non-busy resources in the way. Returns 0,
 * -EBUSY, or -EAGAIN after waiting for a muxed holder. */
static int claim_region_locked(struct resource *parent, struct resource *res, int flags)
{
	struct resource *conflict;

	for (;;) {
		conflict = link_child(parent, res);
		if (!conflict)
			return 0;
		if (conflict != parent && !(conflict->flags & IORESOURCE_BUSY)) {
			parent = conflict;
			continue;
		}
		if (conflict->flags & flags & IORESOURCE_MUXED) {
			pthread_cond_wait(&muxed_resource_wait, &resource_lock);
			return -EAGAIN;
		}
		return -EBUSY;
	}
}

/**
 * __request_region - claim a range of I/O ports or memory as busy
 * @parent: ioport_resource or iomem_resource
 * @start: the range's start
 * @n: its length
 * @name: the owner's name, shown in /proc/ioports or /proc/iomem (kept, not copied)
 * @flags: IORESOURCE_EXCLUSIVE, IORESOURCE_MUXED, ...
 *
 * What request_region() and request_mem_region() call.
 *
 * Context: process context; may sleep (GFP_KERNEL; waits for a muxed region to be
 * released).
 * Return: the resource, or NULL if the range is taken or out of memory.
 */
struct resource *__request_region(struct resource *parent, resource_size_t start,
				  resource_size_t n, const char *name, int flags)
{
	struct region *region;
	struct resource *res;
	int err;

	ukmem_ensure_booted();
	might_sleep();
	region = kzalloc(sizeof(*region), GFP_KERNEL);
	if (!region)
		return NULL;
	res = &region->res;
	res->name = name;
	res->start = start;
	res->end = start + n - 1;
	pthread_mutex_lock(&resource_lock);
	res->flags = resource_type(parent) | resource_ext_type(parent) | IORESOURCE_BUSY |
		     (unsigned int)flags;
	do
		err = claim_region_locked(parent, res, flags);
	while (err == -EAGAIN);
	if (!err)
		list_add(&region->node, &regions);
	pthread_mutex_unlock(&resource_lock);
	if (err) {
		kfree(region);
		return NULL;
	}
	return res;
}
EXPORT_SYMBOL(__request_region);

/* Frees res if __request_region() allocated it (a driver may also mark its own static
 * resource busy and link it with request_resource()). */
static void release_region_memory(struct resource *res)
{
	struct region *region;

	list_for_each_entry(region, &regions, node) {
		if (&region->res == res) {
			list_del(&region->node);
			kfree(region);
			return;
		}
	}
}

/**
 * __release_region - release a range claimed with __request_region()
 * @parent: ioport_resource or iomem_resource
 * @start: the range's start
 * @n: its length
 *
 * Releasing a range that is not claimed is reported ("Trying to free nonexistent
 * resource").
 *
 * Context: process context; may sleep.
 */
void __release_region(struct resource *parent, resource_size_t start, resource_size_t n)
{
	resource_size_t end = start + n - 1;
	struct resource **link = &parent->child, *res;

	ukmem_ensure_booted();
	might_sleep();
	pthread_mutex_lock(&resource_lock);
	while ((res = *link)) {
		if (res->start > start || res->end < end) {
			link = &res->sibling;
			continue;
		}
		if (!(res->flags & IORESOURCE_BUSY)) {
			link = &res->child;
			continue;
		}
		if (res->start != start || res->end != end)
			break;
		*link = res->sibling;
		if (res->flags & IORESOURCE_MUXED)
			pthread_cond_broadcast(&muxed_resource_wait);
		release_region_memory(res);
		pthread_mutex_unlock(&resource_lock);
		return;
	}
	pthread_mutex_unlock(&resource_lock);
	pr_warn("Trying to free nonexistent resource <0x%016llx-0x%016llx>\n",
		(unsigned long long)start, (unsigned long long)end);
}
EXPORT_SYMBOL(__release_region);

/* ---- managed regions and resources (devres) ---- */

struct region_devres {
	struct resource *parent;
	resource_size_t start;
	resource_size_t n;
};

static void devm_region_release(struct device *dev, void *res)
{
	struct region_devres *this = res;

	__release_region(this->parent, this->start, this->n);
}

static int devm_region_match(struct device *dev, void *res, void *match_data)
{
	struct region_devres *this = res, *match = match_data;

	return this->parent == match->parent && this->start == match->start &&
	       this->n == match->n;
}

/**
 * __devm_request_region - request_region released with the device's resources
 * @dev: the device
 * @parent: &ioport_resource or &iomem_resource
 * @start: first address
 * @n: length
 * @name: its name in /proc/ioports or /proc/iomem (kept, not copied)
 *
 * Context: process, may sleep. Return: the busy resource, or NULL as __request_region.
 */
struct resource *__devm_request_region(struct device *dev, struct resource *parent,
				       resource_size_t start, resource_size_t n,
				       const char *name)
{
	struct region_devres *dr;
	struct resource *res;

	dr = devres_alloc(devm_region_release, sizeof(struct region_devres), GFP_KERNEL);
	if (!dr)
		return NULL;
	dr->parent = parent;
	dr->start = start;
	dr->n = n;
	res = __request_region(parent, start, n, name, 0);
	if (res)
		devres_add(dev, dr);
	else
		devres_free(dr);
	return res;
}
EXPORT_SYMBOL(__devm_request_region);

/**
 * __devm_release_region - release a managed region now
 * @dev: the device
 * @parent: the tree it was requested from
 * @start: its first address
 * @n: its length
 *
 * Context: process, may sleep. A region not managed for @dev is a WARN.
 */
void __devm_release_region(struct device *dev, struct resource *parent,
			   resource_size_t start, resource_size_t n)
{
	struct region_devres match_data = { parent, start, n };

	WARN_ON(devres_release(dev, devm_region_release, devm_region_match, &match_data));
}
EXPORT_SYMBOL(__devm_release_region);

static void devm_resource_release(struct device *dev, void *ptr)
{
	struct resource **r = ptr;

	release_resource(*r);
}

static int devm_resource_match(struct device *dev, void *res, void *data)
{
	struct resource **ptr = res;

	return *ptr == data;
}

/**
 * devm_request_resource - request_resource released with the device's resources
 * @dev: the device
 * @root: the tree or resource to link @new into
 * @new: the caller's resource
 *
 * Context: process. Return: 0; -EBUSY (with the kernel's "resource collision"
 * message) when it conflicts; -ENOMEM.
 */
int devm_request_resource(struct device *dev, struct resource *root, struct resource *new)
{
	struct resource *conflict, **ptr;

	ptr = devres_alloc(devm_resource_release, sizeof(*ptr), GFP_KERNEL);
	if (!ptr)
		return -ENOMEM;
	*ptr = new;
	conflict = request_resource_conflict(root, new);
	if (conflict) {
		dev_err(dev, "resource collision: %pR conflicts with %s %pR\n", new,
			conflict->name, conflict);
		devres_free(ptr);
		return -EBUSY;
	}
	devres_add(dev, ptr);
	return 0;
}
EXPORT_SYMBOL(devm_request_resource);

/**
 * devm_release_resource - release a managed resource now
 * @dev: the device
 * @new: what devm_request_resource linked
 *
 * Context: process. A resource not managed for @dev is a WARN.
 */
void devm_release_resource(struct device *dev, struct resource *new)
{
	WARN_ON(devres_release(dev, devm_resource_release, devm_resource_match, new));
}
EXPORT_SYMBOL(devm_release_resource);

/* /proc/ioports and /proc/iomem: one line per resource in tree order, indented two
 * spaces per level, 4 hex digits for ports and at least 8 for memory. */
static int resource_show(struct seq_file *m, void *data)
{
	struct resource *root = m->private, *r, *p;
	int width = root->end < 0x10000 ? 4 : 8;
	int depth;

	pthread_mutex_lock(&resource_lock);
	for (r = root->child; r; r = next_resource(r)) {
		for (depth = 0, p = r; depth < MAX_IORES_LEVEL; depth++, p = p->parent)
			if (p->parent == root)
				break;
		seq_printf(m, "%*s%0*llx-%0*llx : %s\n", depth * 2, "", width,
			   (unsigned long long)r->start, width, (unsigned long long)r->end,
			   r->name ? r->name : "<BAD>");
	}
	pthread_mutex_unlock(&resource_lock);
	return 0;
}

/* Empties a tree at shutdown; regions drivers never released are freed afterwards. */
static void clear_tree(struct resource *root)
{
	struct resource *r, *next;

	for (r = root->child; r; r = next) {
		clear_tree(r);
		next = r->sibling;
		r->parent = r->sibling = r->child = NULL;
	}
	root->child = NULL;
}

static struct resource machine_memory[MAX_PHYS_RANGES];

static void register_machine_memory(void)
{
	for (int i = 0; i < nr_phys_ranges; i++) {
		struct resource *res = &machine_memory[i];
		bool ram = phys_ranges[i].type == PHYS_RAM;

		*res = (struct resource){
			.start = phys_ranges[i].start, .end = phys_ranges[i].end - 1,
			.name = phys_ranges[i].name,
			.flags = ram ? IORESOURCE_SYSTEM_RAM : IORESOURCE_MEM,
			.desc = ram ? IORES_DESC_NONE : IORES_DESC_RESERVED,
		};
		if (insert_locked(&iomem_resource, res))
			pr_err("resource: cannot register %s\n", res->name);
	}
}

int ioresources_init(void)
{
	pthread_mutex_lock(&resource_lock);
	register_machine_memory();
	pthread_mutex_unlock(&resource_lock);
	pc_resources_register();
	proc_create_view("/proc/ioports", resource_show, &ioport_resource);
	proc_create_view("/proc/iomem", resource_show, &iomem_resource);
	return 0;
}

void ioresources_exit(void)
{
	pthread_mutex_lock(&resource_lock);
	clear_tree(&ioport_resource);
	clear_tree(&iomem_resource);
	while (!list_empty(&regions))
		release_region_memory(&list_first_entry(&regions, struct region, node)->res);
	pthread_mutex_unlock(&resource_lock);
}
EXPORT_SYMBOL(release_resource);
EXPORT_SYMBOL(request_resource);
