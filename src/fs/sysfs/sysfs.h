/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fs/sysfs/sysfs.h: sysfs's internals (fs/sysfs/): the root of /sys in kernfs and the
 * duplicate-name report shared by directories, files, groups and links. */
#ifndef UKMEM_FS_SYSFS_SYSFS_H
#define UKMEM_FS_SYSFS_SYSFS_H

#include <linux/kobject.h>
#include <linux/sysfs.h>
#include "fs/kernfs.h"

extern struct kernfs_node *sysfs_root_kn;

/* "sysfs: cannot create duplicate filename '<parent path>/<name>'" and a stack. */
void sysfs_warn_dup(struct kernfs_node *parent, const char *name);
/* Makes the file of attr in parent (whose priv is the kobject): 0 or -errno. */
int sysfs_add_file_mode_ns(struct kernfs_node *parent, const struct attribute *attr,
			   umode_t amode, kuid_t uid, kgid_t gid, const void *ns);
int sysfs_add_bin_file_mode_ns(struct kernfs_node *parent, const struct bin_attribute *battr,
			       umode_t mode, size_t size, kuid_t uid, kgid_t gid, const void *ns);
int sysfs_create_link_sd(struct kernfs_node *kn, struct kobject *target, const char *name);

int sysfs_init(void);
void sysfs_exit(void);

#endif
