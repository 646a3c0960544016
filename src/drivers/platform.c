// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/platform.c: the machine's devices. The boot parameter ukmem.dev= lists them as
 * model@port (default: COM1, COM2, the CMOS RTC, the PIT and LPT1); boot attaches each,
 * which also registers its ports, not busy, in /proc/ioports. Giving ukmem.dev= replaces
 * the list ("ukmem.dev=" alone gives a machine with no devices). Each device is also a
 * platform device with its resources (serial8250.N, rtc_cmos, i8254, parport_pc.N, ukfb,
 * ukdma, hpet) for drivers to bind to by name; its ranges are already in the trees. Boot first brings up
 * the resource trees (io/resource.c); shutdown detaches every device, then empties them. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/platform_device.h>
#include "base/base.h"
#include "drivers/mmio_models.h"
#include "drivers/model_events.h"
#include "drivers/models.h"
#include "drivers/pci_models.h"
#include "io/internal.h"
#include "io/mmio.h"
#include "kernel/params.h"
#include "machine/boot.h"
#include "machine/initcalls.h"

/* Each model, the platform device it appears as (pdev_name; single: the first one is
 * named without an instance number) and the ports its resource spans (0: all). */
static const struct {
	const char *model;
	struct ukmem_port_device *(*create)(unsigned int base);
	const char *pdev_name;
	bool single;
	unsigned int res_ports;
} models[] = {
	{ "uart", uart_16550_create, "serial8250", false, 0 },
	{ "rtc", rtc_cmos_create, "rtc_cmos", true, 2 },
	{ "pit", pit_i8254_create, "i8254", true, 0 },
	{ "parport", parport_pc_create, "parport_pc", false, 0 },
};

/* The IRQ line of a legacy port device, as the PC wires them (-1: none). The PIT's
 * line 0 is the timer's and no resource, as on Linux (0 is no valid IRQ for a driver). */
static const struct {
	unsigned int base;
	int irq;
} legacy_irqs[] = {
	{ 0x3f8, 4 }, { 0x2f8, 3 }, { 0x3e8, 4 }, { 0x2e8, 3 },
	{ 0x70, 8 }, { 0x378, 7 }, { 0x3bc, 7 }, { 0x278, 5 },
};

/* The machine's devices on the platform bus, newest last, unregistered at shutdown. */
#define MAX_MACHINE_PDEVS	32
static struct platform_device *machine_pdevs[MAX_MACHINE_PDEVS];
static unsigned int nr_machine_pdevs, model_instances[ARRAY_SIZE(models)];

static int legacy_irq(unsigned int base)
{
	for (size_t i = 0; i < ARRAY_SIZE(legacy_irqs); i++)
		if (legacy_irqs[i].base == base)
			return legacy_irqs[i].irq;
	return -1;
}

/* Registers one of the machine's devices with its resources (already in the trees). */
static int machine_pdev_add(const char *name, int id, const struct resource *res,
			    unsigned int num)
{
	struct platform_device *pdev;
	int err;

	if (nr_machine_pdevs == MAX_MACHINE_PDEVS)
		return -ENOSPC;
	pdev = platform_device_alloc(name, id);
	if (!pdev)
		return -ENOMEM;
	err = platform_device_add_resources(pdev, res, num);
	if (!err)
		err = platform_device_add_described(pdev);
	if (err) {
		platform_device_put(pdev);
		return err;
	}
	machine_pdevs[nr_machine_pdevs++] = pdev;
	return 0;
}

static int port_model_pdev_add(size_t model, const struct ukmem_port_device *dev)
{
	unsigned int n = models[model].res_ports ? models[model].res_ports : dev->nr_ports;
	unsigned int instance = model_instances[model]++;
	int irq = legacy_irq(dev->base);
	struct resource res[2] = {
		DEFINE_RES_IO(dev->base, n),
		DEFINE_RES_IRQ(irq),
	};
	int id = models[model].single && !instance ? PLATFORM_DEVID_NONE : (int)instance;

	return machine_pdev_add(models[model].pdev_name, id, res, irq >= 0 ? 2 : 1);
}

static void machine_pdevs_del(void)
{
	while (nr_machine_pdevs)
		platform_device_unregister(machine_pdevs[--nr_machine_pdevs]);
	memset(model_instances, 0, sizeof(model_instances));
}

static char machine_devices[1024];

static void device_model_free(struct ukmem_port_device *dev)
{
	free(dev);
}

void *device_model_alloc(size_t size, const struct ukmem_port_device *proto,
			 unsigned int base)
{
	struct ukmem_port_device *dev = calloc(1, size);

	if (!dev)
		return NULL;
	*dev = *proto;
	dev->base = base;
	if (!dev->release)
		dev->release = device_model_free;
	return dev;
}

static int set_devices(const char *v)
{
	if (strlen(v) >= sizeof(machine_devices))
		return -EINVAL;
	strcpy(machine_devices, v);
	return 0;
}
UKMEM_SETUP("ukmem.dev=", set_devices, "uart@0x3f8,uart@0x2f8,rtc@0x70,pit@0x40,parport@0x378");

/* Attaches one "model@port" (spec may continue after a comma). */
static int attach_spec(const char *spec, size_t len)
{
	const char *at = memchr(spec, '@', len);
	struct ukmem_port_device *dev;
	unsigned long base;
	char *end;
	int err;

	if (!at)
		return -EINVAL;
	base = strtoul(at + 1, &end, 0);
	if (end != spec + len || end == at + 1 || base > 0xffff)
		return -EINVAL;
	for (size_t i = 0; i < ARRAY_SIZE(models); i++) {
		if (strlen(models[i].model) != (size_t)(at - spec) ||
		    strncmp(models[i].model, spec, (size_t)(at - spec)))
			continue;
		dev = models[i].create((unsigned int)base);
		if (!dev)
			return -ENOMEM;
		err = ukmem_port_attach(dev);
		if (err) {
			dev->release(dev);
			return err;
		}
		err = port_model_pdev_add(i, dev);
		if (err)
			pr_err("ukmem.dev: no platform device for '%.*s': %s\n", (int)len, spec,
			       strerror(-err));
		return 0;
	}
	return -EINVAL;
}

int ukmem_dev_attach(const char *spec)
{
	if (!spec)
		return -EFAULT;
	ukmem_ensure_booted();
	return attach_spec(spec, strlen(spec));
}

/* The memory-mapped devices on the platform bus: registers and VRAM, and their lines
 * (the HPET's, 0 and 8 in legacy replacement mode, are the clock's: no resource). */
static int mmio_pdevs_add(void)
{
	static const struct resource fb_res[] = {
		DEFINE_RES_MEM_NAMED(UKFB_MMIO_BASE, 0x1000, "regs"),
		DEFINE_RES_MEM_NAMED(UKFB_VRAM_BASE, UKFB_VRAM_SIZE, "vram"),
	};
	static const struct resource dma_res[] = {
		DEFINE_RES_MEM_NAMED(UKDMA_MMIO_BASE, 0x1000, "regs"),
		DEFINE_RES_IRQ(UKDMA_IRQ),
	};
	static const struct resource hpet_res[] = {
		DEFINE_RES_MEM(HPET_MMIO_BASE, HPET_MMIO_SIZE),
	};
	int err = 0;

	if (!pci_host_has("ukfb"))
		err = machine_pdev_add("ukfb", PLATFORM_DEVID_NONE, fb_res, ARRAY_SIZE(fb_res));
	if (!err)
		err = machine_pdev_add("ukdma", PLATFORM_DEVID_NONE, dma_res, ARRAY_SIZE(dma_res));
	if (!err)
		err = machine_pdev_add("hpet", PLATFORM_DEVID_NONE, hpet_res, ARRAY_SIZE(hpet_res));
	if (err)
		pr_err("ukmem: cannot register the memory-mapped platform devices: %s\n",
		       strerror(-err));
	return err;
}

/* The memory-mapped devices, where a PC has its framebuffer and HPET; the framebuffer
 * is a PCI function instead with ukmem.pci=...,ukfb (drivers/pci_ukfb.c). */
static int attach_mmio_devices(void)
{
	int err = pci_host_has("ukfb") ? 0 : ukfb_attach(UKFB_MMIO_BASE, UKFB_VRAM_BASE);

	if (!err)
		err = ukdma_attach(UKDMA_MMIO_BASE);
	if (!err)
		err = hpet_attach(HPET_MMIO_BASE);
	if (err) {
		pr_err("ukmem: cannot attach the memory-mapped devices: %s\n", strerror(-err));
		return err;
	}
	return mmio_pdevs_add();
}

int platform_init(void)
{
	const char *spec = machine_devices;
	int err = ioresources_init();

	while (!err && *spec) {
		size_t len = strcspn(spec, ",");

		err = attach_spec(spec, len);
		if (err) {
			pr_err("ukmem.dev: cannot attach '%.*s': %s\n", (int)len, spec,
			       strerror(-err));
			platform_exit();
			return err;
		}
		spec += len + (spec[len] == ',');
	}
	if (!err && (err = attach_mmio_devices()))
		platform_exit();
	if (!err && (err = pci_host_init())) {
		pr_err("ukmem: cannot start the PCI bus: %s\n", strerror(-err));
		platform_exit();
	}
	return err;
}

void platform_exit(void)
{
	machine_pdevs_del();
	mmio_detach_all();
	portio_detach_all();
	pci_host_exit();
	model_events_stop();
	ioresources_exit();
}
