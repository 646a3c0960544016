/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tools/canvas.h: an RGB picture in memory, rectangles and 5x7 text, saved as PNG. */
#ifndef UKMEM_TOOLS_CANVAS_H
#define UKMEM_TOOLS_CANVAS_H

#include <stdint.h>

struct canvas {
	unsigned int width, height;
	uint8_t *rgb;			/* width * height * 3 bytes, row by row */
};

#define FONT_WIDTH	6		/* advance per character, in font pixels */
#define FONT_HEIGHT	8		/* line height, in font pixels */

/* A canvas filled with colour (0xRRGGBB); 0 or -ENOMEM. */
int canvas_init(struct canvas *c, unsigned int width, unsigned int height, uint32_t colour);
void canvas_release(struct canvas *c);
void canvas_fill(struct canvas *c, unsigned int x, unsigned int y, unsigned int w,
		 unsigned int h, uint32_t colour);
/* Draws text at (x, y), each font pixel scale x scale; letters print as capitals. */
void canvas_text(struct canvas *c, unsigned int x, unsigned int y, unsigned int scale,
		 const char *text, uint32_t colour);
/* Writes the canvas as an 8-bit RGB PNG with optional tEXt chunks (keys[i] = values[i]).
 * 0, or -1 with a message on stderr. */
int canvas_write_png(const struct canvas *c, const char *path, const char *const *keys,
		     const char *const *values, int nr_texts);

#endif
