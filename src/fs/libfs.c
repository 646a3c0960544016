// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs/libfs.c: the simple helpers for drivers whose file is a buffer: a read or write at
 * *ppos clipped to the buffer, the position advanced by what was copied; and simple_open,
 * which hands the inode's private data to the file; simple_attr, the files that show one
 * number (DEFINE_SIMPLE_ATTRIBUTE, debugfs's integer files). */
#include <errno.h>
#include <string.h>
#include <linux/fs.h>
#include <linux/export.h>
#include <linux/kstrtox.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

/* How many bytes from pos a transfer of count moves within available (0 for none). */
static ssize_t buffer_span(loff_t pos, size_t available, size_t count)
{
	if (pos < 0)
		return -EINVAL;
	if ((size_t)pos >= available)
		return 0;
	return (ssize_t)min(count, available - (size_t)pos);
}

/* The result of a transfer of span bytes of which left were not copied. */
static ssize_t buffer_moved(loff_t *ppos, ssize_t span, unsigned long left)
{
	if (left == (unsigned long)span)
		return -EFAULT;
	*ppos += span - (ssize_t)left;
	return span - (ssize_t)left;
}

/**
 * simple_read_from_buffer - copy from a kernel buffer to user space at a file position
 * @to: the user buffer
 * @count: its size
 * @ppos: the position in @from, advanced by what was copied
 * @from: the kernel buffer
 * @available: its size
 *
 * Context: process context, a read method; may fault on the user buffer.
 * Return: the bytes copied, 0 at or past the end, -EINVAL for a negative position, or
 * -EFAULT if nothing could be copied.
 */
ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos,
				const void *from, size_t available)
{
	ssize_t span = buffer_span(*ppos, available, count);

	if (span <= 0)
		return span;
	return buffer_moved(ppos, span, copy_to_user(to, (const char *)from + *ppos,
						     (unsigned long)span));
}
EXPORT_SYMBOL(simple_read_from_buffer);

/**
 * simple_write_to_buffer - copy from user space into a kernel buffer at a file position
 * @to: the kernel buffer
 * @available: its size
 * @ppos: the position in @to, advanced by what was copied
 * @from: the user buffer
 * @count: its length
 *
 * Context: process context, a write method; may fault on the user buffer.
 * Return: the bytes copied, 0 at or past the end, -EINVAL for a negative position, or
 * -EFAULT if nothing could be copied.
 */
ssize_t simple_write_to_buffer(void *to, size_t available, loff_t *ppos,
			       const void __user *from, size_t count)
{
	ssize_t span = buffer_span(*ppos, available, count);

	if (span <= 0)
		return span;
	return buffer_moved(ppos, span, copy_from_user((char *)to + *ppos, from,
						       (unsigned long)span));
}
EXPORT_SYMBOL(simple_write_to_buffer);

/**
 * memory_read_from_buffer - as simple_read_from_buffer, into kernel memory
 * @to: kernel destination
 * @count: bytes wanted
 * @ppos: position in the buffer, advanced by what was copied
 * @from: the buffer
 * @available: its size
 *
 * Context: any. Returns the bytes copied (0 at or past the end), or -EINVAL for a
 * negative position.
 */
ssize_t memory_read_from_buffer(void *to, size_t count, loff_t *ppos, const void *from,
				size_t available)
{
	ssize_t span = buffer_span(*ppos, available, count);

	if (span <= 0)
		return span;
	memcpy(to, (const char *)from + *ppos, (size_t)span);
	*ppos += span;
	return span;
}
EXPORT_SYMBOL(memory_read_from_buffer);

/**
 * simple_open - an open method that sets private_data to the inode's i_private
 * @inode: the inode
 * @file: the file
 *
 * Context: process. Always 0.
 */
int simple_open(struct inode *inode, struct file *file)
{
	if (inode->i_private)
		file->private_data = inode->i_private;
	return 0;
}
EXPORT_SYMBOL(simple_open);

/* One open of a simple_attr file: the number's text, read and written in pieces. */
struct simple_attr {
	int (*get)(void *, u64 *);
	int (*set)(void *, u64);
	char get_buf[24];	/* a u64 in decimal, "\n" and NUL */
	char set_buf[24];
	void *data;
	const char *fmt;
	struct mutex mutex;
};

/**
 * simple_attr_open - open a file showing one number (DEFINE_SIMPLE_ATTRIBUTE)
 * @inode: the inode; its i_private is given to @get and @set
 * @file: the file (not seekable afterwards)
 * @get: reads the number (NULL: reads are -EACCES)
 * @set: stores a number (NULL: writes are -EACCES)
 * @fmt: printf format for one unsigned long long
 *
 * Context: process; may sleep. Returns 0 or -ENOMEM.
 */
int simple_attr_open(struct inode *inode, struct file *file,
		     int (*get)(void *, u64 *), int (*set)(void *, u64), const char *fmt)
{
	struct simple_attr *attr = kzalloc(sizeof(*attr), GFP_KERNEL);

	if (!attr)
		return -ENOMEM;
	attr->get = get;
	attr->set = set;
	attr->data = inode->i_private;
	attr->fmt = fmt;
	mutex_init(&attr->mutex);
	file->private_data = attr;
	return nonseekable_open(inode, file);
}
EXPORT_SYMBOL_GPL(simple_attr_open);

/**
 * simple_attr_release - the release method of DEFINE_SIMPLE_ATTRIBUTE() files
 * @inode: the file's inode
 * @file: the file
 *
 * Context: process context.
 * Return: 0.
 */
int simple_attr_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}
EXPORT_SYMBOL_GPL(simple_attr_release);

/**
 * simple_attr_read - read the number: get() runs at position 0, later reads continue
 * the same text
 * @file: the file
 * @buf: user buffer
 * @len: its size
 * @ppos: position
 *
 * Context: process; may sleep. Returns bytes copied, get's error, -EACCES or -EFAULT.
 */
ssize_t simple_attr_read(struct file *file, char __user *buf, size_t len, loff_t *ppos)
{
	struct simple_attr *attr = file->private_data;
	size_t size;
	ssize_t ret = 0;

	if (!attr->get)
		return -EACCES;
	mutex_lock(&attr->mutex);
	if (!*ppos || !attr->get_buf[0]) {
		u64 val;

		ret = attr->get(attr->data, &val);
		if (ret)
			goto out;
		scnprintf(attr->get_buf, sizeof(attr->get_buf), attr->fmt,
			  (unsigned long long)val);
	}
	size = strlen(attr->get_buf);
	ret = simple_read_from_buffer(buf, len, ppos, attr->get_buf, size);
out:
	mutex_unlock(&attr->mutex);
	return ret;
}
EXPORT_SYMBOL_GPL(simple_attr_read);

static ssize_t simple_attr_store(struct file *file, const char __user *buf, size_t len,
				 bool is_signed)
{
	struct simple_attr *attr = file->private_data;
	unsigned long long val;
	size_t size = min(sizeof(attr->set_buf) - 1, len);
	ssize_t ret = -EFAULT;

	if (!attr->set)
		return -EACCES;
	mutex_lock(&attr->mutex);
	if (copy_from_user(attr->set_buf, buf, size))
		goto out;
	attr->set_buf[size] = '\0';
	ret = is_signed ? kstrtoll(attr->set_buf, 0, (long long *)&val) :
			  kstrtoull(attr->set_buf, 0, &val);
	if (ret)
		goto out;
	ret = attr->set(attr->data, val);
	if (!ret)
		ret = (ssize_t)len;	/* the whole input counts as taken */
out:
	mutex_unlock(&attr->mutex);
	return ret;
}

/**
 * simple_attr_write - parse the written number (kstrtoull, base 0) and set() it
 * @file: the file
 * @buf: user text (up to 23 bytes are looked at)
 * @len: its length
 * @ppos: position (unused)
 *
 * Context: process; may sleep. Returns @len, -EINVAL/-ERANGE from the parse, set's error,
 * -EACCES or -EFAULT.
 */
ssize_t simple_attr_write(struct file *file, const char __user *buf, size_t len, loff_t *ppos)
{
	return simple_attr_store(file, buf, len, false);
}
EXPORT_SYMBOL_GPL(simple_attr_write);

/**
 * simple_attr_write_signed - the write method of simple attribute files holding a signed value
 * @file: the file
 * @buf: the user's text, a number in any C base
 * @len: its length
 * @ppos: the file position
 *
 * Context: process context, a write system call; takes the attribute's mutex.
 * Return: @len, or -EFAULT, -EINVAL, -EACCES (no set()) or set()'s error.
 */
ssize_t simple_attr_write_signed(struct file *file, const char __user *buf, size_t len,
				 loff_t *ppos)
{
	return simple_attr_store(file, buf, len, true);
}
EXPORT_SYMBOL_GPL(simple_attr_write_signed);
