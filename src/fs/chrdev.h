/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fs/chrdev.h: the character-device layer's side facing files -- an open of a node
 * finds the cdev for its device number and takes the cdev's file operations. */
#ifndef UKMEM_FS_CHRDEV_H
#define UKMEM_FS_CHRDEV_H

#include <linux/fs.h>

/* Sets filp->f_op from the live cdev for inode->i_rdev and runs its open: 0, -ENXIO
 * when no cdev answers, or open's error. */
int chrdev_open(struct inode *inode, struct file *filp);
/* What an open of a character-device node starts with (its open is chrdev_open). */
extern const struct file_operations def_chr_fops;
/* The open's hold on its cdev, dropped after release. */
void chrdev_file_put(struct file *filp);

/* drivers/misc.c: major 10 comes and goes with the machine. */
int misc_init(void);
void misc_exit(void);

int chrdev_init(void);
void chrdev_exit(void);

#endif
