// SPDX-License-Identifier: LGPL-2.1-or-later
/* host/memfd_fork.c: what fork(2) needs from the host for a memory file that is mapped
 * shared. A child of fork() inherits shared mappings, so without help parent and child
 * would write the same "physical" pages while each keeps its own private struct pages.
 * host_memfd_clone() copies a memory file's data (its holes stay holes, so only what is
 * committed is copied); host_memfd_rebind() then points every shared mapping of the old
 * file in this process at the same offsets of the copy, found in /proc/self/maps by the
 * file's device and inode. Neither allocates heap memory: they run inside fork handlers,
 * possibly under a malloc that is ukmem itself. */
#include "host/host.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/* Copies [off, end) of in to the same offsets of out. */
static int copy_extent(int in, int out, off_t off, off_t end)
{
	static char buf[1 << 16];

	while (off < end) {
		off_t in_off = off, out_off = off;
		ssize_t n = copy_file_range(in, &in_off, out, &out_off, (size_t)(end - off), 0);

		if (n < 0 && (errno == EXDEV || errno == ENOSYS || errno == EINVAL ||
			      errno == EOPNOTSUPP)) {
			size_t chunk = (size_t)(end - off) < sizeof(buf) ? (size_t)(end - off) : sizeof(buf);

			n = pread(in, buf, chunk, off);
			if (n > 0 && pwrite(out, buf, (size_t)n, off) != n)
				n = -1;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		off += n;
	}
	return 0;
}

int host_memfd_clone(int fd, const char *name)
{
	struct stat st;
	off_t data, hole;
	int copy, err = 0;

	if (fstat(fd, &st) < 0)
		return -errno;
	copy = host_memfd_create(name, (size_t)st.st_size);
	if (copy < 0)
		return copy;
	for (data = lseek(fd, 0, SEEK_DATA); data >= 0 && data < st.st_size;
	     data = lseek(fd, hole, SEEK_DATA)) {
		hole = lseek(fd, data, SEEK_HOLE);
		if (hole < 0) {
			err = -errno;
			break;
		}
		err = copy_extent(fd, copy, data, hole);
		if (err)
			break;
	}
	if (!err && data < 0 && errno != ENXIO)
		err = -errno;
	if (err) {
		close(copy);
		return err;
	}
	return copy;
}

struct maps_line {
	unsigned long start, end, offset, inode;
	unsigned int dev_major, dev_minor;
	char perms[5];
};

/* Moves one mapping onto the copy, keeping address, offset and protection. */
static int rebind(const struct maps_line *m, int copy)
{
	int prot = (m->perms[0] == 'r' ? PROT_READ : 0) | (m->perms[1] == 'w' ? PROT_WRITE : 0) |
		   (m->perms[2] == 'x' ? PROT_EXEC : 0);
	void *p = mmap((void *)m->start, m->end - m->start, prot, MAP_SHARED | MAP_FIXED, copy,
		       (off_t)m->offset);

	return p == MAP_FAILED ? -errno : 0;
}

/* One pass over /proc/self/maps; returns how many mappings were moved, or -errno. */
static int rebind_pass(const struct stat *old, int copy)
{
	static char buf[8192];
	size_t have = 0;
	int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC), moved = 0, err = 0;

	if (fd < 0)
		return -errno;
	for (;;) {
		ssize_t n = read(fd, buf + have, sizeof(buf) - 1 - have);
		char *line, *nl;

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		have += (size_t)n;
		buf[have] = '\0';
		for (line = buf; (nl = strchr(line, '\n')); line = nl + 1) {
			struct maps_line m;

			*nl = '\0';
			if (sscanf(line, "%lx-%lx %4s %lx %x:%x %lu", &m.start, &m.end, m.perms,
				   &m.offset, &m.dev_major, &m.dev_minor, &m.inode) != 7)
				continue;
			if (m.inode != old->st_ino || makedev(m.dev_major, m.dev_minor) != old->st_dev ||
			    m.perms[3] != 's')
				continue;
			err = rebind(&m, copy);
			if (err)
				goto out;
			moved++;
		}
		have = strlen(line);
		memmove(buf, line, have);
	}
out:
	close(fd);
	return err ? err : moved;
}

int host_memfd_rebind(int fd, int copy)
{
	struct stat old;
	int moved;

	if (fstat(fd, &old) < 0)
		return -errno;
	/* A pass reads the list while changing it; repeat until nothing is left. */
	do {
		moved = rebind_pass(&old, copy);
	} while (moved > 0);
	if (moved < 0)
		return moved;
	return dup2(copy, fd) < 0 ? -errno : 0;
}
