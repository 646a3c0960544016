// SPDX-License-Identifier: LGPL-2.1-or-later
/* Mappings of ordinary pages: vm_insert_page(s) and the vmalloc_remap example
 * (remap_vmalloc_range). Each mapped page holds a reference and a mapcount, so a driver
 * that frees its buffer while a process still maps it cannot hand those pages to anyone
 * else: the test frees the buffer, keeps using the mapping, takes every page the
 * allocator will give, and checks none of them is a mapped page. Also vmf_insert_pfn on
 * device memory (the framebuffer's video memory, a memory window of its own). */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
#include <linux/uaccess.h>
#include <ukmem.h>
#include <linux/fs.h>
#include <linux/io.h>
#include <asm/io.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include "drivers/mmio_models.h"
#include "kmsg.h"

#include "../../examples/chardev/vmalloc_remap.c"

const char *__asan_default_options(void) { return "handle_segv=0"; }

static int open_vmremap(void)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(vmalloc_remap_init(), 0);
	int fd = ukmem_open("/dev/vmremap", O_RDWR);
	cr_assert_geq(fd, 0);
	return fd;
}

Test(mmap_pages, remap_vmalloc_range_aliases_both_ways)
{
	int fd = open_vmremap();
	size_t len = (size_t)vmremap_pages << PAGE_SHIFT;
	char *m = ukmem_mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	cr_assert_neq(m, MAP_FAILED);
	for (unsigned int i = 0; i < vmremap_pages; i++)
		cr_assert_eq(*(u32 *)(m + ((size_t)i << PAGE_SHIFT)), i);
	strcpy(m + 17 * PAGE_SIZE + 8, "user to driver");
	cr_assert_str_eq(vmremap_buf + 17 * PAGE_SIZE + 8, "user to driver");
	strcpy(vmremap_buf + 40 * PAGE_SIZE + 8, "driver to user");
	cr_assert_str_eq(m + 40 * PAGE_SIZE + 8, "driver to user");

	char *tail = ukmem_mmap(NULL, 2 * PAGE_SIZE, PROT_READ, MAP_SHARED, fd, 62 * PAGE_SIZE);
	cr_assert_neq(tail, MAP_FAILED);
	cr_assert_eq(*(u32 *)tail, 62, "vm_pgoff selects the buffer's page");
	errno = 0;
	cr_assert_eq(ukmem_mmap(NULL, 3 * PAGE_SIZE, PROT_READ, MAP_SHARED, fd, 62 * PAGE_SIZE),
		     MAP_FAILED, "past the buffer");
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_mmap(NULL, len + PAGE_SIZE, PROT_READ, MAP_SHARED, fd, 0), MAP_FAILED);
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_munmap(tail, 2 * PAGE_SIZE), 0);
	cr_assert_eq(ukmem_munmap(m, len), 0);
	ukmem_close(fd);
	vmalloc_remap_exit();
	ukmem_shutdown();
}

Test(mmap_pages, freed_buffer_pages_stay_with_the_mapping)
{
	int fd = open_vmremap();
	size_t len = (size_t)vmremap_pages << PAGE_SHIFT;
	char *m = ukmem_mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	cr_assert_neq(m, MAP_FAILED);
	unsigned long *mapped = calloc(vmremap_pages, sizeof(*mapped));
	for (unsigned int i = 0; i < vmremap_pages; i++) {
		mapped[i] = vmalloc_to_pfn(vmremap_buf + ((size_t)i << PAGE_SHIFT));
		cr_assert_eq(page_count(pfn_to_page(mapped[i])), 2);
	}
	ukmem_close(fd);
	vmalloc_remap_exit();		/* vfree()s the buffer: the mapping still holds it */
	for (unsigned int i = 0; i < vmremap_pages; i++) {
		cr_assert_eq(page_count(pfn_to_page(mapped[i])), 1);
		cr_assert_eq(page_mapcount(pfn_to_page(mapped[i])), 1);
	}

	/* Take every page the allocator will give and fill it. */
	size_t cap = 1 << 17, n = 0;
	struct page **taken = calloc(cap, sizeof(*taken));
	struct page *p;
	while (n < cap && (p = alloc_page(GFP_ATOMIC | __GFP_NOWARN))) {
		memset(page_address(p), 0xee, PAGE_SIZE);
		taken[n++] = p;
	}
	cr_assert_gt(n, 10000, "the machine's memory was taken");
	for (size_t k = 0; k < n; k++)
		for (unsigned int i = 0; i < vmremap_pages; i++)
			cr_assert_neq(page_to_pfn(taken[k]), mapped[i], "a mapped page was handed out");
	for (unsigned int i = 0; i < vmremap_pages; i++)
		cr_assert_eq(*(u32 *)(m + ((size_t)i << PAGE_SHIFT)), i, "mapping intact");
	m[5] = 'w';	/* still writable, still the same page */
	cr_assert_eq(*((char *)page_address(pfn_to_page(mapped[0])) + 5), 'w');
	for (size_t k = 0; k < n; k++)
		__free_page(taken[k]);

	/* munmap drops the last reference: the pages go back to the allocator. */
	unsigned long free_before = free_pages_now();
	cr_assert_eq(ukmem_munmap(m, len), 0);
	for (unsigned int i = 0; i < vmremap_pages; i++)
		cr_assert_eq(page_count(pfn_to_page(mapped[i])), 0);
	cr_assert_eq(free_pages_now(), free_before + vmremap_pages);
	cr_assert_eq(ukmem_report_count(), 0, "no bad page state");
	free(taken);
	free(mapped);
	ukmem_shutdown();
}

/* ---- vm_insert_page(s) directly ---- */

static struct page *ins_pages[4];
static int ins_result[7];

static int ins_mmap(struct file *file, struct vm_area_struct *vma)
{
	void *slab = kmalloc(64, GFP_KERNEL);
	char *big = kmalloc(8192, GFP_KERNEL);	/* in an order-3 slab: its second page a tail */
	unsigned long num = 2;

	ins_result[0] = vm_insert_page(vma, vma->vm_start, ins_pages[0]);
	ins_result[1] = vm_insert_page(vma, vma->vm_start, ins_pages[1]);
	ins_result[2] = vm_insert_page(vma, vma->vm_end, ins_pages[1]);
	ins_result[3] = vm_insert_page(vma, vma->vm_start + PAGE_SIZE, virt_to_page(slab));
	ins_result[4] = vm_insert_pages(vma, vma->vm_start + PAGE_SIZE, &ins_pages[1], &num);
	ins_result[5] = (int)num;
	ins_result[6] = vm_insert_page(vma, vma->vm_start + 3 * PAGE_SIZE,
				       virt_to_page(big + PAGE_SIZE));
	kfree(big);
	kfree(slab);
	return 0;
}

static const struct file_operations ins_fops = { .mmap = ins_mmap };

Test(mmap_pages, vm_insert_page_rules_and_references)
{
	struct miscdevice dev = { .minor = MISC_DYNAMIC_MINOR, .name = "ins", .fops = &ins_fops };

	cr_assert_eq(ukmem_boot(NULL), 0);
	for (int i = 0; i < 4; i++) {
		ins_pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		*(int *)page_address(ins_pages[i]) = 100 + i;
	}
	cr_assert_eq(misc_register(&dev), 0);
	int fd = ukmem_open("/dev/ins", O_RDWR);
	int *m = ukmem_mmap(NULL, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	cr_assert_neq(m, MAP_FAILED);
	cr_assert_eq(ins_result[0], 0);
	cr_assert_eq(ins_result[1], -EBUSY, "the address is taken");
	cr_assert_eq(ins_result[2], -EFAULT, "outside the mapping");
	cr_assert_eq(ins_result[3], -EINVAL, "slab pages cannot be mapped");
	cr_assert_eq(ins_result[4], 0);
	cr_assert_eq(ins_result[5], 0, "vm_insert_pages: none left unmapped");
	cr_assert_eq(ins_result[6], -EINVAL, "nor a slab's tail page (PageSlab reads the head)");
	cr_assert_eq(m[0], 100);
	cr_assert_eq(m[PAGE_SIZE / sizeof(int)], 101);
	cr_assert_eq(m[2 * PAGE_SIZE / sizeof(int)], 102);
	cr_assert_eq(page_count(ins_pages[0]), 2);
	cr_assert_eq(page_mapcount(ins_pages[0]), 1);
	cr_assert_eq(page_count(ins_pages[3]), 1, "not mapped");

	__free_page(ins_pages[0]);	/* the driver lets go early */
	m[0] = 7;
	cr_assert_eq(*(int *)page_address(ins_pages[0]), 7);
	unsigned long free_before = free_pages_now();
	cr_assert_eq(ukmem_munmap(m, 4 * PAGE_SIZE), 0);
	cr_assert_eq(free_pages_now(), free_before + 1, "the last reference went with munmap");
	cr_assert_eq(page_count(ins_pages[1]), 1);
	for (int i = 1; i < 4; i++)
		__free_page(ins_pages[i]);
	ukmem_close(fd);
	misc_deregister(&dev);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

/* ---- vmf_insert_pfn on device memory ---- */

static int vram_faults;

static vm_fault_t vram_fault(struct vm_fault *vmf)
{
	vram_faults++;
	return vmf_insert_pfn(vmf->vma, vmf->address, PHYS_PFN(UKFB_VRAM_BASE) + vmf->pgoff);
}

static const struct vm_operations_struct vram_vm_ops = { .fault = vram_fault };

static int vram_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_flags |= VM_PFNMAP | VM_IO;
	vma->vm_ops = &vram_vm_ops;
	return 0;
}

static const struct file_operations vram_fops = { .mmap = vram_mmap };

Test(mmap_pages, vmf_insert_pfn_maps_device_memory_lazily)
{
	struct miscdevice dev = { .minor = MISC_DYNAMIC_MINOR, .name = "vram", .fops = &vram_fops };

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(misc_register(&dev), 0);
	int fd = ukmem_open("/dev/vram", O_RDWR);
	char *m = ukmem_mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	cr_assert_neq(m, MAP_FAILED);
	u8 __iomem *kernel = ioremap(UKFB_VRAM_BASE, 1 << 20);
	strcpy(m + 3 * PAGE_SIZE, "pixels");
	cr_assert_eq(memcmp((const void *)(kernel + 3 * PAGE_SIZE), "pixels", 6), 0);
	kernel[5 * PAGE_SIZE] = 0x5a;
	cr_assert_eq((u8)m[5 * PAGE_SIZE], 0x5a);
	cr_assert_eq(vram_faults, 2);
	iounmap(kernel);
	cr_assert_eq(ukmem_munmap(m, 1 << 20), 0);
	ukmem_close(fd);
	misc_deregister(&dev);
	ukmem_shutdown();
}

/* ---- registers cannot be reached from user space ---- */

static int regs_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
	return io_remap_pfn_range(vma, vma->vm_start, PHYS_PFN(HPET_MMIO_BASE), PAGE_SIZE,
				  vma->vm_page_prot);
}

static const struct file_operations regs_fops = { .mmap = regs_mmap };

static volatile char *map_registers(void)
{
	static struct miscdevice dev = { .minor = MISC_DYNAMIC_MINOR, .name = "regs",
					 .fops = &regs_fops };

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(misc_register(&dev), 0);
	int fd = ukmem_open("/dev/regs", O_RDWR);
	char *m = ukmem_mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	cr_assert_neq(m, MAP_FAILED, "the driver may map a register window");
	return m;
}

Test(mmap_pages, register_window_pages_are_not_reachable_by_copies)
{
	volatile char *m = map_registers();
	u32 v;
	cr_assert_eq(copy_from_user(&v, (const void *)m, 4), 4);
	cr_assert_eq(put_user(1, (u32 *)m), -EFAULT);
	ukmem_shutdown();
}

Test(mmap_pages, register_window_pages_fault_on_plain_access, .signal = SIGSEGV)
{
	volatile char *m = map_registers();
	(void)m[0];
}

/* ---- the driver's protection wins over the mapping's ---- */

static struct page *ro_page;

static int ro_mmap(struct file *file, struct vm_area_struct *vma)
{
	return remap_pfn_range(vma, vma->vm_start, page_to_pfn(ro_page), PAGE_SIZE,
			       PAGE_READONLY);
}

static const struct file_operations ro_fops = { .mmap = ro_mmap };

static char *map_read_only_page(void)
{
	static struct miscdevice dev = { .minor = MISC_DYNAMIC_MINOR, .name = "ro",
					 .fops = &ro_fops };

	cr_assert_eq(ukmem_boot(NULL), 0);
	ro_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	strcpy(page_address(ro_page), "read only");
	cr_assert_eq(misc_register(&dev), 0);
	int fd = ukmem_open("/dev/ro", O_RDWR);
	char *m = ukmem_mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	cr_assert_neq(m, MAP_FAILED);
	return m;
}

Test(mmap_pages, read_only_pgprot_refuses_copies_that_write)
{
	char *m = map_read_only_page();
	char buf[10];
	cr_assert_eq(copy_from_user(buf, m, 10), 0);
	cr_assert_str_eq(buf, "read only");
	cr_assert_eq(copy_to_user(m, "x", 1), 1);
	cr_assert_str_eq(page_address(ro_page), "read only");
	ukmem_shutdown();
}

Test(mmap_pages, read_only_pgprot_faults_plain_writes, .signal = SIGSEGV)
{
	char *m = map_read_only_page();
	*(volatile char *)m = 'x';
}
