// SPDX-License-Identifier: LGPL-2.1-or-later
/* Managed resources (devres): memory, actions, regions, mappings, IRQ handlers and
 * coherent DMA buffers registered in probe are released newest first on unbind and on a
 * probe that fails half way, leaving /proc/ioports, /proc/iomem and /proc/interrupts as
 * they were; devm_kfree of memory the device does not manage is the kernel's WARNING
 * and frees nothing; devm_ioremap_resource's error texts; groups; devm_krealloc. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/slab.h>
#include "kmsg.h"
#include "base/base.h"

static int drbus_match(struct device *dev, struct device_driver *drv)
{
	return 1;
}

static struct bus_type drbus = { .name = "drbus", .match = drbus_match };

/* What the actions saw, in order. */
static char order[64];

static void record(void *data)
{
	strcat(order, (const char *)data);
}

static irqreturn_t drv_irq(int irq, void *dev_id)
{
	return IRQ_NONE;
}

static int fail_at;	/* 0: probe succeeds; N: fails after step N */
static void *kept_mem;

static int drdrv_probe(struct device *dev)
{
	static u64 mask = DMA_BIT_MASK(32);
	dma_addr_t handle;
	char *s;

	dev->dma_mask = &mask;
	dev->coherent_dma_mask = mask;
	if (devm_add_action(dev, record, "A"))
		return -ENOMEM;
	kept_mem = devm_kzalloc(dev, 100, GFP_KERNEL);
	s = devm_kasprintf(dev, GFP_KERNEL, "%s-%d", dev_name(dev), 7);
	cr_assert_str_eq(s, "drdev-7");
	if (!devm_request_region(dev, 0x2e0, 8, "drdev-ports"))
		return -EBUSY;
	if (devm_add_action_or_reset(dev, record, "B"))
		return -ENOMEM;
	if (fail_at == 1)
		return -EIO;
	if (devm_request_irq(dev, 10, drv_irq, IRQF_SHARED, NULL, dev))
		return -EBUSY;
	cr_assert_not_null(dmam_alloc_coherent(dev, 8192, &handle, GFP_KERNEL));
	if (devm_add_action(dev, record, "C"))
		return -ENOMEM;
	if (fail_at == 2)
		return -EIO;
	return 0;
}

static struct device_driver drdrv = { .name = "drdrv", .bus = &drbus, .probe = drdrv_probe };

static void drdev_release(struct device *dev)
{
	kfree(dev);
}

static struct device *drdev_new(void)
{
	struct device *dev = kzalloc(sizeof(*dev), GFP_KERNEL);

	dev->bus = &drbus;
	dev->init_name = "drdev";
	dev->release = drdev_release;
	return dev;
}

struct machine_state {
	char *ioports, *iomem, *interrupts;
};

static void snapshot(struct machine_state *s)
{
	s->ioports = proc_text("/proc/ioports");
	s->iomem = proc_text("/proc/iomem");
	s->interrupts = proc_text("/proc/interrupts");
}

static void assert_same(struct machine_state *before)
{
	struct machine_state now;

	snapshot(&now);
	cr_assert_str_eq(now.ioports, before->ioports);
	cr_assert_str_eq(now.iomem, before->iomem);
	/* the counts may move; the handler names may not */
	cr_assert_eq(!!strstr(now.interrupts, "drdev"), !!strstr(before->interrupts, "drdev"));
	free(now.ioports);
	free(now.iomem);
	free(now.interrupts);
}

Test(devres, released_newest_first_on_unbind)
{
	struct machine_state before;
	struct device *dev;
	char *text;

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(bus_register(&drbus), 0);
	snapshot(&before);
	cr_assert_null(strstr(before.ioports, "drdev-ports"));
	order[0] = 0;
	fail_at = 0;
	dev = drdev_new();
	cr_assert_eq(device_register(dev), 0);
	cr_assert_eq(driver_register(&drdrv), 0);
	cr_assert_eq(dev->driver, &drdrv);
	cr_assert(!list_empty(&dev->devres_head));
	text = proc_text("/proc/ioports");
	cr_assert_not_null(strstr(text, "  02e0-02e7 : drdev-ports\n"));
	free(text);
	text = proc_text("/proc/interrupts");
	cr_assert_not_null(strstr(text, "drdev"));
	free(text);
	cr_assert_str_eq(order, "");

	device_release_driver(dev);
	cr_assert_null(dev->driver);
	cr_assert_str_eq(order, "CBA");
	cr_assert(list_empty(&dev->devres_head));
	assert_same(&before);

	/* bound again, and released once more by unregistering the device */
	order[0] = 0;
	cr_assert_eq(device_attach(dev), 1);
	device_unregister(dev);
	cr_assert_str_eq(order, "CBA");
	assert_same(&before);
	driver_unregister(&drdrv);
	bus_unregister(&drbus);
	ukmem_shutdown();
}

Test(devres, probe_failing_half_way_releases_everything)
{
	struct machine_state before;
	struct device *dev;

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(bus_register(&drbus), 0);
	snapshot(&before);
	cr_assert_eq(driver_register(&drdrv), 0);
	for (fail_at = 1; fail_at <= 2; fail_at++) {
		order[0] = 0;
		dev = drdev_new();
		cr_assert_eq(device_register(dev), 0);
		cr_assert_null(dev->driver);
		cr_assert_str_eq(order, fail_at == 1 ? "BA" : "CBA");
		cr_assert(list_empty(&dev->devres_head));
		assert_same(&before);
		device_unregister(dev);
	}
	cr_assert(kmsg_contains("drdrv: probe of drdev failed with error -5"));
	driver_unregister(&drdrv);
	bus_unregister(&drbus);
	ukmem_shutdown();
}

static void stack_release(struct device *dev)
{
	/* on the test's stack */
}

static int dummy_match(struct device *dev, void *res, void *data)
{
	return *(int *)res == *(int *)data;
}

static int released_values[8], nreleased;

static void int_release(struct device *dev, void *res)
{
	released_values[nreleased++] = *(int *)res;
}

static void add_int(struct device *dev, int v)
{
	int *p = devres_alloc(int_release, sizeof(int), GFP_KERNEL);

	cr_assert_not_null(p);
	*p = v;
	devres_add(dev, p);
}

Test(devres, find_remove_release_and_groups)
{
	struct device dev = { .init_name = "grpdev", .release = stack_release };
	int key = 2;
	void *grp;

	cr_assert_eq(ukmem_boot(NULL), 0);
	device_initialize(&dev);
	nreleased = 0;
	add_int(&dev, 1);
	add_int(&dev, 2);
	cr_assert_eq(*(int *)devres_find(&dev, int_release, dummy_match, &key), 2);
	cr_assert_eq(*(int *)devres_find(&dev, int_release, NULL, NULL), 2);	/* newest */
	cr_assert_eq(devres_release(&dev, int_release, dummy_match, &key), 0);
	cr_assert_eq(nreleased, 1);
	cr_assert_eq(released_values[0], 2);
	cr_assert_eq(devres_release(&dev, int_release, dummy_match, &key), -ENOENT);
	cr_assert_eq(devres_destroy(&dev, int_release, dummy_match, &key), -ENOENT);

	grp = devres_open_group(&dev, NULL, GFP_KERNEL);
	cr_assert_not_null(grp);
	add_int(&dev, 3);
	add_int(&dev, 4);
	devres_close_group(&dev, grp);
	add_int(&dev, 5);
	cr_assert_eq(devres_release_group(&dev, grp), 2);
	cr_assert_eq(nreleased, 3);
	cr_assert_eq(released_values[1], 4);
	cr_assert_eq(released_values[2], 3);

	/* a removed group leaves its resources on the device */
	grp = devres_open_group(&dev, &key, GFP_KERNEL);
	cr_assert_eq(grp, &key);
	add_int(&dev, 6);
	devres_remove_group(&dev, &key);
	cr_assert_eq(nreleased, 3);

	/* devm_krealloc keeps the contents and the place in the order */
	char *p = devm_kmalloc(&dev, 4, GFP_KERNEL);
	memcpy(p, "abc", 4);
	add_int(&dev, 7);
	p = devm_krealloc(&dev, p, 4000, GFP_KERNEL);
	cr_assert_str_eq(p, "abc");
	cr_assert_eq(ksize(p) >= 4000, true);
	devm_kfree(&dev, p);

	cr_assert_eq(devres_release_all(&dev), 4);	/* 7, 6, 5, 1 */
	cr_assert_eq(nreleased, 7);
	cr_assert_eq(released_values[3], 7);
	cr_assert_eq(released_values[4], 6);
	cr_assert_eq(released_values[5], 5);
	cr_assert_eq(released_values[6], 1);
	put_device(&dev);
	ukmem_shutdown();
}

Test(devres, devm_kfree_of_unmanaged_memory_warns_and_frees_nothing)
{
	struct device a = { .init_name = "devA", .release = stack_release }, b = { .init_name = "devB", .release = stack_release };
	size_t warnings;

	cr_assert_eq(ukmem_boot(NULL), 0);
	device_initialize(&a);
	device_initialize(&b);
	char *p = devm_kstrdup(&a, "managed by A", GFP_KERNEL);
	cr_assert_str_eq(p, "managed by A");
	warnings = kmsg_count("WARNING: CPU:");
	devm_kfree(&b, p);
	cr_assert_eq(kmsg_count("WARNING: CPU:"), warnings + 1);
	cr_assert(kmsg_contains("devm_kfree"));
	cr_assert_str_eq(p, "managed by A");	/* still A's */
	devm_kfree(&a, p);
	cr_assert_eq(kmsg_count("WARNING: CPU:"), warnings + 1);
	cr_assert(list_empty(&a.devres_head));
	devm_kfree(&a, NULL);
	devm_kfree(&a, ZERO_SIZE_PTR);
	cr_assert_eq(devm_kmalloc(&a, 0, GFP_KERNEL), ZERO_SIZE_PTR);
	cr_assert(list_empty(&a.devres_head));
	cr_assert_eq(kmsg_count("WARNING: CPU:"), warnings + 1);
	put_device(&a);
	put_device(&b);
	ukmem_shutdown();
}

Test(devres, ioremap_resource_reports)
{
	struct device dev = { .init_name = "mapdev", .release = stack_release };
	struct resource io = DEFINE_RES_IO(0x2e8, 8);
	struct resource mem = DEFINE_RES_MEM_NAMED(0xfed40000, 0x1000, "regs");
	void __iomem *va, *va2;
	char *text;

	cr_assert_eq(ukmem_boot(NULL), 0);
	device_initialize(&dev);
	cr_assert_eq(PTR_ERR(devm_ioremap_resource(&dev, NULL)), -EINVAL);
	cr_assert_eq(PTR_ERR(devm_ioremap_resource(&dev, &io)), -EINVAL);
	cr_assert(kmsg_contains("mapdev: invalid resource"));
	va = devm_ioremap_resource(&dev, &mem);
	cr_assert(!IS_ERR(va), "%ld", PTR_ERR(va));
	text = proc_text("/proc/iomem");
	cr_assert_not_null(strstr(text, "fed40000-fed40fff : mapdev regs\n"), "%s", text);
	free(text);
	va2 = devm_ioremap_resource(&dev, &mem);
	cr_assert_eq(PTR_ERR(va2), -EBUSY);
	cr_assert(kmsg_contains("mapdev: can't request region for resource [mem 0xfed40000-0xfed40fff]"));
	devm_iounmap(&dev, va);
	devm_release_mem_region(&dev, mem.start, resource_size(&mem));
	text = proc_text("/proc/iomem");
	cr_assert_null(strstr(text, "mapdev"));
	free(text);
	devres_release_all(&dev);
	put_device(&dev);
	ukmem_shutdown();
}

/* The DEVRES lines of the log, in order, the hashed node address replaced by "P". */
static char *devres_lines(void)
{
	char *log = proc_text("/dev/kmsg"), *line, *save = NULL;
	char *out = calloc(1, strlen(log) + 1);

	for (line = strtok_r(log, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char op[16], ptr[32], rest[128];
		char *d = strstr(line, "DEVRES ");

		if (!d || sscanf(d, "DEVRES %15s %31s %127[^\n]", op, ptr, rest) != 3)
			continue;
		sprintf(out + strlen(out), "%s P %s\n", op, rest);
	}
	free(log);
	return out;
}

/* devres.log=1 (CONFIG_DEBUG_DEVRES's parameter): each node added, replaced, taken off
 * and released, with its release function's name and size, as 6.1 logs them. */
Test(devres, devres_log_lists_every_node)
{
	struct device dev = { .init_name = "logdev", .release = stack_release };

	cr_assert_eq(ukmem_boot("devres.log=1"), 0);
	device_initialize(&dev);
	nreleased = 0;
	add_int(&dev, 1);
	void *grp = devres_open_group(&dev, NULL, GFP_KERNEL);
	add_int(&dev, 2);
	devres_close_group(&dev, grp);
	char *p = devm_kmalloc(&dev, 4, GFP_KERNEL);
	p = devm_krealloc(&dev, p, 4000, GFP_KERNEL);
	devm_kfree(&dev, p);
	cr_assert_eq(devres_release_group(&dev, grp), 1);
	cr_assert_eq(devres_release_all(&dev), 1);
	char *lines = devres_lines();
	cr_assert_str_eq(lines,
			 "ADD P int_release (4 bytes)\n"
			 "ADD P grp< (0 bytes)\n"
			 "ADD P int_release (4 bytes)\n"
			 "ADD P grp> (0 bytes)\n"
			 "ADD P devm_kzalloc_release (4 bytes)\n"
			 "REPLACE P devm_kzalloc_release (4 bytes)\n"
			 "REM P devm_kzalloc_release (4000 bytes)\n"
			 "REL P int_release (4 bytes)\n"
			 "REL P grp< (0 bytes)\n"
			 "REL P int_release (4 bytes)\n");
	cr_assert(kmsg_contains("logdev: DEVRES ADD "), "dev_err's prefix");
	free(lines);
	cr_assert_eq(nreleased, 2);
	put_device(&dev);
	ukmem_shutdown();

	/* off by default: nothing is logged */
	cr_assert_eq(ukmem_boot(NULL), 0);
	device_initialize(&dev);
	add_int(&dev, 3);
	cr_assert_eq(devres_release_all(&dev), 1);
	lines = devres_lines();
	cr_assert_str_eq(lines, "");
	free(lines);
	put_device(&dev);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}
