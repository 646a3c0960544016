/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/bitops.h: bit operations on arrays of unsigned long. The plain names are atomic
 * (safe against concurrent writers of other bits in the same word); the __ names are not.
 * Bit-search helpers (find_first_bit, ...) live in src/lib/find_bit.c. */
#ifndef UKMEM_LINUX_BITOPS_H
#define UKMEM_LINUX_BITOPS_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#ifdef __KERNEL__
static inline int ffs(int x) { return __builtin_ffs(x); }
#else
#include <strings.h>	/* ffs(): the C library's, the same function */
#endif
#include <linux/bits.h>

#define BITS_TO_LONGS(nr)	(((nr) + BITS_PER_LONG - 1) / BITS_PER_LONG)
#define BITS_TO_U64(nr)		(((nr) + 63) / 64)
#define BITS_TO_U32(nr)		(((nr) + 31) / 32)
#define BITS_TO_BYTES(nr)	(((nr) + 7) / 8)
#define BITS_PER_TYPE(type)	(sizeof(type) * BITS_PER_BYTE)

static inline void set_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_RELAXED);
}
static inline void clear_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr), __ATOMIC_RELAXED);
}
static inline void change_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_xor(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_RELAXED);
}
static inline bool test_and_set_bit(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}
static inline bool test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr), __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}
static inline bool test_and_change_bit(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_xor(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}
static inline bool test_and_set_bit_lock(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_ACQUIRE) & BIT_MASK(nr);
}
static inline void clear_bit_unlock(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr), __ATOMIC_RELEASE);
}
static inline bool test_bit(long nr, const volatile unsigned long *addr)
{
	return (__atomic_load_n(&addr[BIT_WORD(nr)], __ATOMIC_RELAXED) >> (nr % BITS_PER_LONG)) & 1;
}
/* test_bit() with acquire ordering: pairs with clear_bit_unlock(). */
static inline bool test_bit_acquire(long nr, const volatile unsigned long *addr)
{
	return (__atomic_load_n(&addr[BIT_WORD(nr)], __ATOMIC_ACQUIRE) >> (nr % BITS_PER_LONG)) & 1;
}

static inline void __set_bit(long nr, volatile unsigned long *addr) { addr[BIT_WORD(nr)] |= BIT_MASK(nr); }
static inline void __clear_bit(long nr, volatile unsigned long *addr) { addr[BIT_WORD(nr)] &= ~BIT_MASK(nr); }
static inline void __change_bit(long nr, volatile unsigned long *addr) { addr[BIT_WORD(nr)] ^= BIT_MASK(nr); }
static inline bool __test_and_set_bit(long nr, volatile unsigned long *addr)
{
	bool old = test_bit(nr, addr);

	__set_bit(nr, addr);
	return old;
}
static inline bool __test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	bool old = test_bit(nr, addr);

	__clear_bit(nr, addr);
	return old;
}
static inline bool __test_and_change_bit(long nr, volatile unsigned long *addr)
{
	bool old = test_bit(nr, addr);

	__change_bit(nr, addr);
	return old;
}
/* clear_bit_unlock() for a word no one else writes while the lock bit is held: a plain
 * read, then the release store. */
static inline void __clear_bit_unlock(long nr, volatile unsigned long *addr)
{
	unsigned long word = addr[BIT_WORD(nr)];

	__atomic_store_n(&addr[BIT_WORD(nr)], word & ~BIT_MASK(nr), __ATOMIC_RELEASE);
}

/* ffs (the C library's)/fls count from 1 and return 0 for no bit; __ffs/__fls count
 * from 0 and are undefined for 0, as in the kernel. */
static inline int fls(unsigned int x) { return x ? 32 - __builtin_clz(x) : 0; }
static inline int fls64(u64 x) { return x ? 64 - __builtin_clzll(x) : 0; }
static inline unsigned int fls_long(unsigned long x) { return (unsigned int)fls64(x); }

/* The order of the smallest power of two >= count; -1 for 0. */
static inline int get_count_order(unsigned int count)
{
	return count == 0 ? -1 : fls64((u64)count - 1);
}

static inline int get_count_order_long(unsigned long l)
{
	return l == 0UL ? -1 : (int)fls_long(l - 1);
}
static inline unsigned long __ffs(unsigned long word) { return (unsigned long)__builtin_ctzl(word); }
static inline unsigned long __fls(unsigned long word) { return 63UL - (unsigned long)__builtin_clzl(word); }
static inline unsigned long ffz(unsigned long word) { return __ffs(~word); }
static inline unsigned long __ffs64(u64 word) { return (unsigned long)__builtin_ctzll(word); }
static inline unsigned int hweight8(unsigned int w) { return (unsigned int)__builtin_popcount(w & 0xff); }
static inline unsigned int hweight16(unsigned int w) { return (unsigned int)__builtin_popcount(w & 0xffff); }
static inline unsigned int hweight32(unsigned int w) { return (unsigned int)__builtin_popcount(w); }
static inline unsigned long hweight64(u64 w) { return (unsigned long)__builtin_popcountll(w); }
static inline unsigned long hweight_long(unsigned long w) { return (unsigned long)__builtin_popcountl(w); }

static inline u32 rol32(u32 word, unsigned int shift) { return (word << (shift & 31)) | (word >> ((-shift) & 31)); }
static inline u32 ror32(u32 word, unsigned int shift) { return (word >> (shift & 31)) | (word << ((-shift) & 31)); }
static inline u64 rol64(u64 word, unsigned int shift) { return (word << (shift & 63)) | (word >> ((-shift) & 63)); }
static inline u64 ror64(u64 word, unsigned int shift) { return (word >> (shift & 63)) | (word << ((-shift) & 63)); }
static inline s32 sign_extend32(u32 value, int index)
{
	u8 shift = 31 - index;

	return (s32)(value << shift) >> shift;
}
static inline s64 sign_extend64(u64 value, int index)
{
	u8 shift = 63 - index;

	return (s64)(value << shift) >> shift;
}

unsigned long find_next_bit(const unsigned long *addr, unsigned long size, unsigned long offset);
unsigned long find_next_zero_bit(const unsigned long *addr, unsigned long size, unsigned long offset);
unsigned long find_last_bit(const unsigned long *addr, unsigned long size);
#define find_first_bit(addr, size)	find_next_bit((addr), (size), 0)
#define find_first_zero_bit(addr, size)	find_next_zero_bit((addr), (size), 0)

#define for_each_set_bit(bit, addr, size) \
	for ((bit) = find_first_bit((addr), (size)); (bit) < (size); \
	     (bit) = find_next_bit((addr), (size), (bit) + 1))
#define for_each_clear_bit(bit, addr, size) \
	for ((bit) = find_first_zero_bit((addr), (size)); (bit) < (size); \
	     (bit) = find_next_zero_bit((addr), (size), (bit) + 1))

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/bitops.h> brings with it, once this header is complete. */
#include <asm/barrier.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/init.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/panic.h>
#endif
#endif
