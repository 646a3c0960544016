// SPDX-License-Identifier: LGPL-2.1-or-later
/* tests/tools/tool_map.c: the picture of memory decodes, and its cells by colour match the
 * page counts the machine's own views give: free pages by order (buddyinfo), slab pages
 * (slabinfo), page tables and vmalloc (meminfo), device windows (iomem), and the pages
 * this test holds. */
#include <criterion/criterion.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include "kmsg.h"
#include "memory_map.h"
#include "tool.h"

struct picture {
	unsigned int width, height;
	png_bytep *rows;
	unsigned int x, y, columns, rows_of_cells, cell, grid_h;
};

/* Reads the PNG at path into p (rows and grid geometry); false if libpng cannot. */
static bool read_png(FILE *f, struct picture *p)
{
	png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	png_textp texts;
	int nr_texts = 0;

	if (!info || setjmp(png_jmpbuf(png)))
		return false;
	png_init_io(png, f);
	png_read_png(png, info, PNG_TRANSFORM_IDENTITY, NULL);
	if (png_get_color_type(png, info) != PNG_COLOR_TYPE_RGB || png_get_bit_depth(png, info) != 8)
		return false;
	p->width = png_get_image_width(png, info);
	p->height = png_get_image_height(png, info);
	png_get_text(png, info, &texts, &nr_texts);
	for (int i = 0; i < nr_texts; i++)
		if (!strcmp(texts[i].key, "ukmem-grid") &&
		    sscanf(texts[i].text, "%u %u %u %u %u %u", &p->x, &p->y, &p->columns,
			   &p->rows_of_cells, &p->cell, &p->grid_h) != 6)
			return false;
	p->rows = malloc(p->height * sizeof(*p->rows));
	for (unsigned int y = 0; y < p->height; y++) {
		p->rows[y] = malloc(p->width * 3);
		memcpy(p->rows[y], png_get_rows(png, info)[y], p->width * 3);
	}
	png_destroy_read_struct(&png, &info, NULL);
	return true;
}

static void decode(const char *path, struct picture *p)
{
	FILE *f = fopen(path, "rb");

	cr_assert(f);
	memset(p, 0, sizeof(*p));
	cr_assert(read_png(f, p), "libpng could not decode %s as 8-bit RGB", path);
	cr_assert(p->cell, "no ukmem-grid text chunk");
	fclose(f);
}

static uint32_t pixel(const struct picture *p, unsigned int x, unsigned int y)
{
	const png_byte *px = p->rows[y] + x * 3;

	return (uint32_t)px[0] << 16 | px[1] << 8 | px[2];
}

/* Cells of colour in [x0, x1) x [y0, y1). */
static unsigned long cells(const struct picture *p, uint32_t colour, unsigned int x0,
			   unsigned int y0, unsigned int x1, unsigned int y1)
{
	unsigned long n = 0;

	for (unsigned int y = y0; y < y1 && y < p->height; y++)
		for (unsigned int x = x0; x < x1; x++)
			n += pixel(p, x, y) == colour;
	return n / (p->cell * p->cell);
}

static unsigned long grid_cells(const struct picture *p, uint32_t colour)
{
	return cells(p, colour, p->x, p->y, p->x + p->columns * p->cell, p->y + p->grid_h);
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

static void free_blocks(unsigned long blocks[MAX_ORDER])
{
	char *text = proc_text("/proc/buddyinfo");

	memset(blocks, 0, sizeof(unsigned long) * MAX_ORDER);
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		char *p = strstr(line, "zone") + 4;

		while (*p == ' ')
			p++;
		p += strcspn(p, " ");
		for (int o = 0; o < MAX_ORDER; o++)
			blocks[o] += strtoul(p, &p, 10);
	}
	free(text);
}

Test(tool_map, png_cells_match_page_states)
{
	struct kmem_cache *cache;
	void *objects[500], *area, *large;
	struct page *block;
	/* ukfb's VRAM, the ukfb, ukdma and HPET registers, edu's 1 MiB BAR0 */
	unsigned long blocks[MAX_ORDER], slab = 0, device_window_pages = 4096 + 3 + 256;
	struct picture p;

	cr_assert_eq(ukmem_boot("mem=64M"), 0);
	cache = kmem_cache_create("map_test", 700, 0, 0, NULL);
	for (int i = 0; i < 500; i++)
		objects[i] = kmem_cache_alloc(cache, GFP_KERNEL);
	area = vmalloc(1 << 20);
	large = kmalloc(256 << 10, GFP_KERNEL);
	block = alloc_pages(GFP_KERNEL, 2);
	drain_all_pages(NULL);
	cr_assert_eq(write_memory_map("tool_map_test.png"), 0);
	decode("tool_map_test.png", &p);

	free_blocks(blocks);
	for (int o = 0; o < MAX_ORDER; o++)
		cr_expect_eq(grid_cells(&p, colour_of(UKMEM_PAGE_FREE, o, 0)), blocks[o] << o,
			     "free pages of order %d", o);
	cr_expect_eq(grid_cells(&p, colour_of(UKMEM_PAGE_PCP, 0, 0)), 0, "per-CPU lists drained");
	for (int c = 0; c < 10; c++)
		slab += grid_cells(&p, colour_of(UKMEM_PAGE_SLAB, 0, c));
	cr_expect_eq(slab, slab_pages());
	cr_expect_eq(grid_cells(&p, colour_of(UKMEM_PAGE_TABLE, 0, 0)), meminfo_pages("PageTables:"));
	cr_expect_eq(grid_cells(&p, colour_of(UKMEM_PAGE_VMALLOC, 0, 0)), meminfo_pages("VmallocUsed:"));
	cr_expect_eq(grid_cells(&p, colour_of(UKMEM_PAGE_VMALLOC, 0, 0)), 256);
	cr_expect_eq(grid_cells(&p, colour_of(UKMEM_PAGE_COMPOUND, 0, 0)), 64, "the 256K kmalloc");
	cr_expect_geq(grid_cells(&p, colour_of(UKMEM_PAGE_OTHER, 0, 0)), 4, "the order-2 block");
	/* every page is one cell: 64 MiB */
	unsigned long total = 0;

	for (unsigned int y = p.y; y < p.y + p.grid_h; y++)
		for (unsigned int x = p.x; x < p.x + p.columns * p.cell; x++)
			total += pixel(&p, x, y) != MAP_BOUNDARY_COLOUR && pixel(&p, x, y) != 0xffffff;
	cr_expect_eq(total / (p.cell * p.cell), 64UL << (20 - PAGE_SHIFT));
	/* ukfb VRAM (16 MiB) and three register pages, below the grid */
	cr_expect_eq(cells(&p, MAP_DEVICE_COLOUR, p.x, p.y + p.grid_h, p.x + p.columns * p.cell,
			   p.height), device_window_pages);

	for (int i = 0; i < 500; i++)
		kmem_cache_free(cache, objects[i]);
	kmem_cache_destroy(cache);
	vfree(area);
	kfree(large);
	__free_pages(block, 2);
	cr_expect_eq(ukmem_report_count(), 0);
	remove("tool_map_test.png");
	ukmem_shutdown();
}

Test(tool_map, colours_tell_owners_apart)
{
	uint32_t seen[64];
	int n = 0;

	for (int o = 0; o < MAX_ORDER; o++)
		seen[n++] = colour_of(UKMEM_PAGE_FREE, o, 0);
	for (int c = 0; c < 10; c++)
		seen[n++] = colour_of(UKMEM_PAGE_SLAB, 0, c);
	for (int owner = 0; owner < UKMEM_NR_PAGE_OWNERS; owner++)
		if (owner != UKMEM_PAGE_FREE && owner != UKMEM_PAGE_SLAB)
			seen[n++] = colour_of(owner, 0, 0);
	seen[n++] = MAP_DEVICE_COLOUR;
	seen[n++] = MAP_BOUNDARY_COLOUR;
	seen[n++] = 0xffffff;	/* background */
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			cr_expect_neq(seen[i], seen[j], "colours %d and %d are both %06x", i, j, seen[i]);
}

static void odd_ctor(void *object)
{
}

Test(tool_map, svg_has_cells_and_legend)
{
	char *text;
	FILE *f;
	long len;

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	/* names come from drivers: markup in them is escaped (a constructor keeps the
	 * cache from being merged into another) */
	struct kmem_cache *odd = kmem_cache_create("odd<&>\"'", 64, 0, 0, odd_ctor);
	void *object = kmem_cache_alloc(odd, GFP_KERNEL);

	cr_assert_eq(write_memory_map("tool_map_test.svg"), 0);
	kmem_cache_free(odd, object);
	kmem_cache_destroy(odd);
	f = fopen("tool_map_test.svg", "r");
	cr_assert(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	text = calloc(1, (size_t)len + 1);
	fread(text, 1, (size_t)len, f);
	fclose(f);
	cr_expect(!strncmp(text, "<svg ", 5));
	cr_expect(strstr(text, "<rect x="));
	cr_expect(strstr(text, "free order 10: "), "%s", text);
	cr_expect(strstr(text, "ukfb-vram at 0xfd000000: 4096 pages"), "%s", text);
	cr_expect(strstr(text, "</svg>"));
	cr_expect(strstr(text, ">slab odd&lt;&amp;&gt;&quot;&apos;: 1</text>"), "%s", text);
	cr_expect(!strstr(text, "odd<"));
	free(text);
	remove("tool_map_test.svg");
	ukmem_shutdown();
}
