/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fs/proc.h: ukmem's side of the /proc registry (drivers use <linux/proc_fs.h>). ukmem's
 * own views are entries of the same registry, made by absolute path with one show
 * function: "/proc/meminfo", and also paths outside /proc ("/dev/kmsg",
 * "/sys/kernel/tracing/trace"), which live in a second tree of the registry. Files of
 * both trees open with ukmem_open/filp_open and render whole with proc_render(). */
#ifndef UKMEM_FS_PROC_H
#define UKMEM_FS_PROC_H

#include <stddef.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

/* Makes the view at path (missing directories included), shown by show(m, data) as a
 * single_open file: 0, -EEXIST (with the kernel's WARN), -EINVAL or -ENOMEM. */
int proc_create_view(const char *path, int (*show)(struct seq_file *, void *), void *data);
/* The entry at path ("/proc/..." or a view's path), symlinks followed, with its inode
 * held (inode->ukmem_put lets go); ERR_PTR(-ENOENT) or ERR_PTR(-EISDIR). */
struct dentry *proc_lookup(const char *path);
/* The directory at path ("/proc/sys/vm"), or NULL; it stays until removed. */
struct proc_dir_entry *proc_dir_lookup(const char *path);
/* Removes every entry (at shutdown, once every file is closed). */
void proc_remove_all(void);
/* Reads the file at path whole into a new malloc'd NUL-terminated string (caller frees);
 * NULL if there is no such file or it cannot be read. */
char *proc_render(const char *path, size_t *len);

#endif
