// SPDX-License-Identifier: LGPL-2.1-or-later
/* tools/canvas.c: an RGB picture in memory and its PNG encoding through libpng.
 * Drawing clips to the canvas, so callers may draw past its edges. */
#include <errno.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "canvas.h"
#include "font5x7.h"

int canvas_init(struct canvas *c, unsigned int width, unsigned int height, uint32_t colour)
{
	c->width = width;
	c->height = height;
	c->rgb = malloc((size_t)width * height * 3);
	if (!c->rgb)
		return -ENOMEM;
	canvas_fill(c, 0, 0, width, height, colour);
	return 0;
}

void canvas_release(struct canvas *c)
{
	free(c->rgb);
	c->rgb = NULL;
}

void canvas_fill(struct canvas *c, unsigned int x, unsigned int y, unsigned int w,
		 unsigned int h, uint32_t colour)
{
	for (unsigned int row = y; row < y + h && row < c->height; row++) {
		uint8_t *p = c->rgb + ((size_t)row * c->width + x) * 3;

		for (unsigned int col = x; col < x + w && col < c->width; col++) {
			*p++ = (uint8_t)(colour >> 16);
			*p++ = (uint8_t)(colour >> 8);
			*p++ = (uint8_t)colour;
		}
	}
}

static void draw_glyph(struct canvas *c, unsigned int x, unsigned int y, unsigned int scale,
		       const uint8_t *rows, uint32_t colour)
{
	for (unsigned int r = 0; r < 7; r++)
		for (unsigned int col = 0; col < 5; col++)
			if (rows[r] & (0x10 >> col))
				canvas_fill(c, x + col * scale, y + r * scale, scale, scale, colour);
}

void canvas_text(struct canvas *c, unsigned int x, unsigned int y, unsigned int scale,
		 const char *text, uint32_t colour)
{
	for (; *text; text++, x += FONT_WIDTH * scale) {
		const uint8_t *rows = font5x7_glyph(*text);

		if (rows)
			draw_glyph(c, x, y, scale, rows, colour);
	}
}

static void write_texts(png_structp png, png_infop info, const char *const *keys,
			const char *const *values, int nr)
{
	png_text texts[8];

	if (nr > 8)
		nr = 8;
	for (int i = 0; i < nr; i++) {
		memset(&texts[i], 0, sizeof(texts[i]));
		texts[i].compression = PNG_TEXT_COMPRESSION_NONE;
		texts[i].key = (png_charp)keys[i];
		texts[i].text = (png_charp)values[i];
	}
	if (nr)
		png_set_text(png, info, texts, nr);
}

int canvas_write_png(const struct canvas *c, const char *path, const char *const *keys,
		     const char *const *values, int nr_texts)
{
	png_structp png = NULL;
	png_infop info = NULL;
	FILE *f = fopen(path, "wb");

	if (!f) {
		fprintf(stderr, "ukmem: cannot write %s: %s\n", path, strerror(errno));
		return -1;
	}
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	info = png ? png_create_info_struct(png) : NULL;
	if (!info || setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, &info);
		fclose(f);
		fprintf(stderr, "ukmem: libpng failed to write %s\n", path);
		return -1;
	}
	png_init_io(png, f);
	png_set_IHDR(png, info, c->width, c->height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	write_texts(png, info, keys, values, nr_texts);
	png_write_info(png, info);
	for (unsigned int row = 0; row < c->height; row++)
		png_write_row(png, c->rgb + (size_t)row * c->width * 3);
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	return fclose(f) ? -1 : 0;
}
