// SPDX-License-Identifier: LGPL-2.1-or-later
/* base/devres.c: managed device resources. A device's resources are kept on
 * dev->devres_head under dev->devres_lock; they are released, newest first, when the
 * driver unbinds, when its probe fails and when the device is released. ukmem's driver
 * core calls devres_release_all() at those points; the managed allocators (devm_*) add
 * to the list. */
#include <linux/device.h>
#include <linux/list.h>
#include "base/base.h"

/**
 * devres_release_all - release every managed resource of a device
 * @dev: the device
 *
 * Context: process. Returns the number released; a device never initialised has none.
 */
int devres_release_all(struct device *dev)
{
	/* no resource kinds yet: the list of a device is always empty */
	if (!dev->devres_head.next)
		return -ENODEV;
	return 0;
}
