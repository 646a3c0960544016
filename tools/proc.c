// SPDX-License-Identifier: LGPL-2.1-or-later
/* tools/proc.c: `ukmem proc [--pid N] FILE` -- prints a view (/proc/slabinfo, /dev/kmsg,
 * ...) of a machine running in another process, through its control socket. */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include "tool.h"

static const char help[] =
	"usage: ukmem proc [--pid N] FILE\n"
	"\n"
	"Prints a view of a machine that `ukmem run --serve` keeps up in another process:\n"
	"FILE is a /proc file (slabinfo, /proc/meminfo, buddyinfo, vmallocinfo, iomem, ...;\n"
	"names without a slash are under /proc) or /dev/kmsg, the kernel log.\n"
	"\n"
	"  -p, --pid N   the `ukmem run` process to ask (default: the newest one serving,\n"
	"                or the socket $UKMEM_CTL names)\n"
	"  -h, --help    print this help and exit\n"
	"\n"
	"Exit status: 0; 1 if no machine answers or it has no such view; 2 for a usage error.\n";

int parse_pid_option(const char *help, const char *arg, pid_t *pid)
{
	long value;

	if (!parse_long(arg, 1, INT32_MAX, &value))
		return usage_error(help, "--pid %s: not a process id", arg);
	*pid = (pid_t)value;
	return 0;
}

char *served_view(pid_t pid, const char *path)
{
	char socket_path[4096];
	ssize_t len;
	char *buf;

	if (ctl_socket_for(pid, socket_path, sizeof(socket_path)))
		return NULL;
	len = ukmem_ctl_read(socket_path, path, NULL, 0);
	buf = len >= 0 ? malloc((size_t)len + 1) : NULL;
	if (buf)
		len = ukmem_ctl_read(socket_path, path, buf, (size_t)len + 1);
	if (!buf || len < 0) {
		fprintf(stderr, "ukmem: %s from %s: %s\n", path, socket_path, strerror(errno));
		free(buf);
		return NULL;
	}
	return buf;
}

int cmd_proc(int argc, char **argv)
{
	static const struct option options[] = {
		{ "pid", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *file;
	char path[256];
	pid_t pid = 0;
	char *buf;
	int opt;

	while ((opt = getopt_long(argc, argv, "p:h", options, NULL)) != -1) {
		switch (opt) {
		case 'p':
			if (parse_pid_option(help, optarg, &pid))
				return EXIT_USAGE;
			break;
		case 'h':
			return print_help(help);
		default:
			return usage_error(help, NULL);
		}
	}
	if (optind != argc - 1)
		return usage_error(help, optind == argc ? "which view? (e.g. slabinfo)" :
				   "one view at a time");
	file = argv[optind];
	if (!*file)
		return usage_error(help, "an empty view name");
	if (snprintf(path, sizeof(path), "%s%s", file[0] == '/' ? "" : "/proc/", file) >=
	    (int)sizeof(path))
		return usage_error(help, "%.40s...: %s", file, strerror(ENAMETOOLONG));
	buf = served_view(pid, path);
	if (!buf)
		return EXIT_REPORTED;
	fputs(buf, stdout);
	free(buf);
	return 0;
}
