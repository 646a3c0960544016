// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/ksysfs.c: the standard directories of /sys -- kernel (with uevent_seqnum),
 * kernel/mm, firmware, hypervisor and power -- made at boot after /sys is mounted and
 * removed at shutdown, with the uevent record cleared so each machine starts at 0. */
#include <errno.h>
#include <linux/export.h>
#include <linux/kobject.h>
#include <linux/sysfs.h>
#include "lib/kobject_uevent.h"
#include "fs/sysfs/sysfs.h"
#include "machine/initcalls.h"

struct kobject *kernel_kobj;
EXPORT_SYMBOL_GPL(kernel_kobj);
struct kobject *mm_kobj;
EXPORT_SYMBOL_GPL(mm_kobj);
struct kobject *firmware_kobj;
EXPORT_SYMBOL_GPL(firmware_kobj);
struct kobject *hypervisor_kobj;
EXPORT_SYMBOL_GPL(hypervisor_kobj);
struct kobject *power_kobj;

static ssize_t uevent_seqnum_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%llu\n", (unsigned long long)uevent_seqnum);
}
static struct kobj_attribute uevent_seqnum_attr = __ATTR_RO(uevent_seqnum);

static struct attribute *kernel_attrs[] = {
	&uevent_seqnum_attr.attr,
	NULL
};

static const struct attribute_group kernel_attr_group = {
	.attrs = kernel_attrs,
};

static void ksysfs_put_all(void)
{
	kobject_put(power_kobj);
	kobject_put(hypervisor_kobj);
	kobject_put(firmware_kobj);
	kobject_put(mm_kobj);
	kobject_put(kernel_kobj);
	power_kobj = hypervisor_kobj = firmware_kobj = mm_kobj = kernel_kobj = NULL;
}

int ksysfs_init(void)
{
	int err;

	err = sysfs_init();
	if (err)
		return err;
	kernel_kobj = kobject_create_and_add("kernel", NULL);
	mm_kobj = kobject_create_and_add("mm", kernel_kobj);
	firmware_kobj = kobject_create_and_add("firmware", NULL);
	hypervisor_kobj = kobject_create_and_add("hypervisor", NULL);
	power_kobj = kobject_create_and_add("power", NULL);
	if (!kernel_kobj || !mm_kobj || !firmware_kobj || !hypervisor_kobj || !power_kobj ||
	    sysfs_create_group(kernel_kobj, &kernel_attr_group)) {
		ksysfs_put_all();
		sysfs_exit();
		return -ENOMEM;
	}
	return 0;
}

void ksysfs_exit(void)
{
	sysfs_remove_group(kernel_kobj, &kernel_attr_group);
	ksysfs_put_all();
	sysfs_exit();
	uevent_log_reset();
}
