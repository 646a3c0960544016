// SPDX-License-Identifier: GPL-2.0
/*
 * mountdrv: a driver for ordinary programs to use through `ukmem run --mount DIR`:
 *   /dev/mountdrv        a byte queue: write appends, read takes (O_NONBLOCK: -EAGAIN
 *                        when empty), poll says POLLIN when it holds data; ioctl
 *                        MOUNTDRV_GET_WRITTEN (_IOR('M', 1, __u32)) returns the bytes
 *                        written so far, MOUNTDRV_RESET (_IO('M', 2)) empties it
 *   /dev/mountdrv_pattern endless bytes (offset & 0xff) for dd and hexdump
 *   /proc/mountdrv       "mountdrv: N bytes written"
 *   /sys/kernel/debug/mountdrv/level       a u32 to echo into and cat back
 *   /sys/kernel/debug/mountdrv/remove_proc writing 1 removes /proc/mountdrv
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include <linux/wait.h>

#define MOUNTDRV_GET_WRITTEN	_IOR('M', 1, __u32)
#define MOUNTDRV_RESET		_IO('M', 2)
#define QUEUE_SIZE		4096

static DEFINE_MUTEX(lock);
static DECLARE_WAIT_QUEUE_HEAD(readers);
static char queue[QUEUE_SIZE];
static size_t queued;
static u32 written, level;
static struct dentry *dir;
static struct proc_dir_entry *proc;

static ssize_t queue_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	ssize_t n;

	mutex_lock(&lock);
	while (!queued) {
		mutex_unlock(&lock);
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(readers, READ_ONCE(queued)))
			return -ERESTARTSYS;
		mutex_lock(&lock);
	}
	n = min(count, queued);
	if (copy_to_user(buf, queue, n)) {
		n = -EFAULT;
	} else {
		memmove(queue, queue + n, queued - n);
		queued -= n;
	}
	mutex_unlock(&lock);
	return n;
}

static ssize_t queue_write(struct file *file, const char __user *buf, size_t count,
			   loff_t *ppos)
{
	ssize_t n;

	mutex_lock(&lock);
	n = min(count, QUEUE_SIZE - queued);
	if (!n) {
		n = -ENOSPC;
	} else if (copy_from_user(queue + queued, buf, n)) {
		n = -EFAULT;
	} else {
		queued += n;
		written += n;
	}
	mutex_unlock(&lock);
	if (n > 0)
		wake_up_interruptible(&readers);
	return n;
}

static __poll_t queue_poll(struct file *file, poll_table *wait)
{
	poll_wait(file, &readers, wait);
	return (READ_ONCE(queued) ? EPOLLIN | EPOLLRDNORM : 0) | EPOLLOUT | EPOLLWRNORM;
}

static long queue_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case MOUNTDRV_GET_WRITTEN:
		return put_user(READ_ONCE(written), (u32 __user *)arg);
	case MOUNTDRV_RESET:
		mutex_lock(&lock);
		queued = 0;
		mutex_unlock(&lock);
		return 0;
	}
	return -ENOTTY;
}

static const struct file_operations queue_fops = {
	.owner = THIS_MODULE,
	.read = queue_read,
	.write = queue_write,
	.poll = queue_poll,
	.unlocked_ioctl = queue_ioctl,
	.llseek = noop_llseek,
};

static struct miscdevice queue_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "mountdrv",
	.fops = &queue_fops,
};

static ssize_t pattern_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	char chunk[256];
	size_t done = 0;

	while (done < count) {
		size_t n = min(count - done, sizeof(chunk));

		for (size_t i = 0; i < n; i++)
			chunk[i] = (char)((*ppos + done + i) & 0xff);
		if (copy_to_user(buf + done, chunk, n))
			return done ? (ssize_t)done : -EFAULT;
		done += n;
	}
	*ppos += done;
	return done;
}

static const struct file_operations pattern_fops = {
	.owner = THIS_MODULE,
	.read = pattern_read,
	.llseek = default_llseek,
};

static struct miscdevice pattern_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "mountdrv_pattern",
	.fops = &pattern_fops,
};

static int stats_show(struct seq_file *m, void *v)
{
	seq_printf(m, "mountdrv: %u bytes written\n", READ_ONCE(written));
	return 0;
}

static int remove_proc_set(void *data, u64 val)
{
	if (val != 1)
		return -EINVAL;
	proc_remove(xchg(&proc, NULL));
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(remove_proc_fops, NULL, remove_proc_set, "%llu\n");

static int __init mountdrv_init(void)
{
	int err = misc_register(&queue_dev);

	if (err)
		return err;
	err = misc_register(&pattern_dev);
	if (err) {
		misc_deregister(&queue_dev);
		return err;
	}
	proc = proc_create_single("mountdrv", 0444, NULL, stats_show);
	dir = debugfs_create_dir("mountdrv", NULL);
	debugfs_create_u32("level", 0644, dir, &level);
	debugfs_create_file_unsafe("remove_proc", 0200, dir, NULL, &remove_proc_fops);
	return 0;
}

static void __exit mountdrv_exit(void)
{
	debugfs_remove(dir);
	proc_remove(proc);
	misc_deregister(&pattern_dev);
	misc_deregister(&queue_dev);
}

module_init(mountdrv_init);
module_exit(mountdrv_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("files for ordinary programs through ukmem run --mount");
