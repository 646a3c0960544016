// SPDX-License-Identifier: LGPL-2.1-or-later
/* examples/chardev/scull.c: a memory-backed character device in the manner of LDD3's
 * scull. scull_nr_devs devices (/dev/scull0.. once made with mknod) share one major
 * (dynamic unless scull_major= is given); each holds data in a list of "quantum sets":
 * arrays of qset pointers to quantum-byte blocks, allocated as writes reach them. Read,
 * write and lseek move through that data; opening write-only empties the device; ioctls
 * read and change the quantum. Each device's semaphore-like mutex serialises its users. */
#include <linux/cdev.h>
#include <linux/fs.h>
#include <linux/ioctl.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <fcntl.h>

#define SCULL_QUANTUM	4000
#define SCULL_QSET	1000

#define SCULL_IOC_MAGIC		'k'
#define SCULL_IOCRESET		_IO(SCULL_IOC_MAGIC, 0)
#define SCULL_IOCSQUANTUM	_IOW(SCULL_IOC_MAGIC, 1, int)	/* set from *arg */
#define SCULL_IOCTQUANTUM	_IO(SCULL_IOC_MAGIC, 2)		/* set to arg */
#define SCULL_IOCGQUANTUM	_IOR(SCULL_IOC_MAGIC, 3, int)	/* get into *arg */
#define SCULL_IOCQQUANTUM	_IO(SCULL_IOC_MAGIC, 4)		/* return it */

static int scull_major;
static int scull_nr_devs = 2;
module_param(scull_major, int, 0444);
module_param(scull_nr_devs, int, 0444);

struct scull_qset {
	void **data;
	struct scull_qset *next;
};

struct scull_dev {
	struct scull_qset *data;
	int quantum, qset;
	unsigned long size;
	struct mutex lock;
	struct cdev cdev;
};

static struct scull_dev *scull_devices;
static dev_t scull_first;

static void scull_trim(struct scull_dev *dev)
{
	struct scull_qset *set, *next;

	for (set = dev->data; set; set = next) {
		if (set->data) {
			for (int i = 0; i < dev->qset; i++)
				kfree(set->data[i]);
			kfree(set->data);
		}
		next = set->next;
		kfree(set);
	}
	dev->data = NULL;
	dev->size = 0;
}

/* The n-th quantum set, created (empty) on the way if missing. */
static struct scull_qset *scull_follow(struct scull_dev *dev, long n)
{
	struct scull_qset **link = &dev->data;

	for (;;) {
		if (!*link) {
			*link = kzalloc(sizeof(**link), GFP_KERNEL);
			if (!*link)
				return NULL;
		}
		if (n-- == 0)
			return *link;
		link = &(*link)->next;
	}
}

static int scull_open(struct inode *inode, struct file *filp)
{
	struct scull_dev *dev = container_of(inode->i_cdev, struct scull_dev, cdev);

	filp->private_data = dev;
	if ((filp->f_flags & O_ACCMODE) == O_WRONLY) {
		mutex_lock(&dev->lock);
		scull_trim(dev);
		mutex_unlock(&dev->lock);
	}
	return 0;
}

static int scull_release(struct inode *inode, struct file *filp)
{
	return 0;
}

/* Where *f_pos falls: the set, the slot in it and the offset in that quantum. */
static struct scull_qset *scull_locate(struct scull_dev *dev, loff_t pos, int *slot, int *offset)
{
	long itemsize = (long)dev->quantum * dev->qset;
	long rest = (long)(pos % itemsize);

	*slot = (int)(rest / dev->quantum);
	*offset = (int)(rest % dev->quantum);
	return scull_follow(dev, (long)(pos / itemsize));
}

static ssize_t scull_read(struct file *filp, char __user *buf, size_t count, loff_t *f_pos)
{
	struct scull_dev *dev = filp->private_data;
	struct scull_qset *set;
	int slot, offset;
	ssize_t ret = 0;

	mutex_lock(&dev->lock);
	if (*f_pos >= (loff_t)dev->size)
		goto out;
	count = min(count, (size_t)(dev->size - *f_pos));
	set = scull_locate(dev, *f_pos, &slot, &offset);
	if (!set || !set->data || !set->data[slot])
		goto out;	/* a hole reads as end of file */
	count = min(count, (size_t)(dev->quantum - offset));
	if (copy_to_user(buf, (char *)set->data[slot] + offset, count)) {
		ret = -EFAULT;
		goto out;
	}
	*f_pos += count;
	ret = (ssize_t)count;
out:
	mutex_unlock(&dev->lock);
	return ret;
}

static ssize_t scull_write(struct file *filp, const char __user *buf, size_t count,
			   loff_t *f_pos)
{
	struct scull_dev *dev = filp->private_data;
	struct scull_qset *set;
	int slot, offset;
	ssize_t ret = -ENOMEM;

	mutex_lock(&dev->lock);
	set = scull_locate(dev, *f_pos, &slot, &offset);
	if (!set)
		goto out;
	if (!set->data) {
		set->data = kcalloc(dev->qset, sizeof(*set->data), GFP_KERNEL);
		if (!set->data)
			goto out;
	}
	if (!set->data[slot]) {
		set->data[slot] = kmalloc(dev->quantum, GFP_KERNEL);
		if (!set->data[slot])
			goto out;
	}
	count = min(count, (size_t)(dev->quantum - offset));
	if (copy_from_user((char *)set->data[slot] + offset, buf, count)) {
		ret = -EFAULT;
		goto out;
	}
	*f_pos += count;
	ret = (ssize_t)count;
	if ((unsigned long)*f_pos > dev->size)
		dev->size = (unsigned long)*f_pos;
out:
	mutex_unlock(&dev->lock);
	return ret;
}

static loff_t scull_llseek(struct file *filp, loff_t off, int whence)
{
	struct scull_dev *dev = filp->private_data;
	loff_t pos;

	switch (whence) {
	case SEEK_SET:
		pos = off;
		break;
	case SEEK_CUR:
		pos = filp->f_pos + off;
		break;
	case SEEK_END:
		pos = (loff_t)dev->size + off;
		break;
	default:
		return -EINVAL;
	}
	if (pos < 0)
		return -EINVAL;
	filp->f_pos = pos;
	return pos;
}

static long scull_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct scull_dev *dev = filp->private_data;
	int quantum;

	if (_IOC_TYPE(cmd) != SCULL_IOC_MAGIC)
		return -ENOTTY;
	switch (cmd) {
	case SCULL_IOCRESET:
		dev->quantum = SCULL_QUANTUM;
		dev->qset = SCULL_QSET;
		return 0;
	case SCULL_IOCSQUANTUM:
		if (get_user(quantum, (int __user *)arg))
			return -EFAULT;
		break;
	case SCULL_IOCTQUANTUM:
		quantum = (int)arg;
		break;
	case SCULL_IOCGQUANTUM:
		return put_user(dev->quantum, (int __user *)arg);
	case SCULL_IOCQQUANTUM:
		return dev->quantum;
	default:
		return -ENOTTY;
	}
	if (quantum <= 0)
		return -EINVAL;
	mutex_lock(&dev->lock);
	if (dev->data)
		quantum = -EBUSY;	/* the data is laid out with the old quantum */
	else
		dev->quantum = quantum;
	mutex_unlock(&dev->lock);
	return quantum < 0 ? quantum : 0;
}

static const struct file_operations scull_fops = {
	.owner = THIS_MODULE,
	.llseek = scull_llseek,
	.read = scull_read,
	.write = scull_write,
	.unlocked_ioctl = scull_ioctl,
	.open = scull_open,
	.release = scull_release,
};

static void scull_cleanup(int added)
{
	for (int i = 0; i < added; i++) {
		cdev_del(&scull_devices[i].cdev);
		scull_trim(&scull_devices[i]);
	}
	kfree(scull_devices);
	unregister_chrdev_region(scull_first, scull_nr_devs);
}

static int __init scull_init(void)
{
	int err, i;

	if (scull_major) {
		scull_first = MKDEV(scull_major, 0);
		err = register_chrdev_region(scull_first, scull_nr_devs, "scull");
	} else {
		err = alloc_chrdev_region(&scull_first, 0, scull_nr_devs, "scull");
		scull_major = MAJOR(scull_first);
	}
	if (err) {
		pr_warn("scull: can't get major %d\n", scull_major);
		return err;
	}
	scull_devices = kcalloc(scull_nr_devs, sizeof(*scull_devices), GFP_KERNEL);
	if (!scull_devices) {
		unregister_chrdev_region(scull_first, scull_nr_devs);
		return -ENOMEM;
	}
	for (i = 0; i < scull_nr_devs; i++) {
		struct scull_dev *dev = &scull_devices[i];

		dev->quantum = SCULL_QUANTUM;
		dev->qset = SCULL_QSET;
		mutex_init(&dev->lock);
		cdev_init(&dev->cdev, &scull_fops);
		dev->cdev.owner = THIS_MODULE;
		err = cdev_add(&dev->cdev, MKDEV(scull_major, i), 1);
		if (err) {
			scull_cleanup(i);
			return err;
		}
	}
	pr_info("scull: major %d, %d devices\n", scull_major, scull_nr_devs);
	return 0;
}

static void __exit scull_exit(void)
{
	scull_cleanup(scull_nr_devs);
}

module_init(scull_init);
module_exit(scull_exit);
MODULE_LICENSE("Dual BSD/GPL");
MODULE_DESCRIPTION("scull: a memory-backed character device");
