// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/kasan_string.c: KASAN's memcpy, memmove and memset, for modules compiled with
 * KASAN's flags in the AddressSanitizer build. There <linux/string.h> binds those names
 * in KASAN-compiled code to the functions here, as Linux's KASAN replaces them: both
 * ranges are checked first, and a bad range is reported in KASAN's words and not
 * touched (the call returns NULL), so a stray memset does not also overwrite what lies
 * beyond the object. A range that wraps around the address space (a negative size) is
 * reported as Linux reports it, "out-of-bounds". In other builds there is nothing here.
 * Invariant: a range is handed to AddressSanitizer's runtime only when it does not wrap
 * (the runtime cannot take one that does). */
#include <linux/compiler.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/types.h>
#include "debug/track.h"
#include "mm/kasan.h"

#if UKMEM_TRACK_ASAN
#include <string.h>

/* Linux's kasan_check_range(): true if [addr, addr+size) may be accessed; otherwise the
 * report, made for the code at ip. */
static bool check_range(const void *addr, size_t size, bool write, unsigned long ip)
{
	unsigned long start = (unsigned long)addr;

	if (!size)
		return true;
	if (start + size < start) {
		kasan_report_access(start, size, write, ip, "out-of-bounds");
		return false;
	}
	if (!__asan_region_is_poisoned((void *)addr, size))
		return true;
	__asan_report_error((void *)ip, __builtin_frame_address(0), __builtin_frame_address(0),
			    (void *)addr, write, size);
	return false;
}

/* The symbols <linux/string.h> gives memcpy, memmove and memset in KASAN-compiled
 * code, exported under those names: EXPORT_SYMBOL(memcpy) leaves the marker that
 * scripts/ksymtab.py follows to the assembler name, as for strlcpy, and the library
 * itself knows them by these names (it is not compiled with CONFIG_KASAN), so their
 * visibility is given here. */
#define KASAN_STRING_EXPORT __attribute__((visibility("default")))
KASAN_STRING_EXPORT void *ukmem_kasan_memcpy(void *dest, const void *src, size_t len);
KASAN_STRING_EXPORT void *ukmem_kasan_memmove(void *dest, const void *src, size_t len);
KASAN_STRING_EXPORT void *ukmem_kasan_memset(void *s, int c, size_t len);

/**
 * memcpy - KASAN's memcpy() for KASAN-compiled modules (ukmem_kasan_memcpy)
 * @dest: where to
 * @src: where from
 * @len: bytes
 *
 * Context: any.
 * Return: @dest, or NULL (and a report) when a range may not be accessed.
 */
void *ukmem_kasan_memcpy(void *dest, const void *src, size_t len)
{
	if (!check_range(src, len, false, _RET_IP_) || !check_range(dest, len, true, _RET_IP_))
		return NULL;
	return memcpy(dest, src, len);
}
EXPORT_SYMBOL(memcpy);

/**
 * memmove - KASAN's memmove() for KASAN-compiled modules (ukmem_kasan_memmove)
 * @dest: where to
 * @src: where from
 * @len: bytes
 *
 * Context: any.
 * Return: @dest, or NULL (and a report) when a range may not be accessed.
 */
void *ukmem_kasan_memmove(void *dest, const void *src, size_t len)
{
	if (!check_range(src, len, false, _RET_IP_) || !check_range(dest, len, true, _RET_IP_))
		return NULL;
	return memmove(dest, src, len);
}
EXPORT_SYMBOL(memmove);

/**
 * memset - KASAN's memset() for KASAN-compiled modules (ukmem_kasan_memset)
 * @s: the bytes
 * @c: the value
 * @len: how many
 *
 * Context: any.
 * Return: @s, or NULL (and a report) when the range may not be accessed.
 */
void *ukmem_kasan_memset(void *s, int c, size_t len)
{
	if (!check_range(s, len, true, _RET_IP_))
		return NULL;
	return memset(s, c, len);
}
EXPORT_SYMBOL(memset);

#endif
