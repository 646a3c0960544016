// SPDX-License-Identifier: LGPL-2.1-or-later
/* tools/kbuild.c: `ukmem kbuild-dir` -- where ukmem's Kbuild directory is, for
 * `make -C "$(ukmem kbuild-dir)" M=$PWD` (the same directory as pkg-config's
 * `--variable=kbuilddir ukmem-kapi`). Found next to this program: the installed tree's
 * (UKMEM_KBUILD_FROM_BINDIR, relative to the program's directory) or the build tree's. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tool.h"

static const char help[] =
	"usage: ukmem kbuild-dir\n"
	"\n"
	"Prints the path of ukmem's Kbuild directory, which builds out-of-tree modules\n"
	"with Linux's interface:  make -C \"$(ukmem kbuild-dir)\" M=$PWD\n"
	"\n"
	"  -h, --help   print this help and exit\n"
	"\n"
	"Exit status: 0; 1 if the directory is not found; 2 for usage errors.\n";

int find_kbuild_dir(char *buf, size_t size)
{
	static const char *const candidates[] = { UKMEM_KBUILD_FROM_BINDIR, "../lib/ukmem/kbuild" };
	char exe[PATH_MAX], path[PATH_MAX + 64], real[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (len < 0)
		return -1;
	exe[len] = '\0';
	*strrchr(exe, '/') = '\0';
	for (size_t i = 0; i < sizeof(candidates) / sizeof(candidates[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s/Makefile", exe, candidates[i]);
		if (access(path, R_OK) == 0 && realpath(path, real)) {
			*strrchr(real, '/') = '\0';
			snprintf(buf, size, "%s", real);
			return 0;
		}
	}
	fprintf(stderr, "ukmem: no Kbuild directory next to %s\n", exe);
	return -1;
}

int cmd_kbuild_dir(int argc, char **argv)
{
	int status = parse_no_options(argc, argv, help);
	char dir[PATH_MAX];

	if (status >= 0)
		return status;
	if (optind != argc)
		return usage_error(help, "no arguments expected");
	if (find_kbuild_dir(dir, sizeof(dir)))
		return EXIT_REPORTED;
	puts(dir);
	return 0;
}
