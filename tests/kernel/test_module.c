// SPDX-License-Identifier: LGPL-2.1-or-later
/* Modules linked into a program (built in): this file is one, registered by its
 * constructors. With KBUILD_MODNAME left at its default the module is named after the
 * source file; "test_module.param=value" on the command line sets its parameters; the
 * license is checked; init and exit run through the built-in runner. */
#include <criterion/criterion.h>
#include <ukmem.h>
#include <linux/module.h>
#include "kernel/module.h"
#include "kmsg.h"
#include "sysfile.h"

static int value = 1;
module_param(value, int, 0444);
static char label[16] = "none";
module_param_string(label, label, sizeof(label), 0444);
static bool verbose;
module_param(verbose, bool, 0444);
static int level = 2;
module_param(level, int, 0644);
static int quiet;
module_param(quiet, int, 0);
static int inits, exits;

static int __init test_module_init(void)
{
	inits++;
	if (verbose)
		pr_info("test_module: value=%d label=%s\n", value, label);
	return value < 0 ? -EINVAL : 0;
}

static void __exit test_module_exit(void)
{
	exits++;
}

module_init(test_module_init);
module_exit(test_module_exit);
MODULE_LICENSE("Proprietary");

Test(module, builtin_module_gets_command_line_parameters)
{
	cr_assert_eq(ukmem_boot("mem=32M test_module.value=7 test_module.label=\"a b\" "
				"test_module.verbose other.value=3"), 0);
	cr_assert_eq(ukmem_module_init_builtin(), 0);
	cr_assert_eq(value, 7);
	cr_assert_str_eq(label, "a b");
	cr_assert(verbose, "a bare bool parameter means true");
	cr_assert(kmsg_contains("test_module: value=7 label=a b"));
	cr_assert_eq(inits, 1);
	ukmem_module_exit_builtin();
	cr_assert_eq(exits, 1);
	ukmem_shutdown();
}

Test(module, proprietary_license_taints)
{
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	cr_assert_eq(ukmem_module_init_builtin(), 0);
	cr_assert(kmsg_contains("test_module: module license 'Proprietary' taints kernel."));
	ukmem_module_exit_builtin();
	ukmem_shutdown();
}

Test(module, failed_init_is_counted_and_not_exited)
{
	cr_assert_eq(ukmem_boot("mem=32M test_module.value=-1 test_module.label=much-too-long-label"), 0);
	cr_assert_eq(ukmem_module_init_builtin(), 1);
	cr_assert(kmsg_contains("label: string doesn't fit in 15 chars."));
	cr_assert_str_eq(label, "none", "a refused value leaves the variable alone");
	ukmem_module_exit_builtin();
	cr_assert_eq(exits, 0, "no exit for a module whose init failed");
	ukmem_shutdown();
}

Test(module, builtin_parameters_in_sys_module)
{
	char buf[64];

	cr_assert_eq(ukmem_boot("mem=32M test_module.value=5"), 0);
	cr_assert_not(sysfile_exists("/sys/module/test_module"), "made by the built-in runner");
	cr_assert_eq(ukmem_module_init_builtin(), 0);
	cr_assert_str_eq(sysfile_read("/sys/module/test_module/parameters/value", buf, sizeof(buf)),
			 "5\n");
	cr_assert_str_eq(sysfile_read("/sys/module/test_module/parameters/label", buf, sizeof(buf)),
			 "none\n");
	cr_assert_str_eq(sysfile_read("/sys/module/test_module/parameters/verbose", buf,
				      sizeof(buf)), "N\n");
	cr_assert_not(sysfile_exists("/sys/module/test_module/parameters/quiet"), "perm 0");
	cr_assert_eq(sysfile_write("/sys/module/test_module/parameters/value", "1"), -EACCES);
	cr_assert_eq(sysfile_write("/sys/module/test_module/parameters/level", "9\n"), 2);
	cr_assert_eq(level, 9);
	cr_assert_eq(sysfile_write("/sys/module/test_module/parameters/level", "x"), -EINVAL);
	cr_assert_eq(level, 9);
	/* built-in code has no state, size or references to show */
	cr_assert(sysfile_exists("/sys/module/test_module/uevent"));
	cr_assert_not(sysfile_exists("/sys/module/test_module/refcnt"));
	cr_assert_not(sysfile_exists("/sys/module/test_module/initstate"));
	cr_assert_not(sysfile_exists("/sys/module/test_module/holders"));
	ukmem_module_exit_builtin();
	ukmem_shutdown();
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	cr_assert_not(sysfile_exists("/sys/module/test_module"), "gone with the machine");
	ukmem_shutdown();
}
