// SPDX-License-Identifier: LGPL-2.1-or-later
/* The platform bus: the machine's devices (serial8250.N, rtc_cmos, i8254, parport_pc.N,
 * ukfb, ukdma, hpet) with their resources under /sys/bus/platform and
 * /sys/devices/platform; an RTC driver written as for Linux binds to rtc_cmos by name,
 * reads the time through its port resource and takes its IRQ with devm_request_irq, and
 * unbinding puts /proc/ioports, /proc/iomem and /proc/interrupts back; id tables and
 * platform_get_device_id; a probe failing half way releases everything; deferral
 * resolved when the supplier binds; a device of the caller's claims its resources;
 * driver_override; platform_get_irq's report. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ukmem.h>
#include <ukmem_devices.h>
#include <linux/bcd.h>
#include <linux/err.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include "kmsg.h"
#include "sysfile.h"

struct proc_views {
	char *ioports, *iomem, *interrupts;
};

static void views_take(struct proc_views *v)
{
	v->ioports = proc_text("/proc/ioports");
	v->iomem = proc_text("/proc/iomem");
	v->interrupts = proc_text("/proc/interrupts");
}

static void views_free(struct proc_views *v)
{
	free(v->ioports);
	free(v->iomem);
	free(v->interrupts);
}

Test(platform, machine_devices_on_the_bus)
{
	static const char *const names[] = {
		"serial8250.0", "serial8250.1", "rtc_cmos", "i8254", "parport_pc.0",
		"ukfb", "ukdma", "hpet",
	};
	char buf[256], path[128];

	cr_assert_eq(ukmem_boot(NULL), 0);
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		snprintf(path, sizeof(path), "/sys/bus/platform/devices/%s/uevent", names[i]);
		cr_assert(sysfile_exists(path), "%s", path);
		snprintf(path, sizeof(path), "/sys/devices/platform/%s/modalias", names[i]);
		char want[64];
		snprintf(want, sizeof(want), "platform:%.*s\n",
			 (int)strcspn(names[i], "."), names[i]);
		cr_assert_str_eq(sysfile_read(path, buf, sizeof(buf)), want);
	}
	cr_assert_str_eq(sysfile_read("/sys/devices/platform/rtc_cmos/uevent", buf, sizeof(buf)),
			 "MODALIAS=platform:rtc_cmos\n");
	ukmem_shutdown();
}

/* ---- an RTC driver, as a Linux driver is written ---- */

struct myrtc {
	struct resource *io;
	int irq;
	int year;
};

static irqreturn_t myrtc_irq(int irq, void *dev_id)
{
	return IRQ_NONE;
}

static int myrtc_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct resource *res;
	struct myrtc *rtc;
	int ret;

	rtc = devm_kzalloc(dev, sizeof(*rtc), GFP_KERNEL);
	if (!rtc)
		return -ENOMEM;
	res = platform_get_resource(pdev, IORESOURCE_IO, 0);
	if (!res)
		return -ENODEV;
	if (!devm_request_region(dev, res->start, resource_size(res), "myrtc"))
		return -EBUSY;
	rtc->io = res;
	rtc->irq = platform_get_irq(pdev, 0);
	if (rtc->irq < 0)
		return rtc->irq;
	ret = devm_request_irq(dev, rtc->irq, myrtc_irq, IRQF_SHARED, "myrtc", rtc);
	if (ret)
		return ret;
	outb(0x09, res->start);		/* year, BCD */
	rtc->year = bcd2bin(inb(res->start + 1));
	platform_set_drvdata(pdev, rtc);
	dev_info(dev, "year %02d on irq %d\n", rtc->year, rtc->irq);
	return 0;
}

static struct platform_driver myrtc_driver = {
	.probe = myrtc_probe,
	.driver = { .name = "rtc_cmos" },
};

Test(platform, rtc_driver_binds_by_name_and_unbind_restores)
{
	struct proc_views before, bound, after;
	struct platform_device *pdev;
	struct device *dev;
	time_t now = time(NULL);
	struct tm tm;

	cr_assert_eq(ukmem_boot(NULL), 0);
	views_take(&before);
	cr_assert_eq(platform_driver_register(&myrtc_driver), 0);
	dev = bus_find_device_by_name(&platform_bus_type, NULL, "rtc_cmos");
	cr_assert_not_null(dev);
	pdev = to_platform_device(dev);
	cr_assert_eq(dev->driver, &myrtc_driver.driver);
	struct myrtc *rtc = platform_get_drvdata(pdev);
	cr_assert_not_null(rtc);
	cr_assert_eq(rtc->irq, 8);
	cr_assert_eq(rtc->io->start, 0x70);
	cr_assert_eq(rtc->io->end, 0x71);
	gmtime_r(&now, &tm);
	cr_assert(rtc->year == tm.tm_year % 100 || rtc->year == (tm.tm_year + 1) % 100,
		  "year %d", rtc->year);
	cr_assert(kmsg_contains("rtc_cmos rtc_cmos: year"));
	cr_assert(sysfile_exists("/sys/bus/platform/drivers/rtc_cmos/rtc_cmos"));

	views_take(&bound);
	cr_assert_not_null(strstr(bound.ioports, "    0070-0071 : myrtc\n"), "%s", bound.ioports);
	cr_assert_not_null(strstr(bound.interrupts, "myrtc"));

	/* a second IRQ it does not have: 6.1's report through dev_err_probe */
	cr_assert_eq(platform_get_irq(pdev, 1), -ENXIO);
	cr_assert(kmsg_contains("rtc_cmos rtc_cmos: error -ENXIO: IRQ index 1 not found"));
	cr_assert_eq(platform_get_irq_optional(pdev, 1), -ENXIO);
	cr_assert_eq(platform_irq_count(pdev), 1);

	cr_assert_eq(sysfile_write("/sys/bus/platform/drivers/rtc_cmos/unbind", "rtc_cmos"), 8);
	cr_assert_null(dev->driver);
	cr_assert(list_empty(&dev->devres_head));
	views_take(&after);
	cr_assert_str_eq(after.ioports, before.ioports);
	cr_assert_str_eq(after.iomem, before.iomem);
	cr_assert_null(strstr(after.interrupts, "myrtc"));

	/* and binds again through sysfs */
	cr_assert_eq(sysfile_write("/sys/bus/platform/drivers/rtc_cmos/bind", "rtc_cmos"), 8);
	cr_assert_eq(dev->driver, &myrtc_driver.driver);
	platform_driver_unregister(&myrtc_driver);
	cr_assert_null(dev->driver);
	views_free(&after);
	views_take(&after);
	cr_assert_str_eq(after.ioports, before.ioports);
	put_device(dev);
	views_free(&before);
	views_free(&bound);
	views_free(&after);
	ukmem_shutdown();
}

/* ---- id tables ---- */

static int uart_probes;

static int myuart_probe(struct platform_device *pdev)
{
	const struct platform_device_id *id = platform_get_device_id(pdev);

	cr_assert_not_null(id);
	cr_assert_str_eq(id->name, "serial8250");
	cr_assert_eq(id->driver_data, 16550);
	uart_probes++;
	return 0;
}

static const struct platform_device_id myuart_ids[] = {
	{ "serial8250-other", 1 },
	{ "serial8250", 16550 },
	{ }
};

static struct platform_driver myuart_driver = {
	.probe = myuart_probe,
	.id_table = myuart_ids,
	.driver = { .name = "myuart" },
};

Test(platform, id_table_matches_every_uart)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	uart_probes = 0;
	cr_assert_eq(platform_driver_register(&myuart_driver), 0);
	cr_assert_eq(uart_probes, 2);
	cr_assert(sysfile_exists("/sys/bus/platform/drivers/myuart/serial8250.0"));
	cr_assert(sysfile_exists("/sys/bus/platform/drivers/myuart/serial8250.1"));
	platform_driver_unregister(&myuart_driver);
	cr_assert(!sysfile_exists("/sys/bus/platform/drivers/myuart"));
	ukmem_shutdown();
}

/* ---- a probe failing half way ---- */

static int halfway_probe(struct platform_device *pdev)
{
	struct resource *res = platform_get_resource(pdev, IORESOURCE_IO, 0);
	int irq = platform_get_irq(pdev, 0);

	cr_assert_not_null(res);
	cr_assert_eq(irq, 7);
	cr_assert_not_null(devm_request_region(&pdev->dev, res->start, resource_size(res),
					       "halfway"));
	cr_assert_eq(devm_request_irq(&pdev->dev, irq, myrtc_irq, IRQF_SHARED, "halfway", pdev),
		     0);
	cr_assert_not_null(devm_kmalloc(&pdev->dev, 4096, GFP_KERNEL));
	return -EIO;
}

static struct platform_driver halfway_driver = {
	.probe = halfway_probe,
	.driver = { .name = "parport_pc" },
};

Test(platform, probe_failing_half_way_releases_everything)
{
	struct proc_views before, after;

	cr_assert_eq(ukmem_boot(NULL), 0);
	views_take(&before);
	cr_assert_eq(platform_driver_register(&halfway_driver), 0);
	cr_assert(kmsg_contains("parport_pc: probe of parport_pc.0 failed with error -5"));
	views_take(&after);
	cr_assert_str_eq(after.ioports, before.ioports);
	cr_assert_str_eq(after.iomem, before.iomem);
	cr_assert_null(strstr(after.interrupts, "halfway"));
	platform_driver_unregister(&halfway_driver);
	views_free(&before);
	views_free(&after);
	ukmem_shutdown();
}

/* ---- deferral: the DMA engine's driver waits for the framebuffer's ---- */

static bool supplier_ready;
static int consumer_probes;

static int consumer_probe(struct platform_device *pdev)
{
	consumer_probes++;
	if (!supplier_ready)
		return dev_err_probe(&pdev->dev, -EPROBE_DEFER, "waiting for ukfb\n");
	return 0;
}

static int supplier_probe(struct platform_device *pdev)
{
	void __iomem *regs = devm_platform_ioremap_resource_byname(pdev, "regs");

	if (IS_ERR(regs))
		return PTR_ERR(regs);
	cr_assert_eq(readl(regs + UKFB_REG_ID), UKFB_ID);
	supplier_ready = true;
	return 0;
}

static struct platform_driver consumer_driver = {
	.probe = consumer_probe, .driver = { .name = "ukdma" },
};
static struct platform_driver supplier_driver = {
	.probe = supplier_probe, .driver = { .name = "ukfb" },
};

Test(platform, deferral_resolved_when_the_supplier_binds)
{
	char buf[512];
	char *text;

	cr_assert_eq(ukmem_boot(NULL), 0);
	supplier_ready = false;
	consumer_probes = 0;
	cr_assert_eq(platform_driver_register(&consumer_driver), 0);
	cr_assert_eq(consumer_probes, 1);
	cr_assert(!sysfile_exists("/sys/bus/platform/drivers/ukdma/ukdma"));
	cr_assert_not_null(strstr(sysfile_read("/sys/kernel/debug/devices_deferred", buf,
					       sizeof(buf)), "ukdma\twaiting for ukfb"));
	cr_assert_eq(platform_driver_register(&supplier_driver), 0);
	wait_for_device_probe();
	cr_assert_geq(consumer_probes, 2);
	cr_assert(sysfile_exists("/sys/bus/platform/drivers/ukdma/ukdma"));
	text = proc_text("/proc/iomem");
	cr_assert_not_null(strstr(text, "ukfb regs\n"), "%s", text);
	free(text);
	platform_driver_unregister(&supplier_driver);
	platform_driver_unregister(&consumer_driver);
	text = proc_text("/proc/iomem");
	cr_assert_null(strstr(text, "ukfb regs"));
	free(text);
	ukmem_shutdown();
}

/* ---- a device of the caller's, its resources claimed ---- */

static int mydev_probe(struct platform_device *pdev)
{
	void __iomem *va = devm_platform_ioremap_resource(pdev, 0);

	return PTR_ERR_OR_ZERO(va);
}

static struct platform_driver mydev_driver = {
	.probe = mydev_probe, .driver = { .name = "mydev" },
};

Test(platform, registered_device_claims_its_resources)
{
	struct resource res[] = {
		DEFINE_RES_MEM(0xfed50000, 0x1000),
		DEFINE_RES_IRQ_NAMED(11, "events"),
	};
	struct platform_device *pdev, *clash;
	char *before, *text;

	cr_assert_eq(ukmem_boot(NULL), 0);
	before = proc_text("/proc/iomem");
	pdev = platform_device_register_simple("mydev", PLATFORM_DEVID_NONE, res, 2);
	cr_assert(!IS_ERR(pdev));
	cr_assert_str_eq(dev_name(&pdev->dev), "mydev");
	cr_assert_eq(platform_get_irq_byname(pdev, "events"), 11);
	cr_assert_eq(platform_get_irq_byname(pdev, "nothing"), -ENXIO);
	cr_assert(kmsg_contains("mydev: error -ENXIO: IRQ nothing not found"));
	text = proc_text("/proc/iomem");
	cr_assert_not_null(strstr(text, "fed50000-fed50fff : mydev\n"), "%s", text);
	free(text);

	/* straddling mydev's window: it cannot nest, so it conflicts */
	struct resource straddle = DEFINE_RES_MEM(0xfed50800, 0x1000);
	clash = platform_device_register_simple("mydev", 2, &straddle, 1);
	cr_assert_eq(PTR_ERR(clash), -EBUSY);
	cr_assert(kmsg_contains("mydev.2: failed to claim resource 0: [mem 0xfed50800-0xfed517ff]"));

	cr_assert_eq(platform_driver_register(&mydev_driver), 0);
	cr_assert_eq(pdev->dev.driver, &mydev_driver.driver);
	text = proc_text("/proc/iomem");
	cr_assert_not_null(strstr(text, "  fed50000-fed50fff : mydev mydev\n"), "%s", text);
	free(text);
	platform_device_unregister(pdev);
	text = proc_text("/proc/iomem");
	cr_assert_str_eq(text, before);
	free(text);
	platform_driver_unregister(&mydev_driver);

	pdev = platform_device_register_simple("mydev", PLATFORM_DEVID_AUTO, NULL, 0);
	cr_assert(!IS_ERR(pdev));
	cr_assert_str_eq(dev_name(&pdev->dev), "mydev.0.auto");
	platform_device_unregister(pdev);
	free(before);
	ukmem_shutdown();
}

static int plain_probe(struct platform_device *pdev)
{
	cr_assert_null(platform_get_device_id(pdev));
	return 0;
}

static struct platform_driver plain_driver = {
	.probe = plain_probe, .driver = { .name = "plain" },
};

Test(platform, driver_override)
{
	char buf[64];
	struct device *dev;

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_str_eq(sysfile_read("/sys/devices/platform/hpet/driver_override", buf,
				      sizeof(buf)), "(null)\n");
	cr_assert_eq(sysfile_write("/sys/devices/platform/hpet/driver_override", "plain\n"), 6);
	cr_assert_str_eq(sysfile_read("/sys/devices/platform/hpet/driver_override", buf,
				      sizeof(buf)), "plain\n");
	cr_assert_eq(platform_driver_register(&plain_driver), 0);
	dev = bus_find_device_by_name(&platform_bus_type, NULL, "hpet");
	cr_assert_not_null(dev);
	/* the override binds a driver whose name is not the device's */
	cr_assert_eq(dev->driver, &plain_driver.driver);
	cr_assert(!sysfile_exists("/sys/bus/platform/drivers/plain/ukfb"));
	put_device(dev);
	platform_driver_unregister(&plain_driver);
	ukmem_shutdown();
}
