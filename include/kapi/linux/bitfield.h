/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/bitfield.h: register fields described by a contiguous mask. FIELD_PREP puts a
 * value into the field, FIELD_GET takes it out, FIELD_FIT says whether a value fits,
 * FIELD_MAX is the largest that does. With a constant mask the kernel's compile-time
 * checks apply (mask constant, non-zero, contiguous; a constant value that fits; a
 * register type wide enough), as errors of the build. The *_encode_bits / *_get_bits /
 * *_replace_bits helpers do the same for u8..u64 and little/big-endian types. */
#ifndef UKMEM_LINUX_BITFIELD_H
#define UKMEM_LINUX_BITFIELD_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/bug.h>
#include <linux/bitops.h>
#include <asm/byteorder.h>

#define __bf_shf __builtin_ctzll

#define __scalar_type_to_unsigned_cases(type)				\
		unsigned type:	(unsigned type)0,			\
		signed type:	(unsigned type)0
#define __unsigned_scalar_typeof(x) typeof(				\
		_Generic((x),						\
			char:	(unsigned char)0,			\
			__scalar_type_to_unsigned_cases(char),		\
			__scalar_type_to_unsigned_cases(short),		\
			__scalar_type_to_unsigned_cases(int),		\
			__scalar_type_to_unsigned_cases(long),		\
			__scalar_type_to_unsigned_cases(long long),	\
			default: (x)))
#define __bf_cast_unsigned(type, x)	((__unsigned_scalar_typeof(type))(x))

/* A contiguous mask plus its lowest bit is a power of two (or zero at bit 63). */
#define __BF_FIELD_CHECK_MASK(_mask, _val, _pfx)			\
	({								\
		compiletime_assert(__builtin_constant_p(_mask),		\
				   _pfx "mask is not constant");	\
		compiletime_assert((_mask) != 0, _pfx "mask is zero");	\
		compiletime_assert(!(__builtin_constant_p(_val) ?	\
				     ~((_mask) >> __bf_shf(_mask)) & (_val) : 0), \
				   _pfx "value too large for the field"); \
		compiletime_assert(!((((_mask) + (1ULL << __bf_shf(_mask))) & \
				      ((_mask) + (1ULL << __bf_shf(_mask)) - 1)) != 0), \
				   _pfx "mask is not contiguous");	\
	})
#define __BF_FIELD_CHECK_REG(mask, reg, pfx)				\
	compiletime_assert(!(__bf_cast_unsigned(mask, mask) >		\
			     __bf_cast_unsigned(reg, ~0ull)),		\
			   pfx "type of reg too small for mask")
#define __BF_FIELD_CHECK(mask, reg, val, pfx)				\
	({								\
		__BF_FIELD_CHECK_MASK(mask, val, pfx);			\
		__BF_FIELD_CHECK_REG(mask, reg, pfx);			\
	})

#define __FIELD_PREP(mask, val, pfx)					\
	({								\
		__BF_FIELD_CHECK_MASK(mask, val, pfx);			\
		((typeof(mask))(val) << __bf_shf(mask)) & (mask);	\
	})
#define __FIELD_GET(mask, reg, pfx)					\
	({								\
		__BF_FIELD_CHECK_MASK(mask, 0U, pfx);			\
		(typeof(mask))(((reg) & (mask)) >> __bf_shf(mask));	\
	})

#define FIELD_MAX(_mask)						\
	({								\
		__BF_FIELD_CHECK(_mask, 0ULL, 0ULL, "FIELD_MAX: ");	\
		(typeof(_mask))((_mask) >> __bf_shf(_mask));		\
	})
#define FIELD_FIT(_mask, _val)						\
	({								\
		__BF_FIELD_CHECK(_mask, 0ULL, 0ULL, "FIELD_FIT: ");	\
		!((((typeof(_mask))_val) << __bf_shf(_mask)) & ~(_mask)); \
	})
#define FIELD_PREP(_mask, _val)						\
	({								\
		__BF_FIELD_CHECK_REG(_mask, 0ULL, "FIELD_PREP: ");	\
		__FIELD_PREP(_mask, _val, "FIELD_PREP: ");		\
	})
#define FIELD_GET(_mask, _reg)						\
	({								\
		__BF_FIELD_CHECK_REG(_mask, _reg, "FIELD_GET: ");	\
		__FIELD_GET(_mask, _reg, "FIELD_GET: ");		\
	})

extern void __compiletime_error("value doesn't fit into mask") __field_overflow(void);
extern void __compiletime_error("bad bitfield mask") __bad_mask(void);

/* The field's lowest bit (the multiplier that shifts a value into place). */
static __always_inline u64 field_multiplier(u64 field)
{
	u64 filled = field | (field - 1);

	if (filled & (filled + 1))
		__bad_mask();
	return field & -field;
}

static __always_inline u64 field_mask(u64 field)
{
	return field / field_multiplier(field);
}

#define field_max(field)	((typeof(field))field_mask(field))

#define __ukmem_bf_ops(type, base, to, from)					\
static __always_inline __##type type##_encode_bits(base v, base field)		\
{										\
	if (__builtin_constant_p(v) && (v & ~field_mask(field)))		\
		__field_overflow();						\
	return to((base)((v & field_mask(field)) * field_multiplier(field)));	\
}										\
static __always_inline __##type type##_replace_bits(__##type old, base val,	\
						     base field)		\
{										\
	return (old & ~to(field)) | type##_encode_bits(val, field);		\
}										\
static __always_inline void type##p_replace_bits(__##type *p, base val,	\
						 base field)			\
{										\
	*p = (*p & ~to(field)) | type##_encode_bits(val, field);		\
}										\
static __always_inline base type##_get_bits(__##type v, base field)		\
{										\
	return (base)((from(v) & field) / field_multiplier(field));		\
}
#define __ukmem_bf_ops_sized(size)						\
	__ukmem_bf_ops(le##size, u##size, __cpu_to_le##size, __le##size##_to_cpu) \
	__ukmem_bf_ops(be##size, u##size, __cpu_to_be##size, __be##size##_to_cpu) \
	__ukmem_bf_ops(u##size, u##size, , )
__ukmem_bf_ops(u8, u8, , )
__ukmem_bf_ops_sized(16)
__ukmem_bf_ops_sized(32)
__ukmem_bf_ops_sized(64)
#undef __ukmem_bf_ops_sized
#undef __ukmem_bf_ops

#pragma pop_macro("__UKMEM_INNER")
#endif
