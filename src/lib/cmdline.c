// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/cmdline.c: pieces of option strings as the kernel parses them -- numbers with
 * size suffixes (memparse), comma-separated integer lists with ranges (get_option,
 * get_options) and "word in a comma list" (parse_option_str). None of them sleeps. */
#include <string.h>
#include <linux/kernel.h>
#include <linux/export.h>

/**
 * memparse - a size with an optional K/M/G/T/P/E suffix (either case, powers of 1024)
 * @ptr: the text: a number in any C base ("0x1000", "256M")
 * @retptr: set past what was read (suffix included), if not NULL
 *
 * Context: any context.
 * Return: the size in bytes.
 */
unsigned long long memparse(const char *ptr, char **retptr)
{
	char *end;
	unsigned long long v = simple_strtoull(ptr, &end, 0);
	int shift = 0;

	switch (*end | 0x20) {
	case 'e': shift += 10; fallthrough;
	case 'p': shift += 10; fallthrough;
	case 't': shift += 10; fallthrough;
	case 'g': shift += 10; fallthrough;
	case 'm': shift += 10; fallthrough;
	case 'k': shift += 10; end++; break;
	default: break;
	}
	if (retptr)
		*retptr = end;
	return v << shift;
}
EXPORT_SYMBOL(memparse);

/**
 * get_option - the next integer of a comma list
 * @str: the text; advanced past the number (and its comma)
 * @pint: where the number goes, if not NULL
 *
 * Context: any context.
 * Return: 0 no number, 1 a number ending the list, 2 a number followed by a comma,
 * 3 the start of a range ("lo-hi"; *str then points at the '-').
 */
int get_option(char **str, int *pint)
{
	char *start = *str, *digits = start;
	int v;

	if (!start || !*start)
		return 0;
	if (*digits == '-')
		digits++;
	v = (int)simple_strtoull(digits, str, 0);
	if (digits != start)
		v = -v;
	if (pint)
		*pint = v;
	if (*str == digits)
		return 0;
	if (**str == ',') {
		(*str)++;
		return 2;
	}
	return **str == '-' ? 3 : 1;
}
EXPORT_SYMBOL(get_option);

/**
 * get_options - a comma list of integers and ranges into an array
 * @str: the text ("1,3-5,9")
 * @nints: size of @ints; 0 only counts the numbers (into ints[0])
 * @ints: ints[0] receives the count, the numbers follow
 *
 * Context: any context.
 * Return: where parsing stopped.
 */
char *get_options(const char *str, int nints, int *ints)
{
	bool count_only = nints == 0;
	char *s = (char *)str;
	int i = 1;

	while (count_only || i < nints) {
		int *slot = count_only ? ints : ints + i;
		int kind = get_option(&s, slot);

		if (kind == 0)
			break;
		if (kind == 3) {	/* "lo-hi": lo..hi-1 here, hi in the next round */
			int lo = *slot, hi = (int)simple_strtol(++s, NULL, 0);
			int room = count_only ? 0 : nints - i;

			if (hi < lo)
				break;
			for (int x = lo; room && x < hi; x++, room--)
				*slot++ = x;
			i += hi - lo - 1;
		}
		i++;
		if (kind == 1)
			break;
	}
	ints[0] = i - 1;
	return s;
}
EXPORT_SYMBOL(get_options);

/* parse_option_str - whether @option is one of the comma-separated words of @str. */
bool parse_option_str(const char *str, const char *option)
{
	size_t n = strlen(option);

	while (*str) {
		if (!strncmp(str, option, n) && (!str[n] || str[n] == ','))
			return true;
		str += strcspn(str, ",");
		if (*str == ',')
			str++;
	}
	return false;
}
