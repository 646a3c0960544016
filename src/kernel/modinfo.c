// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/modinfo.c: a module file's .modinfo section ("tag=value" strings, NUL
 * separated), read from the ELF file without loading it, as Linux's modinfo and the
 * module loader's check_modinfo() read a .ko. The loader refuses a module whose
 * vermagic= names another ukmem. Only 64-bit little-endian ELF files are read; anything
 * else has no module information. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/printk.h>
#include "kernel/module.h"

static bool read_at(int fd, void *buf, size_t len, off_t off)
{
	return pread(fd, buf, len, off) == (ssize_t)len;
}

/* Finds the section called name in an open ELF file: 1 (*sh filled), 0 if it has none,
 * -ENOEXEC if it is not a 64-bit little-endian ELF file. */
static int elf_section(int fd, const char *name, Elf64_Shdr *sh)
{
	size_t len = strlen(name) + 1;
	Elf64_Ehdr eh;
	Elf64_Shdr strtab;

	if (!read_at(fd, &eh, sizeof(eh), 0) || memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh.e_shentsize != sizeof(Elf64_Shdr) || eh.e_shstrndx >= eh.e_shnum ||
	    !read_at(fd, &strtab, sizeof(strtab), eh.e_shoff + eh.e_shstrndx * sizeof(*sh)))
		return -ENOEXEC;
	for (unsigned int i = 0; i < eh.e_shnum; i++) {
		char found[32];

		if (len > sizeof(found) ||
		    !read_at(fd, sh, sizeof(*sh), eh.e_shoff + i * sizeof(*sh)) ||
		    sh->sh_name >= strtab.sh_size ||
		    pread(fd, found, len, (off_t)(strtab.sh_offset + sh->sh_name)) != (ssize_t)len)
			continue;
		if (!memcmp(found, name, len))
			return 1;
	}
	return 0;
}

/**
 * ukmem_modinfo() - the .modinfo section of a module file
 * @path: the module (.ko or shared object)
 * @buf: receives the section: "tag=value" strings, each ended by a NUL byte
 * @size: size of @buf
 *
 * Context: process context, no locks; reads the file.
 * Return: the section's length (which may exceed @size: then @buf holds its start),
 * 0 when the file has no .modinfo, -ENOENT when it cannot be opened, -ENOEXEC when it is
 * not a 64-bit ELF file, -EFAULT for a NULL @path or a NULL @buf with a non-zero @size.
 */
long ukmem_modinfo(const char *path, char *buf, size_t size)
{
	Elf64_Shdr sh;
	long found;
	int fd;

	if (!path || (!buf && size))
		return -EFAULT;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -ENOENT;
	found = elf_section(fd, ".modinfo", &sh);
	if (found > 0 && sh.sh_type != SHT_PROGBITS)
		found = 0;
	if (found > 0) {
		found = (long)sh.sh_size;
		if (size && !read_at(fd, buf, sh.sh_size < size ? sh.sh_size : size, sh.sh_offset))
			found = -ENOEXEC;
	}
	close(fd);
	return found;
}

/* The symbols a module file leaves for the loader to bind (undefined in its .dynsym):
 * fn(ctx, name) for each. 0, or -ENOENT/-ENOEXEC/-ENOMEM. */
int module_undefined_symbols(const char *path, void (*fn)(void *ctx, const char *name),
			     void *ctx)
{
	Elf64_Shdr symtab, strtab;
	char *names = NULL;
	int fd, err = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -ENOENT;
	if (elf_section(fd, ".dynsym", &symtab) <= 0 || elf_section(fd, ".dynstr", &strtab) <= 0)
		goto out;			/* nothing to bind */
	names = malloc(strtab.sh_size + 1);
	if (!names) {
		err = -ENOMEM;
		goto out;
	}
	if (!read_at(fd, names, strtab.sh_size, strtab.sh_offset)) {
		err = -ENOEXEC;
		goto out;
	}
	names[strtab.sh_size] = '\0';
	for (uint64_t off = sizeof(Elf64_Sym); off + sizeof(Elf64_Sym) <= symtab.sh_size;
	     off += sizeof(Elf64_Sym)) {
		Elf64_Sym sym;

		if (!read_at(fd, &sym, sizeof(sym), symtab.sh_offset + off)) {
			err = -ENOEXEC;
			break;
		}
		if (sym.st_shndx == SHN_UNDEF && sym.st_name && sym.st_name < strtab.sh_size)
			fn(ctx, names + sym.st_name);
	}
out:
	free(names);
	close(fd);
	return err;
}

/* The value of tag in a module file's .modinfo (malloc'd), or NULL. */
char *modinfo_get(const char *path, const char *tag)
{
	long len = ukmem_modinfo(path, NULL, 0);
	size_t tlen = strlen(tag);
	char *buf, *value = NULL;

	if (len <= 0 || !(buf = malloc((size_t)len + 1)))
		return NULL;
	if (ukmem_modinfo(path, buf, (size_t)len) == len) {
		buf[len] = '\0';
		for (char *p = buf; p < buf + len; p += strlen(p) + 1)
			if (!strncmp(p, tag, tlen) && p[tlen] == '=') {
				value = strdup(p + tlen + 1);
				break;
			}
	}
	free(buf);
	return value;
}

/* 0 when the module may be loaded into this ukmem; -ENOEXEC, reported as Linux's
 * loader reports it, when it was built by ukmem's Kbuild for another version. */
int modinfo_check_vermagic(const char *path, const char *modname)
{
	char *magic = modinfo_get(path, "vermagic");
	int err = 0;

	if (magic && strcmp(magic, UKMEM_VERMAGIC)) {
		pr_err("%s: version magic '%s' should be '%s'\n", modname, magic, UKMEM_VERMAGIC);
		err = -ENOEXEC;
	}
	free(magic);
	return err;
}
