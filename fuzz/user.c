// SPDX-License-Identifier: LGPL-2.1-or-later
/* fuzz/user.c: the user side's argument paths -- ukmem_open, read, write, pread, pwrite,
 * readv, writev, lseek, ioctl, mmap (and a touch of the mapping), munmap, poll, fsync and
 * close -- on a misc device of the harness's own (/dev/fuzz: a 4-page buffer, read and
 * write through copy_to_user/copy_from_user, llseek, ioctls with get_user/put_user and a
 * nested user pointer, mmap by remap_pfn_range, poll), on a /proc file and a debugfs
 * file of its own that parse numbers from the user (kstrtoul_from_user), and on
 * read-only views (/proc/meminfo, /proc/slabinfo, /proc/self... whatever the path gives).
 * An input is a sequence of operations, 16 bytes each: the call, the file, the pointer,
 * flags or whence or ioctl number, a length and an offset. Pointers are chosen from a
 * set: a valid buffer with an inaccessible page after it (and a pointer 16 bytes before
 * that page, for copies that run into it), NULL, a kmalloc object and a struct page (the
 * kernel's own data, which user copies must refuse), a vmalloc area, an unmapped page,
 * and a non-canonical address. Checks, beyond "no crash":
 * - no operation printed a report or tainted the kernel;
 * - the kernel objects the pointers aimed at still hold their pattern;
 * - after the input's descriptors are closed and its mappings unmapped, every open of the
 *   device was released and every mapping's vm_ops close ran (opens - releases and
 *   vma opens - closes back at 0);
 * - a read or write returns at most the count asked for. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/poll.h>
#include <linux/proc_fs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include "fuzz.h"

/* ---- the device and files, kernel side ---- */

#define DEV_PAGES	4
#define DEV_SIZE	(DEV_PAGES * PAGE_SIZE)
#define FUZZ_GET	_IOR('f', 1, u32)
#define FUZZ_SET	_IOW('f', 2, u32)
#define FUZZ_XFER	_IOWR('f', 3, struct fuzz_xfer)
struct fuzz_xfer {
	u64 ptr;
	u32 len;
	u32 write;
};

static struct page *dev_pages;
static char *dev_buf;
static u32 dev_value;
static unsigned long proc_value;
static u64 debug_value;
static long opens, vma_opens;		/* opens - releases, vma opens - closes */

static int fz_open(struct inode *inode, struct file *file)
{
	__atomic_add_fetch(&opens, 1, __ATOMIC_RELAXED);
	return 0;
}

static int fz_release(struct inode *inode, struct file *file)
{
	__atomic_sub_fetch(&opens, 1, __ATOMIC_RELAXED);
	return 0;
}

static ssize_t fz_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	return simple_read_from_buffer(buf, count, pos, dev_buf, DEV_SIZE);
}

static ssize_t fz_write(struct file *file, const char __user *buf, size_t count, loff_t *pos)
{
	return simple_write_to_buffer(dev_buf, DEV_SIZE, pos, buf, count);
}

static loff_t fz_llseek(struct file *file, loff_t offset, int whence)
{
	return fixed_size_llseek(file, offset, whence, DEV_SIZE);
}

static long fz_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct fuzz_xfer x;

	switch (cmd) {
	case FUZZ_GET:
		return put_user(dev_value, (u32 __user *)arg);
	case FUZZ_SET:
		return get_user(dev_value, (u32 __user *)arg);
	case FUZZ_XFER:
		if (copy_from_user(&x, (void __user *)arg, sizeof(x)))
			return -EFAULT;
		if (x.len > DEV_SIZE)
			return -EINVAL;
		if (x.write)
			return copy_from_user(dev_buf, (void __user *)(uintptr_t)x.ptr, x.len) ?
			       -EFAULT : 0;
		return copy_to_user((void __user *)(uintptr_t)x.ptr, dev_buf, x.len) ? -EFAULT : 0;
	}
	return -ENOTTY;
}

static void fz_vma_open(struct vm_area_struct *vma)
{
	__atomic_add_fetch(&vma_opens, 1, __ATOMIC_RELAXED);
}

static void fz_vma_close(struct vm_area_struct *vma)
{
	__atomic_sub_fetch(&vma_opens, 1, __ATOMIC_RELAXED);
}

static const struct vm_operations_struct fz_vm_ops = {
	.open = fz_vma_open,
	.close = fz_vma_close,
};

static int fz_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long len = vma->vm_end - vma->vm_start;
	int err;

	if (vma->vm_pgoff >= DEV_PAGES || len > (DEV_PAGES - vma->vm_pgoff) << PAGE_SHIFT)
		return -EINVAL;
	err = remap_pfn_range(vma, vma->vm_start, page_to_pfn(dev_pages) + vma->vm_pgoff, len,
			      vma->vm_page_prot);
	if (err)
		return err;
	vma->vm_ops = &fz_vm_ops;
	fz_vma_open(vma);
	return 0;
}

static __poll_t fz_poll(struct file *file, struct poll_table_struct *wait)
{
	return EPOLLIN | EPOLLRDNORM | EPOLLOUT | EPOLLWRNORM;
}

static const struct file_operations fz_fops = {
	.owner = THIS_MODULE,
	.open = fz_open,
	.release = fz_release,
	.read = fz_read,
	.write = fz_write,
	.llseek = fz_llseek,
	.unlocked_ioctl = fz_ioctl,
	.mmap = fz_mmap,
	.poll = fz_poll,
};

static struct miscdevice fz_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "fuzz",
	.fops = &fz_fops,
	.mode = 0666,
};

/* /proc/fuzz: a number, read back and written as text. */
static ssize_t proc_fz_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	char text[32];
	int len = scnprintf(text, sizeof(text), "%lu\n", proc_value);

	return simple_read_from_buffer(buf, count, pos, text, len);
}

static ssize_t proc_fz_write(struct file *file, const char __user *buf, size_t count,
			     loff_t *pos)
{
	int err = kstrtoul_from_user(buf, count, 0, &proc_value);

	return err ? err : (ssize_t)count;
}

static const struct proc_ops proc_fz_ops = {
	.proc_read = proc_fz_read,
	.proc_write = proc_fz_write,
	.proc_lseek = default_llseek,
};

/* ---- the user side ---- */

static const char *const paths[] = {
	"/dev/fuzz", "/dev/fuzz", "/dev/fuzz", "/proc/fuzz", "/sys/kernel/debug/fuzz_u64",
	"/proc/meminfo", "/proc/slabinfo", "/proc/buddyinfo", "/proc/vmallocinfo",
	"/proc/iomem", "/dev/nonexistent", "/proc", "/sys/kernel/debug",
};
#define NR_PATHS	(sizeof(paths) / sizeof(paths[0]))
static const int open_flags[] = { O_RDONLY, O_WRONLY, O_RDWR, O_RDWR | O_NONBLOCK,
				  O_RDONLY | O_APPEND, O_WRONLY | O_TRUNC, O_RDWR | O_CREAT, -1 };
static const unsigned long ioctl_cmds[] = { FUZZ_GET, FUZZ_SET, FUZZ_XFER, 0, ~0UL,
					    _IOR('f', 1, u64), 0x5401 /* TCGETS */ };

#define BUF_SIZE	(16 * 4096)
static uint8_t *user_buf;		/* BUF_SIZE, then an inaccessible page */
static void *unmapped;
static void *kobject;			/* a kmalloc object: the kernel's own */
static struct page *kpage;		/* and a struct page */
static void *varea;			/* and a vmalloc area */
static uint8_t kobject_copy[256], kpage_copy[sizeof(struct page)];
static unsigned long reports, taint;	/* after the set-up */

#define NR_FDS		8
#define NR_MAPS		8
static int fds[NR_FDS];
static struct { void *addr; size_t len; } maps[NR_MAPS];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	unsetenv("UKMEM_CMDLINE");
	FUZZ_CHECK(!ukmem_boot("mem=64M kfence.sample_interval=0"), "boot failed");
	dev_pages = alloc_pages(GFP_KERNEL | __GFP_ZERO, 2);
	FUZZ_CHECK(dev_pages, "no pages for the device");
	dev_buf = page_address(dev_pages);
	FUZZ_CHECK(!misc_register(&fz_misc), "misc_register failed");
	FUZZ_CHECK(proc_create("fuzz", 0666, NULL, &proc_fz_ops), "proc_create failed");
	debugfs_create_u64("fuzz_u64", 0666, NULL, &debug_value);

	user_buf = mmap(NULL, BUF_SIZE + 4096, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	FUZZ_CHECK(user_buf != MAP_FAILED, "mmap: %m");
	mprotect(user_buf + BUF_SIZE, 4096, PROT_NONE);
	unmapped = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(unmapped, 4096);
	kobject = kmalloc(256, GFP_KERNEL);
	memset(kobject, 0xa5, 256);
	memcpy(kobject_copy, kobject, 256);
	kpage = alloc_page(GFP_KERNEL);		/* a page of its own: its struct page stays */
	FUZZ_CHECK(kpage, "no page");
	memcpy(kpage_copy, kpage, sizeof(*kpage));
	varea = vmalloc(2 * PAGE_SIZE);
	FUZZ_CHECK(kobject && varea, "no kernel objects");
	for (int i = 0; i < NR_FDS; i++)
		fds[i] = -1;
	reports = ukmem_report_count();
	taint = ukmem_tainted();
	return 0;
}

/* The input's operations, read from the front; zeros past its end. */
struct ops {
	const uint8_t *data;
	size_t size, at;
};

static uint64_t take(struct ops *o, int bytes)
{
	uint64_t v = 0;

	for (int i = 0; i < bytes; i++, o->at++)
		v |= (uint64_t)(o->at < o->size ? o->data[o->at] : 0) << (8 * i);
	return v;
}

static void *pointer(unsigned int choice)
{
	switch (choice % 10) {
	case 0: case 1: return user_buf;
	case 2: return user_buf + BUF_SIZE - 16;	/* runs into the inaccessible page */
	case 3: return NULL;
	case 4: return kobject;
	case 5: return kpage;
	case 6: return varea;
	case 7: return unmapped;
	case 8: return (void *)0x8000000000000000UL;	/* non-canonical */
	default: return user_buf + 4096;
	}
}

static size_t length(uint16_t raw)
{
	/* mostly small; the top bits pick huge ones */
	switch (raw >> 14) {
	case 0: case 1: return raw & 0x3fff;
	case 2: return (size_t)(raw & 0x3fff) << 4;
	default: return (raw & 1) ? SIZE_MAX - (raw & 0xff) : (size_t)1 << (raw & 63);
	}
}

static int fd_of(uint8_t b)
{
	return fds[b % NR_FDS] >= 0 ? fds[b % NR_FDS] : (int)(b % 32) - 2;
}

static void one_op(struct ops *o)
{
	unsigned int op = (unsigned int)take(o, 1), file = (unsigned int)take(o, 1);
	unsigned int ptr = (unsigned int)take(o, 1), flags = (unsigned int)take(o, 1);
	size_t len = length((uint16_t)take(o, 2));
	int64_t offset = (int64_t)take(o, 8);
	void *p = pointer(ptr);
	int fd = fd_of((uint8_t)file);
	ssize_t n;

	switch (op % 14) {
	case 0: {		/* open */
		int slot = (int)(file % NR_FDS), flag = open_flags[flags % 8];

		if (fds[slot] >= 0)
			ukmem_close(fds[slot]);
		fds[slot] = ukmem_open(paths[(file / NR_FDS + flags) % NR_PATHS],
				       flag < 0 ? (int)offset : flag);
		break;
	}
	case 1:
		if (ukmem_close(fd) == 0 && fds[file % NR_FDS] == fd)
			fds[file % NR_FDS] = -1;
		break;
	case 2:
		n = ukmem_read(fd, p, len);
		FUZZ_CHECK(n < 0 || (size_t)n <= len, "read of %zu returned %zd", len, n);
		break;
	case 3:
		n = ukmem_write(fd, p, len);
		FUZZ_CHECK(n < 0 || (size_t)n <= len, "write of %zu returned %zd", len, n);
		break;
	case 4:
		n = ukmem_pread(fd, p, len, (off_t)offset);
		FUZZ_CHECK(n < 0 || (size_t)n <= len, "pread of %zu returned %zd", len, n);
		break;
	case 5:
		n = ukmem_pwrite(fd, p, len, (off_t)offset);
		FUZZ_CHECK(n < 0 || (size_t)n <= len, "pwrite of %zu returned %zd", len, n);
		break;
	case 6:
		ukmem_lseek(fd, (off_t)offset, (int)(flags % 6) - 1);
		break;
	case 7: {
		unsigned long cmd = ioctl_cmds[flags % 7];

		if (cmd == FUZZ_XFER && p == user_buf) {	/* the nested pointer */
			struct fuzz_xfer *x = (struct fuzz_xfer *)user_buf;

			x->ptr = (uintptr_t)pointer((unsigned int)offset);
			x->len = (u32)(offset >> 8) % (DEV_SIZE + 2);
			x->write = (u32)(offset >> 40) & 1;
		}
		if (flags & 0x80)
			cmd = (unsigned long)offset;
		ukmem_ioctl(fd, cmd, (unsigned long)p);
		break;
	}
	case 8: {		/* mmap, a touch, and keep it */
		int slot = (int)(flags % NR_MAPS);
		int prot = (flags & 0x10 ? PROT_READ : 0) | (flags & 0x20 ? PROT_WRITE : 0);
		int mflags = flags & 0x40 ? MAP_PRIVATE : MAP_SHARED;
		size_t mlen = len % (6 * PAGE_SIZE) + 1;
		void *addr;

		if (flags & 0x80)
			mflags |= MAP_FIXED;
		if (maps[slot].addr) {
			ukmem_munmap(maps[slot].addr, maps[slot].len);
			maps[slot].addr = NULL;
		}
		addr = ukmem_mmap(flags & 0x80 ? p : NULL, mlen, prot, mflags, fd,
				  (off_t)(offset & 0x7000));
		if (addr == MAP_FAILED)
			break;
		if (prot & PROT_READ)
			(void)*(volatile char *)addr;
		if ((prot & PROT_WRITE) && !(mflags & MAP_PRIVATE))
			*(volatile char *)addr = 'm';
		maps[slot].addr = addr;
		maps[slot].len = mlen;
		break;
	}
	case 9: {
		int slot = (int)(flags % NR_MAPS);

		if (maps[slot].addr) {
			ukmem_munmap(maps[slot].addr, (flags & 0x80) ? len : maps[slot].len);
			if (!(flags & 0x80))
				maps[slot].addr = NULL;
		} else {
			ukmem_munmap(p, len);
		}
		break;
	}
	case 10: {
		struct pollfd pfd[3] = { { .fd = fd, .events = (short)offset },
					 { .fd = fd_of((uint8_t)flags), .events = POLLIN },
					 { .fd = -1 } };

		if (ptr % 3 == 0)
			ukmem_poll(pfd, 1 + flags % 3, 0);
		else
			ukmem_poll(ptr % 3 == 1 ? NULL : p, len % 5, 0);
		break;
	}
	case 11: case 12: {	/* readv, writev: up to 4 pieces from the pointer set */
		struct iovec iov[4];
		int cnt = (int)(flags % 6) - 1;

		for (int i = 0; i < 4; i++)
			iov[i] = (struct iovec){ pointer((unsigned int)(offset >> (8 * i))),
						 length((uint16_t)(offset >> (16 * i))) };
		if (op % 14 == 11)
			ukmem_readv(fd, cnt > 4 ? (struct iovec *)p : iov, cnt);
		else
			ukmem_writev(fd, cnt > 4 ? (struct iovec *)p : iov, cnt);
		break;
	}
	case 13:
		if (flags & 1)
			ukmem_fsync(fd);
		else
			ukmem_fdatasync(fd);
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ops o = { data, size, 0 };

	if (size > 16 * 256)
		return 0;
	while (o.at < o.size)
		one_op(&o);
	for (int i = 0; i < NR_MAPS; i++)
		if (maps[i].addr) {
			/* a partial munmap may have left a piece: unmap the whole reach */
			ukmem_munmap(maps[i].addr, maps[i].len);
			maps[i].addr = NULL;
		}
	for (int i = 0; i < NR_FDS; i++)
		if (fds[i] >= 0) {
			ukmem_close(fds[i]);
			fds[i] = -1;
		}
	FUZZ_CHECK(ukmem_report_count() == reports && ukmem_tainted() == taint,
		   "%lu report(s), taint %#lx", ukmem_report_count() - reports, ukmem_tainted());
	FUZZ_CHECK(!memcmp(kobject, kobject_copy, 256), "the kmalloc object was written");
	FUZZ_CHECK(!memcmp(kpage, kpage_copy, sizeof(*kpage)), "the struct page was written");
	FUZZ_CHECK(!__atomic_load_n(&opens, __ATOMIC_RELAXED), "%ld open(s) of /dev/fuzz not "
		   "released", opens);
	FUZZ_CHECK(!__atomic_load_n(&vma_opens, __ATOMIC_RELAXED), "%ld mapping(s) of /dev/fuzz "
		   "not closed", vma_opens);
	return 0;
}
