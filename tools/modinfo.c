// SPDX-License-Identifier: LGPL-2.1-or-later
/* tools/modinfo.c: `ukmem modinfo MODULE.ko...` -- a module file's .modinfo (license,
 * author, description, parameters, version magic ...) as Linux's modinfo(8) prints it,
 * read from the file without loading it (ukmem_modinfo()). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include "tool.h"

static const char help[] =
	"usage: ukmem modinfo MODULE.ko...\n"
	"\n"
	"Prints the information a module file carries (MODULE_LICENSE, MODULE_AUTHOR,\n"
	"MODULE_DESCRIPTION, MODULE_PARM_DESC, the version magic of the ukmem it was built\n"
	"for ...) without loading it, in the layout of Linux's modinfo(8).\n"
	"\n"
	"  -h, --help   print this help and exit\n"
	"\n"
	"Exit status: 0; 1 if a file cannot be read or is not a module; 2 for usage errors.\n";

/* The type that "parmtype=name:type" gives the parameter name, or NULL. */
static const char *param_type(const char *info, long len, const char *name, size_t nlen)
{
	for (const char *p = info; p < info + len; p += strlen(p) + 1)
		if (!strncmp(p, "parmtype=", 9) && !strncmp(p + 9, name, nlen) && p[9 + nlen] == ':')
			return p + 10 + nlen;
	return NULL;
}

static bool has_description(const char *info, long len, const char *name, size_t nlen)
{
	for (const char *p = info; p < info + len; p += strlen(p) + 1)
		if (!strncmp(p, "parm=", 5) && !strncmp(p + 5, name, nlen) && p[5 + nlen] == ':')
			return true;
	return false;
}

static int show(const char *path)
{
	long len = ukmem_modinfo(path, NULL, 0);
	char *info, real[PATH_MAX];

	if (len < 0) {
		fprintf(stderr, "ukmem modinfo: %s: %s\n", path,
			len == -ENOEXEC ? "not an ELF file" : strerror((int)-len));
		return EXIT_REPORTED;
	}
	if (len == 0) {
		fprintf(stderr, "ukmem modinfo: %s: no module information (.modinfo)\n", path);
		return EXIT_REPORTED;
	}
	info = calloc(1, (size_t)len + 1);
	if (!info || ukmem_modinfo(path, info, (size_t)len) != len) {
		free(info);
		fprintf(stderr, "ukmem modinfo: %s: cannot read\n", path);
		return EXIT_REPORTED;
	}
	printf("%-16s%s\n", "filename:", realpath(path, real) ? real : path);
	for (const char *p = info; p < info + len; p += strlen(p) + 1) {
		const char *eq = strchr(p, '=');

		if (!*p || !eq || !strncmp(p, "parmtype=", 9))
			continue;
		if (!strncmp(p, "parm=", 5)) {
			const char *colon = strchr(eq + 1, ':');
			size_t nlen = colon ? (size_t)(colon - eq - 1) : 0;
			const char *type = colon ? param_type(info, len, eq + 1, nlen) : NULL;

			printf("%-16s%s%s%s%s\n", "parm:", eq + 1, type ? " (" : "", type ? type : "",
			       type ? ")" : "");
			continue;
		}
		printf("%.*s:%*s%s\n", (int)(eq - p), p, (int)(15 - (eq - p) > 0 ? 15 - (eq - p) : 1),
		       "", eq + 1);
	}
	/* Parameters without a description still show with their type. */
	for (const char *p = info; p < info + len; p += strlen(p) + 1) {
		const char *colon = strncmp(p, "parmtype=", 9) ? NULL : strchr(p + 9, ':');

		if (colon && !has_description(info, len, p + 9, (size_t)(colon - p - 9)))
			printf("%-16s%.*s:(%s)\n", "parm:", (int)(colon - p - 9), p + 9, colon + 1);
	}
	free(info);
	return 0;
}

int cmd_modinfo(int argc, char **argv)
{
	int status = parse_no_options(argc, argv, help);

	if (status >= 0)
		return status;
	if (optind == argc)
		return usage_error(help, "which module?");
	if (check_module_args(help, argv + optind, argc - optind))
		return EXIT_USAGE;
	status = 0;
	for (int i = optind; i < argc; i++)
		if (show(argv[i]))
			status = EXIT_REPORTED;
	return status;
}
