// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs/char_dev.c: character-device numbers and cdevs. Regions (a major and a range of
 * minors, with a name) are what /proc/devices lists; a major of 0 asks for a dynamic one,
 * taken from 254 down to 234 and then 511 down to 384, as Linux does. A cdev added with
 * cdev_add answers opens for its numbers until cdev_del; an open holds the cdev (a cdev
 * from cdev_alloc is freed when it is deleted and no open file holds it). cdev_del lets
 * go of the holds of files still open: a driver frees the memory of a cdev it embedded in
 * its own structures right after cdev_del, and a file closed later must not touch it.
 * The bookkeeping (regions, cdev_alloc's cdevs) is host memory, like /dev's nodes, so
 * that the user side's own records leave the machine's slab caches as a driver finds them.
 * chrdev_init also brings up the rest of the user side: /dev, the misc major, the
 * descriptor table and the user address space; chrdev_exit closes and unmaps everything
 * still open, as a process exit would. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/export.h>
#include "fs/chrdev.h"
#include "fs/devfs.h"
#include "fs/file.h"
#include "fs/proc.h"
#include "mm/user_mm.h"

struct char_device_region {
	struct list_head list;		/* by major, then base minor */
	unsigned int major, baseminor, minorct;
	char name[64];
	struct cdev *cdev;		/* register_chrdev's */
};

/* An open file's hold on its cdev (host memory), so that cdev_del() finds the files. */
struct cdev_hold {
	struct list_head list;
	struct file *filp;
};

static LIST_HEAD(regions);
static LIST_HEAD(live_cdevs);
static LIST_HEAD(cdev_holds);		/* under chrdevs_lock */
static DEFINE_MUTEX(chrdevs_lock);

/* ---- regions ---- */

static bool major_in_use(unsigned int major)
{
	struct char_device_region *r;

	list_for_each_entry(r, &regions, list)
		if (r->major == major)
			return true;
	return false;
}

static int find_dynamic_major(void)
{
	for (int major = 254; major >= CHRDEV_MAJOR_DYN_END; major--)
		if (!major_in_use(major))
			return major;
	for (int major = CHRDEV_MAJOR_DYN_EXT_START; major >= CHRDEV_MAJOR_DYN_EXT_END; major--)
		if (!major_in_use(major))
			return major;
	return -EBUSY;
}

static bool overlaps(const struct char_device_region *r, unsigned int major,
		     unsigned int baseminor, unsigned int minorct)
{
	return r->major == major && r->baseminor < baseminor + minorct &&
	       baseminor < r->baseminor + r->minorct;
}

static void insert_region(struct char_device_region *cd)
{
	struct char_device_region *r;

	list_for_each_entry(r, &regions, list)
		if (r->major > cd->major ||
		    (r->major == cd->major && r->baseminor > cd->baseminor))
			break;
	list_add_tail(&cd->list, &r->list);
}

static struct char_device_region *
__register_chrdev_region(unsigned int major, unsigned int baseminor, unsigned int minorct,
			 const char *name)
{
	struct char_device_region *cd, *r;
	int ret;

	if (major >= CHRDEV_MAJOR_MAX) {
		pr_err("CHRDEV \"%s\" major requested (%u) is greater than the maximum (%u)\n",
		       name, major, CHRDEV_MAJOR_MAX - 1);
		return ERR_PTR(-EINVAL);
	}
	if (minorct > MINORMASK + 1 - baseminor) {
		pr_err("CHRDEV \"%s\" minor range requested (%u-%u) is out of range of maximum range (%u-%u) for a single major\n",
		       name, baseminor, baseminor + minorct - 1, 0, MINORMASK);
		return ERR_PTR(-EINVAL);
	}
	cd = calloc(1, sizeof(*cd));
	if (!cd)
		return ERR_PTR(-ENOMEM);
	mutex_lock(&chrdevs_lock);
	if (major == 0) {
		ret = find_dynamic_major();
		if (ret < 0) {
			pr_err("CHRDEV \"%s\" dynamic allocation region is full\n", name);
			goto fail;
		}
		major = ret;
	}
	ret = -EBUSY;
	list_for_each_entry(r, &regions, list)
		if (overlaps(r, major, baseminor, minorct))
			goto fail;
	cd->major = major;
	cd->baseminor = baseminor;
	cd->minorct = minorct;
	strscpy(cd->name, name, sizeof(cd->name));
	insert_region(cd);
	mutex_unlock(&chrdevs_lock);
	return cd;
fail:
	mutex_unlock(&chrdevs_lock);
	free(cd);
	return ERR_PTR(ret);
}

static struct char_device_region *
__unregister_chrdev_region(unsigned int major, unsigned int baseminor, unsigned int minorct)
{
	struct char_device_region *r, *found = NULL;

	mutex_lock(&chrdevs_lock);
	list_for_each_entry(r, &regions, list)
		if (r->major == major && r->baseminor == baseminor && r->minorct == minorct) {
			found = r;
			list_del(&r->list);
			break;
		}
	mutex_unlock(&chrdevs_lock);
	return found;
}

/* The part of [from, from + count) on from's major. */
static unsigned int count_on_major(dev_t from, dev_t end)
{
	dev_t next = MKDEV(MAJOR(from) + 1, 0);

	return (unsigned int)((next > end ? end : next) - from);
}

/**
 * unregister_chrdev_region - give back a range of device numbers
 * @from: the first number
 * @count: how many
 *
 * Context: process context; may sleep (takes the character devices' mutex).
 */
void unregister_chrdev_region(dev_t from, unsigned count)
{
	dev_t end = from + count;

	for (dev_t n = from; n < end; n = MKDEV(MAJOR(n) + 1, 0))
		free(__unregister_chrdev_region(MAJOR(n), MINOR(n), count_on_major(n, end)));
}
EXPORT_SYMBOL(unregister_chrdev_region);

/**
 * register_chrdev_region - reserve a known range of device numbers
 * @from: the first number (its major chosen by the driver)
 * @count: how many; the range may run over several majors
 * @name: the name /proc/devices shows
 *
 * Context: process context; may sleep (takes the character devices' mutex).
 * Return: 0; -EBUSY if part of the range is taken; -EINVAL for a major or minor range out
 * of bounds; -ENOMEM. On error nothing is reserved.
 */
int register_chrdev_region(dev_t from, unsigned count, const char *name)
{
	dev_t end = from + count;

	for (dev_t n = from; n < end; n = MKDEV(MAJOR(n) + 1, 0)) {
		struct char_device_region *cd =
			__register_chrdev_region(MAJOR(n), MINOR(n), count_on_major(n, end), name);

		if (IS_ERR(cd)) {
			if (n > from)
				unregister_chrdev_region(from, (unsigned)(n - from));
			return PTR_ERR(cd);
		}
	}
	return 0;
}
EXPORT_SYMBOL(register_chrdev_region);

/**
 * alloc_chrdev_region - reserve a range of device numbers with a free major
 * @dev: receives the first number
 * @baseminor: the first minor
 * @count: how many minors
 * @name: the name /proc/devices shows
 *
 * Dynamic majors are handed out from 254 down, then from 511 down, as in Linux 6.1.
 *
 * Context: process context; may sleep.
 * Return: 0; -EBUSY when no major is free; -EINVAL; -ENOMEM.
 */
int alloc_chrdev_region(dev_t *dev, unsigned baseminor, unsigned count, const char *name)
{
	struct char_device_region *cd = __register_chrdev_region(0, baseminor, count, name);

	if (IS_ERR(cd))
		return PTR_ERR(cd);
	*dev = MKDEV(cd->major, cd->baseminor);
	return 0;
}
EXPORT_SYMBOL(alloc_chrdev_region);

/**
 * __register_chrdev - reserve device numbers and add a cdev for them in one call
 * @major: the major, or 0 for a free one
 * @baseminor: the first minor
 * @count: how many minors
 * @name: the name /proc/devices shows
 * @fops: the file operations; fops->owner becomes the cdev's owner
 *
 * What register_chrdev() calls (with minors 0 to 255).
 *
 * Context: process context; may sleep.
 * Return: the major when @major was 0, else 0; or -EBUSY, -EINVAL, -ENOMEM.
 */
int __register_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
		      const char *name, const struct file_operations *fops)
{
	struct char_device_region *cd = __register_chrdev_region(major, baseminor, count, name);
	struct cdev *cdev;
	int err;

	if (IS_ERR(cd))
		return PTR_ERR(cd);
	cdev = cdev_alloc();
	err = -ENOMEM;
	if (!cdev)
		goto out;
	cdev->owner = fops->owner;
	cdev->ops = fops;
	err = cdev_add(cdev, MKDEV(cd->major, baseminor), count);
	if (err) {
		cdev_del(cdev);
		goto out;
	}
	cd->cdev = cdev;
	return major ? 0 : (int)cd->major;
out:
	free(__unregister_chrdev_region(cd->major, baseminor, count));
	return err;
}
EXPORT_SYMBOL(__register_chrdev);

/**
 * __unregister_chrdev - undo __register_chrdev()
 * @major: the major
 * @baseminor: the first minor
 * @count: how many minors
 * @name: the name (unused)
 *
 * Context: process context; may sleep.
 */
void __unregister_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
			 const char *name)
{
	struct char_device_region *cd = __unregister_chrdev_region(major, baseminor, count);

	if (cd && cd->cdev)
		cdev_del(cd->cdev);
	free(cd);
}
EXPORT_SYMBOL(__unregister_chrdev);

/* ---- cdevs ---- */

/* The kobject's release: the reference cdev_add took on the parent goes. */
static void cdev_default_release(struct kobject *kobj)
{
	struct cdev *p = container_of(kobj, struct cdev, kobj);
	struct kobject *parent = kobj->parent;

	if (p->parent_held)
		kobject_put(parent);
}

static void cdev_dynamic_release(struct kobject *kobj)
{
	cdev_default_release(kobj);
	free(container_of(kobj, struct cdev, kobj));
}

static const struct kobj_type ktype_cdev_default = {
	.release	= cdev_default_release,
};

static const struct kobj_type ktype_cdev_dynamic = {
	.release	= cdev_dynamic_release,
};

/**
 * cdev_init - prepare a cdev embedded in a driver's structure
 * @cdev: the cdev
 * @fops: its file operations
 *
 * Context: any. Its kobject holds one reference, dropped by cdev_del().
 */
void cdev_init(struct cdev *cdev, const struct file_operations *fops)
{
	memset(cdev, 0, sizeof(*cdev));
	INIT_LIST_HEAD(&cdev->list);
	kobject_init(&cdev->kobj, &ktype_cdev_default);
	cdev->ops = fops;
}
EXPORT_SYMBOL(cdev_init);

/**
 * cdev_alloc - a cdev freed when it is deleted and no open file holds it
 *
 * Context: process. Returns it or NULL.
 */
struct cdev *cdev_alloc(void)
{
	struct cdev *p = calloc(1, sizeof(*p));

	if (p) {
		INIT_LIST_HEAD(&p->list);
		kobject_init(&p->kobj, &ktype_cdev_dynamic);
		p->allocated = true;
	}
	return p;
}
EXPORT_SYMBOL(cdev_alloc);

/**
 * cdev_set_parent - make a kobject (a device's) live at least as long as the cdev
 * @p: the cdev (before cdev_add)
 * @kobj: the parent
 *
 * Context: any.
 */
void cdev_set_parent(struct cdev *p, struct kobject *kobj)
{
	WARN_ON(!kobj->state_initialized);
	p->kobj.parent = kobj;
}
EXPORT_SYMBOL(cdev_set_parent);

/**
 * cdev_device_add - cdev_add() for a device's number, then device_add()
 * @cdev: the cdev
 * @dev: the device (initialised; devt set, or 0 for no cdev)
 *
 * Context: process; may sleep. Returns 0 or -errno with neither left added.
 */
int cdev_device_add(struct cdev *cdev, struct device *dev)
{
	int rc = 0;

	if (dev->devt) {
		cdev_set_parent(cdev, &dev->kobj);
		rc = cdev_add(cdev, dev->devt, 1);
		if (rc)
			return rc;
	}
	rc = device_add(dev);
	if (rc && dev->devt)
		cdev_del(cdev);
	return rc;
}
EXPORT_SYMBOL(cdev_device_add);

/**
 * cdev_device_del - device_del() then cdev_del(), the reverse of cdev_device_add()
 * @cdev: the cdev
 * @dev: the device
 *
 * Context: process; may sleep.
 */
void cdev_device_del(struct cdev *cdev, struct device *dev)
{
	device_del(dev);
	if (dev->devt)
		cdev_del(cdev);
}
EXPORT_SYMBOL(cdev_device_del);

/**
 * cdev_add - make a cdev live for a range of device numbers
 * @p: the cdev, from cdev_init() or cdev_alloc()
 * @dev: the first number
 * @count: how many
 *
 * Opens of the numbers reach @p's file operations at once.
 *
 * Context: process context; may sleep (takes the character devices' mutex).
 * Return: 0, or -EINVAL for @count 0.
 */
int cdev_add(struct cdev *p, dev_t dev, unsigned count)
{
	if (!count)
		return -EINVAL;
	p->dev = dev;
	p->count = count;
	if (p->kobj.parent && !p->parent_held) {
		kobject_get(p->kobj.parent);
		p->parent_held = true;
	}
	mutex_lock(&chrdevs_lock);
	list_add(&p->list, &live_cdevs);
	p->refs++;
	mutex_unlock(&chrdevs_lock);
	return 0;
}
EXPORT_SYMBOL(cdev_add);

static void cdev_put_locked(struct cdev *p)
{
	if (--p->refs == 0 && p->allocated)
		kobject_put(&p->kobj);	/* frees it */
}

/* Files still open on p forget it (chrdevs_lock held); their references on it go. */
static void drop_file_holds(struct cdev *p)
{
	struct cdev_hold *h, *tmp;

	list_for_each_entry_safe(h, tmp, &cdev_holds, list) {
		if (h->filp->ukmem_cdev != p)
			continue;
		h->filp->ukmem_cdev = NULL;
		if (h->filp->f_inode && h->filp->f_inode->i_cdev == p)
			h->filp->f_inode->i_cdev = NULL;
		list_del(&h->list);
		free(h);
		p->refs--;
	}
}

/**
 * cdev_del - take a cdev out of use
 * @p: the cdev
 *
 * New opens of its numbers fail from now on; files already open keep working until they
 * are closed, as in Linux. An embedded cdev drops the reference cdev_init() took.
 *
 * Context: process context; may sleep (takes the character devices' mutex).
 */
void cdev_del(struct cdev *p)
{
	bool embedded = !p->allocated;

	mutex_lock(&chrdevs_lock);
	drop_file_holds(p);
	if (!list_empty(&p->list)) {
		list_del_init(&p->list);
		cdev_put_locked(p);
	} else if (p->allocated && !p->refs) {
		kobject_put(&p->kobj);	/* frees it */
	}
	mutex_unlock(&chrdevs_lock);
	if (embedded)
		kobject_put(&p->kobj);	/* cdev_init's reference: the parent's goes */
}
EXPORT_SYMBOL(cdev_del);

/* The newest live cdev answering for dev, with a reference. */
static struct cdev *cdev_get_for(dev_t dev)
{
	struct cdev *p;

	mutex_lock(&chrdevs_lock);
	list_for_each_entry(p, &live_cdevs, list)
		if (dev >= p->dev && dev - p->dev < p->count) {
			p->refs++;
			mutex_unlock(&chrdevs_lock);
			return p;
		}
	mutex_unlock(&chrdevs_lock);
	return NULL;
}

int chrdev_open(struct inode *inode, struct file *filp)
{
	struct cdev_hold *hold = malloc(sizeof(*hold));
	struct cdev *p = hold ? cdev_get_for(inode->i_rdev) : NULL;
	const struct file_operations *fops;
	int err = 0;

	if (!p) {
		free(hold);
		return hold ? -ENXIO : -ENOMEM;
	}
	hold->filp = filp;
	mutex_lock(&chrdevs_lock);
	filp->ukmem_cdev = p;
	list_add(&hold->list, &cdev_holds);
	mutex_unlock(&chrdevs_lock);
	inode->i_cdev = p;
	fops = fops_get(p->ops);		/* NULL once the driver's module is going */
	if (!fops) {
		err = -ENXIO;
	} else {
		replace_fops(filp, fops);
		if (filp->f_op->open)
			err = filp->f_op->open(inode, filp);
	}
	if (err)
		chrdev_file_put(filp);
	return err;
}

const struct file_operations def_chr_fops = {
	.open = chrdev_open,
	.llseek = noop_llseek,
};

void chrdev_file_put(struct file *filp)
{
	struct cdev_hold *h;

	mutex_lock(&chrdevs_lock);
	list_for_each_entry(h, &cdev_holds, list)
		if (h->filp == filp) {
			list_del(&h->list);
			free(h);
			cdev_put_locked(filp->ukmem_cdev);
			break;
		}
	filp->ukmem_cdev = NULL;
	mutex_unlock(&chrdevs_lock);
}

/* ---- /proc/devices, boot and shutdown ---- */

static int devices_show(struct seq_file *m, void *data)
{
	struct char_device_region *r;

	seq_puts(m, "Character devices:\n");
	mutex_lock(&chrdevs_lock);
	list_for_each_entry(r, &regions, list)
		seq_printf(m, "%3d %s\n", r->major, r->name);
	mutex_unlock(&chrdevs_lock);
	seq_puts(m, "\nBlock devices:\n");
	return 0;
}

int chrdev_init(void)
{
	int err = proc_create_view("/proc/devices", devices_show, NULL);

	if (!err)
		err = user_mm_init();
	if (!err)
		err = misc_init();
	if (err)
		chrdev_exit();
	return err;
}

void chrdev_exit(void)
{
	struct char_device_region *r, *tmp;

	files_exit();
	user_mm_exit();
	misc_exit();
	devfs_exit();
	list_for_each_entry_safe(r, tmp, &regions, list) {
		if (r->cdev)
			cdev_del(r->cdev);
		list_del(&r->list);
		free(r);
	}
	while (!list_empty(&live_cdevs))
		list_del_init(live_cdevs.next);
}
