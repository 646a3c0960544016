// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/string_helpers.c: string_escape_mem (<linux/string_helpers.h>). Each input byte is
 * either passed through or written as an escape, the first rule that applies winning:
 * not in `only` (when given and not ESCAPE_APPEND), a pass-through class (NAP, NP, NA),
 * then the escape classes SPACE, SPECIAL, NULL, OCTAL, HEX; a byte no rule claims passes
 * through. Output stops at osz but the length counts everything, as snprintf's. The
 * character classes are the kernel's: printable is 0x20-0x7e and 0xa0-0xff.
 * string_get_size: sizes as "1.00 MiB", with Linux 6.1's rounding. string_unescape:
 * the reverse of the escapes, with Linux's limits (octal stops at 3 digits or 255). */
#include <string.h>
#include <linux/kernel.h>
#include <linux/string_helpers.h>
#include <linux/export.h>

struct escape_out {
	char *p, *end;
	size_t len;
};

static void out(struct escape_out *o, char c)
{
	if (o->p < o->end)
		*o->p++ = c;
	o->len++;
}

static bool kernel_isprint(unsigned char c)
{
	return (c >= 0x20 && c <= 0x7e) || c >= 0xa0;
}

static char space_letter(unsigned char c)
{
	switch (c) {
	case '\n': return 'n';
	case '\r': return 'r';
	case '\t': return 't';
	case '\v': return 'v';
	case '\f': return 'f';
	default: return 0;
	}
}

static char special_letter(unsigned char c)
{
	switch (c) {
	case '\\': return '\\';
	case '\a': return 'a';
	case '\e': return 'e';
	case '"': return '"';
	default: return 0;
	}
}

static void escape_letter(struct escape_out *o, char letter)
{
	out(o, '\\');
	out(o, letter);
}

/**
 * string_escape_mem - escape @isz bytes of @src into @dst
 * @src: the bytes
 * @isz: how many
 * @dst: output
 * @osz: its size (nothing is written past it; no NUL is added)
 * @flags: ESCAPE_* classes and pass-through rules
 * @only: if non-empty, only these characters are escaped (with ESCAPE_APPEND: these in
 *        addition to the classes)
 *
 * Context: any. Returns the length the escaped text needs.
 */
int string_escape_mem(const char *src, size_t isz, char *dst, size_t osz,
		      unsigned int flags, const char *only)
{
	struct escape_out o = { .p = dst, .end = dst + osz };
	bool is_dict = only && *only, is_append = flags & ESCAPE_APPEND;

	while (isz--) {
		unsigned char c = (unsigned char)*src++;
		bool in_dict = is_dict && strchr(only, c);
		bool keep_class = !(is_append && in_dict);
		static const char digits[] = "0123456789abcdef";

		if (is_dict && !is_append && !in_dict)
			goto pass;
		if (keep_class && (flags & ESCAPE_NAP) && c < 0x80 && kernel_isprint(c))
			goto pass;
		if (keep_class && (flags & ESCAPE_NP) && kernel_isprint(c))
			goto pass;
		if (keep_class && (flags & ESCAPE_NA) && c < 0x80)
			goto pass;
		if ((flags & ESCAPE_SPACE) && space_letter(c)) {
			escape_letter(&o, space_letter(c));
			continue;
		}
		if ((flags & ESCAPE_SPECIAL) && special_letter(c)) {
			escape_letter(&o, special_letter(c));
			continue;
		}
		if ((flags & ESCAPE_NULL) && !c) {
			escape_letter(&o, '0');
			continue;
		}
		if (flags & ESCAPE_OCTAL) {
			out(&o, '\\');
			out(&o, (char)('0' + (c >> 6)));
			out(&o, (char)('0' + ((c >> 3) & 7)));
			out(&o, (char)('0' + (c & 7)));
			continue;
		}
		if (flags & ESCAPE_HEX) {
			escape_letter(&o, 'x');
			out(&o, digits[c >> 4]);
			out(&o, digits[c & 15]);
			continue;
		}
pass:
		out(&o, (char)c);
	}
	return (int)o.len;
}
EXPORT_SYMBOL(string_escape_mem);

/**
 * string_get_size - a size as text with three significant digits
 * @size: number of blocks
 * @blk_size: bytes per block (0 gives "0 B")
 * @units: STRING_UNITS_10 (kB, MB ...) or STRING_UNITS_2 (KiB, MiB ...)
 * @buf: where to write
 * @len: its size (the text is cut to fit, NUL-terminated)
 *
 * Context: any. As Linux 6.1: both factors are first scaled below 2^32 (counting the
 * scalings as powers of the unit), multiplied, and divided down below one unit; the
 * last remainder gives the decimals, rounded half up at the last digit shown, so
 * 1048576 bytes print "1.00 MiB" and 2^63 bytes "8.00 EiB". Beyond YB/YiB: "UNK".
 */
void string_get_size(u64 size, u64 blk_size, enum string_size_units units, char *buf,
		     int len)
{
	static const char *const names[2][9] = {
		[STRING_UNITS_10] = { "B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB" },
		[STRING_UNITS_2] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB" },
	};
	/* Half a unit of the last decimal shown, for 0, 1 or 2 integer digits. */
	static const unsigned int half_digit[] = { 500, 50, 5 };
	const unsigned int base = units == STRING_UNITS_2 ? 1024 : 1000;
	unsigned int power = 0, decimals = 0;
	u32 rest = 0;
	char frac[8] = "";

	if (!blk_size)
		size = 0;
	if (size) {
		for (; blk_size >> 32; power++)
			blk_size /= base;
		for (; size >> 32; power++)
			size /= base;
		size *= blk_size;
		for (; size >= base; power++) {
			rest = (u32)(size % base);
			size /= base;
		}
		/* 1 integer digit: 2 decimals, 2 digits: 1, 3 digits: none. */
		for (u32 v = (u32)size; v * 10 < 1000; v *= 10)
			decimals++;
		if (units == STRING_UNITS_2)
			rest = (rest * 1000) >> 10;	/* 1/1024ths to 1/1000ths */
		rest += half_digit[decimals];
		if (rest >= 1000) {
			rest -= 1000;
			size++;
		}
		if (decimals) {
			snprintf(frac, sizeof(frac), ".%03u", rest);
			frac[decimals + 1] = '\0';
		}
	}
	snprintf(buf, len, "%u%s %s", (u32)size, frac,
		 power < ARRAY_SIZE(names[0]) ? names[units][power] : "UNK");
}
EXPORT_SYMBOL(string_get_size);

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The letter escapes of the classes in flags (the classes share no letter, so their
 * order does not matter): the byte meant, or -1. */
static int letter_escape(char c, unsigned int flags)
{
	if (flags & UNESCAPE_SPACE) {
		switch (c) {
		case 'n': return '\n';
		case 'r': return '\r';
		case 't': return '\t';
		case 'v': return '\v';
		case 'f': return '\f';
		}
	}
	if (flags & UNESCAPE_SPECIAL) {
		switch (c) {
		case '"': return '"';
		case '\\': return '\\';
		case 'a': return '\a';
		case 'e': return 0x1b;
		}
	}
	return -1;
}

/* One escape after a backslash at *src; false (nothing consumed) if it is not one of
 * the classes in flags. */
static bool unescape_one(const char **src, char **dst, unsigned int flags)
{
	const char *q = *src;
	int value = letter_escape(*q, flags);

	if (value >= 0) {
		q++;
	} else if ((flags & UNESCAPE_OCTAL) && *q >= '0' && *q <= '7') {
		const char *start = q;

		value = *q++ - '0';
		while (value < 32 && *q >= '0' && *q <= '7' && q - start < 3)
			value = (value << 3) | (*q++ - '0');
	} else if ((flags & UNESCAPE_HEX) && *q == 'x' && hex_digit(q[1]) >= 0) {
		value = hex_digit(q[1]);
		q += 2;
		if (hex_digit(*q) >= 0)
			value = (value << 4) | hex_digit(*q++);
	} else {
		return false;
	}
	*(*dst)++ = (char)value;
	*src = q;
	return true;
}

/**
 * string_unescape - turn C escapes back into bytes
 * @src: the text (NUL-terminated)
 * @dst: where to write (may be @src)
 * @size: room at @dst including the NUL; 0 for no limit
 * @flags: UNESCAPE_* classes to decode; other escapes are copied unchanged
 *
 * Context: any. Return: bytes written, not counting the NUL (always written).
 */
int string_unescape(char *src, char *dst, size_t size, unsigned int flags)
{
	const char *in = src;
	char *out = dst;

	while (*in && --size) {
		if (in[0] == '\\' && in[1] && size > 1) {
			in++;
			size--;
			if (unescape_one(&in, &out, flags))
				continue;
			*out++ = '\\';
		}
		*out++ = *in++;
	}
	*out = '\0';
	return (int)(out - dst);
}
EXPORT_SYMBOL(string_unescape);
