// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs/sysfs/mount.c: /sys -- a kernfs root with sysfs's open check (a file opened for
 * writing needs a write bit and a store method, for reading a read bit and a show
 * method; -EACCES otherwise), mounted at boot and taken down at shutdown after every
 * kobject left it. */
#include <errno.h>
#include <linux/err.h>
#include "fs/sysfs/sysfs.h"
#include "machine/initcalls.h"

#define SYSFS_MOUNT "/sys"

struct kernfs_node *sysfs_root_kn;

int sysfs_init(void)
{
	struct kernfs_node *root = kernfs_create_root("/", KERNFS_ROOT_EXTRA_OPEN_PERM_CHECK);
	int err;

	if (!root)
		return -ENOMEM;
	err = kernfs_mount(SYSFS_MOUNT, root);
	if (err) {
		kernfs_remove(root);
		return err;
	}
	sysfs_root_kn = root;
	return 0;
}

void sysfs_exit(void)
{
	struct kernfs_node *root = sysfs_root_kn;

	kernfs_umount(SYSFS_MOUNT);
	sysfs_root_kn = NULL;
	kernfs_remove(root);
}
