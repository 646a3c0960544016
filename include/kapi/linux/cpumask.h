/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/cpumask.h: sets of CPUs as bitmaps of NR_CPUS bits, and the machine's possible,
 * present and online masks. ukmem's CPUs are all possible, present and online from boot
 * to shutdown (no hotplug); their number is nr_cpu_ids (boot parameters nr_cpus= and
 * possible_cpus=, default the host's CPU count). */
#ifndef UKMEM_LINUX_CPUMASK_H
#define UKMEM_LINUX_CPUMASK_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/threads.h>
#include <linux/bitmap.h>
#include <linux/bitops.h>

typedef struct cpumask { DECLARE_BITMAP(bits, NR_CPUS); } cpumask_t;
typedef struct cpumask cpumask_var_t[1];

extern unsigned int nr_cpu_ids;
extern struct cpumask __cpu_possible_mask, __cpu_online_mask, __cpu_present_mask,
	__cpu_active_mask;
#define cpu_possible_mask	((const struct cpumask *)&__cpu_possible_mask)
#define cpu_online_mask		((const struct cpumask *)&__cpu_online_mask)
#define cpu_present_mask	((const struct cpumask *)&__cpu_present_mask)
#define cpu_active_mask		((const struct cpumask *)&__cpu_active_mask)

#define cpumask_bits(maskp)	((maskp)->bits)
#define nr_cpumask_bits		nr_cpu_ids
/* printk arguments for "%*pb" (a mask) and "%*pbl" (a list) */
#define cpumask_pr_args(maskp)	nr_cpu_ids, cpumask_bits(maskp)
#define to_cpumask(bitmap)	((struct cpumask *)(bitmap))
#define CPU_BITS_ALL		{ [0 ... BITS_TO_LONGS(NR_CPUS) - 1] = ~0UL }

static inline void cpumask_set_cpu(unsigned int cpu, struct cpumask *dstp) { set_bit(cpu, dstp->bits); }
static inline void __cpumask_set_cpu(unsigned int cpu, struct cpumask *dstp) { __set_bit(cpu, dstp->bits); }
static inline void cpumask_clear_cpu(unsigned int cpu, struct cpumask *dstp) { clear_bit(cpu, dstp->bits); }
static inline void __cpumask_clear_cpu(unsigned int cpu, struct cpumask *dstp) { __clear_bit(cpu, dstp->bits); }
static inline bool cpumask_test_cpu(int cpu, const struct cpumask *cpumask) { return test_bit(cpu, cpumask->bits); }
static inline bool cpumask_test_and_set_cpu(int cpu, struct cpumask *cpumask) { return test_and_set_bit(cpu, cpumask->bits); }
static inline bool cpumask_test_and_clear_cpu(int cpu, struct cpumask *cpumask) { return test_and_clear_bit(cpu, cpumask->bits); }
static inline void cpumask_clear(struct cpumask *dstp) { bitmap_zero(dstp->bits, NR_CPUS); }
static inline void cpumask_setall(struct cpumask *dstp) { bitmap_zero(dstp->bits, NR_CPUS); bitmap_fill(dstp->bits, nr_cpu_ids); }
static inline unsigned int cpumask_weight(const struct cpumask *srcp) { return bitmap_weight(srcp->bits, nr_cpu_ids); }
static inline bool cpumask_empty(const struct cpumask *srcp) { return bitmap_empty(srcp->bits, nr_cpu_ids); }
static inline bool cpumask_equal(const struct cpumask *a, const struct cpumask *b) { return bitmap_equal(a->bits, b->bits, nr_cpu_ids); }
static inline void cpumask_copy(struct cpumask *dstp, const struct cpumask *srcp) { bitmap_copy(dstp->bits, srcp->bits, NR_CPUS); }
static inline bool cpumask_and(struct cpumask *dstp, const struct cpumask *a, const struct cpumask *b) { return bitmap_and(dstp->bits, a->bits, b->bits, nr_cpu_ids); }
static inline void cpumask_or(struct cpumask *dstp, const struct cpumask *a, const struct cpumask *b) { bitmap_or(dstp->bits, a->bits, b->bits, nr_cpu_ids); }
/* The first CPU in the mask after n (n = -1: the first); nr_cpu_ids or more if none. */
static inline unsigned int cpumask_next(int n, const struct cpumask *srcp)
{
	return (unsigned int)find_next_bit(srcp->bits, nr_cpu_ids, (unsigned long)(n + 1));
}
static inline unsigned int cpumask_first(const struct cpumask *srcp) { return cpumask_next(-1, srcp); }
static inline unsigned int cpumask_any(const struct cpumask *srcp) { return cpumask_first(srcp); }
static inline const struct cpumask *cpumask_of(unsigned int cpu);

#define for_each_cpu(cpu, mask)	\
	for ((cpu) = cpumask_first(mask); (cpu) < nr_cpu_ids; (cpu) = cpumask_next((cpu), (mask)))
#define for_each_possible_cpu(cpu)	for_each_cpu((cpu), cpu_possible_mask)
#define for_each_online_cpu(cpu)	for_each_cpu((cpu), cpu_online_mask)
#define for_each_present_cpu(cpu)	for_each_cpu((cpu), cpu_present_mask)

#define num_possible_cpus()	cpumask_weight(cpu_possible_mask)
#define num_online_cpus()	cpumask_weight(cpu_online_mask)
#define num_present_cpus()	cpumask_weight(cpu_present_mask)
#define num_active_cpus()	cpumask_weight(cpu_active_mask)
#define cpu_possible(cpu)	cpumask_test_cpu((cpu), cpu_possible_mask)
#define cpu_online(cpu)		cpumask_test_cpu((cpu), cpu_online_mask)
#define cpu_present(cpu)	cpumask_test_cpu((cpu), cpu_present_mask)
#define cpu_active(cpu)		cpumask_test_cpu((cpu), cpu_active_mask)

extern struct cpumask ukmem_cpu_single_masks[NR_CPUS];	/* set at boot */
static inline const struct cpumask *cpumask_of(unsigned int cpu) { return &ukmem_cpu_single_masks[cpu]; }

/* cpumask_var_t is always an array here (CONFIG_CPUMASK_OFFSTACK=n). */
static inline bool alloc_cpumask_var(cpumask_var_t *mask, gfp_t flags) { return true; }
static inline bool zalloc_cpumask_var(cpumask_var_t *mask, gfp_t flags) { cpumask_clear(*mask); return true; }
static inline void free_cpumask_var(cpumask_var_t mask) { }

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/cpumask.h> brings with it, once this header is complete. */
#include <linux/atomic.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/jump_label.h>
#include <linux/kernel.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/log2.h>
#include <linux/numa.h>
#include <linux/overflow.h>
#endif
#endif
