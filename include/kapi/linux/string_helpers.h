/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/string_helpers.h: escaping bytes for display (string_escape_mem and the ESCAPE_*
 * classes that seq_escape() uses). The escape writes at most osz bytes and returns the
 * length the whole escaped text needs, as snprintf does, so a result >= osz means it was
 * cut. lib/string_helpers.c holds the function. */
#ifndef UKMEM_LINUX_STRING_HELPERS_H
#define UKMEM_LINUX_STRING_HELPERS_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/bits.h>
#include <linux/string.h>
#include <linux/types.h>

#define ESCAPE_SPACE		BIT(0)	/* \f \n \r \t \v */
#define ESCAPE_SPECIAL		BIT(1)	/* \\ \a \e \" */
#define ESCAPE_NULL		BIT(2)	/* \0 */
#define ESCAPE_OCTAL		BIT(3)	/* \NNN */
#define ESCAPE_ANY		(ESCAPE_SPACE | ESCAPE_OCTAL | ESCAPE_SPECIAL | ESCAPE_NULL)
#define ESCAPE_NP		BIT(4)	/* leave printable characters alone */
#define ESCAPE_ANY_NP		(ESCAPE_ANY | ESCAPE_NP)
#define ESCAPE_HEX		BIT(5)	/* \xHH */
#define ESCAPE_NA		BIT(6)	/* leave ASCII alone */
#define ESCAPE_NAP		BIT(7)	/* leave printable ASCII alone */
#define ESCAPE_APPEND		BIT(8)	/* only: characters escaped in addition */
#define ESCAPE_ALL_MASK		GENMASK(8, 0)

/* string_get_size: a size as text with three significant digits ("1.00 MiB",
 * "9.54 GiB", "100 kB"), rounded as Linux 6.1 rounds it. */
enum string_size_units {
	STRING_UNITS_10,	/* powers of 1000: kB, MB ... */
	STRING_UNITS_2,		/* powers of 1024: KiB, MiB ... */
};

void string_get_size(u64 size, u64 blk_size, enum string_size_units units, char *buf,
		     int len);

/* string_unescape: C escapes back to bytes, the classes chosen by flags; an escape of
 * no chosen class is copied as it is. size 0 means no limit (the in-place forms). */
#define UNESCAPE_SPACE		BIT(0)	/* \n \r \t \v \f */
#define UNESCAPE_OCTAL		BIT(1)	/* \NNN, at most 3 digits and 255 */
#define UNESCAPE_HEX		BIT(2)	/* \xH or \xHH */
#define UNESCAPE_SPECIAL	BIT(3)	/* \" \\ \a \e */
#define UNESCAPE_ANY		\
	(UNESCAPE_SPACE | UNESCAPE_OCTAL | UNESCAPE_HEX | UNESCAPE_SPECIAL)
#define UNESCAPE_ALL_MASK	GENMASK(3, 0)

int string_unescape(char *src, char *dst, size_t size, unsigned int flags);

static inline int string_unescape_inplace(char *buf, unsigned int flags)
{
	return string_unescape(buf, buf, 0, flags);
}

static inline int string_unescape_any(char *src, char *dst, size_t size)
{
	return string_unescape(src, dst, size, UNESCAPE_ANY);
}

static inline int string_unescape_any_inplace(char *buf)
{
	return string_unescape_any(buf, buf, 0);
}

/* string_upper/string_lower copy src with letters converted as the kernel's ctype
 * converts them: ASCII and the Latin-1 letters (0xc0-0xfe without 0xd7/0xf7; 0xdf and
 * 0xff count as lower case). dst gets the NUL too. */
static inline unsigned char __ukmem_latin1_case(unsigned char c, bool to_upper)
{
	bool upper = (c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7);
	bool lower = (c >= 'a' && c <= 'z') || (c >= 0xdf && c != 0xf7);

	if (to_upper && lower)
		return c - ('a' - 'A');
	if (!to_upper && upper)
		return c + ('a' - 'A');
	return c;
}

static inline void string_upper(char *dst, const char *src)
{
	do {
		*dst++ = (char)__ukmem_latin1_case((unsigned char)*src, true);
	} while (*src++);
}

static inline void string_lower(char *dst, const char *src)
{
	do {
		*dst++ = (char)__ukmem_latin1_case((unsigned char)*src, false);
	} while (*src++);
}

int string_escape_mem(const char *src, size_t isz, char *dst, size_t osz,
		      unsigned int flags, const char *only);

static inline int string_escape_mem_any_np(const char *src, size_t isz, char *dst,
					   size_t osz, const char *only)
{
	return string_escape_mem(src, isz, dst, osz, ESCAPE_ANY_NP, only);
}
static inline int string_escape_str(const char *src, char *dst, size_t sz,
				    unsigned int flags, const char *only)
{
	return string_escape_mem(src, strlen(src), dst, sz, flags, only);
}
static inline int string_escape_str_any_np(const char *src, char *dst, size_t sz,
					   const char *only)
{
	return string_escape_str(src, dst, sz, ESCAPE_ANY_NP, only);
}

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/string_helpers.h> brings with it, once this header is complete. */
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/byteorder/little_endian.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/jump_label.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/overflow.h>
#endif
#endif
