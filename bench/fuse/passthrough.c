// SPDX-License-Identifier: LGPL-2.1-or-later
/* bench/fuse/passthrough.c: the smallest passthrough file system, written from
 * libfuse3's documented high-level API as its passthrough example is: every path under
 * the mount is the same path under SOURCE, opened with the host's open(2) and read with
 * pread(2). The FUSE peer of `ukmem run --mount` in bench/fuse/run.sh.
 * Usage: passthrough SOURCE MOUNTPOINT [FUSE options, e.g. -f] */
#define FUSE_USE_VERSION 31
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fuse.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char source[PATH_MAX];

static void real(char *out, const char *path)
{
	snprintf(out, PATH_MAX, "%s%s", source, path);
}

static int pt_getattr(const char *path, struct stat *st, struct fuse_file_info *fi)
{
	char p[PATH_MAX];

	real(p, path);
	return lstat(p, st) ? -errno : 0;
}

static int pt_readdir(const char *path, void *buf, fuse_fill_dir_t filler, off_t off,
		      struct fuse_file_info *fi, enum fuse_readdir_flags flags)
{
	char p[PATH_MAX];
	struct dirent *de;
	DIR *d;

	real(p, path);
	d = opendir(p);
	if (!d)
		return -errno;
	while ((de = readdir(d)))
		filler(buf, de->d_name, NULL, 0, 0);
	closedir(d);
	return 0;
}

static int pt_open(const char *path, struct fuse_file_info *fi)
{
	char p[PATH_MAX];
	int fd;

	real(p, path);
	fd = open(p, fi->flags);
	if (fd < 0)
		return -errno;
	fi->fh = (uint64_t)fd;
	return 0;
}

static int pt_read(const char *path, char *buf, size_t size, off_t off, struct fuse_file_info *fi)
{
	ssize_t n = pread((int)fi->fh, buf, size, off);

	return n < 0 ? -errno : (int)n;
}

static int pt_release(const char *path, struct fuse_file_info *fi)
{
	close((int)fi->fh);
	return 0;
}

static const struct fuse_operations pt_ops = {
	.getattr = pt_getattr,
	.readdir = pt_readdir,
	.open = pt_open,
	.read = pt_read,
	.release = pt_release,
};

int main(int argc, char **argv)
{
	if (argc < 3 || !realpath(argv[1], source)) {
		fprintf(stderr, "usage: passthrough SOURCE MOUNTPOINT [FUSE options]\n");
		return 2;
	}
	argv[1] = argv[0];
	return fuse_main(argc - 1, argv + 1, &pt_ops, NULL);
}
