/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tools/memory_map.h: the picture of physical memory, drawn with cairo as PNG or SVG.
 * One model (a page census, <ukmem_inspect.h>) and two layers: the owner layer, one
 * cell per page coloured by owner, with zone boundaries as dark lines, device windows as
 * a band below and an enlarged panel of the rows that hold pages in use; the migrate-type
 * layer, the same grid with each page coloured by its pageblock's migrate type. The
 * legends are sorted by size, largest first. draw_memory_map() reports where it drew
 * each panel (struct map_geometry), so tests can count cells by colour. */
#ifndef UKMEM_TOOLS_MEMORY_MAP_H
#define UKMEM_TOOLS_MEMORY_MAP_H

#include <stdint.h>
#include <ukmem.h>

#define MAP_DEVICE_COLOUR	0xe377c2	/* device window pages */
#define MAP_BOUNDARY_COLOUR	0x000000	/* zone boundary lines */
#define MAP_BACKGROUND_COLOUR	0xffffff

/* The layers a picture shows (--layer=owner|migratetype|both). */
#define MAP_LAYER_OWNER		1u
#define MAP_LAYER_MIGRATETYPE	2u
#define MAP_LAYER_BOTH		(MAP_LAYER_OWNER | MAP_LAYER_MIGRATETYPE)

#define MAP_USED_COLUMNS	256	/* pages per row of the enlarged panel */
#define MAP_USED_MAX_ROWS	96	/* rows it shows at most */

/* A grid of cells: pfn p is at column p % columns of row p / columns, rows from y down
 * (height includes the zone lines between rows); cell is 0 when it was not drawn. */
struct map_grid {
	unsigned int x, y, columns, rows, cell, height;
};

struct map_geometry {
	unsigned int width, height;
	struct map_grid owner;		/* all of memory by owner */
	struct map_grid migratetype;	/* all of memory by pageblock migrate type */
	struct map_grid used;		/* the rows with pages in use, enlarged (runs of rows
					 * with gaps between them, all within x, y, height) */
	unsigned long used_rows;	/* rows of MAP_USED_COLUMNS pages in use ... */
	unsigned long used_rows_shown;	/* ... and how many of them the panel shows */
	unsigned int windows_y, windows_height;	/* the device windows' band */
};

/* A legend line: its colour, what it stands for and how many pages (or pageblocks). */
struct map_legend_entry {
	uint32_t colour;
	char label[96];
	unsigned long count;
};

/* The colour of a page cell in the owner layer, and of a pageblock in the migrate-type
 * layer (enum ukmem_migratetype, or UKMEM_MIGRATE_NONE). */
uint32_t map_cell_colour(const struct ukmem_page_census_cell *cell);
uint32_t map_migratetype_colour(unsigned int type);

/* The owner legend of a census, largest first (ties by label), at most max entries:
 * free pages by order, each slab cache, the other owners. Returns how many. */
int map_owner_legend(const struct ukmem_page_census *c, struct map_legend_entry *e, int max);
/* The migrate-type legend: pageblocks by migrate type, largest first. */
int map_migratetype_legend(const struct ukmem_page_census *c, struct map_legend_entry *e,
			   int max);

/* Takes a census and draws it into path (PNG, or SVG when path ends in .svg) with the
 * given layers; fills *g when g is not NULL. 0, or -1 with a message on stderr. */
int draw_memory_map(const char *path, unsigned int layers, struct map_geometry *g);
/* NAME-before.EXT and NAME-after.EXT for path NAME.EXT (malloc'd into *before, *after). */
int map_compaction_paths(const char *path, char **before, char **after);
/* Draws NAME-before.EXT, compacts all of memory (a write to /proc/sys/vm/compact_memory,
 * as `echo 1 >` does) and draws NAME-after.EXT; prints each file written. */
int write_memory_maps_around_compaction(const char *path, unsigned int layers);
/* Writes "1\n" to /proc/sys/vm/compact_memory: 0, or -errno. */
int compact_all_memory(void);

#endif
