// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/kstrtox.c: the kernel's checked conversions, kstrto*() and their _from_user
 * forms, and kstrtobool() -- the one parser of yes/no words in ukmem (boot options and
 * module parameters use it too).
 *
 * Rules (Linux 6.1): the whole string is a number in the base, with at most one trailing
 * '\n'; base 0 picks hex for "0x" + hex digit, octal for a leading 0, else decimal;
 * base 16 skips a "0x" prefix. Overflow of the type is -ERANGE, anything else -EINVAL,
 * and *res is left alone on failure. Nothing here sleeps except the _from_user forms
 * (copy_from_user may fault). */
#include <ctype.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/uaccess.h>
#include <linux/export.h>

/* Parses digits of base at s into *res; the number of characters read, or -ERANGE. */
static int parse_digits(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long v = 0;
	bool overflow = false;
	int n = 0;

	for (;; n++) {
		unsigned c = (unsigned char)s[n], lc = c | 0x20, d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (lc >= 'a' && lc <= 'f')
			d = lc - 'a' + 10;
		else
			break;
		if (d >= base)
			break;
		if (v > (~0ULL - d) / base)
			overflow = true;
		v = v * base + d;
	}
	*res = v;
	return overflow ? -ERANGE : n;
}

static int parse_unsigned(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long v;
	int n;

	if (base == 0) {
		if (s[0] == '0' && (s[1] | 0x20) == 'x' && isxdigit((unsigned char)s[2]))
			base = 16;
		else
			base = s[0] == '0' ? 8 : 10;
	}
	if (base == 16 && s[0] == '0' && (s[1] | 0x20) == 'x')
		s += 2;
	if (base < 2 || base > 16)
		return -EINVAL;
	n = parse_digits(s, base, &v);
	if (n < 0)
		return n;
	if (n == 0)
		return -EINVAL;
	s += n;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	*res = v;
	return 0;
}

/**
 * kstrtoull - convert a whole string to an unsigned long long
 * @s: the string; a leading '+' is allowed, a '-' is not
 * @base: 0 (detect) or 2..16
 * @res: the result, written only on success
 *
 * Context: any. Return: 0, -ERANGE on overflow, -EINVAL otherwise.
 */
int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	if (s[0] == '+')
		s++;
	return parse_unsigned(s, base, res);
}
EXPORT_SYMBOL(kstrtoull);

/**
 * kstrtoll - convert a whole string to a long long
 * @s: the string, with an optional '+' or '-'
 * @base: 0 (the C prefixes pick it), or 2 to 16
 * @res: receives the value, only on success
 *
 * Context: any context.
 * Return: 0, -ERANGE when the value is outside long long, -EINVAL otherwise.
 */
int kstrtoll(const char *s, unsigned int base, long long *res)
{
	unsigned long long v;
	int err;

	if (s[0] == '-') {
		err = parse_unsigned(s + 1, base, &v);
		if (err)
			return err;
		if (v > (unsigned long long)LLONG_MAX + 1)
			return -ERANGE;
		*res = (long long)-v;
		return 0;
	}
	err = kstrtoull(s, base, &v);
	if (err)
		return err;
	if (v > LLONG_MAX)
		return -ERANGE;
	*res = (long long)v;
	return 0;
}
EXPORT_SYMBOL(kstrtoll);

/* The narrower types: convert at full width, then check the range. */
#define KSTRTO_UNSIGNED(name, type, max)					\
int name(const char *s, unsigned int base, type *res)				\
{										\
	unsigned long long v;							\
	int err = kstrtoull(s, base, &v);					\
										\
	if (err)								\
		return err;							\
	if (v > (max))								\
		return -ERANGE;							\
	*res = (type)v;								\
	return 0;								\
}
#define KSTRTO_SIGNED(name, type, min, max)					\
int name(const char *s, unsigned int base, type *res)				\
{										\
	long long v;								\
	int err = kstrtoll(s, base, &v);					\
										\
	if (err)								\
		return err;							\
	if (v < (min) || v > (max))						\
		return -ERANGE;							\
	*res = (type)v;								\
	return 0;								\
}

/**
 * _kstrtoul - convert a whole string to an unsigned long; what kstrtoul() calls
 * @s: the string, with an optional '+' and one trailing newline allowed
 * @base: 0 (the C prefixes pick it), or 2 to 16
 * @res: receives the value, only on success
 *
 * Context: any context.
 * Return: 0, -ERANGE if the value does not fit unsigned long, or -EINVAL.
 */
KSTRTO_UNSIGNED(_kstrtoul, unsigned long, ULONG_MAX)
/**
 * _kstrtol - convert a whole string to a long; what kstrtol() calls
 * @s: the string, with an optional '+' or '-' and one trailing newline allowed
 * @base: 0 (the C prefixes pick it), or 2 to 16
 * @res: receives the value, only on success
 *
 * Context: any context.
 * Return: 0, -ERANGE if the value does not fit long, or -EINVAL.
 */
KSTRTO_SIGNED(_kstrtol, long, LONG_MIN, LONG_MAX)
/**
 * kstrtouint - convert a whole string to an unsigned int
 * @s: the string, with an optional '+' and one trailing newline allowed
 * @base: 0 (the C prefixes pick it), or 2 to 16
 * @res: receives the value, only on success
 *
 * Context: any context.
 * Return: 0, -ERANGE if the value does not fit unsigned int, or -EINVAL.
 */
KSTRTO_UNSIGNED(kstrtouint, unsigned int, UINT_MAX)
/**
 * kstrtoint - convert a whole string to an int
 * @s: the string, with an optional '+' or '-' and one trailing newline allowed
 * @base: 0 (the C prefixes pick it), or 2 to 16
 * @res: receives the value, only on success
 *
 * Context: any context.
 * Return: 0, -ERANGE if the value does not fit int, or -EINVAL.
 */
KSTRTO_SIGNED(kstrtoint, int, INT_MIN, INT_MAX)
/**
 * kstrtou16 - convert a whole string to a u16
 * @s: the string, with an optional '+' and one trailing newline allowed
 * @base: 0 (the C prefixes pick it), or 2 to 16
 * @res: receives the value, only on success
 *
 * Context: any context.
 * Return: 0, -ERANGE if the value does not fit u16, or -EINVAL.
 */
KSTRTO_UNSIGNED(kstrtou16, u16, 0xffff)
/**
 * kstrtos16 - convert a whole string to an s16
 * @s: the string, with an optional '+' or '-' and one trailing newline allowed
 * @base: 0 (the C prefixes pick it), or 2 to 16
 * @res: receives the value, only on success
 *
 * Context: any context.
 * Return: 0, -ERANGE if the value does not fit s16, or -EINVAL.
 */
KSTRTO_SIGNED(kstrtos16, s16, -0x8000, 0x7fff)
/**
 * kstrtou8 - convert a whole string to a u8
 * @s: the string, with an optional '+' and one trailing newline allowed
 * @base: 0 (the C prefixes pick it), or 2 to 16
 * @res: receives the value, only on success
 *
 * Context: any context.
 * Return: 0, -ERANGE if the value does not fit u8, or -EINVAL.
 */
KSTRTO_UNSIGNED(kstrtou8, u8, 0xff)
/**
 * kstrtos8 - convert a whole string to an s8
 * @s: the string, with an optional '+' or '-' and one trailing newline allowed
 * @base: 0 (the C prefixes pick it), or 2 to 16
 * @res: receives the value, only on success
 *
 * Context: any context.
 * Return: 0, -ERANGE if the value does not fit s8, or -EINVAL.
 */
KSTRTO_SIGNED(kstrtos8, s8, -0x80, 0x7f)

/**
 * kstrtobool - the kernel's yes/no words
 * @s: the string; only its first one or two characters are looked at
 * @res: the result, written only on success
 *
 * y, Y, t, T, 1 and o/O + n/N are true; n, N, f, F, 0 and o/O + f/F false.
 *
 * Context: any context.
 * Return: 0 or -EINVAL.
 */
int kstrtobool(const char *s, bool *res)
{
	if (!s)
		return -EINVAL;
	switch (s[0]) {
	case 'y': case 'Y': case 't': case 'T': case '1':
		*res = true;
		return 0;
	case 'n': case 'N': case 'f': case 'F': case '0':
		*res = false;
		return 0;
	case 'o': case 'O':
		if ((s[1] | 0x20) == 'n') {
			*res = true;
			return 0;
		}
		if ((s[1] | 0x20) == 'f') {
			*res = false;
			return 0;
		}
		break;
	}
	return -EINVAL;
}

/* The _from_user forms copy at most the first bytes a number can have (the rest of a
 * longer write is ignored, as in the kernel), then parse the copy. Context: may fault. */
#define KSTRTO_FROM_USER(name, parse, type)					\
int name##_from_user(const char __user *s, size_t count, unsigned int base,	\
		     type *res)							\
{										\
	char buf[24];								\
										\
	if (count > sizeof(buf) - 1)						\
		count = sizeof(buf) - 1;					\
	if (copy_from_user(buf, s, count))					\
		return -EFAULT;							\
	buf[count] = '\0';							\
	return parse(buf, base, res);						\
}

/**
 * kstrtoull_from_user - kstrtoull() of a string in user memory
 * @s: the user string (at most its first 23 bytes are read)
 * @count: its length
 * @base: 0, or 2 to 16
 * @res: receives the unsigned long long, only on success
 *
 * Context: process context; may fault on the user memory.
 * Return: 0, -EFAULT, -ERANGE or -EINVAL.
 */
KSTRTO_FROM_USER(kstrtoull, kstrtoull, unsigned long long)
/**
 * kstrtoll_from_user - kstrtoll() of a string in user memory
 * @s: the user string (at most its first 23 bytes are read)
 * @count: its length
 * @base: 0, or 2 to 16
 * @res: receives the long long, only on success
 *
 * Context: process context; may fault on the user memory.
 * Return: 0, -EFAULT, -ERANGE or -EINVAL.
 */
KSTRTO_FROM_USER(kstrtoll, kstrtoll, long long)
/**
 * kstrtoul_from_user - kstrtoul() of a string in user memory
 * @s: the user string (at most its first 23 bytes are read)
 * @count: its length
 * @base: 0, or 2 to 16
 * @res: receives the unsigned long, only on success
 *
 * Context: process context; may fault on the user memory.
 * Return: 0, -EFAULT, -ERANGE or -EINVAL.
 */
KSTRTO_FROM_USER(kstrtoul, kstrtoul, unsigned long)
/**
 * kstrtol_from_user - kstrtol() of a string in user memory
 * @s: the user string (at most its first 23 bytes are read)
 * @count: its length
 * @base: 0, or 2 to 16
 * @res: receives the long, only on success
 *
 * Context: process context; may fault on the user memory.
 * Return: 0, -EFAULT, -ERANGE or -EINVAL.
 */
KSTRTO_FROM_USER(kstrtol, kstrtol, long)
/**
 * kstrtouint_from_user - kstrtouint() of a string in user memory
 * @s: the user string (at most its first 23 bytes are read)
 * @count: its length
 * @base: 0, or 2 to 16
 * @res: receives the unsigned int, only on success
 *
 * Context: process context; may fault on the user memory.
 * Return: 0, -EFAULT, -ERANGE or -EINVAL.
 */
KSTRTO_FROM_USER(kstrtouint, kstrtouint, unsigned int)
/**
 * kstrtoint_from_user - kstrtoint() of a string in user memory
 * @s: the user string (at most its first 23 bytes are read)
 * @count: its length
 * @base: 0, or 2 to 16
 * @res: receives the int, only on success
 *
 * Context: process context; may fault on the user memory.
 * Return: 0, -EFAULT, -ERANGE or -EINVAL.
 */
KSTRTO_FROM_USER(kstrtoint, kstrtoint, int)
/**
 * kstrtou16_from_user - kstrtou16() of a string in user memory
 * @s: the user string (at most its first 23 bytes are read)
 * @count: its length
 * @base: 0, or 2 to 16
 * @res: receives the u16, only on success
 *
 * Context: process context; may fault on the user memory.
 * Return: 0, -EFAULT, -ERANGE or -EINVAL.
 */
KSTRTO_FROM_USER(kstrtou16, kstrtou16, u16)
/**
 * kstrtos16_from_user - kstrtos16() of a string in user memory
 * @s: the user string (at most its first 23 bytes are read)
 * @count: its length
 * @base: 0, or 2 to 16
 * @res: receives the s16, only on success
 *
 * Context: process context; may fault on the user memory.
 * Return: 0, -EFAULT, -ERANGE or -EINVAL.
 */
KSTRTO_FROM_USER(kstrtos16, kstrtos16, s16)
/**
 * kstrtou8_from_user - kstrtou8() of a string in user memory
 * @s: the user string (at most its first 23 bytes are read)
 * @count: its length
 * @base: 0, or 2 to 16
 * @res: receives the u8, only on success
 *
 * Context: process context; may fault on the user memory.
 * Return: 0, -EFAULT, -ERANGE or -EINVAL.
 */
KSTRTO_FROM_USER(kstrtou8, kstrtou8, u8)
/**
 * kstrtos8_from_user - kstrtos8() of a string in user memory
 * @s: the user string (at most its first 23 bytes are read)
 * @count: its length
 * @base: 0, or 2 to 16
 * @res: receives the s8, only on success
 *
 * Context: process context; may fault on the user memory.
 * Return: 0, -EFAULT, -ERANGE or -EINVAL.
 */
KSTRTO_FROM_USER(kstrtos8, kstrtos8, s8)

/**
 * kstrtobool_from_user - kstrtobool() of a string in user memory
 * @s: the user string (at most its first 3 bytes are read)
 * @count: its length
 * @res: receives the value, only on success
 *
 * Context: process context; may fault on the user memory.
 * Return: 0, -EFAULT or -EINVAL.
 */
int kstrtobool_from_user(const char __user *s, size_t count, bool *res)
{
	char buf[4] = { 0 };

	if (count > sizeof(buf) - 1)
		count = sizeof(buf) - 1;
	if (copy_from_user(buf, s, count))
		return -EFAULT;
	return kstrtobool(buf, res);
}
EXPORT_SYMBOL(_kstrtol);
EXPORT_SYMBOL(_kstrtoul);
EXPORT_SYMBOL(kstrtobool);
EXPORT_SYMBOL(kstrtobool_from_user);
EXPORT_SYMBOL(kstrtoint);
EXPORT_SYMBOL(kstrtoint_from_user);
EXPORT_SYMBOL(kstrtol_from_user);
EXPORT_SYMBOL(kstrtoll_from_user);
EXPORT_SYMBOL(kstrtos16);
EXPORT_SYMBOL(kstrtos16_from_user);
EXPORT_SYMBOL(kstrtos8);
EXPORT_SYMBOL(kstrtos8_from_user);
EXPORT_SYMBOL(kstrtou16);
EXPORT_SYMBOL(kstrtou16_from_user);
EXPORT_SYMBOL(kstrtou8);
EXPORT_SYMBOL(kstrtou8_from_user);
EXPORT_SYMBOL(kstrtouint);
EXPORT_SYMBOL(kstrtouint_from_user);
EXPORT_SYMBOL(kstrtoul_from_user);
EXPORT_SYMBOL(kstrtoull_from_user);
