/* linux/string.h: the C string functions plus the kernel's bounded and checking ones. */
#ifndef UKMEM_LINUX_STRING_H
#define UKMEM_LINUX_STRING_H

#include_next <linux/string.h>
#include <string.h>
#include <linux/types.h>
#include <linux/errno.h>

/* Copies at most size - 1 bytes and always terminates: the length, or -E2BIG if cut. */
static inline ssize_t strscpy(char *dest, const char *src, size_t size)
{
	size_t len;

	if (!size)
		return -E2BIG;
	len = strnlen(src, size);
	if (len == size) {
		memcpy(dest, src, size - 1);
		dest[size - 1] = '\0';
		return -E2BIG;
	}
	memcpy(dest, src, len + 1);
	return (ssize_t)len;
}

static inline ssize_t strscpy_pad(char *dest, const char *src, size_t size)
{
	ssize_t written = strscpy(dest, src, size);
	size_t used = written < 0 ? size : (size_t)written + 1;

	if (used < size)
		memset(dest + used, 0, size - used);
	return written;
}

static inline bool strstarts(const char *str, const char *prefix)
{
	return strncmp(str, prefix, strlen(prefix)) == 0;
}

static inline size_t str_has_prefix(const char *str, const char *prefix)
{
	size_t len = strlen(prefix);

	return strncmp(str, prefix, len) == 0 ? len : 0;
}

/* True when the strings match, a trailing newline on either one ignored. */
static inline bool sysfs_streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (*a == *b) || (*a == '\n' && !b[0]) || (!a[0] && *b == '\n');
}

/* The first byte that differs from c, or NULL when all bytes are c. */
static inline void *memchr_inv(const void *start, int c, size_t bytes)
{
	const u8 *p = (const u8 *)start;

	for (size_t i = 0; i < bytes; i++)
		if (p[i] != (u8)c)
			return (void *)(p + i);
	return NULL;
}

static inline void memzero_explicit(void *s, size_t count)
{
	memset(s, 0, count);
	barrier();
}

#endif
