// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/framebuffer.c: ukfb, a simple linear framebuffer. Two windows: 16 MiB of
 * video memory (ukfb-vram, a memory window, so drivers draw with plain pointers or
 * memset_io) and a page of 32-bit registers (ukfb-mmio) holding the mode -- width,
 * height, stride, pixel format (XRGB8888 or RGB565) -- an enable bit and a frame counter.
 * Enabling checks the mode: a line must hold width pixels and the frame must fit in
 * video memory, else enable stays 0 and STATUS says why. The frame counter counts 60 Hz
 * refreshes since the mode was enabled. The registers (struct ukfb_regs) are shared with
 * ukfb's PCI function (pci_ukfb.c), which has the same windows as BARs. One ukfb is
 * shown per machine (the last attached). */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>
#include <ukmem.h>
#include "drivers/mmio_models.h"

#define UKFB_MMIO_SIZE	0x1000
#define UKFB_HZ		60

struct ukfb {
	struct ukmem_mmio_device regs, vram;
	struct ukfb_regs state;
	int windows;		/* attached windows */
};

static struct ukfb_regs *the_ukfb;

static unsigned int bytes_per_pixel(uint32_t format)
{
	return format == UKFB_FORMAT_RGB565 ? 2 : 4;
}

static bool mode_valid(const struct ukfb_regs *fb)
{
	return fb->width && fb->height && fb->format <= UKFB_FORMAT_RGB565 &&
	       (uint64_t)fb->width * bytes_per_pixel(fb->format) <= fb->stride &&
	       (uint64_t)fb->stride * fb->height <= UKFB_VRAM_SIZE;
}

static uint32_t frames_shown(const struct ukfb_regs *fb)
{
	struct timespec now;
	int64_t ns;

	if (!fb->enabled)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ns = (now.tv_sec - fb->enabled_at.tv_sec) * 1000000000LL +
	     (now.tv_nsec - fb->enabled_at.tv_nsec);
	return (uint32_t)(ns / (1000000000LL / UKFB_HZ));
}

uint32_t ukfb_regs_read(struct ukfb_regs *fb, uint64_t offset)
{
	switch (offset) {
	case UKFB_REG_ID: return UKFB_ID;
	case UKFB_REG_WIDTH: return fb->width;
	case UKFB_REG_HEIGHT: return fb->height;
	case UKFB_REG_STRIDE: return fb->stride;
	case UKFB_REG_FORMAT: return fb->format;
	case UKFB_REG_ENABLE: return fb->enabled;
	case UKFB_REG_FRAME: return frames_shown(fb);
	case UKFB_REG_VRAM_SIZE: return (uint32_t)UKFB_VRAM_SIZE;
	case UKFB_REG_STATUS: return fb->status;
	default: return 0;
	}
}

static void set_enable(struct ukfb_regs *fb, uint32_t value)
{
	fb->enabled = 0;
	fb->status = 0;
	if (!(value & 1))
		return;
	if (!mode_valid(fb)) {
		fb->status = UKFB_STATUS_BAD_MODE;
		return;
	}
	fb->enabled = 1;
	clock_gettime(CLOCK_MONOTONIC, &fb->enabled_at);
}

void ukfb_regs_write(struct ukfb_regs *fb, uint64_t offset, uint32_t value)
{
	switch (offset) {
	case UKFB_REG_WIDTH: fb->width = value; break;
	case UKFB_REG_HEIGHT: fb->height = value; break;
	case UKFB_REG_STRIDE: fb->stride = value; break;
	case UKFB_REG_FORMAT: fb->format = value; break;
	case UKFB_REG_ENABLE: set_enable(fb, value); break;
	default: break;
	}
}

void ukfb_show(struct ukfb_regs *fb)
{
	__atomic_store_n(&the_ukfb, fb, __ATOMIC_RELEASE);
}

void ukfb_unshow(struct ukfb_regs *fb)
{
	struct ukfb_regs *expected = fb;

	__atomic_compare_exchange_n(&the_ukfb, &expected, NULL, false, __ATOMIC_ACQ_REL,
				    __ATOMIC_ACQUIRE);
}

static uint64_t ukfb_read(struct ukmem_mmio_device *dev, uint64_t offset, int size)
{
	struct ukfb *fb = dev->priv;

	return size == 4 && !(offset & 3) ? ukfb_regs_read(&fb->state, offset) : ~0ULL;
}

static void ukfb_write(struct ukmem_mmio_device *dev, uint64_t offset, int size, uint64_t value)
{
	struct ukfb *fb = dev->priv;

	if (size == 4 && !(offset & 3))
		ukfb_regs_write(&fb->state, offset, (uint32_t)value);
}

/* Each window holds a reference; the second detach frees the model. */
static void ukfb_release(struct ukmem_mmio_device *dev)
{
	struct ukfb *fb = dev->priv;

	ukfb_unshow(&fb->state);
	if (__atomic_sub_fetch(&fb->windows, 1, __ATOMIC_ACQ_REL) == 0)
		free(fb);
}

int ukfb_attach(uint64_t mmio_base, uint64_t vram_base)
{
	struct ukfb *fb = calloc(1, sizeof(*fb));
	int err;

	if (!fb)
		return -ENOMEM;
	fb->vram = (struct ukmem_mmio_device){ .name = "ukfb-vram", .base = vram_base,
					       .size = UKFB_VRAM_SIZE, .priv = fb };
	fb->regs = (struct ukmem_mmio_device){ .name = "ukfb-mmio", .base = mmio_base,
					       .size = UKFB_MMIO_SIZE, .read = ukfb_read,
					       .write = ukfb_write, .priv = fb };
	fb->state.vram = &fb->vram;
	err = ukmem_mmio_attach(&fb->vram);
	if (err) {
		free(fb);
		return err;
	}
	err = ukmem_mmio_attach(&fb->regs);
	if (err) {
		ukmem_mmio_detach(&fb->vram);
		free(fb);
		return err;
	}
	fb->windows = 2;
	fb->vram.release = ukfb_release;
	fb->regs.release = ukfb_release;
	ukfb_show(&fb->state);
	return 0;
}

/**
 * ukmem_ukfb_mode() - the mode the framebuffer model shows, for pictures of the screen
 * @mode: receives width, height, stride, format and the device's view of VRAM
 *
 * Context: any; takes no lock (the model's registers are read as they are).
 * Return: 0, or -ENODEV when no ukfb is attached or it is not enabled.
 */
int ukmem_ukfb_mode(struct ukfb_mode *mode)
{
	struct ukfb_regs *fb = __atomic_load_n(&the_ukfb, __ATOMIC_ACQUIRE);

	if (!mode)
		return -EFAULT;
	if (!fb || !fb->enabled)
		return -ENODEV;
	*mode = (struct ukfb_mode){ .width = fb->width, .height = fb->height,
				    .stride = fb->stride, .format = fb->format,
				    .pixels = ukmem_mmio_memory(fb->vram) };
	return 0;
}
