/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/seq_file.h: files made of a sequence of records, printed on demand. A driver
 * gives start/next/stop/show (or one show function through single_open); seq_read()
 * renders records into a buffer of PAGE_SIZE and hands the text out in pieces of any
 * size. A record that does not fit is printed again into a buffer twice as large, so
 * the print functions never fail: they mark the buffer overflowed (count == size) and
 * the record is retried. Reading back from position 0 (or seeking anywhere) starts the
 * sequence again. fs/seq_file.c holds the functions. */
#ifndef UKMEM_LINUX_SEQ_FILE_H
#define UKMEM_LINUX_SEQ_FILE_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/string.h>
#include <linux/string_helpers.h>
#include <linux/bug.h>
#include <linux/mutex.h>
#include <linux/fs.h>
#include <linux/stdarg.h>
#include <linux/export.h>

struct seq_operations;
struct list_head;
struct hlist_head;
struct hlist_node;

struct seq_file {
	char *buf;
	size_t size;
	size_t from;		/* start of what is still to be copied out */
	size_t count;		/* bytes in buf; == size means overflowed */
	size_t pad_until;
	loff_t index;		/* the record iterator's position */
	loff_t read_pos;	/* the file position buf[from] stands for */
	struct mutex lock;
	const struct seq_operations *op;
	int poll_event;
	const struct file *file;
	void *private;
};

struct seq_operations {
	void *(*start)(struct seq_file *m, loff_t *pos);
	void (*stop)(struct seq_file *m, void *v);
	void *(*next)(struct seq_file *m, void *v, loff_t *pos);
	int (*show)(struct seq_file *m, void *v);
};

#define SEQ_SKIP 1
#define SEQ_START_TOKEN ((void *)1)

/* True when the buffer could not hold what was printed into it. */
static inline bool seq_has_overflowed(struct seq_file *m)
{
	return m->count == m->size;
}

/* The free part of the buffer (for printing into it directly, then seq_commit). */
static inline size_t seq_get_buf(struct seq_file *m, char **bufp)
{
	BUG_ON(m->count > m->size);
	*bufp = m->count < m->size ? m->buf + m->count : NULL;
	return m->size - m->count;
}

/* Keeps num bytes written after seq_get_buf(); a negative num marks an overflow. */
static inline void seq_commit(struct seq_file *m, int num)
{
	if (num < 0) {
		m->count = m->size;
		return;
	}
	BUG_ON(m->count + num > m->size);
	m->count += num;
}

/* seq_pad() then fills up to size bytes from here. */
static inline void seq_setwidth(struct seq_file *m, size_t size)
{
	m->pad_until = m->count + size;
}
void seq_pad(struct seq_file *m, char c);

int seq_open(struct file *file, const struct seq_operations *op);
ssize_t seq_read(struct file *file, char __user *buf, size_t size, loff_t *ppos);
ssize_t seq_read_iter(struct kiocb *iocb, struct iov_iter *iter);
loff_t seq_lseek(struct file *file, loff_t offset, int whence);
int seq_release(struct inode *inode, struct file *file);
int seq_write(struct seq_file *seq, const void *data, size_t len);

__printf(2, 0) void seq_vprintf(struct seq_file *m, const char *fmt, va_list args);
__printf(2, 3) void seq_printf(struct seq_file *m, const char *fmt, ...);
void seq_putc(struct seq_file *m, char c);
void seq_puts(struct seq_file *m, const char *s);
void seq_put_decimal_ull_width(struct seq_file *m, const char *delimiter,
			       unsigned long long num, unsigned int width);
void seq_put_decimal_ull(struct seq_file *m, const char *delimiter, unsigned long long num);
void seq_put_decimal_ll(struct seq_file *m, const char *delimiter, long long num);
void seq_put_hex_ll(struct seq_file *m, const char *delimiter, unsigned long long v,
		    unsigned int width);

void seq_escape_mem(struct seq_file *m, const char *src, size_t len, unsigned int flags,
		    const char *esc);
static inline void seq_escape_str(struct seq_file *m, const char *src, unsigned int flags,
				  const char *esc)
{
	seq_escape_mem(m, src, strlen(src), flags, esc);
}
/* The string with every character of esc as an octal escape (\ooo). */
static inline void seq_escape(struct seq_file *m, const char *s, const char *esc)
{
	seq_escape_str(m, s, ESCAPE_OCTAL, esc);
}

void seq_hex_dump(struct seq_file *m, const char *prefix_str, int prefix_type, int rowsize,
		  int groupsize, const void *buf, size_t len, bool ascii);

char *mangle_path(char *s, const char *p, const char *esc);
int seq_path(struct seq_file *m, const struct path *path, const char *esc);
int seq_file_path(struct seq_file *m, struct file *file, const char *esc);
int seq_dentry(struct seq_file *m, struct dentry *dentry, const char *esc);

void *single_start(struct seq_file *m, loff_t *pos);
int single_open(struct file *file, int (*show)(struct seq_file *, void *), void *data);
int single_open_size(struct file *file, int (*show)(struct seq_file *, void *), void *data,
		     size_t size);
int single_release(struct inode *inode, struct file *file);
void *__seq_open_private(struct file *file, const struct seq_operations *ops, int psize);
int seq_open_private(struct file *file, const struct seq_operations *ops, int psize);
int seq_release_private(struct inode *inode, struct file *file);

/* Iterating a list_head or hlist_head in start/next (the _head forms show the head
 * itself first, as a header line). */
struct list_head *seq_list_start(struct list_head *head, loff_t pos);
struct list_head *seq_list_start_head(struct list_head *head, loff_t pos);
struct list_head *seq_list_next(void *v, struct list_head *head, loff_t *ppos);
struct list_head *seq_list_start_rcu(struct list_head *head, loff_t pos);
struct list_head *seq_list_start_head_rcu(struct list_head *head, loff_t pos);
struct list_head *seq_list_next_rcu(void *v, struct list_head *head, loff_t *ppos);
struct hlist_node *seq_hlist_start(struct hlist_head *head, loff_t pos);
struct hlist_node *seq_hlist_start_head(struct hlist_head *head, loff_t pos);
struct hlist_node *seq_hlist_next(void *v, struct hlist_head *head, loff_t *ppos);
struct hlist_node *seq_hlist_start_rcu(struct hlist_head *head, loff_t pos);
struct hlist_node *seq_hlist_start_head_rcu(struct hlist_head *head, loff_t pos);
struct hlist_node *seq_hlist_next_rcu(void *v, struct hlist_head *head, loff_t *ppos);

#define DEFINE_SEQ_ATTRIBUTE(__name)					\
static int __name ## _open(struct inode *inode, struct file *file)	\
{									\
	int ret = seq_open(file, &__name ## _sops);			\
									\
	if (!ret && inode->i_private) {					\
		struct seq_file *seq_f = file->private_data;		\
									\
		seq_f->private = inode->i_private;			\
	}								\
	return ret;							\
}									\
									\
static const struct file_operations __name ## _fops = {			\
	.owner		= THIS_MODULE,					\
	.open		= __name ## _open,				\
	.read		= seq_read,					\
	.llseek		= seq_lseek,					\
	.release	= seq_release,					\
}

#define DEFINE_SHOW_ATTRIBUTE(__name)					\
static int __name ## _open(struct inode *inode, struct file *file)	\
{									\
	return single_open(file, __name ## _show, inode->i_private);	\
}									\
									\
static const struct file_operations __name ## _fops = {			\
	.owner		= THIS_MODULE,					\
	.open		= __name ## _open,				\
	.read		= seq_read,					\
	.llseek		= seq_lseek,					\
	.release	= single_release,				\
}

#define DEFINE_PROC_SHOW_ATTRIBUTE(__name)				\
static int __name ## _open(struct inode *inode, struct file *file)	\
{									\
	return single_open(file, __name ## _show, pde_data(inode));	\
}									\
									\
static const struct proc_ops __name ## _proc_ops = {			\
	.proc_open	= __name ## _open,				\
	.proc_read	= seq_read,					\
	.proc_lseek	= seq_lseek,					\
	.proc_release	= single_release,				\
}

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/seq_file.h> brings with it, once this header is complete. */
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/completion.h>
#include <linux/cred.h>
#include <linux/hash.h>
#include <linux/hrtimer.h>
#include <linux/irqnr.h>
#include <linux/kasan.h>
#include <linux/kmsan-checks.h>
#include <linux/kref.h>
#include <linux/linkage.h>
#include <linux/list_lru.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/migrate_mode.h>
#include <linux/notifier.h>
#include <linux/page-flags.h>
#include <linux/percpu.h>
#include <linux/prandom.h>
#include <linux/ratelimit.h>
#include <linux/rbtree.h>
#include <linux/rculist.h>
#include <linux/sched/mm.h>
#include <linux/semaphore.h>
#include <linux/shrinker.h>
#include <linux/slab.h>
#include <linux/stat.h>
#include <linux/static_key.h>
#include <linux/sysctl.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#include <linux/uaccess.h>
#include <linux/uuid.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#endif
#endif
