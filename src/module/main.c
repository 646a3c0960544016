// SPDX-License-Identifier: LGPL-2.1-or-later
/* module/main.c: main() of libukmem-module. Linking kernel-style modules with it gives a
 * program that boots the machine (command line: argv joined, plus UKMEM_CMDLINE), runs
 * every module_init in link order, then the module_exits in reverse, and shuts down.
 * Exit status: 0, or 1 if an init failed or any report (BUG, WARNING, ...) was printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>

static char *join_args(int argc, char **argv)
{
	size_t len = 1;
	char *cmdline;

	for (int i = 1; i < argc; i++)
		len += strlen(argv[i]) + 1;
	cmdline = calloc(1, len);
	if (!cmdline)
		return NULL;
	for (int i = 1; i < argc; i++) {
		if (i > 1)
			strcat(cmdline, " ");
		strcat(cmdline, argv[i]);
	}
	return cmdline;
}

int main(int argc, char **argv)
{
	char *cmdline = join_args(argc, argv);
	int failed, err;
	unsigned long reports;

	if (!cmdline)
		return 1;
	err = ukmem_boot(cmdline);
	free(cmdline);
	if (err) {
		fprintf(stderr, "%s: the machine failed to boot: %s\n", argv[0], strerror(-err));
		return 1;
	}
	failed = ukmem_module_init_builtin();
	ukmem_module_exit_builtin();
	reports = ukmem_report_count();
	ukmem_shutdown();
	if (failed)
		fprintf(stderr, "%s: %d module init call(s) failed\n", argv[0], failed);
	if (reports)
		fprintf(stderr, "%s: %lu report(s) printed\n", argv[0], reports);
	return failed || reports ? 1 : 0;
}
