/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/hash.h: multiplicative hashing of integers and pointers. The multipliers are
 * Linux 6.1's (GOLDEN_RATIO_32/64), so a bucket index computed here is the one the
 * kernel computes; the top bits of the product are the hash. bits must be 1..32. */
#ifndef UKMEM_LINUX_HASH_H
#define UKMEM_LINUX_HASH_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/bits.h>

#define GOLDEN_RATIO_32 0x61C88647
#define GOLDEN_RATIO_64 0x61C8864680B583EBull
#define GOLDEN_RATIO_PRIME GOLDEN_RATIO_64
#define hash_long(val, bits) hash_64(val, bits)

#define __hash_32 __hash_32_generic
static inline u32 __hash_32_generic(u32 val)
{
	return val * GOLDEN_RATIO_32;
}

static inline u32 hash_32(u32 val, unsigned int bits)
{
	return __hash_32(val) >> (32 - bits);
}

#define hash_64 hash_64_generic
static __always_inline u32 hash_64_generic(u64 val, unsigned int bits)
{
	return (u32)(val * GOLDEN_RATIO_64 >> (64 - bits));
}

static inline u32 hash_ptr(const void *ptr, unsigned int bits)
{
	return hash_long((unsigned long)ptr, bits);
}

/* Folds a pointer to 32 bits (no mixing). */
static inline u32 hash32_ptr(const void *ptr)
{
	unsigned long val = (unsigned long)ptr;

	return (u32)(val ^ (val >> 32));
}

#pragma pop_macro("__UKMEM_INNER")
#endif
