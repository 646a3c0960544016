// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/bcd.c: binary-coded decimal of one byte (two digits). */
#include <linux/types.h>
#include <linux/bcd.h>
#include <linux/export.h>

/**
 * _bcd2bin - convert a packed BCD byte to binary
 * @val: the BCD byte (two decimal digits)
 *
 * What bcd2bin() calls for a value not known at compile time.
 *
 * Context: any context.
 * Return: the value, 0 to 99 for valid BCD.
 */
unsigned _bcd2bin(unsigned char val)
{
	return (val & 0x0f) + (val >> 4) * 10;
}
EXPORT_SYMBOL(_bcd2bin);

/**
 * _bin2bcd - convert a number below 100 to a packed BCD byte
 * @val: the number
 *
 * Context: any context.
 * Return: the BCD byte.
 */
unsigned char _bin2bcd(unsigned val)
{
	return (unsigned char)(((val / 10) << 4) + val % 10);
}
EXPORT_SYMBOL(_bin2bcd);
