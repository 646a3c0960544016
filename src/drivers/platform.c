// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/platform.c: the machine's devices. The boot parameter ukmem.dev= lists them as
 * model@port (default: COM1, COM2, the CMOS RTC, the PIT and LPT1); boot attaches each,
 * which also registers its ports, not busy, in /proc/ioports. Giving ukmem.dev= replaces
 * the list ("ukmem.dev=" alone gives a machine with no devices). Boot first brings up
 * the resource trees (io/resource.c); shutdown detaches every device, then empties them. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include "drivers/mmio_models.h"
#include "drivers/model_events.h"
#include "drivers/models.h"
#include "drivers/pci_models.h"
#include "io/internal.h"
#include "io/mmio.h"
#include "kernel/params.h"
#include "machine/boot.h"
#include "machine/initcalls.h"

static const struct {
	const char *model;
	struct ukmem_port_device *(*create)(unsigned int base);
} models[] = {
	{ "uart", uart_16550_create },
	{ "rtc", rtc_cmos_create },
	{ "pit", pit_i8254_create },
	{ "parport", parport_pc_create },
};

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
		if (err)
			dev->release(dev);
		return err;
	}
	return -EINVAL;
}

int ukmem_dev_attach(const char *spec)
{
	ukmem_ensure_booted();
	return attach_spec(spec, strlen(spec));
}

/* The memory-mapped devices, where a PC has its framebuffer and HPET. */
static int attach_mmio_devices(void)
{
	int err = ukfb_attach(UKFB_MMIO_BASE, UKFB_VRAM_BASE);

	if (!err)
		err = ukdma_attach(UKDMA_MMIO_BASE);
	if (!err)
		err = hpet_attach(HPET_MMIO_BASE);
	if (err)
		pr_err("ukmem: cannot attach the memory-mapped devices: %s\n", strerror(-err));
	return err;
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
	mmio_detach_all();
	portio_detach_all();
	pci_host_exit();
	model_events_stop();
	ioresources_exit();
}
