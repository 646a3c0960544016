// SPDX-License-Identifier: LGPL-2.1-or-later
/* Loading modules built as shared objects at run time (ukmem_module_load/unload). Built
 * by examples/CMakeLists.txt, not the tests/ glob: it must run on libukmem.so, the one
 * kernel the loaded modules bind to. Checks that a module sees the same kernel (log,
 * allocator, current task), that parameters and init errors reach the caller, and that
 * a failed module is gone afterwards. */
#include <criterion/criterion.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/mmzone.h>
#include "kmsg.h"

#define MOD(name) MODULE_DIR "/" name ".so"

/* Free pages plus the slab caches' pages: a load allocates objects (its /sys/module
 * directory) that the caches may keep, or a sanitizer's quarantine hold, after unload;
 * the pages a module takes for itself and gives back show in the sum. */
static unsigned long free_and_slab_pages(void)
{
	char *text = proc_text("/proc/meminfo"), *slab;
	unsigned long kb = 0;

	cr_assert_not_null(text);
	slab = strstr(text, "\nSlab:");
	cr_assert_not_null(slab);
	cr_assert_eq(sscanf(slab, "\nSlab: %lu kB", &kb), 1);
	free(text);
	return free_pages_now() + kb / 4;
}

Test(modules, loaded_module_shares_the_kernel)
{
	char expected[128];
	unsigned long before, during;

	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	before = free_and_slab_pages();
	cr_assert_eq(ukmem_module_load(MOD("hello"), "count=2 greeting=\"good day\""), 0);
	snprintf(expected, sizeof(expected), "hello: good day #2 from pid %d", current->pid);
	cr_assert(kmsg_contains(expected), "the module printed into this log, as this task");
	during = free_and_slab_pages();
	cr_assert_lt(during, before, "its page came from this machine's allocator");
	cr_assert_eq(ukmem_module_load(MOD("hello"), NULL), -EEXIST);
	cr_assert_eq(ukmem_module_unload("hello"), 0);
	cr_assert(kmsg_contains("hello: goodbye"));
	cr_assert_eq(free_and_slab_pages(), before, "exit gave the page back");
	cr_assert_eq(ukmem_module_unload("hello"), -ENOENT);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

/* A shared library that is not a module is refused as Linux refuses an object without
 * one; a loaded module reached by a second path (a symbolic link) is the same module. */
Test(modules, plain_libraries_and_second_paths_are_refused)
{
	Dl_info libc;
	char link[] = "/tmp/ukmem-modlink-XXXXXX", path[64];

	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	cr_assert(dladdr((void *)printf, &libc) && libc.dli_fname);
	cr_assert_eq(ukmem_module_load(libc.dli_fname, NULL), -ENOEXEC, "%s", libc.dli_fname);
	cr_assert(kmsg_contains("(missing .modinfo section or name field): No module found in object"));
	cr_assert(!strstr(proc_text("/proc/modules"), "c "), "nothing was listed");

	cr_assert(mkdtemp(link));
	snprintf(path, sizeof(path), "%s/other.so", link);
	cr_assert_eq(symlink(MOD("hello"), path), 0);
	cr_assert_eq(ukmem_module_load(MOD("hello"), NULL), 0);
	cr_assert_eq(ukmem_module_load(path, NULL), -EEXIST);
	cr_assert_eq(kmsg_count("hello: hello #1 from pid"), 1, "init ran once");
	cr_assert_eq(ukmem_module_unload("other"), -ENOENT);
	cr_assert_eq(ukmem_module_unload("hello"), 0);
	cr_assert_eq(ukmem_module_load(path, NULL), 0, "once unloaded, any path loads it");
	cr_assert_eq(ukmem_module_unload("hello"), 0, "named by KBUILD_MODNAME, not the file");
	unlink(path);
	rmdir(link);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(modules, failing_init_is_returned_and_unloaded)
{
	unsigned long before;

	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	before = free_and_slab_pages();
	cr_assert_eq(ukmem_module_load(MOD("hello"), "fail=1"), -ENODEV);
	cr_assert_eq(ukmem_module_unload("hello"), -ENOENT, "not left loaded");
	cr_assert_eq(free_and_slab_pages(), before);
	cr_assert_eq(ukmem_module_load(MOD("hello"), "fail=n count=1"), 0, "loads again");
	cr_assert_eq(ukmem_module_unload("hello"), 0);
	ukmem_shutdown();
}

Test(modules, parameter_errors)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	cr_assert_eq(ukmem_module_load(MOD("hello"), "count=many"), -EINVAL);
	cr_assert(kmsg_contains("hello: 'many' invalid for parameter 'count'"));
	cr_assert_eq(ukmem_module_unload("hello"), -ENOENT);
	cr_assert_eq(ukmem_module_load(MOD("hello"), "colour=blue"), 0);
	cr_assert(kmsg_contains("hello: unknown parameter 'colour' ignored"));
	cr_assert_eq(ukmem_module_unload("hello"), 0);
	cr_assert_eq(ukmem_module_load(MODULE_DIR "/no-such-module.so", NULL), -ENOENT);
	ukmem_shutdown();
}

Test(modules, every_example_loads_and_unloads)
{
	static const char *const names[] = { "locks", "waitq", "rcu_config", "rbtree_bits" };

	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		char path[512];

		snprintf(path, sizeof(path), "%s/%s.so", MODULE_DIR, names[i]);
		cr_assert_eq(ukmem_module_load(path, NULL), 0, "%s", names[i]);
	}
	for (size_t i = ARRAY_SIZE(names); i-- > 0;)
		cr_assert_eq(ukmem_module_unload(names[i]), 0, "%s", names[i]);
	cr_assert(kmsg_contains("rcu_config: generation 5, 4 old copies freed"));
	cr_assert(kmsg_contains("locks: 3 requests through a 4-deep queue"));
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(modules, sleeping_in_atomic_module_is_reported_and_cannot_unload_without_exit)
{
	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	cr_assert_eq(ukmem_module_load(MOD("atomic_sleep"), NULL), 0);
	cr_assert_eq(kmsg_count("BUG: sleeping function called from invalid context at"), 2,
		     "GFP_KERNEL and msleep, not GFP_ATOMIC");
	cr_assert(kmsg_contains("atomic_sleep.c:"));
	cr_assert_eq(ukmem_module_unload("atomic_sleep"), -EBUSY);
	ukmem_shutdown();
}
