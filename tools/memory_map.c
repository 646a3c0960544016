// SPDX-License-Identifier: LGPL-2.1-or-later
/* tools/memory_map.c: draws the picture of physical memory (see memory_map.h) with cairo,
 * the same drawing on an image surface (PNG) or an SVG surface.
 * Layout, top to bottom: a title with the zones; the panels side by side -- owners (one
 * cell per page, 2^k pages per row so that zones and max-order blocks start at a row's
 * start, a 2-pixel line before a row where a zone starts), pageblocks by migrate type
 * (the same grid) -- and the legends to their right; the device windows below the owner
 * panel; then the rows of 256 pages that hold pages in use, enlarged, each run of rows
 * labelled with its first pfn. Cells are drawn without antialiasing at whole pixels,
 * so every cell of a colour is exactly that colour in the PNG. Text is the toy API's
 * "DejaVu Sans" (cairo falls back to its default face when fontconfig has none). */
#include <cairo.h>
#include <cairo-svg.h>
#include <errno.h>
#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include "memory_map.h"
#include "tool.h"

#define MARGIN		12
#define GAP		24		/* between panels */
#define LINE		16		/* a line of legend text */
#define TEXT_SIZE	12.0
#define TITLE_SIZE	16.0
#define LEGEND_WIDTH	400
#define LEGEND_MAX	40		/* owner lines before "... more" */
#define LABEL_WIDTH	84		/* pfn labels left of the enlarged panel */
#define USED_CELL	4
#define RUN_GAP		10		/* between runs of rows in the enlarged panel */
#define ZONE_LINE	2
#define MAX_WINDOWS	16
#define SLAB_COLOURS	10
#define FONT		"DejaVu Sans"

static const uint32_t owner_colours[UKMEM_NR_PAGE_OWNERS] = {
	[UKMEM_PAGE_HOLE] = 0x303030,		[UKMEM_PAGE_RESERVED] = 0x8c8c8c,
	[UKMEM_PAGE_PCP] = 0x9ecae1,		[UKMEM_PAGE_COMPOUND] = 0xd62728,
	[UKMEM_PAGE_VMALLOC] = 0x9467bd,	[UKMEM_PAGE_TABLE] = 0x8c564b,
	[UKMEM_PAGE_OTHER] = 0x1f77b4,		[UKMEM_PAGE_OFFLINE] = 0x17becf,
};
/* free blocks, order 0 (near white) to 10 (a mid green): free memory stays quiet */
static const uint32_t free_colours[MAX_ORDER] = {
	0xf7fcf5, 0xeef8ea, 0xe5f5e0, 0xd6efd0, 0xc7e9c0, 0xb4e1ad, 0xa1d99b, 0x8ace88,
	0x74c476, 0x5ab769, 0x41ab5d,
};
/* slab caches by census index, cycling */
static const uint32_t slab_colours[SLAB_COLOURS] = {
	0xff7f0e, 0xffbb78, 0xfdd835, 0xbcbd22, 0xf4a582, 0xe6550d, 0xfdae6b, 0xd9a400,
	0xff9896, 0xc49c94,
};
static const uint32_t migratetype_colours[UKMEM_NR_MIGRATETYPES] = {
	[UKMEM_MIGRATE_UNMOVABLE] = 0xd95f02,	[UKMEM_MIGRATE_MOVABLE] = 0x1b9e77,
	[UKMEM_MIGRATE_RECLAIMABLE] = 0x7570b3,	[UKMEM_MIGRATE_HIGHATOMIC] = 0xe7298a,
	[UKMEM_MIGRATE_ISOLATE] = 0x666666,
};
#define NO_ZONE_COLOUR	0x303030

static const char *const owner_labels[UKMEM_NR_PAGE_OWNERS] = {
	[UKMEM_PAGE_HOLE] = "Hole (no RAM)",	[UKMEM_PAGE_RESERVED] = "Reserved",
	[UKMEM_PAGE_PCP] = "Free, on per-CPU lists",
	[UKMEM_PAGE_COMPOUND] = "Compound (kmalloc-large, __GFP_COMP)",
	[UKMEM_PAGE_VMALLOC] = "vmalloc",	[UKMEM_PAGE_TABLE] = "Page tables",
	[UKMEM_PAGE_OTHER] = "alloc_pages",
	[UKMEM_PAGE_OFFLINE] = "Offline (balloon)",
};

uint32_t map_cell_colour(const struct ukmem_page_census_cell *cell)
{
	if (cell->owner == UKMEM_PAGE_FREE)
		return free_colours[cell->order < MAX_ORDER ? cell->order : MAX_ORDER - 1];
	if (cell->owner == UKMEM_PAGE_SLAB)
		return slab_colours[cell->cache % SLAB_COLOURS];
	return owner_colours[cell->owner];
}

uint32_t map_migratetype_colour(unsigned int type)
{
	return type < UKMEM_NR_MIGRATETYPES ? migratetype_colours[type] : NO_ZONE_COLOUR;
}

/* ---- the model: legends ------------------------------------------------------------- */

static void entry(struct map_legend_entry *e, uint32_t colour, unsigned long count,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void entry(struct map_legend_entry *e, uint32_t colour, unsigned long count,
		  const char *fmt, ...)
{
	va_list ap;

	e->colour = colour;
	e->count = count;
	va_start(ap, fmt);
	vsnprintf(e->label, sizeof(e->label), fmt, ap);
	va_end(ap);
}

static int by_count(const void *a, const void *b)
{
	const struct map_legend_entry *x = a, *y = b;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->label, y->label);
}

/* Sorts all n entries, returns the first max of them. */
static int sorted(struct map_legend_entry *all, int n, struct map_legend_entry *e, int max)
{
	qsort(all, (size_t)n, sizeof(*all), by_count);
	if (n > max)
		n = max;
	memcpy(e, all, (size_t)n * sizeof(*e));
	free(all);
	return n;
}

int map_owner_legend(const struct ukmem_page_census *c, struct map_legend_entry *e, int max)
{
	struct map_legend_entry *all = calloc(MAX_ORDER + c->nr_caches + UKMEM_NR_PAGE_OWNERS,
					      sizeof(*all));
	int n = 0;

	if (!all)
		return 0;
	for (int o = 0; o < MAX_ORDER; o++)
		if (c->free_pages_by_order[o])
			entry(&all[n++], free_colours[o], c->free_pages_by_order[o],
			      "Free, order %d", o);
	for (unsigned int i = 0; i < c->nr_caches; i++)
		if (c->cache_pages[i])
			entry(&all[n++], slab_colours[i % SLAB_COLOURS], c->cache_pages[i],
			      "Slab %s", c->cache_names[i]);
	for (int owner = 0; owner < UKMEM_NR_PAGE_OWNERS; owner++)
		if (owner != UKMEM_PAGE_FREE && owner != UKMEM_PAGE_SLAB && c->owner_pages[owner])
			entry(&all[n++], owner_colours[owner], c->owner_pages[owner], "%s",
			      owner_labels[owner]);
	return sorted(all, n, e, max);
}

int map_migratetype_legend(const struct ukmem_page_census *c, struct map_legend_entry *e,
			   int max)
{
	struct map_legend_entry *all = calloc(UKMEM_NR_MIGRATETYPES + 1, sizeof(*all));
	unsigned long typed = 0;
	int n = 0;

	if (!all)
		return 0;
	for (unsigned int t = 0; t < UKMEM_NR_MIGRATETYPES; t++) {
		typed += c->pageblocks_by_type[t];
		if (c->pageblocks_by_type[t])
			entry(&all[n++], migratetype_colours[t], c->pageblocks_by_type[t], "%s",
			      ukmem_migratetype_name(t));
	}
	if (c->nr_pageblocks > typed)
		entry(&all[n++], NO_ZONE_COLOUR, c->nr_pageblocks - typed, "No zone");
	return sorted(all, n, e, max);
}

/* ---- the model: layout ---------------------------------------------------------------- */

struct window { const char *name; unsigned long long start, pages; };

struct layout {
	unsigned int layers;
	struct map_geometry g;
	unsigned int title_y, panel_y, legend_x;
	struct window windows[MAX_WINDOWS];
	int nr_windows;
	unsigned long window_pages;
	unsigned long *used;		/* the rows the enlarged panel shows */
	struct map_legend_entry owners[LEGEND_MAX], types[UKMEM_NR_MIGRATETYPES + 1];
	int nr_owners, nr_types, more_owners;
	unsigned long more_pages;
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
		l->window_pages += w->pages;
		l->nr_windows++;
	}
}

static bool zone_starts_row(const struct ukmem_page_census *c, unsigned long row,
			    unsigned int columns)
{
	for (unsigned int z = 0; z < c->nr_zones; z++) {
		unsigned long start = c->zones[z].start_pfn;

		if (start && start / columns == row && (row || start % columns))
			return true;
	}
	return false;
}

/* The grid's height: its rows, and a zone line before each row where a zone starts. */
static unsigned int grid_height(const struct ukmem_page_census *c, const struct map_grid *g)
{
	unsigned int h = g->rows * g->cell;

	for (unsigned long row = 1; row < g->rows; row++)
		h += zone_starts_row(c, row, g->columns) ? ZONE_LINE : 0;
	return h;
}

static bool row_in_use(const struct ukmem_page_census *c, unsigned long row)
{
	for (unsigned long pfn = row * MAP_USED_COLUMNS;
	     pfn < (row + 1) * MAP_USED_COLUMNS && pfn < c->nr_pfns; pfn++) {
		unsigned int owner = c->cells[pfn].owner;

		if (owner != UKMEM_PAGE_FREE && owner != UKMEM_PAGE_PCP && owner != UKMEM_PAGE_HOLE)
			return true;
	}
	return false;
}

/* The enlarged panel's rows and its height (runs of consecutive rows, gaps between). */
static unsigned int plan_used(const struct ukmem_page_census *c, struct layout *l)
{
	unsigned long rows = (c->nr_pfns + MAP_USED_COLUMNS - 1) / MAP_USED_COLUMNS;
	struct map_geometry *g = &l->g;
	unsigned int h = 0;

	for (unsigned long row = 0; row < rows; row++) {
		if (!row_in_use(c, row))
			continue;
		if (g->used_rows_shown < MAP_USED_MAX_ROWS) {
			if (g->used_rows_shown && l->used[g->used_rows_shown - 1] + 1 != row)
				h += RUN_GAP;
			l->used[g->used_rows_shown++] = row;
			h += USED_CELL;
		}
		g->used_rows++;
	}
	return h;
}

static int plan(const struct ukmem_page_census *c, struct layout *l, unsigned int layers)
{
	struct map_geometry *g = &l->g;
	struct map_grid grid = { .columns = 256 };
	unsigned int x = MARGIN, bottom, legend_bottom;
	struct map_legend_entry *all;

	memset(l, 0, sizeof(*l));
	l->layers = layers;
	l->used = calloc(MAP_USED_MAX_ROWS, sizeof(*l->used));
	all = calloc(MAX_ORDER + c->nr_caches + UKMEM_NR_PAGE_OWNERS, sizeof(*all));
	if (!l->used || !all) {
		free(all);
		return -ENOMEM;
	}
	l->nr_owners = map_owner_legend(c, all, MAX_ORDER + (int)c->nr_caches + UKMEM_NR_PAGE_OWNERS);
	for (int i = LEGEND_MAX; i < l->nr_owners; i++) {
		l->more_owners++;
		l->more_pages += all[i].count;
	}
	if (l->nr_owners > LEGEND_MAX)
		l->nr_owners = LEGEND_MAX;
	memcpy(l->owners, all, (size_t)l->nr_owners * sizeof(*all));
	free(all);
	l->nr_types = map_migratetype_legend(c, l->types, UKMEM_NR_MIGRATETYPES + 1);

	while ((unsigned long)grid.columns * grid.columns < c->nr_pfns)
		grid.columns *= 2;
	grid.rows = (unsigned int)((c->nr_pfns + grid.columns - 1) / grid.columns);
	grid.cell = grid.columns > 256 ? 1 : grid.rows <= 128 ? 3 : 2;
	l->title_y = MARGIN;
	l->panel_y = MARGIN + 2 * LINE + 12;
	grid.y = l->panel_y + LINE + 4;
	grid.height = grid_height(c, &grid);
	bottom = grid.y + grid.height;
	if (layers & MAP_LAYER_OWNER) {
		g->owner = grid;
		g->owner.x = x;
		x += grid.columns * grid.cell + GAP;
		find_windows_in(l, &iomem_resource);
		g->windows_y = bottom + MARGIN;
		for (int i = 0; i < l->nr_windows; i++)
			g->windows_height += LINE + (unsigned int)((l->windows[i].pages +
				grid.columns - 1) / grid.columns) * grid.cell + grid.cell;
		bottom = g->windows_y + g->windows_height;
		g->used.x = MARGIN + LABEL_WIDTH;
		g->used.y = bottom + MARGIN + LINE + 4;
		g->used.columns = MAP_USED_COLUMNS;
		g->used.cell = USED_CELL;
		g->used.height = plan_used(c, l);
		g->used.rows = (unsigned int)g->used_rows_shown;
		bottom = g->used.y + g->used.height;
	}
	if (layers & MAP_LAYER_MIGRATETYPE) {
		g->migratetype = grid;
		g->migratetype.x = x;
		x += grid.columns * grid.cell + GAP;
	}
	l->legend_x = x;
	legend_bottom = grid.y + (unsigned int)(l->nr_owners + 2 + !!l->more_owners) * LINE +
			LINE + (unsigned int)(l->nr_types + 1) * LINE;
	g->width = l->legend_x + LEGEND_WIDTH;
	if (g->used.cell && g->width < g->used.x + MAP_USED_COLUMNS * USED_CELL + MARGIN)
		g->width = g->used.x + MAP_USED_COLUMNS * USED_CELL + MARGIN;
	g->height = (bottom > legend_bottom ? bottom : legend_bottom) + MARGIN;
	return 0;
}

/* ---- drawing ---------------------------------------------------------------------------- */

static void fill(cairo_t *cr, unsigned int x, unsigned int y, unsigned int w, unsigned int h,
		 uint32_t colour)
{
	cairo_set_source_rgb(cr, (colour >> 16 & 0xff) / 255.0, (colour >> 8 & 0xff) / 255.0,
			     (colour & 0xff) / 255.0);
	cairo_rectangle(cr, x, y, w, h);
	cairo_fill(cr);
}

/* Text with its baseline at y. Names come from drivers: only printable ASCII is drawn
 * (cairo takes UTF-8 and stops drawing at an invalid string), the rest as '?'. */
static void text(cairo_t *cr, unsigned int x, unsigned int y, double size, bool bold,
		 const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static void text(cairo_t *cr, unsigned int x, unsigned int y, double size, bool bold,
		 const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	for (char *p = buf; *p; p++)
		if (*p < 0x20 || *p > 0x7e)
			*p = '?';
	cairo_select_font_face(cr, FONT, CAIRO_FONT_SLANT_NORMAL,
			       bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
	cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
	cairo_move_to(cr, x, y);
	cairo_show_text(cr, buf);
}

typedef uint32_t (*colour_fn)(const struct ukmem_page_census *c, unsigned long pfn);

static uint32_t owner_colour(const struct ukmem_page_census *c, unsigned long pfn)
{
	return map_cell_colour(&c->cells[pfn]);
}

static uint32_t pageblock_colour(const struct ukmem_page_census *c, unsigned long pfn)
{
	return map_migratetype_colour(c->pageblock_types[pfn >> c->pageblock_shift]);
}

/* Cells [first, first + n) of one row at (x, y): one rectangle per run of a colour. */
static void draw_row(cairo_t *cr, const struct ukmem_page_census *c, colour_fn colour,
		     unsigned long first, unsigned int n, unsigned int x, unsigned int y,
		     unsigned int cell)
{
	for (unsigned int col = 0; col < n && first + col < c->nr_pfns;) {
		uint32_t run_colour = colour(c, first + col);
		unsigned int run = 1;

		while (col + run < n && first + col + run < c->nr_pfns &&
		       colour(c, first + col + run) == run_colour)
			run++;
		fill(cr, x + col * cell, y, run * cell, cell, run_colour);
		col += run;
	}
}

static void draw_grid(cairo_t *cr, const struct ukmem_page_census *c, const struct map_grid *g,
		      colour_fn colour)
{
	unsigned int y = g->y;

	for (unsigned long row = 0; row < g->rows; row++) {
		if (row && zone_starts_row(c, row, g->columns)) {
			fill(cr, g->x, y, g->columns * g->cell, ZONE_LINE, MAP_BOUNDARY_COLOUR);
			y += ZONE_LINE;
		}
		draw_row(cr, c, colour, row * g->columns, g->columns, g->x, y, g->cell);
		y += g->cell;
	}
}

static void draw_windows(cairo_t *cr, const struct layout *l)
{
	const struct map_grid *g = &l->g.owner;
	unsigned int y = l->g.windows_y;

	for (int i = 0; i < l->nr_windows; i++) {
		const struct window *w = &l->windows[i];
		unsigned int full = (unsigned int)(w->pages / g->columns);
		unsigned int rest = (unsigned int)(w->pages % g->columns);

		text(cr, g->x, y + LINE - 4, TEXT_SIZE, false, "Device window %s at %#llx: %llu page%s",
		     w->name, w->start, w->pages, w->pages == 1 ? "" : "s");
		y += LINE;
		if (full)
			fill(cr, g->x, y, g->columns * g->cell, full * g->cell, MAP_DEVICE_COLOUR);
		if (rest)
			fill(cr, g->x, y + full * g->cell, rest * g->cell, g->cell, MAP_DEVICE_COLOUR);
		y += (full + !!rest) * g->cell + g->cell;
	}
}

static void draw_used(cairo_t *cr, const struct ukmem_page_census *c, const struct layout *l)
{
	const struct map_grid *g = &l->g.used;
	unsigned int y = g->y;

	text(cr, MARGIN, g->y - 8, TEXT_SIZE, true,
	     "Pages in use, enlarged: the rows of %u pages not wholly free (%lu of %lu rows%s)",
	     MAP_USED_COLUMNS, l->g.used_rows_shown, l->g.used_rows,
	     l->g.used_rows_shown < l->g.used_rows ? ", the first shown" : "");
	for (unsigned long i = 0; i < l->g.used_rows_shown; i++) {
		unsigned long row = l->used[i];

		if (!i || l->used[i - 1] + 1 != row) {
			if (i)
				y += RUN_GAP;
			text(cr, MARGIN, y + 10, TEXT_SIZE - 2, false, "pfn %#lx",
			     row * MAP_USED_COLUMNS);
		}
		draw_row(cr, c, owner_colour, row * MAP_USED_COLUMNS, MAP_USED_COLUMNS, g->x, y,
			 g->cell);
		y += g->cell;
	}
}

static void legend_line(cairo_t *cr, unsigned int x, unsigned int y, uint32_t colour,
			const char *label, unsigned long count, const char *unit)
{
	fill(cr, x, y + 2, 12, 12, 0x000000);
	fill(cr, x + 1, y + 3, 10, 10, colour);
	text(cr, x + 18, y + 12, TEXT_SIZE, false, "%s: %lu %s%s", label, count, unit,
	     count == 1 ? "" : "s");
}

static void draw_legends(cairo_t *cr, const struct layout *l)
{
	unsigned int x = l->legend_x, y = l->panel_y;

	if (l->layers & MAP_LAYER_OWNER) {
		text(cr, x, y + 12, TEXT_SIZE, true, "Owners, largest first");
		y += LINE + 4;
		for (int i = 0; i < l->nr_owners; i++, y += LINE)
			legend_line(cr, x, y, l->owners[i].colour, l->owners[i].label,
				    l->owners[i].count, "page");
		if (l->more_owners) {
			text(cr, x + 18, y + 12, TEXT_SIZE, false, "... %d more: %lu pages",
			     l->more_owners, l->more_pages);
			y += LINE;
		}
		if (l->window_pages) {
			legend_line(cr, x, y, MAP_DEVICE_COLOUR, "Device windows (below)",
				    l->window_pages, "page");
			y += LINE;
		}
	}
	fill(cr, x, y + 7, 12, ZONE_LINE, MAP_BOUNDARY_COLOUR);
	text(cr, x + 18, y + 12, TEXT_SIZE, false, "Zone boundary");
	y += 2 * LINE;
	if (l->layers & MAP_LAYER_MIGRATETYPE) {
		text(cr, x, y + 12, TEXT_SIZE, true, "Pageblocks by migrate type");
		y += LINE + 4;
		for (int i = 0; i < l->nr_types; i++, y += LINE)
			legend_line(cr, x, y, l->types[i].colour, l->types[i].label,
				    l->types[i].count, "pageblock");
	}
}

static void draw_title(cairo_t *cr, const struct ukmem_page_census *c, const struct layout *l)
{
	const struct map_grid *g = l->g.owner.cell ? &l->g.owner : &l->g.migratetype;
	char zones[512];
	int len = 0;

	text(cr, MARGIN, l->title_y + 14, TITLE_SIZE, true,
	     "Physical memory: %lu pages (%lu MiB), %u pages per row", c->nr_pfns,
	     c->nr_pfns >> (20 - PAGE_SHIFT), g->columns);
	zones[0] = 0;
	for (unsigned int z = 0; z < c->nr_zones && len < (int)sizeof(zones) - 64; z++)
		len += snprintf(zones + len, sizeof(zones) - (size_t)len, "%sNode %d %s: pfn %#lx-%#lx",
				z ? ", " : "", c->zones[z].node, c->zones[z].name,
				c->zones[z].start_pfn, c->zones[z].end_pfn - 1);
	text(cr, MARGIN, l->title_y + 14 + LINE + 4, TEXT_SIZE, false, "Zones: %s", zones);
	if (l->g.owner.cell)
		text(cr, l->g.owner.x, l->panel_y + 12, TEXT_SIZE, true, "Owners: a cell per page");
	if (l->g.migratetype.cell)
		text(cr, l->g.migratetype.x, l->panel_y + 12, TEXT_SIZE, true,
		     "Pageblocks (%lu pages) by migrate type", 1UL << c->pageblock_shift);
}

static void draw(cairo_t *cr, const struct ukmem_page_census *c, const struct layout *l)
{
	fill(cr, 0, 0, l->g.width, l->g.height, MAP_BACKGROUND_COLOUR);
	cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
	if (l->g.owner.cell) {
		draw_grid(cr, c, &l->g.owner, owner_colour);
		draw_windows(cr, l);
		draw_used(cr, c, l);
	}
	if (l->g.migratetype.cell)
		draw_grid(cr, c, &l->g.migratetype, pageblock_colour);
	cairo_set_antialias(cr, CAIRO_ANTIALIAS_DEFAULT);
	draw_title(cr, c, l);
	draw_legends(cr, l);
}

int picture_written(const char *path, int cairo_status)
{
	if (cairo_status == CAIRO_STATUS_SUCCESS)
		return 0;
	fprintf(stderr, "ukmem: cannot write %s: %s\n", path,
		cairo_status == CAIRO_STATUS_WRITE_ERROR && errno ? strerror(errno) :
		cairo_status_to_string((cairo_status_t)cairo_status));
	return -1;
}

/* Cairo's font caches and fontconfig's configuration go at exit, so that leak checkers
 * see nothing of them. */
static void release_font_caches(void)
{
	cairo_debug_reset_static_data();
	FcFini();
}

static int render(const char *path, const struct ukmem_page_census *c, const struct layout *l)
{
	static bool release_registered;

	bool svg = has_extension(path, ".svg");
	cairo_surface_t *surface = svg ?
		cairo_svg_surface_create(path, l->g.width, l->g.height) :
		cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)l->g.width, (int)l->g.height);
	cairo_status_t status = cairo_surface_status(surface);
	cairo_t *cr;

	if (!release_registered)
		release_registered = !atexit(release_font_caches);
	if (status == CAIRO_STATUS_SUCCESS) {
		cr = cairo_create(surface);
		draw(cr, c, l);
		status = cairo_status(cr);
		cairo_destroy(cr);
	}
	if (status == CAIRO_STATUS_SUCCESS && !svg)
		status = cairo_surface_write_to_png(surface, path);
	cairo_surface_finish(surface);
	if (status == CAIRO_STATUS_SUCCESS)
		status = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	return picture_written(path, status);
}

int draw_memory_map(const char *path, unsigned int layers, struct map_geometry *g)
{
	struct ukmem_page_census census;
	struct layout layout;
	int err;

	if (ukmem_page_census_take(&census)) {
		fprintf(stderr, "ukmem: out of memory for the page census\n");
		return -1;
	}
	err = plan(&census, &layout, layers ? layers : MAP_LAYER_BOTH);
	if (err)
		fprintf(stderr, "ukmem: out of memory for the picture's layout\n");
	else
		err = render(path, &census, &layout);
	if (!err && g)
		*g = layout.g;
	free(layout.used);
	ukmem_page_census_release(&census);
	return err ? -1 : 0;
}

int write_memory_map(const char *path)
{
	return draw_memory_map(path, MAP_LAYER_BOTH, NULL);
}

/* ---- before and after compaction ---------------------------------------------------- */

int map_compaction_paths(const char *path, char **before, char **after)
{
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
	int stem;

	if (!dot || (slash && dot < slash))
		dot = path + strlen(path);
	stem = (int)(dot - path);
	*after = NULL;
	if (asprintf(before, "%.*s-before%s", stem, path, dot) < 0)
		return -ENOMEM;
	if (asprintf(after, "%.*s-after%s", stem, path, dot) < 0) {
		free(*before);
		return -ENOMEM;
	}
	return 0;
}

int compact_all_memory(void)
{
	int fd = ukmem_open("/proc/sys/vm/compact_memory", O_WRONLY), err = 0;

	if (fd < 0)
		return -errno;
	if (ukmem_write(fd, "1\n", 2) < 0)
		err = -errno;
	ukmem_close(fd);
	return err;
}

int write_memory_maps_around_compaction(const char *path, unsigned int layers)
{
	char *before, *after;
	int err;

	if (map_compaction_paths(path, &before, &after))
		return -1;
	err = draw_memory_map(before, layers, NULL);
	if (!err) {
		printf("ukmem: wrote %s\n", before);
		err = compact_all_memory();
		if (err)
			fprintf(stderr, "ukmem: /proc/sys/vm/compact_memory: %s\n", strerror(-err));
	}
	if (!err)
		err = draw_memory_map(after, layers, NULL);
	if (!err)
		printf("ukmem: wrote %s\n", after);
	free(before);
	free(after);
	return err ? -1 : 0;
}
