// SPDX-License-Identifier: LGPL-2.1-or-later
/* base/init.c: the driver core's boot and shutdown -- /sys/devices, /sys/dev, /sys/bus,
 * /sys/class, the platform bus and deferred probing, after sysfs and debugfs are up. */
#include <errno.h>
#include "base/base.h"
#include "machine/initcalls.h"

int driver_init(void)
{
	int err = devices_init();

	if (err)
		return err;
	err = buses_init();
	if (err)
		goto out_devices;
	err = classes_init();
	if (err)
		goto out_buses;
	err = platform_bus_init();
	if (err)
		goto out_classes;
	deferred_probe_init();
	return 0;

out_classes:
	classes_exit();
out_buses:
	buses_exit();
out_devices:
	devices_exit();
	return err;
}

void driver_exit(void)
{
	deferred_probe_exit();
	platform_bus_exit();
	classes_exit();
	buses_exit();
	devices_exit();
}
