// SPDX-License-Identifier: LGPL-2.1-or-later
/* Per-CPU variables: static DEFINE_PER_CPU copies per CPU (initial value in each),
 * this_cpu operations from several threads summed exactly across CPUs, dynamic
 * alloc_percpu (zeroed, distinct per CPU, counted in Percpu:), get_cpu_var, and the
 * __this_cpu report in preemptible code. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/gfp.h>
#include <linux/smp.h>
#include "kmsg.h"

static DEFINE_PER_CPU(long, hits);
static DEFINE_PER_CPU(int, seeded) = 17;
struct pair { long a, b; };
DEFINE_PER_CPU_SHARED_ALIGNED(struct pair, pair);

static unsigned long meminfo_kb(const char *field)
{
	char *text = proc_text("/proc/meminfo"), *at = strstr(text, field);
	unsigned long kb = 0;

	cr_assert_not_null(at);
	sscanf(at + strlen(field), " %lu", &kb);
	free(text);
	return kb;
}

Test(percpu, static_variables_have_an_instance_per_cpu)
{
	unsigned int cpu;

	cr_assert_eq(ukmem_boot("mem=32M nr_cpus=4"), 0);
	for_each_possible_cpu(cpu) {
		cr_assert_eq(per_cpu(seeded, cpu), 17, "every CPU starts from the template");
		per_cpu(seeded, cpu) = (int)cpu;
	}
	for_each_possible_cpu(cpu)
		cr_assert_eq(per_cpu(seeded, cpu), (int)cpu);
	cr_assert_neq(&per_cpu(seeded, 0), &per_cpu(seeded, 1));
	cr_assert_eq(((unsigned long)&per_cpu(pair, 2)) % 64, 0);
	cr_assert_gt(meminfo_kb("Percpu:"), 0);
	ukmem_shutdown();
	cr_assert_eq(ukmem_boot("mem=32M nr_cpus=2"), 0);
	cr_assert_eq(per_cpu(seeded, 1), 17, "a new machine starts from the templates again");
	ukmem_shutdown();
}

#define THREADS	4
#define ROUNDS	100000

static long __percpu *dyn;

static void *hammer(void *arg)
{
	for (int i = 0; i < ROUNDS; i++) {
		this_cpu_inc(hits);
		this_cpu_add(*dyn, 2);
	}
	return NULL;
}

Test(percpu, counters_from_four_threads_sum_exactly)
{
	pthread_t threads[THREADS];
	long sum = 0, dsum = 0;
	unsigned int cpu;

	cr_assert_eq(ukmem_boot("mem=32M nr_cpus=4"), 0);
	dyn = alloc_percpu(long);
	cr_assert_not_null(dyn);
	for_each_possible_cpu(cpu)
		cr_assert_eq(*per_cpu_ptr(dyn, cpu), 0, "zeroed");
	for (int i = 0; i < THREADS; i++)
		pthread_create(&threads[i], NULL, hammer, NULL);
	for (int i = 0; i < THREADS; i++)
		pthread_join(threads[i], NULL);
	for_each_possible_cpu(cpu) {
		sum += per_cpu(hits, cpu);
		dsum += *per_cpu_ptr(dyn, cpu);
	}
	cr_assert_eq(sum, (long)THREADS * ROUNDS);
	cr_assert_eq(dsum, 2L * THREADS * ROUNDS);
	free_percpu(dyn);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(percpu, dynamic_allocations_and_cpu_vars)
{
	struct stats { u64 packets; u64 bytes; } __percpu *s;
	unsigned long before, after;
	unsigned int cpu;
	int *p;

	cr_assert_eq(ukmem_boot("mem=32M nr_cpus=4"), 0);
	before = meminfo_kb("Percpu:");
	s = alloc_percpu_gfp(struct stats, GFP_KERNEL);
	void __percpu *big = __alloc_percpu(64 << 10, 64);
	cr_assert(s && big);
	after = meminfo_kb("Percpu:");
	cr_assert_geq(after, before + 4 * 64, "64 KiB on each of 4 CPUs: %lu -> %lu", before, after);
	cpu = get_cpu();
	this_cpu_ptr(s)->packets++;
	__this_cpu_add(s->bytes, 1500);
	put_cpu();
	cr_assert_eq(per_cpu_ptr(s, cpu)->packets, 1);
	cr_assert_eq(per_cpu_ptr(s, cpu)->bytes, 1500);
	get_cpu_var(hits) = 5;
	put_cpu_var(hits);
	p = get_cpu_ptr(&seeded);	/* pinned until put_cpu_ptr() */
	*p = 99;
	cr_assert_eq(this_cpu_cmpxchg(seeded, 99, 100), 99);
	cr_assert_eq(this_cpu_xchg(seeded, 101), 100);
	cr_assert_eq(*p, 101);
	put_cpu_ptr(&seeded);
	free_percpu(big);
	free_percpu(s);
	cr_assert_eq(meminfo_kb("Percpu:"), before);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(percpu, this_cpu_ops_in_preemptible_code_are_reported)
{
	char line[160];

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	this_cpu_inc(hits);		/* safe anywhere: no report */
	cr_assert_eq(ukmem_report_count(), 0);
	__this_cpu_inc(hits);
	snprintf(line, sizeof(line),
		 "BUG: using __this_cpu_add() in preemptible [00000000] code: %s/%d",
		 current->comm, current->pid);
	cr_assert(kmsg_contains(line));
	ukmem_shutdown();
}
