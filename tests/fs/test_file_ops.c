// SPDX-License-Identifier: LGPL-2.1-or-later
/* File operations beyond read and write: a pipe-like misc device with only read_iter and
 * write_iter (served to ukmem_read/write and to ukmem_readv/writev), poll that sleeps until
 * another thread writes, O_NONBLOCK reads that give EAGAIN, SIGIO through fasync, pread
 * and pwrite leaving the position alone, the file's dentry and inode fields, the simple
 * helpers, EFAULT for bad user pointers with nothing corrupted, f_cred, and fcntl: its
 * flags by Linux's F_SETFL rules, the owner (a process or group) and signal of fasync. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <limits.h>
#include <poll.h>
#include <ukmem.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/uio.h>
#include <linux/wait.h>

/* ---- ukpipe: a byte queue; reads sleep until data comes unless O_NONBLOCK ---- */

#define PIPE_SIZE 256

static struct {
	struct mutex lock;
	wait_queue_head_t readers;
	struct fasync_struct *async;
	char data[PIPE_SIZE];
	size_t len;
	int iter_reads;
	int fasync_calls;
} ukpipe;

static ssize_t ukpipe_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	struct file *file = iocb->ki_filp;
	size_t n;

	cr_assert(is_sync_kiocb(iocb));
	cr_assert_eq(iov_iter_rw(to), READ);
	mutex_lock(&ukpipe.lock);
	while (!ukpipe.len) {
		mutex_unlock(&ukpipe.lock);
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(ukpipe.readers, READ_ONCE(ukpipe.len) != 0))
			return -ERESTARTSYS;
		mutex_lock(&ukpipe.lock);
	}
	ukpipe.iter_reads++;
	n = copy_to_iter(ukpipe.data, min(ukpipe.len, iov_iter_count(to)), to);
	if (!n) {
		mutex_unlock(&ukpipe.lock);
		return -EFAULT;
	}
	memmove(ukpipe.data, ukpipe.data + n, ukpipe.len - n);
	ukpipe.len -= n;
	mutex_unlock(&ukpipe.lock);
	return (ssize_t)n;
}

static ssize_t ukpipe_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	size_t n;

	cr_assert_eq(iov_iter_rw(from), WRITE);
	mutex_lock(&ukpipe.lock);
	n = copy_from_iter(ukpipe.data + ukpipe.len,
			   min(PIPE_SIZE - ukpipe.len, iov_iter_count(from)), from);
	ukpipe.len += n;
	mutex_unlock(&ukpipe.lock);
	if (!n)
		return iov_iter_count(from) ? -EFAULT : 0;
	wake_up_interruptible(&ukpipe.readers);
	kill_fasync(&ukpipe.async, SIGIO, POLL_IN);
	return (ssize_t)n;
}

static __poll_t ukpipe_poll(struct file *file, poll_table *wait)
{
	__poll_t mask = 0;

	poll_wait(file, &ukpipe.readers, wait);
	mutex_lock(&ukpipe.lock);
	if (ukpipe.len)
		mask |= EPOLLIN | EPOLLRDNORM;
	if (ukpipe.len < PIPE_SIZE)
		mask |= EPOLLOUT | EPOLLWRNORM;
	mutex_unlock(&ukpipe.lock);
	return mask;
}

static int ukpipe_fasync(int fd, struct file *file, int on)
{
	ukpipe.fasync_calls++;
	return fasync_helper(fd, file, on, &ukpipe.async);
}

/* A pipe cannot append: F_SETFL with O_APPEND is refused. */
static int ukpipe_check_flags(int flags)
{
	return flags & O_APPEND ? -EINVAL : 0;
}

static const struct file_operations ukpipe_fops = {
	.owner = THIS_MODULE,
	.check_flags = ukpipe_check_flags,
	.open = stream_open,
	.read_iter = ukpipe_read_iter,
	.write_iter = ukpipe_write_iter,
	.poll = ukpipe_poll,
	.fasync = ukpipe_fasync,
	.llseek = no_llseek,
};

static struct miscdevice ukpipe_misc = {
	.minor = MISC_DYNAMIC_MINOR, .name = "ukpipe", .fops = &ukpipe_fops,
};

static void pipe_up(void)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	memset(&ukpipe, 0, sizeof(ukpipe));
	mutex_init(&ukpipe.lock);
	init_waitqueue_head(&ukpipe.readers);
	cr_assert_eq(misc_register(&ukpipe_misc), 0);
}

static void pipe_down(void)
{
	misc_deregister(&ukpipe_misc);
	ukmem_shutdown();
}

Test(file_ops, read_iter_and_write_iter_serve_plain_and_vector_calls)
{
	char a[4], b[8], c[32];

	pipe_up();
	int fd = ukmem_open("/dev/ukpipe", O_RDWR);
	cr_assert_geq(fd, 0);
	cr_assert_eq(ukmem_write(fd, "hello ", 6), 6);
	struct iovec out[3] = { { "vector", 6 }, { (void *)"", 0 }, { " world", 6 } };
	cr_assert_eq(ukmem_writev(fd, out, 3), 12);
	struct iovec in[3] = { { a, sizeof(a) }, { b, sizeof(b) }, { c, sizeof(c) } };
	cr_assert_eq(ukmem_readv(fd, in, 3), 18, "one read_iter call fills the segments");
	cr_assert_eq(ukpipe.iter_reads, 1);
	cr_assert(!memcmp(a, "hell", 4));
	cr_assert(!memcmp(b, "o vector", 8));
	cr_assert(!memcmp(c, " world", 6));
	cr_assert_eq(ukmem_write(fd, "xyz", 3), 3);
	cr_assert_eq(ukmem_read(fd, c, sizeof(c)), 3, "plain read goes to read_iter");
	cr_assert(!memcmp(c, "xyz", 3));
	cr_assert_eq(ukmem_lseek(fd, 0, SEEK_SET), -1);
	cr_assert_eq(errno, ESPIPE);
	cr_assert_eq(ukmem_pread(fd, c, 1, 0), -1, "stream_open: no pread");
	cr_assert_eq(errno, ESPIPE);
	cr_assert_eq(ukmem_readv(fd, in, -1), -1);
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_fsync(fd), -1, "no fsync method");
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_close(fd), 0);
	pipe_down();
}

Test(file_ops, nonblocking_read_of_an_empty_pipe_is_eagain)
{
	char buf[4];
	int on = 1;

	pipe_up();
	int fd = ukmem_open("/dev/ukpipe", O_RDWR | O_NONBLOCK);
	cr_assert_eq(ukmem_read(fd, buf, sizeof(buf)), -1);
	cr_assert_eq(errno, EAGAIN);
	int fd2 = ukmem_open("/dev/ukpipe", O_RDWR);
	cr_assert_eq(ukmem_ioctl(fd2, FIONBIO, (unsigned long)&on), 0);
	cr_assert_eq(ukmem_read(fd2, buf, sizeof(buf)), -1, "FIONBIO sets O_NONBLOCK");
	cr_assert_eq(errno, EAGAIN);
	ukmem_close(fd);
	ukmem_close(fd2);
	pipe_down();
}

struct writer_arg {
	int fd;
	volatile int started;
};

static void *late_writer(void *p)
{
	struct writer_arg *arg = p;

	__atomic_store_n(&arg->started, 1, __ATOMIC_SEQ_CST);
	usleep(20000);
	cr_assert_eq(ukmem_write(arg->fd, "ping", 4), 4);
	return NULL;
}

Test(file_ops, poll_sleeps_until_another_thread_writes)
{
	pipe_up();
	int rfd = ukmem_open("/dev/ukpipe", O_RDONLY), wfd = ukmem_open("/dev/ukpipe", O_WRONLY);
	struct pollfd fds[3] = {
		{ .fd = rfd, .events = POLLIN },
		{ .fd = -1, .events = POLLIN },
		{ .fd = wfd, .events = 0 },
	};
	cr_assert_eq(ukmem_poll(fds, 3, 0), 0, "nothing to read yet");
	cr_assert_eq(fds[0].revents, 0);
	struct pollfd wfds = { .fd = wfd, .events = POLLOUT };
	cr_assert_eq(ukmem_poll(&wfds, 1, 0), 1);
	cr_assert_eq(wfds.revents, POLLOUT, "only the events asked for (and ERR, HUP)");

	struct writer_arg arg = { .fd = wfd };
	pthread_t thread;
	pthread_create(&thread, NULL, late_writer, &arg);
	cr_assert_eq(ukmem_poll(fds, 3, -1), 1, "woken by the write, without a timeout");
	cr_assert_eq(fds[0].revents, POLLIN);
	cr_assert_eq(fds[1].revents, 0, "negative descriptors are skipped");
	cr_assert_eq(fds[2].revents, 0, "no events asked for");
	pthread_join(thread, NULL);
	char buf[8];
	cr_assert_eq(ukmem_read(rfd, buf, sizeof(buf)), 4);
	cr_assert_eq(ukmem_poll(fds, 1, 10), 0, "empty again: the timeout passes");

	struct pollfd bad = { .fd = 1000, .events = POLLIN };
	cr_assert_eq(ukmem_poll(&bad, 1, 0), 1);
	cr_assert_eq(bad.revents, POLLNVAL);
	cr_assert_eq(ukmem_poll(NULL, 1, 0), -1);
	cr_assert_eq(errno, EFAULT);
	cr_assert_eq(ukmem_poll(fds, 100000, 0), -1);
	cr_assert_eq(errno, EINVAL);
	ukmem_close(rfd);
	ukmem_close(wfd);
	pipe_down();
}

static volatile sig_atomic_t sigio_count;

static void on_sigio(int sig)
{
	sigio_count++;
}

/* Waits, boundedly, until the handler has counted want signals. */
static bool sigio_reaches(int want)
{
	for (int i = 0; i < 10000 && sigio_count < want; i++)
		usleep(1000);
	return sigio_count >= want;
}

Test(file_ops, fasync_signals_the_owner_on_data)
{
	struct sigaction sa = { .sa_handler = on_sigio }, old;
	int on = 1, off = 0;
	char buf[4];

	pipe_up();
	sigaction(SIGIO, &sa, &old);
	int fd = ukmem_open("/dev/ukpipe", O_RDWR);
	cr_assert_eq(ukmem_ioctl(fd, FIOASYNC, (unsigned long)&on), 0);
	cr_assert_eq(ukpipe.fasync_calls, 1);
	cr_assert_eq(ukmem_fcntl(fd, F_GETFL) & O_ASYNC, O_ASYNC, "fasync_helper set FASYNC");
	sigio_count = 0;
	cr_assert_eq(ukmem_write(fd, "a", 1), 1);
	cr_assert_eq(sigio_count, 0, "no owner: no signal, as in Linux");
	cr_assert_eq(ukmem_fcntl(fd, F_SETOWN, getpid()), 0);
	cr_assert_eq(ukmem_write(fd, "a", 1), 1);
	cr_assert(sigio_reaches(1), "SIGIO is sent to the owner");
	cr_assert_eq(ukmem_read(fd, buf, 2), 2);
	cr_assert_eq(ukmem_ioctl(fd, FIOASYNC, (unsigned long)&off), 0);
	cr_assert_eq(ukmem_fcntl(fd, F_GETFL) & O_ASYNC, 0);
	cr_assert_eq(ukmem_write(fd, "b", 1), 1);
	cr_assert_eq(sigio_count, 1, "off again: no signal");
	cr_assert_eq(ukmem_ioctl(fd, FIOASYNC, (unsigned long)&on), 0);
	cr_assert_eq(ukmem_close(fd), 0);
	cr_assert_eq(ukpipe.fasync_calls, 4, "the last close takes the file off the list");
	cr_assert_null(ukpipe.async);
	sigaction(SIGIO, &old, NULL);
	pipe_down();
}

Test(file_ops, fcntl_flags_by_linux_rules)
{
	char buf[4];

	pipe_up();
	int fd = ukmem_open("/dev/ukpipe", O_RDWR);
	cr_assert_eq(ukmem_fcntl(fd, F_GETFL), O_RDWR | 0100000, "O_LARGEFILE, as on 64-bit Linux");
	cr_assert_eq(ukmem_fcntl(fd, F_SETFL, O_NONBLOCK | O_WRONLY | O_CREAT | O_TRUNC), 0);
	cr_assert_eq(ukmem_fcntl(fd, F_GETFL), O_RDWR | 0100000 | O_NONBLOCK,
		     "the access mode and open-only flags are not F_SETFL's");
	cr_assert_eq(ukmem_read(fd, buf, sizeof(buf)), -1);
	cr_assert_eq(errno, EAGAIN, "O_NONBLOCK from fcntl");
	cr_assert_eq(ukmem_fcntl(fd, F_SETFL, O_NONBLOCK | O_DIRECT), -1);
	cr_assert_eq(errno, EINVAL, "no direct I/O on a device");
	cr_assert_eq(ukmem_fcntl(fd, F_SETFL, O_APPEND), -1);
	cr_assert_eq(errno, EINVAL, "the driver's check_flags");
	cr_assert_eq(ukmem_fcntl(fd, F_GETFL), O_RDWR | 0100000 | O_NONBLOCK, "unchanged");

	/* O_NOATIME: the node's owner or CAP_FOWNER only. */
	struct ukmem_stat st;
	cr_assert_eq(ukmem_stat("/dev/ukpipe", &st), 0);
	bool may = st.uid == geteuid() || capable(CAP_FOWNER);
	cr_assert_eq(ukmem_fcntl(fd, F_SETFL, O_NOATIME), may ? 0 : -1);
	if (!may)
		cr_assert_eq(errno, EPERM);
	cr_assert_eq(ukmem_fcntl(fd, F_GETFL), O_RDWR | 0100000 | (may ? O_NOATIME : O_NONBLOCK));

	/* O_ASYNC goes to the driver's fasync (whose fasync_helper sets it), both ways. */
	cr_assert_eq(ukmem_fcntl(fd, F_SETFL, O_ASYNC), 0);
	cr_assert_eq(ukpipe.fasync_calls, 1);
	cr_assert_eq(ukmem_fcntl(fd, F_GETFL) & O_ASYNC, O_ASYNC);
	cr_assert_eq(ukmem_fcntl(fd, F_SETFL, 0), 0);
	cr_assert_eq(ukpipe.fasync_calls, 2);
	cr_assert_null(ukpipe.async);
	cr_assert_eq(ukmem_fcntl(fd, F_GETFL), O_RDWR | 0100000);

	cr_assert_eq(ukmem_fcntl(fd, 9999), -1);
	cr_assert_eq(errno, EINVAL, "a command Linux does not have");
	cr_assert_eq(ukmem_fcntl(fd, F_SETSIG, 65), -1);
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_fcntl(fd, F_SETSIG, -1), -1);
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_fcntl(fd, F_SETOWN, INT_MIN), -1);
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_fcntl(fd, F_GETSIG), 0);
	cr_assert_eq(ukmem_fcntl(fd, F_GETOWN), 0);
	cr_assert_eq(ukmem_fcntl(fd + 50, F_GETFL), -1);
	cr_assert_eq(errno, EBADF);
	cr_assert_eq(ukmem_fcntl(-1, F_SETFL, 0), -1);
	cr_assert_eq(errno, EBADF);
	cr_assert_eq(ukmem_close(fd), 0);
	pipe_down();
}

static volatile sig_atomic_t rt_count, rt_fd, rt_code;
static volatile long rt_band;
static volatile pid_t rt_tid;

static void on_rt(int sig, siginfo_t *si, void *uc)
{
	rt_tid = gettid();
	rt_fd = si->si_fd;
	rt_band = si->si_band;
	rt_code = si->si_code;
	rt_count++;
}

Test(file_ops, fcntl_owner_and_signal)
{
	struct sigaction sa = { .sa_handler = on_sigio }, old, rt = { .sa_sigaction = on_rt,
								       .sa_flags = SA_SIGINFO };
	struct sigaction old_rt;
	int sig = SIGRTMIN + 1;

	pipe_up();
	sigaction(SIGIO, &sa, &old);
	sigaction(sig, &rt, &old_rt);
	int fd = ukmem_open("/dev/ukpipe", O_RDWR);
	cr_assert_eq(ukmem_fcntl(fd, F_SETFL, O_ASYNC | O_NONBLOCK), 0);

	/* F_SETSIG: the signal queued with the descriptor and the band. */
	cr_assert_eq(ukmem_fcntl(fd, F_SETOWN, getpid()), 0);
	cr_assert_eq(ukmem_fcntl(fd, F_GETOWN), getpid());
	cr_assert_eq(ukmem_fcntl(fd, F_SETSIG, sig), 0);
	cr_assert_eq(ukmem_fcntl(fd, F_GETSIG), sig);
	sigio_count = 0;
	cr_assert_eq(ukmem_write(fd, "x", 1), 1);
	for (int i = 0; i < 10000 && !rt_count; i++)
		usleep(1000);
	cr_assert_eq(rt_count, 1);
	cr_assert_eq(rt_fd, fd);
	cr_assert_eq(rt_band, POLLIN | POLLRDNORM, "POLL_IN's band");
	cr_assert_eq(rt_code, SI_SIGIO);
	cr_assert_eq(sigio_count, 0, "not SIGIO");

	/* Back to SIGIO, sent to a process group: this process's own. */
	if (getpgrp() != getpid())
		cr_assert_eq(setpgid(0, 0), 0);
	cr_assert_eq(getpgrp(), getpid(), "a group of this process only");
	cr_assert_eq(ukmem_fcntl(fd, F_SETSIG, 0), 0);
	cr_assert_eq(ukmem_fcntl(fd, F_SETOWN, -getpgrp()), 0);
	cr_assert_eq(ukmem_fcntl(fd, F_GETOWN), -getpgrp(), "negative: a process group");
	cr_assert_eq(ukmem_write(fd, "y", 1), 1);
	cr_assert(sigio_reaches(1));
	cr_assert_eq(rt_count, 1);

	/* An owner that exits: F_GETOWN then says 0; one that does not exist is ESRCH. */
	pid_t child = fork();
	if (!child) {
		pause();
		_exit(0);
	}
	cr_assert_gt(child, 0);
	cr_assert_eq(ukmem_fcntl(fd, F_SETOWN, child), 0);
	cr_assert_eq(ukmem_fcntl(fd, F_GETOWN), child);
	kill(child, SIGKILL);
	cr_assert_eq(waitpid(child, NULL, 0), child);
	cr_assert_eq(ukmem_fcntl(fd, F_GETOWN), 0);
	cr_assert_eq(ukmem_fcntl(fd, F_SETOWN, child), -1);
	cr_assert_eq(errno, ESRCH);
	cr_assert_eq(ukmem_fcntl(fd, F_SETOWN, 0), 0);
	cr_assert_eq(ukmem_write(fd, "z", 1), 1);
	usleep(20000);
	cr_assert_eq(sigio_count, 1, "no owner: nothing");
	cr_assert_eq(rt_count, 1);

	cr_assert_eq(ukmem_close(fd), 0);
	sigaction(sig, &old_rt, NULL);
	sigaction(SIGIO, &old, NULL);
	pipe_down();
}

Test(file_ops, bad_user_pointers_are_efault_and_nothing_is_corrupted)
{
	char buf[8] = "intact";

	pipe_up();
	int fd = ukmem_open("/dev/ukpipe", O_RDWR);
	cr_assert_eq(ukmem_write(fd, "data", 4), 4);
	cr_assert_eq(ukmem_read(fd, (void *)8, 4), -1);
	cr_assert_eq(errno, EFAULT);
	struct iovec bad[2] = { { buf, 2 }, { (void *)0xffffffff00000000UL, 4 } };
	cr_assert_eq(ukmem_readv(fd, bad, 2), -1, "a segment outside user space");
	cr_assert_eq(errno, EFAULT);
	cr_assert_eq(ukmem_readv(fd, (struct iovec *)16, 1), -1, "the vector itself");
	cr_assert_eq(errno, EFAULT);
	cr_assert_str_eq(buf, "intact");
	cr_assert_eq(ukmem_read(fd, buf, sizeof(buf)), 4, "the data is still queued");
	cr_assert(!memcmp(buf, "data", 4));
	cr_assert_eq(ukmem_writev(fd, bad + 1, 1), -1);
	cr_assert_eq(errno, EFAULT);
	ukmem_close(fd);
	pipe_down();
}

Test(file_ops, kernel_vectors_through_the_iterator)
{
	char one[3] = "abc", two[5] = "defgh", out1[4] = "", out2[8] = "";
	struct kvec src[3] = { { one, 3 }, { NULL, 0 }, { two, 5 } };
	struct kvec dst[2] = { { out1, 4 }, { out2, 8 } };
	struct iov_iter iter;
	struct kiocb kiocb;
	char flat[8];

	pipe_up();
	struct file *file = filp_open("/dev/ukpipe", O_RDWR, 0);
	cr_assert(!IS_ERR(file));
	cr_assert_eq(file->f_op, &ukpipe_fops);
	cr_assert_str_eq((const char *)file_dentry(file)->d_name.name, "ukpipe");
	iov_iter_kvec(&iter, ITER_SOURCE, src, 3, 8);
	cr_assert_eq(iov_iter_count(&iter), 8);
	cr_assert_eq(copy_from_iter(flat, 2, &iter), 2);
	iov_iter_advance(&iter, 2);
	cr_assert_eq(iov_iter_count(&iter), 4);
	iov_iter_revert(&iter, 4);
	cr_assert_eq(iov_iter_count(&iter), 8, "back to the start of the first segment");
	init_sync_kiocb(&kiocb, file);
	cr_assert_eq(ukpipe_write_iter(&kiocb, &iter), 8, "across an empty segment");
	cr_assert_eq(iov_iter_count(&iter), 0);
	iov_iter_kvec(&iter, ITER_DEST, dst, 2, 12);
	cr_assert_eq(ukpipe_read_iter(&kiocb, &iter), 8);
	cr_assert(!memcmp(out1, "abcd", 4));
	cr_assert(!memcmp(out2, "efgh", 4));
	cr_assert_eq(iov_iter_count(&iter), 4);
	cr_assert_eq(filp_close(file, NULL), 0);
	pipe_down();
}

/* ---- ukbuf: a fixed buffer with the simple helpers ---- */

static char ukbuf_data[32] = "0123456789";
static struct inode *ukbuf_inode;
static struct dentry *ukbuf_dentry;

static int ukbuf_open(struct inode *inode, struct file *file)
{
	inode->i_private = ukbuf_data;
	ukbuf_inode = file_inode(file);
	ukbuf_dentry = file_dentry(file);
	cr_assert_eq(imajor(inode), 10);
	cr_assert_eq(iminor(inode), MINOR(inode->i_rdev));
	return simple_open(inode, file);
}

static ssize_t ukbuf_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	return simple_read_from_buffer(buf, count, ppos, file->private_data, 10);
}

static ssize_t ukbuf_write(struct file *file, const char __user *buf, size_t count,
			   loff_t *ppos)
{
	return simple_write_to_buffer(file->private_data, 10, ppos, buf, count);
}

static loff_t ukbuf_llseek(struct file *file, loff_t offset, int whence)
{
	return fixed_size_llseek(file, offset, whence, 10);
}

static int ukbuf_flushes;

static int ukbuf_flush(struct file *file, fl_owner_t id)
{
	ukbuf_flushes++;
	return 0;
}

static int ukbuf_synced = -1;

static int ukbuf_fsync(struct file *file, loff_t start, loff_t end, int datasync)
{
	cr_assert_eq(start, 0);
	cr_assert_eq(end, LLONG_MAX);
	ukbuf_synced = datasync;
	return 0;
}

static const struct file_operations ukbuf_fops = {
	.open = ukbuf_open, .read = ukbuf_read, .write = ukbuf_write,
	.llseek = ukbuf_llseek, .flush = ukbuf_flush, .fsync = ukbuf_fsync,
};

static struct miscdevice ukbuf_misc = {
	.minor = MISC_DYNAMIC_MINOR, .name = "ukbuf", .fops = &ukbuf_fops,
};

Test(file_ops, pread_pwrite_dentry_and_simple_helpers)
{
	char buf[16];
	loff_t pos = 8;

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(misc_register(&ukbuf_misc), 0);
	int fd = ukmem_open("/dev/ukbuf", O_RDWR);
	cr_assert_geq(fd, 0);
	cr_assert_str_eq((const char *)ukbuf_dentry->d_name.name, "ukbuf");
	cr_assert_eq(ukbuf_dentry->d_inode, ukbuf_inode);
	cr_assert_eq(ukmem_read(fd, buf, 3), 3);
	cr_assert_eq(ukmem_pread(fd, buf, 4, 6), 4);
	cr_assert(!memcmp(buf, "6789", 4));
	cr_assert_eq(ukmem_pwrite(fd, "AB", 2, 1), 2);
	cr_assert_eq(ukmem_pread(fd, buf, 4, -1), -1);
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_lseek(fd, 0, SEEK_CUR), 3, "pread and pwrite keep the position");
	cr_assert_eq(ukmem_lseek(fd, 0, SEEK_END), 10);
	cr_assert_eq(ukmem_lseek(fd, 1, SEEK_END), -1);
	cr_assert_eq(errno, EINVAL);
	struct iovec in[2] = { { buf, 3 }, { buf + 3, 20 } };
	cr_assert_eq(ukmem_lseek(fd, 0, SEEK_SET), 0);
	cr_assert_eq(ukmem_readv(fd, in, 2), 10, "readv without read_iter: read per segment");
	cr_assert(!memcmp(buf, "0AB3456789", 10));
	cr_assert_eq(memory_read_from_buffer(buf, 4, &pos, ukbuf_data, 10), 2);
	cr_assert_eq(pos, 10);
	cr_assert_eq(ukmem_fsync(fd), 0);
	cr_assert_eq(ukbuf_synced, 0);
	cr_assert_eq(ukmem_fdatasync(fd), 0);
	cr_assert_eq(ukbuf_synced, 1);
	cr_assert_eq(ukmem_fsync(fd + 100), -1);
	cr_assert_eq(errno, EBADF);
	cr_assert_eq(ukmem_close(fd), 0);
	cr_assert_eq(ukbuf_flushes, 1);
	misc_deregister(&ukbuf_misc);
	ukmem_shutdown();
}

/* ---- f_cred: the opener's credentials, kept by the file ---- */

static struct file *ukcred_file;
static struct cred ukcred_seen;
static int ukcred_releases;

static int ukcred_open(struct inode *inode, struct file *file)
{
	cr_assert_not_null(file->f_cred, "set before the driver's open, as in Linux");
	ukcred_file = file;
	ukcred_seen = *file->f_cred;
	return 0;
}

static int ukcred_release(struct inode *inode, struct file *file)
{
	cr_assert_eq(memcmp(file->f_cred, &ukcred_seen, sizeof(ukcred_seen)), 0,
		     "unchanged until the release");
	ukcred_releases++;
	return 0;
}

static const struct file_operations ukcred_fops = {
	.open = ukcred_open, .release = ukcred_release,
};

static struct miscdevice ukcred_misc = {
	.minor = MISC_DYNAMIC_MINOR, .name = "ukcred", .fops = &ukcred_fops,
};

static void *open_ukcred(void *p)
{
	*(int *)p = ukmem_open("/dev/ukcred", O_RDONLY);
	return NULL;
}

Test(file_ops, f_cred_is_the_openers_and_outlives_its_thread)
{
	pthread_t thread;
	int fd = -1;

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(misc_register(&ukcred_misc), 0);
	pthread_create(&thread, NULL, open_ukcred, &fd);
	pthread_join(thread, NULL);
	cr_assert_geq(fd, 0);

	const struct cred *now = current_cred();
	const struct cred *fc = ukcred_file->f_cred;
	cr_assert_neq(fc, now, "the file's own record, not a thread's");
	cr_assert(uid_eq(fc->uid, KUIDT_INIT(getuid())));
	cr_assert(uid_eq(fc->euid, KUIDT_INIT(geteuid())));
	cr_assert(uid_eq(fc->fsuid, KUIDT_INIT(geteuid())));
	cr_assert(gid_eq(fc->gid, KGIDT_INIT(getgid())));
	cr_assert(gid_eq(fc->egid, KGIDT_INIT(getegid())));
	cr_assert_eq(memcmp(&fc->cap_effective, &now->cap_effective, sizeof(kernel_cap_t)), 0);
	cr_assert_eq(fc->user_ns, &init_user_ns);
	cr_assert_eq(memcmp(fc, &ukcred_seen, sizeof(ukcred_seen)), 0,
		     "the opener thread is gone; its credentials are not");
	cr_assert_eq(ukmem_close(fd), 0);
	cr_assert_eq(ukcred_releases, 1);
	misc_deregister(&ukcred_misc);
	ukmem_shutdown();
}

static pid_t owner_tid;
static bool owner_stop;

static void *owner_thread(void *arg)
{
	__atomic_store_n(&owner_tid, gettid(), __ATOMIC_SEQ_CST);
	while (!__atomic_load_n(&owner_stop, __ATOMIC_SEQ_CST))
		usleep(1000);
	return arg;
}

static void expect_owner_ex(int fd, int type, pid_t pid)
{
	struct f_owner_ex ex = { .type = -1, .pid = -1 };

	cr_assert_eq(ukmem_fcntl(fd, F_GETOWN_EX, &ex), 0);
	cr_assert_eq(ex.type, type, "type %d, not %d", ex.type, type);
	cr_assert_eq(ex.pid, pid, "pid %d, not %d", ex.pid, pid);
}

static int setown_ex(int fd, int type, pid_t pid)
{
	struct f_owner_ex ex = { .type = type, .pid = pid };

	return ukmem_fcntl(fd, F_SETOWN_EX, &ex);
}

Test(file_ops, fcntl_close_on_exec_is_the_descriptors)
{
	pipe_up();
	int fd = ukmem_open("/dev/ukpipe", O_RDWR | O_CLOEXEC);
	int plain = ukmem_open("/dev/ukpipe", O_RDWR);

	cr_assert_eq(ukmem_fcntl(fd, F_GETFD), FD_CLOEXEC, "from O_CLOEXEC");
	cr_assert_eq(ukmem_fcntl(fd, F_GETFL), O_RDWR | 0100000, "O_CLOEXEC is not a file flag");
	cr_assert_eq(ukmem_fcntl(plain, F_GETFD), 0);
	cr_assert_eq(ukmem_fcntl(plain, F_SETFD, FD_CLOEXEC | 2), 0, "other bits ignored");
	cr_assert_eq(ukmem_fcntl(plain, F_GETFD), FD_CLOEXEC);
	cr_assert_eq(ukmem_fcntl(fd, F_SETFD, 0), 0);
	cr_assert_eq(ukmem_fcntl(fd, F_GETFD), 0);
	cr_assert_eq(ukmem_fcntl(plain, F_GETFD), FD_CLOEXEC, "each descriptor its own");
	cr_assert_eq(ukmem_close(plain), 0);
	int again = ukmem_open("/dev/ukpipe", O_RDWR);
	cr_assert_eq(again, plain, "the lowest free number");
	cr_assert_eq(ukmem_fcntl(again, F_GETFD), 0, "nothing left from the closed one");
	cr_assert_eq(ukmem_fcntl(again + 50, F_GETFD), -1);
	cr_assert_eq(errno, EBADF);
	cr_assert_eq(ukmem_fcntl(again + 50, F_SETFD, FD_CLOEXEC), -1);
	cr_assert_eq(errno, EBADF);
	cr_assert_eq(ukmem_close(again), 0);
	cr_assert_eq(ukmem_close(fd), 0);
	pipe_down();
}

Test(file_ops, fcntl_owner_ex_thread_process_and_group)
{
	struct sigaction rt = { .sa_sigaction = on_rt, .sa_flags = SA_SIGINFO }, old_rt;
	int sig = SIGRTMIN + 2;
	pthread_t thread;
	pid_t tid;

	pipe_up();
	sigaction(sig, &rt, &old_rt);
	int fd = ukmem_open("/dev/ukpipe", O_RDWR);
	expect_owner_ex(fd, F_OWNER_TID, 0);	/* Linux's zeroed owner */

	/* A thread as owner: the signal is queued to that thread. */
	owner_stop = false;
	owner_tid = 0;
	cr_assert_eq(pthread_create(&thread, NULL, owner_thread, NULL), 0);
	for (int i = 0; i < 60000 && !__atomic_load_n(&owner_tid, __ATOMIC_SEQ_CST); i++)
		usleep(1000);
	tid = owner_tid;
	cr_assert_neq(tid, gettid());
	cr_assert_eq(setown_ex(fd, F_OWNER_TID, tid), 0);
	expect_owner_ex(fd, F_OWNER_TID, tid);
	cr_assert_eq(ukmem_fcntl(fd, F_GETOWN), tid);
	cr_assert_eq(ukmem_fcntl(fd, F_SETFL, O_ASYNC | O_NONBLOCK), 0);
	cr_assert_eq(ukmem_fcntl(fd, F_SETSIG, sig), 0);
	rt_count = 0;
	cr_assert_eq(ukmem_write(fd, "x", 1), 1);
	for (int i = 0; i < 60000 && !rt_count; i++)
		usleep(1000);
	cr_assert_eq(rt_count, 1);
	cr_assert_eq(rt_tid, tid, "handled on the owner thread");
	cr_assert_eq(rt_fd, fd);
	cr_assert_eq(rt_code, SI_SIGIO);
	__atomic_store_n(&owner_stop, true, __ATOMIC_SEQ_CST);
	pthread_join(thread, NULL);
	expect_owner_ex(fd, F_OWNER_TID, 0);	/* gone: 0, the type kept */
	cr_assert_eq(ukmem_fcntl(fd, F_GETOWN), 0);

	/* A process, a process group, and F_SETOWN's own kinds. */
	cr_assert_eq(setown_ex(fd, F_OWNER_PID, getpid()), 0);
	expect_owner_ex(fd, F_OWNER_PID, getpid());
	cr_assert_eq(ukmem_fcntl(fd, F_GETOWN), getpid());
	cr_assert_eq(setown_ex(fd, F_OWNER_PGRP, getpgrp()), 0);
	expect_owner_ex(fd, F_OWNER_PGRP, getpgrp());
	cr_assert_eq(ukmem_fcntl(fd, F_GETOWN), -getpgrp(), "negative: a group");
	cr_assert_eq(ukmem_fcntl(fd, F_SETOWN, getpid()), 0);
	expect_owner_ex(fd, F_OWNER_PID, getpid());
	cr_assert_eq(ukmem_fcntl(fd, F_SETOWN, -getpgrp()), 0);
	expect_owner_ex(fd, F_OWNER_PGRP, getpgrp());
	cr_assert_eq(ukmem_fcntl(fd, F_SETOWN, 0), 0);
	expect_owner_ex(fd, F_OWNER_PID, 0);

	/* The errors of 6.1's f_setown_ex and f_getown_ex. */
	cr_assert_eq(setown_ex(fd, 3, getpid()), -1);
	cr_assert_eq(errno, EINVAL, "no such owner type");
	cr_assert_eq(setown_ex(fd, F_OWNER_PID, -getpid()), -1);
	cr_assert_eq(errno, ESRCH);
	cr_assert_eq(setown_ex(fd, F_OWNER_TID, tid), -1);
	cr_assert_eq(errno, ESRCH, "the thread has exited");
	cr_assert_eq(ukmem_fcntl(fd, F_SETOWN_EX, NULL), -1);
	cr_assert_eq(errno, EFAULT);
	cr_assert_eq(ukmem_fcntl(fd, F_GETOWN_EX, NULL), -1);
	cr_assert_eq(errno, EFAULT);
	expect_owner_ex(fd, F_OWNER_PID, 0);	/* unchanged by the failures */
	cr_assert_eq(setown_ex(fd, F_OWNER_TID, 0), 0, "0: no owner");
	expect_owner_ex(fd, F_OWNER_TID, 0);

	cr_assert_eq(ukmem_close(fd), 0);
	sigaction(sig, &old_rt, NULL);
	pipe_down();
}

/* A device whose open may say it can do direct I/O (as a driver with a direct_IO
 * mapping would), counting opens and releases. */
static struct {
	int opens, releases;
	bool can_odirect;
} direct;

static int direct_open(struct inode *inode, struct file *file)
{
	direct.opens++;
	if (direct.can_odirect)
		file->f_mode |= FMODE_CAN_ODIRECT;
	return 0;
}

static int direct_release(struct inode *inode, struct file *file)
{
	direct.releases++;
	return 0;
}

static const struct file_operations direct_fops = {
	.open = direct_open, .release = direct_release,
};
static struct miscdevice direct_misc = {
	.minor = MISC_DYNAMIC_MINOR, .name = "ukdirect", .fops = &direct_fops,
};

Test(file_ops, o_direct_open_needs_the_drivers_say_so)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	memset(&direct, 0, sizeof(direct));
	cr_assert_eq(misc_register(&direct_misc), 0);

	/* As 6.1's do_dentry_open: the driver's open runs, then EINVAL, and its release. */
	cr_assert_eq(ukmem_open("/dev/ukdirect", O_RDWR | O_DIRECT), -1);
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(direct.opens, 1);
	cr_assert_eq(direct.releases, 1, "the opened file was released");
	cr_assert_eq(ukmem_open("/proc/meminfo", O_RDONLY | O_DIRECT), -1);
	cr_assert_eq(errno, EINVAL, "no /proc file does direct I/O");

	/* A driver that sets FMODE_CAN_ODIRECT in its open keeps the file. */
	direct.can_odirect = true;
	int fd = ukmem_open("/dev/ukdirect", O_RDWR | O_DIRECT);
	cr_assert_geq(fd, 0);
	cr_assert_eq(ukmem_fcntl(fd, F_GETFL), O_RDWR | O_DIRECT | 0100000);
	cr_assert_eq(direct.opens, 2);
	cr_assert_eq(direct.releases, 1);
	cr_assert_eq(ukmem_close(fd), 0);
	cr_assert_eq(direct.releases, 2);
	misc_deregister(&direct_misc);
	ukmem_shutdown();
}
