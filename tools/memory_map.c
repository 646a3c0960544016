// SPDX-License-Identifier: LGPL-2.1-or-later
/* tools/memory_map.c: draws the picture of physical memory (see memory_map.h) as PNG or
 * SVG. Layout: a grid of 2^k columns (so max-order blocks and zones start at a row's
 * start), rows top to bottom by pfn; before a row where a zone starts, a 2-pixel line;
 * below the grid, one band per device window with a cell per page; the legend to the
 * right with page counts. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include "canvas.h"
#include "memory_map.h"
#include "tool.h"

#define MARGIN		10
#define LINE_PX		2
#define LEGEND_WIDTH	330
#define TEXT_SCALE	1
#define MAX_WINDOWS	16
#define SLAB_COLOURS	10

static const uint32_t owner_colours[UKMEM_NR_PAGE_OWNERS] = {
	[UKMEM_PAGE_HOLE] = 0x303030,		[UKMEM_PAGE_RESERVED] = 0x8c8c8c,
	[UKMEM_PAGE_PCP] = 0xc7e9c0,		[UKMEM_PAGE_COMPOUND] = 0xd62728,
	[UKMEM_PAGE_VMALLOC] = 0x9467bd,	[UKMEM_PAGE_TABLE] = 0x8c564b,
	[UKMEM_PAGE_OTHER] = 0x1f77b4,
};
/* free blocks, order 0 (pale) to 10 (deep green) */
static const uint32_t free_colours[MAX_ORDER] = {
	0xf7fcb9, 0xe5f5a8, 0xd9f0a3, 0xc2e699, 0xaddd8e, 0x90d07f, 0x78c679,
	0x5bb560, 0x41ab5d, 0x238443, 0x006837,
};
/* slab caches by census index, cycling */
static const uint32_t slab_colours[SLAB_COLOURS] = {
	0xff7f0e, 0xffbb78, 0xfdd835, 0xbcbd22, 0xf4a582, 0xe6550d, 0xfdae6b, 0xd9a400,
	0xff9896, 0xc49c94,
};

uint32_t map_cell_colour(const struct ukmem_page_census_cell *cell)
{
	if (cell->owner == UKMEM_PAGE_FREE)
		return free_colours[cell->order < MAX_ORDER ? cell->order : MAX_ORDER - 1];
	if (cell->owner == UKMEM_PAGE_SLAB)
		return slab_colours[cell->cache % SLAB_COLOURS];
	return owner_colours[cell->owner];
}

struct window { const char *name; unsigned long long start, pages; };

struct layout {
	unsigned int columns, rows, cell;	/* grid in cells; pixels per cell */
	unsigned int grid_x, grid_y, grid_h;	/* grid_h includes zone lines */
	unsigned int width, height;
	struct window windows[MAX_WINDOWS];
	int nr_windows;
	unsigned long window_rows;
};

/* Device windows: top-level resources and those inside bus windows (a PCI Bus's
 * devices), but not the PCI configuration space (MMCONFIG), which is no device memory. */
static void find_windows_in(struct layout *l, struct resource *parent)
{
	for (struct resource *r = parent->child; r && l->nr_windows < MAX_WINDOWS;
	     r = r->sibling) {
		struct window *w = &l->windows[l->nr_windows];

		if (r->flags & IORESOURCE_WINDOW) {
			find_windows_in(l, r);
			continue;
		}
		if (!ukmem_mmio_window_at(r->start) || !strncmp(r->name, "PCI MMCONFIG", 12))
			continue;
		w->name = r->name;
		w->start = r->start;
		w->pages = (r->end - r->start + PAGE_SIZE) >> PAGE_SHIFT;
		l->window_rows += 2 + (w->pages + l->columns - 1) / l->columns;
		l->nr_windows++;
	}
}

static void find_windows(struct layout *l)
{
	find_windows_in(l, &iomem_resource);
}

static bool zone_starts_row(const struct ukmem_page_census *c, unsigned long row, unsigned int columns)
{
	for (unsigned int z = 0; z < c->nr_zones; z++) {
		unsigned long start = c->zones[z].start_pfn;

		if (start && start / columns == row && (row || start % columns))
			return true;
	}
	return false;
}

static unsigned int row_y(const struct ukmem_page_census *c, const struct layout *l, unsigned long row)
{
	unsigned int lines = 0;

	for (unsigned long r = 1; r <= row; r++)
		lines += zone_starts_row(c, r, l->columns);
	return l->grid_y + (unsigned int)row * l->cell + lines * LINE_PX;
}

static void plan(const struct ukmem_page_census *c, struct layout *l)
{
	unsigned long pages = c->nr_pfns;

	memset(l, 0, sizeof(*l));
	l->columns = 256;
	while ((unsigned long)l->columns * l->columns < pages)
		l->columns *= 2;
	l->cell = l->columns <= 256 ? 3 : l->columns <= 512 ? 2 : 1;
	l->rows = (unsigned int)((pages + l->columns - 1) / l->columns);
	l->grid_x = MARGIN;
	l->grid_y = MARGIN + FONT_HEIGHT * 2;
	l->grid_h = row_y(c, l, l->rows) - l->grid_y;
	find_windows(l);
	l->width = l->grid_x + l->columns * l->cell + MARGIN + LEGEND_WIDTH;
	l->height = l->grid_y + l->grid_h + MARGIN + (unsigned int)l->window_rows * l->cell +
		    (unsigned int)l->nr_windows * FONT_HEIGHT + MARGIN;
	if (l->height < l->grid_y + 400)
		l->height = l->grid_y + 400;
}

/* ---- PNG ---------------------------------------------------------------------------- */

static void png_grid(struct canvas *cv, const struct ukmem_page_census *c, const struct layout *l)
{
	for (unsigned long row = 0; row < l->rows; row++) {
		unsigned int y = row_y(c, l, row);

		if (row && zone_starts_row(c, row, l->columns))
			canvas_fill(cv, l->grid_x, y - LINE_PX, l->columns * l->cell, LINE_PX,
				    MAP_BOUNDARY_COLOUR);
		for (unsigned int col = 0; col < l->columns; col++) {
			unsigned long pfn = row * l->columns + col;

			if (pfn < c->nr_pfns)
				canvas_fill(cv, l->grid_x + col * l->cell, y, l->cell, l->cell,
					    map_cell_colour(&c->cells[pfn]));
		}
	}
}

static void png_windows(struct canvas *cv, const struct layout *l)
{
	unsigned int y = l->grid_y + l->grid_h + MARGIN;
	char label[128];

	for (int i = 0; i < l->nr_windows; i++) {
		const struct window *w = &l->windows[i];
		unsigned int rows = (unsigned int)((w->pages + l->columns - 1) / l->columns);

		snprintf(label, sizeof(label), "%s at %#llx: %llu pages", w->name, w->start, w->pages);
		canvas_text(cv, l->grid_x, y, TEXT_SCALE, label, 0x000000);
		y += FONT_HEIGHT + l->cell;
		for (unsigned long p = 0; p < w->pages; p++)
			canvas_fill(cv, l->grid_x + (unsigned int)(p % l->columns) * l->cell,
				    y + (unsigned int)(p / l->columns) * l->cell, l->cell, l->cell,
				    MAP_DEVICE_COLOUR);
		y += rows * l->cell + l->cell;
	}
}

struct legend_entry { uint32_t colour; char text[96]; };

static int legend_entries(const struct ukmem_page_census *c, const struct layout *l,
			  struct legend_entry *e, int max)
{
	static const int order[] = { UKMEM_PAGE_OTHER, UKMEM_PAGE_COMPOUND, UKMEM_PAGE_VMALLOC, UKMEM_PAGE_TABLE,
				     UKMEM_PAGE_PCP, UKMEM_PAGE_RESERVED, UKMEM_PAGE_HOLE };
	unsigned long window_pages = 0;
	int n = 0;

	for (int o = 0; o < MAX_ORDER && n < max; o++)
		if (c->free_pages_by_order[o]) {
			e[n].colour = free_colours[o];
			snprintf(e[n++].text, sizeof(e->text), "free order %d: %lu pages", o,
				 c->free_pages_by_order[o]);
		}
	for (unsigned int i = 0; i < c->nr_caches && n < max; i++) {
		e[n].colour = slab_colours[i % SLAB_COLOURS];
		snprintf(e[n++].text, sizeof(e->text), "slab %s: %lu", c->cache_names[i],
			 c->cache_pages[i]);
	}
	for (unsigned int i = 0; i < sizeof(order) / sizeof(order[0]) && n < max; i++) {
		if (!c->owner_pages[order[i]])
			continue;
		e[n].colour = owner_colours[order[i]];
		snprintf(e[n++].text, sizeof(e->text), "%s: %lu", ukmem_page_owner_name(order[i]),
			 c->owner_pages[order[i]]);
	}
	for (int i = 0; i < l->nr_windows; i++)
		window_pages += l->windows[i].pages;
	if (n < max && window_pages) {
		e[n].colour = MAP_DEVICE_COLOUR;
		snprintf(e[n++].text, sizeof(e->text), "device windows: %lu", window_pages);
	}
	if (n < max) {
		e[n].colour = MAP_BOUNDARY_COLOUR;
		snprintf(e[n++].text, sizeof(e->text), "zone boundary (line)");
	}
	return n;
}

static void png_legend(struct canvas *cv, const struct ukmem_page_census *c, const struct layout *l)
{
	struct legend_entry e[64];
	unsigned int x = l->grid_x + l->columns * l->cell + MARGIN, y = l->grid_y;
	int n = legend_entries(c, l, e, 64);

	for (int i = 0; i < n && y + FONT_HEIGHT < l->height; i++, y += FONT_HEIGHT + 4) {
		canvas_fill(cv, x, y, 8, 8, 0x000000);
		canvas_fill(cv, x + 1, y + 1, 6, 6, e[i].colour);
		canvas_text(cv, x + 12, y + 1, TEXT_SCALE, e[i].text, 0x000000);
	}
}

static void png_title(struct canvas *cv, const struct ukmem_page_census *c, const struct layout *l)
{
	char title[256];
	int len = snprintf(title, sizeof(title), "physical memory: %lu pages, %u per row. zones:",
			   c->nr_pfns, l->columns);

	for (unsigned int z = 0; z < c->nr_zones && len < (int)sizeof(title) - 40; z++)
		len += snprintf(title + len, sizeof(title) - (size_t)len, " %s@%#lx",
				c->zones[z].name, c->zones[z].start_pfn);
	canvas_text(cv, MARGIN, MARGIN, TEXT_SCALE, title, 0x000000);
}

static int write_png(const char *path, const struct ukmem_page_census *c, const struct layout *l)
{
	static const char *const keys[] = { "ukmem-grid", "Software" };
	char grid[96];
	const char *values[] = { grid, "ukmem map" };
	struct canvas cv;
	int err;

	if (canvas_init(&cv, l->width, l->height, 0xffffff))
		return -1;
	png_title(&cv, c, l);
	png_grid(&cv, c, l);
	png_windows(&cv, l);
	png_legend(&cv, c, l);
	snprintf(grid, sizeof(grid), "%u %u %u %u %u %u", l->grid_x, l->grid_y, l->columns,
		 l->rows, l->cell, l->grid_h);
	err = canvas_write_png(&cv, path, keys, values, 2);
	canvas_release(&cv);
	return err;
}

/* ---- SVG: one rectangle per run of equal colour in a row ---------------------------- */

static void svg_rect(FILE *f, unsigned int x, unsigned int y, unsigned int w, unsigned int h,
		     uint32_t colour)
{
	fprintf(f, "<rect x=\"%u\" y=\"%u\" width=\"%u\" height=\"%u\" fill=\"#%06x\"/>\n",
		x, y, w, h, colour);
}

/* A text element; the text is escaped (names come from drivers: "<", "&", quotes). */
static void svg_text(FILE *f, unsigned int x, unsigned int y, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	fprintf(f, "<text x=\"%u\" y=\"%u\">", x, y);
	for (const char *p = text; *p; p++) {
		switch (*p) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&apos;", f); break;
		default: fputc(*p, f);
		}
	}
	fputs("</text>\n", f);
}

/* Each window's label and its cells: full rows as one rectangle, then the rest. */
static void svg_windows(FILE *f, const struct layout *l)
{
	unsigned int y = l->grid_y + l->grid_h + MARGIN;

	for (int i = 0; i < l->nr_windows; i++) {
		const struct window *w = &l->windows[i];
		unsigned int full = (unsigned int)(w->pages / l->columns);
		unsigned int rest = (unsigned int)(w->pages % l->columns);

		svg_text(f, l->grid_x, y + 7, "%s at %#llx: %llu pages", w->name, w->start,
			 w->pages);
		y += FONT_HEIGHT + l->cell;
		if (full)
			svg_rect(f, l->grid_x, y, l->columns * l->cell, full * l->cell,
				 MAP_DEVICE_COLOUR);
		if (rest)
			svg_rect(f, l->grid_x, y + full * l->cell, rest * l->cell, l->cell,
				 MAP_DEVICE_COLOUR);
		y += (full + !!rest) * l->cell + l->cell;
	}
}

static int write_svg(const char *path, const struct ukmem_page_census *c, const struct layout *l)
{
	struct legend_entry e[64];
	int n = legend_entries(c, l, e, 64);
	unsigned int lx = l->grid_x + l->columns * l->cell + MARGIN;
	FILE *f = fopen(path, "w");

	if (!f) {
		perror(path);
		return -1;
	}
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%u\" height=\"%u\" "
		"font-family=\"monospace\" font-size=\"10\">\n<rect width=\"100%%\" "
		"height=\"100%%\" fill=\"#ffffff\"/>\n", l->width, l->height);
	svg_text(f, MARGIN, MARGIN + 8, "physical memory: %lu pages, %u per row", c->nr_pfns,
		 l->columns);
	for (unsigned long row = 0; row < l->rows; row++) {
		unsigned int y = row_y(c, l, row);
		unsigned long first = row * l->columns;

		if (row && zone_starts_row(c, row, l->columns))
			svg_rect(f, l->grid_x, y - LINE_PX, l->columns * l->cell, LINE_PX,
				 MAP_BOUNDARY_COLOUR);
		for (unsigned int col = 0; col < l->columns && first + col < c->nr_pfns;) {
			uint32_t colour = map_cell_colour(&c->cells[first + col]);
			unsigned int run = 1;

			while (col + run < l->columns && first + col + run < c->nr_pfns &&
			       map_cell_colour(&c->cells[first + col + run]) == colour)
				run++;
			svg_rect(f, l->grid_x + col * l->cell, y, run * l->cell, l->cell, colour);
			col += run;
		}
	}
	svg_windows(f, l);
	for (int i = 0; i < n; i++) {
		unsigned int y = l->grid_y + (unsigned int)i * 14;

		svg_rect(f, lx, y, 10, 10, e[i].colour);
		svg_text(f, lx + 14, y + 9, "%s", e[i].text);
	}
	fprintf(f, "</svg>\n");
	return fclose(f) ? -1 : 0;
}

int write_memory_map(const char *path)
{
	struct ukmem_page_census census;
	struct layout layout;
	int err;

	if (ukmem_page_census_take(&census)) {
		fprintf(stderr, "ukmem: out of memory for the page census\n");
		return -1;
	}
	plan(&census, &layout);
	if (has_extension(path, ".svg"))
		err = write_svg(path, &census, &layout);
	else
		err = write_png(path, &census, &layout);
	ukmem_page_census_release(&census);
	return err;
}
