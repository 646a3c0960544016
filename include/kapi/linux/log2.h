/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/log2.h: integer base-2 logarithms and power-of-two rounding. ilog2(0) is
 * undefined, as in the kernel. */
#ifndef UKMEM_LINUX_LOG2_H
#define UKMEM_LINUX_LOG2_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/bitops.h>

static inline __attribute__((const)) bool is_power_of_2(unsigned long n)
{
	return n != 0 && (n & (n - 1)) == 0;
}

#define ilog2(n)	((int)(sizeof(n) <= 4 ? fls((u32)(n)) - 1 : fls64((u64)(n)) - 1))

static inline __attribute__((const)) unsigned long __roundup_pow_of_two(unsigned long n)
{
	return 1UL << fls_long(n - 1);
}

static inline __attribute__((const)) unsigned long __rounddown_pow_of_two(unsigned long n)
{
	return 1UL << (fls_long(n) - 1);
}

#define roundup_pow_of_two(n)	((n) == 1 ? 1UL : __roundup_pow_of_two(n))
#define rounddown_pow_of_two(n)	__rounddown_pow_of_two(n)
#define order_base_2(n)		((n) > 1 ? ilog2(roundup_pow_of_two(n)) : 0)

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/log2.h> brings with it, once this header is complete. */
#include <asm/barrier.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/init.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/panic.h>
#endif
#endif
