/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/vmalloc.h: virtually contiguous memory. A vmalloc area is a range of the
 * vmalloc address space whose pages are ordinary pages of the machine, mapped through
 * new page-table entries (and, underneath, the same memory file as the direct map, so a
 * vmalloc address and the direct-map address of its page alias each other). */
#ifndef UKMEM_LINUX_VMALLOC_H
#define UKMEM_LINUX_VMALLOC_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/gfp.h>
#include <asm/page.h>
#include <asm/pgtable_types.h>

struct page;

#define VM_IOREMAP		0x00000001	/* ioremap() and friends */
#define VM_ALLOC		0x00000002	/* vmalloc() */
#define VM_MAP			0x00000004	/* vmap()ed pages */
#define VM_USERMAP		0x00000008	/* suitable for remap_vmalloc_range */
#define VM_DMA_COHERENT		0x00000010	/* dma_alloc_coherent */
#define VM_UNINITIALIZED	0x00000020	/* not fully set up yet */
#define VM_NO_GUARD		0x00000040	/* no guard page after the area */
#define VM_KASAN		0x00000080
#define VM_FLUSH_RESET_PERMS	0x00000100
#define VM_MAP_PUT_PAGES	0x00000200	/* vfree() puts the pages and frees the array */
#define VM_ALLOW_HUGE_VMAP	0x00000400
#define VM_DEFER_KMEMLEAK	0

struct vm_struct {
	struct vm_struct *next;
	void *addr;
	unsigned long size;		/* guard page included */
	unsigned long flags;
	struct page **pages;
	unsigned int page_order;
	unsigned int nr_pages;
	phys_addr_t phys_addr;
	const void *caller;
};

extern unsigned long vmalloc_start, vmalloc_end;
#define VMALLOC_START	vmalloc_start
#define VMALLOC_END	vmalloc_end
#define VMALLOC_TOTAL	(VMALLOC_END - VMALLOC_START)

void *vmalloc(unsigned long size) __alloc_size(1);
void *vzalloc(unsigned long size) __alloc_size(1);
void *vmalloc_user(unsigned long size) __alloc_size(1);
void *vmalloc_node(unsigned long size, int node) __alloc_size(1);
void *vzalloc_node(unsigned long size, int node) __alloc_size(1);
void *vmalloc_32(unsigned long size) __alloc_size(1);
void *vmalloc_32_user(unsigned long size) __alloc_size(1);
void *__vmalloc(unsigned long size, gfp_t gfp_mask) __alloc_size(1);
void *__vmalloc_node(unsigned long size, unsigned long align, gfp_t gfp_mask, int node,
		     const void *caller) __alloc_size(1);
void *__vmalloc_node_range(unsigned long size, unsigned long align, unsigned long start,
			   unsigned long end, gfp_t gfp_mask, pgprot_t prot,
			   unsigned long vm_flags, int node, const void *caller) __alloc_size(1);
void *vmalloc_array(size_t n, size_t size) __alloc_size(1, 2);
/* Linux 6.12's: grows by moving p's pages into a larger area (no copy); shrinking keeps p. */
void *vrealloc(const void *p, size_t size, gfp_t gfp) __realloc_size(2);
void *vcalloc(size_t n, size_t size) __alloc_size(1, 2);
void vfree(const void *addr);
void vfree_atomic(const void *addr);

void *vmap(struct page **pages, unsigned int count, unsigned long flags, pgprot_t prot);
void vunmap(const void *addr);
void *vm_map_ram(struct page **pages, unsigned int count, int node);
void vm_unmap_ram(const void *mem, unsigned int count);

struct vm_struct *get_vm_area(unsigned long size, unsigned long flags);
struct vm_struct *get_vm_area_caller(unsigned long size, unsigned long flags, const void *caller);
struct vm_struct *__get_vm_area_caller(unsigned long size, unsigned long flags,
				       unsigned long start, unsigned long end, const void *caller);
void free_vm_area(struct vm_struct *area);
struct vm_struct *find_vm_area(const void *addr);
struct vm_struct *remove_vm_area(const void *addr);

struct page *vmalloc_to_page(const void *addr);
unsigned long vmalloc_to_pfn(const void *addr);
bool is_vmalloc_addr(const void *x);
unsigned long vmalloc_nr_pages(void);

static inline size_t get_vm_area_size(const struct vm_struct *area)
{
	return area->flags & VM_NO_GUARD ? area->size : area->size - PAGE_SIZE;
}

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/vmalloc.h> brings with it, once this header is complete. */
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/overflow.h>
#include <linux/percpu-defs.h>
#include <linux/rbtree.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time64.h>
#include <linux/tracepoint-defs.h>
#endif
#endif
