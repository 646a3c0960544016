/* tools/map.c: `ukmem map --out F.png|F.svg [--cmdline S] MODULE.so...` -- boots, loads
 * the modules (their init runs; what they hold shows), draws every physical page coloured
 * by owner (memory_map.c), unloads. */
#include "tool.h"

int cmd_map(int argc, char **argv)
{
	return picture_command(argc, argv,
			       "ukmem map --out F.png|F.svg [--cmdline S] [MODULE.so...]",
			       write_memory_map);
}
