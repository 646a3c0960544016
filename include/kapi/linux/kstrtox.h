/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/kstrtox.h: checked string-to-number conversions (lib/kstrtox.c). A kstrto*()
 * takes the whole string: an optional sign ('-' only for the signed ones), digits in
 * the base (0: "0x" hex, leading 0 octal, else decimal; 16 accepts a "0x" prefix) and
 * at most one trailing newline. It returns 0, -ERANGE when the value does not fit the
 * type, or -EINVAL; *res is written only on success. The simple_strto*() ones stop at
 * the first non-digit and do not check overflow. */
#ifndef UKMEM_LINUX_KSTRTOX_H
#define UKMEM_LINUX_KSTRTOX_H

#include <linux/compiler.h>
#include <linux/types.h>

int __must_check _kstrtoul(const char *s, unsigned int base, unsigned long *res);
int __must_check _kstrtol(const char *s, unsigned int base, long *res);

int __must_check kstrtoull(const char *s, unsigned int base, unsigned long long *res);
int __must_check kstrtoll(const char *s, unsigned int base, long long *res);

static inline int __must_check kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	return _kstrtoul(s, base, res);
}

static inline int __must_check kstrtol(const char *s, unsigned int base, long *res)
{
	return _kstrtol(s, base, res);
}

int __must_check kstrtouint(const char *s, unsigned int base, unsigned int *res);
int __must_check kstrtoint(const char *s, unsigned int base, int *res);

static inline int __must_check kstrtou64(const char *s, unsigned int base, u64 *res)
{
	return kstrtoull(s, base, (unsigned long long *)res);
}

static inline int __must_check kstrtos64(const char *s, unsigned int base, s64 *res)
{
	return kstrtoll(s, base, (long long *)res);
}

static inline int __must_check kstrtou32(const char *s, unsigned int base, u32 *res)
{
	return kstrtouint(s, base, res);
}

static inline int __must_check kstrtos32(const char *s, unsigned int base, s32 *res)
{
	return kstrtoint(s, base, res);
}

int __must_check kstrtou16(const char *s, unsigned int base, u16 *res);
int __must_check kstrtos16(const char *s, unsigned int base, s16 *res);
int __must_check kstrtou8(const char *s, unsigned int base, u8 *res);
int __must_check kstrtos8(const char *s, unsigned int base, s8 *res);
/* y/Y/t/T/1 and "on" are true, n/N/f/F/0 and "off" false; only the first one or two
 * characters are looked at. */
int __must_check kstrtobool(const char *s, bool *res);

int __must_check kstrtoull_from_user(const char __user *s, size_t count, unsigned int base,
				     unsigned long long *res);
int __must_check kstrtoll_from_user(const char __user *s, size_t count, unsigned int base,
				    long long *res);
int __must_check kstrtoul_from_user(const char __user *s, size_t count, unsigned int base,
				    unsigned long *res);
int __must_check kstrtol_from_user(const char __user *s, size_t count, unsigned int base,
				   long *res);
int __must_check kstrtouint_from_user(const char __user *s, size_t count, unsigned int base,
				      unsigned int *res);
int __must_check kstrtoint_from_user(const char __user *s, size_t count, unsigned int base,
				     int *res);
int __must_check kstrtou16_from_user(const char __user *s, size_t count, unsigned int base,
				     u16 *res);
int __must_check kstrtos16_from_user(const char __user *s, size_t count, unsigned int base,
				     s16 *res);
int __must_check kstrtou8_from_user(const char __user *s, size_t count, unsigned int base,
				    u8 *res);
int __must_check kstrtos8_from_user(const char __user *s, size_t count, unsigned int base,
				    s8 *res);
int __must_check kstrtobool_from_user(const char __user *s, size_t count, bool *res);

static inline int __must_check kstrtou64_from_user(const char __user *s, size_t count,
						   unsigned int base, u64 *res)
{
	return kstrtoull_from_user(s, count, base, (unsigned long long *)res);
}

static inline int __must_check kstrtos64_from_user(const char __user *s, size_t count,
						   unsigned int base, s64 *res)
{
	return kstrtoll_from_user(s, count, base, (long long *)res);
}

static inline int __must_check kstrtou32_from_user(const char __user *s, size_t count,
						   unsigned int base, u32 *res)
{
	return kstrtouint_from_user(s, count, base, res);
}

static inline int __must_check kstrtos32_from_user(const char __user *s, size_t count,
						   unsigned int base, s32 *res)
{
	return kstrtoint_from_user(s, count, base, res);
}

unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base);
long simple_strtol(const char *cp, char **endp, unsigned int base);
unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base);
long long simple_strtoll(const char *cp, char **endp, unsigned int base);

static inline int strtobool(const char *s, bool *res)
{
	return kstrtobool(s, res);
}

#endif
