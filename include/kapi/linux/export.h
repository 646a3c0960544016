/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/export.h: exporting symbols to modules.
 *
 * EXPORT_SYMBOL(sym), written after sym's definition as in Linux, redeclares sym with
 * default visibility: in code compiled with -fvisibility=hidden it is what puts sym in
 * the dynamic symbol table. It also leaves a marker, the local symbol
 * __ksymtab_<sym> (or __ksymtab_gpl_<sym> for EXPORT_SYMBOL_GPL) on sym's name in the
 * non-allocated section .ukmem_ksymtab, which tells which symbols are exported and
 * which of them GPL-only (scripts/exports.py keeps the library's lines as Linux 6.1's).
 * In a module the same macros make sym visible to the modules loaded after it (they are
 * loaded RTLD_GLOBAL). Namespaces are recorded in neither; MODULE_IMPORT_NS is accepted.
 * EXPORT_THREAD_SYMBOL is ukmem's own, for its few thread-local variables (the task
 * behind `current`), which a redeclaration must call thread-local again. */
#ifndef UKMEM_LINUX_EXPORT_H
#define UKMEM_LINUX_EXPORT_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#define __UKMEM_EXPORT(sym, kind, storage)					\
	extern storage typeof(sym) sym __attribute__((visibility("default")));	\
	__asm__(".pushsection .ukmem_ksymtab,\"\",@progbits\n"			\
		"__ksymtab" kind "_" #sym ":\n"					\
		".asciz \"" #sym "\"\n"						\
		".popsection")

#define EXPORT_SYMBOL(sym)		__UKMEM_EXPORT(sym, "", )
#define EXPORT_SYMBOL_GPL(sym)		__UKMEM_EXPORT(sym, "_gpl", )
#define EXPORT_SYMBOL_NS(sym, ns)	__UKMEM_EXPORT(sym, "", )
#define EXPORT_SYMBOL_NS_GPL(sym, ns)	__UKMEM_EXPORT(sym, "_gpl", )
#define EXPORT_THREAD_SYMBOL(sym)	__UKMEM_EXPORT(sym, "", __thread)
#define EXPORT_THREAD_SYMBOL_GPL(sym)	__UKMEM_EXPORT(sym, "_gpl", __thread)
#define MODULE_IMPORT_NS(ns)		extern int __ukmem_import_ns_unused
/* Each .ko (built with -DMODULE) has its own hidden __this_module; built-in code has none. */
#ifdef MODULE
extern struct module __this_module __attribute__((visibility("hidden")));
#define THIS_MODULE			(&__this_module)
#else
#define THIS_MODULE			((struct module *)0)
#endif

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/export.h> brings with it, once this header is complete. */
#include <linux/stringify.h>
#endif
#endif
