// SPDX-License-Identifier: LGPL-2.1-or-later
/* Fault-driven mappings: the vmalloc_fault example (LDD3's scullv way) and a sparse
 * 1 GiB device whose pages exist only once touched. Pages are entered on first touch,
 * so resident pages (mincore) and the driver's fault count grow only with the pages
 * touched; a page the driver cannot back is SIGBUS; the fault handler shares SIGSEGV
 * with the MMIO register-window report and the vmalloc guard pages. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/fs.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/uaccess.h>
#include <asm/io.h>
#include "drivers/mmio_models.h"
#include "kmsg.h"

#include "../../examples/chardev/vmalloc_fault.c"

const char *__asan_default_options(void) { return "handle_segv=0:handle_sigbus=0"; }

static size_t resident_pages(void *addr, size_t len)
{
	size_t n = len / PAGE_SIZE, count = 0;
	unsigned char *vec = malloc(n);

	cr_assert_eq(mincore(addr, len, vec), 0);
	for (size_t i = 0; i < n; i++)
		count += vec[i] & 1;
	free(vec);
	return count;
}

static int open_vmfault(const char *params)
{
	cr_assert_eq(ukmem_boot(params), 0);
	cr_assert_eq(vmalloc_fault_init(), 0);
	int fd = ukmem_open("/dev/vmfault", O_RDWR);
	cr_assert_geq(fd, 0);
	return fd;
}

Test(mmap_fault, pages_come_on_first_touch_and_alias)
{
	int fd = open_vmfault(NULL);
	size_t len = (size_t)vmfault_pages << PAGE_SHIFT;
	char *m = ukmem_mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	cr_assert_neq(m, MAP_FAILED);
	cr_assert_eq(resident_pages(m, len), 0, "nothing entered by mmap");
	cr_assert_eq(atomic_read(&vmfault_faults), 0);

	strcpy(m + 10 * PAGE_SIZE + 3, "through the fault");
	cr_assert_str_eq(vmfault_buf + 10 * PAGE_SIZE + 3, "through the fault");
	strcpy(vmfault_buf + 200 * PAGE_SIZE, "from the driver");
	cr_assert_str_eq(m + 200 * PAGE_SIZE, "from the driver");
	(void)*(volatile char *)(m + 10 * PAGE_SIZE + 100);	/* same page again */
	cr_assert_eq(atomic_read(&vmfault_faults), 2);
	cr_assert_eq(resident_pages(m, len), 2);

	/* A user copy into a page not touched yet faults it in rather than failing. */
	cr_assert_eq(copy_to_user(m + 50 * PAGE_SIZE, "copied", 7), 0);
	cr_assert_str_eq(vmfault_buf + 50 * PAGE_SIZE, "copied");
	cr_assert_eq(atomic_read(&vmfault_faults), 3);

	/* Each entered page holds a reference until munmap. */
	struct page *page = vmalloc_to_page(vmfault_buf + 10 * PAGE_SIZE);
	cr_assert_eq(page_count(page), 2);
	cr_assert_eq(page_mapcount(page), 1);
	cr_assert_eq(ukmem_munmap(m, len), 0);
	cr_assert_eq(page_count(page), 1);
	cr_assert_eq(page_mapcount(page), 0);
	ukmem_close(fd);
	vmalloc_fault_exit();
	cr_assert(kmsg_contains("vmalloc_fault: 3 pages faulted in"));
	ukmem_shutdown();
}

Test(mmap_fault, a_page_past_the_buffer_is_sigbus, .signal = SIGBUS)
{
	int fd = open_vmfault("vmalloc_fault.pages=4");
	cr_assert_eq(vmfault_pages, 256, "parameters reach modules only when loaded");
	vmfault_pages = 4;
	char *m = ukmem_mmap(NULL, 8 * PAGE_SIZE, PROT_READ, MAP_SHARED, fd, 0);
	cr_assert_neq(m, MAP_FAILED, "mapping more than the buffer is allowed; touching is not");
	cr_assert_eq(m[3 * PAGE_SIZE], 0);
	char c;
	cr_assert_eq(copy_from_user(&c, m + 5 * PAGE_SIZE, 1), 1, "a copy gets EFAULT");
	(void)*(volatile char *)(m + 5 * PAGE_SIZE);
}

static void *touch_all(void *arg)
{
	char *m = arg;

	for (unsigned int i = 0; i < vmfault_pages; i++)
		__atomic_fetch_add(&m[(size_t)i * PAGE_SIZE], 1, __ATOMIC_RELAXED);
	return NULL;
}

Test(mmap_fault, threads_faulting_the_same_pages_enter_each_once)
{
	int fd = open_vmfault(NULL);
	size_t len = (size_t)vmfault_pages << PAGE_SHIFT;
	char *m = ukmem_mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	pthread_t t[4];
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, touch_all, m);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	cr_assert_eq(atomic_read(&vmfault_faults), (int)vmfault_pages);
	for (unsigned int i = 0; i < vmfault_pages; i++)
		cr_assert_eq(vmfault_buf[(size_t)i * PAGE_SIZE], 4);
	cr_assert_eq(ukmem_munmap(m, len), 0);
	ukmem_close(fd);
	vmalloc_fault_exit();
	ukmem_shutdown();
}

/* ---- a sparse device: 1 GiB whose pages are allocated when first touched ---- */

#define SPARSE_PAGES	(1UL << 18)	/* 1 GiB */

static struct page **sparse_table;
static int sparse_faults;

static vm_fault_t sparse_fault(struct vm_fault *vmf)
{
	struct page **slot;

	if (vmf->pgoff >= SPARSE_PAGES)
		return VM_FAULT_SIGBUS;
	slot = &sparse_table[vmf->pgoff];
	if (!*slot) {
		*slot = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!*slot)
			return VM_FAULT_OOM;
	}
	get_page(*slot);
	vmf->page = *slot;
	sparse_faults++;
	return 0;
}

static const struct vm_operations_struct sparse_vm_ops = { .fault = sparse_fault };

static int sparse_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &sparse_vm_ops;
	return 0;
}

static const struct file_operations sparse_fops = { .mmap = sparse_mmap };

Test(mmap_fault, a_1g_mapping_costs_only_the_pages_touched)
{
	struct miscdevice sparse = { .minor = MISC_DYNAMIC_MINOR, .name = "sparse",
				     .fops = &sparse_fops };

	cr_assert_eq(ukmem_boot("mem=128M"), 0);
	sparse_table = vzalloc(SPARSE_PAGES * sizeof(*sparse_table));
	cr_assert_eq(misc_register(&sparse), 0);
	int fd = ukmem_open("/dev/sparse", O_RDWR);
	unsigned long free_before = free_pages_now();
	char *m = ukmem_mmap(NULL, SPARSE_PAGES << PAGE_SHIFT, PROT_READ | PROT_WRITE,
			     MAP_SHARED, fd, 0);
	cr_assert_neq(m, MAP_FAILED, "1 GiB maps on a 128 MiB machine");
	cr_assert_eq(resident_pages(m, SPARSE_PAGES << PAGE_SHIFT), 0);
	size_t touched[] = { 0, 1, 4096, 100000, SPARSE_PAGES - 1 };
	for (size_t i = 0; i < sizeof(touched) / sizeof(touched[0]); i++)
		m[touched[i] << PAGE_SHIFT] = (char)(i + 1);
	cr_assert_eq(resident_pages(m, SPARSE_PAGES << PAGE_SHIFT), 5);
	cr_assert_eq(sparse_faults, 5);
	cr_assert_eq(free_before - free_pages_now(), 5, "five pages of the machine, no more");
	for (size_t i = 0; i < sizeof(touched) / sizeof(touched[0]); i++)
		cr_assert_eq(*(char *)page_address(sparse_table[touched[i]]), (char)(i + 1));
	cr_assert_eq(ukmem_munmap(m, SPARSE_PAGES << PAGE_SHIFT), 0);
	for (size_t i = 0; i < SPARSE_PAGES; i++)
		if (sparse_table[i])
			__free_page(sparse_table[i]);
	cr_assert_eq(free_pages_now(), free_before, "all given back");
	ukmem_close(fd);
	misc_deregister(&sparse);
	vfree(sparse_table);
	ukmem_shutdown();
}

/* ---- sharing SIGSEGV ---- */

Test(mmap_fault, mmio_register_report_still_works_beside_fault_mappings, .signal = SIGABRT)
{
	int fd = open_vmfault(NULL);
	char *m = ukmem_mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	m[0] = 1;
	cr_assert_eq(atomic_read(&vmfault_faults), 1);
	volatile u32 *hpet = ioremap(HPET_MMIO_BASE, HPET_MMIO_SIZE);
	(void)hpet[0];
}

Test(mmap_fault, vmalloc_guard_page_still_faults, .signal = SIGSEGV)
{
	int fd = open_vmfault(NULL);
	char *m = ukmem_mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	m[0] = 1;
	/* Through find_vm_area, so that the compiler (and UBSan) do not know the size. */
	volatile char *v = find_vm_area(vmalloc(PAGE_SIZE))->addr;
	volatile size_t past = PAGE_SIZE;
	v[past] = 1;
}
