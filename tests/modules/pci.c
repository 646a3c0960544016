// SPDX-License-Identifier: LGPL-2.1-or-later
/* The PCI driver API, checked with a driver written for Linux (tests/modules/pci/edu.c)
 * for QEMU's edu device: probe with MSI, with INTx and with the managed (pcim_) calls,
 * what /proc/iomem, /proc/bus/pci/devices and /proc/interrupts show while it is bound,
 * and that unloading gives everything back. Bad input gets the kernel's answers:
 * misaligned and out-of-range configuration accesses, a BAR claimed twice, a BAR used
 * after pci_release_regions(), a mapping beyond a BAR, freeing an interrupt vector
 * never requested, disabling a disabled device, DMA without bus mastering. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <ukmem.h>
#include <linux/capability.h>
#include <linux/panic.h>
#include <linux/pci.h>
#include "kmsg.h"
#include "sysfile.h"

#define EDU "edu 0000:00:01.0: "
#define EDU_PCI "pci 0000:00:01.0: "

static struct pci_dev *edu_dev(void)
{
	struct pci_dev *pdev = pci_get_device(0x1234, 0x11e8, NULL);

	cr_assert_not_null(pdev);
	return pdev;
}

/* The text of a file under /sys (up to 4 KiB). */
static char *sys_text(const char *path)
{
	char *buf = malloc(4096);

	cr_assert_not_null(buf);
	return sysfile_read(path, buf, 4096);
}

static void assert_sys_eq(const char *path, const char *want)
{
	char *text = sys_text(path);

	cr_assert_str_eq(text, want, "%s", path);
	free(text);
}

#define SYSDEV "/sys/bus/pci/devices/0000:00:01.0/"

static char *sys_link(const char *path)
{
	static char link[256];
	ssize_t n = ukmem_readlink(path, link, sizeof(link) - 1);

	cr_assert_gt(n, 0, "%s", path);
	link[n] = '\0';
	return link;
}

/* The names in a directory, each followed by a space, sorted ("" if empty). */
static int add_name(void *ctx, const char *name, mode_t type)
{
	char **names = ctx;
	size_t n = 0;

	while (names[n])
		n++;
	cr_assert_lt(n, 31);
	names[n] = strdup(name);
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *dir_names(const char *path)
{
	static char out[512];
	char *names[32] = { NULL };
	size_t n = 0;

	cr_assert_eq(ukmem_readdir(path, add_name, names), 0, "%s", path);
	while (names[n])
		n++;
	qsort(names, n, sizeof(names[0]), cmp_names);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		strncat(out, names[i], sizeof(out) - strlen(out) - 2);
		strcat(out, " ");
		free(names[i]);
	}
	return out;
}

/* The /proc/bus/pci/devices line of 00:01.0. */
static char *devices_line(void)
{
	char *text = proc_text("/proc/bus/pci/devices");
	char *line = strstr(text, "0008\t");

	cr_assert_not_null(line, "%s", text);
	line = strndup(line, strcspn(line, "\n") + 1);
	free(text);
	return line;
}

static bool proc_has(const char *path, const char *needle)
{
	char *text = proc_text(path);
	bool has = strstr(text, needle) != NULL;

	free(text);
	return has;
}

static void assert_released(void)
{
	char *line = devices_line();

	cr_assert_str_eq(line, "0008\t123411e8\t11\t        fea00000\t               0\t"
			 "               0\t               0\t               0\t"
			 "               0\t               0\t          100000\t"
			 "               0\t               0\t               0\t"
			 "               0\t               0\t               0\t\n");
	free(line);
	cr_assert(proc_has("/proc/iomem", "  fea00000-feafffff : 0000:00:01.0\n"
			   "  febf0000"), "the BAR's claim is gone");
	cr_assert_not(proc_has("/proc/interrupts", " edu\n"));
	struct pci_dev *pdev = edu_dev();
	u16 cmd;
	cr_assert_eq(pci_read_config_word(pdev, PCI_COMMAND, &cmd), 0);
	cr_assert_eq(cmd & PCI_COMMAND_MASTER, 0, "bus mastering is off again");
	cr_assert_not(pci_is_enabled(pdev));
	cr_assert_null(pdev->driver);
	pci_dev_put(pdev);
}

Test(pci, edu_driver_with_msi)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(ukmem_module_load(EDU_MODULE, NULL), 0);
	cr_assert(kmsg_contains(EDU "enabling device (0000 -> 0002)"));
	cr_assert(kmsg_contains(EDU "edu 1.0, liveness check passed"));
	cr_assert(kmsg_contains(EDU "MSI interrupt 24"));
	cr_assert(kmsg_contains(EDU "12! = 479001600"));
	cr_assert(kmsg_contains(EDU "DMA round trip of 256 bytes"));
	cr_assert(proc_has("/proc/iomem", "  fea00000-feafffff : 0000:00:01.0\n"
			   "    fea00000-feafffff : edu\n"));
	char *line = devices_line();
	cr_assert(!strncmp(line, "0008\t123411e8\t18\t", 17), "%s", line);
	cr_assert(strstr(line, "\tedu\n"), "%s", line);
	free(line);
	char *text = proc_text("/proc/interrupts");
	char *row = strstr(text, " 24: ");
	cr_assert_not_null(row, "%s", text);
	const char *want = "  PCI-MSI 16384-edge      edu\n";
	cr_assert(!strncmp(strchr(row, '\n') + 1 - strlen(want), want, strlen(want)), "%s", text);
	free(text);
	cr_assert_str_eq(dir_names(SYSDEV "msi_irqs"), "24 ");
	assert_sys_eq(SYSDEV "msi_irqs/24", "msi\n");

	cr_assert_eq(ukmem_module_unload("edu"), 0);
	cr_assert(kmsg_contains(EDU "removed"));
	assert_released();
	cr_assert_not(sysfile_exists(SYSDEV "msi_irqs"), "it goes at unbind");
	cr_assert_eq(ukmem_report_count(), 0, "no DMA-API or other report");
	ukmem_shutdown();
}

Test(pci, edu_driver_with_intx)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(ukmem_module_load(EDU_MODULE, "irq=intx fact=10"), 0);
	cr_assert(kmsg_contains(EDU "INTx interrupt 17"));
	cr_assert(kmsg_contains(EDU "10! = 3628800"));
	cr_assert(kmsg_contains(EDU "DMA round trip of 256 bytes"));
	cr_assert(proc_has("/proc/interrupts", "  IO-APIC  17-fasteoi   edu\n"));
	cr_assert_not(sysfile_exists(SYSDEV "msi_irqs"), "only MSI makes it");
	cr_assert_eq(ukmem_module_unload("edu"), 0);
	assert_released();
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(pci, managed_driver_leaves_nothing_behind)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(ukmem_module_load(EDU_MODULE, "managed=1"), 0);
	cr_assert(kmsg_contains(EDU "12! = 479001600"));
	cr_assert(kmsg_contains(EDU "DMA round trip of 256 bytes"));
	cr_assert(proc_has("/proc/iomem", "    fea00000-feafffff : edu\n"));
	cr_assert_eq(ukmem_module_unload("edu"), 0);
	assert_released();
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(pci, a_bar_claimed_twice)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(ukmem_module_load(EDU_MODULE, "bug=double_request"), 0);
	cr_assert(kmsg_contains(EDU "BAR 0: can't reserve [mem 0xfea00000-0xfeafffff]"));
	cr_assert(kmsg_contains("edu: probe of 0000:00:01.0 failed with error -16"));
	assert_released();
	cr_assert_eq(ukmem_module_unload("edu"), 0);
	ukmem_shutdown();
}

/* A managed probe that fails after pcim_enable_device(): the device's managed resources
 * undo the enable, as Linux's devres does. */
Test(pci, managed_probe_failure_is_undone)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct resource *squatter = request_mem_region(0xfea00000, 0x100000, "squatter");
	cr_assert_not_null(squatter);
	cr_assert_eq(ukmem_module_load(EDU_MODULE, "managed=1"), 0);
	cr_assert(kmsg_contains(EDU "enabling device (0000 -> 0002)"));
	cr_assert(kmsg_contains("edu: probe of 0000:00:01.0 failed with error -16"));
	assert_sys_eq(SYSDEV "enable", "0\n");
	cr_assert_not(sysfile_exists(SYSDEV "driver"));
	struct pci_dev *pdev = edu_dev();
	cr_assert_not(pci_is_enabled(pdev));
	pci_dev_put(pdev);
	release_mem_region(0xfea00000, 0x100000);
	cr_assert_eq(ukmem_module_unload("edu"), 0);
	assert_released();
	ukmem_shutdown();
}

Test(pci, no_dma_without_bus_mastering)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(ukmem_module_load(EDU_MODULE, "bug=no_master irq=intx"), 0);
	cr_assert(kmsg_contains(EDU "12! = 479001600"), "INTx needs no bus mastering");
	cr_assert(kmsg_contains(EDU "DMA round trip failed: -5"));
	cr_assert_eq(ukmem_module_unload("edu"), 0);
	assert_released();
	ukmem_shutdown();
}

Test(pci, configuration_accesses_misaligned_or_out_of_range)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct pci_dev *pdev = edu_dev();
	u8 b = 0x55;
	u16 w = 0x5555;
	u32 d = 0x55555555;

	cr_assert_eq(pci_read_config_word(pdev, PCI_DEVICE_ID, &w), PCIBIOS_SUCCESSFUL);
	cr_assert_eq(w, 0x11e8);
	w = 0x5555;
	cr_assert_eq(pci_read_config_word(pdev, 1, &w), PCIBIOS_BAD_REGISTER_NUMBER);
	cr_assert_eq(w, 0x5555, "a misaligned read touches nothing");
	cr_assert_eq(pcibios_err_to_errno(PCIBIOS_BAD_REGISTER_NUMBER), -EFAULT);
	cr_assert_eq(pci_read_config_dword(pdev, 2, &d), PCIBIOS_BAD_REGISTER_NUMBER);
	cr_assert_eq(pci_write_config_dword(pdev, PCI_COMMAND + 1, ~0u),
		     PCIBIOS_BAD_REGISTER_NUMBER);
	cr_assert_eq(pci_write_config_word(pdev, PCI_COMMAND + 1, 0xffff),
		     PCIBIOS_BAD_REGISTER_NUMBER);
	cr_assert_eq(pci_read_config_word(pdev, PCI_COMMAND, &w), 0);
	cr_assert_eq(w, 0, "nothing was written");
	cr_assert_eq(pci_read_config_dword(pdev, 4096, &d), -EINVAL);
	cr_assert_eq(d, 0xffffffff, "the error response");
	cr_assert_eq(pci_read_config_byte(pdev, -1, &b), -EINVAL);
	cr_assert_eq(b, 0xff);
	cr_assert_eq(pci_write_config_byte(pdev, 4096, 0), -EINVAL);
	cr_assert_eq(pci_read_config_dword(pdev, 0x100, &d), 0, "extended space through ECAM");
	cr_assert_eq(d, 0);
	cr_assert_eq(pci_read_config_byte(pdev, PCI_REVISION_ID, &b), 0);
	cr_assert_eq(b, 0x10);
	cr_assert_eq(pci_find_capability(pdev, PCI_CAP_ID_MSI), 0x40);
	/* QEMU's edu is a conventional PCI device with MSI only: no power management,
	 * PCI Express or MSI-X capability, a 256-byte configuration space. */
	cr_assert_eq(pci_find_capability(pdev, PCI_CAP_ID_PM), 0);
	cr_assert_eq(pci_find_capability(pdev, PCI_CAP_ID_EXP), 0);
	cr_assert_eq(pci_find_capability(pdev, PCI_CAP_ID_MSIX), 0);
	cr_assert_eq(pdev->cfg_size, 256);
	cr_assert_eq(pdev->class, 0x00ff00);
	cr_assert_eq(pdev->irq, 17);
	cr_assert_str_eq(pci_name(pdev), "0000:00:01.0");
	struct pci_dev *bridge = pci_get_domain_bus_and_slot(0, 0, PCI_DEVFN(0, 0));
	cr_assert_not_null(bridge);
	cr_assert_eq(bridge->vendor, PCI_VENDOR_ID_INTEL);
	cr_assert_eq(bridge->class, PCI_CLASS_BRIDGE_HOST << 8);
	cr_assert_null(pci_get_domain_bus_and_slot(0, 0, PCI_DEVFN(2, 0)));
	pci_dev_put(bridge);
	pci_dev_put(pdev);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(pci, a_bar_after_release_and_beyond_its_end)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct pci_dev *pdev = edu_dev();

	cr_assert_eq(pci_resource_start(pdev, 0), 0xfea00000);
	cr_assert_eq(pci_resource_len(pdev, 0), 0x100000);
	cr_assert(pci_resource_flags(pdev, 0) & IORESOURCE_MEM);
	cr_assert_eq(pci_resource_len(pdev, 1), 0);
	cr_assert_eq(pci_select_bars(pdev, IORESOURCE_MEM), 1);
	cr_assert_eq(pci_enable_device_mem(pdev), 0);
	cr_assert_eq(pci_request_regions(pdev, "first"), 0);
	void __iomem *regs = pci_iomap(pdev, 0, 0x100);
	cr_assert_not_null(regs);
	cr_assert_eq(ioread32(regs), 0x010000ed);
	cr_assert_null(pci_iomap(pdev, 1, 0), "no BAR 1");
	cr_assert_null(pci_iomap_range(pdev, 0, 0x100000, 0), "offset at the BAR's end");
	cr_assert_null(pci_iomap(pdev, 6, 0));
	pci_release_regions(pdev);
	cr_assert_eq(ioread32(regs), 0x010000ed,
		     "as in Linux, releasing the claim leaves the mapping working");
	cr_assert_not_null(request_mem_region(0xfea00000, 0x100000, "second"),
			   "and someone else may claim it");
	cr_assert(proc_has("/proc/iomem", "    fea00000-feafffff : second\n"));
	release_mem_region(0xfea00000, 0x100000);
	pci_iounmap(pdev, regs);
	pci_disable_device(pdev);
	cr_assert_eq(ukmem_report_count(), 0);
	pci_disable_device(pdev);
	cr_assert(kmsg_contains("disabling already-disabled device"));
	pci_dev_put(pdev);
	ukmem_shutdown();
}

static irqreturn_t nothing(int irq, void *data)
{
	return IRQ_NONE;
}

Test(pci, interrupt_vectors)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct pci_dev *pdev = edu_dev();

	cr_assert_eq(pci_enable_device(pdev), 0);
	cr_assert_eq(pci_irq_vector(pdev, 0), 17, "INTx before any allocation");
	cr_assert_eq(pci_alloc_irq_vectors(pdev, 2, 4, PCI_IRQ_MSI), -ENOSPC,
		     "one MSI message without interrupt remapping");
	cr_assert_eq(pci_msix_vec_count(pdev), -EINVAL, "edu has no MSI-X capability");
	cr_assert_eq(pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX), -EINVAL);
	cr_assert_not(sysfile_exists(SYSDEV "msi_irqs"));
	cr_assert_eq(pci_alloc_irq_vectors(pdev, 1, 4, PCI_IRQ_MSIX | PCI_IRQ_MSI), 1);
	cr_assert_eq(pci_irq_vector(pdev, 0), 24);
	cr_assert_eq(pci_irq_vector(pdev, 1), -EINVAL);
	cr_assert_str_eq(dir_names(SYSDEV "msi_irqs"), "24 ");
	assert_sys_eq(SYSDEV "msi_irqs/24", "msi\n");
	u16 cmd;
	pci_read_config_word(pdev, PCI_COMMAND, &cmd);
	cr_assert(cmd & PCI_COMMAND_INTX_DISABLE, "INTx is off while MSI is on");
	cr_assert_eq(request_irq(24, nothing, 0, "edu", pdev), 0);
	free_irq(24, nothing);
	cr_assert(kmsg_contains("Trying to free already-free IRQ 24"));
	free_irq(24, pdev);
	pci_free_irq_vectors(pdev);
	cr_assert_eq(pci_irq_vector(pdev, 0), 17);
	cr_assert_str_eq(dir_names(SYSDEV "msi_irqs"), "",
			 "the directory stays until unbind, its files go with the vectors");
	cr_assert_eq(request_irq(24, nothing, 0, "edu", pdev), -EINVAL, "24 is gone");
	pci_read_config_word(pdev, PCI_COMMAND, &cmd);
	cr_assert_eq(cmd & PCI_COMMAND_INTX_DISABLE, 0);
	pci_free_irq_vectors(pdev);	/* nothing allocated: nothing happens */
	cr_assert_eq(pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSIX | PCI_IRQ_LEGACY), 1);
	cr_assert_eq(pci_irq_vector(pdev, 0), 17);
	pci_disable_device(pdev);
	pci_dev_put(pdev);
	ukmem_shutdown();
}

Test(pci, proc_views_as_on_a_pc)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	char *text = proc_text("/proc/ioports");
	cr_assert_str_eq(text, "0000-0cf7 : PCI Bus 0000:00\n"
			 "  0000-001f : dma1\n"
			 "  0020-0021 : pic1\n"
			 "  0040-0043 : timer0\n"
			 "  0050-0053 : timer1\n"
			 "  0060-0060 : keyboard\n"
			 "  0064-0064 : keyboard\n"
			 "  0070-0077 : rtc0\n"
			 "  0080-008f : dma page reg\n"
			 "  00a0-00a1 : pic2\n"
			 "  00c0-00df : dma2\n"
			 "  00f0-00ff : fpu\n"
			 "  02f8-02ff : serial\n"
			 "  0378-037a : parport0\n"
			 "  03f8-03ff : serial\n"
			 "0cf8-0cff : PCI conf1\n"
			 "0d00-ffff : PCI Bus 0000:00\n");
	free(text);
	cr_assert(proc_has("/proc/iomem", "10000000-dfffffff : PCI Bus 0000:00\n"
			   "e0000000-efffffff : PCI MMCONFIG 0000 [bus 00-ff]\n"
			   "f0000000-febfffff : PCI Bus 0000:00\n"
			   "  fd000000-fdffffff : ukfb-vram\n"
			   "  fea00000-feafffff : 0000:00:01.0\n"));
	cr_assert(proc_has("/proc/bus/pci/devices", "0000\t808629c0\t0\t"));
	cr_assert(kmsg_contains("pci 0000:00:01.0: [1234:11e8] type 00 class 0x00ff00"));
	cr_assert(kmsg_contains("pci 0000:00:01.0: reg 0x10: [mem 0xfea00000-0xfeafffff]"));
	ukmem_shutdown();
}

Test(pci, sysfs_view_of_the_bus)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_str_eq(sys_link("/sys/bus/pci/devices/0000:00:01.0"),
			 "../../../devices/pci0000:00/0000:00:01.0");
	cr_assert_str_eq(sys_link("/sys/bus/pci/devices/0000:00:00.0"),
			 "../../../devices/pci0000:00/0000:00:00.0");
	cr_assert_str_eq(sys_link(SYSDEV "subsystem"), "../../../bus/pci");
	assert_sys_eq(SYSDEV "vendor", "0x1234\n");
	assert_sys_eq(SYSDEV "device", "0x11e8\n");
	assert_sys_eq(SYSDEV "class", "0x00ff00\n");
	assert_sys_eq(SYSDEV "subsystem_vendor", "0x1af4\n");
	assert_sys_eq(SYSDEV "subsystem_device", "0x1100\n");
	assert_sys_eq(SYSDEV "revision", "0x10\n");
	assert_sys_eq(SYSDEV "irq", "17\n");
	assert_sys_eq(SYSDEV "modalias", "pci:v00001234d000011E8sv00001AF4sd00001100bc00scFFi00\n");
	assert_sys_eq(SYSDEV "enable", "0\n");
	assert_sys_eq(SYSDEV "dma_mask_bits", "32\n");
	assert_sys_eq(SYSDEV "consistent_dma_mask_bits", "32\n");
	assert_sys_eq("/sys/bus/pci/devices/0000:00:00.0/class", "0x060000\n");
	char *res = sys_text(SYSDEV "resource");
	const char *zero = "0x0000000000000000 0x0000000000000000 0x0000000000000000\n";
	cr_assert(!strncmp(res, "0x00000000fea00000 0x00000000feafffff 0x0000000000040200\n", 57),
		  "%s", res);
	cr_assert_eq(strlen(res), 13 * strlen(zero), "%s", res);
	for (int i = 1; i < 13; i++)
		cr_assert(!strncmp(res + i * strlen(zero), zero, strlen(zero)), "%s", res);
	free(res);

	/* config: the header as the device's own accesses read it; 64 bytes without
	 * CAP_SYS_ADMIN, the whole 256 with it. */
	unsigned char cfg[512];
	int fd = ukmem_open(SYSDEV "config", O_RDONLY);
	cr_assert_geq(fd, 0);
	ssize_t n = ukmem_read(fd, cfg, sizeof(cfg));
	ukmem_close(fd);
	cr_assert_eq(n, capable(CAP_SYS_ADMIN) ? 256 : 64);
	cr_assert_eq(cfg[0] | cfg[1] << 8, 0x1234);
	cr_assert_eq(cfg[2] | cfg[3] << 8, 0x11e8);
	cr_assert_eq(cfg[PCI_INTERRUPT_PIN], 1);
	struct pci_dev *pdev = edu_dev();
	u32 bar0;
	pci_read_config_dword(pdev, PCI_BASE_ADDRESS_0, &bar0);
	cr_assert_eq(cfg[0x10] | cfg[0x11] << 8 | cfg[0x12] << 16 | (u32)cfg[0x13] << 24, bar0);
	/* An odd offset and length: byte, word and dword accesses, the same bytes. */
	unsigned char part[7];
	fd = ukmem_open(SYSDEV "config", O_RDONLY);
	cr_assert_eq(ukmem_pread(fd, part, sizeof(part), 1), 7);
	ukmem_close(fd);
	cr_assert_eq(memcmp(part, cfg + 1, 7), 0);
	/* A write goes to the device: the interrupt line register, then back. */
	if (capable(CAP_SYS_ADMIN)) {
		unsigned char line = 0x2a;
		u8 got;

		fd = ukmem_open(SYSDEV "config", O_WRONLY);
		cr_assert_eq(ukmem_pwrite(fd, &line, 1, PCI_INTERRUPT_LINE), 1);
		pci_read_config_byte(pdev, PCI_INTERRUPT_LINE, &got);
		cr_assert_eq(got, 0x2a);
		line = cfg[PCI_INTERRUPT_LINE];
		cr_assert_eq(ukmem_pwrite(fd, &line, 1, PCI_INTERRUPT_LINE), 1);
		ukmem_close(fd);
	}
	pci_dev_put(pdev);
	cr_assert_not(sysfile_exists(SYSDEV "driver"));
	ukmem_shutdown();
}

/* The rest of 6.1's attributes: exact text, modes, and the stores' answers. */
Test(pci, sysfs_attributes_as_6_1_has_them)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	struct pci_dev *pdev = edu_dev();
	bool admin = capable(CAP_SYS_ADMIN);
	struct ukmem_stat st;

	cr_assert_str_eq(dir_names(SYSDEV), "ari_enabled broken_parity_status class config "
			 "consistent_dma_mask_bits d3cold_allowed device dma_mask_bits "
			 "driver_override enable irq local_cpulist local_cpus modalias msi_bus "
			 "numa_node power_state remove rescan resource resource0 revision subsystem "
			 "subsystem_device subsystem_vendor uevent vendor ");
	assert_sys_eq(SYSDEV "power_state", "D0\n");
	assert_sys_eq(SYSDEV "local_cpus", "3\n");
	assert_sys_eq(SYSDEV "local_cpulist", "0-1\n");
	assert_sys_eq(SYSDEV "numa_node", "-1\n");
	assert_sys_eq(SYSDEV "broken_parity_status", "0\n");
	assert_sys_eq(SYSDEV "msi_bus", "1\n");
	assert_sys_eq(SYSDEV "d3cold_allowed", "0\n");	/* no PM capability */
	assert_sys_eq(SYSDEV "ari_enabled", "0\n");
	static const struct { const char *name; unsigned int mode; } modes[] = {
		{ "power_state", 0444 }, { "local_cpus", 0444 }, { "local_cpulist", 0444 },
		{ "numa_node", 0644 }, { "enable", 0644 }, { "broken_parity_status", 0644 },
		{ "msi_bus", 0644 }, { "d3cold_allowed", 0644 }, { "ari_enabled", 0444 },
		{ "remove", 0220 }, { "rescan", 0200 }, { "resource0", 0600 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(modes); i++) {
		char path[128];

		snprintf(path, sizeof(path), SYSDEV "%s", modes[i].name);
		cr_assert_eq(ukmem_stat(path, &st), 0, "%s", path);
		cr_assert_eq(st.mode & 0777, modes[i].mode, "%s", path);
	}

	cr_assert_eq(sysfile_write(SYSDEV "broken_parity_status", "1"), 1);
	assert_sys_eq(SYSDEV "broken_parity_status", "1\n");
	cr_assert_eq(sysfile_write(SYSDEV "broken_parity_status", "x"), -EINVAL);
	cr_assert_eq(sysfile_write(SYSDEV "d3cold_allowed", "1"), 1);
	assert_sys_eq(SYSDEV "d3cold_allowed", "1\n");
	if (!admin) {
		cr_assert_eq(sysfile_write(SYSDEV "enable", "1"), -EPERM);
		cr_assert_eq(sysfile_write(SYSDEV "msi_bus", "0"), -EPERM);
		cr_assert_eq(sysfile_write(SYSDEV "numa_node", "0"), -EPERM);
	} else {
		/* enable: only while no driver holds the device */
		cr_assert_eq(sysfile_write(SYSDEV "enable", "0"), -EIO, "not enabled");
		cr_assert_eq(sysfile_write(SYSDEV "enable", "1"), 1);
		cr_assert(kmsg_contains(EDU_PCI "enabling device (0000 -> 0002)"));
		assert_sys_eq(SYSDEV "enable", "1\n");
		cr_assert(pci_is_enabled(pdev));
		cr_assert_eq(sysfile_write(SYSDEV "enable", "0"), 1);
		cr_assert_not(pci_is_enabled(pdev));
		cr_assert_eq(sysfile_write(SYSDEV "enable", "on"), -EINVAL);
		/* msi_bus: MSI refused to future drivers */
		cr_assert_eq(sysfile_write(SYSDEV "msi_bus", "0"), 1);
		cr_assert(kmsg_contains(EDU_PCI "MSI/MSI-X disallowed for future drivers"));
		assert_sys_eq(SYSDEV "msi_bus", "0\n");
		cr_assert_eq(pci_enable_device(pdev), 0);
		cr_assert_eq(pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI), -EINVAL);
		cr_assert_eq(pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI | PCI_IRQ_LEGACY), 1);
		cr_assert_eq(pci_irq_vector(pdev, 0), 17, "INTx instead");
		pci_free_irq_vectors(pdev);
		pci_disable_device(pdev);
		cr_assert_eq(sysfile_write(SYSDEV "msi_bus", "1"), 1);
		cr_assert(kmsg_contains(EDU_PCI "MSI/MSI-X allowed for future drivers"));
		/* numa_node: a firmware workaround that taints */
		cr_assert_eq(sysfile_write(SYSDEV "numa_node", "1"), -EINVAL, "node 1 is offline");
		cr_assert_eq(sysfile_write(SYSDEV "numa_node", "-2"), -EINVAL);
		cr_assert_eq(sysfile_write(SYSDEV "numa_node", "0"), 1);
		cr_assert(kmsg_contains(EDU_PCI "[Firmware Bug]: Overriding NUMA node to 0.  "
					"Contact your vendor for updates."));
		assert_sys_eq(SYSDEV "numa_node", "0\n");
		cr_assert(test_taint(TAINT_FIRMWARE_WORKAROUND));
	}
	pci_dev_put(pdev);
	ukmem_shutdown();
}

Test(pci, sysfs_bind_and_unbind)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(ukmem_module_load(EDU_MODULE, "fact=5"), 0);
	cr_assert(kmsg_contains(EDU "5! = 120"));
	cr_assert_str_eq(sys_link(SYSDEV "driver"), "../../../bus/pci/drivers/edu");
	cr_assert(sysfile_exists("/sys/bus/pci/drivers/edu/0000:00:01.0"));
	assert_sys_eq(SYSDEV "enable", "1\n");
	assert_sys_eq(SYSDEV "irq", "24\n");
	assert_sys_eq(SYSDEV "uevent", "DRIVER=edu\nPCI_CLASS=FF00\nPCI_ID=1234:11E8\n"
		      "PCI_SUBSYS_ID=1AF4:1100\nPCI_SLOT_NAME=0000:00:01.0\n"
		      "MODALIAS=pci:v00001234d000011E8sv00001AF4sd00001100bc00scFFi00\n");

	/* unbind: remove runs and everything is given back while the module stays */
	size_t removed = kmsg_count(EDU "removed");
	cr_assert_eq(sysfile_write("/sys/bus/pci/drivers/edu/unbind", "0000:00:01.0"), 12);
	cr_assert_eq(kmsg_count(EDU "removed"), removed + 1);
	cr_assert_not(sysfile_exists(SYSDEV "driver"));
	assert_released();
	assert_sys_eq(SYSDEV "enable", "0\n");
	assert_sys_eq(SYSDEV "irq", "17\n");
	cr_assert_eq(sysfile_write("/sys/bus/pci/drivers/edu/unbind", "0000:00:01.0"), -ENODEV);

	/* bind: probe runs again */
	size_t probed = kmsg_count(EDU "5! = 120");
	size_t dma = kmsg_count(EDU "DMA round trip of 256 bytes");
	cr_assert_eq(sysfile_write("/sys/bus/pci/drivers/edu/bind", "0000:00:01.0"), 12);
	cr_assert_eq(kmsg_count(EDU "5! = 120"), probed + 1);
	cr_assert_eq(kmsg_count(EDU "DMA round trip of 256 bytes"), dma + 1);
	cr_assert(sysfile_exists(SYSDEV "driver"));
	/* the host bridge matches nothing in edu's table */
	cr_assert_eq(sysfile_write("/sys/bus/pci/drivers/edu/bind", "0000:00:00.0"), -ENODEV);

	cr_assert_eq(ukmem_module_unload("edu"), 0);
	assert_released();
	cr_assert_not(sysfile_exists("/sys/bus/pci/drivers/edu"));
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

/* /proc/bus/pci/00/01.0: the configuration space as the sysfs config file has it, 256
 * bytes (64 without CAP_SYS_ADMIN), seekable to its end, writable by root. */
Test(pci, proc_bus_pci_config_files)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_str_eq(dir_names("/proc/bus/pci"), "00 devices ");
	cr_assert_str_eq(dir_names("/proc/bus/pci/00"), "00.0 01.0 ");
	struct ukmem_stat st;
	cr_assert_eq(ukmem_stat("/proc/bus/pci/00/01.0", &st), 0);
	cr_assert_eq(st.mode, S_IFREG | 0644);
	cr_assert_eq(st.size, 256);

	unsigned char via_proc[300], via_sys[300];
	size_t size = capable(CAP_SYS_ADMIN) ? 256 : 64;
	int fd = ukmem_open("/proc/bus/pci/00/01.0", O_RDONLY);
	cr_assert_geq(fd, 0);
	cr_assert_eq(ukmem_read(fd, via_proc, sizeof(via_proc)), (ssize_t)size);
	cr_assert_eq(ukmem_read(fd, via_proc, sizeof(via_proc)), 0, "at the end");
	cr_assert_eq(ukmem_lseek(fd, 0, SEEK_END), 256);
	cr_assert_eq(ukmem_lseek(fd, 1, SEEK_END), -1, "not past the end");
	/* odd offsets and lengths give the same bytes */
	unsigned char part[11];
	cr_assert_eq(ukmem_pread(fd, part, sizeof(part), 0x0d), 11);
	cr_assert_eq(memcmp(part, via_proc + 0x0d, 11), 0);
	cr_assert_eq(ukmem_pread(fd, part, sizeof(part), (off_t)size - 3), 3);
	cr_assert_eq(ukmem_pread(fd, part, 4, 0x1000), 0);
	ukmem_close(fd);
	fd = ukmem_open(SYSDEV "config", O_RDONLY);
	cr_assert_eq(ukmem_read(fd, via_sys, sizeof(via_sys)), (ssize_t)size);
	ukmem_close(fd);
	cr_assert_eq(memcmp(via_proc, via_sys, size), 0);
	cr_assert_eq(via_proc[0] | via_proc[1] << 8, 0x1234);
	cr_assert_eq(via_proc[PCI_CAPABILITY_LIST], 0x40);
	if (size > 64) {
		cr_assert_eq(via_proc[0x40], PCI_CAP_ID_MSI);
		cr_assert_eq(via_proc[0x41], 0, "the only capability");
	}
	unsigned char host[4];
	fd = ukmem_open("/proc/bus/pci/00/00.0", O_RDONLY);
	cr_assert_eq(ukmem_read(fd, host, 4), 4);
	ukmem_close(fd);
	cr_assert_eq(memcmp(host, "\x86\x80\xc0\x29", 4), 0);

	struct pci_dev *pdev = edu_dev();
	if (capable(CAP_SYS_ADMIN)) {
		/* the latency timer through the file, then back */
		unsigned char lat = 0x40, was = via_proc[PCI_LATENCY_TIMER];
		u8 got;

		fd = ukmem_open("/proc/bus/pci/00/01.0", O_RDWR);
		cr_assert_eq(ukmem_pwrite(fd, &lat, 1, PCI_LATENCY_TIMER), 1);
		pci_read_config_byte(pdev, PCI_LATENCY_TIMER, &got);
		cr_assert_eq(got, 0x40);
		cr_assert_eq(ukmem_pwrite(fd, &was, 1, PCI_LATENCY_TIMER), 1);
		cr_assert_eq(ukmem_pwrite(fd, &lat, 1, 256), 0, "nothing past the space");
		ukmem_close(fd);
		pci_read_config_byte(pdev, PCI_LATENCY_TIMER, &got);
		cr_assert_eq(got, was);
	}
	pci_dev_put(pdev);
	ukmem_shutdown();

	/* a machine without PCI has no such files; the next boot makes them again */
	cr_assert_eq(ukmem_boot("pci=off"), 0);
	cr_assert_not(sysfile_exists("/proc/bus/pci/00"));
	ukmem_shutdown();
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert(sysfile_exists("/proc/bus/pci/00/01.0"));
	ukmem_shutdown();
}

/* driver_override (written through sysfs as on Linux): only the named driver binds,
 * with its table's entry or, without one, with an entry matching any device; a lone
 * newline clears it. */
static const struct pci_device_id other_ids[] = {
	{ PCI_DEVICE(0x1af4, 0x1000) },
	{ 0 }
};
static const struct pci_device_id *other_probed_with;

static int other_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	other_probed_with = id;
	return 0;
}

static void other_remove(struct pci_dev *pdev)
{
}

static struct pci_driver other_driver = {
	.name = "other", .id_table = other_ids, .probe = other_probe, .remove = other_remove,
};

Test(pci, driver_override)
{
	char big[PAGE_SIZE];

	cr_assert_eq(ukmem_boot(NULL), 0);
	assert_sys_eq(SYSDEV "driver_override", "(null)\n");
	cr_assert_eq(sysfile_write(SYSDEV "driver_override", "other\n"), 6);
	assert_sys_eq(SYSDEV "driver_override", "other\n");
	cr_assert_eq(pci_register_driver(&other_driver), 0);
	cr_assert_str_eq(sys_link(SYSDEV "driver"), "../../../bus/pci/drivers/other");
	cr_assert_not_null(other_probed_with);
	cr_assert_eq(other_probed_with->vendor, PCI_ANY_ID, "bound without an entry of its own");
	cr_assert_not(sysfile_exists("/sys/bus/pci/drivers/other/0000:00:00.0"));
	pci_unregister_driver(&other_driver);

	/* edu's own driver matches the device, but the override names another */
	cr_assert_eq(ukmem_module_load(EDU_MODULE, "fact=5"), 0);
	cr_assert_not(kmsg_contains(EDU "5! = 120"));
	cr_assert_not(sysfile_exists(SYSDEV "driver"));
	cr_assert_eq(sysfile_write("/sys/bus/pci/drivers/edu/bind", "0000:00:01.0"), -ENODEV);

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	cr_assert_eq(sysfile_write(SYSDEV "driver_override", big), -EINVAL);
	assert_sys_eq(SYSDEV "driver_override", "other\n");
	cr_assert_eq(sysfile_write(SYSDEV "driver_override", "\n"), 1);
	assert_sys_eq(SYSDEV "driver_override", "(null)\n");
	cr_assert_eq(sysfile_write("/sys/bus/pci/drivers/edu/bind", "0000:00:01.0"), 12);
	cr_assert(kmsg_contains(EDU "5! = 120"));
	cr_assert_eq(ukmem_module_unload("edu"), 0);
	assert_released();
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

#define PCI_BUS_DEV "/sys/devices/pci0000:00/pci_bus/0000:00/"

/* Bus 0 as the pci_bus class device, as 6.1 has it under its host bridge. */
Test(pci, the_pci_bus_class_device)
{
	struct ukmem_stat st;

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_str_eq(dir_names(PCI_BUS_DEV), "cpuaffinity cpulistaffinity device rescan "
			 "subsystem uevent ");
	cr_assert_str_eq(dir_names("/sys/class/pci_bus"), "0000:00 ");
	cr_assert_str_eq(sys_link("/sys/class/pci_bus/0000:00"),
			 "../../devices/pci0000:00/pci_bus/0000:00");
	cr_assert_str_eq(sys_link(PCI_BUS_DEV "device"), "../../../pci0000:00");
	cr_assert_str_eq(sys_link(PCI_BUS_DEV "subsystem"), "../../../../class/pci_bus");
	assert_sys_eq(PCI_BUS_DEV "cpuaffinity", "3\n");
	assert_sys_eq(PCI_BUS_DEV "cpulistaffinity", "0-1\n");
	cr_assert_eq(ukmem_stat(PCI_BUS_DEV "rescan", &st), 0);
	cr_assert_eq(st.mode & 0777, 0200);
	cr_assert_eq(ukmem_stat("/sys/bus/pci/rescan", &st), 0);
	cr_assert_eq(st.mode & 0777, 0200);
	ukmem_shutdown();

	/* pci=off: the class is there (Linux registers it early), without a bus */
	cr_assert_eq(ukmem_boot("pci=off"), 0);
	cr_assert(sysfile_exists("/sys/class/pci_bus"));
	cr_assert_str_eq(dir_names("/sys/class/pci_bus"), "");
	ukmem_shutdown();
}

static bool edu_present(void)
{
	struct pci_dev *pdev = pci_get_device(0x1234, 0x11e8, NULL);

	pci_dev_put(pdev);
	return pdev != NULL;
}

/* remove unbinds the driver and takes the device away everywhere; a rescan (of the
 * bus directory, the pci_bus device or a device) finds it again and the driver binds. */
Test(pci, remove_and_rescan)
{
	const char *enumerated = EDU_PCI "[1234:11e8] type 00 class 0x00ff00";

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(ukmem_module_load(EDU_MODULE, "fact=6"), 0);
	cr_assert_eq(kmsg_count(EDU "6! = 720"), 1);
	cr_assert_eq(sysfile_write(SYSDEV "remove", "x"), -EINVAL);
	cr_assert_eq(sysfile_write(SYSDEV "remove", "0"), 1, "0 does nothing");
	cr_assert(sysfile_exists(SYSDEV "driver"));

	cr_assert_eq(sysfile_write(SYSDEV "remove", "1"), 1);
	cr_assert(kmsg_contains(EDU "removed"));
	cr_assert_not(sysfile_exists(SYSDEV));
	cr_assert_not(sysfile_exists("/sys/devices/pci0000:00/0000:00:01.0"));
	cr_assert_not(sysfile_exists("/sys/bus/pci/drivers/edu/0000:00:01.0"));
	cr_assert_not(sysfile_exists("/proc/bus/pci/00/01.0"));
	cr_assert_str_eq(dir_names("/proc/bus/pci/00"), "00.0 ");
	cr_assert_not(proc_has("/proc/bus/pci/devices", "0008\t"));
	cr_assert_not(proc_has("/proc/iomem", "0000:00:01.0"));
	cr_assert_not(proc_has("/proc/interrupts", " edu\n"));
	cr_assert_not(edu_present());

	/* the bus directory's rescan: enumerated again, and the driver binds */
	size_t seen = kmsg_count(enumerated);
	cr_assert_eq(sysfile_write("/sys/bus/pci/rescan", "1"), 1);
	cr_assert_eq(kmsg_count(enumerated), seen + 1);
	cr_assert_eq(kmsg_count(EDU "6! = 720"), 2);
	cr_assert_str_eq(sys_link(SYSDEV "driver"), "../../../bus/pci/drivers/edu");
	cr_assert(proc_has("/proc/iomem", "  fea00000-feafffff : 0000:00:01.0\n"
			   "    fea00000-feafffff : edu\n"));
	cr_assert_str_eq(dir_names("/proc/bus/pci/00"), "00.0 01.0 ");
	cr_assert(proc_has("/proc/bus/pci/devices", "\tedu\n"));
	cr_assert(edu_present());
	/* nothing new to find: a rescan adds nothing */
	cr_assert_eq(sysfile_write(SYSDEV "rescan", "1"), 1);
	cr_assert_eq(kmsg_count(enumerated), seen + 1);

	/* the host bridge, removed and found again through the pci_bus device */
	cr_assert_eq(sysfile_write("/sys/bus/pci/devices/0000:00:00.0/remove", "1"), 1);
	cr_assert_not(sysfile_exists("/sys/bus/pci/devices/0000:00:00.0"));
	cr_assert_eq(sysfile_write(PCI_BUS_DEV "rescan", "1"), 1);
	cr_assert(sysfile_exists("/sys/bus/pci/devices/0000:00:00.0/vendor"));
	cr_assert_str_eq(dir_names("/sys/bus/pci/devices"), "0000:00:00.0 0000:00:01.0 ");
	struct pci_dev *first = pci_get_device(PCI_ANY_ID, PCI_ANY_ID, NULL);
	cr_assert_not_null(first);
	cr_assert_eq(first->devfn, 0, "the list stays in devfn order");
	pci_dev_put(first);

	cr_assert_eq(ukmem_module_unload("edu"), 0);
	assert_released();
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

/* new_id and remove_id: a driver takes a device its table does not name, as in 6.1. */
Test(pci, new_id_and_remove_id)
{
	struct ukmem_stat st;

	cr_assert_eq(ukmem_boot(NULL), 0);
	other_probed_with = NULL;
	cr_assert_eq(pci_register_driver(&other_driver), 0);
	cr_assert_null(other_probed_with, "its table matches nothing here");
	cr_assert_eq(ukmem_stat("/sys/bus/pci/drivers/other/new_id", &st), 0);
	cr_assert_eq(st.mode & 0777, 0200);
	cr_assert_eq(ukmem_stat("/sys/bus/pci/drivers/other/remove_id", &st), 0);
	cr_assert_eq(st.mode & 0777, 0200);

	cr_assert_eq(sysfile_write("/sys/bus/pci/drivers/other/new_id", "1234"), -EINVAL);
	cr_assert_eq(sysfile_write("/sys/bus/pci/drivers/other/new_id",
				   "1234 11e8 ffffffff ffffffff 0 0 5"), -EINVAL,
		     "driver_data must be one of the table's");
	cr_assert_eq(sysfile_write("/sys/bus/pci/drivers/other/new_id", "1af4 1000"), -EEXIST,
		     "already in the table");
	cr_assert_eq(sysfile_write("/sys/bus/pci/drivers/other/new_id", "1234 11e8"), 9);
	cr_assert_str_eq(sys_link(SYSDEV "driver"), "../../../bus/pci/drivers/other");
	cr_assert_not_null(other_probed_with);
	cr_assert_eq(other_probed_with->vendor, 0x1234, "the dynamic ID");
	cr_assert_eq(other_probed_with->device, 0x11e8);
	cr_assert_eq(other_probed_with->subvendor, PCI_ANY_ID);
	cr_assert_eq(sysfile_write("/sys/bus/pci/drivers/other/new_id", "1234 11e8"), -EEXIST);

	cr_assert_eq(sysfile_write("/sys/bus/pci/drivers/other/remove_id", "1234 11e8"), 9);
	cr_assert_eq(sysfile_write("/sys/bus/pci/drivers/other/remove_id", "1234 11e8"), -ENODEV);
	cr_assert_eq(sysfile_write("/sys/bus/pci/drivers/other/remove_id", "x"), -EINVAL);
	cr_assert(sysfile_exists(SYSDEV "driver"), "removing the ID does not unbind");
	cr_assert_eq(sysfile_write("/sys/bus/pci/drivers/other/unbind", "0000:00:01.0"), 12);
	cr_assert_eq(sysfile_write("/sys/bus/pci/drivers/other/bind", "0000:00:01.0"), -ENODEV,
		     "no ID matches it now");
	/* a dynamic ID left in place goes with the driver */
	cr_assert_eq(sysfile_write("/sys/bus/pci/drivers/other/new_id", "8086 29c0"), 9);
	cr_assert(sysfile_exists("/sys/bus/pci/drivers/other/0000:00:00.0"));
	pci_unregister_driver(&other_driver);
	cr_assert_eq(pci_register_driver(&other_driver), 0);
	cr_assert_not(sysfile_exists("/sys/bus/pci/drivers/other/0000:00:00.0"));
	pci_unregister_driver(&other_driver);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}
