/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* kernel/module.h: running the modules linked into a program (libukmem-module's main).
 * Built-in modules are those registered before main(); they run in registration (link)
 * order and exit in reverse. */
#ifndef UKMEM_KERNEL_MODULE_H
#define UKMEM_KERNEL_MODULE_H

#include <stdint.h>

#include <stdbool.h>
#include <stddef.h>

/* " mod_a mod_b(+)" for "Modules linked in:", newest first; a module in its init is
 * marked (+), one in its exit (-). */
void module_names(char *buf, size_t size);

/* kernel/modinfo.c: a module file's .modinfo value for tag (malloc'd) or NULL; the
 * version-magic check made before a module file is loaded (0 or -ENOEXEC). */
char *modinfo_get(const char *path, const char *tag);
int modinfo_check_vermagic(const char *path, const char *modname);
/* The names a module file's .dynsym leaves undefined, one call each: 0 or -errno. */
int module_undefined_symbols(const char *path, void (*fn)(void *ctx, const char *name),
			     void *ctx);

/* kernel/ksymtab.c: 0, or -ENOENT after reporting each of the module file's undefined
 * symbols that cannot be resolved ("<modname>: Unknown symbol <sym> (err -2)"): with
 * check_gpl, the GPL-only ones a module without a GPL-compatible licence uses; without,
 * those nothing exports. */
int module_resolve_symbols(const char *path, const char *modname, bool gpl_ok, bool check_gpl);

struct module;
struct kernel_param;

/* A module's MODULE_INFO value for tag (MODULE_VERSION: "version"), or NULL. */
const char *module_modinfo(struct module *mod, const char *tag);

/* kernel/module_sysfs.c: /sys/module. mod_sysfs_setup() makes a loading module's
 * directory (its state COMING) and mod_sysfs_teardown() removes it, waiting for the
 * last reference; param_sysfs_builtin() makes a built-in module's parameters/. */
int mod_sysfs_setup(struct module *mod, const struct kernel_param *const *params, int nr);
void mod_sysfs_teardown(struct module *mod);
int param_sysfs_builtin(const char *name, const struct kernel_param *const *params, int nr);
/* kernel/module_sections.c: sections/ and notes/ of a loaded module's directory, from
 * its object file at path mapped bias bytes from its own addresses. */
int module_sections_add(struct module *mod, const char *path, uintptr_t bias);
void module_sections_remove(struct module *mod);

#endif
