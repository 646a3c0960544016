/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/mm.h: struct page <-> pfn <-> address conversions, page references and
 * page-to-zone lookups. mem_map is one flat array indexed by pfn (FLATMEM). */
#ifndef UKMEM_LINUX_MM_H
#define UKMEM_LINUX_MM_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/mm_types.h>
#include <linux/page-flags.h>
#include <linux/mmzone.h>
#include <linux/gfp.h>
#include <linux/bug.h>
#include <linux/jump_label.h>
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
/* The head page of the (compound) page holding x. */
static inline struct page *virt_to_head_page(const void *x)
{
	return compound_head(virt_to_page(x));
}
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
static inline void page_ref_add(struct page *page, int nr)
{
	__atomic_fetch_add(&page->_refcount.counter, nr, __ATOMIC_RELAXED);
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

/* init_on_alloc= and init_on_free= (boot options): pages and slab objects are zeroed
 * when handed out, or when freed. */
DECLARE_STATIC_KEY_MAYBE(CONFIG_INIT_ON_ALLOC_DEFAULT_ON, init_on_alloc);
static inline bool want_init_on_alloc(gfp_t flags)
{
	if (static_branch_maybe(CONFIG_INIT_ON_ALLOC_DEFAULT_ON, &init_on_alloc))
		return true;
	return flags & __GFP_ZERO;
}
DECLARE_STATIC_KEY_MAYBE(CONFIG_INIT_ON_FREE_DEFAULT_ON, init_on_free);
static inline bool want_init_on_free(void)
{
	return static_branch_maybe(CONFIG_INIT_ON_FREE_DEFAULT_ON, &init_on_free);
}

/* Folios (<linux/mm_types.h>): a head or single page under its own type. */
static inline unsigned int folio_order(const struct folio *folio)
{
	return compound_order(&folio->page);
}
static inline long folio_nr_pages(const struct folio *folio)
{
	return 1L << folio_order(folio);
}
static inline size_t folio_size(const struct folio *folio)
{
	return PAGE_SIZE << folio_order(folio);
}
static inline void *folio_address(const struct folio *folio)
{
	return page_address(&folio->page);
}
static inline int folio_nid(const struct folio *folio)
{
	return page_to_nid(&folio->page);
}
static inline pg_data_t *folio_pgdat(const struct folio *folio)
{
	return page_pgdat(&folio->page);
}
static inline struct folio *virt_to_folio(const void *x)
{
	return page_folio(virt_to_page(x));
}

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

/* ==== User mappings (src/mm/memory.c and src/mm/mmap.c) ====
 * A vm_area_struct is one mapping of a device file into ukmem's user address space,
 * [vm_start, vm_end). The driver's mmap fills it eagerly (remap_pfn_range and
 * friends) or lazily (vm_ops->fault on first touch). */
#include <linux/errno.h>
#include <linux/rbtree.h>
#include <asm/pgtable_types.h>

struct file;
struct vm_area_struct;

typedef unsigned long vm_flags_t;
typedef unsigned int vm_fault_t;

#define VM_NONE		0x00000000
#define VM_READ		0x00000001
#define VM_WRITE	0x00000002
#define VM_EXEC		0x00000004
#define VM_SHARED	0x00000008
#define VM_MAYREAD	0x00000010
#define VM_MAYWRITE	0x00000020
#define VM_MAYEXEC	0x00000040
#define VM_MAYSHARE	0x00000080
#define VM_GROWSDOWN	0x00000100
#define VM_PFNMAP	0x00000400
#define VM_LOCKED	0x00002000
#define VM_IO		0x00004000
#define VM_SEQ_READ	0x00008000
#define VM_RAND_READ	0x00010000
#define VM_DONTCOPY	0x00020000
#define VM_DONTEXPAND	0x00040000
#define VM_ACCOUNT	0x00100000
#define VM_NORESERVE	0x00200000
#define VM_SYNC		0x00800000
#define VM_WIPEONFORK	0x02000000
#define VM_DONTDUMP	0x04000000
#define VM_MIXEDMAP	0x10000000

enum vm_fault_reason {
	VM_FAULT_OOM		= 0x000001,
	VM_FAULT_SIGBUS		= 0x000002,
	VM_FAULT_MAJOR		= 0x000004,
	VM_FAULT_HWPOISON	= 0x000010,
	VM_FAULT_HWPOISON_LARGE	= 0x000020,
	VM_FAULT_SIGSEGV	= 0x000040,
	VM_FAULT_NOPAGE		= 0x000100,
	VM_FAULT_LOCKED		= 0x000200,
	VM_FAULT_RETRY		= 0x000400,
	VM_FAULT_FALLBACK	= 0x000800,
	VM_FAULT_DONE_COW	= 0x001000,
	VM_FAULT_NEEDDSYNC	= 0x002000,
	VM_FAULT_COMPLETED	= 0x004000,
};
#define VM_FAULT_ERROR	(VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV | \
			 VM_FAULT_HWPOISON | VM_FAULT_HWPOISON_LARGE | VM_FAULT_FALLBACK)

enum fault_flag {
	FAULT_FLAG_WRITE	= 1 << 0,
	FAULT_FLAG_MKWRITE	= 1 << 1,
	FAULT_FLAG_ALLOW_RETRY	= 1 << 2,
	FAULT_FLAG_RETRY_NOWAIT	= 1 << 3,
	FAULT_FLAG_KILLABLE	= 1 << 4,
	FAULT_FLAG_TRIED	= 1 << 5,
	FAULT_FLAG_USER		= 1 << 6,
	FAULT_FLAG_REMOTE	= 1 << 7,
	FAULT_FLAG_INSTRUCTION	= 1 << 8,
};

struct vm_fault {
	struct vm_area_struct *vma;
	gfp_t gfp_mask;
	pgoff_t pgoff;			/* page offset in the file: vm_pgoff + page index */
	unsigned long address;		/* the faulting page */
	unsigned long real_address;	/* the faulting byte */
	unsigned int flags;		/* FAULT_FLAG_* */
	struct page *page;		/* fault's answer, with a reference for the mapping */
};

struct vm_operations_struct {
	void (*open)(struct vm_area_struct *area);
	void (*close)(struct vm_area_struct *area);
	int (*may_split)(struct vm_area_struct *area, unsigned long addr);
	vm_fault_t (*fault)(struct vm_fault *vmf);
};

struct vm_area_struct {
	unsigned long vm_start, vm_end;		/* [vm_start, vm_end), page-aligned */
	vm_flags_t vm_flags;
	pgprot_t vm_page_prot;
	unsigned long vm_pgoff;			/* offset in the file, in pages */
	const struct vm_operations_struct *vm_ops;
	void *vm_private_data;
	struct file *vm_file;
	struct rb_node vm_rb;			/* ukmem: in the user address space */
	unsigned long *ukmem_ptes;		/* ukmem: one entry per page (src/mm/memory.c) */
};

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}
static inline vm_fault_t vmf_error(int err)
{
	return err == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
}

pgprot_t vm_get_page_prot(vm_flags_t vm_flags);
int remap_pfn_range(struct vm_area_struct *vma, unsigned long addr, unsigned long pfn,
		    unsigned long size, pgprot_t prot);
static inline int io_remap_pfn_range(struct vm_area_struct *vma, unsigned long addr,
				     unsigned long pfn, unsigned long size, pgprot_t prot)
{
	return remap_pfn_range(vma, addr, pfn, size, prot);
}
int vm_iomap_memory(struct vm_area_struct *vma, phys_addr_t start, unsigned long len);
int vm_insert_page(struct vm_area_struct *vma, unsigned long addr, struct page *page);
int vm_insert_pages(struct vm_area_struct *vma, unsigned long addr, struct page **pages,
		    unsigned long *num);
vm_fault_t vmf_insert_pfn(struct vm_area_struct *vma, unsigned long addr, unsigned long pfn);
vm_fault_t vmf_insert_pfn_prot(struct vm_area_struct *vma, unsigned long addr,
			       unsigned long pfn, pgprot_t pgprot);
int remap_vmalloc_range(struct vm_area_struct *vma, void *addr, unsigned long pgoff);
int remap_vmalloc_range_partial(struct vm_area_struct *vma, unsigned long uaddr, void *kaddr,
				unsigned long pgoff, unsigned long size);
void zap_vma_ptes(struct vm_area_struct *vma, unsigned long address, unsigned long size);
/* Where a mapping of len bytes goes: the file's ->get_unmapped_area, or (no file, or no
 * method) the user address space's first hole, the hint addr first. Called with the user
 * address space locked, as from a driver's own get_unmapped_area. */
unsigned long get_unmapped_area(struct file *file, unsigned long addr, unsigned long len,
				unsigned long pgoff, unsigned long flags);
/* ==== end of user mappings ==== */

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/mm.h> brings with it, once this header is complete. */
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/completion.h>
#include <linux/cred.h>
#include <linux/export.h>
#include <linux/fs.h>
#include <linux/hash.h>
#include <linux/hrtimer.h>
#include <linux/ioport.h>
#include <linux/irqnr.h>
#include <linux/kasan.h>
#include <linux/kmsan-checks.h>
#include <linux/kref.h>
#include <linux/linkage.h>
#include <linux/list_lru.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/migrate_mode.h>
#include <linux/notifier.h>
#include <linux/percpu.h>
#include <linux/pgtable.h>
#include <linux/prandom.h>
#include <linux/ratelimit.h>
#include <linux/rculist.h>
#include <linux/sched/mm.h>
#include <linux/semaphore.h>
#include <linux/shrinker.h>
#include <linux/slab.h>
#include <linux/stackdepot.h>
#include <linux/stacktrace.h>
#include <linux/stat.h>
#include <linux/static_key.h>
#include <linux/sysctl.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#include <linux/uaccess.h>
#include <linux/uuid.h>
#include <linux/vmstat.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#endif
#endif
