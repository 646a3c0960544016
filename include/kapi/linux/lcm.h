/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/lcm.h: least common multiple; lcm is 0 if either is 0, lcm_not_zero then gives
 * the other one. */
#ifndef UKMEM_LINUX_LCM_H
#define UKMEM_LINUX_LCM_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/compiler.h>

unsigned long lcm(unsigned long a, unsigned long b) __attribute_const__;
unsigned long lcm_not_zero(unsigned long a, unsigned long b) __attribute_const__;

#pragma pop_macro("__UKMEM_INNER")
#endif
