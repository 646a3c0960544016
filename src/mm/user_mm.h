/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* mm/user_mm.h: ukmem's user address space -- one host reservation holding every
 * mapping made by ukmem_mmap(), as vm_area_structs in an address-ordered tree.
 * Locking, as the kernel's mmap_lock: user_mm.lock is held for writing while mappings
 * are made and removed (the driver's mmap runs under it) and for reading by faults and
 * user copies; pte_lock serialises page-record updates among concurrent faults.
 * Page records (vma->ukmem_ptes) are per page: 0, or pfn << PAGE_SHIFT | USER_PTE_*. */
#ifndef UKMEM_MM_USER_MM_H
#define UKMEM_MM_USER_MM_H

#include <pthread.h>
#include <linux/mm.h>
#include <linux/rbtree.h>

#define USER_PTE_PRESENT	0x1UL	/* the page is entered */
#define USER_PTE_PAGEREF	0x2UL	/* the mapping holds a page reference and mapcount */
#define USER_PTE_BACKED		0x4UL	/* host-mapped: plain reads reach the page */
#define USER_PTE_WRITE		0x8UL	/* host-mapped writable (or copy-on-write) */

struct user_mm {
	unsigned long start, end;	/* the reservation */
	struct rb_root vmas;
	pthread_rwlock_t lock;
	pthread_mutex_t pte_lock;
};
extern struct user_mm user_mm;

static inline bool user_mm_contains(unsigned long addr)
{
	return addr >= user_mm.start && addr < user_mm.end;
}
static inline unsigned long *user_pte(struct vm_area_struct *vma, unsigned long addr)
{
	return &vma->ukmem_ptes[(addr - vma->vm_start) >> PAGE_SHIFT];
}

/* The mapping holding addr, or NULL. user_mm.lock held. */
struct vm_area_struct *user_vma_find(unsigned long addr);

/* mm/memory.c: page records and the fault path. */
int user_vma_alloc_ptes(struct vm_area_struct *vma);
/* Drops the pages of [start, end) of vma: references put, the host range back to a hole. */
void user_vma_zap(struct vm_area_struct *vma, unsigned long start, unsigned long end);
void user_vma_free_ptes(struct vm_area_struct *vma);
/* Makes the page at addr reachable for an access (write or not), calling the driver's
 * fault if it is not entered yet. user_mm.lock held for reading. Returns 0,
 * VM_FAULT_SIGSEGV (no mapping there, or it forbids the access) or VM_FAULT_SIGBUS. */
vm_fault_t user_fault_in(unsigned long addr, bool write);
/* The SIGSEGV handler for fault-driven mappings; other faults go to the previous one. */
int user_fault_handler_install(void);
void user_fault_handler_remove(void);

/* mm/memory.c: what a page move needs (vmalloc's pages may be user-mapped). */
struct host_alias;
bool user_mm_lock_ptes(void);
void user_mm_unlock_ptes(void);
int user_page_aliases(struct page *page, struct host_alias *aliases, unsigned long **ptes,
		      int max);
void user_ptes_retarget(unsigned long **ptes, int nr, struct page *dst);

/* lib/usercopy.c: when the faulting thread is inside a user copy and addr lies in the
 * range it copies, jumps back into the copy (and does not return). */
void uaccess_fixup(unsigned long addr);

/* mm/mmap.c: the address space's boot and shutdown (every mapping removed). */
int user_mm_init(void);
void user_mm_exit(void);

#endif
