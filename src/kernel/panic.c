// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/panic.c: WARN, BUG, panic and the taint mask, printed in the kernel's words.
 * BUG() and panic() abort the process (the kernel would stop the machine); WARN taints
 * and continues unless panic_on_warn=1. */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/bug.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/export.h>
#include "host/host.h"
#include "kernel/module.h"
#include "kernel/params.h"
#include "kernel/report.h"
#include "kernel/cpu.h"

bool panic_on_warn;
static unsigned long tainted_mask;
static unsigned long report_count;

static int set_panic_on_warn(const char *v) { return params_bool(v, &panic_on_warn) ? 0 : -1; }
UKMEM_SETUP("panic_on_warn=", set_panic_on_warn, "0");

static const char taint_chars[TAINT_FLAGS_COUNT][2] = {
	{ 'P', 'G' }, { 'F', ' ' }, { 'S', ' ' }, { 'R', ' ' }, { 'M', ' ' }, { 'B', ' ' },
	{ 'U', ' ' }, { 'D', ' ' }, { 'A', ' ' }, { 'W', ' ' }, { 'C', ' ' }, { 'I', ' ' },
	{ 'O', ' ' }, { 'E', ' ' }, { 'L', ' ' }, { 'K', ' ' }, { 'X', ' ' }, { 'T', ' ' },
	{ 'N', ' ' },
};

/* The flags a module can carry, as Linux's taint_flags[].module marks them. */
static const unsigned long module_taints = 1UL << TAINT_PROPRIETARY_MODULE |
	1UL << TAINT_FORCED_MODULE | 1UL << TAINT_CRAP | 1UL << TAINT_OOT_MODULE |
	1UL << TAINT_UNSIGNED_MODULE | 1UL << TAINT_LIVEPATCH | 1UL << TAINT_AUX |
	1UL << TAINT_RANDSTRUCT | 1UL << TAINT_TEST;

size_t module_flags_taint(unsigned long taints, char *buf)
{
	size_t l = 0;

	for (int i = 0; i < TAINT_FLAGS_COUNT; i++)
		if ((module_taints >> i) & (taints >> i) & 1)
			buf[l++] = taint_chars[i][0];
	return l;
}

/**
 * add_taint - mark the kernel tainted
 * @flag: TAINT_* flag
 * @lockdep_ok: whether lock debugging stays reliable (ukmem's lock checks ignore it)
 *
 * Context: any. Lock-free; the flag shows in every later report's "Tainted:" field.
 */
void add_taint(unsigned int flag, enum lockdep_ok lockdep_ok)
{
	__atomic_fetch_or(&tainted_mask, 1UL << flag, __ATOMIC_RELAXED);
}
EXPORT_SYMBOL(add_taint);

/**
 * test_taint - whether @flag is set in the taint mask
 * @flag: the TAINT_* bit number
 *
 * Context: any context.
 * Return: 1 if set, else 0.
 */
int test_taint(unsigned int flag)
{
	return (int)((__atomic_load_n(&tainted_mask, __ATOMIC_RELAXED) >> flag) & 1);
}
EXPORT_SYMBOL(test_taint);

/** get_taint - the taint mask, one bit per TAINT_* flag */
unsigned long get_taint(void)
{
	return __atomic_load_n(&tainted_mask, __ATOMIC_RELAXED);
}

const char *print_tainted(void)
{
	static __thread char buf[sizeof("Tainted: ") + TAINT_FLAGS_COUNT];
	unsigned long mask = __atomic_load_n(&tainted_mask, __ATOMIC_RELAXED);
	char *s;

	if (!mask)
		return "Not tainted";
	s = buf + sprintf(buf, "Tainted: ");
	for (int i = 0; i < TAINT_FLAGS_COUNT; i++)
		*s++ = taint_chars[i][(mask >> i) & 1 ? 0 : 1];
	*s = '\0';
	return buf;
}

/**
 * ukmem_print_tainted() - the taint flags as the kernel's reports print them
 *
 * Context: any. Return: print_tainted()'s text, in a buffer of the calling thread's that
 * the next call overwrites.
 */
const char *ukmem_print_tainted(void)
{
	return print_tainted();
}

void report_begin(void)
{
	__atomic_fetch_add(&report_count, 1, __ATOMIC_RELAXED);
}

unsigned long ukmem_report_count(void)
{
	return __atomic_load_n(&report_count, __ATOMIC_RELAXED);
}

unsigned long ukmem_tainted(void)
{
	return __atomic_load_n(&tainted_mask, __ATOMIC_RELAXED);
}

void taint_reset(void)
{
	tainted_mask = 0;
	report_count = 0;
}

void print_modules(void)
{
	char names[512];

	module_names(names, sizeof(names));
	printk(KERN_DEFAULT "Modules linked in:%s\n", names);
}

void print_oops_end_marker(void)
{
	pr_warn("---[ end trace %016llx ]---\n", 0ULL);
}

__noreturn static void die(void)
{
	fflush(NULL);
	signal(SIGABRT, SIG_DFL);
	abort();
}

/**
 * panic - print the kernel's panic message and stop
 * @fmt: printf format of the reason, and its arguments
 *
 * Prints "Kernel panic - not syncing: ..." with a stack and the end marker, then ends the
 * process (Linux stops the machine).
 *
 * Context: any context; does not return.
 */
void panic(const char *fmt, ...)
{
	char msg[1024];
	va_list args;

	va_start(args, fmt);
	vsnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	report_begin();
	pr_emerg("Kernel panic - not syncing: %s\n", msg);
	dump_stack();
	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", msg);
	die();
}
EXPORT_SYMBOL(panic);

void check_panic_on_warn(const char *origin)
{
	if (panic_on_warn)
		panic("%s: panic_on_warn set ...\n", origin);
}

/**
 * ukmem_warn - print a WARN() report and taint the kernel
 * @file: the source file of the WARN
 * @line: its line
 * @caller: the address of the WARN, for the report
 * @fmt: the message's printf format, or NULL, and its arguments
 *
 * What WARN(), WARN_ON() and relatives call: the cut-here line, "WARNING: CPU: n PID: n
 * at file:line function", the modules, registers and call trace as Linux prints them;
 * taints the kernel with TAINT_WARN and panics with panic_on_warn=1.
 *
 * Context: any context; does not sleep.
 */
void ukmem_warn(const char *file, int line, const void *caller, const char *fmt, ...)
{
	char sym[256];

	report_begin();
	printk(KERN_WARNING CUT_HERE);
	if (fmt) {
		va_list args;

		va_start(args, fmt);
		vprintk(fmt, args);
		va_end(args);
	}
	pr_warn("WARNING: CPU: %d PID: %d at %s:%d %s\n", (int)cpu_current(), current->pid,
		file, line, ukmem_symbolize(caller, sym, sizeof(sym)));
	print_modules();
	check_panic_on_warn("kernel");
	dump_stack_print_info(KERN_WARNING);
	show_stack_lvl(KERN_WARNING, 1);	/* from the warning function */
	print_oops_end_marker();
	add_taint(TAINT_WARN, LOCKDEP_STILL_OK);
}
EXPORT_SYMBOL(ukmem_warn);

/**
 * ukmem_bug - print a BUG() report and stop
 * @file: the source file of the BUG
 * @line: its line
 *
 * What BUG() and BUG_ON() call: "kernel BUG at file:line!" with the oops report, then
 * the process ends (Linux kills the task or stops the machine).
 *
 * Context: any context; does not return.
 */
void ukmem_bug(const char *file, int line)
{
	report_begin();
	printk(KERN_WARNING CUT_HERE);
	printk(KERN_CRIT "kernel BUG at %s:%d!\n", file, line);
	printk(KERN_DEFAULT "invalid opcode: 0000 [#1] PREEMPT SMP NOPTI\n");
	add_taint(TAINT_DIE, LOCKDEP_STILL_OK);
	dump_stack_print_info(KERN_DEFAULT);
	show_stack_lvl(KERN_DEFAULT, 0);
	print_modules();
	print_oops_end_marker();
	die();
}
EXPORT_SYMBOL(ukmem_bug);
