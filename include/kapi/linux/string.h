/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/string.h: the C string functions plus the kernel's bounded and checking ones.
 * The functions C also has keep C's names and semantics (the process's libc provides
 * them, as the kernel's lib/string.c would); the kernel's own are ukmem's
 * (src/lib/string.c) or inline here. */
#ifndef UKMEM_LINUX_STRING_H
#define UKMEM_LINUX_STRING_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/stdarg.h>
#include <linux/stddef.h>

#ifdef __KERNEL__
int memcmp(const void *a, const void *b, size_t n);
int bcmp(const void *a, const void *b, size_t n);
#if defined CONFIG_KASAN && defined __SANITIZE_ADDRESS__
/* Code compiled with KASAN's flags (modules of ukmem's AddressSanitizer build) calls
 * KASAN's versions, which check both ranges first, as Linux's KASAN does. */
void *memcpy(void *dest, const void *src, size_t n) __asm__("ukmem_kasan_memcpy");
void *memmove(void *dest, const void *src, size_t n) __asm__("ukmem_kasan_memmove");
void *memset(void *s, int c, size_t n) __asm__("ukmem_kasan_memset");
#else
void *memcpy(void *dest, const void *src, size_t n);
void *memmove(void *dest, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
#endif
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
char *strcpy(char *dest, const char *src);
char *strncpy(char *dest, const char *src, size_t n);
char *strcat(char *dest, const char *src);
char *strncat(char *dest, const char *src, size_t n);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strchrnul(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
char *strpbrk(const char *s, const char *accept);
char *strsep(char **s, const char *delim);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
#else
#include <string.h>
#endif

/* Copies in kmalloc'd memory (mm/slab_common.c). */
void *kmemdup(const void *src, size_t len, gfp_t gfp) __alloc_size(2);
char *kstrdup(const char *s, gfp_t gfp) __malloc;
const char *kstrdup_const(const char *s, gfp_t gfp);
void kfree_const(const void *x);
char *kstrndup(const char *s, size_t max, gfp_t gfp) __malloc;
void *kmemdup_nul(const char *s, size_t len, gfp_t gfp);

/* The kernel's own (src/lib/string.c). */
size_t strlcpy(char *dest, const char *src, size_t size) __asm__("ukmem_strlcpy");
size_t strlcat(char *dest, const char *src, size_t count) __asm__("ukmem_strlcat");
char *strnchr(const char *s, size_t count, int c);
char *strnstr(const char *haystack, const char *needle, size_t len);
char *skip_spaces(const char *str);
char *strim(char *s);
static inline __must_check char *strstrip(char *str) { return strim(str); }
void *memscan(void *addr, int c, size_t size);
char *strreplace(char *s, char old, char new);
int match_string(const char * const *array, size_t n, const char *string);
int __sysfs_match_string(const char * const *array, size_t n, const char *s);
#define sysfs_match_string(_a, _s) __sysfs_match_string(_a, ARRAY_SIZE(_a), _s)
void *memset16(u16 *s, u16 v, size_t count);
void *memset32(u32 *s, u32 v, size_t count);
void *memset64(u64 *s, u64 v, size_t count);
char **argv_split(gfp_t gfp, const char *str, int *argcp);
/* Two NULL-terminated pointer arrays joined into a new kmalloc'd one (lib/memcat_p.c). */
void **__memcat_p(void **a, void **b);
#define memcat_p(a, b) ({							\
	_Static_assert(__same_type(*(a), *(b)), "type mismatch in memcat_p()");	\
	(typeof(*(a)) *)__memcat_p((void **)(a), (void **)(b));		\
})
void argv_free(char **argv);

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

/* Copies count bytes of src to dest, which holds dest_len: src is cut to dest_len, and
 * the rest of dest, if any, is set to pad. */
static inline void memcpy_and_pad(void *dest, size_t dest_len, const void *src, size_t count,
				  int pad)
{
	if (count >= dest_len) {
		memcpy(dest, src, dest_len);
		return;
	}
	memcpy(dest, src, count);
	memset((char *)dest + count, pad, dest_len - count);
}

/* The length of the string src that fits the array dest: at most dest's size, and no
 * more than src's known size. dest must be an array (its size known when compiling). */
#define __strtomem_len(dest, src) ({							const size_t __dest_size = sizeof(dest) + __must_be_array(dest);			const size_t __src_size = __builtin_object_size(src, 1);				strnlen(src, __src_size < __dest_size ? __src_size : __dest_size); })

/* strtomem - copies the NUL-terminated src into the array dest, which is not
 * NUL-terminated: src is cut to dest's size, the bytes of dest past src are untouched. */
#define strtomem(dest, src)	memcpy(dest, src, __strtomem_len(dest, src))

/* strtomem_pad - as strtomem(), and the bytes of dest past src are set to pad. */
#define strtomem_pad(dest, src, pad)							memcpy_and_pad(dest, sizeof(dest), src, __strtomem_len(dest, src), pad)

/* memset_after - sets every byte of *obj after its member to v (padding included). */
#define memset_after(obj, v, member)							memset((u8 *)(obj) + offsetofend(typeof(*(obj)), member), (v),			       sizeof(*(obj)) - offsetofend(typeof(*(obj)), member))

/* memset_startat - sets every byte of *obj from its member to the end to v. */
#define memset_startat(obj, v, member)							memset((u8 *)(obj) + offsetof(typeof(*(obj)), member), (v),			       sizeof(*(obj)) - offsetof(typeof(*(obj)), member))

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/string.h> brings with it, once this header is complete. */
#include <linux/atomic.h>
#include <linux/bits.h>
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
