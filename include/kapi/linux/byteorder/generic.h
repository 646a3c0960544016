/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/byteorder/generic.h: the kernel's byte-order names over the UAPI's __ forms.
 * cpu_to_le32(x) is x on x86-64; cpu_to_be32(x) swaps. The _p forms read through a
 * pointer, the _s forms convert in place, the _add_cpu forms add a CPU-order value to a
 * fixed-order field, the _array forms convert arrays in place. Included through
 * <asm/byteorder.h> -> <linux/byteorder/little_endian.h>, as in Linux. */
#ifndef UKMEM_LINUX_BYTEORDER_GENERIC_H
#define UKMEM_LINUX_BYTEORDER_GENERIC_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <asm/byteorder.h>

#define cpu_to_le64 __cpu_to_le64
#define le64_to_cpu __le64_to_cpu
#define cpu_to_le32 __cpu_to_le32
#define le32_to_cpu __le32_to_cpu
#define cpu_to_le16 __cpu_to_le16
#define le16_to_cpu __le16_to_cpu
#define cpu_to_be64 __cpu_to_be64
#define be64_to_cpu __be64_to_cpu
#define cpu_to_be32 __cpu_to_be32
#define be32_to_cpu __be32_to_cpu
#define cpu_to_be16 __cpu_to_be16
#define be16_to_cpu __be16_to_cpu
#define cpu_to_le64p __cpu_to_le64p
#define le64_to_cpup __le64_to_cpup
#define cpu_to_le32p __cpu_to_le32p
#define le32_to_cpup __le32_to_cpup
#define cpu_to_le16p __cpu_to_le16p
#define le16_to_cpup __le16_to_cpup
#define cpu_to_be64p __cpu_to_be64p
#define be64_to_cpup __be64_to_cpup
#define cpu_to_be32p __cpu_to_be32p
#define be32_to_cpup __be32_to_cpup
#define cpu_to_be16p __cpu_to_be16p
#define be16_to_cpup __be16_to_cpup
#define cpu_to_le64s __cpu_to_le64s
#define le64_to_cpus __le64_to_cpus
#define cpu_to_le32s __cpu_to_le32s
#define le32_to_cpus __le32_to_cpus
#define cpu_to_le16s __cpu_to_le16s
#define le16_to_cpus __le16_to_cpus
#define cpu_to_be64s __cpu_to_be64s
#define be64_to_cpus __be64_to_cpus
#define cpu_to_be32s __cpu_to_be32s
#define be32_to_cpus __be32_to_cpus
#define cpu_to_be16s __cpu_to_be16s
#define be16_to_cpus __be16_to_cpus

/* Network order is big-endian. (Outside kernel builds, libc's <arpa/inet.h> owns these.) */
#ifdef __KERNEL__
#define ___htonl(x) __cpu_to_be32(x)
#define ___htons(x) __cpu_to_be16(x)
#define ___ntohl(x) __be32_to_cpu(x)
#define ___ntohs(x) __be16_to_cpu(x)
#define htonl(x) ___htonl(x)
#define ntohl(x) ___ntohl(x)
#define htons(x) ___htons(x)
#define ntohs(x) ___ntohs(x)
#endif

/* field += val, the field kept in its own byte order. */
#define __ukmem_add_cpu(order, bits)						\
static inline void order##bits##_add_cpu(__##order##bits *var, u##bits val)	\
{										\
	*var = cpu_to_##order##bits(order##bits##_to_cpu(*var) + val);	\
}
__ukmem_add_cpu(le, 16)
__ukmem_add_cpu(le, 32)
__ukmem_add_cpu(le, 64)
__ukmem_add_cpu(be, 16)
__ukmem_add_cpu(be, 32)
__ukmem_add_cpu(be, 64)
#undef __ukmem_add_cpu

/* In-place conversion of @words 32-bit values. */
static inline void le32_to_cpu_array(u32 *buf, unsigned int words)
{
	for (; words; words--, buf++)
		le32_to_cpus(buf);
}

static inline void cpu_to_le32_array(u32 *buf, unsigned int words)
{
	for (; words; words--, buf++)
		cpu_to_le32s(buf);
}

static inline void cpu_to_be32_array(__be32 *dst, const u32 *src, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		dst[i] = cpu_to_be32(src[i]);
}

static inline void be32_to_cpu_array(u32 *dst, const __be32 *src, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		dst[i] = be32_to_cpu(src[i]);
}

#pragma pop_macro("__UKMEM_INNER")
#endif
