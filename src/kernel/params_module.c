// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/params_module.c: the module parameter types (param_ops_int, _charp, ...):
 * parsing a value into the variable and printing it back, with the kernel's rules
 * (numbers in any C base and range-checked, bool as kstrtobool() reads it, an absent value
 * meaning "true" for bool). charp values are copies owned here until the module goes.
 * Arrays (param_array_ops) apply their element type to each comma-separated value;
 * kernel_param_lock() serialises the reads and writes made through /sys/module. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/export.h>

/* A whole number in any C base, by kstrtoll()/kstrtoull(): 0, -EINVAL or -ERANGE. */
static int parse_signed(const char *val, long long *out)
{
	return val ? kstrtoll(val, 0, out) : -EINVAL;
}

static int parse_unsigned(const char *val, unsigned long long *out)
{
	return val ? kstrtoull(val, 0, out) : -EINVAL;
}

/* One parameter type: parse into vtype, check the range, store as type, print with fmt. */
#define PARAM_NUMBER(name, type, fmt, vtype, parse, in_range)			\
int param_set_##name(const char *val, const struct kernel_param *kp)		\
{										\
	vtype v;								\
	int err = parse(val, &v);						\
										\
	if (err)								\
		return err;							\
	if (!(in_range))							\
		return -ERANGE;							\
	*(type *)kp->arg = (type)v;						\
	return 0;								\
}										\
int param_get_##name(char *buffer, const struct kernel_param *kp)		\
{										\
	return sprintf(buffer, fmt "\n", *(type *)kp->arg);			\
}										\
const struct kernel_param_ops param_ops_##name = {				\
	.set = param_set_##name, .get = param_get_##name,			\
}
#define PARAM_SIGNED(name, type, fmt, lo, hi) \
	PARAM_NUMBER(name, type, fmt, long long, parse_signed, v >= (lo) && v <= (hi))
#define PARAM_UNSIGNED(name, type, fmt, hi) \
	PARAM_NUMBER(name, type, fmt, unsigned long long, parse_unsigned, v <= (hi))

/**
 * param_set_byte - set a "byte" module parameter (unsigned char) from text
 * @val: the value, a whole number in any C base; NULL is refused
 * @kp: the parameter; ->arg points at the unsigned char
 *
 * Context: process context (module load or a /sys/module write); does not sleep.
 * Return: 0, -EINVAL for text that is not a number, or -ERANGE if it does not fit.
 */
/**
 * param_get_byte - print a "byte" module parameter (unsigned char) in decimal, with a newline
 * @buffer: a page-sized buffer
 * @kp: the parameter
 *
 * Context: process context (a /sys/module read); does not sleep.
 * Return: the length written.
 */
PARAM_UNSIGNED(byte, unsigned char, "%hhu", UCHAR_MAX);
/**
 * param_set_short - set a "short" module parameter (short) from text
 * @val: the value, a whole number in any C base; NULL is refused
 * @kp: the parameter; ->arg points at the short
 *
 * Context: process context (module load or a /sys/module write); does not sleep.
 * Return: 0, -EINVAL for text that is not a number, or -ERANGE if it does not fit.
 */
/**
 * param_get_short - print a "short" module parameter (short) in decimal, with a newline
 * @buffer: a page-sized buffer
 * @kp: the parameter
 *
 * Context: process context (a /sys/module read); does not sleep.
 * Return: the length written.
 */
PARAM_SIGNED(short, short, "%hd", SHRT_MIN, SHRT_MAX);
/**
 * param_set_ushort - set a "ushort" module parameter (unsigned short) from text
 * @val: the value, a whole number in any C base; NULL is refused
 * @kp: the parameter; ->arg points at the unsigned short
 *
 * Context: process context (module load or a /sys/module write); does not sleep.
 * Return: 0, -EINVAL for text that is not a number, or -ERANGE if it does not fit.
 */
/**
 * param_get_ushort - print a "ushort" module parameter (unsigned short) in decimal, with a newline
 * @buffer: a page-sized buffer
 * @kp: the parameter
 *
 * Context: process context (a /sys/module read); does not sleep.
 * Return: the length written.
 */
PARAM_UNSIGNED(ushort, unsigned short, "%hu", USHRT_MAX);
/**
 * param_set_int - set a "int" module parameter (int) from text
 * @val: the value, a whole number in any C base; NULL is refused
 * @kp: the parameter; ->arg points at the int
 *
 * Context: process context (module load or a /sys/module write); does not sleep.
 * Return: 0, -EINVAL for text that is not a number, or -ERANGE if it does not fit.
 */
/**
 * param_get_int - print a "int" module parameter (int) in decimal, with a newline
 * @buffer: a page-sized buffer
 * @kp: the parameter
 *
 * Context: process context (a /sys/module read); does not sleep.
 * Return: the length written.
 */
PARAM_SIGNED(int, int, "%d", INT_MIN, INT_MAX);
/**
 * param_set_uint - set a "uint" module parameter (unsigned int) from text
 * @val: the value, a whole number in any C base; NULL is refused
 * @kp: the parameter; ->arg points at the unsigned int
 *
 * Context: process context (module load or a /sys/module write); does not sleep.
 * Return: 0, -EINVAL for text that is not a number, or -ERANGE if it does not fit.
 */
/**
 * param_get_uint - print a "uint" module parameter (unsigned int) in decimal, with a newline
 * @buffer: a page-sized buffer
 * @kp: the parameter
 *
 * Context: process context (a /sys/module read); does not sleep.
 * Return: the length written.
 */
PARAM_UNSIGNED(uint, unsigned int, "%u", UINT_MAX);
/**
 * param_set_long - set a "long" module parameter (long) from text
 * @val: the value, a whole number in any C base; NULL is refused
 * @kp: the parameter; ->arg points at the long
 *
 * Context: process context (module load or a /sys/module write); does not sleep.
 * Return: 0, -EINVAL for text that is not a number, or -ERANGE if it does not fit.
 */
/**
 * param_get_long - print a "long" module parameter (long) in decimal, with a newline
 * @buffer: a page-sized buffer
 * @kp: the parameter
 *
 * Context: process context (a /sys/module read); does not sleep.
 * Return: the length written.
 */
PARAM_SIGNED(long, long, "%ld", LONG_MIN, LONG_MAX);
/**
 * param_set_ulong - set a "ulong" module parameter (unsigned long) from text
 * @val: the value, a whole number in any C base; NULL is refused
 * @kp: the parameter; ->arg points at the unsigned long
 *
 * Context: process context (module load or a /sys/module write); does not sleep.
 * Return: 0, -EINVAL for text that is not a number, or -ERANGE if it does not fit.
 */
/**
 * param_get_ulong - print a "ulong" module parameter (unsigned long) in decimal, with a newline
 * @buffer: a page-sized buffer
 * @kp: the parameter
 *
 * Context: process context (a /sys/module read); does not sleep.
 * Return: the length written.
 */
PARAM_UNSIGNED(ulong, unsigned long, "%lu", ULONG_MAX);
/**
 * param_set_ullong - set a "ullong" module parameter (unsigned long long) from text
 * @val: the value, a whole number in any C base; NULL is refused
 * @kp: the parameter; ->arg points at the unsigned long long
 *
 * Context: process context (module load or a /sys/module write); does not sleep.
 * Return: 0, -EINVAL for text that is not a number, or -ERANGE if it does not fit.
 */
/**
 * param_get_ullong - print a "ullong" module parameter (unsigned long long) in decimal, with a newline
 * @buffer: a page-sized buffer
 * @kp: the parameter
 *
 * Context: process context (a /sys/module read); does not sleep.
 * Return: the length written.
 */
PARAM_UNSIGNED(ullong, unsigned long long, "%llu", ULLONG_MAX);
/**
 * param_set_hexint - set a "hexint" module parameter (unsigned int) from text
 * @val: the value, a whole number in any C base; NULL is refused
 * @kp: the parameter; ->arg points at the unsigned int
 *
 * Context: process context (module load or a /sys/module write); does not sleep.
 * Return: 0, -EINVAL for text that is not a number, or -ERANGE if it does not fit.
 */
/**
 * param_get_hexint - print a "hexint" module parameter (unsigned int) as hexadecimal with 0x, zero-padded to 8 characters, with a newline
 * @buffer: a page-sized buffer
 * @kp: the parameter
 *
 * Context: process context (a /sys/module read); does not sleep.
 * Return: the length written.
 */
PARAM_UNSIGNED(hexint, unsigned int, "%#08x", UINT_MAX);

/* kstrtobool()'s words; NULL (the bare "name") is true, as in the kernel. */
static int parse_bool(const char *val, bool *out)
{
	if (!val) {
		*out = true;
		return 0;
	}
	return kstrtobool(val, out);
}

/**
 * param_set_bool - set a bool module parameter from text
 * @val: y/n, 1/0, on/off as kstrtobool() reads them; NULL (the bare name) means true
 * @kp: the parameter; ->arg points at the bool
 *
 * Context: process context (module load or a /sys/module write); does not sleep.
 * Return: 0, or -EINVAL for other text.
 */
int param_set_bool(const char *val, const struct kernel_param *kp)
{
	return parse_bool(val, kp->arg);
}
EXPORT_SYMBOL(param_set_bool);

/**
 * param_get_bool - print a bool module parameter as "Y" or "N", with a newline
 * @buffer: a page-sized buffer
 * @kp: the parameter
 *
 * Context: process context; does not sleep.
 * Return: the length written (2).
 */
int param_get_bool(char *buffer, const struct kernel_param *kp)
{
	return sprintf(buffer, "%c\n", *(bool *)kp->arg ? 'Y' : 'N');
}
EXPORT_SYMBOL(param_get_bool);

const struct kernel_param_ops param_ops_bool = { .set = param_set_bool, .get = param_get_bool };
EXPORT_SYMBOL(param_ops_bool);

/**
 * param_set_invbool - set an inverted bool module parameter from text
 * @val: as for param_set_bool(); the bool gets the opposite value
 * @kp: the parameter; ->arg points at the bool
 *
 * Context: process context; does not sleep.
 * Return: 0, or -EINVAL.
 */
int param_set_invbool(const char *val, const struct kernel_param *kp)
{
	bool value;
	int err = parse_bool(val, &value);

	if (!err)
		*(bool *)kp->arg = !value;
	return err;
}
EXPORT_SYMBOL(param_set_invbool);

/**
 * param_get_invbool - print an inverted bool module parameter as "Y" or "N"
 * @buffer: a page-sized buffer
 * @kp: the parameter
 *
 * Context: process context; does not sleep.
 * Return: the length written.
 */
int param_get_invbool(char *buffer, const struct kernel_param *kp)
{
	return sprintf(buffer, "%c\n", *(bool *)kp->arg ? 'N' : 'Y');
}
EXPORT_SYMBOL(param_get_invbool);

const struct kernel_param_ops param_ops_invbool = {
	.set = param_set_invbool, .get = param_get_invbool,
};
EXPORT_SYMBOL(param_ops_invbool);

/* Strings handed out by param_set_charp; only these are ever freed. */
static struct owned_string {
	char *string;
	struct owned_string *next;
} *owned_strings;
static pthread_mutex_t owned_lock = PTHREAD_MUTEX_INITIALIZER;

/* Frees s if this file allocated it. */
static void free_if_owned(char *s)
{
	struct owned_string **link, *found = NULL;

	pthread_mutex_lock(&owned_lock);
	for (link = &owned_strings; *link; link = &(*link)->next) {
		if ((*link)->string == s) {
			found = *link;
			*link = found->next;
			break;
		}
	}
	pthread_mutex_unlock(&owned_lock);
	if (found) {
		free(found->string);
		free(found);
	}
}

/**
 * param_set_charp - set a charp module parameter to a copy of the text
 * @val: the text (NULL: the empty string); at most 1024 bytes
 * @kp: the parameter; ->arg points at the char *
 *
 * The previous copy made here is freed; the module's own initial value is not.
 *
 * Context: process context; takes the copies' list lock (a host mutex).
 * Return: 0, -ENOSPC for text longer than 1024 bytes, or -ENOMEM.
 */
int param_set_charp(const char *val, const struct kernel_param *kp)
{
	struct owned_string *owned;
	size_t len = val ? strlen(val) : 0;

	if (len > 1024) {
		pr_err("%s: string parameter too long\n", kp->name);
		return -ENOSPC;
	}
	owned = malloc(sizeof(*owned));
	if (!owned || !(owned->string = strdup(val ? val : ""))) {
		free(owned);
		return -ENOMEM;
	}
	free_if_owned(*(char **)kp->arg);
	pthread_mutex_lock(&owned_lock);
	owned->next = owned_strings;
	owned_strings = owned;
	pthread_mutex_unlock(&owned_lock);
	*(char **)kp->arg = owned->string;
	return 0;
}
EXPORT_SYMBOL(param_set_charp);

/**
 * param_get_charp - print a charp module parameter, with a newline
 * @buffer: a page-sized buffer
 * @kp: the parameter; a NULL string prints "(null)"
 *
 * Context: process context; does not sleep.
 * Return: the length written.
 */
int param_get_charp(char *buffer, const struct kernel_param *kp)
{
	return sprintf(buffer, "%s\n", *(char **)kp->arg ? *(char **)kp->arg : "(null)");
}
EXPORT_SYMBOL(param_get_charp);

/**
 * param_free_charp - free a charp parameter's copy when its module goes
 * @arg: the char * parameter
 *
 * Only a copy made by param_set_charp() is freed.
 *
 * Context: process context; takes the copies' list lock (a host mutex).
 */
void param_free_charp(void *arg)
{
	free_if_owned(*(char **)arg);
}
EXPORT_SYMBOL(param_free_charp);

const struct kernel_param_ops param_ops_charp = {
	.set = param_set_charp, .get = param_get_charp, .free = param_free_charp,
};
EXPORT_SYMBOL(param_ops_charp);

/**
 * param_set_string - copy text into a module_param_string() buffer
 * @val: the text (NULL: the empty string)
 * @kp: the parameter; ->str names the buffer and its size
 *
 * Context: process context; does not sleep.
 * Return: 0, or -ENOSPC if the text does not fit (the kernel's message names the limit).
 */
int param_set_string(const char *val, const struct kernel_param *kp)
{
	const struct kparam_string *kps = kp->str;
	size_t len = val ? strlen(val) : 0;

	if (len + 1 > kps->maxlen) {
		pr_err("%s: string doesn't fit in %u chars.\n", kp->name, kps->maxlen - 1);
		return -ENOSPC;
	}
	memcpy(kps->string, val ? val : "", len + 1);
	return 0;
}
EXPORT_SYMBOL(param_set_string);

/**
 * param_get_string - print a module_param_string() buffer, with a newline
 * @buffer: a page-sized buffer
 * @kp: the parameter
 *
 * Context: process context; does not sleep.
 * Return: the length written.
 */
int param_get_string(char *buffer, const struct kernel_param *kp)
{
	return sprintf(buffer, "%s\n", kp->str->string);
}
EXPORT_SYMBOL(param_get_string);

const struct kernel_param_ops param_ops_string = {
	.set = param_set_string, .get = param_get_string,
};
EXPORT_SYMBOL(param_get_byte);
EXPORT_SYMBOL(param_get_hexint);
EXPORT_SYMBOL(param_get_int);
EXPORT_SYMBOL(param_get_long);
EXPORT_SYMBOL(param_get_short);
EXPORT_SYMBOL(param_get_uint);
EXPORT_SYMBOL(param_get_ullong);
EXPORT_SYMBOL(param_get_ulong);
EXPORT_SYMBOL(param_get_ushort);
EXPORT_SYMBOL(param_ops_byte);
EXPORT_SYMBOL(param_ops_hexint);
EXPORT_SYMBOL(param_ops_int);
EXPORT_SYMBOL(param_ops_long);
EXPORT_SYMBOL(param_ops_short);
EXPORT_SYMBOL(param_ops_string);
EXPORT_SYMBOL(param_ops_uint);
EXPORT_SYMBOL(param_ops_ullong);
EXPORT_SYMBOL(param_ops_ulong);
EXPORT_SYMBOL(param_ops_ushort);
EXPORT_SYMBOL(param_set_byte);
EXPORT_SYMBOL(param_set_hexint);
EXPORT_SYMBOL(param_set_int);
EXPORT_SYMBOL(param_set_long);
EXPORT_SYMBOL(param_set_short);
EXPORT_SYMBOL(param_set_uint);
EXPORT_SYMBOL(param_set_ullong);
EXPORT_SYMBOL(param_set_ulong);
EXPORT_SYMBOL(param_set_ushort);

/* ---- arrays ("1,2,3") ---- */

/* Sets the array's elements from a comma-separated list, each through the element
 * type's set; at least min and at most max values. The count goes to *num. */
static int set_array(const struct kernel_param *kp, const char *val, unsigned int min,
		     unsigned int *num)
{
	const struct kparam_array *arr = kp->arr;
	struct kernel_param elem = *kp;
	char *copy = strdup(val ? val : ""), *item = copy;
	bool more = true;
	int err = 0;

	if (!copy)
		return -ENOMEM;
	*num = 0;
	while (more) {
		size_t len = strcspn(item, ",");

		if (*num == arr->max) {
			pr_err("%s: can only take %i arguments\n", kp->name, arr->max);
			err = -EINVAL;
			break;
		}
		more = item[len] == ',';
		item[len] = '\0';
		elem.arg = (char *)arr->elem + (size_t)arr->elemsize * *num;
		err = arr->ops->set(item, &elem);
		if (err)
			break;
		item += len + 1;
		(*num)++;
	}
	if (!err && *num < min) {
		pr_err("%s: needs at least %i arguments\n", kp->name, min);
		err = -EINVAL;
	}
	free(copy);
	return err;
}

static int param_array_set(const char *val, const struct kernel_param *kp)
{
	unsigned int scratch;

	return set_array(kp, val, 1, kp->arr->num ? kp->arr->num : &scratch);
}

/* Each element as its type prints it, the newlines between them turned into commas. */
static int param_array_get(char *buffer, const struct kernel_param *kp)
{
	const struct kparam_array *arr = kp->arr;
	unsigned int count = arr->num ? *arr->num : arr->max;
	struct kernel_param elem = *kp;
	int off = 0;

	for (unsigned int i = 0; i < count; i++) {
		int ret;

		if (i)
			buffer[off - 1] = ',';
		elem.arg = (char *)arr->elem + (size_t)arr->elemsize * i;
		ret = arr->ops->get(buffer + off, &elem);
		if (ret < 0)
			return ret;
		off += ret;
	}
	buffer[off] = '\0';
	return off;
}

static void param_array_free(void *arg)
{
	const struct kparam_array *arr = arg;

	if (arr->ops->free)
		for (unsigned int i = 0; i < (arr->num ? *arr->num : arr->max); i++)
			arr->ops->free((char *)arr->elem + (size_t)arr->elemsize * i);
}

const struct kernel_param_ops param_array_ops = {
	.set = param_array_set,
	.get = param_array_get,
	.free = param_array_free,
};
EXPORT_SYMBOL(param_array_ops);

/* One lock for every module's parameters: sysfs reads and writes are rare. */
static DEFINE_MUTEX(param_lock);

/**
 * kernel_param_lock - serialise with /sys/module parameter reads and writes
 * @mod: the module whose parameters are used (NULL: built-in code)
 *
 * Context: process; may sleep. Held while a parameter's get or set runs from sysfs, so
 * a module reading a charp or array parameter takes it to see a whole value.
 */
void kernel_param_lock(struct module *mod)
{
	(void)mod;
	mutex_lock(&param_lock);
}
EXPORT_SYMBOL(kernel_param_lock);

/**
 * kernel_param_unlock - release what kernel_param_lock() took
 * @mod: the module given to kernel_param_lock()
 *
 * Context: process context; the task that took the lock.
 */
void kernel_param_unlock(struct module *mod)
{
	(void)mod;
	mutex_unlock(&param_lock);
}
EXPORT_SYMBOL(kernel_param_unlock);
