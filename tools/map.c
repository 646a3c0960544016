// SPDX-License-Identifier: LGPL-2.1-or-later
/* tools/map.c: `ukmem map --out F.png|F.svg [--cmdline S] MODULE.so...` -- boots, loads
 * the modules (their init runs; what they hold shows), draws every physical page coloured
 * by owner (memory_map.c), unloads. */
#include "tool.h"

static const char help[] =
	"usage: ukmem map --out FILE.png|FILE.svg [--cmdline S] [MODULE.so [PARAM=VALUE...]]...\n"
	"\n"
	"Boots a machine, loads the modules (their init runs, so what they hold shows) and\n"
	"draws every physical page as a cell coloured by its owner: free blocks by order,\n"
	"per-CPU lists, slab caches, compound pages, vmalloc, page tables, reserved pages;\n"
	"zone boundaries as dark lines, device windows below, a legend. Then unloads.\n"
	"\n"
	"  -o, --out FILE     the picture to write: PNG, or SVG when FILE ends in .svg\n"
	"  -c, --cmdline S    the machine's kernel command line (\"mem=64M numa=fake=2\")\n"
	"  -h, --help         print this help and exit\n"
	"\n"
	"Exit status: 0; 1 if a module failed to load or the picture could not be written;\n"
	"2 for a usage error.\n";

int cmd_map(int argc, char **argv)
{
	static const char *const exts[] = { ".png", ".svg", NULL };

	return picture_command(argc, argv, help, exts, write_memory_map);
}
