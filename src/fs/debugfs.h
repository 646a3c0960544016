/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fs/debugfs.h: debugfs's place in the machine's life (drivers use <linux/debugfs.h>):
 * its root is made and mounted at /sys/kernel/debug at boot, and removed with everything
 * in it at shutdown. */
#ifndef UKMEM_FS_DEBUGFS_H
#define UKMEM_FS_DEBUGFS_H

int debugfs_init(void);
void debugfs_exit(void);

#endif
