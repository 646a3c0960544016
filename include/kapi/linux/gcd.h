/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/gcd.h: greatest common divisor (gcd(0, 0) is 0). */
#ifndef UKMEM_LINUX_GCD_H
#define UKMEM_LINUX_GCD_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/compiler.h>

unsigned long gcd(unsigned long a, unsigned long b) __attribute_const__;

#pragma pop_macro("__UKMEM_INNER")
#endif
