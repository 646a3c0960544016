// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/page_census.c: classifies every physical page by owner for pictures of memory
 * (the public census of <ukmem_inspect.h>).
 * Order of evidence: vmalloc areas and per-CPU lists are marked first (their pages carry
 * no telling flag), then each zone is walked under its lock: buddy heads cover their
 * whole free block, deferred blocks are free at the top order, compound and multi-page
 * blocks give their tail pages the head's owner, and the page flags and types decide
 * the rest. Pages outside every zone are holes unless PG_reserved. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/kfence.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include <linux/vmalloc.h>
#include "mm/internal.h"
#include "mm/slab.h"
#include "mm/vmap_area.h"
#include "machine/boot.h"

_Static_assert(UKMEM_PAGE_CENSUS_MAX_ORDER == MAX_ORDER, "the public census has MAX_ORDER orders");
_Static_assert(UKMEM_PAGE_CENSUS_MAX_ZONES >= MAX_NUMNODES * MAX_NR_ZONES,
	       "the public census has room for every zone");
_Static_assert((int)UKMEM_NR_MIGRATETYPES == (int)MIGRATE_TYPES &&
	       (int)UKMEM_MIGRATE_MOVABLE == (int)MIGRATE_MOVABLE &&
	       (int)UKMEM_MIGRATE_RECLAIMABLE == (int)MIGRATE_RECLAIMABLE &&
	       (int)UKMEM_MIGRATE_HIGHATOMIC == (int)MIGRATE_HIGHATOMIC &&
	       (int)UKMEM_MIGRATE_ISOLATE == (int)MIGRATE_ISOLATE,
	       "the public migrate types are the kernel's");

#define UNSEEN	0xff	/* a cell not classified yet */

static const char *const owner_names[UKMEM_NR_PAGE_OWNERS] = {
	[UKMEM_PAGE_HOLE] = "hole",		[UKMEM_PAGE_RESERVED] = "reserved",
	[UKMEM_PAGE_FREE] = "free",		[UKMEM_PAGE_PCP] = "free (per-CPU list)",
	[UKMEM_PAGE_SLAB] = "slab",		[UKMEM_PAGE_COMPOUND] = "kmalloc-large / compound",
	[UKMEM_PAGE_VMALLOC] = "vmalloc",	[UKMEM_PAGE_TABLE] = "page table",
	[UKMEM_PAGE_OTHER] = "alloc_pages",	[UKMEM_PAGE_OFFLINE] = "offline",
};

/** ukmem_page_owner_name() - an owner's name in a picture's legend ("free", "slab", ...) */
const char *ukmem_page_owner_name(enum ukmem_page_owner owner)
{
	return (unsigned int)owner < UKMEM_NR_PAGE_OWNERS ? owner_names[owner] : "?";
}

/**
 * ukmem_migratetype_name() - a migrate type's name, as /proc/pagetypeinfo prints it
 * @type: an enum ukmem_migratetype
 *
 * Context: any. Return: "Unmovable", "Movable", ..., or "?" for a value out of range.
 */
const char *ukmem_migratetype_name(enum ukmem_migratetype type)
{
	return (unsigned int)type < UKMEM_NR_MIGRATETYPES ? migratetype_names[type] : "?";
}

static void mark(struct ukmem_page_census *c, unsigned long pfn, unsigned long nr, int owner,
		 int order, int cache)
{
	for (unsigned long i = pfn; i < pfn + nr && i < c->nr_pfns; i++) {
		c->cells[i].owner = (uint8_t)owner;
		c->cells[i].order = (uint8_t)order;
		c->cells[i].cache = (uint16_t)cache;
	}
}

static void mark_vmalloc_area(struct vmap_area *va, void *arg)
{
	struct vm_struct *vm = va->vm;

	if (!vm || !(vm->flags & VM_ALLOC) || !vm->pages)
		return;
	for (unsigned int i = 0; i < vm->nr_pages; i++)
		if (vm->pages[i])
			mark(arg, page_to_pfn(vm->pages[i]), 1, UKMEM_PAGE_VMALLOC, 0, 0);
}

static void skip_unpurged(struct vmap_area *va, void *arg)
{
	/* freed areas waiting to be unmapped: their pages are back in the allocator */
}

/* Every CPU's lists of the zone held (before zone->lock, in the allocator's order). */
static void mark_pcp_lists(struct ukmem_page_census *c, struct zone *zone)
{
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
		struct per_cpu_pages *pcp = &zone->per_cpu_pageset[cpu];
		struct page *page;

		for (int pindex = 0; pindex < NR_PCP_LISTS; pindex++) {
			int order = pindex / MIGRATE_PCPTYPES;

			list_for_each_entry(page, &pcp->lists[pindex], lru)
				mark(c, page_to_pfn(page), 1UL << order, UKMEM_PAGE_PCP, order, 0);
		}
	}
}

/* The census index of a slab page's cache; KFENCE's pool pages that hold no object
 * have no cache and count as "kfence". */
static int cache_index(struct ukmem_page_census *c, const struct kmem_cache *s,
		       struct page *page)
{
	const char *name = s ? s->name : is_kfence_address(page_address(page)) ? "kfence" : "?";

	for (unsigned int i = 0; i < c->nr_caches; i++)
		if (!strcmp(c->cache_names[i], name))
			return (int)i;
	if (c->nr_caches == UKMEM_PAGE_CENSUS_MAX_CACHES)
		return UKMEM_PAGE_CENSUS_MAX_CACHES - 1;
	c->cache_names[c->nr_caches] = strdup(name);
	return c->cache_names[c->nr_caches] ? (int)c->nr_caches++ : 0;
}

/* Pages the block headed by page spans: compound order, or the order a non-compound
 * block was allocated with (ukmem keeps it in the head's flags). */
static unsigned long block_pages(const struct page *page)
{
	unsigned long alloc_order = (page->flags & UKMEM_PG_ORDER_MASK) >> UKMEM_PG_ORDER_SHIFT;

	if (PageHead(page))
		return 1UL << compound_order((struct page *)page);
	return alloc_order ? 1UL << (alloc_order - 1) : 1;
}

/* Classifies the block starting at pfn; returns how many pfns it covered. */
static unsigned long classify(struct ukmem_page_census *c, struct zone *zone, unsigned long pfn)
{
	struct page *page = pfn_to_page(pfn);
	unsigned long nr;

	if (pfn >= zone->deferred_start_pfn && pfn < zone->deferred_end_pfn) {
		nr = zone->deferred_end_pfn - pfn;
		mark(c, pfn, nr, UKMEM_PAGE_FREE, MAX_ORDER - 1, 0);
		return nr;
	}
	if (c->cells[pfn].owner != UNSEEN)
		return 1;
	if (page->page_type == 0 && !page->flags) {	/* never initialised */
		mark(c, pfn, 1, UKMEM_PAGE_HOLE, 0, 0);
		return 1;
	}
	if (PageBuddy(page)) {
		nr = 1UL << page_private(page);
		mark(c, pfn, nr, UKMEM_PAGE_FREE, (int)page_private(page), 0);
		return nr;
	}
	if (PageTail(page)) {
		page = compound_head(page);
		nr = 1;
	} else {
		nr = block_pages(page);
	}
	if (PageSlab(page))
		mark(c, pfn, nr, UKMEM_PAGE_SLAB, 0, cache_index(c, ((struct slab *)page)->slab_cache,
								 page));
	else if (PageCompound(page))
		mark(c, pfn, nr, UKMEM_PAGE_COMPOUND, 0, 0);
	else if (PageTable(page))
		mark(c, pfn, nr, UKMEM_PAGE_TABLE, 0, 0);
	else if (PageOffline(page))
		mark(c, pfn, nr, UKMEM_PAGE_OFFLINE, 0, 0);
	else if (PageReserved(page))
		mark(c, pfn, nr, UKMEM_PAGE_RESERVED, 0, 0);
	else
		mark(c, pfn, nr, UKMEM_PAGE_OTHER, 0, 0);
	return nr;
}

static void walk_zone(struct ukmem_page_census *c, struct zone *zone)
{
	unsigned long end = zone->zone_start_pfn + zone->spanned_pages;
	struct ukmem_page_census_zone *z = &c->zones[c->nr_zones++];

	z->name = zone->name;
	z->node = zone->node;
	z->start_pfn = zone->zone_start_pfn;
	z->end_pfn = end;
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++)
		pcp_lock_remote(zone, cpu);
	raw_spin_lock(&zone->lock);
	mark_pcp_lists(c, zone);
	/* Allocated pages change under their owners meanwhile: a census is a picture. */
	for (unsigned long pfn = zone->zone_start_pfn; pfn < end && pfn < c->nr_pfns;)
		pfn += pfn_valid(pfn) ? data_race(classify(c, zone, pfn)) : 1;
	for (unsigned long pfn = zone->zone_start_pfn; pfn < end && pfn < c->nr_pfns;
	     pfn = ALIGN(pfn + 1, pageblock_nr_pages))
		/* by the zone: deferred blocks' struct pages do not name it yet */
		c->pageblock_types[pfn >> pageblock_order] =
			(uint8_t)pfnblock_migratetype(zone, pfn);
	raw_spin_unlock(&zone->lock);
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++)
		pcp_unlock_remote(&zone->per_cpu_pageset[cpu]);
}

/* Pages no zone covered: reserved when their struct page says so, else holes. */
static void classify_leftovers(struct ukmem_page_census *c)
{
	for (unsigned long pfn = 0; pfn < c->nr_pfns; pfn++) {
		if (c->cells[pfn].owner != UNSEEN)
			continue;
		c->cells[pfn].owner = pfn_valid(pfn) && PageReserved(pfn_to_page(pfn)) ?
				      UKMEM_PAGE_RESERVED : UKMEM_PAGE_HOLE;
	}
}

static void count(struct ukmem_page_census *c)
{
	for (unsigned long pfn = 0; pfn < c->nr_pfns; pfn++) {
		const struct ukmem_page_census_cell *cell = &c->cells[pfn];

		c->owner_pages[cell->owner]++;
		if (cell->owner == UKMEM_PAGE_FREE)
			c->free_pages_by_order[cell->order]++;
		else if (cell->owner == UKMEM_PAGE_SLAB)
			c->cache_pages[cell->cache]++;
	}
	for (unsigned long i = 0; i < c->nr_pageblocks; i++)
		if (c->pageblock_types[i] < UKMEM_NR_MIGRATETYPES)
			c->pageblocks_by_type[c->pageblock_types[i]]++;
}

/**
 * ukmem_page_census_take() - classify every page frame of the running machine by owner
 * @c: the census to fill; ukmem_page_census_release() frees what it holds
 *
 * Context: process context; boots the default machine if none is up. Takes each zone's
 * lock while walking that zone (and the vmap area lock), so the buddy state and the
 * pageblocks' migrate types are consistent per zone; slab and vmalloc pages are read
 * as they are.
 * Return: 0, or -ENOMEM.
 */
int ukmem_page_census_take(struct ukmem_page_census *c)
{
	int nid;

	if (!c)
		return -EFAULT;
	ukmem_ensure_booted();
	memset(c, 0, sizeof(*c));
	c->nr_pfns = max_pfn;
	c->cells = malloc(c->nr_pfns * sizeof(*c->cells));
	if (!c->cells)
		return -ENOMEM;
	memset(c->cells, UNSEEN, c->nr_pfns * sizeof(*c->cells));
	c->pageblock_shift = pageblock_order;
	c->nr_pageblocks = (c->nr_pfns + pageblock_nr_pages - 1) >> pageblock_order;
	c->pageblock_types = malloc(c->nr_pageblocks ? c->nr_pageblocks : 1);
	if (!c->pageblock_types) {
		free(c->cells);
		c->cells = NULL;
		return -ENOMEM;
	}
	memset(c->pageblock_types, UKMEM_MIGRATE_NONE, c->nr_pageblocks);
	vmap_area_for_each(mark_vmalloc_area, skip_unpurged, c);
	for_each_online_node(nid) {
		struct zone *zone;

		for_each_zone_in_node(zone, NODE_DATA(nid))
			if (zone->spanned_pages)
				walk_zone(c, zone);
	}
	classify_leftovers(c);
	count(c);
	return 0;
}

/** ukmem_page_census_release() - free a census' cells and names; it may be taken again */
void ukmem_page_census_release(struct ukmem_page_census *c)
{
	if (!c)
		return;
	for (unsigned int i = 0; i < c->nr_caches; i++)
		free(c->cache_names[i]);
	free(c->cells);
	free(c->pageblock_types);
	memset(c, 0, sizeof(*c));
}
