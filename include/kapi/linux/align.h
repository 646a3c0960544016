/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/align.h: rounding addresses and sizes to power-of-two boundaries. */
#ifndef UKMEM_LINUX_ALIGN_H
#define UKMEM_LINUX_ALIGN_H

#include <linux/const.h>	/* the UAPI __ALIGN_KERNEL helpers */
#ifndef ALIGN
#define ALIGN(x, a)		__ALIGN_KERNEL(x, a)
#endif
#define ALIGN_DOWN(x, a)	((x) & ~((typeof(x))(a) - 1))
#define __ALIGN_MASK(x, mask)	__ALIGN_KERNEL_MASK((x), (mask))
#define PTR_ALIGN(p, a)		((typeof(p))ALIGN((unsigned long)(p), (a)))
#define PTR_ALIGN_DOWN(p, a)	((typeof(p))ALIGN_DOWN((unsigned long)(p), (a)))
#define IS_ALIGNED(x, a)	(((x) & ((typeof(x))(a) - 1)) == 0)

#endif
