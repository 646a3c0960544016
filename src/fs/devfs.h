/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fs/devfs.h: ukmem's own /dev -- device nodes by name, each with its dentry and inode
 * (mode and device number; opens start with the character-device file operations).
 * Nodes are made by ukmem_mknod() (as mknod(2) would), misc_register() and
 * device_add(); names may have directories ("input/event0"), which exist while a node
 * below them does; a node's inode lives while the node exists or a file has it open. */
#ifndef UKMEM_FS_DEVFS_H
#define UKMEM_FS_DEVFS_H

#include <linux/fs.h>

/* The node at path ("/dev/name"): its dentry, whose inode holds a reference (an open
 * file lets go of it through inode->ukmem_put); NULL if none. */
struct dentry *devfs_lookup(const char *path);
/* The node's name under /dev (it stays readable while the inode is held). */
const char *devfs_name(const struct inode *inode);
/* Makes /dev/<name> (name may have directories, "input/event0"): 0, -EEXIST (the name,
 * or a directory or node in its way, is there), -EINVAL for a bad name, -ENOMEM. */
int devfs_mknod(const char *name, umode_t mode, dev_t dev);
/* Removes /dev/<name>: 0 or -ENOENT. */
int devfs_remove(const char *name);
void devfs_exit(void);

#endif
