/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/moduleparam.h: module parameters. module_param(name, type, perm) registers the
 * variable with its module; values come from the load call ("name=value ...") or, for a
 * module linked into a program, from the command line as "modname.name=value".
 * Types: bool, invbool, charp, byte, short, ushort, int, uint, long, ulong, ullong,
 * hexint; module_param_string copies into a char array; module_param_array takes
 * "1,2,3". A parameter whose perm is not 0 is also /sys/module/<mod>/parameters/<name>,
 * read and written through its ops (kernel_param_lock held). */
#ifndef UKMEM_LINUX_MODULEPARAM_H
#define UKMEM_LINUX_MODULEPARAM_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/init.h>

struct kernel_param;

struct kernel_param_ops {
	unsigned int flags;
	int (*set)(const char *val, const struct kernel_param *kp);
	int (*get)(char *buffer, const struct kernel_param *kp);	/* PAGE_SIZE buffer */
	void (*free)(void *arg);
};

struct kparam_string {
	unsigned int maxlen;
	char *string;
};

struct kparam_array {
	unsigned int max;
	unsigned int elemsize;
	unsigned int *num;
	const struct kernel_param_ops *ops;
	void *elem;
};

struct kernel_param {
	const char *name;
	const struct kernel_param_ops *ops;
	u16 perm;
	union {
		void *arg;
		const struct kparam_string *str;
		const struct kparam_array *arr;
	};
};

extern const struct kernel_param_ops param_array_ops;
struct module;
/* Serialises a module's parameter reads and writes through /sys/module (NULL: built-in). */
void kernel_param_lock(struct module *mod);
void kernel_param_unlock(struct module *mod);

#define UKMEM_PARAM_TYPE(type)							\
	extern const struct kernel_param_ops param_ops_##type;			\
	int param_set_##type(const char *val, const struct kernel_param *kp);	\
	int param_get_##type(char *buffer, const struct kernel_param *kp)
UKMEM_PARAM_TYPE(bool);
UKMEM_PARAM_TYPE(invbool);
UKMEM_PARAM_TYPE(charp);
UKMEM_PARAM_TYPE(byte);
UKMEM_PARAM_TYPE(short);
UKMEM_PARAM_TYPE(ushort);
UKMEM_PARAM_TYPE(int);
UKMEM_PARAM_TYPE(uint);
UKMEM_PARAM_TYPE(long);
UKMEM_PARAM_TYPE(ulong);
UKMEM_PARAM_TYPE(ullong);
UKMEM_PARAM_TYPE(hexint);
UKMEM_PARAM_TYPE(string);
void param_free_charp(void *arg);
/* <stdbool.h> makes bool a macro for _Bool, so module_param(x, bool, ...) pastes that. */
#define param_ops__Bool	param_ops_bool

void ukmem_module_register_param(const char *modname, const char *file,
				 const struct kernel_param *kp);
void ukmem_module_register_info(const char *modname, const char *file, const char *tag,
				const char *value);

/* "tag=value" in the object's .modinfo section, read by modpost and `ukmem modinfo`
 * without loading the module, as Linux's modinfo reads a .ko. */
#define __MODULE_INFO(tag, name, info)						\
	static const char __UNIQUE_ID(name)[] __used __section(".modinfo")	\
		__aligned(1) = __stringify(tag) "=" info

#define module_param_cb(name, ops, arg, perm)					\
	static const struct kernel_param __UKMEM_PASTE(__param_, __LINE__) =	\
		{ #name, ops, perm, { arg } };					\
	__UKMEM_ON_LOAD(param) { ukmem_module_register_param(KBUILD_MODNAME, __FILE__, \
					&__UKMEM_PASTE(__param_, __LINE__)); }
#define module_param_named(name, value, type, perm)				\
	__MODULE_INFO(parmtype, name##type, #name ":" #type);			\
	module_param_cb(name, &param_ops_##type, &(value), perm)
#define module_param(name, type, perm)	module_param_named(name, name, type, perm)
/* A parameter naming a hardware resource (an I/O port, an IRQ): a plain parameter. */
#define module_param_hw_named(name, value, type, hwtype, perm)	\
	module_param_named(name, value, type, perm)
#define module_param_hw(name, type, hwtype, perm)		\
	module_param_hw_named(name, name, type, hwtype, perm)
#define module_param_unsafe(name, type, perm)	module_param(name, type, perm)
#define module_param_string(name, string, len, perm)				\
	static const struct kparam_string __UKMEM_PASTE(__param_string_, __LINE__) = \
		{ len, string };						\
	module_param_cb(name, &param_ops_string,				\
			(void *)&__UKMEM_PASTE(__param_string_, __LINE__), perm)
/* An array parameter: "1,2,3" sets the first elements and *nump (if not NULL) to 3;
 * /sys/module shows the set elements comma-separated (all max when nump is NULL). */
#define module_param_array_named(name, array, type, nump, perm)		\
	static const struct kparam_array __param_arr_##name =			\
		{ .max = sizeof(array) / sizeof((array)[0]), .num = nump,	\
		  .ops = &param_ops_##type, .elemsize = sizeof((array)[0]),	\
		  .elem = array };						\
	__MODULE_INFO(parmtype, name##type, #name ":array of " #type);	\
	module_param_cb(name, &param_array_ops, (void *)&__param_arr_##name, perm)
#define module_param_array(name, type, nump, perm)		\
	module_param_array_named(name, name, type, nump, perm)
#define MODULE_PARM_DESC(_parm, desc)						\
	__MODULE_INFO(parm, _parm, #_parm ":" desc);				\
	__UKMEM_ON_LOAD(parmdesc) { ukmem_module_register_info(KBUILD_MODNAME, __FILE__, \
					"parm", #_parm ":" desc); }

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/moduleparam.h> brings with it, once this header is complete. */
#include <asm/barrier.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/log2.h>
#endif
#endif
