/* linux/cdev.h: a character device -- file operations answering for a range of device
 * numbers. cdev_add makes the range live (an open of a node with one of its numbers
 * reaches ops); cdev_del takes it away again (files already open keep their ops). */
#ifndef UKMEM_LINUX_CDEV_H
#define UKMEM_LINUX_CDEV_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/fs.h>

struct cdev {
	struct module *owner;
	const struct file_operations *ops;
	dev_t dev;
	unsigned int count;
	struct list_head list;		/* the live cdevs, while added */
	bool allocated;			/* from cdev_alloc: freed by cdev_del */
	int refs;			/* being live, and each open file */
};

void cdev_init(struct cdev *cdev, const struct file_operations *fops);
struct cdev *cdev_alloc(void);
int cdev_add(struct cdev *p, dev_t dev, unsigned count);
void cdev_del(struct cdev *p);

#endif
