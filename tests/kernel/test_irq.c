// SPDX-License-Identifier: LGPL-2.1-or-later
/* Interrupt handlers (request_irq & co) on the machine's IO-APIC lines, driven by a test
 * standing in for a device (ukmem_irq_raise / ukmem_irq_set_level): delivery in hardirq
 * context, shared lines, threaded and oneshot handlers, disable/enable, the bad-request
 * errors, 6.1's reports (bogus return value, nobody cared, already-free IRQ),
 * /proc/interrupts, and local_irq_disable() holding delivery off on its CPU. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <string.h>
#include <ukmem.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include "kmsg.h"
#include "poll.h"

struct dev {
	int calls, hardirq, irqs_off, thread_calls, thread_in_task;
	irqreturn_t ret;
	char comm[TASK_COMM_LEN];
};

irqreturn_t count_handler(int irq, void *dev_id);
irqreturn_t bogus_handler(int irq, void *dev_id);

irqreturn_t count_handler(int irq, void *dev_id)
{
	struct dev *d = dev_id;

	d->hardirq = in_hardirq() && !in_task();
	d->irqs_off = irqs_disabled();
	__atomic_add_fetch(&d->calls, 1, __ATOMIC_RELEASE);
	return d->ret;
}

static irqreturn_t thread_handler(int irq, void *dev_id)
{
	struct dev *d = dev_id;

	d->thread_in_task = in_task() && !irqs_disabled();
	strcpy(d->comm, current->comm);
	msleep(1);	/* a thread may sleep */
	__atomic_add_fetch(&d->thread_calls, 1, __ATOMIC_RELEASE);
	return IRQ_HANDLED;
}

static void boot(void)
{
	cr_assert_eq(ukmem_boot("mem=32M nr_cpus=2"), 0);
}

static const char *line_of(const char *text, const char *prefix)
{
	const char *p = strstr(text, prefix);

	return p ? p : "";
}

/* Whether the line starting with prefix reads the same in both texts (only that line:
 * the LOC row below it moves with the tick). */
static bool same_line(const char *a, const char *b, const char *prefix)
{
	size_t n;

	a = line_of(a, prefix);
	b = line_of(b, prefix);
	n = strcspn(a, "\n");
	return *a && n == strcspn(b, "\n") && !strncmp(a, b, n);
}

Test(irq, handler_runs_in_hardirq_context_and_is_counted)
{
	struct dev d = { .ret = IRQ_HANDLED };
	char *text;

	boot();
	cr_assert_eq(request_irq(5, count_handler, 0, "mydev", &d), 0);
	ukmem_irq_raise(5);
	cr_assert(poll_until_geq(&d.calls, 1));
	synchronize_irq(5);
	cr_assert(d.hardirq && d.irqs_off);
	text = proc_text("/proc/interrupts");
	cr_assert(!strncmp(text, "           CPU0       CPU1       \n", 34), "%s", text);
	cr_assert(!strncmp(line_of(text, "  5:"),
			   "  5:          1          0   IO-APIC   5-edge      mydev\n", 57), "%s", text);
	cr_assert(strstr(text, "LOC: "));
	cr_assert(strstr(text, "  Local timer interrupts\n"));
	cr_assert(strstr(text, "ERR:          0\nMIS:          0\n"));
	free(text);
	cr_assert_str_eq(free_irq(5, &d), "mydev");
	text = proc_text("/proc/interrupts");
	cr_assert(!strncmp(line_of(text, "  5:"),
			   "  5:          1          0   IO-APIC   5-edge    \n", 50), "%s", text);
	free(text);
	ukmem_shutdown();
}

Test(irq, bad_requests_change_nothing)
{
	struct dev a = { .ret = IRQ_HANDLED }, b = { .ret = IRQ_HANDLED };
	char *before, *after;

	boot();
	cr_assert_eq(request_irq(24, count_handler, 0, "out", &a), -EINVAL);
	cr_assert_eq(request_irq(5000, count_handler, 0, "out", &a), -EINVAL);
	cr_assert_eq(request_irq(5, count_handler, IRQF_SHARED, "noid", NULL), -EINVAL);
	cr_assert_eq(request_threaded_irq(5, NULL, NULL, 0, "none", &a), -EINVAL);
	cr_assert_eq(request_threaded_irq(5, NULL, thread_handler, 0, "noshot", &a), -EINVAL);
	cr_assert(kmsg_contains("Threaded irq requested with handler=NULL and !ONESHOT for "
				"noshot (irq 5)"));
	cr_assert_eq(request_irq(5, count_handler, 0, "first", &a), 0);
	before = proc_text("/proc/interrupts");
	cr_assert_eq(request_irq(5, count_handler, 0, "second", &b), -EBUSY);
	cr_assert(kmsg_contains("Flags mismatch irq 5. 00000000 (second) vs. 00000000 (first)"));
	cr_assert_eq(request_irq(5, count_handler, IRQF_SHARED, "third", &b), -EBUSY);
	cr_assert(kmsg_contains("Flags mismatch irq 5. 00000080 (third) vs. 00000000 (first)"));
	after = proc_text("/proc/interrupts");
	cr_assert(same_line(before, after, "  5:"), "%s\n%s", before, after);
	ukmem_irq_raise(5);
	cr_assert(poll_until_geq(&a.calls, 1));
	synchronize_irq(5);
	cr_assert_eq(b.calls, 0);
	cr_assert_str_eq(free_irq(5, &a), "first");
	free(before);
	free(after);
	ukmem_shutdown();
}

Test(irq, shared_line_runs_every_handler)
{
	struct dev a = { .ret = IRQ_NONE }, b = { .ret = IRQ_HANDLED };
	char *text;

	boot();
	cr_assert_eq(request_irq(10, count_handler, IRQF_SHARED, "alpha", &a), 0);
	cr_assert_eq(request_irq(10, count_handler, IRQF_SHARED, "beta", &b), 0);
	text = proc_text("/proc/interrupts");
	cr_assert(strstr(text, "IO-APIC  10-edge      alpha, beta\n"), "%s", text);
	free(text);
	ukmem_irq_raise(10);
	cr_assert(poll_until_geq(&b.calls, 1));
	synchronize_irq(10);
	cr_assert_eq(a.calls, 1);
	cr_assert_str_eq(free_irq(10, &a), "alpha");
	ukmem_irq_raise(10);
	cr_assert(poll_until_geq(&b.calls, 2));
	synchronize_irq(10);
	cr_assert_eq(a.calls, 1, "a freed handler is not called");
	cr_assert_str_eq(free_irq(10, &b), "beta");
	ukmem_shutdown();
}

Test(irq, freeing_a_free_irq_warns)
{
	struct dev a = { 0 };

	boot();
	cr_assert_null(free_irq(6, &a));
	cr_assert(kmsg_contains("Trying to free already-free IRQ 6"));
	cr_assert(kmsg_contains("WARNING: CPU: "));
	cr_assert_eq(request_irq(6, count_handler, 0, "after", &a), 0, "nothing broke");
	cr_assert_str_eq(free_irq(6, &a), "after");
	ukmem_shutdown();
}

Test(irq, disabled_line_delivers_at_enable)
{
	struct dev d = { .ret = IRQ_HANDLED };

	boot();
	cr_assert_eq(request_irq(7, count_handler, 0, "held", &d), 0);
	disable_irq(7);
	disable_irq_nosync(7);
	ukmem_irq_raise(7);
	ukmem_irq_raise(7);
	msleep(20);
	cr_assert_eq(d.calls, 0);
	enable_irq(7);
	msleep(20);
	cr_assert_eq(d.calls, 0, "still disabled once");
	enable_irq(7);
	cr_assert(poll_until_geq(&d.calls, 1));
	synchronize_irq(7);
	cr_assert_eq(d.calls, 1, "edges merge while disabled");
	enable_irq(7);
	cr_assert(kmsg_contains("Unbalanced enable for IRQ 7"));
	free_irq(7, &d);
	ukmem_shutdown();
}

Test(irq, threaded_oneshot_handler_runs_in_its_thread)
{
	struct dev d = { .ret = IRQ_WAKE_THREAD };

	boot();
	cr_assert_eq(request_threaded_irq(17, count_handler, thread_handler, IRQF_ONESHOT,
					  "thr", &d), 0);
	ukmem_irq_set_level(17, true);
	cr_assert(poll_until_geq(&d.thread_calls, 1));
	ukmem_irq_set_level(17, false);
	synchronize_irq(17);
	cr_assert(d.thread_in_task);
	cr_assert_str_eq(d.comm, "irq/17-thr");
	cr_assert_geq(d.calls, 1);
	cr_assert_eq(request_threaded_irq(13, NULL, thread_handler, IRQF_ONESHOT, "dflt", &d), 0);
	ukmem_irq_raise(13);
	cr_assert(poll_until_geq(&d.thread_calls, 2));
	free_irq(17, &d);
	free_irq(13, &d);
	ukmem_shutdown();
}

irqreturn_t bogus_handler(int irq, void *dev_id)
{
	__atomic_add_fetch((int *)dev_id, 1, __ATOMIC_RELEASE);
	return (irqreturn_t)7;
}

Test(irq, bogus_return_value_is_reported)
{
	int calls = 0;

	boot();
	cr_assert_eq(request_irq(9, bogus_handler, 0, "bogus", &calls), 0);
	ukmem_irq_raise(9);
	cr_assert(poll_until_geq(&calls, 1));
	synchronize_irq(9);
	cr_assert(kmsg_contains("irq event 9: bogus return value 7"));
	cr_assert(kmsg_contains("handlers:"));
	cr_assert(kmsg_contains("] bogus_handler"));
	free_irq(9, &calls);
	ukmem_shutdown();
}

Test(irq, stuck_line_nobody_cared_is_disabled)
{
	struct dev d = { .ret = IRQ_NONE };
	char *text;

	boot();
	cr_assert_eq(request_irq(19, count_handler, 0, "deaf", &d), 0);
	ukmem_irq_set_level(19, true);	/* a level line nobody acknowledges */
	cr_assert(poll_until_geq(&d.calls, 100000));
	for (int i = 0; i < 5000 && !kmsg_contains("Disabling IRQ #19"); i++)
		msleep(1);
	cr_assert(kmsg_contains("irq 19: nobody cared (try booting with the \"irqpoll\" option)"));
	cr_assert(kmsg_contains("] count_handler"));
	cr_assert(kmsg_contains("Disabling IRQ #19"));
	synchronize_irq(19);
	msleep(10);
	cr_assert_eq(d.calls, 100000, "the line stays off");
	text = proc_text("/proc/interrupts");
	cr_assert(strstr(text, " 19:     100000          0   IO-APIC  19-fasteoi   deaf\n"), "%s", text);
	free(text);
	ukmem_irq_set_level(19, false);
	free_irq(19, &d);
	ukmem_shutdown();
}

static int raising;

static void *raiser(void *arg)
{
	while (__atomic_load_n(&raising, __ATOMIC_ACQUIRE))
		ukmem_irq_raise(11);
	return NULL;
}

Test(irq, free_irq_while_the_line_fires)
{
	struct dev d = { .ret = IRQ_HANDLED };
	pthread_t t;

	boot();
	for (int round = 0; round < 20; round++) {
		int calls;

		cr_assert_eq(request_irq(11, count_handler, 0, "busy", &d), 0);
		raising = 1;
		pthread_create(&t, NULL, raiser, NULL);
		poll_until_geq(&d.calls, __atomic_load_n(&d.calls, __ATOMIC_ACQUIRE) + 1);
		cr_assert_str_eq(free_irq(11, &d), "busy");
		calls = __atomic_load_n(&d.calls, __ATOMIC_ACQUIRE);
		msleep(2);
		cr_assert_eq(__atomic_load_n(&d.calls, __ATOMIC_ACQUIRE), calls,
			     "no call after free_irq returned");
		__atomic_store_n(&raising, 0, __ATOMIC_RELEASE);
		pthread_join(t, NULL);
	}
	ukmem_shutdown();
}

Test(irq, local_irq_disable_holds_delivery_on_its_cpu)
{
	struct dev d = { .ret = IRQ_HANDLED };
	unsigned long flags;
	spinlock_t lock;

	cr_assert_eq(ukmem_boot("mem=32M nr_cpus=1"), 0);
	spin_lock_init(&lock);
	cr_assert_eq(request_irq(12, count_handler, 0, "held", &d), 0);
	spin_lock_irqsave(&lock, flags);
	ukmem_irq_raise(12);
	mdelay(30);
	cr_assert_eq(__atomic_load_n(&d.calls, __ATOMIC_ACQUIRE), 0, "held off on CPU 0");
	spin_unlock_irqrestore(&lock, flags);
	cr_assert(poll_until_geq(&d.calls, 1));
	local_irq_disable();
	local_irq_disable();	/* nested: one hold */
	local_irq_enable();
	cr_assert(!irqs_disabled());
	ukmem_irq_raise(12);
	cr_assert(poll_until_geq(&d.calls, 2));
	free_irq(12, &d);
	ukmem_shutdown();
}

Test(irq, irq_set_irq_wake_counts_and_autoprobe_finds_nothing_quiet)
{
	struct dev d = { .ret = IRQ_HANDLED };
	unsigned long mask;

	boot();
	cr_assert_eq(irq_set_irq_wake(4, 1), 0);
	cr_assert_eq(irq_set_irq_wake(4, 0), 0);
	cr_assert_eq(irq_set_irq_wake(4, 0), 0);
	cr_assert(kmsg_contains("Unbalanced IRQ 4 wake disable"));
	cr_assert_eq(irq_set_irq_wake(99, 1), -EINVAL);
	cr_assert_eq(request_irq(3, count_handler, 0, "taken", &d), 0);
	mask = probe_irq_on();
	cr_assert_eq(mask & (1UL << 3), 0, "a line with a handler is not probed");
	cr_assert(mask & (1UL << 5));
	ukmem_irq_raise(5);
	cr_assert_eq(probe_irq_off(mask), 5);
	mask = probe_irq_on();
	cr_assert_eq(probe_irq_off(mask), 0);
	free_irq(3, &d);
	ukmem_shutdown();
}

/* /proc/stat: the cpu lines, the intr line (total, then one count per line, 24 lines),
 * and the lines after it in 6.1's order and format. */
Test(irq, proc_stat_counts_each_line)
{
	struct dev d = { .ret = IRQ_HANDLED };
	unsigned long long total, counts[NR_IRQS];
	char *text, *intr;
	int used;

	boot();
	cr_assert_eq(request_irq(5, count_handler, 0, "mydev", &d), 0);
	for (int i = 0; i < 3; i++) {
		ukmem_irq_raise(5);
		cr_assert(poll_until_geq(&d.calls, i + 1));
	}
	synchronize_irq(5);
	text = proc_text("/proc/stat");
	cr_assert(!strncmp(text, "cpu  0 0 0 ", 11), "%s", text);
	cr_assert(strstr(text, "\ncpu0 0 0 0 ") && strstr(text, "\ncpu1 0 0 0 "), "%s", text);
	cr_assert_null(strstr(text, "\ncpu2 "));
	intr = strstr(text, "\nintr ");
	cr_assert_not_null(intr, "%s", text);
	cr_assert_eq(sscanf(intr, "\nintr %llu%n", &total, &used), 1);
	intr += used;
	for (int i = 0; i < nr_irqs; i++) {	/* the IO-APIC's 24 lines, then the MSIs */
		cr_assert_eq(sscanf(intr, " %llu%n", &counts[i], &used), 1, "line %d: %s", i, text);
		intr += used;
	}
	cr_assert_eq(*intr, '\n', "more than nr_irqs numbers: %s", text);
	cr_assert_eq(counts[5], 3);
	/* The total adds the local timer interrupts (the tick) to the lines' counts. */
	cr_assert_geq(total, counts[0] + counts[5]);
	cr_assert(!strncmp(intr, "\nctxt ", 6), "%s", text);
	const char *order[] = { "\nctxt ", "\nbtime ", "\nprocesses ", "\nprocs_running ",
				"\nprocs_blocked ", "\nsoftirq " };
	const char *at = intr;

	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		const char *next = strstr(at, order[i]);

		cr_assert(next == at || (i && next), "%s missing or out of order: %s", order[i], text);
		at = next;
	}
	unsigned long long softirq[11];

	cr_assert_eq(sscanf(at, "\nsoftirq %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu",
			    &softirq[0], &softirq[1], &softirq[2], &softirq[3], &softirq[4],
			    &softirq[5], &softirq[6], &softirq[7], &softirq[8], &softirq[9],
			    &softirq[10]), 11, "%s", text);
	cr_assert_eq(softirq[0], softirq[1] + softirq[2] + softirq[3] + softirq[4] + softirq[5] +
		     softirq[6] + softirq[7] + softirq[8] + softirq[9] + softirq[10], "%s", text);
	struct timespec now;	/* not time(2): its seconds may lag the precise clock's */

	clock_gettime(CLOCK_REALTIME, &now);
	cr_assert_leq(strtoull(strstr(text, "\nbtime ") + 7, NULL, 10),
		      (unsigned long long)now.tv_sec);
	free(text);
	free_irq(5, &d);
	ukmem_shutdown();
}
