/* tools/ukmem.c: the ukmem command -- dispatches to the subcommands (one file each). */
#include <stdio.h>
#include <string.h>
#include "tool.h"

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;
} commands[] = {
	{ "demo", cmd_demo, "demo [CMDLINE]            walk through the seed notes' sections" },
	{ "run", cmd_run, "run [--cmdline S] [--serve] MODULE.so [P=V...]...  boot, load, run, unload, report" },
	{ "proc", cmd_proc, "proc [--pid N] FILE        a /proc view of a running `ukmem run --serve`" },
	{ "top", cmd_top, "top [--pid N] [--interval S] [--count N]  live caches, zones, vmalloc" },
	{ "map", cmd_map, "map --out F.png|F.svg [--cmdline S] [MODULE.so...]  picture of memory" },
	{ "fb", cmd_fb, "fb --out F.png [--cmdline S] MODULE.so...  save the framebuffer" },
	{ "replay", cmd_replay, "replay [--cmdline S] [--samples N] TRACE  feed an ftrace kmem trace" },
};
#define NR_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static int usage(FILE *out)
{
	fprintf(out, "usage: ukmem COMMAND [ARGS]   (see man ukmem)\n");
	for (unsigned int i = 0; i < NR_COMMANDS; i++)
		fprintf(out, "  ukmem %s\n", commands[i].usage);
	return out == stdout ? 0 : EXIT_USAGE;
}

int main(int argc, char **argv)
{
	tool_styling_init();
	if (argc < 2)
		return usage(stderr);
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return usage(stdout);
	for (unsigned int i = 0; i < NR_COMMANDS; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "ukmem: unknown command '%s'\n", argv[1]);
	return usage(stderr);
}
