/* linux/mm.h: struct page <-> pfn <-> address conversions, page references and
 * page-to-zone lookups. mem_map is one flat array indexed by pfn (FLATMEM). */
#ifndef UKMEM_LINUX_MM_H
#define UKMEM_LINUX_MM_H

#include <linux/types.h>
#include <linux/mm_types.h>
#include <linux/page-flags.h>
#include <linux/mmzone.h>
#include <linux/gfp.h>
#include <linux/bug.h>
#include <asm/page.h>

extern struct page *mem_map;
extern unsigned long max_pfn;		/* one past the highest RAM pfn */
extern unsigned long totalram_pages_count;

#define ZONES_WIDTH	3
#define NODES_WIDTH	3
#define ZONES_PGSHIFT	(64 - ZONES_WIDTH)
#define NODES_PGSHIFT	(ZONES_PGSHIFT - NODES_WIDTH)
#define ZONES_MASK	((1UL << ZONES_WIDTH) - 1)
#define NODES_MASK	((1UL << NODES_WIDTH) - 1)

static inline unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - mem_map);
}
static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + pfn;
}
bool pfn_valid(unsigned long pfn);	/* RAM with a struct page (holes excluded) */

static inline void *lowmem_page_address(const struct page *page)
{
	return __va(PFN_PHYS(page_to_pfn(page)));
}
#define page_address(page)	lowmem_page_address(page)
#define page_to_virt(page)	lowmem_page_address(page)
#define page_to_phys(page)	PFN_PHYS(page_to_pfn(page))
#define phys_to_page(phys)	pfn_to_page(PHYS_PFN(phys))
#define virt_to_pfn(kaddr)	PHYS_PFN(__pa(kaddr))
#define virt_to_page(kaddr)	pfn_to_page(virt_to_pfn(kaddr))
#define virt_addr_valid(kaddr)	\
	((unsigned long)(kaddr) >= PAGE_OFFSET && pfn_valid(virt_to_pfn(kaddr)))

static inline int page_zonenum(const struct page *page)
{
	return (int)((page->flags >> ZONES_PGSHIFT) & ZONES_MASK);
}
static inline int page_to_nid(const struct page *page)
{
	return (int)((page->flags >> NODES_PGSHIFT) & NODES_MASK);
}
static inline struct zone *page_zone(const struct page *page)
{
	return &NODE_DATA(page_to_nid(page))->node_zones[page_zonenum(page)];
}
static inline pg_data_t *page_pgdat(const struct page *page)
{
	return NODE_DATA(page_to_nid(page));
}

/* References. */
static inline int page_ref_count(const struct page *page)
{
	return __atomic_load_n(&page->_refcount.counter, __ATOMIC_RELAXED);
}
static inline void set_page_count(struct page *page, int v)
{
	__atomic_store_n(&page->_refcount.counter, v, __ATOMIC_RELAXED);
}
#define init_page_count(page)	set_page_count(page, 1)
static inline int page_count(const struct page *page)
{
	return page_ref_count(compound_head(page));
}
static inline void page_ref_inc(struct page *page)
{
	__atomic_fetch_add(&page->_refcount.counter, 1, __ATOMIC_RELAXED);
}
static inline int page_mapcount(const struct page *page)
{
	return __atomic_load_n(&page->_mapcount.counter, __ATOMIC_RELAXED) + 1;
}
bool put_page_testzero(struct page *page);	/* reports a put below zero */
void get_page(struct page *page);
void put_page(struct page *page);
bool get_page_unless_zero(struct page *page);

/* Compound pages: order and destructor live in the first tail page. */
static inline unsigned int compound_order(const struct page *page)
{
	if (!PageHead(page))
		return 0;
	return page[1].compound_order;
}
static inline unsigned long compound_nr(const struct page *page)
{
	return 1UL << compound_order(page);
}
static inline unsigned long page_size(const struct page *page)
{
	return PAGE_SIZE << compound_order(page);
}
#define thp_size(page)	page_size(page)

#define page_private(page)		((page)->private)
#define set_page_private(page, v)	((page)->private = (v))

static inline int get_order(unsigned long size)
{
	if (size <= PAGE_SIZE)
		return 0;
	return 64 - __builtin_clzl((size - 1) >> PAGE_SHIFT);
}

void split_page(struct page *page, unsigned int order);
unsigned long totalram_pages(void);
void si_meminfo_free(unsigned long *free_pages, unsigned long *total_pages);
void dump_page(struct page *page, const char *reason);

#endif
