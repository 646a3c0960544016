// SPDX-License-Identifier: LGPL-2.1-or-later
/* tools/map.c: `ukmem map --out F.png|F.svg [--layer L] [--compact] [--cmdline S]
 * MODULE.so...` -- boots, loads the modules (their init runs; what they hold shows),
 * draws every physical page by owner and every pageblock by migrate type
 * (memory_map.c), with --compact once before and once after compacting all of memory,
 * unloads. */
#include <getopt.h>
#include <stdio.h>
#include "memory_map.h"
#include "tool.h"

static const char help[] =
	"usage: ukmem map --out FILE.png|FILE.svg [--layer=owner|migratetype|both] [--compact]\n"
	"                 [--cmdline S] [MODULE.so [PARAM=VALUE...]]...\n"
	"\n"
	"Boots a machine, loads the modules (their init runs, so what they hold shows) and\n"
	"draws physical memory, then unloads them. The owner layer has a cell per page\n"
	"coloured by its owner: free blocks by order, per-CPU lists, slab caches, compound\n"
	"pages, vmalloc, page tables, reserved pages; zone boundaries as dark lines, device\n"
	"windows below, and the rows holding pages in use again, enlarged. The migrate-type\n"
	"layer colours each pageblock (512 pages) Unmovable, Movable, Reclaimable,\n"
	"HighAtomic or Isolate, as /proc/pagetypeinfo names them. Legends list what is\n"
	"drawn, largest first, with page and pageblock counts.\n"
	"\n"
	"  -o, --out FILE     the picture to write: PNG, or SVG when FILE ends in .svg\n"
	"  -l, --layer L      owner, migratetype, or both side by side (the default)\n"
	"  -C, --compact      write FILE-before.EXT, compact all of memory (as\n"
	"                     echo 1 > /proc/sys/vm/compact_memory), write FILE-after.EXT\n"
	"  -c, --cmdline S    the machine's kernel command line (\"mem=64M numa=fake=2\")\n"
	"  -h, --help         print this help and exit\n"
	"\n"
	"Exit status: 0; 1 if a module failed to load or a picture could not be written;\n"
	"2 for a usage error.\n";

struct map_job {
	const char *out;
	unsigned int layers;
	bool compact;
};

static int draw_map(void *arg)
{
	const struct map_job *job = arg;

	if (job->compact)
		return write_memory_maps_around_compaction(job->out, job->layers);
	if (draw_memory_map(job->out, job->layers, NULL))
		return -1;
	printf("ukmem: wrote %s\n", job->out);
	return 0;
}

static int parse_layer(const char *arg, unsigned int *layers)
{
	if (!strcmp(arg, "owner"))
		*layers = MAP_LAYER_OWNER;
	else if (!strcmp(arg, "migratetype"))
		*layers = MAP_LAYER_MIGRATETYPE;
	else if (!strcmp(arg, "both"))
		*layers = MAP_LAYER_BOTH;
	else
		return usage_error(help, "--layer=%s: not owner, migratetype or both", arg);
	return 0;
}

int cmd_map(int argc, char **argv)
{
	static const struct option options[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "layer", required_argument, NULL, 'l' },
		{ "compact", no_argument, NULL, 'C' },
		{ "cmdline", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const exts[] = { ".png", ".svg", NULL };
	struct map_job job = { NULL, MAP_LAYER_BOTH, false };
	const char *cmdline = NULL, *layer = NULL;
	int err, opt;

	while ((opt = getopt_long(argc, argv, "+o:l:Cc:h", options, NULL)) != -1) {
		switch (opt) {
		case 'o': job.out = optarg; break;
		case 'l': layer = optarg; break;
		case 'C': job.compact = true; break;
		case 'c': cmdline = optarg; break;
		case 'h': return print_help(help);
		default: return usage_error(help, NULL);
		}
	}
	if (layer && (err = parse_layer(layer, &job.layers)))
		return err;
	if (!job.out)
		return usage_error(help, "--out FILE is required");
	err = check_output_file(help, "--out ", job.out, exts);
	if (!err)
		err = check_module_args(help, argv + optind, argc - optind);
	if (err)
		return err;
	return picture_run(cmdline, argv + optind, argc - optind, draw_map, &job);
}
