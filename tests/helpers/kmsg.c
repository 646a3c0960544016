/* tests/helpers/kmsg.c: test-side readers of /dev/kmsg and /proc views. */
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include "kmsg.h"

char *proc_text(const char *path)
{
	ssize_t len = ukmem_proc_read(path, NULL, 0);
	char *buf;

	if (len < 0)
		return NULL;
	buf = malloc((size_t)len + 1);
	ukmem_proc_read(path, buf, (size_t)len + 1);
	return buf;
}

bool kmsg_contains(const char *needle)
{
	return kmsg_count(needle) > 0;
}

size_t kmsg_count(const char *needle)
{
	char *log = proc_text("/dev/kmsg"), *line, *save = NULL;
	size_t n = 0;

	for (line = strtok_r(log, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		if (strstr(line, needle))
			n++;
	free(log);
	return n;
}
