/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* ukmem_inspect.h: looking inside a running machine from the program that runs it (the
 * ukmem tool's pictures and summaries are made with these): who owns each physical page,
 * what the framebuffer shows, which physical addresses a device model answers, and the
 * kernel's taint flags as text. Included by <ukmem.h>; nothing here changes the machine. */
#ifndef UKMEM_INSPECT_H
#define UKMEM_INSPECT_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef UKMEM_API
#define UKMEM_API	__attribute__((visibility("default")))
#endif

/* ---- The page census: the owner of every physical page ---- */

enum ukmem_page_owner {
	UKMEM_PAGE_HOLE,	/* no RAM: the legacy hole, the PCI hole, no struct page */
	UKMEM_PAGE_RESERVED,	/* PG_reserved: firmware and boot pages */
	UKMEM_PAGE_FREE,	/* in a buddy free list (or deferred): see order */
	UKMEM_PAGE_PCP,		/* free, on a per-CPU list */
	UKMEM_PAGE_SLAB,	/* a slab: see cache */
	UKMEM_PAGE_COMPOUND,	/* a compound block that is no slab: kmalloc-large, __GFP_COMP */
	UKMEM_PAGE_VMALLOC,	/* behind a vmalloc area */
	UKMEM_PAGE_TABLE,	/* a kernel page-table page */
	UKMEM_PAGE_OTHER,	/* alloc_pages / __get_free_pages */
	UKMEM_PAGE_OFFLINE,	/* PageOffline: given away, as a balloon driver's pages are */
	UKMEM_NR_PAGE_OWNERS
};

struct ukmem_page_census_cell {
	uint8_t owner;		/* enum ukmem_page_owner */
	uint8_t order;		/* UKMEM_PAGE_FREE: the free block's order */
	uint16_t cache;		/* UKMEM_PAGE_SLAB: index into cache_names */
};

#define UKMEM_PAGE_CENSUS_MAX_CACHES	512
#define UKMEM_PAGE_CENSUS_MAX_ORDER	11	/* Linux 6.1's MAX_ORDER */
#define UKMEM_PAGE_CENSUS_MAX_ZONES	64	/* nodes x zones */

/* The migrate type of a pageblock, as Linux 6.1's enum migratetype and /proc/pagetypeinfo
 * name them. */
enum ukmem_migratetype {
	UKMEM_MIGRATE_UNMOVABLE,
	UKMEM_MIGRATE_MOVABLE,
	UKMEM_MIGRATE_RECLAIMABLE,
	UKMEM_MIGRATE_HIGHATOMIC,
	UKMEM_MIGRATE_ISOLATE,
	UKMEM_NR_MIGRATETYPES,
	UKMEM_MIGRATE_NONE = 0xff	/* a pageblock no zone covers */
};

struct ukmem_page_census_zone {
	const char *name;	/* "DMA", "DMA32", "Normal" */
	int node;
	unsigned long start_pfn, end_pfn;
};

struct ukmem_page_census {
	unsigned long nr_pfns;				/* pfns 0 .. nr_pfns - 1 */
	struct ukmem_page_census_cell *cells;		/* one per pfn */
	unsigned long owner_pages[UKMEM_NR_PAGE_OWNERS];
	unsigned long free_pages_by_order[UKMEM_PAGE_CENSUS_MAX_ORDER];	/* pages, not blocks */
	unsigned int nr_caches;
	char *cache_names[UKMEM_PAGE_CENSUS_MAX_CACHES];
	unsigned long cache_pages[UKMEM_PAGE_CENSUS_MAX_CACHES];
	unsigned int nr_zones;
	struct ukmem_page_census_zone zones[UKMEM_PAGE_CENSUS_MAX_ZONES];
	/* Pageblocks of 2^pageblock_shift pages (Linux 6.1's pageblock_order, 9), from pfn 0:
	 * pageblock i covers pfns i << pageblock_shift onwards. */
	unsigned int pageblock_shift;
	unsigned long nr_pageblocks;
	uint8_t *pageblock_types;			/* enum ukmem_migratetype, one each */
	unsigned long pageblocks_by_type[UKMEM_NR_MIGRATETYPES];
};

/* Classifies every pfn of the running machine (booting the default one if none is up).
 * A census is a snapshot: each zone's lock is held while that zone is walked, so the
 * buddy state it shows is consistent per zone; slab and vmalloc pages are read as they
 * are; each pageblock's migrate type is read under its zone's lock. Returns 0 or -ENOMEM;
 * ukmem_page_census_release() frees what it holds. */
UKMEM_API int ukmem_page_census_take(struct ukmem_page_census *census);
UKMEM_API void ukmem_page_census_release(struct ukmem_page_census *census);
/* "free", "slab", "vmalloc", ...: the name a picture's legend gives an owner. */
UKMEM_API const char *ukmem_page_owner_name(enum ukmem_page_owner owner);
/* "Unmovable", "Movable", "Reclaimable", "HighAtomic", "Isolate": /proc/pagetypeinfo's
 * names; "?" for any other value. */
UKMEM_API const char *ukmem_migratetype_name(enum ukmem_migratetype type);

/* ---- Devices ---- */

/* The mode the framebuffer model (ukfb, <ukmem_devices.h>) shows. */
struct ukfb_mode {
	uint32_t width, height, stride, format;
	const void *pixels;	/* the device's view of VRAM */
};
/* 0 and the mode, or -ENODEV when no ukfb is attached or it is not enabled. */
UKMEM_API int ukmem_ukfb_mode(struct ukfb_mode *mode);
/* Whether a device model's window (MMIO registers or device memory) covers phys. */
UKMEM_API bool ukmem_mmio_window_at(uint64_t phys);

/* ---- Taint ---- */

/* The kernel's taint flags as its reports print them ("Not tainted" or
 * "Tainted: G    B   W ..."); a static buffer, valid until the next call. */
UKMEM_API const char *ukmem_print_tainted(void);

#ifdef __cplusplus
}
#endif
#endif
