// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/mmap.c: ukmem's user address space and the system calls on it -- ukmem_mmap(),
 * ukmem_munmap(), ukmem_msync(). The space is one host reservation (1 TiB) outside the
 * direct map and the vmalloc space; every byte of it not in a mapping is a PROT_NONE
 * hole. A mapping is a vm_area_struct in an address-ordered tree; ukmem_mmap builds it
 * at get_unmapped_area()'s address (the file's method may choose it) and calls the
 * driver's f_op->mmap with user_mm.lock held for writing, as the kernel holds
 * mmap_lock. munmap may cut a mapping: the kernel's split rules apply (may_split,
 * vm_ops->open on the new piece), and every piece removed is zapped, then closed. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ukmem.h>
#include <linux/fs.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include "fs/devfs.h"
#include "fs/file.h"
#include "fs/proc.h"
#include "host/host.h"
#include "machine/boot.h"
#include "mm/user_mm.h"

#if defined(__SANITIZE_THREAD__)
/* ThreadSanitizer shadows only where the host places mappings, with little room. */
#define USER_SPACE_SIZE		(1UL << 34)
#define USER_SPACE_HINT		NULL
#else
#define USER_SPACE_SIZE		(1UL << 40)
/* Above the vmalloc window (machine/kaslr.h), below the host's own mappings. */
#define USER_SPACE_HINT		((void *)0x500000000000UL)	/* 80 TiB */
#endif

struct user_mm user_mm = {
	.lock = PTHREAD_RWLOCK_INITIALIZER,
	.pte_lock = PTHREAD_MUTEX_INITIALIZER,
};

static const struct vm_operations_struct dummy_vm_ops;

/* ---- the tree ---- */

struct vm_area_struct *user_vma_find(unsigned long addr)
{
	struct rb_node *n = user_mm.vmas.rb_node;

	while (n) {
		struct vm_area_struct *vma = rb_entry(n, struct vm_area_struct, vm_rb);

		if (addr < vma->vm_start)
			n = n->rb_left;
		else if (addr >= vma->vm_end)
			n = n->rb_right;
		else
			return vma;
	}
	return NULL;
}

/* The first mapping ending above addr, or NULL. */
static struct vm_area_struct *vma_after(unsigned long addr)
{
	struct rb_node *n = user_mm.vmas.rb_node;
	struct vm_area_struct *found = NULL;

	while (n) {
		struct vm_area_struct *vma = rb_entry(n, struct vm_area_struct, vm_rb);

		if (addr < vma->vm_end) {
			found = vma;
			n = n->rb_left;
		} else {
			n = n->rb_right;
		}
	}
	return found;
}

static void vma_link(struct vm_area_struct *vma)
{
	struct rb_node **link = &user_mm.vmas.rb_node, *parent = NULL;

	while (*link) {
		parent = *link;
		if (vma->vm_start < rb_entry(parent, struct vm_area_struct, vm_rb)->vm_start)
			link = &parent->rb_left;
		else
			link = &parent->rb_right;
	}
	rb_link_node(&vma->vm_rb, parent, link);
	rb_insert_color(&vma->vm_rb, &user_mm.vmas);
}

static bool range_free(unsigned long start, unsigned long len)
{
	struct vm_area_struct *next = vma_after(start);

	return start >= user_mm.start && start <= user_mm.end && len <= user_mm.end - start &&
	       (!next || next->vm_start >= start + len);
}

/* The lowest hole of len bytes (the hint first, if it is free), or 0. */
static unsigned long find_hole(unsigned long hint, unsigned long len)
{
	unsigned long start = user_mm.start;
	struct rb_node *n;

	if (hint && PAGE_ALIGNED(hint) && range_free(hint, len))
		return hint;
	for (n = rb_first(&user_mm.vmas); n; n = rb_next(n)) {
		struct vm_area_struct *vma = rb_entry(n, struct vm_area_struct, vm_rb);

		if (vma->vm_start - start >= len)
			return start;
		start = vma->vm_end;
	}
	return user_mm.end - start >= len ? start : 0;
}

/* ---- removing ---- */

static void remove_vma(struct vm_area_struct *vma)
{
	rb_erase(&vma->vm_rb, &user_mm.vmas);
	user_vma_zap(vma, vma->vm_start, vma->vm_end);
	if (vma->vm_ops && vma->vm_ops->close)
		vma->vm_ops->close(vma);
	fput(vma->vm_file);
	user_vma_free_ptes(vma);
	free(vma);
}

/* Cuts vma at addr: vma keeps [vm_start, addr), a new mapping takes the rest. */
static int split_vma(struct vm_area_struct *vma, unsigned long addr)
{
	unsigned long head_pages = (addr - vma->vm_start) >> PAGE_SHIFT;
	struct vm_area_struct *tail;
	int err;

	if (vma->vm_ops && vma->vm_ops->may_split) {
		err = vma->vm_ops->may_split(vma, addr);
		if (err)
			return err;
	}
	tail = malloc(sizeof(*tail));
	if (!tail)
		return -ENOMEM;
	*tail = *vma;
	tail->vm_start = addr;
	tail->vm_pgoff += head_pages;
	if (user_vma_alloc_ptes(tail)) {
		free(tail);
		return -ENOMEM;
	}
	memcpy(tail->ukmem_ptes, vma->ukmem_ptes + head_pages,
	       vma_pages(tail) * sizeof(unsigned long));
	get_file(tail->vm_file);
	if (tail->vm_ops && tail->vm_ops->open)
		tail->vm_ops->open(tail);
	vma->vm_end = addr;
	vma_link(tail);
	return 0;
}

/* Removes [start, end) from the user address space. user_mm.lock held for writing. */
static int do_munmap(unsigned long start, unsigned long end)
{
	struct vm_area_struct *vma = vma_after(start);
	int err;

	if (!vma || vma->vm_start >= end)
		return 0;
	if (vma->vm_start < start) {
		err = split_vma(vma, start);
		if (err)
			return err;
		vma = vma_after(start);
	}
	while (vma && vma->vm_start < end) {
		struct vm_area_struct *next;

		if (vma->vm_end > end) {
			err = split_vma(vma, end);
			if (err)
				return err;
		}
		next = vma_after(vma->vm_end);
		remove_vma(vma);
		vma = next;
	}
	return 0;
}

/* ---- mmap ---- */

static vm_flags_t prot_vm_flags(int prot)
{
	return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

#define LEGACY_MAP_MASK	(MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | \
			 MAP_DENYWRITE | MAP_EXECUTABLE | \
			 MAP_GROWSDOWN | MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE | \
			 MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB)

/* The mapping's flags from the file's mode and the mmap flags, as the kernel's do_mmap
 * decides them; 0 with *err set when the request is refused. */
static vm_flags_t mapping_vm_flags(struct file *file, int prot, int flags, int *err)
{
	vm_flags_t vm_flags = prot_vm_flags(prot) | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;

	*err = 0;
	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
		flags &= LEGACY_MAP_MASK;
		fallthrough;
	case MAP_SHARED_VALIDATE:
		if (flags & ~(LEGACY_MAP_MASK | MAP_SHARED_VALIDATE | MAP_FIXED_NOREPLACE)) {
			*err = -EOPNOTSUPP;
			return 0;
		}
		if ((prot & PROT_WRITE) && !(file->f_mode & FMODE_WRITE)) {
			*err = -EACCES;
			return 0;
		}
		vm_flags |= VM_SHARED | VM_MAYSHARE;
		if (!(file->f_mode & FMODE_WRITE))
			vm_flags &= ~(VM_MAYWRITE | VM_SHARED);
		fallthrough;
	case MAP_PRIVATE:
		if (!(file->f_mode & FMODE_READ))
			*err = -EACCES;
		else if (!file->f_op->mmap)
			*err = -ENODEV;
		break;
	default:
		*err = -EINVAL;
	}
	if (flags & MAP_LOCKED)
		vm_flags |= VM_LOCKED;
	return *err ? 0 : vm_flags;
}

static struct vm_area_struct *new_vma(struct file *file, unsigned long addr, unsigned long len,
				      vm_flags_t vm_flags, unsigned long pgoff)
{
	struct vm_area_struct *vma = calloc(1, sizeof(*vma));

	if (!vma)
		return NULL;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = vm_flags;
	vma->vm_page_prot = vm_get_page_prot(vm_flags);
	vma->vm_pgoff = pgoff;
	vma->vm_ops = &dummy_vm_ops;
	if (user_vma_alloc_ptes(vma)) {
		free(vma);
		return NULL;
	}
	vma->vm_file = get_file(file);
	return vma;
}

#ifndef TASK_SIZE
#define TASK_SIZE	((1UL << 47) - PAGE_SIZE)	/* x86-64's 47-bit user space */
#endif

/* The address space's own placement (the kernel's mm->get_unmapped_area): a fixed
 * address as it is; otherwise the hint if it is free, else the lowest hole. */
static unsigned long user_get_unmapped_area(struct file *file, unsigned long addr,
					    unsigned long len, unsigned long pgoff,
					    unsigned long flags)
{
	if (flags & MAP_FIXED)
		return addr;
	addr = find_hole(addr, len);
	return addr ? addr : (unsigned long)-ENOMEM;
}

/**
 * get_unmapped_area - where a mapping of @len bytes of @file goes
 * @file: the file mapped, or NULL for the address space's own placement
 * @addr: the caller's address (a hint, or the address with MAP_FIXED)
 * @len: the length, page-aligned
 * @pgoff: the file offset in pages
 * @flags: the mmap flags (MAP_FIXED_NOREPLACE comes with MAP_FIXED)
 *
 * Asks the file's ->get_unmapped_area when it has one, else places the mapping itself,
 * then checks the answer as Linux 6.1 does: beyond the user space -ENOMEM, not
 * page-aligned -EINVAL. A driver's method may call it with a NULL file to get the
 * ordinary placement (of a larger length, to align it, say).
 *
 * Context: process, user_mm.lock held for writing (as mmap_lock in Linux: from mmap, or
 * from a driver's method it calls). Returns the address, or a negative errno as an
 * unsigned long (IS_ERR_VALUE).
 */
unsigned long get_unmapped_area(struct file *file, unsigned long addr, unsigned long len,
				unsigned long pgoff, unsigned long flags)
{
	unsigned long (*get_area)(struct file *, unsigned long, unsigned long, unsigned long,
				  unsigned long) = user_get_unmapped_area;

	if (len > TASK_SIZE)
		return (unsigned long)-ENOMEM;
	if (file && file->f_op->get_unmapped_area)
		get_area = file->f_op->get_unmapped_area;
	addr = get_area(file, addr, len, pgoff, flags);
	if (IS_ERR_VALUE(addr))
		return addr;
	if (addr > TASK_SIZE - len)
		return (unsigned long)-ENOMEM;
	if (offset_in_page(addr))
		return (unsigned long)-EINVAL;
	return addr;
}
EXPORT_SYMBOL(get_unmapped_area);

/* Where the mapping goes, from get_unmapped_area's answer (a fixed address, or a hint
 * taken when it is free in ukmem's space): 0 or -errno in *err. user_mm.lock held for
 * writing. */
static unsigned long place_mapping(unsigned long addr, unsigned long len, int flags, int *err)
{
	*err = 0;
	if (!(flags & MAP_FIXED)) {
		addr = find_hole(addr, len);
		*err = addr ? 0 : -ENOMEM;
		return addr;
	}
	if (addr < user_mm.start || addr >= user_mm.end || len > user_mm.end - addr)
		*err = -ENOMEM;
	else if ((flags & MAP_FIXED_NOREPLACE) && !range_free(addr, len))
		*err = -EEXIST;
	else
		*err = do_munmap(addr, addr + len);
	return addr;
}

static long do_mmap(struct file *file, unsigned long addr, unsigned long len, int prot,
		    int flags, unsigned long pgoff)
{
	struct vm_area_struct *vma;
	vm_flags_t vm_flags;
	int err;

	if (!len)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len)
		return -ENOMEM;
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	addr = get_unmapped_area(file, addr, len, pgoff, (unsigned long)flags);
	if (IS_ERR_VALUE(addr))
		return (long)addr;
	vm_flags = mapping_vm_flags(file, prot, flags, &err);
	if (err)
		return err;
	addr = place_mapping(addr, len, flags, &err);
	if (err)
		return err;
	vma = new_vma(file, addr, len, vm_flags, pgoff);
	if (!vma)
		return -ENOMEM;
	err = file->f_op->mmap(file, vma);
	if (err) {
		user_vma_zap(vma, vma->vm_start, vma->vm_end);
		fput(vma->vm_file);
		user_vma_free_ptes(vma);
		free(vma);
		return err;
	}
	vma_link(vma);
	return (long)addr;
}

void *ukmem_mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
	struct file *file;
	long ret;

	ukmem_ensure_booted();
	if (offset & ~PAGE_MASK)
		return (void *)user_error(-EINVAL);
	if (flags & MAP_ANONYMOUS)
		return (void *)user_error(-EINVAL);
	file = fget(fd);
	if (!file)
		return (void *)user_error(-EBADF);
	pthread_rwlock_wrlock(&user_mm.lock);
	ret = do_mmap(file, (unsigned long)addr, length, prot, flags, (unsigned long)offset >> PAGE_SHIFT);
	pthread_rwlock_unlock(&user_mm.lock);
	fput(file);
	if (ret < 0 && ret > -4096)
		return (void *)user_error(ret);
	return (void *)ret;
}

/* munmap's range check: page-aligned, inside the user address space, not empty. */
static bool munmap_range_ok(unsigned long start, size_t len)
{
	return PAGE_ALIGNED(start) && len && user_mm_contains(start) &&
	       len <= user_mm.end - start && PAGE_ALIGN(len) <= user_mm.end - start;
}

int ukmem_munmap(void *addr, size_t length)
{
	unsigned long start = (unsigned long)addr;
	int err;

	ukmem_ensure_booted();
	if (!munmap_range_ok(start, length))
		return (int)user_error(-EINVAL);
	pthread_rwlock_wrlock(&user_mm.lock);
	err = do_munmap(start, start + PAGE_ALIGN(length));
	pthread_rwlock_unlock(&user_mm.lock);
	return err ? (int)user_error(err) : 0;
}

/* ---- msync ---- */

/* The mappings' memory is the memory itself: only MS_SYNC has work, the file's fsync. */
static int do_msync(unsigned long start, unsigned long end, int flags)
{
	int unmapped_error = 0;

	while (start < end) {
		struct vm_area_struct *vma = vma_after(start);
		loff_t fstart, fend;

		if (!vma)
			return -ENOMEM;
		if (start < vma->vm_start) {
			if (end <= vma->vm_start)
				return -ENOMEM;
			unmapped_error = -ENOMEM;
			start = vma->vm_start;
		}
		if ((flags & MS_INVALIDATE) && (vma->vm_flags & VM_LOCKED))
			return -EBUSY;
		fstart = (loff_t)((start - vma->vm_start) + (vma->vm_pgoff << PAGE_SHIFT));
		fend = fstart + (loff_t)(min(end, vma->vm_end) - start) - 1;
		start = vma->vm_end;
		if ((flags & MS_SYNC) && (vma->vm_flags & VM_SHARED)) {
			int err = vfs_fsync_range(vma->vm_file, fstart, fend, 1);

			if (err)
				return err;
		}
	}
	return unmapped_error;
}

int ukmem_msync(void *addr, size_t length, int flags)
{
	unsigned long start = (unsigned long)addr, end;
	int err;

	ukmem_ensure_booted();
	if ((flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) || !PAGE_ALIGNED(start) ||
	    ((flags & MS_ASYNC) && (flags & MS_SYNC)))
		return (int)user_error(-EINVAL);
	end = start + PAGE_ALIGN(length);
	if (end < start)
		return (int)user_error(-ENOMEM);
	pthread_rwlock_rdlock(&user_mm.lock);
	err = do_msync(start, end, flags);
	pthread_rwlock_unlock(&user_mm.lock);
	return err ? (int)user_error(err) : 0;
}

/* ---- /proc/self/maps ---- */

/* The devtmpfs superblock's device number, as /proc/<pid>/maps shows it for /dev files. */
#define DEVTMPFS_DEV	MKDEV(0, 5)
#define MAPS_PATH_COLUMN	73

static void show_map_vma(struct seq_file *m, const struct vm_area_struct *vma)
{
	const struct inode *inode = file_inode(vma->vm_file);
	vm_flags_t flags = vma->vm_flags;

	seq_setwidth(m, MAPS_PATH_COLUMN - 1);
	seq_printf(m, "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu ", vma->vm_start, vma->vm_end,
		   flags & VM_READ ? 'r' : '-', flags & VM_WRITE ? 'w' : '-',
		   flags & VM_EXEC ? 'x' : '-', flags & VM_MAYSHARE ? 's' : 'p',
		   (unsigned long long)vma->vm_pgoff << PAGE_SHIFT, MAJOR(DEVTMPFS_DEV),
		   MINOR(DEVTMPFS_DEV), inode->i_ino);
	seq_pad(m, ' ');
	seq_file_path(m, vma->vm_file, "\n");
	seq_putc(m, '\n');
}

/* ukmem's user address space in the format of /proc/<pid>/maps. */
static int maps_show(struct seq_file *m, void *data)
{
	pthread_rwlock_rdlock(&user_mm.lock);
	for (struct rb_node *n = rb_first(&user_mm.vmas); n; n = rb_next(n))
		show_map_vma(m, rb_entry(n, struct vm_area_struct, vm_rb));
	pthread_rwlock_unlock(&user_mm.lock);
	return 0;
}

/* ---- boot and shutdown ---- */

int user_mm_init(void)
{
	void *base = host_reserve(USER_SPACE_SIZE, USER_SPACE_HINT);
	int err;

	if (!base)
		return -ENOMEM;
	user_mm.vmas = RB_ROOT;
	user_mm.start = (unsigned long)base;
	user_mm.end = user_mm.start + USER_SPACE_SIZE;
	err = proc_create_view("/proc/self/maps", maps_show, NULL);
	if (!err)
		err = user_fault_handler_install();
	if (err) {
		host_release(base, USER_SPACE_SIZE);
		user_mm.start = user_mm.end = 0;
	}
	return err;
}

void user_mm_exit(void)
{
	struct rb_node *n;

	pthread_rwlock_wrlock(&user_mm.lock);
	while ((n = rb_first(&user_mm.vmas)))
		remove_vma(rb_entry(n, struct vm_area_struct, vm_rb));
	pthread_rwlock_unlock(&user_mm.lock);
	user_fault_handler_remove();
	host_release((void *)user_mm.start, USER_SPACE_SIZE);
	user_mm.start = user_mm.end = 0;
}
