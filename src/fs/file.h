/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fs/file.h: ukmem's descriptor table -- the user side's small integers naming open
 * device files. Each descriptor holds one reference on its struct file; so does each
 * mapping of it (vma->vm_file). The driver's release runs when the last one goes. */
#ifndef UKMEM_FS_FILE_H
#define UKMEM_FS_FILE_H

#include <linux/fs.h>

/* The file behind fd with a new reference (fput it), or NULL. */
struct file *fget(int fd);
/* The kernel's vfs_read: the mode, operation, buffer and position checks, then the
 * driver's read (or read_iter). buf is a user pointer; host memory counts as one. */
ssize_t file_read(struct file *file, char __user *buf, size_t count, loff_t *pos);
/* A system call's return: a value >= 0 as it is, -errno as errno set and -1. */
long user_error(long err);

/* Replaces the bits of mask in file->f_flags with those of value, atomically (FIONBIO,
 * F_SETFL and fasync_helper may change a file's flags at the same time). */
void file_set_flags(struct file *file, unsigned int mask, unsigned int value);

/* FD_CLOEXEC of descriptor fd (each descriptor has its own; ukmem keeps it only: its
 * descriptors end with the process at exec anyway). Setting it on a closed fd does
 * nothing. */
bool get_close_on_exec(int fd);
void set_close_on_exec(int fd, bool on);

/* Closes every descriptor still open (the process exits). */
void files_exit(void);

#endif
