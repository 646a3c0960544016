// SPDX-License-Identifier: GPL-2.0
/* faulty: a module whose bugs sit in static functions, as kernel style writes drivers.
 * The parameter "bug" picks what init (or, for bug=exit_warn, exit) does:
 *   none       nothing; init succeeds
 *   warn       a WARN without a trailing newline, from a static function
 *   oob        a kmalloc'd object written one byte past its end (a slab or KASAN report)
 *   null       a read through a NULL structure pointer (an oops)
 *   null_write a write through it
 *   wild       a read of an unmapped kernel-half address
 *   noncanon   a read of a non-canonical address (general protection fault)
 *   divide     an integer division by zero (divide error)
 *   ud2        an undefined instruction (invalid opcode)
 *   kthread    the NULL read in a kthread; init stops it (it has died) and succeeds
 *   exit_warn  a WARN from the exit function */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/slab.h>
#include <linux/delay.h>

static char *bug = "none";
module_param(bug, charp, 0444);
MODULE_PARM_DESC(bug, "which bug init plants");

struct faulty_dev {
	long pad;
	long count;		/* at offset 8: a NULL device reads address 0x8 */
};

static struct faulty_dev *faulty_lookup(void)
{
	return NULL;
}

static noinline long faulty_read_count(struct faulty_dev *dev)
{
	return READ_ONCE(dev->count);
}

static noinline void faulty_write_count(struct faulty_dev *dev, long v)
{
	WRITE_ONCE(dev->count, v);
}

static noinline void faulty_warn(void)
{
	WARN(1, "faulty: the device is in a bad state");
}

static noinline void faulty_overflow(void)
{
	char *p = kmalloc(32, GFP_KERNEL);

	if (!p)
		return;
	OPTIMIZER_HIDE_VAR(p);
	p[32] = 'x';
	kfree(p);
}

static noinline long faulty_wild(unsigned long addr)
{
	return READ_ONCE(*(long *)addr);
}

static noinline long faulty_divide(long a, long b)
{
	return a / b;
}

static noinline void faulty_ud2(void)
{
	asm volatile("ud2");
}

static bool thread_started;

static int faulty_thread(void *arg)
{
	WRITE_ONCE(thread_started, true);
	pr_info("thread reads its device\n");
	pr_info("count %ld\n", faulty_read_count(faulty_lookup()));
	return 0;
}

static int __init faulty_init(void)
{
	volatile long zero = 0;

	if (!strcmp(bug, "warn"))
		faulty_warn();
	else if (!strcmp(bug, "oob"))
		faulty_overflow();
	else if (!strcmp(bug, "null"))
		pr_info("count %ld\n", faulty_read_count(faulty_lookup()));
	else if (!strcmp(bug, "null_write"))
		faulty_write_count(faulty_lookup(), 1);
	else if (!strcmp(bug, "wild"))
		pr_info("read %ld\n", faulty_wild(0xffffc90000123000UL));
	else if (!strcmp(bug, "noncanon"))
		pr_info("read %ld\n", faulty_wild(0xdead000000000100UL));
	else if (!strcmp(bug, "divide"))
		pr_info("quotient %ld\n", faulty_divide(7, zero));
	else if (!strcmp(bug, "ud2"))
		faulty_ud2();
	else if (!strcmp(bug, "kthread")) {
		struct task_struct *t = kthread_run(faulty_thread, NULL, "faulty_thread");

		if (IS_ERR(t))
			return PTR_ERR(t);
		while (!READ_ONCE(thread_started))
			msleep(1);
		pr_info("thread ended: %d\n", kthread_stop(t));
	}
	pr_info("loaded\n");
	return 0;
}

static void __exit faulty_exit(void)
{
	if (!strcmp(bug, "exit_warn"))
		faulty_warn();
	pr_info("unloaded\n");
}

module_init(faulty_init);
module_exit(faulty_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("bugs in static functions, for the reports' tests");
