// SPDX-License-Identifier: LGPL-2.1-or-later
/* The driver core: a bus with devices and drivers binding whichever arrives second,
 * /sys/bus/<bus>/{devices,drivers} and /sys/devices, the bind/unbind/drivers_probe
 * files, probe failure and Linux's message, -EPROBE_DEFER retried when another driver
 * binds (and devices_deferred), dev_printk's prefixes, device attributes (and a device
 * unregistered while one is open), uevents, a device without release, and a stress of
 * threads registering devices while drivers come and go. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "kmsg.h"
#include "sysfile.h"
#include "lib/kobject_uevent.h"

/* ---- a bus: devices "ukd<N>" match drivers whose name starts with the same letter ---- */

static int ukbus_match(struct device *dev, struct device_driver *drv)
{
	return dev_name(dev)[0] == drv->name[0] || !strncmp(drv->name, "any", 3);
}

static int ukbus_uevent(struct device *dev, struct kobj_uevent_env *env)
{
	return add_uevent_var(env, "UKBUS_ID=%u", dev->id);
}

static struct bus_type ukbus = {
	.name = "ukbus",
	.match = ukbus_match,
	.uevent = ukbus_uevent,
};

static int probes, removes, probe_result;

static int ukdrv_probe(struct device *dev)
{
	probes++;
	if (probe_result)
		return probe_result;
	dev_set_drvdata(dev, &probes);
	dev_info(dev, "bound\n");
	return 0;
}

static int ukdrv_remove(struct device *dev)
{
	removes++;
	cr_assert_eq(dev_get_drvdata(dev), &probes);
	return 0;
}

static struct device_driver ukdrv = {
	.name = "ukdrv", .bus = &ukbus, .probe = ukdrv_probe, .remove = ukdrv_remove,
};

static int dev_released;

static void ukdev_release(struct device *dev)
{
	dev_released++;
	kfree(dev);
}

static struct device *new_dev(const char *name, u32 id)
{
	struct device *dev = kzalloc(sizeof(*dev), GFP_KERNEL);

	dev->bus = &ukbus;
	dev->id = id;
	dev->release = ukdev_release;
	dev->init_name = name;
	return dev;
}

Test(driver_core, binding_either_way_and_sysfs)
{
	char buf[256];

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(bus_register(&ukbus), 0);
	cr_assert(sysfile_exists("/sys/bus/ukbus/devices"));
	cr_assert(sysfile_exists("/sys/bus/ukbus/drivers"));
	cr_assert_str_eq(sysfile_read("/sys/bus/ukbus/drivers_autoprobe", buf, sizeof(buf)), "1\n");
	probes = removes = probe_result = 0;
	dev_released = 0;

	/* device first, then the driver */
	struct device *d1 = new_dev("ukd1", 1);
	cr_assert_eq(device_register(d1), 0);
	cr_assert_str_eq(dev_name(d1), "ukd1");
	cr_assert_null(d1->init_name);
	cr_assert_null(d1->driver);
	cr_assert(sysfile_exists("/sys/devices/ukd1"));
	cr_assert(sysfile_exists("/sys/bus/ukbus/devices/ukd1/uevent"));
	cr_assert(sysfile_exists("/sys/devices/ukd1/subsystem/drivers_probe"));
	cr_assert_str_eq(sysfile_read("/sys/devices/ukd1/uevent", buf, sizeof(buf)), "UKBUS_ID=1\n");
	cr_assert_eq(driver_register(&ukdrv), 0);
	cr_assert_eq(d1->driver, &ukdrv);
	cr_assert_eq(probes, 1);
	cr_assert(kmsg_contains("ukdrv ukd1: bound"));
	cr_assert(sysfile_exists("/sys/bus/ukbus/drivers/ukdrv/ukd1"));
	cr_assert(sysfile_exists("/sys/devices/ukd1/driver/bind"));
	cr_assert_str_eq(sysfile_read("/sys/devices/ukd1/uevent", buf, sizeof(buf)),
			 "DRIVER=ukdrv\nUKBUS_ID=1\n");

	/* driver first, then the device */
	struct device *d2 = new_dev("ukd2", 2);
	cr_assert_eq(device_register(d2), 0);
	cr_assert_eq(d2->driver, &ukdrv);
	cr_assert_eq(probes, 2);

	/* a device the driver does not match stays unbound */
	struct device *x = new_dev("xdev", 3);
	cr_assert_eq(device_register(x), 0);
	cr_assert_null(x->driver);
	cr_assert_eq(probes, 2);

	/* unbind and bind through the driver's files */
	cr_assert_eq(sysfile_write("/sys/bus/ukbus/drivers/ukdrv/unbind", "ukd1\n"), 5);
	cr_assert_null(d1->driver);
	cr_assert_eq(removes, 1);
	cr_assert(!sysfile_exists("/sys/devices/ukd1/driver"));
	cr_assert(!sysfile_exists("/sys/bus/ukbus/drivers/ukdrv/ukd1"));
	cr_assert_eq(sysfile_write("/sys/bus/ukbus/drivers/ukdrv/unbind", "ukd1"), -ENODEV);
	cr_assert_eq(sysfile_write("/sys/bus/ukbus/drivers/ukdrv/unbind", "nosuch"), -ENODEV);
	cr_assert_eq(sysfile_write("/sys/bus/ukbus/drivers/ukdrv/bind", "xdev"), -ENODEV);
	cr_assert_eq(sysfile_write("/sys/bus/ukbus/drivers/ukdrv/bind", "ukd1\n"), 5);
	cr_assert_eq(d1->driver, &ukdrv);
	cr_assert_eq(sysfile_write("/sys/bus/ukbus/drivers/ukdrv/bind", "ukd1"), -EBUSY);
	cr_assert_eq(sysfile_write("/sys/bus/ukbus/drivers/ukdrv/bind", ""), 0);	/* store not called */
	/* the control files are write-only */
	cr_assert_eq(ukmem_open("/sys/bus/ukbus/drivers/ukdrv/bind", O_RDONLY), -1);
	cr_assert_eq(errno, EACCES);

	/* autoprobe off: a new device waits for drivers_probe */
	cr_assert_eq(sysfile_write("/sys/bus/ukbus/drivers_autoprobe", "0\n"), 2);
	struct device *d4 = new_dev("ukd4", 4);
	cr_assert_eq(device_register(d4), 0);
	cr_assert_null(d4->driver);
	cr_assert_eq(sysfile_write("/sys/bus/ukbus/drivers_probe", "ukd4"), 4);
	cr_assert_eq(d4->driver, &ukdrv);
	cr_assert_eq(sysfile_write("/sys/bus/ukbus/drivers_probe", "nosuch"), -ENODEV);
	cr_assert_eq(sysfile_write("/sys/bus/ukbus/drivers_autoprobe", "1"), 1);

	/* a second driver of the same name is refused */
	static struct device_driver dup = { .name = "ukdrv", .bus = &ukbus };
	cr_assert_eq(driver_register(&dup), -EBUSY);
	cr_assert(kmsg_contains("Error: Driver 'ukdrv' is already registered, aborting..."));

	/* walks */
	struct device *found = bus_find_device_by_name(&ukbus, NULL, "ukd2");
	cr_assert_eq(found, d2);
	put_device(found);
	found = driver_find_device_by_name(&ukdrv, "xdev");
	cr_assert_null(found);
	cr_assert_eq(driver_find("ukdrv", &ukbus), &ukdrv);

	/* driver_unregister unbinds every device */
	removes = 0;
	driver_unregister(&ukdrv);
	cr_assert_eq(removes, 3);
	cr_assert_null(d1->driver);
	cr_assert_null(d2->driver);
	cr_assert_null(d4->driver);
	cr_assert(!sysfile_exists("/sys/bus/ukbus/drivers/ukdrv"));

	device_unregister(d1);
	device_unregister(d2);
	device_unregister(d4);
	device_unregister(x);
	cr_assert_eq(dev_released, 4);
	cr_assert(!sysfile_exists("/sys/devices/ukd1"));
	cr_assert(!sysfile_exists("/sys/bus/ukbus/devices/ukd1"));
	bus_unregister(&ukbus);
	cr_assert(!sysfile_exists("/sys/bus/ukbus"));
	cr_assert_null(ukbus.p);
	ukmem_shutdown();
}

Test(driver_core, probe_failure_is_reported_and_undone)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(bus_register(&ukbus), 0);
	cr_assert_eq(driver_register(&ukdrv), 0);
	probes = removes = 0;
	probe_result = -EIO;
	struct device *d = new_dev("ukfail", 0);
	cr_assert_eq(device_register(d), 0);	/* a probe error does not fail the add */
	cr_assert_eq(probes, 1);
	cr_assert_null(d->driver);
	cr_assert_null(dev_get_drvdata(d));
	cr_assert(kmsg_contains("ukdrv: probe of ukfail failed with error -5"));
	cr_assert(!sysfile_exists("/sys/devices/ukfail/driver"));
	/* the bind file returns the probe's error */
	cr_assert_eq(sysfile_write("/sys/bus/ukbus/drivers/ukdrv/bind", "ukfail"), -EIO);
	/* -ENODEV is a quiet "not mine" */
	probe_result = -ENODEV;
	cr_assert_eq(device_reprobe(d), 0);
	cr_assert(!kmsg_contains("probe of ukfail failed with error -19"));
	probe_result = 0;
	cr_assert_eq(device_reprobe(d), 0);
	cr_assert_eq(d->driver, &ukdrv);
	device_unregister(d);
	cr_assert_eq(removes, 1);
	driver_unregister(&ukdrv);
	bus_unregister(&ukbus);
	ukmem_shutdown();
}

/* ---- deferral: "consumer" needs "supplier" bound first ---- */

static bool supplier_ready;

static int supplier_probe(struct device *dev)
{
	supplier_ready = true;
	return 0;
}

static int supplier_remove(struct device *dev)
{
	supplier_ready = false;
	return 0;
}

static int consumer_probes;

static int consumer_probe(struct device *dev)
{
	consumer_probes++;
	if (!supplier_ready)
		return dev_err_probe(dev, -EPROBE_DEFER, "waiting for the supplier\n");
	return 0;
}

static struct device_driver supplier_drv = {
	.name = "sdrv", .bus = &ukbus, .probe = supplier_probe, .remove = supplier_remove,
};
static struct device_driver consumer_drv = {
	.name = "cdrv", .bus = &ukbus, .probe = consumer_probe,
};

Test(driver_core, probe_deferral_is_retried_when_another_driver_binds)
{
	char buf[256];

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(bus_register(&ukbus), 0);
	supplier_ready = false;
	consumer_probes = 0;
	cr_assert_eq(driver_register(&consumer_drv), 0);
	struct device *c = new_dev("c0", 0);
	cr_assert_eq(device_register(c), 0);
	cr_assert_eq(consumer_probes, 1);
	cr_assert_null(c->driver);
	cr_assert_str_eq(sysfile_read("/sys/kernel/debug/devices_deferred", buf, sizeof(buf)),
			 "c0\twaiting for the supplier\n");
	cr_assert(!kmsg_contains("probe of c0 failed"));
	/* the bind file says "try again" */
	cr_assert_eq(sysfile_write("/sys/bus/ukbus/drivers/cdrv/bind", "c0"), -EAGAIN);

	struct device *s = new_dev("s0", 1);
	cr_assert_eq(device_register(s), 0);
	cr_assert_null(s->driver);			/* no supplier driver yet */
	cr_assert_eq(driver_register(&supplier_drv), 0);
	cr_assert_eq(s->driver, &supplier_drv);
	wait_for_device_probe();
	cr_assert_eq(c->driver, &consumer_drv);
	cr_assert_geq(consumer_probes, 2);
	cr_assert_str_eq(sysfile_read("/sys/kernel/debug/devices_deferred", buf, sizeof(buf)), "");

	device_unregister(c);
	device_unregister(s);
	driver_unregister(&supplier_drv);
	driver_unregister(&consumer_drv);
	bus_unregister(&ukbus);
	ukmem_shutdown();
}

/* ---- printing ---- */

static struct class *ukcls;

Test(driver_core, dev_printk_prefixes)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(bus_register(&ukbus), 0);
	struct device *d = new_dev("ukp0", 0);
	cr_assert_eq(device_register(d), 0);
	dev_err(d, "no driver %d\n", 1);
	cr_assert(kmsg_contains("ukbus ukp0: no driver 1"));
	dev_warn(NULL, "nobody\n");
	cr_assert(kmsg_contains("(NULL device *): nobody"));
	cr_assert_eq(dev_err_probe(d, -EINVAL, "bad %s\n", "thing"), -EINVAL);
	cr_assert(kmsg_contains("ukbus ukp0: error -EINVAL: bad thing"));
	for (int i = 0; i < 3; i++)
		dev_notice_once(d, "once only\n");
	cr_assert_eq(kmsg_count("ukbus ukp0: once only"), 1);
	for (int i = 0; i < 20; i++)
		dev_info_ratelimited(d, "limited\n");
	cr_assert_eq(kmsg_count("ukbus ukp0: limited"), 10);

	ukcls = class_create(THIS_MODULE, "ukpcls");
	struct device *cd = device_create(ukcls, NULL, 0, NULL, "ukc%d", 5);
	cr_assert(!IS_ERR(cd));
	dev_info(cd, "class device\n");
	cr_assert(kmsg_contains("ukpcls ukc5: class device"));
	device_unregister(cd);
	class_destroy(ukcls);
	device_unregister(d);
	bus_unregister(&ukbus);
	ukmem_shutdown();
}

/* ---- device attributes ---- */

static int level = 3;

static ssize_t level_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", level);
}

static ssize_t level_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t count)
{
	int ret = kstrtoint(buf, 0, &level);

	return ret ? ret : (ssize_t)count;
}
static DEVICE_ATTR_RW(level);

static ssize_t name_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", dev_name(dev));
}
static DEVICE_ATTR_RO(name);

static struct attribute *ukdev_attrs[] = { &dev_attr_name.attr, NULL };
ATTRIBUTE_GROUPS(ukdev);

Test(driver_core, device_attributes_and_removal_while_open)
{
	char buf[64];

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(bus_register(&ukbus), 0);
	struct device *d = new_dev("ukattr0", 0);
	d->groups = ukdev_groups;
	cr_assert_eq(device_register(d), 0);
	cr_assert_str_eq(sysfile_read("/sys/devices/ukattr0/name", buf, sizeof(buf)), "ukattr0\n");
	cr_assert_eq(sysfile_write("/sys/devices/ukattr0/name", "x"), -EACCES);
	cr_assert_eq(device_create_file(d, &dev_attr_level), 0);
	level = 3;
	cr_assert_str_eq(sysfile_read("/sys/bus/ukbus/devices/ukattr0/level", buf, sizeof(buf)), "3\n");
	cr_assert_eq(sysfile_write("/sys/devices/ukattr0/level", "0x10"), 4);
	cr_assert_eq(level, 16);
	cr_assert_eq(sysfile_write("/sys/devices/ukattr0/level", "nonsense"), -EINVAL);
	cr_assert_eq(device_create_file(d, &dev_attr_level), -EEXIST);
	cr_assert(kmsg_contains("sysfs: cannot create duplicate filename '/devices/ukattr0/level'"));

	int fd = ukmem_open("/sys/devices/ukattr0/level", O_RDWR);
	cr_assert_geq(fd, 0);
	dev_released = 0;
	device_unregister(d);
	cr_assert_eq(dev_released, 1);
	cr_assert_eq(ukmem_read(fd, buf, sizeof(buf)), -1);
	cr_assert_eq(errno, ENODEV);
	cr_assert_eq(ukmem_write(fd, "1", 1), -1);
	cr_assert_eq(errno, ENODEV);
	cr_assert_eq(ukmem_close(fd), 0);
	cr_assert_eq(level, 16);
	bus_unregister(&ukbus);
	ukmem_shutdown();
}

Test(driver_core, uevents_and_broken_release)
{
	static char log[16384];

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(bus_register(&ukbus), 0);
	cr_assert_eq(driver_register(&ukdrv), 0);
	probe_result = 0;
	struct device *d = new_dev("ukev0", 9);
	cr_assert_eq(device_register(d), 0);
	uevent_log_read(log, sizeof(log));
	cr_assert(strstr(log, "add@/devices/ukev0\nACTION=add\nDEVPATH=/devices/ukev0\n"
			      "SUBSYSTEM=ukbus\nUKBUS_ID=9\nSEQNUM="), "%s", log);
	cr_assert(strstr(log, "bind@/devices/ukev0\nACTION=bind\nDEVPATH=/devices/ukev0\n"
			      "SUBSYSTEM=ukbus\nDRIVER=ukdrv\nUKBUS_ID=9\nSEQNUM="), "%s", log);
	cr_assert(strstr(log, "add@/bus/ukbus/drivers/ukdrv\n"), "%s", log);
	cr_assert_eq(sysfile_write("/sys/devices/ukev0/uevent", "change"), 6);
	cr_assert_eq(sysfile_write("/sys/devices/ukev0/uevent", "bogus"), -EINVAL);
	cr_assert(kmsg_contains("synth uevent: /devices/ukev0: unknown uevent action string"));
	cr_assert(kmsg_contains("ukdrv ukev0: uevent: failed to send synthetic uevent: -22"));
	device_unregister(d);
	uevent_log_read(log, sizeof(log));
	cr_assert(strstr(log, "change@/devices/ukev0\n"), "%s", log);
	cr_assert(strstr(log, "unbind@/devices/ukev0\n"), "%s", log);
	cr_assert(strstr(log, "remove@/devices/ukev0\n"), "%s", log);

	/* a device without any release function: Linux's warning */
	static struct device broken = { .init_name = "ukbroken" };
	cr_assert_eq(device_register(&broken), 0);
	device_unregister(&broken);
	cr_assert(kmsg_contains("Device 'ukbroken' does not have a release() function, it is broken and must be fixed. See Documentation/core-api/kobject.rst."));

	driver_unregister(&ukdrv);
	bus_unregister(&ukbus);
	ukmem_shutdown();
}

/* ---- threads: devices come and go while the driver is registered and unregistered ---- */

static void *adder(void *arg)
{
	char name[32];

	for (int i = 0; i < 50; i++) {
		snprintf(name, sizeof(name), "ukt%ld-%d", (long)arg, i);
		struct device *d = kzalloc(sizeof(*d), GFP_KERNEL);
		d->bus = &ukbus;
		d->release = ukdev_release;
		dev_set_name(d, "%s", name);
		cr_assert_eq(device_register(d), 0);
		device_unregister(d);
	}
	return NULL;
}

static struct device_driver anydrv = {
	.name = "anydrv", .bus = &ukbus, .probe = ukdrv_probe, .remove = ukdrv_remove,
};

Test(driver_core, concurrent_devices_and_drivers)
{
	pthread_t t[3];

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(bus_register(&ukbus), 0);
	probe_result = 0;
	probes = removes = 0;
	for (long i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, adder, (void *)i);
	for (int i = 0; i < 20; i++) {
		cr_assert_eq(driver_register(&anydrv), 0);
		driver_unregister(&anydrv);
	}
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	cr_assert_eq(probes, removes);
	cr_assert(!sysfile_exists("/sys/bus/ukbus/devices/ukt0-0"));
	bus_unregister(&ukbus);
	ukmem_shutdown();
}
