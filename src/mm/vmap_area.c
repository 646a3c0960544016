// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/vmap_area.c: allocation of the vmalloc address space.
 *
 * Free space is kept twice, in two red-black trees: by address (to merge a freed range
 * with its neighbours) and by (size, address) (to find the smallest range that fits in
 * O(log n): the first search asks for `size`, and if alignment does not fit there, a
 * second asks for `size + align - PAGE_SIZE`, which always fits). Busy areas live in a
 * third tree by address. Linux keeps one augmented tree instead and takes the lowest
 * address that fits; best fit by size keeps large ranges whole just as well.
 * A freed area first goes on a lazy list: its pages are already gone and its kernel
 * page-table entries cleared, but its host mapping and its range are released only when
 * lazy_max_pages() have gathered (or space runs out), in one pass, so vmalloc/vfree
 * loops do not pay an munmap each. One spinlock guards the trees and the lazy list;
 * host calls are made with it dropped. */
#include <errno.h>
#include <linux/kernel.h>
#include <linux/kmemleak.h>
#include <linux/list_sort.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include "host/host.h"
#include "debug/trace.h"
#include "mm/internal.h"
#include "mm/vmap_area.h"
#include "machine/fork.h"

static DEFINE_SPINLOCK(vmap_lock);
static struct rb_root busy_root, free_root, free_size_root;
static LIST_HEAD(purge_list);
static unsigned long lazy_nr_pages;
static struct kmem_cache *vmap_area_cachep;

static unsigned long va_size(const struct vmap_area *va)
{
	return va->va_end - va->va_start;
}

/* Linux waits for 32 MiB per log2(CPUs) to batch TLB flushes. Here a lazy area's host
 * mapping still maps its freed pages, which count twice in the process's resident
 * memory once they are reused elsewhere: 1 MiB per log2(CPUs) keeps that small and
 * still spares small vfree loops a system call each (libukmem-malloc: sqlite3's peak
 * resident memory 143 -> 83 MiB, python3's 120 -> 91 MiB). */
static unsigned long lazy_max_pages(void)
{
	unsigned int log = 32 - __builtin_clz(nr_cpu_ids);

	return log * (1UL * 1024 * 1024 / PAGE_SIZE);
}

/* ---- trees ---- */

static void insert_by_address(struct rb_root *root, struct vmap_area *va)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;

	while (*link) {
		parent = *link;
		link = va->va_start < rb_entry(parent, struct vmap_area, rb_node)->va_start ?
		       &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&va->rb_node, parent, link);
	rb_insert_color(&va->rb_node, root);
}

static bool size_less(const struct vmap_area *a, const struct vmap_area *b)
{
	return va_size(a) < va_size(b) || (va_size(a) == va_size(b) && a->va_start < b->va_start);
}

static void insert_by_size(struct vmap_area *va)
{
	struct rb_node **link = &free_size_root.rb_node, *parent = NULL;

	while (*link) {
		parent = *link;
		link = size_less(va, rb_entry(parent, struct vmap_area, size_node)) ?
		       &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&va->size_node, parent, link);
	rb_insert_color(&va->size_node, &free_size_root);
}

static void insert_free(struct vmap_area *va)
{
	insert_by_address(&free_root, va);
	insert_by_size(va);
}

static void erase_free(struct vmap_area *va)
{
	rb_erase(&va->rb_node, &free_root);
	rb_erase(&va->size_node, &free_size_root);
}

/* The smallest free area of at least size bytes. */
static struct vmap_area *smallest_fit(unsigned long size)
{
	struct rb_node *node = free_size_root.rb_node;
	struct vmap_area *best = NULL;

	while (node) {
		struct vmap_area *va = rb_entry(node, struct vmap_area, size_node);

		if (va_size(va) >= size) {
			best = va;
			node = node->rb_left;
		} else {
			node = node->rb_right;
		}
	}
	return best;
}

static struct vmap_area *find_by_address(struct rb_root *root, unsigned long addr)
{
	struct rb_node *node = root->rb_node;

	while (node) {
		struct vmap_area *va = rb_entry(node, struct vmap_area, rb_node);

		if (addr < va->va_start)
			node = node->rb_left;
		else if (addr >= va->va_end)
			node = node->rb_right;
		else
			return va;
	}
	return NULL;
}

/* Returns [start, end) to the free trees, merging with free neighbours. The range's
 * vmap_area (va) is reused or freed. */
static void merge_into_free(struct vmap_area *va)
{
	struct rb_node *node = free_root.rb_node;
	struct vmap_area *prev = NULL, *next = NULL;

	while (node) {		/* neighbours: the last below and the first above */
		struct vmap_area *f = rb_entry(node, struct vmap_area, rb_node);

		if (f->va_start < va->va_start) {
			prev = f;
			node = node->rb_right;
		} else {
			next = f;
			node = node->rb_left;
		}
	}
	if (next && next->va_start == va->va_end) {
		erase_free(next);
		va->va_end = next->va_end;
		kmem_cache_free(vmap_area_cachep, next);
	}
	if (prev && prev->va_end == va->va_start) {
		erase_free(prev);
		va->va_start = prev->va_start;
		kmem_cache_free(vmap_area_cachep, prev);
	}
	insert_free(va);
}

/* Carves [start, start + size) out of free area f (vmap_lock held). */
static struct vmap_area *carve(struct vmap_area *f, unsigned long start, unsigned long size,
			       struct vmap_area *busy, struct vmap_area *spare)
{
	unsigned long end = start + size;

	erase_free(f);
	if (f->va_start < start && end < f->va_end) {
		spare->va_start = end;
		spare->va_end = f->va_end;
		insert_free(spare);
		spare = NULL;
	}
	if (f->va_start < start) {
		f->va_end = start;
		insert_free(f);
	} else if (end < f->va_end) {
		f->va_start = end;
		insert_free(f);
	} else {
		kmem_cache_free(vmap_area_cachep, f);
	}
	if (spare)
		kmem_cache_free(vmap_area_cachep, spare);
	busy->va_start = start;
	busy->va_end = end;
	busy->vm = NULL;
	INIT_LIST_HEAD(&busy->purge_list);
	insert_by_address(&busy_root, busy);
	return busy;
}

static bool fits(struct vmap_area *f, unsigned long size, unsigned long align,
		 unsigned long vstart, unsigned long vend, unsigned long *start)
{
	unsigned long lo = ALIGN(max(f->va_start, vstart), align);

	*start = lo;
	return lo >= f->va_start && lo + size <= min(f->va_end, vend) && lo + size > lo;
}

static struct vmap_area *try_alloc(unsigned long size, unsigned long align,
				   unsigned long vstart, unsigned long vend,
				   struct vmap_area *busy, struct vmap_area *spare)
{
	struct vmap_area *f;
	unsigned long start;

	f = smallest_fit(size);
	if (f && fits(f, size, align, vstart, vend, &start))
		return carve(f, start, size, busy, spare);
	f = smallest_fit(size + align - PAGE_SIZE);
	if (f && fits(f, size, align, vstart, vend, &start))
		return carve(f, start, size, busy, spare);
	/* A range limit narrower than the whole space (ioremap, vmalloc_32 callers): walk
	 * the free ranges by address. */
	for (struct rb_node *n = rb_first(&free_root); n; n = rb_next(n)) {
		f = rb_entry(n, struct vmap_area, rb_node);
		if (f->va_start >= vend)
			break;
		if (fits(f, size, align, vstart, vend, &start))
			return carve(f, start, size, busy, spare);
	}
	return NULL;
}

/* A vmap_area whose bounds kmemleak does not take for references: the end of one area
 * is the start of the next, and a free area's bounds are no pointers at all. */
static struct vmap_area *vmap_area_alloc(gfp_t gfp)
{
	struct vmap_area *va = kmem_cache_alloc(vmap_area_cachep, gfp);

	if (va)
		kmemleak_scan_area(&va->rb_node, sizeof(*va) - offsetof(struct vmap_area, rb_node),
				   gfp);
	return va;
}

struct vmap_area *alloc_vmap_area(unsigned long size, unsigned long align,
				  unsigned long vstart, unsigned long vend, gfp_t gfp)
{
	gfp_t meta_gfp = gfp & GFP_RECLAIM_MASK;
	struct vmap_area *busy, *spare, *va = NULL;

	busy = vmap_area_alloc(meta_gfp);
	spare = vmap_area_alloc(meta_gfp);
	if (!busy || !spare)
		goto fail;
	align = max(align, PAGE_SIZE);
	for (int attempt = 0; attempt < 2 && !va; attempt++) {
		if (attempt)
			purge_vmap_areas();
		spin_lock(&vmap_lock);
		va = try_alloc(size, align, vstart, vend, busy, spare);
		spin_unlock(&vmap_lock);
	}
	trace_alloc_vmap_area(va ? va->va_start : 0, size, align, vstart, vend, !va);
	if (va)
		return va;
	if (!(gfp & __GFP_NOWARN))
		pr_warn("vmap allocation for size %lu failed: use vmalloc=<size> to increase size\n",
			size);
fail:
	if (busy)
		kmem_cache_free(vmap_area_cachep, busy);
	if (spare)
		kmem_cache_free(vmap_area_cachep, spare);
	return NULL;
}

struct vmap_area *find_vmap_area(unsigned long addr)
{
	struct vmap_area *va;

	spin_lock(&vmap_lock);
	va = find_by_address(&busy_root, addr);
	spin_unlock(&vmap_lock);
	return va;
}

void free_vmap_area_lazy(struct vmap_area *va)
{
	bool purge;

	spin_lock(&vmap_lock);
	rb_erase(&va->rb_node, &busy_root);
	list_add_tail(&va->purge_list, &purge_list);
	lazy_nr_pages += va_size(va) >> PAGE_SHIFT;
	purge = lazy_nr_pages > lazy_max_pages();
	trace_free_vmap_area_noflush(va->va_start, lazy_nr_pages, lazy_max_pages());
	spin_unlock(&vmap_lock);
	if (purge)
		purge_vmap_areas();
}

static int cmp_va_start(void *priv, const struct list_head *a, const struct list_head *b)
{
	const struct vmap_area *x = list_entry(a, struct vmap_area, purge_list);
	const struct vmap_area *y = list_entry(b, struct vmap_area, purge_list);

	return x->va_start < y->va_start ? -1 : x->va_start > y->va_start;
}

/* [start, end) of lazily freed areas back to a reserved hole. At the host's
 * vm.max_map_count this can need a mapping split the limit refuses at the range's end;
 * when the range ends with a guard page (a vm_struct area's last page, never mapped) the
 * range less that page ends where its last mapping ends, and needs none. */
static int release_range(unsigned long start, unsigned long end, bool guarded)
{
	int err = host_protect_none((void *)start, end - start);

	if (err == -ENOMEM && guarded && end - start > PAGE_SIZE)
		err = host_protect_none((void *)start, end - start - PAGE_SIZE);
	return err;
}

/* Moves the first areas of batch, up to and including last, to the list `to`. */
static void move_areas(struct list_head *batch, struct vmap_area *last, struct list_head *to)
{
	LIST_HEAD(cut);

	list_cut_position(&cut, batch, &last->purge_list);
	list_splice_tail_init(&cut, to);
}

/* Unmaps every lazily freed area from the host -- adjacent ones in one call -- and gives
 * their ranges back to the free trees. Allocates nothing: it runs when memory is short.
 * A range still mapped never goes back. At the host's mapping limit a run that cannot
 * go in one call goes area by area (each release lowers the count); an area that still
 * cannot stays on the lazy list for the next purge, and one that another mapping took
 * meanwhile is dropped from the vmalloc space. */
void purge_vmap_areas(void)
{
	LIST_HEAD(batch);
	LIST_HEAD(done);
	LIST_HEAD(kept);
	LIST_HEAD(lost);
	struct vmap_area *va, *next, *run;
	unsigned long kept_pages = 0;
	struct list_head *to;
	int err;

	spin_lock(&vmap_lock);
	list_splice_init(&purge_list, &batch);
	lazy_nr_pages = 0;
	spin_unlock(&vmap_lock);
	if (list_empty(&batch))
		return;
	list_sort(NULL, &batch, cmp_va_start);
	trace_purge_vmap_area_lazy(list_first_entry(&batch, struct vmap_area, purge_list)->va_start,
				   list_last_entry(&batch, struct vmap_area, purge_list)->va_end,
				   (unsigned int)list_count_nodes(&batch));
	while (!list_empty(&batch)) {
		run = va = list_first_entry(&batch, struct vmap_area, purge_list);
		while (!list_is_last(&va->purge_list, &batch) &&
		       list_next_entry(va, purge_list)->va_start == va->va_end)
			va = list_next_entry(va, purge_list);
		err = release_range(run->va_start, va->va_end, va->vm != NULL);
		if (err == -ENOMEM && run != va) {
			va = run;		/* one area at a time */
			err = release_range(va->va_start, va->va_end, va->vm != NULL);
		}
		to = !err ? &done : err == -EEXIST ? &lost : &kept;
		if (err) {
			pr_warn_ratelimited("vmalloc: cannot release 0x%lx-0x%lx to the host (error %d): %s\n",
					    run->va_start, va->va_end, err,
					    err == -EEXIST ? "another mapping took it" :
					    "kept for the next purge");
			if (to == &kept)
				kept_pages += (va->va_end - run->va_start) >> PAGE_SHIFT;
		}
		move_areas(&batch, va, to);
	}
	spin_lock(&vmap_lock);
	list_for_each_entry_safe(va, next, &done, purge_list) {
		list_del_init(&va->purge_list);
		merge_into_free(va);
	}
	list_splice_tail(&kept, &purge_list);
	lazy_nr_pages += kept_pages;
	spin_unlock(&vmap_lock);
	list_for_each_entry_safe(va, next, &lost, purge_list)
		kmem_cache_free(vmap_area_cachep, va);
}

void vmap_area_for_each(void (*busy)(struct vmap_area *va, void *arg),
			void (*unpurged)(struct vmap_area *va, void *arg), void *arg)
{
	struct vmap_area *va;

	spin_lock(&vmap_lock);
	for (struct rb_node *n = rb_first(&busy_root); n; n = rb_next(n))
		busy(rb_entry(n, struct vmap_area, rb_node), arg);
	list_for_each_entry(va, &purge_list, purge_list)
		unpurged(va, arg);
	spin_unlock(&vmap_lock);
}

int vmap_area_init(unsigned long start, unsigned long end)
{
	struct vmap_area *all;

	busy_root = RB_ROOT;
	free_root = RB_ROOT;
	free_size_root = RB_ROOT;
	INIT_LIST_HEAD(&purge_list);
	lazy_nr_pages = 0;
	vmap_area_cachep = kmem_cache_create("vmap_area", sizeof(struct vmap_area), 0,
					     SLAB_PANIC, NULL);
	all = vmap_area_alloc(GFP_KERNEL);
	if (!all)
		return -ENOMEM;
	all->va_start = start;
	all->va_end = end;
	insert_free(all);
	return 0;
}

static void free_tree(struct rb_root *root, bool size_tree)
{
	struct rb_node *n;

	while ((n = rb_first(root))) {
		struct vmap_area *va = size_tree ? rb_entry(n, struct vmap_area, size_node) :
						   rb_entry(n, struct vmap_area, rb_node);

		rb_erase(n, root);
		if (!size_tree)
			kmem_cache_free(vmap_area_cachep, va);
	}
}

void vmap_area_exit(void)
{
	struct vmap_area *va, *next;

	list_for_each_entry_safe(va, next, &purge_list, purge_list)
		kmem_cache_free(vmap_area_cachep, va);
	INIT_LIST_HEAD(&purge_list);
	free_tree(&free_size_root, true);
	free_tree(&free_root, false);
	free_tree(&busy_root, false);
	kmem_cache_destroy(vmap_area_cachep);
	vmap_area_cachep = NULL;
}

/* fork (machine/fork.h): the area trees whole in the child. */
static void vmap_fork_lock(void) { spin_lock(&vmap_lock); }
static void vmap_fork_unlock(void) { spin_unlock(&vmap_lock); }
FORK_LOCK(vmap, FORK_ORDER_VMAP, vmap_fork_lock, vmap_fork_unlock);
