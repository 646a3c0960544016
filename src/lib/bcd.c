// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/bcd.c: binary-coded decimal of one byte (two digits). */
#include <linux/types.h>
#include <linux/bcd.h>
#include <linux/export.h>

/* 0x59 -> 59. Context: any. */
unsigned _bcd2bin(unsigned char val)
{
	return (val & 0x0f) + (val >> 4) * 10;
}
EXPORT_SYMBOL(_bcd2bin);

/* 59 -> 0x59 (val below 100). Context: any. */
unsigned char _bin2bcd(unsigned val)
{
	return (unsigned char)(((val / 10) << 4) + val % 10);
}
EXPORT_SYMBOL(_bin2bcd);
