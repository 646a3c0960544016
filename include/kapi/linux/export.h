/* linux/export.h: exporting symbols to other modules. Every non-static symbol of a
 * loaded module is visible to modules loaded after it (they are loaded RTLD_GLOBAL), so
 * EXPORT_SYMBOL only checks at compile time that sym is declared. */
#ifndef UKMEM_LINUX_EXPORT_H
#define UKMEM_LINUX_EXPORT_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#define EXPORT_SYMBOL(sym)		extern typeof(sym) sym
#define EXPORT_SYMBOL_GPL(sym)		extern typeof(sym) sym
#define EXPORT_SYMBOL_NS(sym, ns)	extern typeof(sym) sym
#define EXPORT_SYMBOL_NS_GPL(sym, ns)	extern typeof(sym) sym
#define MODULE_IMPORT_NS(ns)		extern int __ukmem_import_ns_unused
#define THIS_MODULE			((struct module *)0)

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/export.h> brings with it, once this header is complete. */
#include <linux/stringify.h>
#endif
#endif
