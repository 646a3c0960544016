// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs/proc_sysctl.c: /proc/sys -- tables of tunables (struct ctl_table) registered under a
 * path, each entry a /proc file whose reads and writes call the entry's proc_handler
 * with a buffer in ukmem's memory; and the integer handlers most tables use.
 * As 6.1's sysctl, a file's permission bits are its owner's for every opener (the
 * caller is root): opening without the needed bit gives EACCES; a read from a position
 * past 0 gives nothing; the integer handlers take one decimal number per value, with
 * blanks around it, and refuse anything else or a value out of bounds with EINVAL.
 * Invariant: a header's files exist exactly between register_sysctl and
 * unregister_sysctl_table; directories stay once made. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/export.h>
#include <linux/fs.h>
#include <linux/mutex.h>
#include <linux/proc_fs.h>
#include <linux/slab.h>
#include <linux/sysctl.h>
#include <linux/uaccess.h>
#include "fs/proc.h"

const int sysctl_vals[] = { 0, 1, 2, 3, 4, 100, 200, 1000, 3000, INT_MAX, 65535, -1 };
EXPORT_SYMBOL(sysctl_vals);

#define SYSCTL_BUF_MAX	4096	/* a write longer than a page is refused, as 6.1 does */

struct ctl_table_header {
	struct ctl_table *table;
	struct proc_dir_entry **files;	/* one per entry */
	int nr;
};

static DEFINE_MUTEX(sysctl_lock);

/* ---- the integer handlers ---- */

/* Parses buffer[0..len) as one integer with blanks around it; false if it is not one. */
static bool parse_one_long(const char *buffer, size_t len, long long *value)
{
	char text[32], *end;
	size_t i = 0, j;

	while (i < len && (buffer[i] == ' ' || buffer[i] == '\t' || buffer[i] == '\n'))
		i++;
	for (j = i; j < len && buffer[j] != ' ' && buffer[j] != '\t' && buffer[j] != '\n'; j++)
		;
	if (j == i || j - i >= sizeof(text))
		return false;
	memcpy(text, buffer + i, j - i);
	text[j - i] = 0;
	errno = 0;
	*value = strtoll(text, &end, 10);
	if (*end || errno)
		return false;
	for (; j < len; j++)
		if (buffer[j] != ' ' && buffer[j] != '\t' && buffer[j] != '\n' && buffer[j])
			return false;
	return true;
}

static int do_int(struct ctl_table *table, int write, void *buffer, size_t *lenp, loff_t *ppos,
		  bool is_unsigned, const void *min, const void *max)
{
	long long v;

	if (!table->data || table->maxlen < (int)sizeof(int) || !*lenp || (*ppos && !write)) {
		*lenp = 0;
		return 0;
	}
	if (!write) {
		int n = is_unsigned ? snprintf(buffer, *lenp, "%u\n", *(unsigned int *)table->data) :
				      snprintf(buffer, *lenp, "%d\n", *(int *)table->data);

		*lenp = min_t(size_t, (size_t)n, *lenp);
		*ppos += (loff_t)*lenp;
		return 0;
	}
	if (!parse_one_long(buffer, *lenp, &v))
		return -EINVAL;
	if (is_unsigned) {
		if (v < 0 || v > UINT_MAX || (min && v < *(const unsigned int *)min) ||
		    (max && v > *(const unsigned int *)max))
			return -EINVAL;
		*(unsigned int *)table->data = (unsigned int)v;
	} else {
		if (v < INT_MIN || v > INT_MAX || (min && v < *(const int *)min) ||
		    (max && v > *(const int *)max))
			return -EINVAL;
		*(int *)table->data = (int)v;
	}
	*ppos += (loff_t)*lenp;
	return 0;
}

/**
 * proc_dointvec_minmax - reads or writes an int, refusing values outside the entry's
 *	extra1..extra2 (either may be NULL: no bound)
 * @table: the entry; data points to the int
 * @write: nonzero for a write of *lenp bytes from @buffer
 * @buffer: the text (a read fills it with "<value>\n")
 * @lenp: in: the buffer's size; out: the bytes used
 * @ppos: the file position
 *
 * Context: process. Return: 0, or -EINVAL for text that is not one number in bounds.
 */
int proc_dointvec_minmax(struct ctl_table *table, int write, void *buffer, size_t *lenp,
			 loff_t *ppos)
{
	return do_int(table, write, buffer, lenp, ppos, false, table->extra1, table->extra2);
}
EXPORT_SYMBOL(proc_dointvec_minmax);

/**
 * proc_dointvec - read or write a sysctl's array of ints
 * @table: the sysctl; ->data points at the ints, ->maxlen gives their size
 * @write: true for a write
 * @buffer: the kernel copy of the user's text
 * @lenp: in: its length; out: what was used
 * @ppos: the file position
 *
 * Values are separated by white space or commas.
 *
 * Context: process context, from a /proc/sys read or write.
 * Return: 0, or -EINVAL for text that is not a list of numbers.
 */
int proc_dointvec(struct ctl_table *table, int write, void *buffer, size_t *lenp, loff_t *ppos)
{
	return do_int(table, write, buffer, lenp, ppos, false, NULL, NULL);
}
EXPORT_SYMBOL(proc_dointvec);

/**
 * proc_douintvec_minmax - proc_dointvec() for unsigned ints within ->extra1 and ->extra2
 * @table: the sysctl; ->extra1 and ->extra2, if set, point at the bounds
 * @write: true for a write
 * @buffer: the text
 * @lenp: its length
 * @ppos: the file position
 *
 * Context: process context.
 * Return: 0, or -EINVAL (a value out of bounds changes nothing).
 */
int proc_douintvec_minmax(struct ctl_table *table, int write, void *buffer, size_t *lenp,
			  loff_t *ppos)
{
	return do_int(table, write, buffer, lenp, ppos, true, table->extra1, table->extra2);
}
EXPORT_SYMBOL_GPL(proc_douintvec_minmax);

/**
 * proc_douintvec - proc_dointvec() for unsigned ints
 * @table: the sysctl
 * @write: true for a write
 * @buffer: the text
 * @lenp: its length
 * @ppos: the file position
 *
 * Context: process context.
 * Return: 0, or -EINVAL.
 */
int proc_douintvec(struct ctl_table *table, int write, void *buffer, size_t *lenp, loff_t *ppos)
{
	return do_int(table, write, buffer, lenp, ppos, true, NULL, NULL);
}
EXPORT_SYMBOL(proc_douintvec);

/* ---- the files ---- */

static int sysctl_open(struct inode *inode, struct file *file)
{
	struct ctl_table *table = pde_data(inode);

	if (((file->f_mode & FMODE_READ) && !(table->mode & 0400)) ||
	    ((file->f_mode & FMODE_WRITE) && !(table->mode & 0200)))
		return -EACCES;
	return 0;
}

static ssize_t sysctl_rw(struct file *file, char *ubuf, size_t count, loff_t *ppos, int write)
{
	struct ctl_table *table = pde_data(file_inode(file));
	size_t len = count;
	char *kbuf;
	int err;

	if (write && count >= SYSCTL_BUF_MAX)
		return -E2BIG;
	len = min_t(size_t, count, SYSCTL_BUF_MAX - 1);
	kbuf = kzalloc(len + 1, GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;
	if (write && copy_from_user(kbuf, ubuf, len)) {
		kfree(kbuf);
		return -EFAULT;
	}
	err = table->proc_handler(table, write, kbuf, &len, ppos);
	if (!err && !write && len && copy_to_user(ubuf, kbuf, len))
		err = -EFAULT;
	kfree(kbuf);
	return err ? err : (ssize_t)len;
}

static ssize_t sysctl_read(struct file *file, char __user *ubuf, size_t count, loff_t *ppos)
{
	return sysctl_rw(file, (char *)ubuf, count, ppos, 0);
}

static ssize_t sysctl_write(struct file *file, const char __user *ubuf, size_t count, loff_t *ppos)
{
	return sysctl_rw(file, (char *)ubuf, count, ppos, 1);
}

static const struct proc_ops sysctl_proc_ops = {
	.proc_open = sysctl_open,
	.proc_read = sysctl_read,
	.proc_write = sysctl_write,
	.proc_lseek = default_llseek,
};

/* /proc/sys/<path> (len bytes of path), made with its parents as needed. sysctl_lock held. */
static struct proc_dir_entry *sysctl_dir(const char *path, size_t len)
{
	struct proc_dir_entry *dir, *parent;
	const char *slash;
	char full[256];

	if (snprintf(full, sizeof(full), "/proc/sys%s%.*s", len ? "/" : "", (int)len, path) >=
	    (int)sizeof(full))
		return NULL;
	dir = proc_dir_lookup(full);
	if (dir)
		return dir;
	if (!len)
		return proc_mkdir("sys", NULL);
	slash = memrchr(path, '/', len);
	parent = sysctl_dir(path, slash ? (size_t)(slash - path) : 0);
	return parent ? proc_mkdir(slash ? slash + 1 : path, parent) : NULL;
}

/**
 * register_sysctl - makes /proc/sys/@path/<procname> for each entry of @table
 * @path: a directory under /proc/sys ("vm", "dev/mydrv"; parents made as needed)
 * @table: entries ended by one with no procname; kept, not copied
 *
 * Context: process; may sleep. Return: the header for unregister_sysctl_table(), or
 * NULL (a name already there -- reported as procfs reports it -- or no memory).
 */
struct ctl_table_header *register_sysctl(const char *path, struct ctl_table *table)
{
	struct ctl_table_header *header = kzalloc(sizeof(*header), GFP_KERNEL);
	struct proc_dir_entry *dir;
	int nr = 0;

	if (!header)
		return NULL;
	while (table[nr].procname)
		nr++;
	header->table = table;
	header->files = kcalloc((size_t)nr, sizeof(*header->files), GFP_KERNEL);
	if (nr && !header->files)
		goto fail;
	mutex_lock(&sysctl_lock);
	dir = sysctl_dir(path, strlen(path));
	for (; dir && header->nr < nr; header->nr++) {
		struct ctl_table *entry = &table[header->nr];

		header->files[header->nr] = proc_create_data(entry->procname, entry->mode & 0777, dir,
							     &sysctl_proc_ops, entry);
		if (!header->files[header->nr])
			break;
	}
	mutex_unlock(&sysctl_lock);
	if (header->nr == nr)
		return header;
	unregister_sysctl_table(header);
	return NULL;
fail:
	kfree(header);
	return NULL;
}
EXPORT_SYMBOL(register_sysctl);

/**
 * unregister_sysctl_table - remove a table's /proc/sys files
 * @header: what register_sysctl() returned, or NULL
 *
 * Context: process context; may sleep (waits for the files' calls in progress).
 */
void unregister_sysctl_table(struct ctl_table_header *header)
{
	if (!header)
		return;
	for (int i = 0; i < header->nr; i++)
		proc_remove(header->files[i]);
	kfree(header->files);
	kfree(header);
}
EXPORT_SYMBOL(unregister_sysctl_table);
