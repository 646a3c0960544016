// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/module_sections.c: /sys/module/<name>/sections/ and notes/ of a loaded module,
 * as Linux 6.1 makes them (add_sect_attrs, add_notes_attrs), from the section headers
 * of the module's object file and where the loader mapped it. sections/ has a file per
 * allocated, non-empty section, named as the section (".text", ".data", ...; a ukmem
 * module is a shared object, so its dynamic-linking sections are among them), mode
 * 0400, reading the section's address as "0x%px\n" -- or 0x0000000000000000 for a
 * reader without CAP_SYSLOG, as kallsyms_show_value() answers with kptr_restrict 0 --
 * in one read from offset 0 (-EINVAL elsewhere). notes/ (only if the module has one)
 * has a file per allocated SHT_NOTE section (.note.gnu.build-id, ...), mode 0444, whose
 * bytes are the note as mapped. Invariants: both live from mod_sysfs_setup until
 * mod_sysfs_teardown, while the object stays mapped; they are built once and never
 * change. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/capability.h>
#include <linux/kobject.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include "kernel/module.h"

/* "0x", 16 hex digits, "\n" */
#define MODULE_SECT_READ_SIZE	(3 + (BITS_PER_LONG / 4))

struct module_sect_attr {
	struct bin_attribute battr;
	unsigned long address;
};

struct module_sect_attrs {
	struct attribute_group grp;
	unsigned int nsections;
	struct module_sect_attr attrs[];
};

struct module_notes_attrs {
	struct kobject *dir;
	unsigned int notes;
	struct bin_attribute attrs[];
};

/* The object's section headers and their names, read from its file. */
struct elf_sections {
	Elf64_Shdr *shdrs;
	unsigned int shnum;
	char *names;
	size_t names_size;
};

static void elf_sections_free(struct elf_sections *es)
{
	free(es->shdrs);
	free(es->names);
}

static bool pread_all(int fd, void *buf, size_t len, off_t off)
{
	return pread(fd, buf, len, off) == (ssize_t)len;
}

static int elf_sections_read(const char *path, struct elf_sections *es)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	Elf64_Ehdr eh;
	int err = -ENOEXEC;

	memset(es, 0, sizeof(*es));
	if (fd < 0)
		return -errno;
	if (!pread_all(fd, &eh, sizeof(eh), 0) || memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_shentsize != sizeof(Elf64_Shdr) ||
	    !eh.e_shnum || eh.e_shstrndx >= eh.e_shnum)
		goto out;
	es->shnum = eh.e_shnum;
	es->shdrs = calloc(es->shnum, sizeof(Elf64_Shdr));
	if (!es->shdrs || !pread_all(fd, es->shdrs, es->shnum * sizeof(Elf64_Shdr),
				     (off_t)eh.e_shoff))
		goto out;
	es->names_size = es->shdrs[eh.e_shstrndx].sh_size;
	es->names = calloc(1, es->names_size + 1);
	if (es->names && pread_all(fd, es->names, es->names_size,
				   (off_t)es->shdrs[eh.e_shstrndx].sh_offset))
		err = 0;
out:
	close(fd);
	if (err)
		elf_sections_free(es);
	return err;
}

static const char *section_name(const struct elf_sections *es, const Elf64_Shdr *sh)
{
	return sh->sh_name < es->names_size ? es->names + sh->sh_name : "";
}

/* As 6.1's sect_empty(): not loaded, or nothing in it. */
static bool sect_empty(const Elf64_Shdr *sh)
{
	return !(sh->sh_flags & SHF_ALLOC) || sh->sh_size == 0;
}

static ssize_t module_sect_read(struct file *file, struct kobject *kobj,
				struct bin_attribute *battr, char *buf, loff_t pos, size_t count)
{
	struct module_sect_attr *sattr = container_of(battr, struct module_sect_attr, battr);
	char bounce[MODULE_SECT_READ_SIZE + 1];
	size_t wrote;

	if (pos != 0)
		return -EINVAL;
	wrote = (size_t)scnprintf(bounce, sizeof(bounce), "0x%px\n",
				  capable(CAP_SYSLOG) ? (void *)sattr->address : NULL);
	count = min(count, wrote);
	memcpy(buf, bounce, count);
	return (ssize_t)count;
}

static void free_sect_attrs(struct module_sect_attrs *sect_attrs)
{
	for (unsigned int i = 0; i < sect_attrs->nsections; i++)
		kfree(sect_attrs->attrs[i].battr.attr.name);
	kfree(sect_attrs->grp.bin_attrs);
	kfree(sect_attrs);
}

static int add_sect_attrs(struct module *mod, const struct elf_sections *es, uintptr_t bias)
{
	struct module_sect_attrs *sect_attrs;
	unsigned int nloaded = 0;
	int err;

	for (unsigned int i = 0; i < es->shnum; i++)
		if (!sect_empty(&es->shdrs[i]))
			nloaded++;
	sect_attrs = kzalloc(sizeof(*sect_attrs) + nloaded * sizeof(sect_attrs->attrs[0]),
			     GFP_KERNEL);
	if (!sect_attrs)
		return -ENOMEM;
	sect_attrs->grp.name = "sections";
	sect_attrs->grp.bin_attrs = kcalloc(nloaded + 1, sizeof(*sect_attrs->grp.bin_attrs),
					    GFP_KERNEL);
	if (!sect_attrs->grp.bin_attrs) {
		free_sect_attrs(sect_attrs);
		return -ENOMEM;
	}
	for (unsigned int i = 0; i < es->shnum; i++) {
		const Elf64_Shdr *sh = &es->shdrs[i];
		struct module_sect_attr *sattr = &sect_attrs->attrs[sect_attrs->nsections];

		if (sect_empty(sh))
			continue;
		sysfs_bin_attr_init(&sattr->battr);
		sattr->address = bias + sh->sh_addr;
		sattr->battr.attr.name = kstrdup(section_name(es, sh), GFP_KERNEL);
		if (!sattr->battr.attr.name) {
			free_sect_attrs(sect_attrs);
			return -ENOMEM;
		}
		sattr->battr.attr.mode = 0400;
		sattr->battr.size = MODULE_SECT_READ_SIZE;
		sattr->battr.read = module_sect_read;
		sect_attrs->grp.bin_attrs[sect_attrs->nsections++] = &sattr->battr;
	}
	err = sysfs_create_group(&mod->mkobj.kobj, &sect_attrs->grp);
	if (err) {
		free_sect_attrs(sect_attrs);
		return err;
	}
	mod->sect_attrs = sect_attrs;
	return 0;
}

static ssize_t module_notes_read(struct file *file, struct kobject *kobj,
				 struct bin_attribute *battr, char *buf, loff_t pos, size_t count)
{
	if (pos >= (loff_t)battr->size)
		return 0;
	count = min(count, battr->size - (size_t)pos);
	memcpy(buf, (const char *)battr->private + pos, count);
	return (ssize_t)count;
}

static void free_notes_attrs(struct module_notes_attrs *notes_attrs, unsigned int made)
{
	for (unsigned int i = 0; i < made; i++)
		sysfs_remove_bin_file(notes_attrs->dir, &notes_attrs->attrs[i]);
	kobject_put(notes_attrs->dir);
	for (unsigned int i = 0; i < notes_attrs->notes; i++)
		kfree(notes_attrs->attrs[i].attr.name);
	kfree(notes_attrs);
}

static int add_notes_attrs(struct module *mod, const struct elf_sections *es, uintptr_t bias)
{
	struct module_notes_attrs *notes_attrs;
	unsigned int notes = 0, made;

	for (unsigned int i = 0; i < es->shnum; i++)
		if (!sect_empty(&es->shdrs[i]) && es->shdrs[i].sh_type == SHT_NOTE)
			notes++;
	if (!notes)
		return 0;
	notes_attrs = kzalloc(sizeof(*notes_attrs) + notes * sizeof(notes_attrs->attrs[0]),
			      GFP_KERNEL);
	if (!notes_attrs)
		return -ENOMEM;
	for (unsigned int i = 0; i < es->shnum; i++) {
		const Elf64_Shdr *sh = &es->shdrs[i];
		struct bin_attribute *nattr = &notes_attrs->attrs[notes_attrs->notes];

		if (sect_empty(sh) || sh->sh_type != SHT_NOTE)
			continue;
		sysfs_bin_attr_init(nattr);
		nattr->attr.name = kstrdup(section_name(es, sh), GFP_KERNEL);
		nattr->attr.mode = 0444;
		nattr->size = sh->sh_size;
		nattr->private = (void *)(bias + sh->sh_addr);
		nattr->read = module_notes_read;
		notes_attrs->notes++;
		if (!nattr->attr.name) {
			free_notes_attrs(notes_attrs, 0);
			return -ENOMEM;
		}
	}
	notes_attrs->dir = kobject_create_and_add("notes", &mod->mkobj.kobj);
	if (!notes_attrs->dir) {
		free_notes_attrs(notes_attrs, 0);
		return -ENOMEM;
	}
	for (made = 0; made < notes_attrs->notes; made++) {
		int err = sysfs_create_bin_file(notes_attrs->dir, &notes_attrs->attrs[made]);

		if (err) {
			free_notes_attrs(notes_attrs, made);
			return err;
		}
	}
	mod->notes_attrs = notes_attrs;
	return 0;
}

/**
 * module_sections_add - make /sys/module/<name>/sections and notes
 * @mod: the module, its /sys/module directory made
 * @path: its object file
 * @bias: where the loader mapped it (the object's addresses plus @bias)
 *
 * Context: the loader, under its module mutex. Return: 0 or -errno (nothing left).
 */
int module_sections_add(struct module *mod, const char *path, uintptr_t bias)
{
	struct elf_sections es;
	int err = elf_sections_read(path, &es);

	if (err)
		return err;
	err = add_sect_attrs(mod, &es, bias);
	if (!err) {
		err = add_notes_attrs(mod, &es, bias);
		if (err)
			module_sections_remove(mod);
	}
	elf_sections_free(&es);
	return err;
}

/**
 * module_sections_remove - remove what module_sections_add() made
 * @mod: the module
 *
 * Context: the loader (or shutdown). Nothing if there is nothing.
 */
void module_sections_remove(struct module *mod)
{
	if (mod->notes_attrs) {
		free_notes_attrs(mod->notes_attrs, mod->notes_attrs->notes);
		mod->notes_attrs = NULL;
	}
	if (mod->sect_attrs) {
		sysfs_remove_group(&mod->mkobj.kobj, &mod->sect_attrs->grp);
		free_sect_attrs(mod->sect_attrs);
		mod->sect_attrs = NULL;
	}
}
