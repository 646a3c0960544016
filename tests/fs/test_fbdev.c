// SPDX-License-Identifier: LGPL-2.1-or-later
/* The fbdev_mmap example: a process opens /dev/fb0, asks for the mode with the fbdev
 * ioctls, maps the video memory and draws colour bars; the display device's own view of
 * its memory shows them, and pixels the kernel draws through ioremap show in the
 * process's mapping. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <ukmem.h>
#include "drivers/mmio_models.h"
#include "kmsg.h"

#include "../../examples/chardev/fbdev_mmap.c"
#include "../../examples/chardev/fb_pattern.c"

static const uint32_t bars[8] = { 0xffffff, 0xffff00, 0x00ffff, 0x00ff00,
				  0xff00ff, 0xff0000, 0x0000ff, 0x000000 };

static int open_fb0(void)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(fbdev_mmap_init(), 0);
	cr_assert(kmsg_contains("fbdev_mmap: fb0: 640x480 XRGB8888, 16384 KiB of video memory"));
	cr_assert_eq(ukmem_mknod("/dev/fb0", S_IFCHR | 0660, makedev(29, 0)), 0);
	int fd = ukmem_open("/dev/fb0", O_RDWR);
	cr_assert_geq(fd, 0);
	return fd;
}

Test(fbdev, user_draws_colour_bars_the_device_shows_them)
{
	struct fb_var_screeninfo var;
	struct fb_fix_screeninfo fix;
	struct ukfb_mode mode;
	int fd = open_fb0();

	cr_assert_eq(ukmem_ioctl(fd, FBIOGET_VSCREENINFO, (unsigned long)&var), 0);
	cr_assert_eq(ukmem_ioctl(fd, FBIOGET_FSCREENINFO, (unsigned long)&fix), 0);
	cr_assert_eq(var.xres, 640);
	cr_assert_eq(var.yres, 480);
	cr_assert_eq(var.bits_per_pixel, 32);
	cr_assert_str_eq(fix.id, "ukfb");
	cr_assert_eq(fix.line_length, 2560);
	uint32_t *fb = ukmem_mmap(NULL, fix.smem_len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	cr_assert_neq(fb, MAP_FAILED);

	for (uint32_t y = 0; y < var.yres; y++)
		for (uint32_t x = 0; x < var.xres; x++)
			fb[y * (fix.line_length / 4) + x] = bars[x * 8 / var.xres];

	cr_assert_eq(ukmem_ukfb_mode(&mode), 0);
	cr_assert_eq(mode.width, 640);
	const uint32_t *shown = mode.pixels;
	for (uint32_t y = 0; y < mode.height; y += 7)
		for (uint32_t x = 0; x < mode.width; x += 5)
			cr_assert_eq(shown[y * (mode.stride / 4) + x], bars[x * 8 / mode.width]);

	/* The other way: the kernel draws through its ioremap of the same memory. */
	u32 __iomem *vram = ioremap_wc(UKFB_VRAM_BASE, UKFB_VRAM_SIZE);
	writel(0x00123456, vram + 479 * 640 + 639);
	cr_assert_eq(fb[479 * 640 + 639], 0x00123456);
	iounmap(vram);

	errno = 0;
	cr_assert_eq(ukmem_mmap(NULL, fix.smem_len + PAGE_SIZE, PROT_READ, MAP_SHARED, fd, 0),
		     MAP_FAILED, "more than the video memory");
	cr_assert_eq(errno, EINVAL);
	cr_assert_eq(ukmem_mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, fd, fix.smem_len),
		     MAP_FAILED);
	cr_assert_eq(errno, EINVAL);
	uint32_t *last = ukmem_mmap(NULL, PAGE_SIZE, PROT_READ, MAP_SHARED, fd,
				    fix.smem_len - PAGE_SIZE);
	cr_assert_neq(last, MAP_FAILED, "the last page on its own");
	cr_assert_eq(ukmem_munmap(last, PAGE_SIZE), 0);

	cr_assert_eq(ukmem_munmap(fb, fix.smem_len), 0);
	cr_assert_eq(ukmem_close(fd), 0);
	fbdev_mmap_exit();
	cr_assert_eq(ukmem_ukfb_mode(&mode), -ENODEV, "display switched off");
	ukmem_shutdown();
}

Test(fbdev, mode_too_big_is_refused)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	fb_width = 4096;
	fb_height = 4096;
	cr_assert_eq(fbdev_mmap_init(), -EINVAL);
	char *text = proc_text("/proc/devices");
	cr_assert_null(strstr(text, " 29 fb"));
	free(text);
	text = proc_text("/proc/iomem");
	cr_assert_null(strstr(text, "fbdev_mmap"), "regions released");
	free(text);
	ukmem_shutdown();
}

Test(fbdev, the_pattern_program_draws_through_its_mapping)
{
	struct ukfb_mode mode;

	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(fbdev_mmap_init(), 0);
	cr_assert_eq(fb_pattern_init(), 0);
	cr_assert_eq(ukmem_ukfb_mode(&mode), 0);
	const uint32_t *shown = mode.pixels;
	cr_assert_eq(shown[10 * 640 + 100], 0xffff00, "second bar");
	cr_assert_eq(shown[100 * 640 + 639], 0x000000, "last bar");
	cr_assert_eq(shown[479 * 640 + 0], 0x000000, "ramp starts black");
	cr_assert_eq(shown[479 * 640 + 639], 0xffffff, "and ends white");
	fb_pattern_exit();
	cr_assert_eq(ukmem_open("/dev/fb0", O_RDWR), -1, "the program removed its node");
	fbdev_mmap_exit();
	ukmem_shutdown();
}
