/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tests/helpers/sysfile.h: reading and writing the machine's files (/sys, /dev, /proc)
 * through the user side, as cat and echo would. */
#ifndef UKMEM_TEST_SYSFILE_H
#define UKMEM_TEST_SYSFILE_H
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
/* The text one read(2) of up to size-1 bytes gives ("" if it cannot be opened). */
char *sysfile_read(const char *path, char *buf, size_t size);
/* Writes text in one write: its count, or -errno of the open or the write. */
ssize_t sysfile_write(const char *path, const char *text);
bool sysfile_exists(const char *path);
#endif
