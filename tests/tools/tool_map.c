// SPDX-License-Identifier: LGPL-2.1-or-later
/* tests/tools/tool_map.c: the picture of memory is a PNG (or an SVG that parses as XML)
 * of the planned size, and its cells by colour match what the machine's own views give:
 * free pages by order (buddyinfo), slab pages (slabinfo), page tables and vmalloc
 * (meminfo), device windows (iomem), the pages this test holds, in the full panel and
 * the enlarged one; pageblocks by migrate type (pagetypeinfo). The legends are sorted;
 * `ukmem map --compact` writes a picture before and one after compaction. */
#include <criterion/criterion.h>
#include <cairo.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/balloon_compaction.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include "kmsg.h"
#include "memory_map.h"
#include "tool.h"
#include "tool_exec.h"

struct picture {
	cairo_surface_t *surface;
	unsigned int width, height;
	struct map_geometry g;
};

/* The width and height in a PNG's IHDR, after checking its signature; false if it is
 * no PNG. */
static bool png_size(const char *path, unsigned int *width, unsigned int *height)
{
	static const unsigned char signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	unsigned char head[24];
	FILE *f = fopen(path, "rb");
	bool ok = f && fread(head, 1, sizeof(head), f) == sizeof(head) &&
		  !memcmp(head, signature, 8) && !memcmp(head + 12, "IHDR", 4);

	if (f)
		fclose(f);
	if (ok) {
		*width = (unsigned int)head[16] << 24 | head[17] << 16 | head[18] << 8 | head[19];
		*height = (unsigned int)head[20] << 24 | head[21] << 16 | head[22] << 8 | head[23];
	}
	return ok;
}

/* Draws the machine's memory into path with layers and decodes the PNG again. */
static void draw_and_decode(const char *path, unsigned int layers, struct picture *p)
{
	unsigned int w, h;

	memset(p, 0, sizeof(*p));
	cr_assert_eq(draw_memory_map(path, layers, &p->g), 0);
	cr_assert(png_size(path, &w, &h), "%s is a PNG", path);
	cr_assert_eq(w, p->g.width);
	cr_assert_eq(h, p->g.height);
	p->surface = cairo_image_surface_create_from_png(path);
	cr_assert_eq(cairo_surface_status(p->surface), CAIRO_STATUS_SUCCESS, "cairo decodes %s", path);
	p->width = (unsigned int)cairo_image_surface_get_width(p->surface);
	p->height = (unsigned int)cairo_image_surface_get_height(p->surface);
	cr_assert_eq(p->width, w);
	cr_assert_eq(p->height, h);
	remove(path);
}

static void release(struct picture *p)
{
	cairo_surface_destroy(p->surface);
}

static uint32_t pixel(const struct picture *p, unsigned int x, unsigned int y)
{
	const unsigned char *row = cairo_image_surface_get_data(p->surface) +
				   (size_t)y * (size_t)cairo_image_surface_get_stride(p->surface);

	return ((const uint32_t *)row)[x] & 0xffffff;
}

/* Cells of colour in [x0, x1) x [y0, y1), with cells of cell x cell pixels. */
static unsigned long cells(const struct picture *p, uint32_t colour, unsigned int cell,
			   unsigned int x0, unsigned int y0, unsigned int x1, unsigned int y1)
{
	unsigned long n = 0;

	for (unsigned int y = y0; y < y1 && y < p->height; y++)
		for (unsigned int x = x0; x < x1 && x < p->width; x++)
			n += pixel(p, x, y) == colour;
	return n / (cell * cell);
}

static unsigned long grid_cells(const struct picture *p, const struct map_grid *g, uint32_t colour)
{
	return cells(p, colour, g->cell, g->x, g->y, g->x + g->columns * g->cell, g->y + g->height);
}

/* The pixel at the top left of pfn's cell in a grid without zone lines above it. */
static uint32_t pfn_pixel(const struct picture *p, const struct map_grid *g, unsigned long pfn,
			  unsigned int zone_lines)
{
	return pixel(p, g->x + (unsigned int)(pfn % g->columns) * g->cell,
		     g->y + (unsigned int)(pfn / g->columns) * g->cell + zone_lines * 2);
}

static uint32_t colour_of(int owner, int order, int cache)
{
	struct ukmem_page_census_cell cell = { (uint8_t)owner, (uint8_t)order, (uint16_t)cache };

	return map_cell_colour(&cell);
}

static unsigned long meminfo_pages(const char *key)
{
	char *text = proc_text("/proc/meminfo"), *at = strstr(text, key);
	unsigned long kb = at ? strtoul(at + strlen(key), NULL, 10) : 0;

	free(text);
	return kb / 4;
}

static unsigned long slab_pages(void)
{
	char *text = proc_text("/proc/slabinfo");
	unsigned long pages = 0;

	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		unsigned long per_slab, slabs;

		if (sscanf(line, "%*s %*u %*u %*u %*u %lu : tunables %*u %*u %*u : slabdata %*u %lu",
			   &per_slab, &slabs) == 2)
			pages += per_slab * slabs;
	}
	free(text);
	return pages;
}

/* Sums, over the zones, the n numbers after "zone NAME" on each line of a view (from
 * the first line containing from, if from is not NULL). */
static void zone_sums(const char *view, const char *from, unsigned long *sums, int n)
{
	char *text = proc_text(view), *start = from ? strstr(text, from) : text;

	cr_assert_not_null(start, "%s has %s:\n%s", view, from, text);
	memset(sums, 0, sizeof(*sums) * (size_t)n);
	for (char *line = strtok(start, "\n"); line; line = strtok(NULL, "\n")) {
		char *p = strstr(line, "zone");

		if (!p)
			continue;
		p += 4;
		while (*p == ' ')
			p++;
		p += strcspn(p, " ");
		for (int i = 0; i < n; i++)
			sums[i] += strtoul(p, &p, 10);
	}
	free(text);
}

static void free_blocks(unsigned long blocks[MAX_ORDER])
{
	zone_sums("/proc/buddyinfo", NULL, blocks, MAX_ORDER);
}

/* The test's balloon keeps its pages where they are. */
static int refuse_migration(struct balloon_dev_info *b, struct page *newpage, struct page *page,
			    enum migrate_mode mode)
{
	return -EAGAIN;
}

Test(tool_map, png_cells_match_page_states)
{
	struct balloon_dev_info balloon;
	struct kmem_cache *cache;
	void *objects[500], *area, *large;
	struct page *block;
	/* ukfb's VRAM, the ukfb, ukdma and HPET registers, edu's 1 MiB BAR0 */
	unsigned long blocks[MAX_ORDER], slab = 0, used_slab = 0, device_window_pages = 4096 + 3 + 256;
	struct picture p;
	const struct map_grid *g = &p.g.owner, *u = &p.g.used;

	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	cache = kmem_cache_create("map_test", 700, 0, 0, NULL);
	for (int i = 0; i < 500; i++)
		objects[i] = kmem_cache_alloc(cache, GFP_KERNEL);
	area = vmalloc(1 << 20);
	large = kmalloc(256 << 10, GFP_KERNEL);
	block = alloc_pages(GFP_KERNEL, 2);
	balloon_devinfo_init(&balloon);
	balloon.migratepage = refuse_migration;
	for (int i = 0; i < 10; i++)
		balloon_page_enqueue(&balloon, alloc_pages(GFP_HIGHUSER_MOVABLE, 0));
	drain_all_pages(NULL);
	draw_and_decode("tool_map_test.png", MAP_LAYER_BOTH, &p);
	cr_assert(g->cell && p.g.migratetype.cell && u->cell, "all three panels drawn");

	free_blocks(blocks);
	for (int o = 0; o < MAX_ORDER; o++)
		cr_expect_eq(grid_cells(&p, g, colour_of(UKMEM_PAGE_FREE, o, 0)), blocks[o] << o,
			     "free pages of order %d", o);
	cr_expect_eq(grid_cells(&p, g, colour_of(UKMEM_PAGE_PCP, 0, 0)), 0, "per-CPU lists drained");
	for (int c = 0; c < 10; c++) {
		slab += grid_cells(&p, g, colour_of(UKMEM_PAGE_SLAB, 0, c));
		used_slab += grid_cells(&p, u, colour_of(UKMEM_PAGE_SLAB, 0, c));
	}
	cr_expect_eq(slab, slab_pages());
	cr_expect_eq(grid_cells(&p, g, colour_of(UKMEM_PAGE_TABLE, 0, 0)), meminfo_pages("PageTables:"));
	cr_expect_eq(grid_cells(&p, g, colour_of(UKMEM_PAGE_VMALLOC, 0, 0)), meminfo_pages("VmallocUsed:"));
	cr_expect_eq(grid_cells(&p, g, colour_of(UKMEM_PAGE_VMALLOC, 0, 0)), 256);
	cr_expect_eq(grid_cells(&p, g, colour_of(UKMEM_PAGE_COMPOUND, 0, 0)), 64, "the 256K kmalloc");
	cr_expect_geq(grid_cells(&p, g, colour_of(UKMEM_PAGE_OTHER, 0, 0)), 4, "the order-2 block");
	cr_expect_eq(grid_cells(&p, g, colour_of(UKMEM_PAGE_OFFLINE, 0, 0)), 10, "the balloon's pages");
	cr_expect_eq(grid_cells(&p, u, colour_of(UKMEM_PAGE_OFFLINE, 0, 0)), 10);
	/* every page is one cell: 64 MiB */
	unsigned long total = 0;

	for (unsigned int y = g->y; y < g->y + g->height; y++)
		for (unsigned int x = g->x; x < g->x + g->columns * g->cell; x++)
			total += pixel(&p, x, y) != MAP_BOUNDARY_COLOUR &&
				 pixel(&p, x, y) != MAP_BACKGROUND_COLOUR;
	cr_expect_eq(total / (g->cell * g->cell), 64UL << (20 - PAGE_SHIFT));
	/* ukfb VRAM (16 MiB) and three register pages, in their band below the grid */
	cr_expect_geq(p.g.windows_y, g->y + g->height);
	cr_expect_eq(cells(&p, MAP_DEVICE_COLOUR, g->cell, g->x, p.g.windows_y,
			   g->x + g->columns * g->cell, p.g.windows_y + p.g.windows_height),
		     device_window_pages);
	/* the enlarged panel: every row in use is there, with all that is held */
	cr_expect_gt(p.g.used_rows, 0);
	cr_expect_eq(p.g.used_rows_shown, p.g.used_rows, "few rows in use on a fresh machine");
	cr_expect_geq(u->y, p.g.windows_y + p.g.windows_height);
	cr_expect_eq(u->cell, 4);
	cr_expect_eq(grid_cells(&p, u, colour_of(UKMEM_PAGE_VMALLOC, 0, 0)), 256);
	cr_expect_eq(grid_cells(&p, u, colour_of(UKMEM_PAGE_COMPOUND, 0, 0)), 64);
	cr_expect_eq(grid_cells(&p, u, colour_of(UKMEM_PAGE_TABLE, 0, 0)), meminfo_pages("PageTables:"));
	cr_expect_eq(used_slab, slab, "every slab page is in the enlarged panel");
	cr_expect_lt(grid_cells(&p, u, colour_of(UKMEM_PAGE_FREE, MAX_ORDER - 1, 0)),
		     grid_cells(&p, g, colour_of(UKMEM_PAGE_FREE, MAX_ORDER - 1, 0)) / 4,
		     "the free blocks that fill the full panel are left out");
	release(&p);

	for (int i = 0; i < 500; i++)
		kmem_cache_free(cache, objects[i]);
	kmem_cache_destroy(cache);
	vfree(area);
	kfree(large);
	__free_pages(block, 2);
	for (int i = 0; i < 10; i++)
		__free_page(balloon_page_dequeue(&balloon));
	cr_expect_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

/* Pageblocks of each migrate type, summed over the zones of /proc/pagetypeinfo. */
static void pagetypeinfo_blocks(unsigned long blocks[UKMEM_NR_MIGRATETYPES])
{
	zone_sums("/proc/pagetypeinfo", "Number of blocks type", blocks, UKMEM_NR_MIGRATETYPES);
}

#define TEST_PAGES	3000

Test(tool_map, migratetype_layer_matches_pagetypeinfo)
{
	static struct page *movable[TEST_PAGES], *unmovable[TEST_PAGES];
	unsigned long blocks[UKMEM_NR_MIGRATETYPES], total = 0;
	const struct map_grid *g;
	struct picture p;

	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	/* unmovable allocations take pageblocks over from the movable ones */
	for (int i = 0; i < TEST_PAGES; i++) {
		unmovable[i] = alloc_pages(GFP_KERNEL, 0);
		movable[i] = alloc_pages(GFP_HIGHUSER_MOVABLE, 0);
		cr_assert(unmovable[i] && movable[i]);
	}
	draw_and_decode("tool_map_types.png", MAP_LAYER_MIGRATETYPE, &p);
	g = &p.g.migratetype;
	cr_assert(g->cell && !p.g.owner.cell && !p.g.used.cell, "the migrate-type layer alone");
	cr_expect_eq(cells(&p, colour_of(UKMEM_PAGE_FREE, MAX_ORDER - 1, 0), 1, 0, 0, p.width,
			   p.height), 0, "no owner cells");

	pagetypeinfo_blocks(blocks);
	cr_expect_gt(blocks[UKMEM_MIGRATE_MOVABLE], 0);
	cr_expect_gt(blocks[UKMEM_MIGRATE_UNMOVABLE], 0, "GFP_KERNEL pages took pageblocks");
	for (int t = 0; t < UKMEM_NR_MIGRATETYPES; t++) {
		cr_expect_eq(grid_cells(&p, g, map_migratetype_colour(t)), blocks[t] << pageblock_order,
			     "%s pageblocks", ukmem_migratetype_name(t));
		total += blocks[t];
	}
	cr_expect_eq(total << pageblock_order, 64UL << (20 - PAGE_SHIFT), "every pageblock drawn");
	/* each test page shows its pageblock's type: the movable ones Movable */
	for (int i = 0; i < TEST_PAGES; i += 7) {
		unsigned long m = page_to_pfn(movable[i]), u = page_to_pfn(unmovable[i]);

		/* DMA32 starts at 16 MiB, after one zone line */
		cr_expect_eq(pfn_pixel(&p, g, m, m >= 4096), map_migratetype_colour(UKMEM_MIGRATE_MOVABLE),
			     "movable page at pfn %#lx", m);
		cr_expect_eq(pfn_pixel(&p, g, u, u >= 4096),
			     map_migratetype_colour((unsigned int)get_pageblock_migratetype(unmovable[i])),
			     "unmovable page at pfn %#lx", u);
	}
	release(&p);
	for (int i = 0; i < TEST_PAGES; i++) {
		__free_page(unmovable[i]);
		__free_page(movable[i]);
	}
	cr_expect_eq(ukmem_report_count(), 0);
	ukmem_shutdown();
}

Test(tool_map, legends_are_sorted_largest_first)
{
	struct map_legend_entry e[600];
	struct ukmem_page_census c;
	unsigned long sum = 0;
	int n;

	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	void *area = vmalloc(3 << 20);	/* 768 pages: more than any cache */

	cr_assert_eq(ukmem_page_census_take(&c), 0);
	n = map_owner_legend(&c, e, 600);
	cr_assert_gt(n, 5);
	for (int i = 0; i < n; i++) {
		cr_expect_gt(e[i].count, 0, "%s", e[i].label);
		if (i)
			cr_expect_geq(e[i - 1].count, e[i].count, "%s before %s", e[i - 1].label,
				      e[i].label);
		sum += e[i].count;
	}
	cr_expect_eq(sum, c.nr_pfns, "every page is in one legend line");
	cr_expect_str_eq(e[0].label, "Free, order 10");
	for (int i = 0; i < n; i++)
		if (!strcmp(e[i].label, "vmalloc"))
			cr_expect_eq(e[i].count, 768);
	cr_expect_eq(map_owner_legend(&c, e, 3), 3, "at most max lines");
	n = map_migratetype_legend(&c, e, 600);
	sum = 0;
	for (int i = 0; i < n; i++) {
		if (i)
			cr_expect_geq(e[i - 1].count, e[i].count);
		sum += e[i].count;
	}
	cr_expect_eq(sum, c.nr_pageblocks);
	cr_expect_str_eq(e[0].label, "Movable");
	ukmem_page_census_release(&c);
	vfree(area);
	ukmem_shutdown();
}

Test(tool_map, colours_tell_owners_apart)
{
	uint32_t seen[64], types[UKMEM_NR_MIGRATETYPES + 3];
	int n = 0, t = 0;

	for (int o = 0; o < MAX_ORDER; o++)
		seen[n++] = colour_of(UKMEM_PAGE_FREE, o, 0);
	for (int c = 0; c < 10; c++)
		seen[n++] = colour_of(UKMEM_PAGE_SLAB, 0, c);
	for (int owner = 0; owner < UKMEM_NR_PAGE_OWNERS; owner++)
		if (owner != UKMEM_PAGE_FREE && owner != UKMEM_PAGE_SLAB)
			seen[n++] = colour_of(owner, 0, 0);
	seen[n++] = MAP_DEVICE_COLOUR;
	seen[n++] = MAP_BOUNDARY_COLOUR;
	seen[n++] = MAP_BACKGROUND_COLOUR;
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			cr_expect_neq(seen[i], seen[j], "colours %d and %d are both %06x", i, j, seen[i]);
	for (unsigned int type = 0; type < UKMEM_NR_MIGRATETYPES; type++)
		types[t++] = map_migratetype_colour(type);
	types[t++] = map_migratetype_colour(UKMEM_MIGRATE_NONE);
	types[t++] = MAP_BOUNDARY_COLOUR;
	types[t++] = MAP_BACKGROUND_COLOUR;
	for (int i = 0; i < t; i++)
		for (int j = i + 1; j < t; j++)
			cr_expect_neq(types[i], types[j], "types %d and %d are both %06x", i, j, types[i]);
	cr_expect_str_eq(ukmem_migratetype_name(UKMEM_MIGRATE_HIGHATOMIC), "HighAtomic");
	cr_expect_str_eq(ukmem_migratetype_name(UKMEM_MIGRATE_NONE), "?");
}

static void odd_ctor(void *object)
{
}

Test(tool_map, svg_is_xml_even_with_markup_in_a_cache_name)
{
	struct map_geometry g;
	char *out;

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	/* names come from drivers: markup in them must not break the SVG (a constructor
	 * keeps the cache from being merged into another) */
	struct kmem_cache *odd = kmem_cache_create("odd<&>\"'", 64, 0, 0, odd_ctor);
	void *object = kmem_cache_alloc(odd, GFP_KERNEL);

	cr_assert_eq(draw_memory_map("tool_map_test.svg", MAP_LAYER_BOTH, &g), 0);
	kmem_cache_free(odd, object);
	kmem_cache_destroy(odd);
	/* python3's XML parser: the root is an svg of the planned size, with the cells */
	cr_assert_eq(run_command(&out, "python3 -c '"
		"import xml.etree.ElementTree as E; r = E.parse(\"tool_map_test.svg\").getroot(); "
		"n = sum(1 for e in r.iter() if e.tag.endswith(\"path\") or e.tag.endswith(\"rect\")); "
		"print(r.tag, r.get(\"viewBox\"), n > 100)' 2>&1"), 0, "%s", out);
	char expected[128];

	snprintf(expected, sizeof(expected), "{http://www.w3.org/2000/svg}svg 0 0 %u %u True\n",
		 g.width, g.height);
	cr_expect_str_eq(out, expected);
	free(out);
	cr_expect_eq(run_command(NULL, "grep -q 'odd<' tool_map_test.svg"), 1, "no raw markup");
	remove("tool_map_test.svg");
	ukmem_shutdown();
}

Test(tool_map, compaction_paths)
{
	char *before, *after;

	cr_assert_eq(map_compaction_paths("dir.d/mem.png", &before, &after), 0);
	cr_expect_str_eq(before, "dir.d/mem-before.png");
	cr_expect_str_eq(after, "dir.d/mem-after.png");
	free(before);
	free(after);
	cr_assert_eq(map_compaction_paths("dir.d/mem", &before, &after), 0);
	cr_expect_str_eq(before, "dir.d/mem-before");
	cr_expect_str_eq(after, "dir.d/mem-after");
	free(before);
	free(after);
}

Test(tool_map, compact_option_writes_before_and_after)
{
	char *dir = make_temp_dir(), *out, path[512];
	unsigned int w, h;
	int status = run_command(&out, "%s map --out %s/m.png --compact --layer=migratetype "
				 "--cmdline mem=64M 2>&1", UKMEM_TOOL, dir);

	cr_assert_eq(status, 0, "%s", out);
	snprintf(path, sizeof(path), "ukmem: wrote %s/m-before.png\nukmem: wrote %s/m-after.png\n",
		 dir, dir);
	cr_expect(strstr(out, path), "%s", out);
	snprintf(path, sizeof(path), "%s/m-before.png", dir);
	cr_expect(png_size(path, &w, &h) && w > 100 && h > 100, "%s", path);
	snprintf(path, sizeof(path), "%s/m-after.png", dir);
	cr_expect(png_size(path, &w, &h) && w > 100 && h > 100, "%s", path);
	snprintf(path, sizeof(path), "%s/m.png", dir);
	cr_expect_neq(access(path, F_OK), 0, "no %s", path);
	run_command(NULL, "rm -rf %s", dir);
	free(out);
	free(dir);
}
