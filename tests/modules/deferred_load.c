// SPDX-License-Identifier: LGPL-2.1-or-later
/* A module loaded at run time (a shared object) with its own per-CPU variable, timer,
 * tasklet, hrtimer, work item and kthread: its ukmem_percpu section is registered when
 * it is loaded and dropped when it is unloaded, and nothing of it runs after unload. */
#include <criterion/criterion.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include "kmsg.h"

#define MOD(name) MODULE_DIR "/" name ".so"

Test(modules, deferred_work_in_a_loaded_module)
{
	cr_assert_eq(ukmem_boot("mem=64M nr_cpus=3"), 0);
	for (int round = 0; round < 2; round++) {
		cr_assert_eq(ukmem_module_load(MOD("deferred"), NULL), 0);
		cr_assert_eq(ukmem_module_unload("deferred"), 0);
	}
	cr_assert_eq(kmsg_count("deferred: timer, tasklet, hrtimer, work and kthread ran in "
				"their contexts; 5 events on 3 CPUs"), 2,
		     "a fresh per-CPU copy at each load");
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}
