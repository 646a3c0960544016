// SPDX-License-Identifier: LGPL-2.1-or-later
/* tools/fb.c: `ukmem fb --out F.png [--cmdline S] MODULE.so...` -- boots, loads the
 * modules (a framebuffer driver sets a mode and draws), saves what ukfb shows as a PNG,
 * unloads. Also write_framebuffer_png(), which the demo uses. */
#include <cairo.h>
#include <stdio.h>
#include <string.h>
#include <ukmem.h>
#include <ukmem_devices.h>
#include "tool.h"

static uint32_t pixel_at(const struct ukfb_mode *m, uint32_t x, uint32_t y)
{
	const uint8_t *line = (const uint8_t *)m->pixels + (size_t)y * m->stride;

	if (m->format == UKFB_FORMAT_RGB565) {
		uint16_t p = (uint16_t)(line[2 * x] | line[2 * x + 1] << 8);
		uint32_t r = (p >> 11) & 0x1f, g = (p >> 5) & 0x3f, b = p & 0x1f;

		return (r * 255 / 31) << 16 | (g * 255 / 63) << 8 | b * 255 / 31;
	}
	return (uint32_t)(line[4 * x] | line[4 * x + 1] << 8 | line[4 * x + 2] << 16);
}

int write_framebuffer_png(const char *path)
{
	cairo_surface_t *surface;
	cairo_status_t status;
	struct ukfb_mode mode;
	uint32_t *pixels;
	int stride;

	if (ukmem_ukfb_mode(&mode)) {
		fprintf(stderr, "ukmem: the framebuffer shows nothing (no mode enabled)\n");
		return -1;
	}
	surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)mode.width, (int)mode.height);
	status = cairo_surface_status(surface);
	if (status == CAIRO_STATUS_SUCCESS) {
		cairo_surface_flush(surface);
		pixels = (uint32_t *)cairo_image_surface_get_data(surface);
		stride = cairo_image_surface_get_stride(surface) / 4;
		for (uint32_t y = 0; y < mode.height; y++)
			for (uint32_t x = 0; x < mode.width; x++)
				pixels[(size_t)y * (size_t)stride + x] = pixel_at(&mode, x, y);
		cairo_surface_mark_dirty(surface);
		status = cairo_surface_write_to_png(surface, path);
	}
	cairo_surface_destroy(surface);
	return picture_written(path, status);
}

static const char help[] =
	"usage: ukmem fb --out FILE.png [--cmdline S] MODULE.so [PARAM=VALUE...]...\n"
	"\n"
	"Boots a machine, loads the modules (a framebuffer driver sets a mode on ukfb and\n"
	"draws), saves what the framebuffer shows as a PNG, then unloads them.\n"
	"\n"
	"  -o, --out FILE     the PNG to write\n"
	"  -c, --cmdline S    the machine's kernel command line (\"mem=64M\")\n"
	"  -h, --help         print this help and exit\n"
	"\n"
	"Exit status: 0; 1 if a module failed to load or no mode was set; 2 for a usage\n"
	"error.\n";

int cmd_fb(int argc, char **argv)
{
	static const char *const exts[] = { ".png", NULL };

	return picture_command(argc, argv, help, exts, write_framebuffer_png);
}
