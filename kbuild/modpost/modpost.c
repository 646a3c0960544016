// SPDX-License-Identifier: LGPL-2.1-or-later
/* modpost for ukmem's Kbuild: checks a linked module before it becomes <module>.ko, as
 * Linux's scripts/mod/modpost does, and is a host program as Linux's is (it reads the ELF
 * files itself, with elfutils' libelf, and starts no other process).
 *   - Every symbol the module uses must be exported by ukmem (Module.symvers), by
 *     another module of the same build (the __ksymtab_* markers in their objects, as
 *     Linux's modpost sees every module of one build), or be one of the C library's
 *     functions the kernel also has under the same name and meaning (libc-symbols.txt).
 *   - A symbol exported with EXPORT_SYMBOL_GPL may be used only by a module whose
 *     MODULE_LICENSE() is GPL-compatible (Linux's list: include/linux/license.h).
 *   - The module must carry a MODULE_LICENSE().
 * Errors are printed in modpost's words, one per symbol in the symbols' order, and fail
 * the build; with KBUILD_MODPOST_WARN set an undefined symbol is a warning, as in
 * Linux, and the module is left for the loader to refuse ("Unknown symbol").
 * Usage: modpost KBUILD_DIR LINKED_OBJECT MODULE.ko [OBJECT...] */
#include <fcntl.h>
#include <gelf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A set of names: appended, then sorted once and searched. */
struct names {
	char **v;
	size_t n, cap;
};

static void names_add(struct names *s, const char *name)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 1024;
		s->v = realloc(s->v, s->cap * sizeof(*s->v));
		if (!s->v) {
			perror("modpost");
			exit(1);
		}
	}
	s->v[s->n] = strdup(name);
	if (!s->v[s->n++]) {
		perror("modpost");
		exit(1);
	}
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void names_sort(struct names *s)
{
	if (s->n)
		qsort(s->v, s->n, sizeof(*s->v), compare_names);
}

static bool names_has(const struct names *s, const char *name)
{
	return s->n && bsearch(&name, s->v, s->n, sizeof(*s->v), compare_names);
}

static struct names known, gpl_only, used;

/* Calls fn for each line of the file at path (its newline cut); a missing file is fatal. */
static void for_each_line(const char *path, void (*fn)(char *line))
{
	char line[1024];
	FILE *f = fopen(path, "r");

	if (!f) {
		perror(path);
		exit(1);
	}
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		fn(line);
	}
	fclose(f);
}

/* Module.symvers: "crc<TAB>symbol<TAB>module<TAB>EXPORT_SYMBOL[_GPL]<TAB>namespace". */
static void take_export(char *line)
{
	char *sym = strchr(line, '\t'), *mod, *type;

	if (!sym || !(mod = strchr(++sym, '\t')))
		return;
	*mod++ = '\0';
	names_add(&known, sym);
	type = strchr(mod, '\t');
	if (type && !strncmp(type + 1, "EXPORT_SYMBOL_GPL", 17))
		names_add(&gpl_only, sym);
}

/* libc-symbols.txt: a name a line; # starts a comment line. */
static void take_libc_symbol(char *line)
{
	if (line[0] && line[0] != '#')
		names_add(&known, line);
}

static Elf *open_elf(const char *path, int *fd)
{
	Elf *elf;

	*fd = open(path, O_RDONLY);
	if (*fd < 0)
		return NULL;
	elf = elf_begin(*fd, ELF_C_READ, NULL);
	if (!elf)
		close(*fd);
	return elf;
}

static void close_elf(Elf *elf, int fd)
{
	elf_end(elf);
	close(fd);
}

/* Calls fn for each named symbol of the section type (SHT_SYMTAB or SHT_DYNSYM). */
static void for_each_symbol(Elf *elf, Elf64_Word type, void (*fn)(const GElf_Sym *, const char *))
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr shdr;
		Elf_Data *data;

		if (!gelf_getshdr(scn, &shdr) || shdr.sh_type != type || !shdr.sh_entsize ||
		    !(data = elf_getdata(scn, NULL)))
			continue;
		for (size_t i = 0; i < shdr.sh_size / shdr.sh_entsize; i++) {
			GElf_Sym sym;
			const char *name;

			if (gelf_getsym(data, (int)i, &sym) &&
			    (name = elf_strptr(elf, shdr.sh_link, sym.st_name)) && *name)
				fn(&sym, name);
		}
	}
}

/* Another module's export marker: __ksymtab_<sym> or __ksymtab_gpl_<sym>, defined. */
static void take_marker(const GElf_Sym *sym, const char *name)
{
	if (sym->st_shndx == SHN_UNDEF || strncmp(name, "__ksymtab_", 10))
		return;
	if (!strncmp(name, "__ksymtab_gpl_", 14)) {
		names_add(&known, name + 14);
		names_add(&gpl_only, name + 14);
	} else {
		names_add(&known, name + 10);
	}
}

/* A symbol the module needs from outside (undefined and not weak, as nm's "U"). */
static void take_undefined(const GElf_Sym *sym, const char *name)
{
	if (sym->st_shndx == SHN_UNDEF && GELF_ST_BIND(sym->st_info) != STB_WEAK)
		names_add(&used, name);
}

/* The module's MODULE_LICENSE(): the first "license=" string of .modinfo, copied to
 * license; false when there is none. */
static bool read_license(Elf *elf, char *license, size_t size)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;

	if (elf_getshdrstrndx(elf, &shstrndx))
		return false;
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr shdr;
		Elf_Data *data;
		const char *name, *p, *end;

		if (!gelf_getshdr(scn, &shdr) || !(name = elf_strptr(elf, shstrndx, shdr.sh_name)) ||
		    strcmp(name, ".modinfo") || !(data = elf_getdata(scn, NULL)) || !data->d_buf)
			continue;
		for (p = data->d_buf, end = p + data->d_size; p < end; p += strnlen(p, end - p) + 1)
			if (!strncmp(p, "license=", 8) && memchr(p, '\0', end - p)) {
				snprintf(license, size, "%s", p + 8);
				return true;
			}
	}
	return false;
}

static bool gpl_compatible(const char *license)
{
	static const char *const ok[] = { "GPL", "GPL v2", "GPL and additional rights",
					  "Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL" };

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (!strcmp(license, ok[i]))
			return true;
	return false;
}

int main(int argc, char **argv)
{
	const char *kdir, *obj, *ko, *warn = getenv("KBUILD_MODPOST_WARN"), *base;
	char path[4096], license[256] = "", ko_abs[8200], cwd[4096];
	bool has_license, compatible;
	int fd, status = 0;
	Elf *elf;

	if (argc < 4) {
		fprintf(stderr, "usage: modpost KBUILD_DIR LINKED_OBJECT MODULE.ko [OBJECT...]\n");
		return 2;
	}
	kdir = argv[1], obj = argv[2], ko = argv[3];
	if (ko[0] != '/' && getcwd(cwd, sizeof(cwd))) {
		snprintf(ko_abs, sizeof(ko_abs), "%s/%s", cwd, ko);
		ko = ko_abs;
	}
	elf_version(EV_CURRENT);
	snprintf(path, sizeof(path), "%s/Module.symvers", kdir);
	for_each_line(path, take_export);
	snprintf(path, sizeof(path), "%s/scripts/libc-symbols.txt", kdir);
	for_each_line(path, take_libc_symbol);
	for (int i = 4; i < argc; i++) {
		elf = open_elf(argv[i], &fd);
		if (elf) {
			for_each_symbol(elf, SHT_SYMTAB, take_marker);
			close_elf(elf, fd);
		}
	}
	elf = open_elf(obj, &fd);
	if (!elf) {
		fprintf(stderr, "modpost: %s: not an ELF file\n", obj);
		return 1;
	}
	for_each_symbol(elf, SHT_DYNSYM, take_undefined);
	has_license = read_license(elf, license, sizeof(license));
	close_elf(elf, fd);

	names_sort(&known);
	names_sort(&gpl_only);
	names_sort(&used);
	compatible = gpl_compatible(license);
	base = strrchr(ko, '/') ? strrchr(ko, '/') + 1 : ko;
	for (size_t i = 0; i < used.n; i++) {
		const char *sym = used.v[i];

		if (i && !strcmp(sym, used.v[i - 1]))
			continue;
		if (!names_has(&known, sym)) {
			fprintf(stderr, "%s: modpost: \"%s\" [%s] undefined!\n",
				warn && *warn ? "WARNING" : "ERROR", sym, ko);
			if (!(warn && *warn))
				status = 1;
		} else if (!compatible && names_has(&gpl_only, sym)) {
			fprintf(stderr, "ERROR: modpost: GPL-incompatible module %s uses GPL-only symbol '%s'\n",
				base, sym);
			status = 1;
		}
	}
	if (!has_license) {
		fprintf(stderr, "ERROR: modpost: missing MODULE_LICENSE() in %.*s.o\n",
			(int)(strlen(ko) - (strlen(ko) > 3 && !strcmp(ko + strlen(ko) - 3, ".ko") ? 3 : 0)),
			ko);
		status = 1;
	}
	return status;
}
