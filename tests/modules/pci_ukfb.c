// SPDX-License-Identifier: LGPL-2.1-or-later
/* ukfb's PCI identity and the resourceN files of PCI devices. A driver written for Linux
 * (tests/modules/pci/ukfbdrv.c) binds to the framebuffer as a platform device on the
 * default machine and as a PCI function with ukmem.pci=edu,ukfb; the proc views show
 * the function as 6.1 shows QEMU's VGA on a PC, and unloading gives everything back.
 * The sysfs resource files: a memory BAR maps (ukmem_mmap) onto the device's own memory,
 * with 6.1's refusals -- beyond the BAR, and while a driver claims it. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <ukmem.h>
#include <ukmem_devices.h>
#include <linux/io.h>
#include <linux/pci.h>
#include "kmsg.h"
#include "sysfile.h"

#define FB_PCI_CMDLINE	"ukmem.pci=edu,ukfb"
#define FBDEV		"/sys/bus/pci/devices/0000:00:02.0/"
#define VRAM_LEN	((size_t)UKFB_VRAM_SIZE)

static char *sys_text(const char *path)
{
	static char buf[4096];

	return sysfile_read(path, buf, sizeof(buf));
}

static bool proc_has(const char *path, const char *needle)
{
	char *text = proc_text(path);
	bool has = strstr(text, needle) != NULL;

	free(text);
	return has;
}

/* The mode the model shows, and that the driver's test pattern is in its memory. */
static void assert_pattern_shown(unsigned int width, unsigned int height)
{
	struct ukfb_mode mode;

	cr_assert_eq(ukmem_ukfb_mode(&mode), 0);
	cr_assert_eq(mode.width, width);
	cr_assert_eq(mode.height, height);
	cr_assert_eq(mode.stride, width * 4);
	const uint32_t *px = mode.pixels;
	cr_assert_not_null(px);
	for (unsigned int y = 0; y < height; y += 7)
		for (unsigned int x = 0; x < width; x += 13)
			cr_assert_eq(px[y * width + x], y << 16 | x, "(%u, %u)", x, y);
}

Test(ukfb_pci, the_framebuffer_as_qemus_vga_on_a_pc)
{
	cr_assert_eq(ukmem_boot(FB_PCI_CMDLINE), 0);
	cr_assert(kmsg_contains("pci 0000:00:02.0: [1234:1111] type 00 class 0x030000"));
	cr_assert(kmsg_contains("pci 0000:00:02.0: reg 0x10: [mem 0xfd000000-0xfdffffff pref]"));
	cr_assert(kmsg_contains("pci 0000:00:02.0: reg 0x18: [mem 0xfebf0000-0xfebf0fff]"));
	/* as the reference PC's /proc/iomem has its VGA, and no platform ukfb */
	cr_assert(proc_has("/proc/iomem", "  fd000000-fdffffff : 0000:00:02.0\n"));
	cr_assert(proc_has("/proc/iomem", "  febf0000-febf0fff : 0000:00:02.0\n"));
	cr_assert_not(proc_has("/proc/iomem", "ukfb"));
	cr_assert_not(sysfile_exists("/sys/bus/platform/devices/ukfb"));
	cr_assert(proc_has("/proc/bus/pci/devices",
			   "0010\t12341111\t0\t        fd000008\t               0\t"
			   "        febf0000\t               0\t               0\t"
			   "               0\t               0\t         1000000\t"
			   "               0\t            1000\t               0\t"
			   "               0\t               0\t               0\t\n"));
	cr_assert_str_eq(sys_text(FBDEV "class"), "0x030000\n");
	cr_assert_str_eq(sys_text(FBDEV "revision"), "0x02\n");
	cr_assert_str_eq(sys_text(FBDEV "irq"), "0\n", "no interrupt pin");
	cr_assert_str_eq(sys_text(FBDEV "boot_vga"), "1\n");
	cr_assert_not(sysfile_exists("/sys/bus/pci/devices/0000:00:01.0/boot_vga"),
		      "only VGA devices have it");
	cr_assert_str_eq(sys_text(FBDEV "modalias"),
			 "pci:v00001234d00001111sv00001AF4sd00001100bc03sc00i00\n");
	struct pci_dev *pdev = pci_get_device(0x1234, 0x1111, NULL);
	cr_assert_not_null(pdev);
	cr_assert_eq(pci_resource_flags(pdev, 0) & (IORESOURCE_MEM | IORESOURCE_PREFETCH),
		     IORESOURCE_MEM | IORESOURCE_PREFETCH);
	cr_assert_eq(pci_resource_len(pdev, 2), 0x1000);
	/* decoding is off until a driver enables the device: the registers read all ones */
	void __iomem *regs = ioremap(UKFB_MMIO_BASE, 0x1000);
	cr_assert_eq(readl(regs + UKFB_REG_ID), 0xffffffff);
	cr_assert_eq(pci_enable_device_mem(pdev), 0);
	cr_assert_eq(readl(regs + UKFB_REG_ID), UKFB_ID);
	pci_disable_device(pdev);
	iounmap(regs);
	pci_dev_put(pdev);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(ukfb_pci, one_driver_binds_as_a_pci_driver)
{
	cr_assert_eq(ukmem_boot(FB_PCI_CMDLINE), 0);
	cr_assert_eq(ukmem_module_load(UKFBDRV_MODULE, "width=640 height=480"), 0);
	cr_assert(kmsg_contains("ukfbdrv 0000:00:02.0: enabling device (0000 -> 0002)"));
	cr_assert(kmsg_contains("ukfbdrv 0000:00:02.0: mode 640x480 XRGB8888, "
				"16384 KiB of video memory"));
	cr_assert(proc_has("/proc/iomem", "  fd000000-fdffffff : 0000:00:02.0\n"
			   "    fd000000-fdffffff : ukfbdrv\n"));
	cr_assert(proc_has("/proc/iomem", "  febf0000-febf0fff : 0000:00:02.0\n"
			   "    febf0000-febf0fff : ukfbdrv\n"));
	cr_assert(proc_has("/proc/bus/pci/devices", "\t               0\tukfbdrv\n"));
	cr_assert(sysfile_exists("/sys/bus/pci/drivers/ukfbdrv/0000:00:02.0"));
	assert_pattern_shown(640, 480);

	cr_assert_eq(ukmem_module_unload("ukfbdrv"), 0);
	cr_assert(kmsg_contains("ukfbdrv 0000:00:02.0: removed"));
	cr_assert_not(proc_has("/proc/iomem", "ukfbdrv"));
	cr_assert_str_eq(sys_text(FBDEV "enable"), "0\n");
	struct ukfb_mode mode;
	cr_assert_eq(ukmem_ukfb_mode(&mode), -ENODEV, "the mode is off");
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(ukfb_pci, the_same_driver_binds_as_a_platform_driver)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_not(sysfile_exists(FBDEV), "the default machine has no PCI framebuffer");
	cr_assert_eq(ukmem_module_load(UKFBDRV_MODULE, NULL), 0);
	cr_assert(kmsg_contains("ukfbdrv ukfb: mode 320x200 XRGB8888, 16384 KiB of video memory"));
	cr_assert(sysfile_exists("/sys/bus/platform/drivers/ukfbdrv/ukfb"));
	cr_assert(proc_has("/proc/iomem", "  fd000000-fdffffff : ukfb-vram\n"
			   "    fd000000-fdffffff : ukfb vram\n"));
	assert_pattern_shown(320, 200);
	cr_assert_eq(ukmem_module_unload("ukfbdrv"), 0);
	cr_assert(kmsg_contains("ukfbdrv ukfb: removed"));
	cr_assert_not(proc_has("/proc/iomem", "ukfb vram"));
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

static int open_res(const char *name, int flags)
{
	char path[128];

	snprintf(path, sizeof(path), FBDEV "%s", name);
	return ukmem_open(path, flags);
}

/* resource0 and resource0_wc map the video memory itself: what the user writes the
 * device and the kernel's mappings see, and the reverse. */
Test(ukfb_pci, resource_files_alias_the_video_memory)
{
	struct ukmem_stat st;

	cr_assert_eq(ukmem_boot(FB_PCI_CMDLINE), 0);
	cr_assert_eq(ukmem_stat(FBDEV "resource0", &st), 0);
	cr_assert_eq(st.mode, S_IFREG | 0600);
	cr_assert_eq(st.size, (off_t)VRAM_LEN);
	cr_assert_eq(ukmem_stat(FBDEV "resource0_wc", &st), 0, "BAR 0 is prefetchable");
	cr_assert_eq(ukmem_stat(FBDEV "resource2", &st), 0);
	cr_assert_eq(st.size, 0x1000);
	cr_assert_not(sysfile_exists(FBDEV "resource2_wc"), "BAR 2 is not prefetchable");
	cr_assert_not(sysfile_exists(FBDEV "resource1"), "no BAR 1");

	int fd = open_res("resource0", O_RDWR);
	cr_assert_geq(fd, 0);
	uint32_t *user = ukmem_mmap(NULL, VRAM_LEN, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	cr_assert_neq(user, MAP_FAILED, "errno %d", errno);
	void __iomem *kernel = ioremap_wc(UKFB_VRAM_BASE, VRAM_LEN);
	cr_assert_not_null(kernel);
	user[0] = 0x12345678;
	user[VRAM_LEN / 4 - 1] = 0x9abcdef0;
	cr_assert_eq(readl(kernel), 0x12345678);
	cr_assert_eq(readl(kernel + VRAM_LEN - 4), 0x9abcdef0);
	writel(0xcafef00d, kernel + 0x10000);
	cr_assert_eq(user[0x10000 / 4], 0xcafef00d);

	/* a second mapping from page 16 on, through resource0_wc */
	int wc = open_res("resource0_wc", O_RDWR);
	cr_assert_geq(wc, 0);
	uint32_t *part = ukmem_mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, wc, 0x10000);
	cr_assert_neq(part, MAP_FAILED, "errno %d", errno);
	cr_assert_eq(part[0], 0xcafef00d);
	part[1] = 0x55aa55aa;
	cr_assert_eq(user[0x10004 / 4], 0x55aa55aa);

	/* 6.1's refusals: beyond the BAR; read() of a file that only maps */
	errno = 0;
	cr_assert_eq(ukmem_mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, (off_t)VRAM_LEN),
		     MAP_FAILED);
	cr_assert_eq(errno, EINVAL);
	errno = 0;
	cr_assert_eq(ukmem_mmap(NULL, VRAM_LEN + 4096, PROT_READ, MAP_SHARED, fd, 0), MAP_FAILED);
	cr_assert_eq(errno, EINVAL);
	char byte;
	cr_assert_eq(ukmem_read(fd, &byte, 1), -1);
	cr_assert_eq(errno, EIO);

	cr_assert_eq(ukmem_munmap(part, 4096), 0);
	cr_assert_eq(ukmem_munmap(user, VRAM_LEN), 0);
	ukmem_close(wc);
	ukmem_close(fd);
	iounmap(kernel);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

/* As a kernel with CONFIG_IO_STRICT_DEVMEM: a BAR a driver has claimed cannot be
 * mapped from user space; once the driver is gone it can. Files without mmap say
 * ENODEV; register BARs map, as in 6.1 (a plain access would fault in ukmem). */
Test(ukfb_pci, resource_files_refused_while_a_driver_claims_the_bar)
{
	cr_assert_eq(ukmem_boot(FB_PCI_CMDLINE), 0);
	cr_assert_eq(ukmem_module_load(UKFBDRV_MODULE, NULL), 0);
	int fd = open_res("resource0", O_RDWR);
	cr_assert_geq(fd, 0);
	errno = 0;
	cr_assert_eq(ukmem_mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0), MAP_FAILED);
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_module_unload("ukfbdrv"), 0);
	uint32_t *user = ukmem_mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	cr_assert_neq(user, MAP_FAILED, "errno %d", errno);
	cr_assert_eq(user[0], 0 << 16 | 0, "the driver's pattern is still in video memory");
	cr_assert_eq(user[1], 1);
	cr_assert_eq(ukmem_munmap(user, 4096), 0);
	ukmem_close(fd);

	fd = ukmem_open(FBDEV "config", O_RDWR);
	errno = 0;
	cr_assert_eq(ukmem_mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0), MAP_FAILED);
	cr_assert_eq(errno, ENODEV, "config has no mmap");
	ukmem_close(fd);
	fd = open_res("resource2", O_RDWR);
	void *regs = ukmem_mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	cr_assert_neq(regs, MAP_FAILED, "errno %d", errno);
	cr_assert_eq(ukmem_munmap(regs, 4096), 0);
	ukmem_close(fd);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

/* /proc/bus/pci/00/02.0's mmap, as 6.1's on x86: I/O space at open (which cannot be
 * mapped), memory after PCIIOC_MMAP_IS_MEM with the BAR's address as the offset,
 * write-combining only for a prefetchable BAR. */
Test(ukfb_pci, proc_bus_pci_mmap_and_ioctls)
{
	cr_assert_eq(ukmem_boot(FB_PCI_CMDLINE), 0);
	int fd = ukmem_open("/proc/bus/pci/00/02.0", O_RDWR);
	cr_assert_geq(fd, 0);
	errno = 0;
	cr_assert_eq(ukmem_mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, (off_t)UKFB_VRAM_BASE),
		     MAP_FAILED);
	cr_assert_eq(errno, EINVAL, "I/O space until PCIIOC_MMAP_IS_MEM");
	cr_assert_eq(ukmem_ioctl(fd, PCIIOC_CONTROLLER, 0), 0, "domain 0");
	cr_assert_eq(ukmem_ioctl(fd, PCIIOC_MMAP_IS_IO, 0), -1);
	cr_assert_eq(errno, EINVAL, "x86 cannot map I/O space");
	cr_assert_eq(ukmem_ioctl(fd, PCIIOC_BASE | 0x10, 0), -1);
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_ioctl(fd, PCIIOC_MMAP_IS_MEM, 0), 0);

	uint32_t *user = ukmem_mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
				    (off_t)UKFB_VRAM_BASE + 0x2000);
	cr_assert_neq(user, MAP_FAILED, "errno %d", errno);
	void __iomem *kernel = ioremap(UKFB_VRAM_BASE, VRAM_LEN);
	user[1] = 0x0badcafe;
	cr_assert_eq(readl(kernel + 0x2004), 0x0badcafe);
	writel(0x600dd00d, kernel + 0x3000);
	cr_assert_eq(user[0x1000 / 4], 0x600dd00d);
	errno = 0;
	cr_assert_eq(ukmem_mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0), MAP_FAILED);
	cr_assert_eq(errno, ENODEV, "no BAR there");
	errno = 0;
	cr_assert_eq(ukmem_mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd,
				(off_t)UKFB_VRAM_BASE + VRAM_LEN - 4096), MAP_FAILED);
	cr_assert_eq(errno, ENODEV, "past the BAR's end");

	cr_assert_eq(ukmem_ioctl(fd, PCIIOC_WRITE_COMBINE, 1), 0);
	errno = 0;
	cr_assert_eq(ukmem_mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, (off_t)UKFB_MMIO_BASE),
		     MAP_FAILED);
	cr_assert_eq(errno, EINVAL, "BAR 2 is not prefetchable");
	uint32_t *wc = ukmem_mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd,
				  (off_t)UKFB_VRAM_BASE + 0x3000);
	cr_assert_neq(wc, MAP_FAILED, "errno %d", errno);
	cr_assert_eq(wc[0], 0x600dd00d);

	cr_assert_eq(ukmem_munmap(wc, 4096), 0);
	cr_assert_eq(ukmem_munmap(user, 8192), 0);
	ukmem_close(fd);
	iounmap(kernel);
	cr_assert_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}
