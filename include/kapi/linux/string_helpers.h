/* linux/string_helpers.h: escaping bytes for display (string_escape_mem and the ESCAPE_*
 * classes that seq_escape() uses). The escape writes at most osz bytes and returns the
 * length the whole escaped text needs, as snprintf does, so a result >= osz means it was
 * cut. lib/string_helpers.c holds the function. */
#ifndef UKMEM_LINUX_STRING_HELPERS_H
#define UKMEM_LINUX_STRING_HELPERS_H

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

#endif
