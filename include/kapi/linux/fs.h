/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/fs.h: the driver's side of files -- struct file_operations, struct file (one
 * open of a device node), struct inode (the node: its device number and driver data),
 * character-device number registration and the generic llseek helpers. The system's
 * UAPI <linux/fs.h> (ioctl numbers, SEEK_*) is pulled in first. In ukmem a device node
 * lives in ukmem's own /dev namespace (ukmem_mknod, misc_register) and user code
 * reaches it through ukmem_open() and friends in <ukmem.h>. */
#ifndef UKMEM_LINUX_FS_H
#define UKMEM_LINUX_FS_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include_next <linux/fs.h>
#include <linux/types.h>
#include <linux/kdev_t.h>
#include <linux/limits.h>
#include <linux/uidgid.h>
#include <asm/page.h>
#ifdef __KERNEL__
#include <linux/fcntl.h>	/* O_NONBLOCK & co; the user side has libc's <fcntl.h> */
#endif

typedef unsigned short umode_t;

struct module;
struct cdev;
struct vm_area_struct;
struct poll_table_struct;
struct iov_iter;
struct kiocb;
struct fasync_struct;
struct vfsmount;
struct file;
struct cred;

#define FMODE_READ		((__force fmode_t)0x1)
#define FMODE_WRITE		((__force fmode_t)0x2)
#define FMODE_LSEEK		((__force fmode_t)0x4)
#define FMODE_PREAD		((__force fmode_t)0x8)
#define FMODE_PWRITE		((__force fmode_t)0x10)
#define FMODE_NDELAY		((__force fmode_t)0x40)
#define FMODE_UNSIGNED_OFFSET	((__force fmode_t)0x2000)
#define FMODE_ATOMIC_POS	((__force fmode_t)0x8000)
#define FMODE_CAN_READ		((__force fmode_t)0x20000)
#define FMODE_CAN_WRITE		((__force fmode_t)0x40000)
#define FMODE_OPENED		((__force fmode_t)0x80000)
#define FMODE_STREAM		((__force fmode_t)0x200000)
#define FMODE_CAN_ODIRECT	((__force fmode_t)0x400000)

#define MAX_RW_COUNT		(INT_MAX & PAGE_MASK)

#define CHRDEV_MAJOR_MAX		512
#define CHRDEV_MAJOR_DYN_END		234
#define CHRDEV_MAJOR_DYN_EXT_START	511
#define CHRDEV_MAJOR_DYN_EXT_END	384

struct inode {
	umode_t i_mode;
	dev_t i_rdev;
	loff_t i_size;
	struct cdev *i_cdev;		/* set by the first open */
	void *i_private;
	unsigned long i_ino;
	kuid_t i_uid;
	kgid_t i_gid;
	const struct file_operations *i_fop;	/* what an open starts with */
	void (*ukmem_put)(struct inode *);	/* ukmem: an open file lets go of it */
};

/* A name in a directory (d_name) and the inode it leads to. */
struct qstr {
	u32 hash;
	u32 len;
	const unsigned char *name;
};
#define QSTR_INIT(n, l) { .len = l, .name = n }

struct dentry {
	struct dentry *d_parent;
	struct qstr d_name;
	struct inode *d_inode;
};

struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

/* Who gets a file's SIGIO (F_SETOWN, F_SETOWN_EX) and which signal (F_SETSIG). ukmem's
 * owners are host threads, processes and process groups: ukmem_owner holds the id (0:
 * none, no signal) in its low 32 bits and the kind (F_OWNER_TID, F_OWNER_PID or
 * F_OWNER_PGRP, Linux's PIDTYPE_PID, _TGID, _PGID) above, one word changed atomically. */
struct fown_struct {
	long ukmem_owner;
	kuid_t uid, euid;		/* the credentials of whoever set it */
	int signum;			/* 0: SIGIO */
};

struct file {
	const struct file_operations *f_op;
	struct path f_path;
	struct inode *f_inode;
	fmode_t f_mode;
	unsigned int f_flags;		/* O_* flags of the open */
	loff_t f_pos;
	u64 f_version;
	void *private_data;		/* the driver's */
	const struct cred *f_cred;	/* the opener's credentials, fixed at open */
	struct fown_struct f_owner;
	atomic_long_t f_count;		/* the descriptor and each mapping */
	struct cdev *ukmem_cdev;	/* ukmem: the cdev the open went to */
};

struct file_operations {
	struct module *owner;
	loff_t (*llseek)(struct file *, loff_t, int);
	ssize_t (*read)(struct file *, char __user *, size_t, loff_t *);
	ssize_t (*write)(struct file *, const char __user *, size_t, loff_t *);
	ssize_t (*read_iter)(struct kiocb *, struct iov_iter *);
	ssize_t (*write_iter)(struct kiocb *, struct iov_iter *);
	__poll_t (*poll)(struct file *, struct poll_table_struct *);
	long (*unlocked_ioctl)(struct file *, unsigned int, unsigned long);
	long (*compat_ioctl)(struct file *, unsigned int, unsigned long);
	int (*mmap)(struct file *, struct vm_area_struct *);
	int (*open)(struct inode *, struct file *);
	int (*flush)(struct file *, void *id);
	int (*release)(struct inode *, struct file *);
	int (*fsync)(struct file *, loff_t, loff_t, int datasync);
	int (*fasync)(int, struct file *, int);
	int (*check_flags)(int);	/* F_SETFL's new flags: 0 or -errno */
	/* Where an mmap of the file goes: (file, addr, len, pgoff, flags) -> the address,
	 * or a negative errno cast to unsigned long (IS_ERR_VALUE). */
	unsigned long (*get_unmapped_area)(struct file *, unsigned long, unsigned long,
					   unsigned long, unsigned long);
};

/* An open file pins the module its operations belong to (->owner), as in Linux: opens
 * take the table with fops_get() (NULL if the module is going away), the last close
 * gives it back with fops_put(); replace_fops() switches an open file to another table
 * obtained with fops_get(). try_module_get()/module_put() come from <linux/module.h>. */
#define fops_get(fops) \
	(((fops) && try_module_get((fops)->owner) ? (fops) : NULL))
#define fops_put(fops) \
	do { if (fops) module_put((fops)->owner); } while (0)
#define replace_fops(f, fops) \
	do { \
		struct file *__file = (f); \
		fops_put(__file->f_op); \
		BUG_ON(!(__file->f_op = (fops))); \
	} while (0)

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}
static inline struct dentry *file_dentry(const struct file *file)
{
	return file->f_path.dentry;
}

/* One read or write: synchronous when ki_complete is NULL (always, in ukmem). */
#define IOCB_HIPRI		(1 << 0)
#define IOCB_DSYNC		(1 << 1)
#define IOCB_SYNC		(1 << 2)
#define IOCB_NOWAIT		(1 << 3)
#define IOCB_APPEND		(1 << 4)
#define IOCB_EVENTFD		(1 << 16)
#define IOCB_DIRECT		(1 << 17)
#define IOCB_WRITE		(1 << 18)
#define IOCB_WAITQ		(1 << 19)
#define IOCB_NOIO		(1 << 20)

struct kiocb {
	struct file *ki_filp;
	loff_t ki_pos;
	void (*ki_complete)(struct kiocb *iocb, long ret);
	void *private;
	int ki_flags;
	u16 ki_ioprio;
	struct wait_page_queue *ki_waitq;
};

static inline bool is_sync_kiocb(struct kiocb *kiocb)
{
	return !kiocb->ki_complete;
}
static inline void init_sync_kiocb(struct kiocb *kiocb, struct file *filp)
{
	*kiocb = (struct kiocb) { .ki_filp = filp, .ki_flags = 0 };
}

/* Signal-driven I/O: a file's entry on a driver's list of async readers. */
#define FASYNC_MAGIC 0x4601
struct fasync_struct {
	int magic;
	int fa_fd;
	struct fasync_struct *fa_next;
	struct file *fa_file;
};
int fasync_helper(int fd, struct file *filp, int on, struct fasync_struct **fapp);
void kill_fasync(struct fasync_struct **fp, int sig, int band);
/* F_SETOWN: arg is a pid, minus a process group, or 0 (no owner); -ESRCH if none such. */
int f_setown(struct file *filp, unsigned long arg, int force);
static inline unsigned int iminor(const struct inode *inode)
{
	return MINOR(inode->i_rdev);
}
static inline unsigned int imajor(const struct inode *inode)
{
	return MAJOR(inode->i_rdev);
}
static inline loff_t i_size_read(const struct inode *inode)
{
	return __atomic_load_n(&inode->i_size, __ATOMIC_RELAXED);
}
static inline void i_size_write(struct inode *inode, loff_t size)
{
	__atomic_store_n(&inode->i_size, size, __ATOMIC_RELAXED);
}

/* Character-device numbers. */
int register_chrdev_region(dev_t from, unsigned count, const char *name);
int alloc_chrdev_region(dev_t *dev, unsigned baseminor, unsigned count, const char *name);
void unregister_chrdev_region(dev_t from, unsigned count);
int __register_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
		      const char *name, const struct file_operations *fops);
void __unregister_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
			 const char *name);
static inline int register_chrdev(unsigned int major, const char *name,
				  const struct file_operations *fops)
{
	return __register_chrdev(major, 0, 256, name, fops);
}
static inline void unregister_chrdev(unsigned int major, const char *name)
{
	__unregister_chrdev(major, 0, 256, name);
}

/* Files. */
typedef void *fl_owner_t;
struct file *get_file(struct file *f);
void fput(struct file *f);
struct file *filp_open(const char *path, int flags, umode_t mode);
int filp_close(struct file *filp, fl_owner_t id);
int vfs_fsync_range(struct file *file, loff_t start, loff_t end, int datasync);
int vfs_fsync(struct file *file, int datasync);
int nonseekable_open(struct inode *inode, struct file *filp);
int stream_open(struct inode *inode, struct file *filp);
loff_t no_llseek(struct file *file, loff_t offset, int whence);
loff_t noop_llseek(struct file *file, loff_t offset, int whence);
loff_t generic_file_llseek(struct file *file, loff_t offset, int whence);
loff_t default_llseek(struct file *file, loff_t offset, int whence);
loff_t fixed_size_llseek(struct file *file, loff_t offset, int whence, loff_t size);
loff_t generic_file_llseek_size(struct file *file, loff_t offset, int whence,
				loff_t maxsize, loff_t eof);
ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos,
				const void *from, size_t available);
ssize_t simple_write_to_buffer(void *to, size_t available, loff_t *ppos,
			       const void __user *from, size_t count);
ssize_t memory_read_from_buffer(void *to, size_t count, loff_t *ppos,
				const void *from, size_t available);
int simple_open(struct inode *inode, struct file *file);

/* Files showing one number (libfs's simple_attr): get/set on inode->i_private, the text
 * printed with fmt; a write is parsed with kstrtoull (kstrtoll: _signed), base 0. */
#define __DEFINE_SIMPLE_ATTR_FOPS(__fops, __get, __set, __fmt, __read, __write, __llseek) \
static int __fops ## _open(struct inode *inode, struct file *file)		\
{										\
	__simple_attr_check_format(__fmt, 0ull);				\
	return simple_attr_open(inode, file, __get, __set, __fmt);		\
}										\
static const struct file_operations __fops = {					\
	.owner	 = THIS_MODULE,							\
	.open	 = __fops ## _open,						\
	.release = simple_attr_release,						\
	.read	 = __read,							\
	.write	 = __write,							\
	.llseek	 = __llseek,							\
}
#define DEFINE_SIMPLE_ATTRIBUTE_XSIGNED(__fops, __get, __set, __fmt, __is_signed)	\
	__DEFINE_SIMPLE_ATTR_FOPS(__fops, __get, __set, __fmt, simple_attr_read,	\
		(__is_signed) ? simple_attr_write_signed : simple_attr_write,	\
		generic_file_llseek)
#define DEFINE_SIMPLE_ATTRIBUTE(__fops, __get, __set, __fmt)		\
	DEFINE_SIMPLE_ATTRIBUTE_XSIGNED(__fops, __get, __set, __fmt, false)
#define DEFINE_SIMPLE_ATTRIBUTE_SIGNED(__fops, __get, __set, __fmt)	\
	DEFINE_SIMPLE_ATTRIBUTE_XSIGNED(__fops, __get, __set, __fmt, true)

static inline __attribute__((format(printf, 1, 2)))
void __simple_attr_check_format(const char *fmt, ...)
{
}
int simple_attr_open(struct inode *inode, struct file *file,
		     int (*get)(void *, u64 *), int (*set)(void *, u64), const char *fmt);
int simple_attr_release(struct inode *inode, struct file *file);
ssize_t simple_attr_read(struct file *file, char __user *buf, size_t len, loff_t *ppos);
ssize_t simple_attr_write(struct file *file, const char __user *buf, size_t len, loff_t *ppos);
ssize_t simple_attr_write_signed(struct file *file, const char __user *buf, size_t len,
				 loff_t *ppos);
/* Lets go of a dentry reference (debugfs_lookup's). NULL: nothing. */
void dput(struct dentry *dentry);

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/fs.h> brings with it, once this header is complete. */
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/completion.h>
#include <linux/cred.h>
#include <linux/export.h>
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
