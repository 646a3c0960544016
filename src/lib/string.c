// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/string.c: the kernel's string functions that C's library lacks (strlcpy, strnstr,
 * strim, match_string, memset16...). The ones C has (memcpy, strlen, ...) are the
 * process's libc, with the same semantics. Pure functions: no locks, no allocation
 * except argv_split. */
#include <ctype.h>
#include <string.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/kernel.h>
#include <linux/export.h>

/**
 * strlcpy - copy a C string into a sized buffer
 * @dest: where to copy the string to
 * @src: where to copy the string from
 * @size: size of destination buffer
 *
 * Context: any. Copies at most @size - 1 bytes and terminates @dest when @size > 0.
 * Return: strlen(@src), so a return >= @size means the copy was cut.
 */
size_t strlcpy(char *dest, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len >= size ? size - 1 : len;

		memcpy(dest, src, n);
		dest[n] = '\0';
	}
	return len;
}
EXPORT_SYMBOL(strlcpy);

/**
 * strlcat - append a C string to a sized buffer
 * @dest: the string to append to
 * @src: the string to append
 * @count: size of the destination buffer
 *
 * Context: any. @dest must be terminated within @count bytes (the kernel BUGs
 * otherwise; ukmem returns @count + strlen(@src) and changes nothing).
 * Return: the length of the string it tried to create.
 */
size_t strlcat(char *dest, const char *src, size_t count)
{
	size_t dlen = strnlen(dest, count), slen = strlen(src);

	if (dlen == count)
		return count + slen;
	size_t n = slen >= count - dlen ? count - dlen - 1 : slen;

	memcpy(dest + dlen, src, n);
	dest[dlen + n] = '\0';
	return dlen + slen;
}
EXPORT_SYMBOL(strlcat);

/**
 * strnchr - the first @c in the first @count bytes of @s (stops at its end), or NULL
 * @s: the string
 * @count: the most bytes to look at
 * @c: the character
 *
 * Context: any context.
 */
char *strnchr(const char *s, size_t count, int c)
{
	for (; count-- && *s; s++)
		if (*s == (char)c)
			return (char *)s;
	return NULL;
}
EXPORT_SYMBOL(strnchr);

/**
 * strnstr - the first @needle inside the first @len bytes of @haystack, or NULL
 * @haystack: the string to search
 * @needle: the string to find
 * @len: the most bytes of @haystack to look at
 *
 * Context: any context.
 */
char *strnstr(const char *haystack, const char *needle, size_t len)
{
	size_t nlen = strlen(needle);

	if (!nlen)
		return (char *)haystack;
	for (; len >= nlen; haystack++, len--)
		if (!memcmp(haystack, needle, nlen))
			return (char *)haystack;
	return NULL;
}
EXPORT_SYMBOL(strnstr);

/**
 * skip_spaces - @str past its leading white space
 * @str: the string
 *
 * Context: any context.
 */
char *skip_spaces(const char *str)
{
	while (isspace((unsigned char)*str))
		str++;
	return (char *)str;
}
EXPORT_SYMBOL(skip_spaces);

/**
 * strim - cut white space from both ends of a string
 * @s: the string, changed in place (its trailing spaces become NUL bytes)
 *
 * Context: any context.
 * Return: the first non-space character of @s.
 */
char *strim(char *s)
{
	size_t len = strlen(s);

	while (len && isspace((unsigned char)s[len - 1]))
		s[--len] = '\0';
	return skip_spaces(s);
}
EXPORT_SYMBOL(strim);

/**
 * memscan - the first byte @c in @addr[0..@size), or @addr + @size when none is
 * @addr: the memory
 * @c: the byte
 * @size: its length
 *
 * Context: any context.
 */
void *memscan(void *addr, int c, size_t size)
{
	unsigned char *p = addr;

	while (size && *p != (unsigned char)c)
		p++, size--;
	return p;
}
EXPORT_SYMBOL(memscan);

/**
 * strreplace - replace every @old in @s by @new; returns the end of @s
 * @s: the string, changed in place
 * @old: the character to replace
 * @new: its replacement
 *
 * Context: any context.
 */
char *strreplace(char *s, char old, char new)
{
	for (; *s; s++)
		if (*s == old)
			*s = new;
	return s;
}
EXPORT_SYMBOL(strreplace);

/**
 * match_string - the index of @string in @array
 * @array: strings; a NULL entry ends the array early
 * @n: number of entries, or -1 for a NULL-terminated array
 * @string: the string to look for
 *
 * Context: any context.
 * Return: the index, or -EINVAL when absent.
 */
int match_string(const char * const *array, size_t n, const char *string)
{
	for (size_t i = 0; i < n && array[i]; i++)
		if (!strcmp(array[i], string))
			return (int)i;
	return -EINVAL;
}
EXPORT_SYMBOL(match_string);

/**
 * __sysfs_match_string - match_string() with sysfs_streq() (a trailing newline ignored)
 * @array: strings; NULL entries are skipped
 * @n: number of entries
 * @s: the string, from a sysfs write
 *
 * Context: any context.
 * Return: the index, or -EINVAL when absent.
 */
int __sysfs_match_string(const char * const *array, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++) {
		if (!array[i])
			continue;
		if (sysfs_streq(array[i], s))
			return (int)i;
	}
	return -EINVAL;
}
EXPORT_SYMBOL(__sysfs_match_string);

#define UKMEM_MEMSET_N(bits)							\
void *memset##bits(u##bits *s, u##bits v, size_t count)			\
{										\
	for (size_t i = 0; i < count; i++)					\
		s[i] = v;							\
	return s;								\
}
/**
 * memset16 - fill @count 16-bit words with @v
 * @s: the first word
 * @v: the value
 * @count: how many words (not bytes)
 *
 * Context: any context.
 * Return: @s.
 */
/**
 * memset32 - fill @count 32-bit words with @v
 * @s: the first word
 * @v: the value
 * @count: how many words (not bytes)
 *
 * Context: any context.
 * Return: @s.
 */
/**
 * memset64 - fill @count 64-bit words with @v
 * @s: the first word
 * @v: the value
 * @count: how many words (not bytes)
 *
 * Context: any context.
 * Return: @s.
 */
UKMEM_MEMSET_N(16)
UKMEM_MEMSET_N(32)
UKMEM_MEMSET_N(64)

/**
 * argv_split - split a string at white space into a kmalloc'd argument vector
 * @gfp: allocation flags
 * @str: the string
 * @argcp: if not NULL, receives the number of arguments
 *
 * Context: may sleep if @gfp allows. Free the result with argv_free().
 * Return: a NULL-terminated vector, or NULL when out of memory.
 */
char **argv_split(gfp_t gfp, const char *str, int *argcp)
{
	int argc = 0;
	const char *p = skip_spaces(str);

	for (const char *q = p; *q; ) {
		argc++;
		while (*q && !isspace((unsigned char)*q))
			q++;
		q = skip_spaces(q);
	}
	size_t len = strlen(p) + 1;
	char **argv = kmalloc((argc + 1) * sizeof(char *) + len, gfp);

	if (!argv)
		return NULL;
	char *buf = (char *)(argv + argc + 1);

	memcpy(buf, p, len);
	for (int i = 0; i < argc; i++) {
		argv[i] = buf;
		while (*buf && !isspace((unsigned char)*buf))
			buf++;
		if (*buf)
			*buf++ = '\0';
		buf = skip_spaces(buf);
	}
	argv[argc] = NULL;
	if (argcp)
		*argcp = argc;
	return argv;
}
EXPORT_SYMBOL(argv_split);

/**
 * argv_free - free a vector from argv_split()
 * @argv: the vector, or NULL
 *
 * Context: any context, as kfree().
 */
void argv_free(char **argv)
{
	kfree(argv);
}
EXPORT_SYMBOL(argv_free);

/**
 * __memcat_p - join two NULL-terminated arrays of pointers
 * @a: the first array
 * @b: the second array
 *
 * Context: may sleep (GFP_KERNEL). The caller kfree()s the result.
 * Return: a new array holding @a's pointers then @b's and a NULL, or NULL when out of
 * memory.
 */
void **__memcat_p(void **a, void **b)
{
	size_t na = 0, nb = 0;
	void **joined;

	while (a[na])
		na++;
	while (b[nb])
		nb++;
	joined = kmalloc_array(na + nb + 1, sizeof(void *), GFP_KERNEL);
	if (!joined)
		return NULL;
	memcpy(joined, a, na * sizeof(void *));
	memcpy(joined + na, b, (nb + 1) * sizeof(void *));
	return joined;
}
EXPORT_SYMBOL(memset16);
EXPORT_SYMBOL(memset32);
EXPORT_SYMBOL(memset64);
EXPORT_SYMBOL_GPL(__memcat_p);
