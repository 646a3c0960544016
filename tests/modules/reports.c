// SPDX-License-Identifier: LGPL-2.1-or-later
/* Reports made while a module runs, checked by exact text: the loaded modules named
 * during init ("(+)") and exit ("(-)"); call traces that name the module's static
 * functions, with file:line under stacktrace_decode=1. The module is
 * tests/modules/oops/faulty.c. */
#include <criterion/criterion.h>
#include <regex.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/slab.h>
#include <linux/panic.h>
#include "kmsg.h"

/* How many log lines (their text, after the record's prefix) match the extended regex. */
static int log_matches(const char *pattern)
{
	char *log = proc_text("/dev/kmsg"), *line, *save = NULL;
	regex_t re;
	int n = 0;

	cr_assert_eq(regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB), 0, "%s", pattern);
	for (line = strtok_r(log, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *text = strchr(line, ';');

		if (!regexec(&re, text ? text + 1 : line, 0, NULL, 0))
			n++;
	}
	regfree(&re);
	free(log);
	return n;
}

#define HEX "0x[0-9a-f]+"

Test(reports, modules_linked_in_names_a_module_in_its_init)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(ukmem_module_load(FAULTY_MODULE, "bug=warn"), 0);
	cr_assert(kmsg_contains("Modules linked in: faulty(+)"));
	cr_assert_eq(ukmem_module_unload("faulty"), 0);
	ukmem_shutdown();
}

Test(reports, modules_linked_in_names_a_module_in_its_exit)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(ukmem_module_load(FAULTY_MODULE, "bug=exit_warn"), 0);
	cr_assert_eq(ukmem_module_unload("faulty"), 0);
	cr_assert(kmsg_contains("Modules linked in: faulty(-)"));
	cr_assert(kmsg_contains("faulty: unloaded"));
	ukmem_shutdown();
}

Test(reports, warn_names_the_static_function_and_its_callers)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(ukmem_module_load(FAULTY_MODULE, "bug=warn"), 0);
	cr_assert_eq(log_matches("^WARNING: CPU: [0-9]+ PID: [0-9]+ at .*tests/modules/oops/faulty\\.c:48 "
				 "faulty_warn\\+" HEX "/" HEX " \\[faulty\\]$"), 1);
	cr_assert_eq(log_matches("^ faulty_warn\\+" HEX "/" HEX " \\[faulty\\]$"), 1);
	cr_assert_eq(log_matches("^ faulty_init\\+" HEX "/" HEX " \\[faulty\\]$"), 1);
	cr_assert_eq(log_matches("^ do_init_module\\+" HEX "/" HEX "$"), 1, "static, in ukmem");
	cr_assert_eq(ukmem_module_unload("faulty"), 0);
	ukmem_shutdown();
}

Test(reports, decoded_trace_shows_file_and_line)
{
	cr_assert_eq(ukmem_boot("stacktrace_decode=1"), 0);
	cr_assert_eq(ukmem_module_load(FAULTY_MODULE, "bug=warn"), 0);
	cr_assert_eq(log_matches("^ faulty_warn \\(.*tests/modules/oops/faulty\\.c:48\\) faulty$"), 1);
	cr_assert_eq(log_matches("^ faulty_init \\(.*tests/modules/oops/faulty\\.c:[0-9]+\\) faulty$"), 1);
	cr_assert_eq(ukmem_module_unload("faulty"), 0);
	ukmem_shutdown();
}

#ifndef __SANITIZE_ADDRESS__	/* there ASan, not slub_debug, catches the overflow */
Test(reports, slab_report_names_the_static_allocating_function)
{
	cr_assert_eq(ukmem_boot("slub_debug=FZPU"), 0);
	cr_assert_eq(ukmem_module_load(FAULTY_MODULE, "bug=oob"), 0);
	cr_assert(kmsg_contains("BUG kmalloc-32 (Not tainted): Right Redzone overwritten"));
	cr_assert_eq(log_matches("^Allocated in faulty_overflow\\+" HEX "/" HEX " \\[faulty\\] age="), 1);
	cr_assert_eq(log_matches("^ faulty_overflow\\+" HEX "/" HEX " \\[faulty\\]$"), 1);
	cr_assert_eq(ukmem_module_unload("faulty"), 0);
	ukmem_shutdown();
}
#endif

/* The machine after an oops: still serving (an allocation, the log), tainted D. */
static void assert_machine_serves(void)
{
	void *p = kmalloc(64, GFP_KERNEL);

	cr_assert_not_null(p);
	kfree(p);
	cr_assert(ukmem_tainted() & (1UL << TAINT_DIE));
}

Test(reports, oops_on_a_null_dereference_in_a_static_function)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(ukmem_module_load(FAULTY_MODULE, "bug=null"), -EOWNERDEAD);
	cr_assert(kmsg_contains("BUG: kernel NULL pointer dereference, address: 0000000000000008"));
	cr_assert(kmsg_contains("#PF: supervisor read access in kernel mode"));
	cr_assert(kmsg_contains("#PF: error_code(0x0000) - not-present page"));
	cr_assert_eq(log_matches("^PGD 0 P4D 0 $"), 1);
	cr_assert_eq(log_matches("^Oops: 0000 \\[#1\\] PREEMPT SMP NOPTI$"), 1);
	cr_assert_eq(log_matches("^CPU: [0-9]+ PID: [0-9]+ Comm: \\S+ Not tainted 6\\.1\\.0-ukmem #1$"), 1);
	cr_assert_eq(log_matches("^RIP: 0010:faulty_read_count(\\.[a-z]+\\.[0-9]+)?\\+" HEX "/" HEX
				 " \\[faulty\\]$"), 2, "the oops and its executive summary");
	cr_assert_eq(log_matches("^Code: ([0-9a-f]{2} ){42}<[0-9a-f]{2}>( [0-9a-f]{2}){21}$"), 2);
	cr_assert_eq(log_matches("^RSP: 0018:[0-9a-f]{16} EFLAGS: [0-9a-f]{8}$"), 2);
	cr_assert_eq(log_matches("^RAX: [0-9a-f]{16} RBX: [0-9a-f]{16} RCX: [0-9a-f]{16}$"), 2);
	cr_assert_eq(log_matches("^R13: [0-9a-f]{16} R14: [0-9a-f]{16} R15: [0-9a-f]{16}$"), 2);
	cr_assert_eq(log_matches("^FS:  [0-9a-f]{16}\\(0000\\) GS:0{16}\\(0000\\) knlGS:0{16}$"), 2);
	cr_assert_eq(log_matches("^CS:  0010 DS: 0000 ES: 0000 CR0: 0{16}$"), 2);
	cr_assert_eq(log_matches("^CR2: 0000000000000008 CR3: 0{16} CR4: 0{16}$"), 2);
	cr_assert_eq(log_matches("^ faulty_init\\+" HEX "/" HEX " \\[faulty\\]$"), 1);
	cr_assert(kmsg_contains("Modules linked in: faulty(+)"));
	cr_assert_eq(log_matches("^CR2: 0000000000000008$"), 1);
	cr_assert(kmsg_contains("---[ end trace 0000000000000000 ]---"));
	cr_assert_not(kmsg_contains("faulty: loaded"), "init did not go on after the fault");
	assert_machine_serves();
	/* Left as the kernel leaves it: listed, coming, not unloadable. */
	cr_assert_eq(ukmem_module_unload("faulty"), -EBUSY);
	ukmem_shutdown();
}

/* One oops case: the headline (a regex) and the function RIP names. A module left
 * COMING by an oops cannot be loaded again in this process: one case per test. The
 * machine stays up for the caller's further checks. */
static void oops_case(const char *bug, const char *headline, const char *fn)
{
	char rip[128];

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(ukmem_module_load(FAULTY_MODULE, bug), -EOWNERDEAD);
	cr_assert_eq(log_matches(headline), 1, "%s", bug);
	snprintf(rip, sizeof(rip), "^RIP: 0010:%s(\\.[a-z]+\\.[0-9]+)?\\+" HEX "/" HEX " \\[faulty\\]$", fn);
	cr_assert_eq(log_matches(rip), 2, "%s", bug);
	cr_assert_eq(log_matches("^ faulty_init\\+" HEX "/" HEX " \\[faulty\\]$"), 1);
	cr_assert(kmsg_contains("Modules linked in: faulty(+)"));
	assert_machine_serves();
}

Test(reports, oops_on_a_null_write)
{
	oops_case("bug=null_write", "^Oops: 0002 \\[#1\\] PREEMPT SMP NOPTI$", "faulty_write_count");
	cr_assert(kmsg_contains("#PF: supervisor write access in kernel mode"));
	cr_assert(kmsg_contains("#PF: error_code(0x0002) - not-present page"));
	ukmem_shutdown();
}

Test(reports, oops_on_a_wild_address)
{
	oops_case("bug=wild", "^BUG: unable to handle page fault for address: ffffc90000123000$",
		  "faulty_wild");
	/* A kernel-half address: the host CPU may call it present but forbidden. */
	cr_assert_eq(log_matches("^Oops: 000[01] \\[#1\\] PREEMPT SMP NOPTI$"), 1);
	ukmem_shutdown();
}

Test(reports, general_protection_fault_on_a_non_canonical_address)
{
	oops_case("bug=noncanon", "^general protection fault, probably for non-canonical address "
		  "0xdead000000000100: 0000 \\[#1\\] PREEMPT SMP NOPTI$", "faulty_wild");
	ukmem_shutdown();
}

Test(reports, divide_error)
{
	oops_case("bug=divide", "^divide error: 0000 \\[#1\\] PREEMPT SMP NOPTI$", "faulty_divide");
	ukmem_shutdown();
}

Test(reports, invalid_opcode_on_ud2)
{
	oops_case("bug=ud2", "^invalid opcode: 0000 \\[#1\\] PREEMPT SMP NOPTI$", "faulty_ud2");
	ukmem_shutdown();
}

Test(reports, oops_in_a_kthread_ends_the_thread_only)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(ukmem_module_load(FAULTY_MODULE, "bug=kthread"), 0);
	cr_assert_eq(log_matches("^CPU: [0-9]+ PID: [0-9]+ Comm: faulty_thread Not tainted "), 1);
	cr_assert(kmsg_contains("BUG: kernel NULL pointer dereference, address: 0000000000000008"));
	cr_assert(kmsg_contains("faulty: thread ended: -4"), "kthread_stop saw it gone");
	cr_assert(kmsg_contains("faulty: loaded"));
	cr_assert(kmsg_contains("Modules linked in: faulty(+)"));
	assert_machine_serves();
	cr_assert_eq(ukmem_module_unload("faulty"), 0);
	ukmem_shutdown();
}
