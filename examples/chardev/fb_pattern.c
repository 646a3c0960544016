// SPDX-License-Identifier: LGPL-2.1-or-later
/* examples/chardev/fb_pattern.c: the user side of the fbdev_mmap example -- what a
 * program does with /dev/fb0, written as a module so that ukmem's command runs it after
 * the driver: it makes the node (as udev would), opens it, reads the mode with the fbdev
 * ioctls, maps the video memory and draws a test pattern through the mapping (eight
 * colour bars over the top two thirds, a grey ramp below). The mapping stays until the
 * module is unloaded, as a program keeps its mapping until it exits. Save the picture:
 *   ukmem fb --out pattern.png fbdev_mmap.so fb_pattern.so */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <linux/fb.h>
#include <linux/module.h>
#include <ukmem.h>

static const uint32_t pattern_bars[8] = { 0xffffff, 0xffff00, 0x00ffff, 0x00ff00,
					  0xff00ff, 0xff0000, 0x0000ff, 0x000000 };

static int fb_fd = -1;
static uint32_t *fb_pixels;
static size_t fb_len;

static uint32_t pattern_pixel(uint32_t x, uint32_t y, uint32_t width, uint32_t height)
{
	uint32_t grey;

	if (y < height * 2 / 3)
		return pattern_bars[x * 8 / width];
	grey = x * 255 / (width - 1);
	return grey << 16 | grey << 8 | grey;
}

static void draw_pattern(const struct fb_var_screeninfo *var, uint32_t line_length)
{
	for (uint32_t y = 0; y < var->yres; y++)
		for (uint32_t x = 0; x < var->xres; x++)
			fb_pixels[y * (line_length / 4) + x] =
				pattern_pixel(x, y, var->xres, var->yres);
}

static int fb_pattern_init(void)
{
	struct fb_var_screeninfo var;
	struct fb_fix_screeninfo fix;
	int err;

	if (ukmem_mknod("/dev/fb0", S_IFCHR | 0660, makedev(29, 0)) && errno != EEXIST)
		return -errno;
	fb_fd = ukmem_open("/dev/fb0", O_RDWR);
	if (fb_fd < 0)
		return -errno;
	if (ukmem_ioctl(fb_fd, FBIOGET_VSCREENINFO, (unsigned long)&var) ||
	    ukmem_ioctl(fb_fd, FBIOGET_FSCREENINFO, (unsigned long)&fix))
		goto fail;
	errno = EINVAL;
	if (var.bits_per_pixel != 32)
		goto fail;
	fb_len = fix.smem_len;
	fb_pixels = ukmem_mmap(NULL, fb_len, PROT_READ | PROT_WRITE, MAP_SHARED, fb_fd, 0);
	if (fb_pixels == MAP_FAILED)
		goto fail;
	draw_pattern(&var, fix.line_length);
	printf("fb_pattern: drew %ux%u through a %zu KiB mapping of /dev/fb0\n", var.xres,
	       var.yres, fb_len >> 10);
	return 0;
fail:
	err = -errno;
	ukmem_close(fb_fd);
	return err;
}

static void fb_pattern_exit(void)
{
	ukmem_munmap(fb_pixels, fb_len);
	ukmem_close(fb_fd);
	ukmem_unlink("/dev/fb0");
}

module_init(fb_pattern_init);
module_exit(fb_pattern_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("user side of fbdev_mmap: draws a test pattern through mmap");
