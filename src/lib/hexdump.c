/* lib/hexdump.c: hex_dump_to_buffer() and print_hex_dump() in the kernel's layout: a
 * row of rowsize bytes in groups of groupsize (1, 2, 4 or 8; groups read as native
 * little-endian numbers), then, with ascii, two spaces past the widest row and the bytes
 * as printable characters or '.'. Used by kmemleak's and page poisoning's reports. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <linux/printk.h>

static unsigned long long read_group(const unsigned char *p, int groupsize)
{
	unsigned long long v = 0;

	for (int i = groupsize - 1; i >= 0; i--)
		v = (v << 8) | p[i];
	return v;
}

int hex_dump_to_buffer(const void *buf, size_t len, int rowsize, int groupsize,
		       char *linebuf, size_t linebuflen, bool ascii)
{
	const unsigned char *bytes = buf;
	int ngroups, ascii_column, lx = 0;

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
	linebuf[0] = '\0';
	for (int g = 0; g < ngroups; g++)
		lx += snprintf(linebuf + lx, linebuflen - (size_t)lx, "%s%0*llx", g ? " " : "",
			       groupsize * 2, read_group(bytes + g * groupsize, groupsize));
	if (!ascii)
		return lx;
	while (lx < ascii_column && (size_t)lx + 1 < linebuflen)
		linebuf[lx++] = ' ';
	for (size_t i = 0; i < len && (size_t)lx + 1 < linebuflen; i++)
		linebuf[lx++] = isascii(bytes[i]) && isprint(bytes[i]) ? (char)bytes[i] : '.';
	linebuf[lx] = '\0';
	return lx;
}

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
