// SPDX-License-Identifier: LGPL-2.1-or-later
/* ukmem_mmap of driver memory with remap_pfn_range (the kbuf example): the user pointer
 * and the driver's pointer are the same bytes both ways; mmap(2)'s rules and errors;
 * vm_ops open/close as mappings are made, cut and removed; msync; user copies into
 * mappings; threads mapping and unmapping while another reads. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include "kmsg.h"

#include "../../examples/chardev/kbuf_mmap.c"

/* Death tests expect the plain signal, not ASan's report of it. */
const char *__asan_default_options(void) { return "handle_segv=0:handle_sigbus=0"; }

static int kbuf_fd;

static void boot_with_kbuf(void)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(kbuf_mmap_init(), 0);
	kbuf_fd = ukmem_open("/dev/kbuf", O_RDWR);
	cr_assert_geq(kbuf_fd, 0);
}

static void unload_kbuf(void)
{
	cr_assert_eq(ukmem_close(kbuf_fd), 0);
	kbuf_mmap_exit();
	ukmem_shutdown();
}

Test(mmap, remap_pfn_range_aliases_both_ways)
{
	boot_with_kbuf();
	char *user = ukmem_mmap(NULL, KBUF_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, kbuf_fd, 0);
	cr_assert_neq(user, MAP_FAILED);
	cr_assert_neq(user, kbuf, "a user address of its own");
	cr_assert_str_eq(user, "hello from the kernel buffer");
	strcpy(user + 5000, "written by the process");
	cr_assert_str_eq(kbuf + 5000, "written by the process");
	strcpy(kbuf + KBUF_SIZE - 100, "written by the driver");
	cr_assert_str_eq(user + KBUF_SIZE - 100, "written by the driver");
	for (unsigned long i = 0; i < KBUF_SIZE; i += 997)
		cr_assert_eq(user[i], kbuf[i]);

	/* The driver's read() copies what the process stored, and a read into the mapping
	 * itself lands in the buffer. */
	char buf[32] = { 0 };
	cr_assert_eq(ukmem_lseek(kbuf_fd, 5000, SEEK_SET), 5000);
	cr_assert_eq(ukmem_read(kbuf_fd, buf, 22), 22);
	cr_assert_str_eq(buf, "written by the process");
	cr_assert_eq(ukmem_lseek(kbuf_fd, 0, SEEK_SET), 0);
	cr_assert_eq(ukmem_read(kbuf_fd, user + 9000, 5), 5);
	cr_assert_eq(memcmp(kbuf + 9000, "hello", 5), 0);

	/* A copy running off the end of the mapping stops exactly there. */
	char *one = ukmem_mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, kbuf_fd, 0);
	char *after = one + PAGE_SIZE;
	cr_assert_eq(ukmem_munmap(after, PAGE_SIZE), 0, "keep the next page a hole");
	cr_assert_eq(copy_to_user(one + PAGE_SIZE - 10, "0123456789abcdef", 16), 6);
	cr_assert_eq(memcmp(kbuf + PAGE_SIZE - 10, "0123456789", 10), 0);
	cr_assert_eq(ukmem_munmap(one, PAGE_SIZE), 0);

	cr_assert_eq(ukmem_munmap(user, KBUF_SIZE), 0);
	unload_kbuf();
}

Test(mmap, offsets_and_rounding)
{
	boot_with_kbuf();
	char *second = ukmem_mmap(NULL, 100, PROT_READ | PROT_WRITE, MAP_SHARED, kbuf_fd,
				  PAGE_SIZE);
	cr_assert_neq(second, MAP_FAILED);
	second[PAGE_SIZE - 1] = 'z';	/* the length was rounded up to the page */
	cr_assert_eq(kbuf[2 * PAGE_SIZE - 1], 'z');
	second[0] = 'q';
	cr_assert_eq(kbuf[PAGE_SIZE], 'q', "offset 4096 is the buffer's second page");
	char *last = ukmem_mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, kbuf_fd, 3 * PAGE_SIZE);
	cr_assert_neq(last, MAP_FAILED);
	kbuf[3 * PAGE_SIZE + 7] = 'L';
	cr_assert_eq(last[7], 'L');
	cr_assert_eq(ukmem_munmap(second, 100), 0, "munmap rounds up too");
	cr_assert_eq(ukmem_munmap(last, PAGE_SIZE), 0);
	unload_kbuf();
}

static void assert_mmap_fails(void *addr, size_t len, int prot, int flags, int fd, off_t off,
			      int err)
{
	errno = 0;
	cr_assert_eq(ukmem_mmap(addr, len, prot, flags, fd, off), MAP_FAILED);
	cr_assert_eq(errno, err, "errno %d, expected %d", errno, err);
}

Test(mmap, the_rules_of_mmap)
{
	boot_with_kbuf();
	int rw = PROT_READ | PROT_WRITE;
	assert_mmap_fails(NULL, PAGE_SIZE, rw, MAP_SHARED, kbuf_fd, 100, EINVAL);
	assert_mmap_fails(NULL, 0, rw, MAP_SHARED, kbuf_fd, 0, EINVAL);
	assert_mmap_fails(NULL, KBUF_SIZE + 1, rw, MAP_SHARED, kbuf_fd, 0, EINVAL);
	assert_mmap_fails(NULL, PAGE_SIZE, rw, MAP_SHARED, kbuf_fd, KBUF_SIZE, EINVAL);
	assert_mmap_fails(NULL, 2 * PAGE_SIZE, rw, MAP_SHARED, kbuf_fd, 3 * PAGE_SIZE, EINVAL);
	assert_mmap_fails(NULL, PAGE_SIZE, rw, 0, kbuf_fd, 0, EINVAL);
	assert_mmap_fails(NULL, PAGE_SIZE, rw, MAP_SHARED, 99, 0, EBADF);
	assert_mmap_fails(NULL, PAGE_SIZE, rw, MAP_SHARED | MAP_ANONYMOUS, -1, 0, EINVAL);
	assert_mmap_fails(NULL, PAGE_SIZE, rw, MAP_SHARED_VALIDATE | 0x40000000, kbuf_fd, 0,
			  EOPNOTSUPP);
	assert_mmap_fails((void *)0x1001, PAGE_SIZE, rw, MAP_SHARED | MAP_FIXED, kbuf_fd, 0, EINVAL);
	assert_mmap_fails((void *)0x10000, PAGE_SIZE, rw, MAP_SHARED | MAP_FIXED, kbuf_fd, 0, ENOMEM);

	int ro = ukmem_open("/dev/kbuf", O_RDONLY);
	int wo = ukmem_open("/dev/kbuf", O_WRONLY);
	assert_mmap_fails(NULL, PAGE_SIZE, rw, MAP_SHARED, ro, 0, EACCES);
	assert_mmap_fails(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, wo, 0, EACCES);

	/* A private writable mapping of a read-only file is allowed: writes are the
	 * process's own copies, the driver's buffer keeps its bytes. */
	char *priv = ukmem_mmap(NULL, KBUF_SIZE, rw, MAP_PRIVATE, ro, 0);
	cr_assert_neq(priv, MAP_FAILED);
	cr_assert_str_eq(priv, "hello from the kernel buffer");
	priv[0] = 'J';
	cr_assert_eq(kbuf[0], 'h', "copy on write");
	cr_assert_eq(priv[0], 'J');

	/* MAP_FIXED replaces, MAP_FIXED_NOREPLACE refuses. */
	char *a = ukmem_mmap(NULL, 2 * PAGE_SIZE, rw, MAP_SHARED, kbuf_fd, 0);
	cr_assert_neq(a, MAP_FAILED);
	assert_mmap_fails(a + PAGE_SIZE, PAGE_SIZE, rw, MAP_SHARED | MAP_FIXED_NOREPLACE, kbuf_fd,
			  0, EEXIST);
	char *b = ukmem_mmap(a + PAGE_SIZE, PAGE_SIZE, rw, MAP_SHARED | MAP_FIXED, kbuf_fd,
			     3 * PAGE_SIZE);
	cr_assert_eq(b, a + PAGE_SIZE);
	b[1] = 'F';
	cr_assert_eq(kbuf[3 * PAGE_SIZE + 1], 'F');

	/* munmap's rules: alignment and a non-empty range inside ukmem's user space. */
	cr_assert_eq(ukmem_munmap(a + 1, PAGE_SIZE), -1);
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_munmap(a, 0), -1);
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_munmap(a, (size_t)-1), -1, "past the end of the address space");
	cr_assert_eq(errno, EINVAL);
	char stack[8];
	cr_assert_eq(ukmem_munmap(stack, 8), -1, "not ukmem's memory");
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_munmap(a, 2 * PAGE_SIZE), 0);
	cr_assert_eq(ukmem_munmap(a, 2 * PAGE_SIZE), 0, "unmapping a hole is no error");
	cr_assert_eq(ukmem_munmap(priv, KBUF_SIZE), 0);

	/* A device without mmap. */
	struct miscdevice plain = { .minor = MISC_DYNAMIC_MINOR, .name = "plain",
				    .fops = &(const struct file_operations){ .read = kbuf_read } };
	cr_assert_eq(misc_register(&plain), 0);
	int pfd = ukmem_open("/dev/plain", O_RDWR);
	assert_mmap_fails(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, pfd, 0, ENODEV);
	ukmem_close(pfd);
	misc_deregister(&plain);
	ukmem_close(ro);
	ukmem_close(wo);
	cr_assert_eq(atomic_read(&kbuf_mappings), 0);
	unload_kbuf();
}

Test(mmap, vm_ops_open_close_follow_the_mappings)
{
	boot_with_kbuf();
	char *m = ukmem_mmap(NULL, KBUF_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, kbuf_fd, 0);
	cr_assert_eq(atomic_read(&kbuf_mappings), 1);
	char *m2 = ukmem_mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, kbuf_fd, 0);
	cr_assert_eq(atomic_read(&kbuf_mappings), 2);
	cr_assert_eq(ukmem_munmap(m2, PAGE_SIZE), 0);
	cr_assert_eq(atomic_read(&kbuf_mappings), 1);

	/* Cutting a page out of the middle leaves two mappings, the second opened. */
	cr_assert_eq(ukmem_munmap(m + PAGE_SIZE, PAGE_SIZE), 0);
	cr_assert_eq(atomic_read(&kbuf_mappings), 2);
	m[0] = 'A';
	m[2 * PAGE_SIZE] = 'C';
	cr_assert_eq(kbuf[0], 'A');
	cr_assert_eq(kbuf[2 * PAGE_SIZE], 'C', "the tail keeps its offset in the file");

	/* Closing the file keeps the mappings (they hold the file). */
	cr_assert_eq(ukmem_close(kbuf_fd), 0);
	m[3 * PAGE_SIZE] = 'D';
	cr_assert_eq(kbuf[3 * PAGE_SIZE], 'D');
	cr_assert_eq(ukmem_munmap(m, KBUF_SIZE), 0, "one call removes both pieces");
	cr_assert_eq(atomic_read(&kbuf_mappings), 0);
	kbuf_mmap_exit();
	ukmem_shutdown();
}

Test(mmap, shutdown_removes_mappings_with_their_close)
{
	boot_with_kbuf();
	cr_assert_neq(ukmem_mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, kbuf_fd, 0), MAP_FAILED);
	cr_assert_neq(ukmem_mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, kbuf_fd, 0), MAP_FAILED);
	cr_assert_eq(atomic_read(&kbuf_mappings), 2);
	ukmem_shutdown();
	cr_assert_eq(atomic_read(&kbuf_mappings), 0);
}

Test(mmap, proc_self_maps_lists_the_mappings)
{
	boot_with_kbuf();
	char *a = ukmem_mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, kbuf_fd, 0);
	char *b = ukmem_mmap(NULL, PAGE_SIZE, PROT_READ, MAP_PRIVATE, kbuf_fd, 2 * PAGE_SIZE);
	char expected[256], prefix[80];
	int n = snprintf(prefix, sizeof(prefix), "%08lx-%08lx rw-s 00000000 00:05 1 ",
			 (unsigned long)a, (unsigned long)a + 2 * PAGE_SIZE);
	int len = snprintf(expected, sizeof(expected), "%s%*s /dev/kbuf\n", prefix, 72 - n, "");
	/* remap_pfn_range sets a private mapping's vm_pgoff to the pfn, as Linux does. */
	n = snprintf(prefix, sizeof(prefix), "%08lx-%08lx r--p %08llx 00:05 1 ",
		     (unsigned long)b, (unsigned long)b + PAGE_SIZE,
		     (unsigned long long)virt_to_phys(kbuf + 2 * PAGE_SIZE));
	snprintf(expected + len, sizeof(expected) - len, "%s%*s /dev/kbuf\n", prefix, 72 - n, "");
	char *text = proc_text("/proc/self/maps");
	cr_assert_str_eq(text, expected);
	cr_assert_eq(strchr(text, '/') - text, 73, "paths start in column 73, as in Linux");
	free(text);
	ukmem_munmap(a, 2 * PAGE_SIZE);
	ukmem_munmap(b, PAGE_SIZE);
	text = proc_text("/proc/self/maps");
	cr_assert_str_eq(text, "");
	free(text);
	unload_kbuf();
}

Test(mmap, msync_rules)
{
	boot_with_kbuf();
	char *m = ukmem_mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, kbuf_fd, 0);
	cr_assert_eq(ukmem_msync(m, 2 * PAGE_SIZE, MS_ASYNC), 0);
	cr_assert_eq(ukmem_msync(m, 2 * PAGE_SIZE, MS_SYNC), -1, "kbuf has no fsync");
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_msync(m + 1, PAGE_SIZE, MS_ASYNC), -1);
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_msync(m, PAGE_SIZE, MS_ASYNC | MS_SYNC), -1);
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_msync(m, PAGE_SIZE, 0x100), -1);
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_msync(m, 3 * PAGE_SIZE, MS_ASYNC), -1, "runs past the mapping");
	cr_assert_eq(errno, ENOMEM);
	cr_assert_eq(ukmem_munmap(m, 2 * PAGE_SIZE), 0);
	unload_kbuf();
}

Test(mmap, write_to_a_read_only_mapping_faults, .signal = SIGSEGV)
{
	boot_with_kbuf();
	char *m = ukmem_mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, kbuf_fd, 0);
	cr_assert_eq(m[0], 'h');
	cr_assert_eq(copy_to_user(m, "x", 1), 1, "copies check the protection too");
	*(volatile char *)m = 'x';
}

Test(mmap, access_after_munmap_faults, .signal = SIGSEGV)
{
	boot_with_kbuf();
	char *m = ukmem_mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, kbuf_fd, 0);
	cr_assert_eq(ukmem_munmap(m, PAGE_SIZE), 0);
	char c;
	cr_assert_eq(copy_from_user(&c, m, 1), 1);
	(void)*(volatile char *)m;
}

/* ---- threads ---- */

static volatile int stop_threads;

static void *map_unmap_loop(void *arg)
{
	long rounds = 0;

	while (!__atomic_load_n(&stop_threads, __ATOMIC_ACQUIRE) || rounds < 200) {
		char *m = ukmem_mmap(NULL, KBUF_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, kbuf_fd, 0);
		if (m == MAP_FAILED || strcmp(m + 64, "stable text"))
			return (void *)1L;
		if (ukmem_munmap(m, KBUF_SIZE))
			return (void *)2L;
		rounds++;
	}
	return (void *)0L;
}

static void *read_loop(void *arg)
{
	int fd = ukmem_open("/dev/kbuf", O_RDONLY);
	char buf[12];

	for (int i = 0; i < 2000; i++) {
		if (ukmem_lseek(fd, 64, SEEK_SET) != 64 || ukmem_read(fd, buf, 12) != 12 ||
		    strcmp(buf, "stable text"))
			return (void *)3L;
	}
	ukmem_close(fd);
	return NULL;
}

Test(mmap, two_threads_map_and_unmap_while_a_third_reads)
{
	boot_with_kbuf();
	strcpy(kbuf + 64, "stable text");
	pthread_t t[3];
	pthread_create(&t[0], NULL, map_unmap_loop, NULL);
	pthread_create(&t[1], NULL, map_unmap_loop, NULL);
	pthread_create(&t[2], NULL, read_loop, NULL);
	void *ret;
	pthread_join(t[2], &ret);
	cr_assert_null(ret);
	__atomic_store_n(&stop_threads, 1, __ATOMIC_RELEASE);
	for (int i = 0; i < 2; i++) {
		pthread_join(t[i], &ret);
		cr_assert_null(ret);
	}
	cr_assert_eq(atomic_read(&kbuf_mappings), 0);
	unload_kbuf();
}
