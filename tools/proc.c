/* tools/proc.c: `ukmem proc [--pid N] FILE` -- prints a view (/proc/slabinfo, /dev/kmsg,
 * ...) of a machine running in another process, through its control socket. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include "tool.h"

int cmd_proc(int argc, char **argv)
{
	const char *pid = NULL, *file = NULL;
	char socket_path[4096], path[256];
	ssize_t len;
	char *buf;

	for (int i = 1; i < argc; i++)
		if (!take_option(argc, argv, &i, "--pid", &pid))
			file = argv[i];
	if (!file) {
		fprintf(stderr, "usage: ukmem proc [--pid N] FILE   (e.g. slabinfo, /proc/meminfo)\n");
		return EXIT_USAGE;
	}
	if (ctl_socket_for(pid ? atoi(pid) : 0, socket_path, sizeof(socket_path)))
		return EXIT_REPORTED;
	snprintf(path, sizeof(path), "%s%s", file[0] == '/' ? "" : "/proc/", file);
	len = ukmem_ctl_read(socket_path, path, NULL, 0);
	buf = len >= 0 ? malloc((size_t)len + 1) : NULL;
	if (buf)
		len = ukmem_ctl_read(socket_path, path, buf, (size_t)len + 1);
	if (!buf || len < 0) {
		fprintf(stderr, "ukmem: %s from %s: %s\n", path, socket_path, strerror(errno));
		free(buf);
		return EXIT_REPORTED;
	}
	fputs(buf, stdout);
	free(buf);
	return 0;
}
