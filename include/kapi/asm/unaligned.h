/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* asm/unaligned.h: loads and stores at any alignment (x86-64 allows them; the compiler
 * is told through a packed struct, so no alignment is assumed), in CPU, little-endian
 * and big-endian order, 16/24/32/48/64 bits. */
#ifndef UKMEM_ASM_UNALIGNED_H
#define UKMEM_ASM_UNALIGNED_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <asm/byteorder.h>

#define __get_unaligned_t(type, ptr) ({					\
	const struct { type v; } __attribute__((__packed__)) *__ukp = (const void *)(ptr); \
	__ukp->v;							\
})
#define __put_unaligned_t(type, val, ptr) do {				\
	struct { type v; } __attribute__((__packed__)) *__ukp = (void *)(ptr);	\
	__ukp->v = (val);						\
} while (0)
#define get_unaligned(ptr)	__get_unaligned_t(typeof(*(ptr)), (ptr))
#define put_unaligned(val, ptr)	__put_unaligned_t(typeof(*(ptr)), (val), (ptr))

#define __ukmem_unaligned(order, bits)					\
static inline u##bits get_unaligned_##order##bits(const void *p)	\
{									\
	return order##bits##_to_cpu(__get_unaligned_t(__##order##bits, p)); \
}									\
static inline void put_unaligned_##order##bits(u##bits val, void *p)	\
{									\
	__put_unaligned_t(__##order##bits, cpu_to_##order##bits(val), p); \
}
__ukmem_unaligned(le, 16)
__ukmem_unaligned(le, 32)
__ukmem_unaligned(le, 64)
__ukmem_unaligned(be, 16)
__ukmem_unaligned(be, 32)
__ukmem_unaligned(be, 64)
#undef __ukmem_unaligned

/* 24- and 48-bit fields, byte by byte. */
static inline u32 get_unaligned_be24(const void *p)
{
	const u8 *b = p;

	return (u32)b[0] << 16 | (u32)b[1] << 8 | b[2];
}

static inline u32 get_unaligned_le24(const void *p)
{
	const u8 *b = p;

	return (u32)b[2] << 16 | (u32)b[1] << 8 | b[0];
}

static inline void put_unaligned_be24(const u32 val, void *p)
{
	u8 *b = p;

	b[0] = val >> 16;
	b[1] = val >> 8;
	b[2] = val;
}

static inline void put_unaligned_le24(const u32 val, void *p)
{
	u8 *b = p;

	b[0] = val;
	b[1] = val >> 8;
	b[2] = val >> 16;
}

static inline u64 get_unaligned_be48(const void *p)
{
	const u8 *b = p;

	return (u64)get_unaligned_be16(b) << 32 | get_unaligned_be32(b + 2);
}

static inline void put_unaligned_be48(const u64 val, void *p)
{
	u8 *b = p;

	put_unaligned_be16(val >> 32, b);
	put_unaligned_be32(val, b + 2);
}

#pragma pop_macro("__UKMEM_INNER")
#endif
