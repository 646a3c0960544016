/* linux/percpu.h: per-CPU variables (linux/percpu-defs.h) and the dynamic per-CPU
 * allocator (mm/percpu.c): alloc_percpu() gives zeroed memory with one instance per
 * possible CPU, reached with per_cpu_ptr()/this_cpu_ptr(); counted in /proc/meminfo's
 * Percpu. */
#ifndef UKMEM_LINUX_PERCPU_H
#define UKMEM_LINUX_PERCPU_H

#include <linux/types.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/percpu-defs.h>

#define PCPU_MIN_UNIT_SIZE	(32 << 10)
#define PERCPU_DYNAMIC_RESERVE	(28 << 10)

void __percpu *__alloc_percpu_gfp(size_t size, size_t align, gfp_t gfp);
void __percpu *__alloc_percpu(size_t size, size_t align);
void free_percpu(void __percpu *__pdata);
unsigned long pcpu_nr_pages(void);
bool is_kernel_percpu_address(unsigned long addr);

#define alloc_percpu_gfp(type, gfp)						\
	((typeof(type) __percpu *)__alloc_percpu_gfp(sizeof(type), __alignof__(type), gfp))
#define alloc_percpu(type)							\
	((typeof(type) __percpu *)__alloc_percpu(sizeof(type), __alignof__(type)))

#endif
