// SPDX-License-Identifier: LGPL-2.1-or-later
/* bench/bench_mmap.c: what user mappings of driver memory cost, per 4 KiB page, beside
 * the host doing the same for an ordinary memory file: mmap + munmap with the pages
 * entered eagerly (remap_pfn_range over one contiguous block, vm_insert_page page by
 * page), the first touch of a fault-driven mapping (ukmem's SIGSEGV path) against the
 * host's minor fault on a shared file mapping, and copy_to_user of a page into plain
 * process memory and into a ukmem mapping against memcpy. One run, ns per page. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/uaccess.h>
#include "bench.h"

#define BLOCK_ORDER	10			/* 4 MiB */
#define BLOCK_PAGES	(1UL << BLOCK_ORDER)
#define BLOCK_BYTES	(BLOCK_PAGES << PAGE_SHIFT)

static struct page *block;

static int remap_mmap(struct file *f, struct vm_area_struct *vma)
{
	return remap_pfn_range(vma, vma->vm_start, page_to_pfn(block), BLOCK_BYTES,
			       vma->vm_page_prot);
}

static int insert_mmap(struct file *f, struct vm_area_struct *vma)
{
	for (unsigned long i = 0; i < BLOCK_PAGES; i++) {
		int err = vm_insert_page(vma, vma->vm_start + (i << PAGE_SHIFT), block + i);

		if (err)
			return err;
	}
	return 0;
}

static vm_fault_t block_fault(struct vm_fault *vmf)
{
	get_page(block + vmf->pgoff);
	vmf->page = block + vmf->pgoff;
	return 0;
}

static const struct vm_operations_struct fault_ops = { .fault = block_fault };

static int fault_mmap(struct file *f, struct vm_area_struct *vma)
{
	vma->vm_ops = &fault_ops;
	return 0;
}

static const struct file_operations remap_fops = { .mmap = remap_mmap };
static const struct file_operations insert_fops = { .mmap = insert_mmap };
static const struct file_operations fault_fops = { .mmap = fault_mmap };
static struct miscdevice devs[] = {
	{ .minor = MISC_DYNAMIC_MINOR, .name = "remap", .fops = &remap_fops },
	{ .minor = MISC_DYNAMIC_MINOR, .name = "insert", .fops = &insert_fops },
	{ .minor = MISC_DYNAMIC_MINOR, .name = "fault", .fops = &fault_fops },
};

static double map_unmap(const char *path, int reps)
{
	int fd = ukmem_open(path, O_RDWR);
	double ns = BEST_OF(reps, 1, {
		void *m = ukmem_mmap(NULL, BLOCK_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		ukmem_munmap(m, BLOCK_BYTES);
	});

	ukmem_close(fd);
	return ns / BLOCK_PAGES;
}

static double touch_all(volatile char *m)
{
	double t0 = now_ns();

	for (unsigned long i = 0; i < BLOCK_PAGES; i++)
		m[i << PAGE_SHIFT] = 1;
	return (now_ns() - t0) / BLOCK_PAGES;
}

static double ukmem_first_touch(int reps)
{
	int fd = ukmem_open("/dev/fault", O_RDWR);
	double best = 1e18;

	for (int r = 0; r < reps; r++) {
		char *m = ukmem_mmap(NULL, BLOCK_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		double t = touch_all(m);

		best = t < best ? t : best;
		ukmem_munmap(m, BLOCK_BYTES);
	}
	ukmem_close(fd);
	return best;
}

static double host_first_touch(int reps)
{
	int fd = memfd_create("bench", 0);
	double best = 1e18;

	if (ftruncate(fd, BLOCK_BYTES))
		return 0;
	char *warm = mmap(NULL, BLOCK_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	memset(warm, 1, BLOCK_BYTES);	/* in the page cache: later touches are minor faults */
	for (int r = 0; r < reps; r++) {
		char *m = mmap(NULL, BLOCK_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		double t = touch_all(m);

		best = t < best ? t : best;
		munmap(m, BLOCK_BYTES);
	}
	munmap(warm, BLOCK_BYTES);
	close(fd);
	return best;
}

int main(void)
{
	static char plain[PAGE_SIZE], src[PAGE_SIZE];
	const long n = 200000;

	if (ukmem_boot("loglevel=3") < 0)
		return 1;
	block = alloc_pages(GFP_KERNEL | __GFP_ZERO, BLOCK_ORDER);
	split_page(block, BLOCK_ORDER);
	for (unsigned int i = 0; i < 3; i++)
		misc_register(&devs[i]);

	double remap = map_unmap("/dev/remap", 20), insert = map_unmap("/dev/insert", 5);
	double fault = ukmem_first_touch(5), host = host_first_touch(5);
	int fd = ukmem_open("/dev/remap", O_RDWR);
	char *mapped = ukmem_mmap(NULL, BLOCK_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	double cpy = BEST_OF(5, n, { memcpy(plain, src, PAGE_SIZE); __asm__ volatile("" ::: "memory"); });
	double to_plain = BEST_OF(5, n, copy_to_user(plain, src, PAGE_SIZE));
	double to_mapped = BEST_OF(5, n, copy_to_user(mapped, src, PAGE_SIZE));

	printf("%-48s %9s %8s\n", "ns per 4 KiB page", "ns", "ratio");
	printf("%-48s %9.1f %8s\n", "mmap+munmap, remap_pfn_range (one 4 MiB run)", remap, "");
	printf("%-48s %9.1f %8s\n", "mmap+munmap, vm_insert_page per page", insert, "");
	printf("%-48s %9.1f %8.2f\n", "host: first touch of a shared memfd mapping", host, 1.0);
	printf("%-48s %9.1f %8.2f\n", "ukmem: first touch, vm_ops->fault (SIGSEGV)", fault,
	       fault / host);
	printf("%-48s %9.1f %8.2f\n", "memcpy", cpy, 1.0);
	printf("%-48s %9.1f %8.2f\n", "copy_to_user, ukmem mapping", to_mapped, to_mapped / cpy);
	printf("%-48s %9.1f %8.2f\n", "copy_to_user, plain process memory", to_plain,
	       to_plain / cpy);
	ukmem_munmap(mapped, BLOCK_BYTES);
	ukmem_close(fd);
	for (unsigned int i = 0; i < 3; i++)
		misc_deregister(&devs[i]);
	for (unsigned long i = 0; i < BLOCK_PAGES; i++)
		__free_page(block + i);
	ukmem_shutdown();
	return 0;
}
