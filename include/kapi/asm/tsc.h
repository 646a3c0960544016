/* asm/tsc.h: the time stamp counter, read directly (x86-64 user space may). */
#ifndef UKMEM_ASM_TSC_H
#define UKMEM_ASM_TSC_H

#include <linux/types.h>

typedef unsigned long long cycles_t;

static inline cycles_t get_cycles(void)
{
	return __builtin_ia32_rdtsc();
}

/* rdtsc that is not reordered before earlier loads (lfence first). */
static inline u64 rdtsc_ordered(void)
{
	__builtin_ia32_lfence();
	return __builtin_ia32_rdtsc();
}

static inline u64 rdtsc(void)
{
	return __builtin_ia32_rdtsc();
}

#endif
