// SPDX-License-Identifier: LGPL-2.1-or-later
/* Virtual CPUs: nr_cpus=/possible_cpus= independent of the host, the masks and
 * iterators, smp_processor_id()'s report in preemptible code, pinned threads (get_cpu,
 * per-CPU kthreads) and cross-CPU calls, which run in hardirq context on their CPU. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/cpumask.h>
#include <linux/smp.h>
#include <linux/kthread.h>
#include <linux/irqflags.h>
#include <linux/delay.h>
#include "kmsg.h"
#include "../mm/asan_quarantine.h"

/* objperslab and pagesperslab of a kmalloc cache in /proc/slabinfo, and its objsize. */
static void slab_geometry(const char *cache, unsigned int *objs, unsigned int *pages,
			  unsigned int *size)
{
	char *text = proc_text("/proc/slabinfo"), *line, name[32];
	unsigned long active, num;

	snprintf(name, sizeof(name), "\n%s ", cache);
	line = strstr(text, name);
	cr_assert_not_null(line, "%s in /proc/slabinfo", cache);
	cr_assert_eq(sscanf(line + 1, "%31s %lu %lu %u %u %u", name, &active, &num, size, objs,
			    pages), 6);
	free(text);
}

/* calculate_order's choice for cache: objs objects on pages pages, as 6.1 shows it. In
 * ASan builds the objects carry KASAN's red zone, as in Linux with KASAN: then the slab
 * is the smallest power-of-two number of pages with room for min_objects of them. */
static void expect_geometry(const char *cache, unsigned int min_objects, unsigned int objs,
			    unsigned int pages)
{
	unsigned int o, p, size;

	slab_geometry(cache, &o, &p, &size);
	if (!KASAN_LAYOUT) {
		cr_assert_eq(o, objs, "%s objperslab", cache);
		cr_assert_eq(p, pages, "%s pagesperslab", cache);
		return;
	}
	cr_assert_eq(o, p * PAGE_SIZE / size, "%s objperslab", cache);
	cr_assert_geq(o, min_objects, "%s holds %u objects", cache, min_objects);
	cr_assert(p == 1 || p / 2 * PAGE_SIZE / size < min_objects, "%s: %u pages", cache, p);
}

Test(smp, nr_cpus_gives_that_many_cpus_and_pagesets)
{
	unsigned int cpu, n = 0;
	char *zoneinfo, *text;

	cr_assert_eq(ukmem_boot("mem=64M nr_cpus=4"), 0);
	cr_assert_eq(nr_cpu_ids, 4);
	cr_assert_eq(num_possible_cpus(), 4);
	cr_assert_eq(num_online_cpus(), 4);
	cr_assert(cpu_online(3) && cpu_possible(3) && !cpu_possible(4));
	for_each_possible_cpu(cpu)
		n++;
	for_each_online_cpu(cpu)
		n++;
	for_each_present_cpu(cpu)
		n++;
	cr_assert_eq(n, 12);
	cr_assert_lt(raw_smp_processor_id(), 4);
	zoneinfo = proc_text("/proc/zoneinfo");
	/* DMA32 (the zone holding 64M) lists one pageset per CPU: cpu 0..3, no cpu 4. */
	cr_assert(strstr(zoneinfo, "    cpu: 3\n"));
	cr_assert_null(strstr(zoneinfo, "    cpu: 4\n"));
	free(zoneinfo);
	cr_assert(kmsg_contains("smpboot: Allowing 4 CPUs, 0 hotplug CPUs"));
	text = proc_text("/proc/interrupts");
	cr_assert(!strncmp(text, "           CPU0       CPU1       CPU2       CPU3       \n", 56),
		  "%s", text);
	free(text);
	text = proc_text("/proc/softirqs");
	cr_assert(strstr(text, "CPU0       CPU1       CPU2       CPU3       \n"), "%s", text);
	free(text);
	/* calculate_order with 4 CPUs: min_objects = 4 * (fls(4) + 1) = 16, as 6.1 on a
	 * 4-CPU PC shows in /proc/slabinfo. */
	expect_geometry("kmalloc-512", 16, 16, 2);
	expect_geometry("kmalloc-1k", 16, 16, 4);
	ukmem_shutdown();

	cr_assert_eq(ukmem_boot("mem=32M possible_cpus=3"), 0);
	cr_assert_eq(num_possible_cpus(), 3);
	ukmem_shutdown();
	cr_assert_eq(ukmem_boot("mem=32M possible_cpus=8 nr_cpus=2"), 0);
	cr_assert_eq(nr_cpu_ids, 2);
	ukmem_shutdown();
}

Test(smp, slab_order_follows_the_cpu_count_as_in_linux)
{
	/* calculate_order: min_objects = 4 * (fls(CPUs) + 1): 8 for 1 CPU, 20 for 8. */
	cr_assert_eq(ukmem_boot("mem=64M nr_cpus=1"), 0);
	expect_geometry("kmalloc-256", 8, 16, 1);
	ukmem_shutdown();
	cr_assert_eq(ukmem_boot("mem=64M nr_cpus=8"), 0);
	expect_geometry("kmalloc-256", 20, 32, 2);
	ukmem_shutdown();
}

Test(smp, cpumask_basics)
{
	cpumask_t mask;
	unsigned int cpu, seen = 0;

	cr_assert_eq(ukmem_boot("mem=32M nr_cpus=8"), 0);
	cpumask_clear(&mask);
	cr_assert(cpumask_empty(&mask));
	cpumask_set_cpu(1, &mask);
	cpumask_set_cpu(5, &mask);
	cr_assert_eq(cpumask_weight(&mask), 2);
	cr_assert_eq(cpumask_first(&mask), 1);
	cr_assert_eq(cpumask_next(1, &mask), 5);
	cr_assert_geq(cpumask_next(5, &mask), nr_cpu_ids);
	for_each_cpu(cpu, &mask)
		seen |= 1U << cpu;
	cr_assert_eq(seen, 0x22);
	cpumask_clear_cpu(1, &mask);
	cr_assert_not(cpumask_test_cpu(1, &mask));
	cr_assert(cpumask_test_cpu(5, cpumask_of(5)));
	cr_assert_eq(cpumask_weight(cpu_online_mask), 8);
	ukmem_shutdown();
}

noinline void use_cpu_id_here(void);
noinline void use_cpu_id_here(void)
{
	unsigned int cpu = smp_processor_id();

	cr_assert_lt(cpu, nr_cpu_ids);
	barrier();
}

Test(smp, smp_processor_id_in_preemptible_code_is_reported)
{
	char line[128];
	unsigned int cpu;

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	cpu = get_cpu();
	cr_assert_eq(smp_processor_id(), cpu, "pinned: the same CPU until put_cpu()");
	put_cpu();
	cr_assert_eq(ukmem_report_count(), 0);
	use_cpu_id_here();
	snprintf(line, sizeof(line),
		 "BUG: using smp_processor_id() in preemptible [00000000] code: %s/%d",
		 current->comm, current->pid);
	cr_assert(kmsg_contains(line));
	cr_assert(kmsg_contains("caller is use_cpu_id_here+0x"));
	cr_assert(kmsg_contains("Call Trace:"));
	cr_assert_eq(ukmem_report_count(), 1);
	ukmem_shutdown();
}

static int ran_on[8], ran_in_hardirq[8];

static void note_cpu(void *info)
{
	unsigned int cpu = smp_processor_id();	/* irqs off: no report */

	__atomic_add_fetch(&ran_on[cpu], 1, __ATOMIC_RELAXED);
	if (in_hardirq() && irqs_disabled())
		__atomic_add_fetch(&ran_in_hardirq[cpu], 1, __ATOMIC_RELAXED);
	__atomic_store_n((int *)info, 1, __ATOMIC_RELEASE);	/* on every CPU at once */
}

Test(smp, cross_cpu_calls_run_on_their_cpu)
{
	int flag = 0, total = 0;
	unsigned int self;

	cr_assert_eq(ukmem_boot("mem=32M nr_cpus=4"), 0);
	memset(ran_on, 0, sizeof(ran_on));
	memset(ran_in_hardirq, 0, sizeof(ran_in_hardirq));
	on_each_cpu(note_cpu, &flag, 1);
	for (int cpu = 0; cpu < 4; cpu++) {
		cr_assert_eq(ran_on[cpu], 1, "CPU %d ran it once", cpu);
		total += ran_on[cpu];
	}
	cr_assert_eq(total, 4);
	cr_assert_geq(ran_in_hardirq[0] + ran_in_hardirq[1] + ran_in_hardirq[2] +
		      ran_in_hardirq[3], 3, "the other CPUs ran it in hardirq context");
	cr_assert_eq(smp_call_function_single(2, note_cpu, &flag, 1), 0);
	cr_assert_eq(ran_on[2], 2);
	cr_assert_eq(smp_call_function_single(7, note_cpu, &flag, 1), -ENXIO);
	self = get_cpu();
	put_cpu();
	memset(ran_on, 0, sizeof(ran_on));
	smp_call_function(note_cpu, &flag, 1);
	cr_assert_eq(ran_on[0] + ran_on[1] + ran_on[2] + ran_on[3], 3, "all but the caller's");
	(void)self;
	ukmem_shutdown();
}

static int report_cpu(void *data)
{
	__atomic_store_n((unsigned int *)data, smp_processor_id(), __ATOMIC_RELEASE);
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

Test(smp, per_cpu_kthreads_stay_on_their_cpu)
{
	unsigned int cpu = 99;
	struct task_struct *t;

	cr_assert_eq(ukmem_boot("mem=32M nr_cpus=4"), 0);
	t = kthread_create_on_cpu(report_cpu, &cpu, 3, "pinned/%u");
	cr_assert_not(IS_ERR(t));
	cr_assert_str_eq(t->comm, "pinned/3");
	wake_up_process(t);
	for (int i = 0; i < 5000 && __atomic_load_n(&cpu, __ATOMIC_ACQUIRE) == 99; i++)
		msleep(1);
	cr_assert_eq(cpu, 3);
	cr_assert_eq(kthread_stop(t), 0);
	cr_assert_eq(ukmem_report_count(), 0, "a per-CPU thread may use smp_processor_id()");
	ukmem_shutdown();
}
