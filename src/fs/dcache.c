// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs/dcache.c: dentry references. ukmem's dentries live inside the records of the tree
 * that owns them (kernfs nodes, /proc entries, /dev nodes) and are counted through their
 * inode: dput() lets go of a reference that a lookup (debugfs_lookup) handed out. */
#include <linux/export.h>
#include <linux/fs.h>

/**
 * dput - let go of a dentry reference
 * @dentry: the dentry (NULL: nothing)
 *
 * Context: process; may sleep (the last reference frees the record).
 */
void dput(struct dentry *dentry)
{
	if (dentry && dentry->d_inode && dentry->d_inode->ukmem_put)
		dentry->d_inode->ukmem_put(dentry->d_inode);
}
EXPORT_SYMBOL(dput);
