/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tools/memory_map.h: the picture of physical memory -- one cell per page, coloured by
 * owner (mm/page_census.h), zone boundaries as dark lines, device windows as a band below,
 * and a legend. The PNG carries its grid geometry in a tEXt chunk "ukmem-grid"
 * ("x y columns rows cell_pixels height": the grid with its zone lines), so tests can count cells by colour. */
#ifndef UKMEM_TOOLS_MEMORY_MAP_H
#define UKMEM_TOOLS_MEMORY_MAP_H

#include <stdint.h>
#include <ukmem.h>

#define MAP_DEVICE_COLOUR	0xe377c2	/* device window pages */
#define MAP_BOUNDARY_COLOUR	0x000000	/* zone boundary lines */

/* The colour of a page cell. */
uint32_t map_cell_colour(const struct ukmem_page_census_cell *cell);

#endif
