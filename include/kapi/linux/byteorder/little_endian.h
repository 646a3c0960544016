/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/byteorder/little_endian.h: x86-64 is little-endian. The UAPI half (__cpu_to_le32
 * and friends, from the host's linux-libc-dev, which is 6.1's include/uapi) is taken as it
 * is; the kernel's names (cpu_to_le32, be16_to_cpup, le32_add_cpu ...) come from
 * <linux/byteorder/generic.h>. */
#ifndef UKMEM_LINUX_BYTEORDER_LITTLE_ENDIAN_H
#define UKMEM_LINUX_BYTEORDER_LITTLE_ENDIAN_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include_next <linux/byteorder/little_endian.h>
#include <linux/byteorder/generic.h>

#pragma pop_macro("__UKMEM_INNER")

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/byteorder/little_endian.h> brings with it, once this header is complete. */
#include <linux/compiler.h>
#endif
#endif
