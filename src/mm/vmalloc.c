// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/vmalloc.c: vmalloc, vmap and friends on real mappings.
 *
 * An area is a vmap_area (mm/vmap_area.c) plus a vm_struct. vmalloc takes pages from the
 * page allocator in the largest blocks it can get (falling back order by order, as
 * Linux's huge vmalloc does), splits them into order-0 pages, enters every page in the
 * kernel page tables (mm/pgtable.c), and maps each physically contiguous run of the
 * memory file into the area with one host mapping -- so a 256 MiB vmalloc on a fresh
 * machine is a handful of host mappings, and the area aliases the direct map exactly.
 * Mappings are populated up front: the pages are the area's, as in the kernel, and
 * entering them in one call is cheaper than a host fault per first touch.
 * The page after every area stays unmapped: an overrun faults. vfree clears the page
 * tables, frees the pages, and leaves the host mapping to the lazy purge.
 * Parameter: vmalloc=<size> or auto, the default: x86-64's 32T where the host has the
 * room, else the largest power of two down to 1T (1T under Valgrind, 32G under TSan)
 * sizes the address space. */
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/mman.h>
#include <linux/kernel.h>
#include <linux/kmemleak.h>
#include <linux/migrate.h>
#include <linux/mm.h>
#include <linux/sort.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/export.h>
#include "debug/track.h"
#include "fs/meminfo.h"
#include "fs/proc.h"
#include "host/host.h"
#include "kernel/params.h"
#include "kernel/report.h"
#include "machine/boot.h"
#include "machine/initcalls.h"
#include "machine/kaslr.h"
#include "machine/physmem.h"
#include "mm/internal.h"
#include "mm/pgtable.h"
#include "mm/user_mm.h"
#include "mm/vmap_area.h"

unsigned long vmalloc_start, vmalloc_end;
EXPORT_SYMBOL(vmalloc_end);
EXPORT_SYMBOL(vmalloc_start);
static unsigned long long vmalloc_size;

/* vmalloc=auto (the default) asks for x86-64's 32 TiB (VMALLOC_SIZE_TB with 4-level
 * tables) and takes the largest power of two down to VMALLOC_MIN_AUTO that the window
 * has a hole for at boot: a test harness's arena or a library's heap may lie in it. */
#define VMALLOC_MAX_AUTO	(32ULL << 40)
#if defined(__SANITIZE_THREAD__)
/* ThreadSanitizer's application ranges leave no room for a 1 TiB reservation. */
#define VMALLOC_MIN_AUTO	(32ULL << 30)
#else
#define VMALLOC_MIN_AUTO	(1ULL << 40)
#endif

static int set_vmalloc(const char *v)
{
	char *end;
	unsigned long long size;

	if (!strcmp(v, "auto")) {
		vmalloc_size = 0;
		return 0;
	}
	size = memparse(v, &end);
	if (*end || size < (16ULL << 20) || size > (1ULL << 45))
		return -EINVAL;
	vmalloc_size = size & PAGE_MASK;
	return 0;
}
UKMEM_SETUP("vmalloc=", set_vmalloc, "auto");

/**
 * is_vmalloc_addr - whether an address lies in the vmalloc range
 * @x: the address
 *
 * Context: any context; takes no lock.
 * Return: true if @x is in [VMALLOC_START, VMALLOC_END), mapped or not.
 */
bool is_vmalloc_addr(const void *x)
{
	unsigned long addr = (unsigned long)x;

	return addr >= VMALLOC_START && addr < VMALLOC_END;
}
EXPORT_SYMBOL(is_vmalloc_addr);

/* ---- areas ---- */

static struct vm_struct *new_vm_area(unsigned long size, unsigned long align,
				     unsigned long flags, unsigned long start,
				     unsigned long end, gfp_t gfp, const void *caller)
{
	struct vm_struct *area;
	struct vmap_area *va;

	ukmem_ensure_booted();
	size = PAGE_ALIGN(size);
	if (!size)
		return NULL;
	if (!(flags & VM_NO_GUARD))
		size += PAGE_SIZE;
	area = kzalloc(sizeof(*area), gfp & GFP_RECLAIM_MASK);
	if (!area)
		return NULL;
	va = alloc_vmap_area(size, align, start, end, gfp);
	if (!va) {
		kfree(area);
		return NULL;
	}
	area->addr = (void *)va->va_start;
	area->size = size;
	area->flags = flags;
	area->caller = caller;
	va->vm = area;
	ukmem_track_unpoison(area->addr, size);
	return area;
}

struct vm_struct *__get_vm_area_caller(unsigned long size, unsigned long flags,
				       unsigned long start, unsigned long end, const void *caller)
{
	return new_vm_area(size, 1, flags, start, end, GFP_KERNEL, caller);
}

struct vm_struct *get_vm_area_caller(unsigned long size, unsigned long flags, const void *caller)
{
	return new_vm_area(size, 1, flags, VMALLOC_START, VMALLOC_END, GFP_KERNEL, caller);
}

struct vm_struct *get_vm_area(unsigned long size, unsigned long flags)
{
	return get_vm_area_caller(size, flags, __builtin_return_address(0));
}

struct vm_struct *find_vm_area(const void *addr)
{
	struct vmap_area *va = find_vmap_area((unsigned long)addr);

	return va ? va->vm : NULL;
}

/* Clears the area's page tables and hands its range to the lazy purge. */
struct vm_struct *remove_vm_area(const void *addr)
{
	struct vmap_area *va = find_vmap_area((unsigned long)addr);
	struct vm_struct *vm;

	if (!va || !va->vm || va->va_start != (unsigned long)addr)
		return NULL;
	vm = va->vm;
	pgtable_unmap(va->va_start, get_vm_area_size(vm));
	if (vm->flags & VM_NO_GUARD)
		va->vm = NULL;		/* on the lazy list: no guard page at its end */
	free_vmap_area_lazy(va);
	return vm;
}

/**
 * free_vm_area - unmap and free an area from get_vm_area() or alloc_vm_area()
 * @area: the area
 *
 * Does not free the pages that were mapped into it; warns if @area is not registered.
 *
 * Context: process context; takes vmap_lock (a spinlock).
 */
void free_vm_area(struct vm_struct *area)
{
	struct vm_struct *removed = remove_vm_area(area->addr);

	WARN_ON(removed != area);
	kfree(area);
}
EXPORT_SYMBOL_GPL(free_vm_area);

/* ---- mapping ---- */

/* Enters pages[0..nr) at addr: kernel page tables, then one host mapping per physically
 * contiguous run. */
static int map_pages(unsigned long addr, struct page **pages, unsigned int nr, pgprot_t prot)
{
	unsigned int i = 0;

	while (i < nr) {
		unsigned long pfn = page_to_pfn(pages[i]);
		unsigned int run = 1;
		int err;

		while (i + run < nr && page_to_pfn(pages[i + run]) == pfn + run)
			run++;
		err = pgtable_map_pfns(addr + (unsigned long)i * PAGE_SIZE, pfn, run, prot);
		if (!err)
			err = host_map_file((void *)(addr + (unsigned long)i * PAGE_SIZE), physmem_fd,
					    (off_t)PFN_PHYS(pfn), (size_t)run * PAGE_SIZE, true);
		if (err)
			return err;
		i += run;
	}
	return 0;
}

static unsigned long largest_order_for(unsigned long pages)
{
	unsigned int order = 63 - (unsigned int)__builtin_clzl(pages);

	return min(order, (unsigned int)MAX_ORDER - 1);
}

static const struct movable_operations vmalloc_mops;

/* ---- movable pages ----
 * A page vmalloc allocated is movable: page->private names its area, page->index its
 * place there. Moving it (compaction) remaps the area's host mapping and page table
 * entry of that page; the area's reference is the page's only one besides the mover's,
 * or it stays (a driver that took a reference -- a user mapping, a pin -- keeps it
 * where it is). Changes of the owner (vfree, vrealloc) happen under the page lock. */

static bool vmalloc_isolate_page(struct page *page, isolate_mode_t mode)
{
	return true;	/* page locked and movable: its area is alive */
}

static int vmalloc_migrate_page(struct page *dst, struct page *src, enum migrate_mode mode)
{
	struct vm_struct *vm = (struct vm_struct *)page_private(src);
	unsigned long idx = src->index, addr = (unsigned long)vm->addr + idx * PAGE_SIZE;
	struct host_alias aliases[MIGRATE_MAX_ALIASES] = {
		{ .addr = addr, .prot = PROT_READ | PROT_WRITE, .shared = true, .populate = true },
	};
	unsigned long *user_ptes[MIGRATE_MAX_ALIASES];
	int mapped, nr_user, expected, err = -EAGAIN;
	unsigned int level;
	pte_t *pte = lookup_address(addr, &level);

	if (WARN_ON_ONCE(idx >= vm->nr_pages || vm->pages[idx] != src || !pte))
		return -EBUSY;
	/* user mappings (remap_vmalloc_range, a fault handler's vmalloc_to_page) move too */
	if (!user_mm_lock_ptes())
		return -EAGAIN;
	mapped = page_mapcount(src);
	nr_user = user_page_aliases(src, aliases + 1, user_ptes, MIGRATE_MAX_ALIASES - 1);
	if (nr_user != mapped)
		goto out;	/* a mapping the page cannot leave: it stays */
	/* Frozen at 0, no new reference can be had while the page moves: the area's, the
	 * mover's and one per user mapping are all there may be. */
	expected = 2 + mapped;
	if (!__atomic_compare_exchange_n(&src->_refcount.counter, &expected, 0, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
		goto out;
	if (migrate_page_remap_host(aliases, 1 + nr_user, dst, src)) {
		set_page_count(src, 2 + mapped);
		goto out;
	}
	pgtable_map_pfns(addr, page_to_pfn(dst), 1, pte_pgprot(*pte));
	user_ptes_retarget(user_ptes, nr_user, dst);
	WRITE_ONCE(vm->pages[idx], dst);
	set_page_private(dst, (unsigned long)vm);
	dst->index = idx;
	__SetPageMovable(dst, page_movable_ops(src));
	__ClearPageMovable(src);
	set_page_private(src, 0);
	src->index = 0;
	/* the area's reference and the mappings' go with the contents */
	atomic_set(&dst->_mapcount, atomic_read(&src->_mapcount));
	atomic_set(&src->_mapcount, -1);
	page_ref_add(dst, 1 + mapped);
	set_page_count(src, 1);
	err = MIGRATEPAGE_SUCCESS;
out:
	user_mm_unlock_ptes();
	return err;
}

static void vmalloc_putback_page(struct page *page)
{
}

static const struct movable_operations vmalloc_mops = {
	.isolate_page = vmalloc_isolate_page,
	.migrate_page = vmalloc_migrate_page,
	.putback_page = vmalloc_putback_page,
};

/* The page at area->pages[i], locked: it may move until its lock is held. A reference
 * is held while locking, so that a page that moved away is not freed under the lock. */
static struct page *lock_area_page(struct vm_struct *area, unsigned int i)
{
	for (;;) {
		struct page *page = READ_ONCE(area->pages[i]);
		bool ours;

		if (!get_page_unless_zero(page)) {	/* frozen: a move is under way */
			sched_yield();
			continue;
		}
		lock_page(page);
		ours = READ_ONCE(area->pages[i]) == page;
		if (!ours)
			unlock_page(page);
		put_page(page);		/* the area holds one if ours; else maybe the last */
		if (ours)
			return page;
	}
}

/* Makes area->pages[from..nr_pages) movable, owned by area (once the area is mapped). */
static void area_pages_make_movable(struct vm_struct *area, unsigned int from)
{
	for (unsigned int i = from; i < area->nr_pages; i++) {
		struct page *page = area->pages[i];

		/* no lock: nothing moves a page before its mapping says it is movable, and
		 * __SetPageMovable publishes the mapping after private and index */
		set_page_private(page, (unsigned long)area);
		page->index = i;
		__SetPageMovable(page, &vmalloc_mops);
	}
}

/* Takes the area's pages out of migration's reach (for vfree, or to give them to another
 * area): once each page's lock is had, no move of it is under way or can start. */
static void area_pages_pin(struct vm_struct *area)
{
	for (unsigned int i = 0; i < area->nr_pages; i++) {
		struct page *page;

		if (!area->pages[i] || !__PageMovable(area->pages[i]))
			continue;
		page = lock_area_page(area, i);
		if (page_private(page) != (unsigned long)area || !PageMovable(page) ||
		    page_movable_ops(page) != &vmalloc_mops) {
			unlock_page(page);	/* not a page of this area's making */
			continue;
		}
		__ClearPageMovable(page);	/* a mover holding it sees the owner let go */
		set_page_private(page, 0);
		page->index = 0;
		unlock_page(page);
	}
}

static int cmp_page_ptr(const void *a, const void *b)
{
	unsigned long pa = page_to_pfn(*(struct page *const *)a);
	unsigned long pb = page_to_pfn(*(struct page *const *)b);

	return pa < pb ? -1 : pa > pb;
}

/* Fills area->pages[filled..nr_pages) with pages of movable pageblocks, taking the
 * largest blocks it can, in address order (so that neighbouring blocks share a host
 * mapping). The blocks' heads are gathered first, their orders in page_private, sorted,
 * then spread into their pages from the last: a head's pages never reach a head not yet
 * spread, as each head stands for at least one page. */
static int fill_area_pages(struct vm_struct *area, unsigned int filled, gfp_t gfp, int node)
{
	unsigned int first = filled, heads = 0, ceiling = MAX_ORDER - 1;
	unsigned long want = area->nr_pages - filled;

	gfp |= __GFP_MOVABLE;
	while (want) {
		unsigned int order = min((unsigned int)largest_order_for(want), ceiling);
		struct page *page = NULL;

		/* An order that failed (after direct compaction) is not asked for again by
		 * this area: one try per order, not one per block. */
		for (;; order--) {
			gfp_t try = order ? (gfp | __GFP_NOWARN | __GFP_NORETRY) & ~__GFP_NOFAIL :
					 gfp | __GFP_NOWARN;	/* vmalloc reports the failure */

			page = alloc_pages_node(node, try & ~__GFP_COMP, order);
			if (page || !order)
				break;
		}
		if (!page)
			break;
		ceiling = order;
		split_page(page, order);
		set_page_private(page, order);
		area->pages[first + heads++] = page;
		want -= 1UL << order;
	}
	sort(area->pages + first, heads, sizeof(struct page *), cmp_page_ptr, NULL);
	filled = area->nr_pages - (unsigned int)want;
	for (unsigned int h = heads, end = filled; h-- > 0;) {
		struct page *head = area->pages[first + h];
		unsigned long n = 1UL << page_private(head);

		set_page_private(head, 0);
		end -= (unsigned int)n;
		for (unsigned long i = 0; i < n; i++)
			area->pages[end + i] = head + i;
	}
	return want ? -ENOMEM : 0;
}

static void free_area_pages(struct vm_struct *area)
{
	area_pages_pin(area);
	for (unsigned int i = 0; i < area->nr_pages; i++)
		if (area->pages[i])
			__free_pages(area->pages[i], 0);
}

/* Undoes a half-made area: its pages, page array and range (to the lazy purge). */
static void discard_area(struct vm_struct *area)
{
	if (area->pages)
		free_area_pages(area);
	kvfree(area->pages);
	remove_vm_area(area->addr);
	kfree(area);
}

void *__vmalloc_node_range(unsigned long size, unsigned long align, unsigned long start,
			   unsigned long end, gfp_t gfp, pgprot_t prot,
			   unsigned long vm_flags, int node, const void *caller)
{
	unsigned long real_size = size;
	struct vm_struct *area;
	size_t array_size;
	bool purged = false;
	int err;

	might_sleep_if(gfpflags_allow_blocking(gfp));
	ukmem_ensure_booted();
	size = PAGE_ALIGN(size);
	if (!size || (size >> PAGE_SHIFT) > totalram_pages()) {
		warn_alloc(gfp, "vmalloc error: size %lu, exceeds total pages", real_size);
		return NULL;
	}
again:
	area = new_vm_area(size, align, VM_ALLOC | VM_UNINITIALIZED | vm_flags, start, end,
			   gfp, caller);
	if (!area) {
		warn_alloc(gfp, "vmalloc error: size %lu, vm_struct allocation failed", real_size);
		return NULL;
	}
	area->nr_pages = (unsigned int)(size >> PAGE_SHIFT);
	array_size = (size_t)area->nr_pages * sizeof(struct page *);
	area->pages = kvzalloc(array_size, (gfp & GFP_RECLAIM_MASK) | __GFP_NOWARN);
	if (!area->pages) {
		warn_alloc(gfp, "vmalloc error: size %lu, failed to allocated page array size %zu",
			   size, array_size);
		goto fail;
	}
	if (fill_area_pages(area, 0, gfp, node)) {
		warn_alloc(gfp, "vmalloc error: size %lu, page order %u, failed to allocate pages",
			   size, 0U);
		goto fail;
	}
	err = map_pages((unsigned long)area->addr, area->pages, area->nr_pages, prot);
	if (err == -ENOMEM && !purged) {
		/* The host's mapping limit: lazily freed areas still hold host mappings. */
		discard_area(area);
		purge_vmap_areas();
		purged = true;
		goto again;
	}
	if (err) {
		warn_alloc(gfp, "vmalloc error: size %lu, failed to map pages", size);
		if (err == -ENOMEM && !(gfp & __GFP_NOWARN))
			pr_warn("vmalloc: the process has %d host mappings, vm.max_map_count is %d\n",
				host_map_count(), host_max_map_count());
		goto fail;
	}
	if (gfp & __GFP_ZERO)
		memset(area->addr, 0, size);
	__atomic_fetch_add(&meminfo_vmalloc_pages.counter, (long)area->nr_pages, __ATOMIC_RELAXED);
	area->flags &= ~VM_UNINITIALIZED;
	area_pages_make_movable(area, 0);
	ukmem_track_alloc(area->addr, real_size, size, !!(gfp & __GFP_ZERO));
	kmemleak_vmalloc(area, size, gfp);
	return area->addr;

fail:
	discard_area(area);
	return NULL;
}

/**
 * vrealloc - resize a vmalloc() area
 * @p: the area, or NULL (then it is vmalloc())
 * @size: the new size in bytes; 0 frees @p
 * @gfp: GFP flags for new pages
 *
 * Linux 6.12's call, which ukmem also offers. Shrinking keeps the area; growing moves
 * its pages into a larger area and adds pages after them, with nothing copied.
 *
 * Context: process context; may sleep if @gfp allows.
 * Return: the area (possibly moved), or NULL on failure (then @p is left as it was) and
 * for @size 0; a pointer that is not a vmalloc() area warns and returns NULL.
 */
void *vrealloc(const void *p, size_t size, gfp_t gfp)
{
	const void *caller = __builtin_return_address(0);
	unsigned long new_size = PAGE_ALIGN(size), old_size;
	struct vm_struct *old, *area;
	unsigned int nr;

	if (!p)
		return __vmalloc_node(size, 1, gfp, NUMA_NO_NODE, caller);
	old = find_vm_area(p);
	if (!old || old->addr != p || (old->flags & (VM_ALLOC | VM_UNINITIALIZED)) != VM_ALLOC) {
		WARN(1, KERN_ERR "Trying to vrealloc() nonexistent vm area (%016lx)\n",
		     (unsigned long)p);
		return NULL;
	}
	if (!size) {
		vfree(p);
		return NULL;
	}
	nr = (unsigned int)(new_size >> PAGE_SHIFT);
	if (nr <= old->nr_pages)
		return (void *)p;
	old_size = (unsigned long)old->nr_pages << PAGE_SHIFT;
	area = new_vm_area(new_size, 1, VM_ALLOC | VM_UNINITIALIZED, VMALLOC_START, VMALLOC_END,
			   gfp, caller);
	if (!area)
		return NULL;
	area->nr_pages = nr;
	area->pages = kvzalloc((size_t)nr * sizeof(struct page *), (gfp & GFP_RECLAIM_MASK) | __GFP_NOWARN);
	if (!area->pages)
		goto fail;
	area_pages_pin(old);	/* they move to the new area with their places */
	memcpy(area->pages, old->pages, (size_t)old->nr_pages * sizeof(struct page *));
	if (fill_area_pages(area, old->nr_pages, gfp, NUMA_NO_NODE) ||
	    map_pages((unsigned long)area->addr, area->pages, nr, PAGE_KERNEL)) {
		warn_alloc(gfp, "vmalloc error: size %zu, vrealloc failed", size);
		goto fail;
	}
	if (gfp & __GFP_ZERO)
		memset((char *)area->addr + old_size, 0, new_size - old_size);
	__atomic_fetch_add(&meminfo_vmalloc_pages.counter, (long)(nr - old->nr_pages), __ATOMIC_RELAXED);
	area->flags &= ~VM_UNINITIALIZED;
	area_pages_make_movable(area, 0);
	/* The old area goes; its pages stay, now the new area's. */
	kmemleak_free(p);
	ukmem_track_free(old->addr, old_size);
	remove_vm_area(p);
	kvfree(old->pages);
	kfree(old);
	ukmem_track_alloc(area->addr, size, new_size, 1);
	kmemleak_vmalloc(area, new_size, gfp);
	return area->addr;

fail:
	area_pages_make_movable(old, 0);
	if (area->pages)
		for (unsigned int i = old->nr_pages; i < nr; i++)
			if (area->pages[i])
				__free_pages(area->pages[i], 0);
	kvfree(area->pages);
	remove_vm_area(area->addr);
	kfree(area);
	return NULL;
}
EXPORT_SYMBOL(vrealloc);

/**
 * __vmalloc_node - allocate virtually contiguous memory with a given alignment on a node
 * @size: bytes
 * @align: the area's alignment
 * @gfp: GFP flags for the pages and page tables
 * @node: the preferred node, or NUMA_NO_NODE
 * @caller: the address /proc/vmallocinfo names
 *
 * Context: process context; may sleep if @gfp allows. Not from an interrupt.
 * Return: the area, or NULL.
 */
void *__vmalloc_node(unsigned long size, unsigned long align, gfp_t gfp, int node,
		     const void *caller)
{
	return __vmalloc_node_range(size, align, VMALLOC_START, VMALLOC_END, gfp, PAGE_KERNEL, 0,
				    node, caller);
}
EXPORT_SYMBOL_GPL(__vmalloc_node);

#define VMALLOC_CALLER __builtin_return_address(0)

/**
 * __vmalloc - allocate virtually contiguous memory with given GFP flags
 * @size: bytes
 * @gfp: GFP flags (__GFP_ZERO zeroes it)
 *
 * Context: process context; may sleep if @gfp allows.
 * Return: the area, or NULL.
 */
void *__vmalloc(unsigned long size, gfp_t gfp)
{
	return __vmalloc_node(size, 1, gfp, NUMA_NO_NODE, VMALLOC_CALLER);
}
EXPORT_SYMBOL(__vmalloc);

/**
 * vmalloc - allocate virtually contiguous memory
 * @size: bytes
 *
 * The pages need not be physically contiguous; they are mapped in the kernel's page
 * tables at a page-aligned address in the vmalloc range.
 *
 * Context: process context; may sleep (GFP_KERNEL).
 * Return: the area (free it with vfree()), or NULL.
 */
void *vmalloc(unsigned long size)
{
	return __vmalloc_node(size, 1, GFP_KERNEL, NUMA_NO_NODE, VMALLOC_CALLER);
}
EXPORT_SYMBOL(vmalloc);

/**
 * vzalloc - allocate zeroed, virtually contiguous memory
 * @size: bytes
 *
 * Context: process context; may sleep (GFP_KERNEL).
 * Return: the area, or NULL.
 */
void *vzalloc(unsigned long size)
{
	return __vmalloc_node(size, 1, GFP_KERNEL | __GFP_ZERO, NUMA_NO_NODE, VMALLOC_CALLER);
}
EXPORT_SYMBOL(vzalloc);

/**
 * vmalloc_node - allocate virtually contiguous memory on a node
 * @size: bytes
 * @node: the preferred node, or NUMA_NO_NODE
 *
 * Context: process context; may sleep (GFP_KERNEL).
 * Return: the area, or NULL.
 */
void *vmalloc_node(unsigned long size, int node)
{
	return __vmalloc_node(size, 1, GFP_KERNEL, node, VMALLOC_CALLER);
}
EXPORT_SYMBOL(vmalloc_node);

/**
 * vzalloc_node - allocate zeroed, virtually contiguous memory on a node
 * @size: bytes
 * @node: the preferred node, or NUMA_NO_NODE
 *
 * Context: process context; may sleep (GFP_KERNEL).
 * Return: the area, or NULL.
 */
void *vzalloc_node(unsigned long size, int node)
{
	return __vmalloc_node(size, 1, GFP_KERNEL | __GFP_ZERO, node, VMALLOC_CALLER);
}
EXPORT_SYMBOL(vzalloc_node);

/**
 * vmalloc_user - allocate zeroed memory that may be mapped to user space
 * @size: bytes
 *
 * The area is page aligned and marked VM_USERMAP, so remap_vmalloc_range() accepts it.
 *
 * Context: process context; may sleep (GFP_KERNEL).
 * Return: the area, or NULL.
 */
void *vmalloc_user(unsigned long size)
{
	return __vmalloc_node_range(size, PAGE_SIZE, VMALLOC_START, VMALLOC_END,
				    GFP_KERNEL | __GFP_ZERO, PAGE_KERNEL, VM_USERMAP, NUMA_NO_NODE,
				    VMALLOC_CALLER);
}
EXPORT_SYMBOL(vmalloc_user);

/**
 * vmalloc_32 - allocate virtually contiguous memory from 32-bit addressable pages
 * @size: bytes
 *
 * Context: process context; may sleep (GFP_KERNEL | GFP_DMA32).
 * Return: the area, or NULL.
 */
void *vmalloc_32(unsigned long size)
{
	return __vmalloc_node(size, 1, GFP_KERNEL | GFP_DMA32, NUMA_NO_NODE, VMALLOC_CALLER);
}
EXPORT_SYMBOL(vmalloc_32);

/**
 * vmalloc_32_user - allocate zeroed, 32-bit addressable memory that may be mapped to user space
 * @size: bytes
 *
 * Context: process context; may sleep.
 * Return: the area (VM_USERMAP), or NULL.
 */
void *vmalloc_32_user(unsigned long size)
{
	return __vmalloc_node_range(size, PAGE_SIZE, VMALLOC_START, VMALLOC_END,
				    GFP_KERNEL | GFP_DMA32 | __GFP_ZERO, PAGE_KERNEL, VM_USERMAP,
				    NUMA_NO_NODE, VMALLOC_CALLER);
}
EXPORT_SYMBOL(vmalloc_32_user);

/**
 * vmalloc_array - vmalloc() an array of @n elements of @size bytes
 * @n: the number of elements
 * @size: the size of one
 *
 * Context: process context; may sleep.
 * Return: the area, or NULL (also when @n * @size overflows).
 */
void *vmalloc_array(size_t n, size_t size)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return __vmalloc_node(bytes, 1, GFP_KERNEL, NUMA_NO_NODE, VMALLOC_CALLER);
}
EXPORT_SYMBOL(vmalloc_array);

/**
 * vcalloc - vzalloc() an array of @n elements of @size bytes
 * @n: the number of elements
 * @size: the size of one
 *
 * Context: process context; may sleep.
 * Return: the zeroed area, or NULL (also when @n * @size overflows).
 */
void *vcalloc(size_t n, size_t size)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return __vmalloc_node(bytes, 1, GFP_KERNEL | __GFP_ZERO, NUMA_NO_NODE, VMALLOC_CALLER);
}
EXPORT_SYMBOL(vcalloc);

/* ---- freeing ---- */

static bool vfree_address_ok(const void *addr)
{
	if (WARN(!PAGE_ALIGNED(addr), "Trying to vfree() bad address (%016lx)\n",
		 (unsigned long)addr))
		return false;
	return true;
}

static void release_area(struct vm_struct *vm, bool free_pages)
{
	if (free_pages) {
		free_area_pages(vm);
		__atomic_fetch_sub(&meminfo_vmalloc_pages.counter, (long)vm->nr_pages,
				   __ATOMIC_RELAXED);
	}
	if (free_pages || (vm->flags & VM_MAP_PUT_PAGES))
		kvfree(vm->pages);
	kfree(vm);
}

static void do_vfree(const void *addr, bool from_vunmap)
{
	struct vm_struct *vm;

	if (!addr || !vfree_address_ok(addr))
		return;
	vm = find_vm_area(addr);
	if (!vm || vm->addr != addr || (from_vunmap ? !(vm->flags & VM_MAP) : !(vm->flags & VM_ALLOC))) {
		WARN(1, KERN_ERR "Trying to %s() nonexistent vm area (%016lx)\n",
		     from_vunmap ? "vunmap" : "vfree", (unsigned long)addr);
		return;
	}
	if (vm->flags & VM_ALLOC)
		area_pages_pin(vm);	/* no move may retarget the range from here on */
	kmemleak_free(addr);
	if (vm->flags & VM_ALLOC)
		ukmem_track_free(vm->addr, get_vm_area_size(vm));
	remove_vm_area(addr);
	if (vm->flags & VM_MAP_PUT_PAGES) {
		free_area_pages(vm);
		release_area(vm, false);
		return;
	}
	release_area(vm, !from_vunmap);
}

/**
 * vfree - free memory from vmalloc() and its relatives
 * @addr: the area's start, or NULL (nothing is done)
 *
 * Unmaps the area and frees its pages. A pointer that is not the start of a vmalloc()
 * area warns ("Trying to vfree() nonexistent vm area").
 *
 * Context: may sleep in process context. It may also be called from an interrupt: Linux
 * 6.1 defers that free to a work item, ukmem frees at once (under vmap_lock, a spinlock).
 */
void vfree(const void *addr)
{
	if (!addr)
		return;
	if (!in_interrupt())
		might_sleep();
	do_vfree(addr, false);
}
EXPORT_SYMBOL(vfree);

void vfree_atomic(const void *addr)
{
	do_vfree(addr, false);
}

/* ---- vmap ---- */

/**
 * vmap - map an array of pages into a virtually contiguous area
 * @pages: the pages
 * @count: how many
 * @flags: VM_* flags; with VM_MAP_PUT_PAGES vfree() frees @pages and the array too
 * @prot: page protection (PAGE_KERNEL, ...)
 *
 * Context: process context; may sleep.
 * Return: the area's address (unmap it with vunmap()), or NULL when @count is 0 or larger
 * than RAM, or when out of memory.
 */
void *vmap(struct page **pages, unsigned int count, unsigned long flags, pgprot_t prot)
{
	struct vm_struct *area;

	might_sleep();
	if (!count || count > totalram_pages())
		return NULL;
	area = get_vm_area_caller((unsigned long)count << PAGE_SHIFT, flags | VM_MAP,
				  __builtin_return_address(0));
	if (!area)
		return NULL;
	if (map_pages((unsigned long)area->addr, pages, count, prot)) {
		vunmap(area->addr);
		return NULL;
	}
	if (flags & VM_MAP_PUT_PAGES) {
		area->pages = pages;
		area->nr_pages = count;
	}
	return area->addr;
}
EXPORT_SYMBOL(vmap);

/**
 * vunmap - unmap an area made by vmap()
 * @addr: the area's start
 *
 * The pages themselves are the caller's (unless vmap() was given VM_MAP_PUT_PAGES).
 *
 * Context: process context; may sleep.
 */
void vunmap(const void *addr)
{
	might_sleep();
	do_vfree(addr, true);
}
EXPORT_SYMBOL(vunmap);

/**
 * vm_map_ram - map pages into the vmalloc range quickly, for a short while
 * @pages: the pages
 * @count: how many
 * @node: the preferred node (unused by ukmem)
 *
 * Context: process context; may sleep (allocates with GFP_KERNEL).
 * Return: the address (unmap it with vm_unmap_ram() and the same @count), or NULL.
 */
void *vm_map_ram(struct page **pages, unsigned int count, int node)
{
	unsigned long size = (unsigned long)count << PAGE_SHIFT;
	struct vmap_area *va;

	ukmem_ensure_booted();
	va = alloc_vmap_area(size + PAGE_SIZE, PAGE_SIZE, VMALLOC_START, VMALLOC_END, GFP_KERNEL);
	if (!va)
		return NULL;
	ukmem_track_unpoison((void *)va->va_start, size);
	if (map_pages(va->va_start, pages, count, PAGE_KERNEL)) {
		pgtable_unmap(va->va_start, size);
		free_vmap_area_lazy(va);
		return NULL;
	}
	return (void *)va->va_start;
}
EXPORT_SYMBOL(vm_map_ram);

/**
 * vm_unmap_ram - unmap an area made by vm_map_ram()
 * @mem: the address vm_map_ram() returned
 * @count: the @count given to vm_map_ram()
 *
 * Warns if @mem and @count do not name such an area.
 *
 * Context: process context; takes vmap_lock (a spinlock), does not sleep.
 */
void vm_unmap_ram(const void *mem, unsigned int count)
{
	struct vmap_area *va = find_vmap_area((unsigned long)mem);

	if (!va || va->vm || va->va_start != (unsigned long)mem ||
	    va->va_end - va->va_start != ((unsigned long)count << PAGE_SHIFT) + PAGE_SIZE) {
		WARN(1, KERN_ERR "Trying to vm_unmap_ram() nonexistent area (%016lx)\n",
		     (unsigned long)mem);
		return;
	}
	pgtable_unmap(va->va_start, (unsigned long)count << PAGE_SHIFT);
	free_vmap_area_lazy(va);
}
EXPORT_SYMBOL(vm_unmap_ram);

/* ---- lookups ---- */

/**
 * vmalloc_to_page - the page mapped at a vmalloc or vmap address
 * @vmalloc_addr: the address
 *
 * Walks the kernel's page tables.
 *
 * Context: any context; takes no lock.
 * Return: the struct page, or NULL if nothing (or a huge mapping) is mapped there.
 */
struct page *vmalloc_to_page(const void *vmalloc_addr)
{
	unsigned int level;
	pte_t *pte = lookup_address((unsigned long)vmalloc_addr, &level);

	if (!pte || level != PG_LEVEL_4K || !pfn_valid(pte_pfn(*pte)))
		return NULL;
	return pfn_to_page(pte_pfn(*pte));
}
EXPORT_SYMBOL(vmalloc_to_page);

/**
 * vmalloc_to_pfn - the frame number mapped at a vmalloc or vmap address
 * @vmalloc_addr: the address
 *
 * Context: any context.
 * Return: the pfn, or 0 if nothing is mapped there.
 */
unsigned long vmalloc_to_pfn(const void *vmalloc_addr)
{
	struct page *page = vmalloc_to_page(vmalloc_addr);

	return page ? page_to_pfn(page) : 0;
}
EXPORT_SYMBOL(vmalloc_to_pfn);

/**
 * vmalloc_nr_pages - how many pages vmalloc() areas hold
 * Context: any context; a relaxed read of the counter.
 * Return: the number of pages (VmallocUsed in /proc/meminfo).
 */
unsigned long vmalloc_nr_pages(void)
{
	return (unsigned long)__atomic_load_n(&meminfo_vmalloc_pages.counter, __ATOMIC_RELAXED);
}
EXPORT_SYMBOL(vmalloc_nr_pages);

/* ---- /proc/vmallocinfo ---- */

static void show_busy(struct vmap_area *va, void *arg)
{
	struct seq_file *m = arg;
	struct vm_struct *v = va->vm;
	char sym[256];

	if (!v) {
		seq_printf(m, "0x%016lx-0x%016lx %7ld vm_map_ram\n", va->va_start, va->va_end,
			   (long)(va->va_end - va->va_start));
		return;
	}
	seq_printf(m, "0x%016lx-0x%016lx %7ld", (unsigned long)v->addr,
		   (unsigned long)v->addr + v->size, (long)v->size);
	if (v->caller)
		seq_printf(m, " %s", ukmem_symbolize(v->caller, sym, sizeof(sym)));
	if (v->nr_pages)
		seq_printf(m, " pages=%d", v->nr_pages);
	if (v->phys_addr)
		seq_printf(m, " phys=0x%016llx", (unsigned long long)v->phys_addr);
	if (v->flags & VM_IOREMAP)
		seq_puts(m, " ioremap");
	if (v->flags & VM_ALLOC)
		seq_puts(m, " vmalloc");
	if (v->flags & VM_MAP)
		seq_puts(m, " vmap");
	if (v->flags & VM_USERMAP)
		seq_puts(m, " user");
	if (v->flags & VM_DMA_COHERENT)
		seq_puts(m, " dma-coherent");
	if (is_vmalloc_addr(v->pages))
		seq_puts(m, " vpages");
	if (v->nr_pages && !(v->flags & VM_UNINITIALIZED)) {
		unsigned int counters[MAX_NUMNODES] = { 0 };

		for (unsigned int i = 0; i < v->nr_pages; i++)
			counters[page_to_nid(v->pages[i])]++;
		for (int nid = 0; nid < nr_online_nodes; nid++)
			if (counters[nid])
				seq_printf(m, " N%d=%u", nid, counters[nid]);
	}
	seq_putc(m, '\n');
}

static void show_unpurged(struct vmap_area *va, void *arg)
{
	seq_printf(arg, "0x%016lx-0x%016lx %7ld unpurged vm_area\n", va->va_start, va->va_end,
		   (long)(va->va_end - va->va_start));
}

static int vmallocinfo_show(struct seq_file *m, void *data)
{
	vmap_area_for_each(show_busy, show_unpurged, m);
	return 0;
}

int vmalloc_init(void)
{
	void *base;

	if (!vmalloc_size)
		vmalloc_size = kaslr_fit_size(VMALLOC_WINDOW_START, VMALLOC_WINDOW_END,
					      VMALLOC_MAX_AUTO, VMALLOC_MIN_AUTO);
	base = kaslr_reserve("vmalloc", VMALLOC_WINDOW_START, VMALLOC_WINDOW_END, vmalloc_size);
	if (!base)
		return -ENOMEM;
	vmalloc_start = (unsigned long)base;
	vmalloc_end = vmalloc_start + vmalloc_size;
	/* Linux's VMALLOC_END is the area's last byte: VmallocTotal is one byte short */
	meminfo_vmalloc_total_bytes = vmalloc_size - 1;
	meminfo_vmalloc_pages.counter = 0;
	proc_create_view("/proc/vmallocinfo", vmallocinfo_show, NULL);
	return vmap_area_init(vmalloc_start, vmalloc_end);
}

static void release_leftover(struct vmap_area *va, void *arg)
{
	struct vm_struct **list = arg;

	if (va->vm) {
		va->vm->next = *list;
		*list = va->vm;
	}
}

static void ignore_unpurged(struct vmap_area *va, void *arg)
{
}

void vmalloc_exit(void)
{
	struct vm_struct *leftover = NULL;

	/* Areas still allocated at shutdown: their pages vanish with the machine. */
	vmap_area_for_each(release_leftover, ignore_unpurged, &leftover);
	while (leftover) {
		struct vm_struct *next = leftover->next;

		/* vmalloc'd page arrays are areas of their own, released in this same walk */
		if (leftover->pages && !is_vmalloc_addr(leftover->pages) &&
		    (leftover->flags & (VM_ALLOC | VM_MAP_PUT_PAGES)))
			kfree(leftover->pages);
		kfree(leftover);
		leftover = next;
	}
	vmap_area_exit();
	host_release((void *)vmalloc_start, vmalloc_end - vmalloc_start);
	vmalloc_start = vmalloc_end = 0;
	meminfo_vmalloc_total_bytes = 0;
}
