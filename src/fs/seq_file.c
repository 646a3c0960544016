// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs/seq_file.c: sequential files (<linux/seq_file.h>). A seq_file turns a driver's
 * records into a byte stream: the buffer holds the text of whole records, `from` and
 * `count` say what of it the reader has not taken yet, and read_pos is the file position
 * of buf[from]. Invariants: a read continues exactly where the last one stopped, so any
 * sequence of reads of any sizes returns the same bytes as one large read; a read or seek
 * to another position replays the records from the first one up to it; a record that
 * overflows the buffer is shown again into one of twice the size (PAGE_SIZE first, never
 * above MAX_RW_COUNT). The buffers and the seq_file itself are host memory, like the
 * rest of the user side's records, so reading a view leaves the machine's memory
 * counters as they were. One mutex per seq_file serialises its readers; it is taken
 * without the might-sleep check, since its callers are the user side's reads (process
 * context in Linux) even when a test thread calls them holding a kernel lock. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/printk.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include <linux/uio.h>
#include <linux/export.h>

/* ---- the buffer ---- */

static void seq_set_overflow(struct seq_file *m)
{
	m->count = m->size;
}

/* Replaces the buffer with an empty one of size bytes: 0 or -ENOMEM (then no buffer). */
static int seq_new_buf(struct seq_file *m, size_t size)
{
	free(m->buf);
	m->count = 0;
	m->size = size;
	m->buf = size <= MAX_RW_COUNT ? malloc(size) : NULL;
	return m->buf ? 0 : -ENOMEM;
}

static int seq_ensure_buf(struct seq_file *m)
{
	return m->buf ? 0 : seq_new_buf(m, PAGE_SIZE);
}

/* ---- open and release ---- */

/**
 * seq_open - make @file a sequential file of the records @op walks
 * @file: the file being opened (its private_data must be NULL; it becomes the seq_file)
 * @op: start/next/stop/show
 *
 * Context: process; may sleep. Returns 0 or -ENOMEM. The file loses FMODE_PWRITE.
 */
int seq_open(struct file *file, const struct seq_operations *op)
{
	struct seq_file *m;

	WARN_ON(file->private_data);
	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	mutex_init(&m->lock);
	m->op = op;
	m->file = file;
	file->private_data = m;
	file->f_mode &= ~FMODE_PWRITE;
	return 0;
}
EXPORT_SYMBOL(seq_open);

/**
 * seq_release - free what seq_open() made; usable as a release method
 * @inode: the file's inode
 * @file: the file
 *
 * Context: process. Always returns 0.
 */
int seq_release(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;

	free(m->buf);
	free(m);
	return 0;
}
EXPORT_SYMBOL(seq_release);

/**
 * __seq_open_private - seq_open() with a zeroed private area of @psize bytes
 * @file: the file being opened
 * @ops: the record operations
 * @psize: size of the area, which becomes seq_file->private
 *
 * Context: process; may sleep. Returns the area, or NULL when out of memory. Pair with
 * seq_release_private().
 */
void *__seq_open_private(struct file *file, const struct seq_operations *ops, int psize)
{
	void *private = calloc(1, psize > 0 ? (size_t)psize : 1);

	if (!private)
		return NULL;
	if (seq_open(file, ops)) {
		free(private);
		return NULL;
	}
	((struct seq_file *)file->private_data)->private = private;
	return private;
}
EXPORT_SYMBOL(__seq_open_private);

/**
 * seq_open_private - as __seq_open_private(), returning 0 or -ENOMEM
 * @file: the file being opened
 * @ops: the record operations
 * @psize: size of the private area
 *
 * Context: process context, from an open method; may sleep.
 * Return: 0, or -ENOMEM.
 */
int seq_open_private(struct file *file, const struct seq_operations *ops, int psize)
{
	return __seq_open_private(file, ops, psize) ? 0 : -ENOMEM;
}
EXPORT_SYMBOL(seq_open_private);

/**
 * seq_release_private - frees the private area, then as seq_release()
 * @inode: the file's inode
 * @file: the file
 *
 * Context: process context, from a release method.
 * Return: 0.
 */
int seq_release_private(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;

	free(m->private);
	m->private = NULL;
	return seq_release(inode, file);
}
EXPORT_SYMBOL(seq_release_private);

/* single_open's records: one, shown with the token SEQ_START_TOKEN. */
void *single_start(struct seq_file *m, loff_t *pos)
{
	return *pos ? NULL : SEQ_START_TOKEN;
}

static void *single_next(struct seq_file *m, void *v, loff_t *pos)
{
	(*pos)++;
	return NULL;
}

static void single_stop(struct seq_file *m, void *v)
{
}

/**
 * single_open - a sequential file of one record printed by @show
 * @file: the file being opened
 * @show: prints the whole file; called again with a larger buffer if it overflows
 * @data: becomes seq_file->private
 *
 * Context: process; may sleep. Returns 0 or -ENOMEM. Pair with single_release().
 */
int single_open(struct file *file, int (*show)(struct seq_file *, void *), void *data)
{
	struct seq_operations *op = malloc(sizeof(*op));
	int err;

	if (!op)
		return -ENOMEM;
	*op = (struct seq_operations){ .start = single_start, .next = single_next,
				       .stop = single_stop, .show = show };
	err = seq_open(file, op);
	if (err) {
		free(op);
		return err;
	}
	((struct seq_file *)file->private_data)->private = data;
	return 0;
}
EXPORT_SYMBOL(single_open);

/**
 * single_open_size - single_open() starting with a buffer of @size bytes
 * @file: the file being opened
 * @show: prints the whole file
 * @data: becomes seq_file->private
 * @size: the first buffer's size (at most MAX_RW_COUNT)
 *
 * Context: process context, from an open method; may sleep.
 * Return: 0, or -ENOMEM.
 */
int single_open_size(struct file *file, int (*show)(struct seq_file *, void *), void *data,
		     size_t size)
{
	struct seq_file *m;
	int err = single_open(file, show, data);

	if (err)
		return err;
	m = file->private_data;
	if (seq_new_buf(m, size)) {
		single_release(file_inode(file), file);
		file->private_data = NULL;
		return -ENOMEM;
	}
	return 0;
}
EXPORT_SYMBOL(single_open_size);

/**
 * single_release - the release method for single_open() files
 * @inode: the file's inode
 * @file: the file
 *
 * Context: process context, from a release method.
 * Return: 0.
 */
int single_release(struct inode *inode, struct file *file)
{
	const struct seq_operations *op = ((struct seq_file *)file->private_data)->op;
	int ret = seq_release(inode, file);

	free((void *)op);
	return ret;
}
EXPORT_SYMBOL(single_release);

/* ---- reading ---- */

/* Starts the records again and skips offset bytes of their text: buf then holds the rest
 * of the record where offset falls (from, count). -EAGAIN: a record overflowed and the
 * buffer was doubled, call again. */
static int seq_skip_to(struct seq_file *m, loff_t offset)
{
	loff_t passed = 0;
	int err = 0;
	void *p;

	m->index = 0;
	m->count = m->from = 0;
	if (!offset)
		return 0;
	if (seq_ensure_buf(m))
		return -ENOMEM;
	for (p = m->op->start(m, &m->index); p; ) {
		if (IS_ERR(p)) {
			err = PTR_ERR(p);
			break;
		}
		err = m->op->show(m, p);
		if (err < 0)
			break;
		if (err) {		/* SEQ_SKIP */
			err = 0;
			m->count = 0;
		}
		if (seq_has_overflowed(m)) {
			m->op->stop(m, p);
			return seq_new_buf(m, m->size * 2) ? -ENOMEM : -EAGAIN;
		}
		p = m->op->next(m, p, &m->index);
		if (passed + (loff_t)m->count > offset) {
			m->from = (size_t)(offset - passed);
			m->count -= m->from;
			break;
		}
		passed += m->count;
		m->count = 0;
		if (passed == offset)
			break;
	}
	m->op->stop(m, p);
	return err;
}

static int seq_seek_to(struct seq_file *m, loff_t offset)
{
	int err;

	do
		err = seq_skip_to(m, offset);
	while (err == -EAGAIN);
	return err;
}

static void seq_forget_position(struct seq_file *m)
{
	m->read_pos = 0;
	m->index = 0;
	m->count = 0;
}

/* Advances to the record after p, reporting a next method that forgets to move. */
static void *seq_next_record(struct seq_file *m, void *p)
{
	loff_t before = m->index;

	p = m->op->next(m, p, &m->index);
	if (m->index == before) {
		pr_info_ratelimited("buggy .next function %ps did not update position index\n",
				    m->op->next);
		m->index++;
	}
	return p;
}

/* Fills the empty buffer with the next non-empty record and as many following ones as
 * fit in it and in want. Returns 0 (count == 0 at the end of the records) or an error. */
static int seq_fill(struct seq_file *m, size_t want)
{
	int err;
	void *p;

	m->from = 0;
	p = m->op->start(m, &m->index);
	for (;;) {
		if (IS_ERR_OR_NULL(p)) {
			err = PTR_ERR_OR_ZERO(p);
			goto none;
		}
		err = m->op->show(m, p);
		if (err < 0)
			goto none;
		if (err)		/* SEQ_SKIP */
			m->count = 0;
		if (!m->count) {
			p = m->op->next(m, p, &m->index);
			continue;
		}
		if (!seq_has_overflowed(m))
			break;
		m->op->stop(m, p);
		if (seq_new_buf(m, m->size * 2))
			return -ENOMEM;
		p = m->op->start(m, &m->index);
	}
	/* One record is in; every record shown moves the iterator on once. */
	for (;;) {
		size_t kept = m->count;

		p = seq_next_record(m, p);
		if (IS_ERR_OR_NULL(p) || m->count >= want)
			break;
		err = m->op->show(m, p);
		if (err > 0) {
			m->count = kept;
		} else if (err < 0 || seq_has_overflowed(m)) {
			m->count = kept;
			break;
		}
	}
	m->op->stop(m, p);
	return 0;
none:
	m->op->stop(m, p);
	m->count = 0;
	return err;
}

/**
 * seq_read_iter - the read_iter method of sequential files
 * @iocb: the file and position (ki_pos)
 * @iter: where the text goes
 *
 * Context: process; may sleep (takes the seq_file's mutex; the driver's methods run
 * under it). Returns the bytes copied (0 at the end), -EFAULT if none could be copied
 * to a bad buffer, or the error of start/show.
 */
ssize_t seq_read_iter(struct kiocb *iocb, struct iov_iter *iter)
{
	struct seq_file *m = iocb->ki_filp->private_data;
	ssize_t copied = 0;
	size_t n;
	int err = 0;

	if (!iov_iter_count(iter))
		return 0;
	ukmem_mutex_lock(&m->lock);
	if (iocb->ki_pos == 0) {	/* from the start: the records may have changed */
		m->index = 0;
		m->count = 0;
	}
	if (unlikely(iocb->ki_pos != m->read_pos)) {
		err = seq_seek_to(m, iocb->ki_pos);
		if (err) {
			seq_forget_position(m);
			goto done;
		}
		m->read_pos = iocb->ki_pos;
	}
	err = seq_ensure_buf(m);
	if (err)
		goto done;
	if (m->count) {		/* what the last read left of its records */
		n = copy_to_iter(m->buf + m->from, m->count, iter);
		m->count -= n;
		m->from += n;
		copied += (ssize_t)n;
		if (m->count)
			goto done;
	}
	err = seq_fill(m, iov_iter_count(iter));
	if (!err && m->count) {
		n = copy_to_iter(m->buf, m->count, iter);
		copied += (ssize_t)n;
		m->count -= n;
		m->from = n;
	}
done:
	if (!copied) {
		copied = m->count ? -EFAULT : err;
	} else {
		iocb->ki_pos += copied;
		m->read_pos += copied;
	}
	mutex_unlock(&m->lock);
	return copied;
}
EXPORT_SYMBOL(seq_read_iter);

/**
 * seq_read - the read method of sequential files
 * @file: the file
 * @buf: user buffer
 * @size: bytes wanted
 * @ppos: the position, advanced by what was read
 *
 * Context: process; may sleep. As seq_read_iter().
 */
ssize_t seq_read(struct file *file, char __user *buf, size_t size, loff_t *ppos)
{
	struct iovec iov = { .iov_base = buf, .iov_len = size };
	struct kiocb kiocb;
	struct iov_iter iter;
	ssize_t ret;

	init_sync_kiocb(&kiocb, file);
	iov_iter_init(&iter, ITER_DEST, &iov, 1, size);
	kiocb.ki_pos = *ppos;
	ret = seq_read_iter(&kiocb, &iter);
	*ppos = kiocb.ki_pos;
	return ret;
}
EXPORT_SYMBOL(seq_read);

/**
 * seq_lseek - the llseek method of sequential files
 * @file: the file
 * @offset: the new position (SEEK_SET) or a move from the current one (SEEK_CUR)
 * @whence: SEEK_SET or SEEK_CUR; anything else is -EINVAL
 *
 * Context: process; may sleep. A position other than the current one replays the
 * records up to it. Returns the new position, or -EINVAL (negative), or the records'
 * error (the file then stands at 0).
 */
loff_t seq_lseek(struct file *file, loff_t offset, int whence)
{
	struct seq_file *m = file->private_data;
	loff_t ret = -EINVAL;

	ukmem_mutex_lock(&m->lock);
	if (whence == SEEK_CUR)		/* wraps, as in the kernel (-fno-strict-overflow) */
		offset = (loff_t)((u64)offset + (u64)file->f_pos);
	if ((whence == SEEK_SET || whence == SEEK_CUR) && offset >= 0) {
		ret = offset;
		if (offset != m->read_pos) {
			ret = seq_seek_to(m, offset);
			if (ret) {
				seq_forget_position(m);
				file->f_pos = 0;
			} else {
				m->read_pos = offset;
				ret = offset;
			}
		}
		if (ret >= 0)
			file->f_pos = offset;
	}
	mutex_unlock(&m->lock);
	return ret;
}
EXPORT_SYMBOL(seq_lseek);

/* ---- printing into the buffer; each marks an overflow instead of writing past it ---- */

/**
 * seq_vprintf - print into the record with the kernel's vsnprintf
 * @m: the seq_file
 * @fmt: format
 * @args: arguments
 *
 * Context: any (called from show). On overflow the record is retried.
 */
void seq_vprintf(struct seq_file *m, const char *fmt, va_list args)
{
	if (m->count < m->size) {
		int len = vsnprintf(m->buf + m->count, m->size - m->count, fmt, args);

		if (m->count + (size_t)len < m->size) {
			m->count += (size_t)len;
			return;
		}
	}
	seq_set_overflow(m);
}
EXPORT_SYMBOL(seq_vprintf);

/**
 * seq_printf - print into the record (see seq_vprintf)
 * @m: the seq_file
 * @fmt: format, the kernel's vsnprintf's (%pS, %*pbl, ...)
 *
 * Context: from a seq_file callback (show, start, next), with the seq_file's mutex held
 * by the reader; does not sleep.
 */
void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	seq_vprintf(m, fmt, args);
	va_end(args);
}
EXPORT_SYMBOL(seq_printf);

/**
 * seq_putc - one character into the record
 * @m: the seq_file
 * @c: the character
 *
 * Context: any (called from show). Filling the last byte of the buffer marks it
 * overflowed, as in Linux: the record is then shown again into a larger one.
 */
void seq_putc(struct seq_file *m, char c)
{
	if (m->count < m->size)
		m->buf[m->count++] = c;
}
EXPORT_SYMBOL(seq_putc);

/**
 * seq_puts - a string into the record (overflow as seq_write)
 * @m: the seq_file
 * @s: the string
 *
 * Context: from a seq_file callback; does not sleep.
 */
void seq_puts(struct seq_file *m, const char *s)
{
	seq_write(m, s, strlen(s));
}
EXPORT_SYMBOL(seq_puts);

/**
 * seq_write - append @len bytes of @data to the record
 * @seq: the seq_file
 * @data: the bytes
 * @len: how many
 *
 * Returns 0, or -1 when they do not fit (the buffer is then marked overflowed).
 *
 * Context: from a seq_file callback; does not sleep.
 */
int seq_write(struct seq_file *seq, const void *data, size_t len)
{
	if (seq->count + len < seq->size) {
		memcpy(seq->buf + seq->count, data, len);
		seq->count += len;
		return 0;
	}
	seq_set_overflow(seq);
	return -1;
}
EXPORT_SYMBOL(seq_write);

/**
 * seq_pad - fill with spaces up to the width seq_setwidth() set, then put @c (if not 0)
 * @m: the seq_file
 * @c: a character to end with, or 0
 *
 * Context: from a seq_file callback; does not sleep.
 */
void seq_pad(struct seq_file *m, char c)
{
	if (m->pad_until > m->count) {
		size_t fill = m->pad_until - m->count;

		if (m->count + fill > m->size) {
			seq_set_overflow(m);
			return;
		}
		memset(m->buf + m->count, ' ', fill);
		m->count += fill;
	}
	if (c)
		seq_putc(m, c);
}
EXPORT_SYMBOL(seq_pad);

static void seq_put_delimiter(struct seq_file *m, const char *delimiter)
{
	if (!delimiter || !delimiter[0])
		return;
	if (!delimiter[1])
		seq_putc(m, delimiter[0]);
	else
		seq_puts(m, delimiter);
}

/**
 * seq_put_decimal_ull_width - @delimiter then @num in decimal, at least @width digits
 * @m: the seq_file
 * @delimiter: printed first (NULL or "" for none)
 * @num: the number
 * @width: zero-padded minimum width (0 or 1: none)
 */
void seq_put_decimal_ull_width(struct seq_file *m, const char *delimiter,
			       unsigned long long num, unsigned int width)
{
	int len;

	if (m->count + 2 >= m->size)
		goto overflow;
	seq_put_delimiter(m, delimiter);
	width = width ? width : 1;
	if (m->count + width >= m->size)
		goto overflow;
	len = num_to_str(m->buf + m->count, (int)(m->size - m->count), num, width);
	if (!len)
		goto overflow;
	m->count += (size_t)len;
	return;
overflow:
	seq_set_overflow(m);
}

/**
 * seq_put_decimal_ull - @delimiter then @num in decimal
 * @m: the seq_file
 * @delimiter: printed first (NULL or "" for none)
 * @num: the number
 *
 * Context: from a seq_file callback; does not sleep.
 */
void seq_put_decimal_ull(struct seq_file *m, const char *delimiter, unsigned long long num)
{
	seq_put_decimal_ull_width(m, delimiter, num, 0);
}
EXPORT_SYMBOL(seq_put_decimal_ull);

/**
 * seq_put_decimal_ll - @delimiter then @num in decimal, '-' for a negative one
 * @m: the seq_file
 * @delimiter: printed first (NULL or "" for none)
 * @num: the number (LLONG_MIN included)
 *
 * Context: from a seq_file callback; does not sleep.
 */
void seq_put_decimal_ll(struct seq_file *m, const char *delimiter, long long num)
{
	unsigned long long magnitude = num < 0 ? 0ULL - (unsigned long long)num
					       : (unsigned long long)num;
	int len;

	if (m->count + 3 >= m->size)
		goto overflow;
	seq_put_delimiter(m, delimiter);
	if (m->count + 2 >= m->size)
		goto overflow;
	if (num < 0)
		m->buf[m->count++] = '-';
	len = num_to_str(m->buf + m->count, (int)(m->size - m->count), magnitude, 0);
	if (!len)
		goto overflow;
	m->count += (size_t)len;
	return;
overflow:
	seq_set_overflow(m);
}
EXPORT_SYMBOL(seq_put_decimal_ll);

/**
 * seq_put_hex_ll - @delimiter then @v in lower-case hex, at least @width digits
 * @m: the seq_file
 * @delimiter: printed first (NULL or "" for none)
 * @v: the number
 * @width: zero-padded minimum width
 */
void seq_put_hex_ll(struct seq_file *m, const char *delimiter, unsigned long long v,
		    unsigned int width)
{
	unsigned int digits = 1;

	seq_put_delimiter(m, delimiter);
	while (digits < 16 && (v >> (4 * digits)))
		digits++;
	if (digits < width)
		digits = width;
	if (m->count + digits > m->size) {
		seq_set_overflow(m);
		return;
	}
	for (unsigned int i = digits; i-- > 0; v >>= 4)
		m->buf[m->count + i] = "0123456789abcdef"[v & 0xf];
	m->count += digits;
}

/**
 * seq_escape_mem - @len bytes of @src with the characters string_escape_mem() picks
 * (by @flags and @esc) escaped
 * @m: the seq_file
 * @src: the bytes
 * @len: how many
 * @flags: ESCAPE_* classes
 * @esc: characters to escape (NULL: by class only)
 *
 * Context: from a seq_file callback; does not sleep.
 */
void seq_escape_mem(struct seq_file *m, const char *src, size_t len, unsigned int flags,
		    const char *esc)
{
	char *buf;
	size_t room = seq_get_buf(m, &buf);
	int ret = string_escape_mem(src, len, buf, room, flags, esc);

	seq_commit(m, (size_t)ret < room ? ret : -1);
}
EXPORT_SYMBOL(seq_escape_mem);

/**
 * seq_hex_dump - print_hex_dump() into a seq_file
 * @m: the seq_file
 * @prefix_str: printed at the start of each row
 * @prefix_type: DUMP_PREFIX_NONE, _ADDRESS (%p of the row) or _OFFSET
 * @rowsize: 16 or 32 bytes per row (anything else: 16)
 * @groupsize: bytes per group: 1, 2, 4 or 8
 * @buf: the data
 * @len: its length
 * @ascii: append the printable characters of each row
 *
 * Context: from a seq_file callback; does not sleep.
 */
void seq_hex_dump(struct seq_file *m, const char *prefix_str, int prefix_type, int rowsize,
		  int groupsize, const void *buf, size_t len, bool ascii)
{
	const u8 *ptr = buf;

	if (rowsize != 16 && rowsize != 32)
		rowsize = 16;
	for (size_t i = 0; i < len && !seq_has_overflowed(m); i += (size_t)rowsize) {
		size_t linelen = min(len - i, (size_t)rowsize);
		size_t room;
		char *out;
		int ret;

		if (prefix_type == DUMP_PREFIX_ADDRESS)
			seq_printf(m, "%s%p: ", prefix_str, ptr + i);
		else if (prefix_type == DUMP_PREFIX_OFFSET)
			seq_printf(m, "%s%.8x: ", prefix_str, (unsigned int)i);
		else
			seq_printf(m, "%s", prefix_str);
		room = seq_get_buf(m, &out);
		ret = hex_dump_to_buffer(ptr + i, linelen, rowsize, groupsize, out, room, ascii);
		seq_commit(m, (size_t)ret < room ? ret : -1);
		seq_putc(m, '\n');
	}
}
EXPORT_SYMBOL(seq_hex_dump);

/* ---- paths ---- */

/**
 * mangle_path - copy the string at @p down to @s, escaping characters of @esc as \ooo
 * @s: where the result goes (at or before @p, in the same buffer)
 * @p: the string
 * @esc: characters to escape
 *
 * Returns the end of the result, or NULL if the escapes would overtake the source.
 *
 * Context: any context.
 */
char *mangle_path(char *s, const char *p, const char *esc)
{
	while (s <= p) {
		char c = *p++;

		if (!c)
			return s;
		if (!strchr(esc, c)) {
			*s++ = c;
			continue;
		}
		if (s + 4 > p)
			break;
		*s++ = '\\';
		*s++ = (char)('0' + (((unsigned char)c >> 6) & 3));
		*s++ = (char)('0' + (((unsigned char)c >> 3) & 7));
		*s++ = (char)('0' + ((unsigned char)c & 7));
	}
	return NULL;
}
EXPORT_SYMBOL(mangle_path);

/* The dentry's path ("/proc/driver/x", "/dev/name") written at the end of buf; NULL if it
 * does not fit. */
static char *dentry_path_end(const struct dentry *dentry, char *buf, size_t size)
{
	char *p = buf + size;

	if (!size)
		return NULL;
	*--p = '\0';
	for (; dentry; dentry = dentry->d_parent) {
		size_t len = dentry->d_name.len;

		if (!len)
			continue;
		if ((size_t)(p - buf) < len + 1)
			return NULL;
		p -= len;
		memcpy(p, dentry->d_name.name, len);
		*--p = '/';
	}
	if (!*p) {
		if (p == buf)
			return NULL;
		*--p = '/';
	}
	return p;
}

static int seq_put_dentry(struct seq_file *m, const struct dentry *dentry, const char *esc)
{
	char *buf;
	size_t room = seq_get_buf(m, &buf);
	int res = -1;

	if (room && dentry) {
		char *p = dentry_path_end(dentry, buf, room);
		char *end = p ? mangle_path(buf, p, esc) : NULL;

		if (end)
			res = (int)(end - buf);
	}
	seq_commit(m, res);
	return res;
}

/**
 * seq_path - the path of @path, characters of @esc escaped as \ooo
 * @m: the seq_file
 * @path: the path (its dentry is used)
 * @esc: characters to escape
 *
 * Returns the length printed, or -1 on overflow.
 *
 * Context: from a seq_file callback; does not sleep.
 */
int seq_path(struct seq_file *m, const struct path *path, const char *esc)
{
	return seq_put_dentry(m, path->dentry, esc);
}
EXPORT_SYMBOL(seq_path);

/**
 * seq_file_path - print the path of an open file, escaping some characters
 * @m: the seq_file
 * @file: the file
 * @esc: characters to escape as \ooo
 *
 * Context: from a seq_file callback; does not sleep.
 * Return: the length printed, or -1 on overflow.
 */
int seq_file_path(struct seq_file *m, struct file *file, const char *esc)
{
	return seq_path(m, &file->f_path, esc);
}
EXPORT_SYMBOL(seq_file_path);

/**
 * seq_dentry - print the path of a dentry, escaping some characters
 * @m: the seq_file
 * @dentry: the dentry
 * @esc: characters to escape as \ooo
 *
 * Context: from a seq_file callback; does not sleep.
 * Return: the length printed, or -1 on overflow.
 */
int seq_dentry(struct seq_file *m, struct dentry *dentry, const char *esc)
{
	return seq_put_dentry(m, dentry, esc);
}
EXPORT_SYMBOL(seq_dentry);

/* ---- iterating lists: start returns the pos-th node (the _head forms: the head, or
 * SEQ_START_TOKEN for an hlist, at 0, then the nodes), next the one after v or NULL at
 * the end, moving *ppos on. The caller holds what keeps the list still. ---- */

/**
 * seq_list_start - a start() for a seq_file over a list: the element at a position
 * @head: the list
 * @pos: the position, from 0
 *
 * Context: from a start() callback; the caller holds what protects the list.
 * Return: the element, or NULL past the end.
 */
struct list_head *seq_list_start(struct list_head *head, loff_t pos)
{
	struct list_head *lh;

	list_for_each(lh, head)
		if (pos-- == 0)
			return lh;
	return NULL;
}
EXPORT_SYMBOL(seq_list_start);

/**
 * seq_list_start_head - seq_list_start() with the head itself at position 0
 * @head: the list
 * @pos: the position; 0 is the head (for a header line)
 *
 * Context: from a start() callback; the caller holds what protects the list.
 * Return: the head, an element, or NULL past the end.
 */
struct list_head *seq_list_start_head(struct list_head *head, loff_t pos)
{
	return pos ? seq_list_start(head, pos - 1) : head;
}
EXPORT_SYMBOL(seq_list_start_head);

/**
 * seq_list_next - a next() for a seq_file over a list
 * @v: the current element
 * @head: the list
 * @ppos: the position, advanced by one
 *
 * Context: from a next() callback.
 * Return: the next element, or NULL at the end.
 */
struct list_head *seq_list_next(void *v, struct list_head *head, loff_t *ppos)
{
	struct list_head *next = ((struct list_head *)v)->next;

	(*ppos)++;
	return next == head ? NULL : next;
}
EXPORT_SYMBOL(seq_list_next);

/**
 * seq_list_start_rcu - seq_list_start() for a list read under RCU
 * @head: the list
 * @pos: the position
 *
 * Context: from a start() callback, under rcu_read_lock().
 * Return: the element, or NULL past the end.
 */
struct list_head *seq_list_start_rcu(struct list_head *head, loff_t pos)
{
	return seq_list_start(head, pos);
}
EXPORT_SYMBOL(seq_list_start_rcu);

/**
 * seq_list_start_head_rcu - seq_list_start_head() for a list read under RCU
 * @head: the list
 * @pos: the position; 0 is the head
 *
 * Context: from a start() callback, under rcu_read_lock().
 * Return: the head, an element, or NULL.
 */
struct list_head *seq_list_start_head_rcu(struct list_head *head, loff_t pos)
{
	return seq_list_start_head(head, pos);
}
EXPORT_SYMBOL(seq_list_start_head_rcu);

/**
 * seq_list_next_rcu - seq_list_next() for a list read under RCU
 * @v: the current element
 * @head: the list
 * @ppos: the position, advanced by one
 *
 * Context: from a next() callback, under rcu_read_lock().
 * Return: the next element, or NULL at the end.
 */
struct list_head *seq_list_next_rcu(void *v, struct list_head *head, loff_t *ppos)
{
	return seq_list_next(v, head, ppos);
}
EXPORT_SYMBOL(seq_list_next_rcu);

/**
 * seq_hlist_start - a start() for a seq_file over an hlist: the node at a position
 * @head: the hlist
 * @pos: the position, from 0
 *
 * Context: from a start() callback; the caller holds what protects the list.
 * Return: the node, or NULL past the end.
 */
struct hlist_node *seq_hlist_start(struct hlist_head *head, loff_t pos)
{
	struct hlist_node *node;

	for (node = head->first; node; node = node->next)
		if (pos-- == 0)
			return node;
	return NULL;
}
EXPORT_SYMBOL(seq_hlist_start);

/**
 * seq_hlist_start_head - seq_hlist_start() with SEQ_START_TOKEN at position 0
 * @head: the hlist
 * @pos: the position; 0 gives SEQ_START_TOKEN (for a header line)
 *
 * Context: from a start() callback.
 * Return: SEQ_START_TOKEN, a node, or NULL.
 */
struct hlist_node *seq_hlist_start_head(struct hlist_head *head, loff_t pos)
{
	return pos ? seq_hlist_start(head, pos - 1) : SEQ_START_TOKEN;
}
EXPORT_SYMBOL(seq_hlist_start_head);

/**
 * seq_hlist_next - a next() for a seq_file over an hlist
 * @v: the current node, or SEQ_START_TOKEN
 * @head: the hlist
 * @ppos: the position, advanced by one
 *
 * Context: from a next() callback.
 * Return: the next node, or NULL at the end.
 */
struct hlist_node *seq_hlist_next(void *v, struct hlist_head *head, loff_t *ppos)
{
	struct hlist_node *node = v;

	(*ppos)++;
	return v == SEQ_START_TOKEN ? head->first : node->next;
}
EXPORT_SYMBOL(seq_hlist_next);

/**
 * seq_hlist_start_rcu - seq_hlist_start() for an hlist read under RCU
 * @head: the hlist
 * @pos: the position
 *
 * Context: from a start() callback, under rcu_read_lock().
 * Return: the node, or NULL past the end.
 */
struct hlist_node *seq_hlist_start_rcu(struct hlist_head *head, loff_t pos)
{
	return seq_hlist_start(head, pos);
}
EXPORT_SYMBOL(seq_hlist_start_rcu);

/**
 * seq_hlist_start_head_rcu - seq_hlist_start_head() for an hlist read under RCU
 * @head: the hlist
 * @pos: the position
 *
 * Context: from a start() callback, under rcu_read_lock().
 * Return: SEQ_START_TOKEN, a node, or NULL.
 */
struct hlist_node *seq_hlist_start_head_rcu(struct hlist_head *head, loff_t pos)
{
	return seq_hlist_start_head(head, pos);
}
EXPORT_SYMBOL(seq_hlist_start_head_rcu);

/**
 * seq_hlist_next_rcu - seq_hlist_next() for an hlist read under RCU
 * @v: the current node, or SEQ_START_TOKEN
 * @head: the hlist
 * @ppos: the position
 *
 * Context: from a next() callback, under rcu_read_lock().
 * Return: the next node, or NULL at the end.
 */
struct hlist_node *seq_hlist_next_rcu(void *v, struct hlist_head *head, loff_t *ppos)
{
	return seq_hlist_next(v, head, ppos);
}
EXPORT_SYMBOL(seq_hlist_next_rcu);
