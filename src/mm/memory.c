// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/memory.c: the pages of user mappings. Each page of a vm_area_struct has a record
 * (mm/user_mm.h); an entered page is also host-mapped at its user address from the
 * memory behind its frame -- the machine's memory file for RAM (offset == physical
 * address), a memory window's own file for device memory -- so the user pointer and the
 * kernel's pointer to that frame are the same bytes. Contiguous frames with the same
 * backing are one host mapping. Frames with no memory behind them (register windows,
 * holes) are recorded but stay a hole: plain accesses fault.
 * Pages entered with vm_insert_page() or returned by a fault handler hold a reference
 * and a mapcount until they are zapped; remap_pfn_range() frames hold nothing, as in Linux.
 * Fault-driven pages are entered on first touch: a SIGSEGV handler (chained in front of
 * the one installed before it) calls the driver's vm_ops->fault. Callers exclude each
 * other as user_mm.h says: helpers called from a driver's mmap or fault take no locks. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>
#include <linux/mm.h>
#include <linux/kernel.h>
#include <linux/overflow.h>
#include <linux/vmalloc.h>
#include <linux/vmstat.h>
#include <linux/export.h>
#include "host/host.h"
#include "io/mmio.h"
#include "machine/physmem.h"
#include "host/fault.h"
#include "mm/internal.h"
#include "mm/user_mm.h"


/* ---- page records and host mappings ---- */

int user_vma_alloc_ptes(struct vm_area_struct *vma)
{
	vma->ukmem_ptes = calloc(vma_pages(vma), sizeof(unsigned long));
	return vma->ukmem_ptes ? 0 : -ENOMEM;
}

void user_vma_free_ptes(struct vm_area_struct *vma)
{
	free(vma->ukmem_ptes);
	vma->ukmem_ptes = NULL;
}

/**
 * vm_get_page_prot - the page protection for a mapping's VM_READ/WRITE/EXEC/SHARED flags
 * @vm_flags: the flags
 *
 * A private writable mapping gets a read-only protection (copy on write), as on x86.
 *
 * Context: any context.
 * Return: the pgprot_t (PAGE_NONE for no access).
 */
pgprot_t vm_get_page_prot(vm_flags_t vm_flags)
{
	pgprotval_t prot = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED;

	if (!(vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return PAGE_NONE;
	if ((vm_flags & (VM_WRITE | VM_SHARED)) == (VM_WRITE | VM_SHARED))
		prot |= _PAGE_RW;
	if (!(vm_flags & VM_EXEC))
		prot |= _PAGE_NX;
	return __pgprot(prot);
}
EXPORT_SYMBOL(vm_get_page_prot);

/* The host protection for pages entered with prot. A private writable mapping is
 * copy-on-write: the host's private file mapping makes the copy at the first write. */
static int host_prot(const struct vm_area_struct *vma, pgprot_t prot)
{
	pgprotval_t v = pgprot_val(prot);
	int p;

	if (!(v & _PAGE_PRESENT))
		return PROT_NONE;
	p = PROT_READ | (v & _PAGE_RW ? PROT_WRITE : 0) | (v & _PAGE_NX ? 0 : PROT_EXEC);
	if ((vma->vm_flags & (VM_WRITE | VM_MAYSHARE)) == VM_WRITE)
		p |= PROT_WRITE;
	return p;
}

struct backing {
	int fd;
	off_t offset;
	unsigned long nr;	/* frames from pfn with this backing, contiguous in fd */
};

/* What memory is behind the frames from pfn (at most want of them). */
static bool pfn_backing(unsigned long pfn, unsigned long want, struct backing *b)
{
	phys_addr_t phys = PFN_PHYS(pfn);
	struct mmio_window *w;

	b->nr = 1;
	if (phys_is_ram(phys)) {
		b->fd = physmem_fd;
		b->offset = (off_t)phys;
		while (b->nr < want && phys_is_ram(PFN_PHYS(pfn + b->nr)))
			b->nr++;
		return true;
	}
	w = mmio_window_find(phys);
	if (!w || !mmio_window_is_memory(w) || w->memfd < 0)
		return false;
	b->fd = w->memfd;
	b->offset = (off_t)(phys - w->start);
	b->nr = min(want, (unsigned long)PHYS_PFN(w->end - phys));
	return true;
}

/* Enters nr frames from pfn at addr with prot; flags are added to each record. Every
 * record is written before the host mapping is tried, so on an error the caller's zap of
 * the whole range finds (and drops) all of them. */
static int enter_pfns(struct vm_area_struct *vma, unsigned long addr, unsigned long pfn,
		      unsigned long nr, pgprot_t prot, unsigned long flags)
{
	bool shared = vma->vm_flags & VM_MAYSHARE;
	int hprot = host_prot(vma, prot);
	unsigned long done;
	struct backing b;

	for (done = 0; done < nr; done += b.nr) {
		bool backed = pfn_backing(pfn + done, nr - done, &b) && hprot != PROT_NONE;
		unsigned long access = !backed ? 0 :
			USER_PTE_BACKED | (hprot & PROT_WRITE ? USER_PTE_WRITE : 0);

		for (unsigned long i = done; i < done + b.nr; i++)
			*user_pte(vma, addr + (i << PAGE_SHIFT)) =
				PFN_PHYS(pfn + i) | flags | USER_PTE_PRESENT | access;
	}
	for (done = 0; done < nr; done += b.nr) {
		int err = 0;

		if (pfn_backing(pfn + done, nr - done, &b) && hprot != PROT_NONE)
			err = host_map_file_prot((void *)(addr + (done << PAGE_SHIFT)), b.fd,
						 b.offset, b.nr << PAGE_SHIFT, hprot, shared);
		if (err)
			return err;
	}
	return 0;
}

static bool range_has_present(struct vm_area_struct *vma, unsigned long addr,
			      unsigned long end)
{
	for (; addr < end; addr += PAGE_SIZE)
		if (*user_pte(vma, addr) & USER_PTE_PRESENT)
			return true;
	return false;
}

static void drop_page(unsigned long pte)
{
	struct page *page = pfn_to_page(pte >> PAGE_SHIFT);

	__atomic_fetch_sub(&page->_mapcount.counter, 1, __ATOMIC_RELAXED);
	put_page(page);
}

void user_vma_zap(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		unsigned long *pte = user_pte(vma, addr);

		if (*pte & USER_PTE_PAGEREF)
			drop_page(*pte);
		*pte = 0;
	}
	host_protect_none((void *)start, end - start);
}

/**
 * zap_vma_ptes - remove the user mappings of part of a VM_PFNMAP area
 * @vma: the area; anything but VM_PFNMAP is ignored
 * @address: the first address
 * @size: the length; the range must lie inside @vma
 *
 * Context: process context; takes the user mm's pte_lock (a host mutex).
 */
void zap_vma_ptes(struct vm_area_struct *vma, unsigned long address, unsigned long size)
{
	if (!vma || !(vma->vm_flags & VM_PFNMAP) || address < vma->vm_start ||
	    size > vma->vm_end - address)
		return;
	pthread_mutex_lock(&user_mm.pte_lock);
	user_vma_zap(vma, address, address + PAGE_ALIGN(size));
	pthread_mutex_unlock(&user_mm.pte_lock);
}
EXPORT_SYMBOL_GPL(zap_vma_ptes);

/* ---- what drivers call from mmap ---- */

static bool is_cow_mapping(vm_flags_t flags)
{
	return (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

/**
 * remap_pfn_range - map a range of page frames into a user mapping
 * @vma: the area, from the driver's mmap handler
 * @addr: the user address to start at (page aligned)
 * @pfn: the first frame
 * @size: the length
 * @prot: the protection (usually @vma->vm_page_prot)
 *
 * Marks @vma VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP. Frames of RAM and of the
 * machine's device memory are mapped to the host process as they are.
 *
 * Context: process context, from an mmap handler (the user mm's lock is held, as Linux
 * holds mmap_lock); may sleep.
 * Return: 0; -EINVAL for a range outside @vma (or a partial copy-on-write mapping);
 * -EACCES if part of the range is already mapped; -ENOMEM when out of memory.
 */
int remap_pfn_range(struct vm_area_struct *vma, unsigned long addr, unsigned long pfn,
		    unsigned long size, pgprot_t prot)
{
	unsigned long end = addr + PAGE_ALIGN(size);
	int err;

	if (WARN_ON_ONCE(!PAGE_ALIGNED(addr)))
		return -EINVAL;
	if (end <= addr || addr < vma->vm_start || end > vma->vm_end)
		return -EINVAL;
	if (is_cow_mapping(vma->vm_flags)) {
		if (addr != vma->vm_start || end != vma->vm_end)
			return -EINVAL;
		vma->vm_pgoff = pfn;
	}
	vma->vm_flags |= VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP;
	if (range_has_present(vma, addr, end))
		return -EACCES;
	err = enter_pfns(vma, addr, pfn, (end - addr) >> PAGE_SHIFT, prot, 0);
	if (err)
		user_vma_zap(vma, addr, end);
	return err;
}
EXPORT_SYMBOL(remap_pfn_range);

/**
 * vm_iomap_memory - map a range of device memory into a user mapping, checking sizes
 * @vma: the area, from the driver's mmap handler
 * @start: the physical start of the device memory
 * @len: its length
 *
 * The whole of @vma is mapped, starting @vma->vm_pgoff pages into the range.
 *
 * Context: as remap_pfn_range().
 * Return: 0, or -EINVAL if @vma is larger than what remains of the range, or an error of
 * remap_pfn_range().
 */
int vm_iomap_memory(struct vm_area_struct *vma, phys_addr_t start, unsigned long len)
{
	unsigned long vm_len, pfn, pages;

	if (start + len < start)
		return -EINVAL;
	len += start & ~PAGE_MASK;
	pfn = PHYS_PFN(start);
	pages = PFN_UP(len);
	if (pfn + pages < pfn || vma->vm_pgoff > pages)
		return -EINVAL;
	pfn += vma->vm_pgoff;
	pages -= vma->vm_pgoff;
	vm_len = vma->vm_end - vma->vm_start;
	if ((vm_len >> PAGE_SHIFT) > pages)
		return -EINVAL;
	return io_remap_pfn_range(vma, vma->vm_start, pfn, vm_len, vma->vm_page_prot);
}
EXPORT_SYMBOL(vm_iomap_memory);

static bool page_insertable(struct page *page)
{
	return page_count(page) && !PageSlab(page);
}

/* Enters nr pages from page (physically contiguous) at addr, each with a new reference
 * and mapcount. */
static int insert_page_run(struct vm_area_struct *vma, unsigned long addr, struct page *page,
			   unsigned long nr)
{
	int err;

	if (range_has_present(vma, addr, addr + (nr << PAGE_SHIFT)))
		return -EBUSY;
	for (unsigned long i = 0; i < nr; i++) {
		get_page(page + i);
		__atomic_fetch_add(&page[i]._mapcount.counter, 1, __ATOMIC_RELAXED);
	}
	err = enter_pfns(vma, addr, page_to_pfn(page), nr, vma->vm_page_prot, USER_PTE_PAGEREF);
	if (err)
		user_vma_zap(vma, addr, addr + (nr << PAGE_SHIFT));
	return err;
}

static int mixedmap_check(struct vm_area_struct *vma, unsigned long addr, unsigned long nr)
{
	if (addr < vma->vm_start || addr >= vma->vm_end ||
	    nr > (vma->vm_end - addr) >> PAGE_SHIFT)
		return -EFAULT;
	if (!(vma->vm_flags & VM_MIXEDMAP)) {
		if (WARN_ON_ONCE(vma->vm_flags & VM_PFNMAP))
			return -EINVAL;
		vma->vm_flags |= VM_MIXEDMAP;
	}
	return 0;
}

/**
 * vm_insert_page - insert one kernel page into a user mapping
 * @vma: the area (made VM_MIXEDMAP if it was not)
 * @addr: the user address
 * @page: the page; it gets a reference and a mapcount, as in Linux 6.1
 *
 * Context: process context, from an mmap handler; may sleep.
 * Return: 0; -EFAULT for an address outside @vma; -EINVAL for a page that may not be
 * mapped (a free or slab page) or a VM_PFNMAP area; -EBUSY if something is already
 * mapped there; -ENOMEM.
 */
int vm_insert_page(struct vm_area_struct *vma, unsigned long addr, struct page *page)
{
	int err = mixedmap_check(vma, addr & PAGE_MASK, 1);

	if (err)
		return err;
	if (!page_insertable(page))
		return -EINVAL;
	return insert_page_run(vma, addr & PAGE_MASK, page, 1);
}
EXPORT_SYMBOL(vm_insert_page);

/**
 * vm_insert_pages - insert several kernel pages into a user mapping
 * @vma: the area
 * @addr: the user address of the first page
 * @pages: the pages
 * @num: in: how many; out: how many were not inserted
 *
 * Context: as vm_insert_page().
 * Return: 0, or the first error of vm_insert_page() (*@num then says how many are left).
 */
int vm_insert_pages(struct vm_area_struct *vma, unsigned long addr, struct page **pages,
		    unsigned long *num)
{
	while (*num) {
		int err = vm_insert_page(vma, addr, *pages);

		if (err)
			return err;
		addr += PAGE_SIZE;
		pages++;
		(*num)--;
	}
	return 0;
}
EXPORT_SYMBOL(vm_insert_pages);

/**
 * vmf_insert_pfn_prot - map one frame at a faulting address with a given protection
 * @vma: the area; VM_PFNMAP or VM_MIXEDMAP
 * @addr: the user address
 * @pfn: the frame
 * @pgprot: the protection
 *
 * For a driver's fault handler.
 *
 * Context: from a fault handler (the user mm's pte_lock is held); does not sleep.
 * Return: VM_FAULT_NOPAGE (also when the address was mapped already), VM_FAULT_OOM or
 * VM_FAULT_SIGBUS.
 */
vm_fault_t vmf_insert_pfn_prot(struct vm_area_struct *vma, unsigned long addr,
			       unsigned long pfn, pgprot_t pgprot)
{
	int err;

	if (WARN_ON_ONCE(!(vma->vm_flags & (VM_PFNMAP | VM_MIXEDMAP))))
		return VM_FAULT_SIGBUS;
	if (addr < vma->vm_start || addr >= vma->vm_end)
		return VM_FAULT_SIGBUS;
	addr &= PAGE_MASK;
	if (*user_pte(vma, addr) & USER_PTE_PRESENT)
		return VM_FAULT_NOPAGE;
	err = enter_pfns(vma, addr, pfn, 1, pgprot, 0);
	if (err) {
		user_vma_zap(vma, addr, addr + PAGE_SIZE);
		return err == -ENOMEM ? VM_FAULT_OOM : VM_FAULT_SIGBUS;
	}
	return VM_FAULT_NOPAGE;
}
EXPORT_SYMBOL(vmf_insert_pfn_prot);

/**
 * vmf_insert_pfn - map one frame at a faulting address with the area's protection
 * @vma: the area; VM_PFNMAP or VM_MIXEDMAP
 * @addr: the user address
 * @pfn: the frame
 *
 * Context: as vmf_insert_pfn_prot().
 * Return: as vmf_insert_pfn_prot().
 */
vm_fault_t vmf_insert_pfn(struct vm_area_struct *vma, unsigned long addr, unsigned long pfn)
{
	return vmf_insert_pfn_prot(vma, addr, pfn, vma->vm_page_prot);
}
EXPORT_SYMBOL(vmf_insert_pfn);

/* The pages from kaddr on that follow each other physically, at most max. */
static unsigned long vmalloc_run(void *kaddr, unsigned long max, struct page **first)
{
	unsigned long nr = 1;

	*first = vmalloc_to_page(kaddr);
	if (!*first)
		return 1;
	while (nr < max && vmalloc_to_page(kaddr + (nr << PAGE_SHIFT)) == *first + nr)
		nr++;
	return nr;
}

int remap_vmalloc_range_partial(struct vm_area_struct *vma, unsigned long uaddr, void *kaddr,
				unsigned long pgoff, unsigned long size)
{
	struct vm_struct *area;
	unsigned long off, end_index;
	int err;

	if (pgoff > ULONG_MAX >> PAGE_SHIFT)
		return -EINVAL;
	off = pgoff << PAGE_SHIFT;
	size = PAGE_ALIGN(size);
	if (!PAGE_ALIGNED(uaddr) || !PAGE_ALIGNED(kaddr))
		return -EINVAL;
	area = find_vm_area(kaddr);
	if (!area || !(area->flags & (VM_USERMAP | VM_DMA_COHERENT)))
		return -EINVAL;
	if (check_add_overflow(size, off, &end_index) || end_index > get_vm_area_size(area))
		return -EINVAL;
	err = mixedmap_check(vma, uaddr, size >> PAGE_SHIFT);
	if (err)
		return err;
	kaddr += off;
	while (size) {
		struct page *page;
		unsigned long nr = vmalloc_run(kaddr, size >> PAGE_SHIFT, &page);

		if (!page || !page_insertable(page))
			return -EINVAL;
		err = insert_page_run(vma, uaddr, page, nr);
		if (err)
			return err;
		uaddr += nr << PAGE_SHIFT;
		kaddr += nr << PAGE_SHIFT;
		size -= nr << PAGE_SHIFT;
	}
	vma->vm_flags |= VM_DONTEXPAND | VM_DONTDUMP;
	return 0;
}

/**
 * remap_vmalloc_range - map a vmalloc_user() area into the whole of a user mapping
 * @vma: the area, from the driver's mmap handler
 * @addr: the vmalloc_user() (or vmalloc_32_user()) area
 * @pgoff: the page of @addr to start at
 *
 * Context: process context, from an mmap handler; may sleep.
 * Return: 0, or -EINVAL if @addr is not a VM_USERMAP area or is too small.
 */
int remap_vmalloc_range(struct vm_area_struct *vma, void *addr, unsigned long pgoff)
{
	return remap_vmalloc_range_partial(vma, vma->vm_start, addr, pgoff,
					   vma->vm_end - vma->vm_start);
}
EXPORT_SYMBOL(remap_vmalloc_range);

/* ---- migration's view of the user mappings ---- */

/**
 * user_mm_lock_ptes - holds off faults and changes of user mappings for a page move
 *
 * Context: any; never waits (a fault in progress may be the caller, allocating).
 * Return: true with user_mm.lock (read) and pte_lock held; false if either was busy.
 */
bool user_mm_lock_ptes(void)
{
	if (pthread_rwlock_tryrdlock(&user_mm.lock))
		return false;
	if (pthread_mutex_trylock(&user_mm.pte_lock)) {
		pthread_rwlock_unlock(&user_mm.lock);
		return false;
	}
	return true;
}

void user_mm_unlock_ptes(void)
{
	pthread_mutex_unlock(&user_mm.pte_lock);
	pthread_rwlock_unlock(&user_mm.lock);
}

/**
 * user_page_aliases - where the user address space maps a page
 * @page: the page
 * @aliases: filled with each address, its host protection and sharing
 * @ptes: filled with each address's record
 * @max: room in both
 *
 * Context: user_mm_lock_ptes() held.
 * Return: the number of mappings, or -EBUSY if the page cannot move: mapped privately
 * (the host may hold a copy-on-write copy of it), mapped by frame number without a
 * reference (remap_pfn_range), or mapped more than @max times.
 */
int user_page_aliases(struct page *page, struct host_alias *aliases, unsigned long **ptes,
		      int max)
{
	unsigned long pfn = page_to_pfn(page);
	int nr = 0;

	for (struct rb_node *n = rb_first(&user_mm.vmas); n; n = rb_next(n)) {
		struct vm_area_struct *vma = rb_entry(n, struct vm_area_struct, vm_rb);

		for (unsigned long addr = vma->vm_start; addr < vma->vm_end; addr += PAGE_SIZE) {
			unsigned long *pte = user_pte(vma, addr);

			if (!(*pte & USER_PTE_PRESENT) || (*pte >> PAGE_SHIFT) != pfn)
				continue;
			if (!(*pte & USER_PTE_PAGEREF) || !(vma->vm_flags & VM_MAYSHARE) || nr == max)
				return -EBUSY;
			aliases[nr] = (struct host_alias){
				.addr = addr, .shared = true,
				.prot = *pte & USER_PTE_BACKED ? host_prot(vma, vma->vm_page_prot) :
								 PROT_NONE,
			};
			ptes[nr++] = pte;
		}
	}
	return nr;
}

/* After a move: the records of user_page_aliases() name the new page. */
void user_ptes_retarget(unsigned long **ptes, int nr, struct page *dst)
{
	for (int i = 0; i < nr; i++)
		*ptes[i] = PFN_PHYS(page_to_pfn(dst)) | (*ptes[i] & ~PAGE_MASK);
}

/* ---- the fault path ---- */

/* Asks the driver for the page at addr and enters it. pte_lock held. */
static vm_fault_t do_fault(struct vm_area_struct *vma, unsigned long addr, bool write)
{
	struct vm_fault vmf = {
		.vma = vma,
		.gfp_mask = GFP_KERNEL,
		.pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT),
		.address = addr & PAGE_MASK,
		.real_address = addr,
		.flags = FAULT_FLAG_USER | (write ? FAULT_FLAG_WRITE : 0),
	};
	vm_fault_t ret;

	if (!vma->vm_ops || !vma->vm_ops->fault)
		return VM_FAULT_SIGBUS;
	ret = vma->vm_ops->fault(&vmf);
	if (ret & VM_FAULT_ERROR)
		return ret & VM_FAULT_SIGSEGV ? VM_FAULT_SIGSEGV : VM_FAULT_SIGBUS;
	if (ret & VM_FAULT_NOPAGE)
		return *user_pte(vma, vmf.address) & USER_PTE_PRESENT ? 0 : VM_FAULT_SIGBUS;
	if (WARN_ON_ONCE(!vmf.page))
		return VM_FAULT_SIGBUS;
	__atomic_fetch_add(&vmf.page->_mapcount.counter, 1, __ATOMIC_RELAXED);
	if (enter_pfns(vma, vmf.address, page_to_pfn(vmf.page), 1, vma->vm_page_prot,
		       USER_PTE_PAGEREF)) {
		user_vma_zap(vma, vmf.address, vmf.address + PAGE_SIZE);
		return VM_FAULT_SIGBUS;
	}
	return 0;
}

vm_fault_t user_fault_in(unsigned long addr, bool write)
{
	struct vm_area_struct *vma = user_vma_find(addr);
	unsigned long pte;
	vm_fault_t ret = 0;

	if (!vma || !(vma->vm_flags & (write ? VM_WRITE : VM_READ)))
		return VM_FAULT_SIGSEGV;
	count_vm_event(PGFAULT);	/* as handle_mm_fault counts it */
	pthread_mutex_lock(&user_mm.pte_lock);
	pte = *user_pte(vma, addr);
	if (!(pte & USER_PTE_PRESENT))
		ret = do_fault(vma, addr, write);
	if (!ret) {
		pte = *user_pte(vma, addr);
		if (!(pte & USER_PTE_BACKED) || (write && !(pte & USER_PTE_WRITE)))
			ret = VM_FAULT_SIGSEGV;
	}
	pthread_mutex_unlock(&user_mm.pte_lock);
	return ret;
}

/* As the kernel does for VM_FAULT_SIGBUS: the faulting thread gets SIGBUS at addr. */
static void send_sigbus(unsigned long addr)
{
	siginfo_t info;

	memset(&info, 0, sizeof(info));
	info.si_signo = SIGBUS;
	info.si_code = BUS_ADRERR;
	info.si_addr = (void *)addr;
	syscall(SYS_rt_tgsigqueueinfo, getpid(), gettid(), SIGBUS, &info);
}

/* Claims faults in the user address space (fault-driven pages), and faults of a user copy
 * in progress (uaccess_fixup jumps back to the copy). */
static bool user_fault(siginfo_t *info, void *context)
{
	unsigned long addr = (unsigned long)info->si_addr;

	if (user_mm_contains(addr)) {
		vm_fault_t ret;

		pthread_rwlock_rdlock(&user_mm.lock);
		ret = user_fault_in(addr, host_fault_is_write(context));
		pthread_rwlock_unlock(&user_mm.lock);
		if (!ret)
			return true;
		uaccess_fixup(addr);
		if (ret & VM_FAULT_SIGBUS) {
			send_sigbus(addr);
			return true;
		}
	}
	uaccess_fixup(addr);
	return false;
}

int user_fault_handler_install(void)
{
	return host_fault_handler_add(user_fault);
}

void user_fault_handler_remove(void)
{
	host_fault_handler_remove(user_fault);
}
