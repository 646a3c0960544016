// SPDX-License-Identifier: LGPL-2.1-or-later
/* tests/helpers/sysfile.c: see sysfile.h. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <ukmem.h>
#include "sysfile.h"

char *sysfile_read(const char *path, char *buf, size_t size)
{
	int fd = ukmem_open(path, O_RDONLY);
	ssize_t n;

	buf[0] = '\0';
	if (fd < 0)
		return buf;
	n = ukmem_read(fd, buf, size - 1);
	buf[n > 0 ? n : 0] = '\0';
	ukmem_close(fd);
	return buf;
}

ssize_t sysfile_write(const char *path, const char *text)
{
	int fd = ukmem_open(path, O_WRONLY);
	ssize_t n;
	int err;

	if (fd < 0)
		return -errno;
	n = ukmem_write(fd, text, strlen(text));
	err = errno;
	ukmem_close(fd);
	return n < 0 ? -err : n;
}

bool sysfile_exists(const char *path)
{
	struct ukmem_stat st;

	return ukmem_stat(path, &st) == 0;
}
