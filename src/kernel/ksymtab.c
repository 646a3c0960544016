// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/ksymtab.c: the symbols a module may use, checked as Linux's loader resolves a
 * module's undefined symbols (kernel/module/main.c, simplify_symbols). A module sees the
 * library's exported kernel API (EXPORT_SYMBOL, made visible and marked
 * __ksymtab_<sym> / __ksymtab_gpl_<sym> in .ukmem_ksymtab by <linux/export.h>), the C
 * library's functions and the exports of modules loaded before it; everything else in
 * the library is hidden. A symbol exported GPL-only resolves only for a module under a
 * GPL-compatible licence. Every symbol that does not resolve is reported as Linux reports
 * it ("Unknown symbol"), and the load fails with -ENOENT.
 * The GPL-only list is read once from the symbol table of the file holding the library
 * (libukmem.so or a program linked with libukmem.a); without one, nothing is GPL-only. */
#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/printk.h>
#include "kernel/module.h"

#define GPL_MARKER	"__ksymtab_gpl_"

static struct {
	pthread_once_t once;
	char **names;		/* sorted */
	size_t nr;
} gpl_only = { .once = PTHREAD_ONCE_INIT };

struct elf_file {
	int fd;
	Elf64_Ehdr eh;
};

static bool read_at(int fd, void *buf, size_t len, off_t off)
{
	return pread(fd, buf, len, off) == (ssize_t)len;
}

static bool elf_open(struct elf_file *f, const char *path)
{
	f->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (f->fd < 0)
		return false;
	if (read_at(f->fd, &f->eh, sizeof(f->eh), 0) && !memcmp(f->eh.e_ident, ELFMAG, SELFMAG) &&
	    f->eh.e_ident[EI_CLASS] == ELFCLASS64 && f->eh.e_shentsize == sizeof(Elf64_Shdr))
		return true;
	close(f->fd);
	return false;
}

/* Calls fn for every symbol of the first section of the given type (SHT_SYMTAB or
 * SHT_DYNSYM), with the symbol's name. */
static void elf_for_each_symbol(struct elf_file *f, unsigned int type,
				void (*fn)(void *ctx, const Elf64_Sym *sym, const char *name),
				void *ctx)
{
	Elf64_Shdr sh, strsh;

	for (unsigned int i = 0; i < f->eh.e_shnum; i++) {
		char *strtab;
		Elf64_Sym *syms;

		if (!read_at(f->fd, &sh, sizeof(sh), f->eh.e_shoff + i * sizeof(sh)) ||
		    sh.sh_type != type || sh.sh_link >= f->eh.e_shnum ||
		    !read_at(f->fd, &strsh, sizeof(strsh), f->eh.e_shoff + sh.sh_link * sizeof(sh)))
			continue;
		strtab = malloc(strsh.sh_size + 1);
		syms = malloc(sh.sh_size);
		if (strtab && syms && read_at(f->fd, strtab, strsh.sh_size, strsh.sh_offset) &&
		    read_at(f->fd, syms, sh.sh_size, sh.sh_offset)) {
			strtab[strsh.sh_size] = '\0';
			for (size_t k = 0; k < sh.sh_size / sizeof(Elf64_Sym); k++)
				if (syms[k].st_name < strsh.sh_size)
					fn(ctx, &syms[k], strtab + syms[k].st_name);
		}
		free(strtab);
		free(syms);
		return;
	}
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void collect_gpl_marker(void *ctx, const Elf64_Sym *sym, const char *name)
{
	char **names;

	if (strncmp(name, GPL_MARKER, strlen(GPL_MARKER)))
		return;
	names = realloc(gpl_only.names, (gpl_only.nr + 1) * sizeof(*names));
	if (!names)
		return;
	gpl_only.names = names;
	names[gpl_only.nr] = strdup(name + strlen(GPL_MARKER));
	if (names[gpl_only.nr])
		gpl_only.nr++;
}

static void read_gpl_only(void)
{
	Dl_info info;
	struct elf_file f;

	if (!dladdr((void *)read_gpl_only, &info) || !info.dli_fname)
		return;
	if (!elf_open(&f, info.dli_fname[0] ? info.dli_fname : "/proc/self/exe"))
		return;
	elf_for_each_symbol(&f, SHT_SYMTAB, collect_gpl_marker, NULL);
	close(f.fd);
	qsort(gpl_only.names, gpl_only.nr, sizeof(*gpl_only.names), compare_names);
}

static bool is_gpl_only(const char *name)
{
	pthread_once(&gpl_only.once, read_gpl_only);
	return gpl_only.nr && bsearch(&name, gpl_only.names, gpl_only.nr,
				      sizeof(*gpl_only.names), compare_names);
}

struct resolve {
	const char *modname;
	bool gpl_ok;		/* the module's licence is GPL-compatible */
	bool check_gpl;		/* before loading: only GPL-only symbols */
	int err;
};

static void resolve_symbol(void *ctx, const Elf64_Sym *sym, const char *name)
{
	struct resolve *r = ctx;
	bool unknown;

	if (sym->st_shndx != SHN_UNDEF || !*name || ELF64_ST_BIND(sym->st_info) == STB_LOCAL)
		return;
	if (r->check_gpl)
		unknown = !r->gpl_ok && is_gpl_only(name);
	else	/* a weak symbol may stay unresolved, as in Linux */
		unknown = ELF64_ST_BIND(sym->st_info) != STB_WEAK && !dlsym(RTLD_DEFAULT, name);
	if (!unknown)
		return;
	pr_warn("%s: Unknown symbol %s (err %d)\n", r->modname, name, -ENOENT);
	r->err = -ENOENT;
}

/**
 * module_resolve_symbols() - check a module file's undefined symbols against the exports
 * @path: the module file
 * @modname: its name, for the reports
 * @gpl_ok: the module's MODULE_LICENSE() is GPL-compatible
 * @check_gpl: true before loading (is a GPL-only symbol used by a non-GPL module?);
 *	false after a failed load (which symbols resolve nowhere?)
 *
 * Context: process context, under the module mutex; reads the files.
 * Return: 0, or -ENOENT after printing "<modname>: Unknown symbol <sym> (err -2)" for
 * each symbol that cannot be resolved.
 */
int module_resolve_symbols(const char *path, const char *modname, bool gpl_ok, bool check_gpl)
{
	struct resolve r = { .modname = modname, .gpl_ok = gpl_ok, .check_gpl = check_gpl };
	struct elf_file f;

	if (!elf_open(&f, path))
		return 0;
	elf_for_each_symbol(&f, SHT_DYNSYM, resolve_symbol, &r);
	close(f.fd);
	return r.err;
}
