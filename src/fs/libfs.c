/* fs/libfs.c: the simple helpers for drivers whose file is a buffer: a read or write at
 * *ppos clipped to the buffer, the position advanced by what was copied; and simple_open,
 * which hands the inode's private data to the file. */
#include <errno.h>
#include <string.h>
#include <linux/fs.h>
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

ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos,
				const void *from, size_t available)
{
	ssize_t span = buffer_span(*ppos, available, count);

	if (span <= 0)
		return span;
	return buffer_moved(ppos, span, copy_to_user(to, (const char *)from + *ppos,
						     (unsigned long)span));
}

ssize_t simple_write_to_buffer(void *to, size_t available, loff_t *ppos,
			       const void __user *from, size_t count)
{
	ssize_t span = buffer_span(*ppos, available, count);

	if (span <= 0)
		return span;
	return buffer_moved(ppos, span, copy_from_user((char *)to + *ppos, from,
						       (unsigned long)span));
}

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
