/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/init.h: section markers (no-ops: ukmem never discards init code) and the init
 * calls. module_init(fn) registers fn, when the object is loaded (a constructor), with
 * the module named KBUILD_MODNAME; module_exit(fn) likewise. Every *_initcall level
 * is a module_init, as in a kernel module. src/kernel/module.c runs them. */
#ifndef UKMEM_LINUX_INIT_H
#define UKMEM_LINUX_INIT_H

#include <linux/compiler.h>
#include <linux/printk.h>	/* KBUILD_MODNAME's default */

#define __init
#define __exit
#define __initdata
#define __exitdata
#define __initconst
#define __init_or_module
#define __ref
#define __refdata
#define __meminit
#define __meminitdata
#define __devinit
#define __devexit
#define __exit_p(x)	x

typedef int (*initcall_t)(void);
typedef void (*exitcall_t)(void);

void ukmem_module_register_init(const char *modname, const char *file, initcall_t fn);
void ukmem_module_register_exit(const char *modname, const char *file, exitcall_t fn);

#define __UKMEM_PASTE2(a, b)	a##b
#define __UKMEM_PASTE(a, b)	__UKMEM_PASTE2(a, b)
/* A function run when the object is loaded, before main() or during dlopen(). */
#define __UKMEM_ON_LOAD(tag)	\
	static void __attribute__((constructor, used)) __UKMEM_PASTE(__ukmem_##tag##_, __LINE__)(void)

#define module_init(initfn)							\
	__UKMEM_ON_LOAD(init) { ukmem_module_register_init(KBUILD_MODNAME, __FILE__, initfn); }
#define module_exit(exitfn)							\
	__UKMEM_ON_LOAD(exit) { ukmem_module_register_exit(KBUILD_MODNAME, __FILE__, exitfn); }

#define early_initcall(fn)	module_init(fn)
#define pure_initcall(fn)	module_init(fn)
#define core_initcall(fn)	module_init(fn)
#define postcore_initcall(fn)	module_init(fn)
#define arch_initcall(fn)	module_init(fn)
#define subsys_initcall(fn)	module_init(fn)
#define fs_initcall(fn)		module_init(fn)
#define rootfs_initcall(fn)	module_init(fn)
#define device_initcall(fn)	module_init(fn)
#define late_initcall(fn)	module_init(fn)
#define late_initcall_sync(fn)	module_init(fn)
#define __initcall(fn)		device_initcall(fn)
#define __exitcall(fn)		module_exit(fn)

#endif
