/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/average.h: exponentially weighted moving averages. DECLARE_EWMA(name,
 * precision, weight_rcp) makes struct ewma_<name> with _init, _add and _read: each
 * sample moves the average by 1/weight_rcp of the difference (weight_rcp a power of
 * two), kept with precision fractional bits (at most 30). */
#ifndef UKMEM_LINUX_AVERAGE_H
#define UKMEM_LINUX_AVERAGE_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/bug.h>
#include <linux/compiler.h>
#include <linux/log2.h>

#define DECLARE_EWMA(name, _precision, _weight_rcp)				\
	struct ewma_##name {							\
		unsigned long internal;						\
	};									\
	static inline void ewma_##name##_init(struct ewma_##name *e)		\
	{									\
		BUILD_BUG_ON(!__builtin_constant_p(_precision));		\
		BUILD_BUG_ON(!__builtin_constant_p(_weight_rcp));		\
		BUILD_BUG_ON((_precision) > 30);				\
		BUILD_BUG_ON_NOT_POWER_OF_2(_weight_rcp);			\
		e->internal = 0;						\
	}									\
	static inline unsigned long ewma_##name##_read(struct ewma_##name *e)	\
	{									\
		return e->internal >> (_precision);				\
	}									\
	static inline void ewma_##name##_add(struct ewma_##name *e,		\
					     unsigned long val)			\
	{									\
		unsigned long cur = READ_ONCE(e->internal);			\
		unsigned long shift = ilog2(_weight_rcp);			\
		unsigned long scaled = val << (_precision);			\
										\
		/* The first sample is taken whole. */				\
		WRITE_ONCE(e->internal, cur ?					\
			   (((cur << shift) - cur) + scaled) >> shift : scaled);\
	}

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/average.h> brings with it, once this header is complete. */
#include <asm/barrier.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#endif
#endif
