// SPDX-License-Identifier: LGPL-2.1-or-later
/* tests/machine/test_fork.c: a booted machine across fork(2). The child gets its own copy
 * of memory: what it writes through the direct map or vmalloc never reaches the parent,
 * it sees the parent's data as it was at the fork, and both keep allocating with
 * consistent allocators -- also when other threads allocate while one forks. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include "kmsg.h"

static int wait_child(pid_t pid)
{
	int status;

	cr_assert_eq(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* The child's checks, as an exit code: 0 when all hold. */
static int child_checks(char *obj, char *area, size_t area_size)
{
	void *more[256];

	if (strcmp(obj, "parent") || area[0] != 'P' || area[area_size - 1] != 'P')
		return 1;				/* the parent's data at the fork */
	strcpy(obj, "child");
	memset(area, 'C', area_size);
	for (int round = 0; round < 20; round++) {	/* the child's allocators work */
		for (int i = 0; i < 256; i++) {
			more[i] = kmalloc(16 << (i % 8), GFP_KERNEL);
			if (!more[i])
				return 2;
			memset(more[i], i, 16 << (i % 8));
		}
		for (int i = 0; i < 256; i++)
			kfree(more[i]);
	}
	return 0;
}

Test(fork, child_writes_stay_in_the_child)
{
	size_t area_size = 3 << 20;
	char *obj, *area;
	unsigned long free_before;
	pid_t pid;

	cr_assert_eq(ukmem_boot("mem=256M"), 0);
	obj = kmalloc(64, GFP_KERNEL);
	area = vmalloc(area_size);
	cr_assert(obj && area);
	strcpy(obj, "parent");
	memset(area, 'P', area_size);
	free_before = free_pages_now();

	pid = fork();
	if (pid == 0)
		_exit(child_checks(obj, area, area_size));
	cr_assert_eq(wait_child(pid), 0, "the child saw or used memory wrongly");

	cr_expect_str_eq(obj, "parent", "the child's write reached the parent");
	for (size_t i = 0; i < area_size; i += PAGE_SIZE)
		cr_assert_eq(area[i], 'P', "vmalloc page %zu changed under the parent", i / PAGE_SIZE);
	cr_expect_eq(free_pages_now(), free_before, "the child's allocations showed up here");
	cr_expect_eq(ukmem_report_count(), 0);
	kfree(obj);
	vfree(area);
	ukmem_shutdown();
}

static volatile bool stop;

static void *churn(void *unused)
{
	void *p[64] = { 0 };

	for (unsigned int i = 0; !stop; i++) {
		unsigned int k = i % 64;

		kfree(p[k]);
		p[k] = kmalloc(8 + (i * 37) % 3000, GFP_KERNEL);
		if (i % 97 == 0)
			free_pages((unsigned long)__get_free_pages(GFP_KERNEL, i % 4), i % 4);
	}
	for (int k = 0; k < 64; k++)
		kfree(p[k]);
	return NULL;
}

/* Other threads allocate and free while this one forks: each child must find the
 * allocators' locks free and their lists whole (it allocates and frees every order). */
/*
 * GCC 12's AddressSanitizer runtime does not make its own allocator safe across fork(2):
 * a thread of the parent that is inside malloc at the fork leaves that size class's lock
 * held in the child, and the child's next malloc of that size (ukmem's slab allocates
 * per-thread caches with it) waits forever. glibc's malloc resets its locks in the child,
 * so the normal build runs this test; the ASan build cannot.
 */
#ifdef __SANITIZE_ADDRESS__
#define FORK_WHILE_ALLOCATING_DISABLED	true
#else
#define FORK_WHILE_ALLOCATING_DISABLED	false
#endif

Test(fork, fork_while_other_threads_allocate, .disabled = FORK_WHILE_ALLOCATING_DISABLED)
{
	pthread_t t[2];

	cr_assert_eq(ukmem_boot("mem=128M"), 0);
	for (int i = 0; i < 2; i++)
		cr_assert_eq(pthread_create(&t[i], NULL, churn, NULL), 0);
	for (int round = 0; round < 20; round++) {
		pid_t pid = fork();

		if (pid == 0) {
			char *obj = kmalloc(100, GFP_KERNEL);
			unsigned long pages[MAX_ORDER];

			for (int o = 0; o < MAX_ORDER; o++)
				pages[o] = __get_free_pages(GFP_KERNEL, o);
			for (int o = 0; o < MAX_ORDER; o++)
				free_pages(pages[o], o);
			kfree(obj);
			_exit(obj && pages[MAX_ORDER - 1] && !ukmem_report_count() ? 0 : 1);
		}
		cr_assert_eq(wait_child(pid), 0, "child %d failed", round);
	}
	stop = true;
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	cr_expect_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

/* Only what is in use is copied: a child of a machine with much more RAM than it uses
 * commits about as much as the parent. */
Test(fork, the_copy_is_the_memory_in_use)
{
	cr_assert_eq(ukmem_boot("mem=4G"), 0);
	void *p = vmalloc(8 << 20);

	cr_assert(p);
	memset(p, 1, 8 << 20);
	size_t parent = ukmem_host_resident_bytes();
	pid_t pid = fork();

	if (pid == 0) {
		size_t child = ukmem_host_resident_bytes();

		_exit(child >= (8u << 20) && child <= parent + (1u << 20) ? 0 : 1);
	}
	cr_assert_eq(wait_child(pid), 0);
	vfree(p);
	ukmem_shutdown();
}
