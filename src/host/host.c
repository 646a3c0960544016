// SPDX-License-Identifier: LGPL-2.1-or-later
/* host/host.c: thin wrappers over memfd_create, mmap, fallocate and friends. Nothing
 * above this file calls mmap or fallocate directly. Errors come back as -errno. */
#include "host/host.h"

#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int host_memfd_create(const char *name, size_t size)
{
	int fd = memfd_create(name, MFD_CLOEXEC);

	if (fd < 0)
		return -errno;
	if (ftruncate(fd, (off_t)size) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

void host_close(int fd)
{
	if (fd >= 0)
		close(fd);
}

void *host_reserve(size_t size, void *hint)
{
	int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
	void *p = MAP_FAILED;

	if (hint)
		p = mmap(hint, size, PROT_NONE, flags | MAP_FIXED_NOREPLACE, -1, 0);
	if (p == MAP_FAILED)
		p = mmap(NULL, size, PROT_NONE, flags, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

void host_release(void *addr, size_t size)
{
	if (addr && size)
		munmap(addr, size);
}

int host_map_file(void *addr, int fd, off_t offset, size_t size, bool populate)
{
	int flags = MAP_SHARED | MAP_FIXED | (populate ? MAP_POPULATE : 0);
	void *p = mmap(addr, size, PROT_READ | PROT_WRITE, flags, fd, offset);

	return p == MAP_FAILED ? -errno : 0;
}

int host_map_file_prot(void *addr, int fd, off_t offset, size_t size, int prot, bool shared)
{
	int flags = (shared ? MAP_SHARED : MAP_PRIVATE) | MAP_FIXED;
	void *p = mmap(addr, size, prot, flags, fd, offset);

	return p == MAP_FAILED ? -errno : 0;
}

void *host_map_shared(int fd, size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

	return p == MAP_FAILED ? NULL : p;
}

void *host_alloc_lazy(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

#define RESERVE_FLAGS	(MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE)

/* At vm.max_map_count a MAP_FIXED mapping is refused before it would replace (and merge
 * with) what is there; unmapping first lowers the count, and the new reservation then
 * merges with its reserved neighbours. Between the two calls another thread's mmap may
 * take the hole: MAP_FIXED_NOREPLACE then fails with EEXIST and the range is lost. */
static int protect_none_at_limit(void *addr, size_t size)
{
	void *p;

	if (munmap(addr, size))
		return -errno;
	p = mmap(addr, size, PROT_NONE, RESERVE_FLAGS | MAP_FIXED_NOREPLACE, -1, 0);
	if (p == MAP_FAILED)
		return -errno;
	if (p != addr) {		/* a kernel that ignores MAP_FIXED_NOREPLACE */
		munmap(p, size);
		return -EEXIST;
	}
	return 0;
}

int host_protect_none(void *addr, size_t size)
{
	void *p = mmap(addr, size, PROT_NONE, RESERVE_FLAGS | MAP_FIXED, -1, 0);

	if (p != MAP_FAILED)
		return 0;
	return errno == ENOMEM ? protect_none_at_limit(addr, size) : -errno;
}

int host_max_map_count(void)
{
	char text[32];
	int fd = open("/proc/sys/vm/max_map_count", O_RDONLY | O_CLOEXEC), n = -1;
	ssize_t len;

	if (fd < 0)
		return -1;
	len = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (len > 0) {
		text[len] = '\0';
		n = atoi(text);
	}
	return n;
}

int host_map_count(void)
{
	char buf[65536];
	int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC), n = 0;
	ssize_t len;

	if (fd < 0)
		return -1;
	while ((len = read(fd, buf, sizeof(buf))) > 0)
		for (ssize_t i = 0; i < len; i++)
			n += buf[i] == '\n';
	close(fd);
	return n;
}

int host_for_each_mapping(void (*fn)(unsigned long lo, unsigned long hi, void *arg), void *arg)
{
	char buf[4096];
	int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
	size_t kept = 0;
	ssize_t len;

	if (fd < 0)
		return -errno;
	while ((len = read(fd, buf + kept, sizeof(buf) - kept)) > 0) {
		char *line = buf, *end = buf + kept + len, *nl;

		while ((nl = memchr(line, '\n', (size_t)(end - line)))) {
			char *dash;
			unsigned long lo = strtoul(line, &dash, 16);

			if (*dash == '-')
				fn(lo, strtoul(dash + 1, NULL, 16), arg);
			line = nl + 1;
		}
		kept = (size_t)(end - line);	/* a line cut by the read: keep its start */
		memmove(buf, line, kept);
		if (kept == sizeof(buf))
			kept = 0;		/* no line is that long; drop it */
	}
	close(fd);
	return len < 0 ? -EIO : 0;
}

int host_set_access(void *addr, size_t size, bool accessible)
{
	return mprotect(addr, size, accessible ? PROT_READ | PROT_WRITE : PROT_NONE) ? -errno : 0;
}

#define HOST_PAGE_SIZE	4096UL	/* x86-64's base page: the machine's PAGE_SIZE too */

/* Whether the file behind [addr, addr + size) holds every page already (mincore: a
 * look at the page cache, some 40 times cheaper than populating a range that needs
 * nothing). */
static bool host_range_resident(void *addr, size_t size)
{
	unsigned char vec[512];
	size_t chunk = sizeof(vec) * HOST_PAGE_SIZE;

	for (size_t off = 0; off < size; off += chunk) {
		size_t len = size - off < chunk ? size - off : chunk;

		if (mincore((char *)addr + off, len, vec))
			return false;
		for (size_t i = 0; i < len / HOST_PAGE_SIZE; i++)
			if (!(vec[i] & 1))
				return false;
	}
	return true;
}

void host_populate_write(void *addr, size_t size)
{
#ifdef MADV_POPULATE_WRITE
	if (!host_range_resident(addr, size))
		madvise(addr, size, MADV_POPULATE_WRITE);
#endif
}

int host_write_protect(void *addr, size_t size)
{
	return mprotect(addr, size, PROT_READ) ? -errno : 0;
}

int host_punch_hole(int fd, off_t offset, size_t size)
{
	if (fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, (off_t)size) < 0)
		return -errno;
	return 0;
}

size_t host_file_resident(int fd)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return 0;
	return (size_t)st.st_blocks * 512;
}

unsigned long host_random_long(void)
{
	unsigned long v = 0;

	if (getrandom(&v, sizeof(v), GRND_NONBLOCK) != sizeof(v)) {
		struct timespec ts;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		v = ((unsigned long)ts.tv_nsec * 0x9e3779b97f4a7c15UL) ^ ((unsigned long)getpid() << 32);
	}
	return v;
}

int host_cpu_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_CONF);

	return n > 0 ? (int)n : 1;
}

int host_current_cpu_slow(void)
{
	int cpu = sched_getcpu();

	return cpu < 0 ? 0 : cpu;
}

int host_backtrace(void **frames, int max)
{
	return backtrace(frames, max);
}
