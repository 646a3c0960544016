// SPDX-License-Identifier: LGPL-2.1-or-later
/* examples/chardev/fbdev_mmap.c: a display driver that lets user space draw. It claims
 * ukmem's "ukfb" display, programs a width x height XRGB8888 mode through the register
 * window and registers char major 29 ("fb", as fbdev does; the node is /dev/fb0, made
 * with mknod). FBIOGET_VSCREENINFO / FBIOGET_FSCREENINFO describe the mode, and mmap
 * maps the video memory itself (vm_iomap_memory, write-combined), so pixels a process
 * stores through its mapping are the device's pixels. Parameters: width=, height=. */
#include <linux/errno.h>
#include <linux/fb.h>
#include <linux/fs.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <asm/io.h>

/* From the device's data sheet (docs/iomem.md). */
#define UKFB_MMIO_PHYS	0xfebf0000UL
#define UKFB_MMIO_LEN	0x1000
#define UKFB_VRAM_PHYS	0xfd000000UL
#define UKFB_VRAM_LEN	(16UL << 20)
#define UKFB_REG_ID	0x00
#define UKFB_REG_WIDTH	0x04
#define UKFB_REG_HEIGHT	0x08
#define UKFB_REG_STRIDE	0x0c
#define UKFB_REG_FORMAT	0x10
#define UKFB_REG_ENABLE	0x14
#define UKFB_REG_STATUS	0x20
#define UKFB_ID_VALUE	0x554b4642u
#define FB_MAJOR_NUMBER	29

static unsigned int fb_width = 640, fb_height = 480;
module_param_named(width, fb_width, uint, 0444);
module_param_named(height, fb_height, uint, 0444);

static void __iomem *fb_regs;

static void fb_fill_var(struct fb_var_screeninfo *var)
{
	memset(var, 0, sizeof(*var));
	var->xres = var->xres_virtual = fb_width;
	var->yres = var->yres_virtual = fb_height;
	var->bits_per_pixel = 32;
	var->red = (struct fb_bitfield){ .offset = 16, .length = 8 };
	var->green = (struct fb_bitfield){ .offset = 8, .length = 8 };
	var->blue = (struct fb_bitfield){ .offset = 0, .length = 8 };
}

static void fb_fill_fix(struct fb_fix_screeninfo *fix)
{
	memset(fix, 0, sizeof(*fix));
	strscpy(fix->id, "ukfb", sizeof(fix->id));
	fix->smem_start = UKFB_VRAM_PHYS;
	fix->smem_len = UKFB_VRAM_LEN;
	fix->type = FB_TYPE_PACKED_PIXELS;
	fix->visual = FB_VISUAL_TRUECOLOR;
	fix->line_length = fb_width * 4;
	fix->mmio_start = UKFB_MMIO_PHYS;
	fix->mmio_len = UKFB_MMIO_LEN;
}

static long fb_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct fb_var_screeninfo var;
	struct fb_fix_screeninfo fix;

	switch (cmd) {
	case FBIOGET_VSCREENINFO:
		fb_fill_var(&var);
		return copy_to_user((void __user *)arg, &var, sizeof(var)) ? -EFAULT : 0;
	case FBIOGET_FSCREENINFO:
		fb_fill_fix(&fix);
		return copy_to_user((void __user *)arg, &fix, sizeof(fix)) ? -EFAULT : 0;
	default:
		return -ENOTTY;
	}
}

static int fb_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	return vm_iomap_memory(vma, UKFB_VRAM_PHYS, UKFB_VRAM_LEN);
}

static const struct file_operations fb_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = fb_ioctl,
	.mmap = fb_mmap,
	.llseek = noop_llseek,
};

static int fb_set_mode(void)
{
	if (readl(fb_regs + UKFB_REG_ID) != UKFB_ID_VALUE)
		return -ENODEV;
	writel(fb_width, fb_regs + UKFB_REG_WIDTH);
	writel(fb_height, fb_regs + UKFB_REG_HEIGHT);
	writel(fb_width * 4, fb_regs + UKFB_REG_STRIDE);
	writel(0, fb_regs + UKFB_REG_FORMAT);
	writel(1, fb_regs + UKFB_REG_ENABLE);
	return readl(fb_regs + UKFB_REG_STATUS) & 1 ? -EINVAL : 0;
}

static int __init fbdev_mmap_init(void)
{
	int err = -EBUSY;

	if (!request_mem_region(UKFB_MMIO_PHYS, UKFB_MMIO_LEN, "fbdev_mmap"))
		return -EBUSY;
	if (!request_mem_region(UKFB_VRAM_PHYS, UKFB_VRAM_LEN, "fbdev_mmap vram"))
		goto release_mmio;
	err = -ENOMEM;
	fb_regs = ioremap(UKFB_MMIO_PHYS, UKFB_MMIO_LEN);
	if (!fb_regs)
		goto release_vram;
	err = fb_set_mode();
	if (!err)
		err = register_chrdev(FB_MAJOR_NUMBER, "fb", &fb_fops);
	if (!err) {
		pr_info("fbdev_mmap: fb0: %ux%u XRGB8888, %lu KiB of video memory\n",
			fb_width, fb_height, UKFB_VRAM_LEN >> 10);
		return 0;
	}
	writel(0, fb_regs + UKFB_REG_ENABLE);
	iounmap(fb_regs);
release_vram:
	release_mem_region(UKFB_VRAM_PHYS, UKFB_VRAM_LEN);
release_mmio:
	release_mem_region(UKFB_MMIO_PHYS, UKFB_MMIO_LEN);
	return err;
}

static void __exit fbdev_mmap_exit(void)
{
	unregister_chrdev(FB_MAJOR_NUMBER, "fb");
	writel(0, fb_regs + UKFB_REG_ENABLE);
	iounmap(fb_regs);
	release_mem_region(UKFB_VRAM_PHYS, UKFB_VRAM_LEN);
	release_mem_region(UKFB_MMIO_PHYS, UKFB_MMIO_LEN);
}

module_init(fbdev_mmap_init);
module_exit(fbdev_mmap_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("fbdev-style driver mapping ukfb's video memory to user space");
