// SPDX-License-Identifier: LGPL-2.1-or-later
/* tools/ukmem.c: the ukmem command -- dispatches to the subcommands (one file each),
 * prints the overall usage and the version. A subcommand sees argv[0] "ukmem NAME", so
 * getopt's messages name it. */
#include <stdio.h>
#include <string.h>
#include <ukmem.h>
#include "tool.h"

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{ "demo", cmd_demo, "a walk through memory management and device I/O, with pictures" },
	{ "run", cmd_run, "boot, load modules, run their init and exit, report" },
	{ "proc", cmd_proc, "a /proc view of a machine kept up by `ukmem run --serve`" },
	{ "top", cmd_top, "live caches, zones and vmalloc of such a machine" },
	{ "map", cmd_map, "a picture of physical memory, every page coloured by owner" },
	{ "fb", cmd_fb, "save what the framebuffer shows as a PNG" },
	{ "replay", cmd_replay, "feed an ftrace kmem trace through the allocators" },
	{ "modinfo", cmd_modinfo, "a module file's information, as modinfo(8) shows it" },
	{ "lsmod", cmd_lsmod, "the modules of a machine kept up by `ukmem run --serve`" },
	{ "lspci", cmd_lspci, "the PCI devices of such a machine, as lspci(8) shows them" },
	{ "kunit", cmd_kunit, "build and run KUnit suites, each in a fresh machine (KTAP)" },
	{ "kbuild-dir", cmd_kbuild_dir, "the Kbuild directory: make -C \"$(ukmem kbuild-dir)\" M=$PWD" },
	{ "version", NULL, "print ukmem's version" },
	{ "help", NULL, "this list, or a command's help (ukmem help COMMAND)" },
};
#define NR_COMMANDS (sizeof(commands) / sizeof(commands[0]))

#if defined(__SANITIZE_ADDRESS__)
/* In the AddressSanitizer build a machine goes on after a KASAN report, as Linux does:
 * code compiled with KASAN's flags (modules) reports and returns, and AddressSanitizer
 * reports each bad access, also a second one at the same place. ukmem's own code is
 * compiled to stop at its first report whatever these say. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "halt_on_error=0:suppress_equal_pcs=0";
}
#endif

static int usage(FILE *out)
{
	fprintf(out, "usage: ukmem COMMAND [OPTIONS] [ARGS]\n"
		     "       ukmem COMMAND --help\n"
		     "       ukmem --version\n\n"
		     "The Linux 6.1 kernel's memory management and driver API, as a program.\n"
		     "Commands:\n");
	for (unsigned int i = 0; i < NR_COMMANDS; i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\nExit status: 0 on success; 1 when the work failed; 2 for a usage error;\n"
		     "`ukmem run` also: 3 when the machine stopped (BUG, panic), 4 when the\n"
		     "kernel printed a report (WARN, bad page state, KASAN, ...). See man ukmem.\n");
	return out == stdout ? 0 : EXIT_USAGE;
}

static int version(void)
{
	printf("ukmem %s (the Linux 6.1 kernel API)\n", ukmem_version());
	return 0;
}

static int run_command(unsigned int i, int argc, char **argv)
{
	char name[32];

	snprintf(name, sizeof(name), "ukmem %s", commands[i].name);
	argv[0] = name;
	return commands[i].run(argc, argv);
}

static int find_command(const char *name)
{
	for (unsigned int i = 0; i < NR_COMMANDS; i++)
		if (commands[i].run && !strcmp(name, commands[i].name))
			return (int)i;
	return -1;
}

int main(int argc, char **argv)
{
	int i;

	tool_styling_init();
	if (argc < 2)
		return usage(stderr);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return usage(stdout);
	if (!strcmp(argv[1], "help")) {
		if (argc == 2)
			return usage(stdout);
		if (argc == 3 && (!strcmp(argv[2], "version") || !strcmp(argv[2], "help"))) {
			printf("usage: ukmem %s\n\n%s\n", argv[2], !strcmp(argv[2], "version") ?
			       "Prints ukmem's version (also: ukmem --version, ukmem -V)." :
			       "Lists the commands; `ukmem help COMMAND` prints a command's help.");
			return 0;
		}
		i = find_command(argv[2]);
		if (i < 0 || argc > 3) {
			if (i < 0)
				fprintf(stderr, "ukmem help: no command '%s'\n", argv[2]);
			else
				fprintf(stderr, "ukmem help: one command at a time\n");
			return usage(stderr);
		}
		char *help_argv[] = { argv[2], (char *)"--help", NULL };

		return run_command((unsigned int)i, 2, help_argv);
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V") ||
	    !strcmp(argv[1], "version")) {
		if (argc == 2)
			return version();
		fprintf(stderr, "ukmem %s: %s: no arguments are taken\n", argv[1], argv[2]);
		return usage(stderr);
	}
	i = find_command(argv[1]);
	if (i >= 0)
		return run_command((unsigned int)i, argc - 1, argv + 1);
	fprintf(stderr, "ukmem: unknown command '%s'\n", argv[1]);
	return usage(stderr);
}
