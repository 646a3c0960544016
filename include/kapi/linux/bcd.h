/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/bcd.h: binary-coded decimal, as RTC and other device registers hold numbers
 * (0x59 is 59). Constants convert at compile time. */
#ifndef UKMEM_LINUX_BCD_H
#define UKMEM_LINUX_BCD_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/compiler.h>

#define bcd2bin(x)	(__builtin_constant_p((u8)(x)) ? const_bcd2bin(x) : _bcd2bin(x))
#define bin2bcd(x)	(__builtin_constant_p((u8)(x)) ? const_bin2bcd(x) : _bin2bcd(x))
#define const_bcd2bin(x)	(((x) & 0x0f) + ((x) >> 4) * 10)
#define const_bin2bcd(x)	((((x) / 10) << 4) + (x) % 10)

unsigned _bcd2bin(unsigned char val) __attribute_const__;
unsigned char _bin2bcd(unsigned val) __attribute_const__;

#pragma pop_macro("__UKMEM_INNER")
#endif
