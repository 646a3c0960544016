// SPDX-License-Identifier: LGPL-2.1-or-later
/* file_operations.get_unmapped_area and proc_ops.proc_get_unmapped_area: ukmem_mmap asks
 * the file where a mapping goes (with the caller's address, length, offset and flags, also
 * for MAP_FIXED), takes a driver's answer as the address when it is free, and returns a
 * driver's error, an unaligned answer (EINVAL) or one beyond the user space (ENOMEM) as
 * the mmap's error without calling ->mmap; a driver aligning its mappings through
 * get_unmapped_area(NULL, ...) gets aligned ones; existing mappings stay intact. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <ukmem.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/proc_fs.h>

#define ALIGN_2M	(2UL << 20)

enum area_mode { AREA_ALIGN, AREA_ERROR, AREA_ANSWER, AREA_PASS };

static struct {
	enum area_mode mode;
	unsigned long answer;		/* AREA_ANSWER's address */
	unsigned long inner;		/* AREA_ALIGN: what get_unmapped_area(NULL) gave */
	int calls, mmaps;
	unsigned long addr, len, pgoff, flags;	/* the last call's arguments */
	struct page *page;
} area;

static unsigned long ukarea_get_unmapped_area(struct file *file, unsigned long addr,
					      unsigned long len, unsigned long pgoff,
					      unsigned long flags)
{
	unsigned long where;

	area.calls++;
	area.addr = addr;
	area.len = len;
	area.pgoff = pgoff;
	area.flags = flags;
	switch (area.mode) {
	case AREA_ALIGN:
		if (flags & MAP_FIXED)
			return addr;
		where = get_unmapped_area(NULL, 0, len + ALIGN_2M, pgoff, flags);
		if (IS_ERR_VALUE(where))
			return where;
		area.inner = where;
		return ALIGN(where, ALIGN_2M);
	case AREA_ERROR:
		return (unsigned long)-ENODEV;
	case AREA_ANSWER:
		return area.answer;
	case AREA_PASS:
		break;
	}
	return addr;
}

/* One page of driver memory, mapped when the mapping is one page long. */
static int ukarea_mmap(struct file *file, struct vm_area_struct *vma)
{
	area.mmaps++;
	if (vma_pages(vma) != 1)
		return 0;
	return remap_pfn_range(vma, vma->vm_start, page_to_pfn(area.page), PAGE_SIZE,
			       vma->vm_page_prot);
}

static const struct file_operations ukarea_fops = {
	.mmap = ukarea_mmap,
	.get_unmapped_area = ukarea_get_unmapped_area,
};
static struct miscdevice ukarea_misc = {
	.minor = MISC_DYNAMIC_MINOR, .name = "ukarea", .fops = &ukarea_fops,
};

/* The same device without the method: the address space places its mappings. */
static const struct file_operations ukplain_fops = { .mmap = ukarea_mmap };
static struct miscdevice ukplain_misc = {
	.minor = MISC_DYNAMIC_MINOR, .name = "ukplain", .fops = &ukplain_fops,
};

static void area_up(void)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	memset(&area, 0, sizeof(area));
	area.page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	cr_assert_not_null(area.page);
	cr_assert_eq(misc_register(&ukarea_misc), 0);
	cr_assert_eq(misc_register(&ukplain_misc), 0);
}

static void area_down(void)
{
	misc_deregister(&ukplain_misc);
	misc_deregister(&ukarea_misc);
	__free_page(area.page);
	ukmem_shutdown();
}

static int open_ok(const char *path, int flags)
{
	int fd = ukmem_open(path, flags);

	cr_assert_geq(fd, 0, "open %s", path);
	return fd;
}

static char *map_page(int fd, void *addr, int flags)
{
	return ukmem_mmap(addr, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | flags, fd, 0);
}

/* The end of a test: two one-page mappings and two files go, then the machine. */
static void unmap_close_down(char *m1, char *m2, int fd1, int fd2)
{
	cr_assert_eq(ukmem_munmap(m1, PAGE_SIZE), 0);
	cr_assert_eq(ukmem_munmap(m2, PAGE_SIZE), 0);
	cr_assert_eq(ukmem_close(fd1), 0);
	cr_assert_eq(ukmem_close(fd2), 0);
	area_down();
}

Test(get_unmapped_area, the_driver_aligns_its_mappings)
{
	area_up();
	int fd = open_ok("/dev/ukarea", O_RDWR), plain = open_ok("/dev/ukplain", O_RDWR);

	/* Leave the lowest hole unaligned, so that aligning has something to do. */
	char *first = map_page(plain, NULL, 0);
	cr_assert_neq(first, MAP_FAILED);
	cr_assert_eq(area.calls, 0, "no method: the driver is not asked");
	if (!((unsigned long)(first + PAGE_SIZE) % ALIGN_2M))
		cr_assert_neq(map_page(plain, NULL, 0), MAP_FAILED);

	area.mode = AREA_ALIGN;
	char *p = ukmem_mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 3 * PAGE_SIZE);
	cr_assert_neq(p, MAP_FAILED);
	cr_assert_eq(area.calls, 1);
	cr_assert_eq(area.addr, 0);
	cr_assert_eq(area.len, PAGE_SIZE);
	cr_assert_eq(area.pgoff, 3);
	cr_assert_eq(area.flags, MAP_SHARED);
	cr_assert_eq((unsigned long)p % ALIGN_2M, 0, "%p is 2 MiB-aligned", p);
	cr_assert_eq((unsigned long)p, ALIGN(area.inner, ALIGN_2M));
	cr_assert_neq((unsigned long)p, area.inner, "the hole itself was not aligned");
	strcpy(p, "through the aligned mapping");
	cr_assert_str_eq(page_address(area.page), "through the aligned mapping");

	/* A length the hint is given with, and a second aligned mapping elsewhere. */
	char *q = ukmem_mmap((void *)0x1000, PAGE_SIZE, PROT_READ, MAP_SHARED, fd, 0);
	cr_assert_neq(q, MAP_FAILED);
	cr_assert_eq(area.addr, 0x1000, "the caller's hint reaches the driver");
	cr_assert_eq((unsigned long)q % ALIGN_2M, 0);
	cr_assert_neq(q, p);
	cr_assert_str_eq(q, "through the aligned mapping");
	cr_assert_str_eq(first, "through the aligned mapping", "the first mapping is intact");
	cr_assert_eq(area.mmaps, 3);

	unmap_close_down(q, p, plain, fd);
}

Test(get_unmapped_area, errors_come_back_as_the_mmaps)
{
	area_up();
	int fd = open_ok("/dev/ukarea", O_RDWR), wronly = open_ok("/dev/ukarea", O_WRONLY);
	char *before = map_page(fd, NULL, 0);	/* AREA_ALIGN */
	cr_assert_neq(before, MAP_FAILED);
	strcpy(before, "kept");

	area.mode = AREA_ERROR;
	cr_assert_eq(map_page(fd, NULL, 0), MAP_FAILED);
	cr_assert_eq(errno, ENODEV, "the driver's error");
	cr_assert_eq(map_page(wronly, NULL, 0), MAP_FAILED);
	cr_assert_eq(errno, ENODEV, "asked before the file's mode is checked, as in Linux");

	area.mode = AREA_ANSWER;
	area.answer = (unsigned long)before + PAGE_SIZE + 123;
	cr_assert_eq(map_page(fd, NULL, 0), MAP_FAILED);
	cr_assert_eq(errno, EINVAL, "an answer not page-aligned");
	area.answer = 1UL << 47;
	cr_assert_eq(map_page(fd, NULL, 0), MAP_FAILED);
	cr_assert_eq(errno, ENOMEM, "an answer beyond the user space");
	area.answer = (1UL << 47) - 2 * PAGE_SIZE;
	cr_assert_eq(ukmem_mmap(NULL, 2 * PAGE_SIZE, PROT_READ, MAP_SHARED, fd, 0), MAP_FAILED);
	cr_assert_eq(errno, ENOMEM, "the answer's end beyond the user space");
	cr_assert_eq(area.calls, 6);
	cr_assert_eq(area.mmaps, 1, "->mmap never called after a refusal");

	/* Nothing was mapped: the space is as it was. */
	area.mode = AREA_ALIGN;
	char *after = map_page(fd, NULL, 0);
	cr_assert_neq(after, MAP_FAILED);
	cr_assert_str_eq(before, "kept");
	unmap_close_down(after, before, wronly, fd);
}

Test(get_unmapped_area, answers_are_addresses_fixed_requests_ask_too)
{
	area_up();
	int fd = open_ok("/dev/ukarea", O_RDWR);
	char *base = ukmem_mmap(NULL, 64 * PAGE_SIZE, PROT_READ, MAP_SHARED, fd, 0);
	cr_assert_neq(base, MAP_FAILED);
	cr_assert_eq(ukmem_munmap(base, 64 * PAGE_SIZE), 0, "64 free pages at base");
	char *held = map_page(fd, base + 8 * PAGE_SIZE, MAP_FIXED);
	cr_assert_eq(held, base + 8 * PAGE_SIZE);
	cr_assert_eq(area.flags, MAP_SHARED | MAP_FIXED, "the method is asked for MAP_FIXED too");
	cr_assert_eq(area.addr, (unsigned long)held);
	strcpy(held, "held");

	/* A free answer is where the mapping goes, whatever the caller's hint. */
	area.mode = AREA_ANSWER;
	area.answer = (unsigned long)base + 20 * PAGE_SIZE;
	char *p = map_page(fd, base + 40 * PAGE_SIZE, 0);
	cr_assert_eq(p, base + 20 * PAGE_SIZE);
	cr_assert_eq(area.addr, (unsigned long)base + 40 * PAGE_SIZE);
	cr_assert_str_eq(p, "held", "the same driver page");

	/* An answer over a mapping is a hint: the mapping goes elsewhere, the other stays. */
	area.answer = (unsigned long)held;
	char *q = map_page(fd, NULL, 0);
	cr_assert_neq(q, MAP_FAILED);
	cr_assert_neq(q, held);
	cr_assert_neq(q, p);
	strcpy(q, "new");
	cr_assert_str_eq(held, "new", "both map the driver's one page");

	/* MAP_FIXED_NOREPLACE reaches the driver as MAP_FIXED | MAP_FIXED_NOREPLACE. */
	area.mode = AREA_PASS;
	cr_assert_eq(map_page(fd, held, MAP_FIXED_NOREPLACE), MAP_FAILED);
	cr_assert_eq(errno, EEXIST);
	cr_assert_eq(area.flags, MAP_SHARED | MAP_FIXED | MAP_FIXED_NOREPLACE);
	cr_assert_eq(map_page(fd, held + 1, MAP_FIXED), MAP_FAILED);
	cr_assert_eq(errno, EINVAL, "a fixed address not page-aligned");
	cr_assert_eq(area.addr, (unsigned long)held + 1);

	/* A driver's answer for MAP_FIXED is the address used, as in Linux. */
	area.mode = AREA_ANSWER;
	area.answer = (unsigned long)base + 30 * PAGE_SIZE;
	char *r = map_page(fd, base + 31 * PAGE_SIZE, MAP_FIXED);
	cr_assert_eq(r, base + 30 * PAGE_SIZE);
	cr_assert_str_eq(r, "new");

	cr_assert_eq(ukmem_munmap(base, 64 * PAGE_SIZE), 0);
	if (q < base || q >= base + 64 * PAGE_SIZE)
		cr_assert_eq(ukmem_munmap(q, PAGE_SIZE), 0);
	ukmem_close(fd);
	area_down();
}

/* ---- a /proc file: proc_get_unmapped_area, and the entry removed while open ---- */

static int proc_area_mmap(struct file *file, struct vm_area_struct *vma)
{
	return ukarea_mmap(file, vma);
}

static const struct proc_ops proc_area_ops = {
	.proc_mmap = proc_area_mmap,
	.proc_get_unmapped_area = ukarea_get_unmapped_area,
};
static const struct proc_ops proc_plain_ops = { .proc_mmap = proc_area_mmap };

Test(get_unmapped_area, proc_entries)
{
	area_up();
	struct proc_dir_entry *pa = proc_create("ukarea", 0666, NULL, &proc_area_ops);
	struct proc_dir_entry *pp = proc_create("ukplain", 0666, NULL, &proc_plain_ops);
	cr_assert_not_null(pa);
	cr_assert_not_null(pp);
	int fa = open_ok("/proc/ukarea", O_RDWR), fp = open_ok("/proc/ukplain", O_RDWR);

	char *p = map_page(fa, NULL, 0);
	cr_assert_neq(p, MAP_FAILED);
	cr_assert_eq(area.calls, 1, "proc_get_unmapped_area was asked");
	cr_assert_eq((unsigned long)p % ALIGN_2M, 0);
	char *plain = map_page(fp, NULL, 0);
	cr_assert_neq(plain, MAP_FAILED, "without the method: the ordinary placement");
	cr_assert_eq(area.calls, 1);
	strcpy(plain, "proc page");
	cr_assert_str_eq(p, "proc page");

	proc_remove(pa);
	cr_assert_eq(map_page(fa, NULL, 0), MAP_FAILED);
	cr_assert_eq(errno, EIO, "a removed entry");
	cr_assert_eq(area.calls, 1);
	cr_assert_str_eq(p, "proc page", "the mapping made before stays");

	cr_assert_eq(ukmem_munmap(p, PAGE_SIZE), 0);
	cr_assert_eq(ukmem_munmap(plain, PAGE_SIZE), 0);
	ukmem_close(fa);
	ukmem_close(fp);
	proc_remove(pp);
	area_down();
}
