// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/hexdump.c: hex_dump_to_buffer() and print_hex_dump() in the kernel's layout: a
 * row of rowsize bytes in groups of groupsize (1, 2, 4 or 8; groups read as native
 * little-endian numbers), then, with ascii, two spaces past the widest row and the bytes
 * as printable characters or '.'. Used by kmemleak's and page poisoning's reports. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/export.h>

static unsigned long long read_group(const unsigned char *p, int groupsize)
{
	unsigned long long v = 0;

	for (int i = groupsize - 1; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

/* Appends c if there is room for it and a terminating NUL. */
static bool put_char(char *linebuf, size_t linebuflen, int *lx, char c)
{
	if (linebuflen < (size_t)*lx + 2)
		return false;
	linebuf[(*lx)++] = c;
	return true;
}

/**
 * hex_dump_to_buffer - one row of a hex dump into a buffer
 * @buf: the bytes
 * @len: how many (at most @rowsize are dumped)
 * @rowsize: 16 or 32 bytes per row (anything else means 16)
 * @groupsize: 1, 2, 4 or 8 bytes per group (anything else, or a @len that is not a
 *	multiple of it, means 1)
 * @linebuf: where the text goes, always NUL-terminated when @linebuflen > 0
 * @linebuflen: its size
 * @ascii: append the bytes as characters, from the column past the widest row
 *
 * Context: any.
 * Return: the length of the text, or, when @linebuflen was too small, the length the
 * whole text would have had (as snprintf() counts), so a caller can tell truncation.
 */
int hex_dump_to_buffer(const void *buf, size_t len, int rowsize, int groupsize,
		       char *linebuf, size_t linebuflen, bool ascii)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *bytes = buf;
	int ngroups, ascii_column, whole, lx = 0;

	if (rowsize != 16 && rowsize != 32)
		rowsize = 16;
	if (len > (size_t)rowsize)
		len = (size_t)rowsize;
	if (groupsize != 1 && groupsize != 2 && groupsize != 4 && groupsize != 8)
		groupsize = 1;
	if (len % (size_t)groupsize)
		groupsize = 1;
	ngroups = (int)len / groupsize;
	ascii_column = rowsize * 2 + rowsize / groupsize + 1;
	whole = ascii ? ascii_column + (int)len : (groupsize * 2 + 1) * ngroups - 1;
	if (!linebuflen)
		return whole;
	if (!len) {
		linebuf[0] = '\0';
		return 0;
	}
	if (groupsize > 1) {
		for (int g = 0; g < ngroups; g++) {
			int n = snprintf(linebuf + lx, linebuflen - (size_t)lx, "%s%0*llx",
					 g ? " " : "", groupsize * 2,
					 read_group(bytes + g * groupsize, groupsize));

			if ((size_t)n >= linebuflen - (size_t)lx)
				return whole;
			lx += n;
		}
	} else {
		for (size_t i = 0; i < len; i++) {
			if (!put_char(linebuf, linebuflen, &lx, hex[bytes[i] >> 4]) ||
			    !put_char(linebuf, linebuflen, &lx, hex[bytes[i] & 15]) ||
			    !put_char(linebuf, linebuflen, &lx, ' '))
				goto overflow;
		}
		lx--;			/* no space after the last byte */
	}
	if (ascii) {
		while (lx < ascii_column)
			if (!put_char(linebuf, linebuflen, &lx, ' '))
				goto overflow;
		for (size_t i = 0; i < len; i++)
			if (!put_char(linebuf, linebuflen, &lx,
				      isascii(bytes[i]) && isprint(bytes[i]) ? (char)bytes[i] : '.'))
				goto overflow;
	}
	linebuf[lx] = '\0';
	return lx;
overflow:
	linebuf[lx] = '\0';
	return whole;
}
EXPORT_SYMBOL(hex_dump_to_buffer);

/**
 * print_hex_dump - print a buffer as hex (and ASCII) lines, as Linux does
 * @level: the printk level (KERN_DEBUG, ...)
 * @prefix_str: printed at the start of every line
 * @prefix_type: DUMP_PREFIX_NONE, DUMP_PREFIX_ADDRESS or DUMP_PREFIX_OFFSET
 * @rowsize: bytes per line, 16 or 32 (other values mean 16)
 * @groupsize: bytes per group: 1, 2, 4 or 8
 * @buf: the data
 * @len: its length
 * @ascii: whether to add the printable characters after the hex
 *
 * Context: any context, as printk().
 */
void print_hex_dump(const char *level, const char *prefix_str, int prefix_type,
		    int rowsize, int groupsize, const void *buf, size_t len, bool ascii)
{
	const unsigned char *bytes = buf;
	char line[32 * 3 + 2 + 32 + 1];

	if (rowsize != 16 && rowsize != 32)
		rowsize = 16;
	for (size_t i = 0; i < len; i += (size_t)rowsize) {
		size_t n = len - i < (size_t)rowsize ? len - i : (size_t)rowsize;

		hex_dump_to_buffer(bytes + i, n, rowsize, groupsize, line, sizeof(line), ascii);
		if (prefix_type == DUMP_PREFIX_ADDRESS)
			printk("%s%s%016lx: %s\n", level, prefix_str,
			       (unsigned long)(bytes + i), line);
		else if (prefix_type == DUMP_PREFIX_OFFSET)
			printk("%s%s%.8zx: %s\n", level, prefix_str, i, line);
		else
			printk("%s%s%s\n", level, prefix_str, line);
	}
}
EXPORT_SYMBOL(print_hex_dump);
