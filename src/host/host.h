/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* host/host.h: the few host system calls ukmem makes, in one place: memory files,
 * address-space reservations and fixed mappings, hole punching, thread stacks. */
#ifndef UKMEM_HOST_H
#define UKMEM_HOST_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <sys/types.h>

/* Nonzero while this thread does host-level work of the library's own (a fault report,
 * starting a service thread): under the malloc preload (malloc/) the C library, not
 * kmalloc, serves the mallocs made meanwhile, which may happen in any context. */
extern __thread unsigned int ukmem_inside __attribute__((tls_model("initial-exec")));
/* The compiler may move a store across malloc(), which it assumes reads no program
 * memory: the barriers keep the count set around the calls. */
static inline void host_own_begin(void)
{
	ukmem_inside++;
	__asm__ __volatile__("" ::: "memory");
}
static inline void host_own_end(void)
{
	__asm__ __volatile__("" ::: "memory");
	ukmem_inside--;
}

int host_memfd_create(const char *name, size_t size);	/* fd, or -errno */
/* fork(2) support (host/memfd_fork.c): a copy of fd's data in a new memory file (fd, or
 * -errno); and moving every shared mapping of fd in this process onto the copy, after
 * which fd's number refers to the copy (0 or -errno). */
int host_memfd_clone(int fd, const char *name);
int host_memfd_rebind(int fd, int copy);
void host_close(int fd);
/* Reserves size bytes of address space (PROT_NONE, nothing committed), preferring hint. */
void *host_reserve(size_t size, void *hint);
void host_release(void *addr, size_t size);
/* Maps [offset, offset+size) of fd shared and read-write at addr, inside a reservation;
 * populate enters every page in the host's page tables at once (and commits it). */
int host_map_file(void *addr, int fd, off_t offset, size_t size, bool populate);
/* As host_map_file, with a user mapping's protection (PROT_* bits) and sharing: a
 * private mapping gets its own copy of a page at the first write, as mmap(2) gives. */
int host_map_file_prot(void *addr, int fd, off_t offset, size_t size, int prot, bool shared);
/* The whole of fd (size bytes) mapped shared and read-write wherever the host puts it
 * (a device's memory, seen by its model); NULL on failure. host_release() unmaps it. */
void *host_map_shared(int fd, size_t size);
/* Anonymous read-write memory, committed lazily (MAP_NORESERVE). */
void *host_alloc_lazy(size_t size);
/* Back to a reserved hole (PROT_NONE, nothing committed). Also at the process's
 * vm.max_map_count, by unmapping first: -ENOMEM only if even that needs a mapping split
 * the limit refuses (nothing changed then), -EEXIST if another mapping took the range
 * in between (the range is no longer ours). */
int host_protect_none(void *addr, size_t size);
int host_max_map_count(void);	/* /proc/sys/vm/max_map_count, or -1 */
int host_map_count(void);	/* the process's mappings now (lines of /proc/self/maps) */
/* Calls fn with [lo, hi) of each of the process's mappings, in address order (from
 * /proc/self/maps, read without allocating). 0, or -errno if it cannot be read. */
int host_for_each_mapping(void (*fn)(unsigned long lo, unsigned long hi, void *arg), void *arg);
/* Makes mapped pages inaccessible (an access faults) or read-write again, keeping them. */
int host_set_access(void *addr, size_t size, bool accessible);
/* Enters mapped pages of a shared file mapping in the host's page tables, writable,
 * allocating the file's pages: one call instead of a fault per page (MADV_POPULATE_WRITE;
 * nothing happens on hosts without it). A range whose pages the file holds already is
 * left as it is. */
void host_populate_write(void *addr, size_t size);
/* Makes mapped pages read-only (a write faults), keeping them. */
int host_write_protect(void *addr, size_t size);
int host_punch_hole(int fd, off_t offset, size_t size);
size_t host_file_resident(int fd);	/* bytes of fd's pages the host holds */
/* Random bits from the host (getrandom(2); the clock and pid if it has none to give). */
unsigned long host_random_long(void);
int host_cpu_count(void);
int host_current_cpu_slow(void);

/* This thread's struct rseq, which glibc registers for every thread, and the offsets of
 * the fields ukmem uses (Linux's uapi layout). */
#define HOST_RSEQ_CPU_ID_START	0
#define HOST_RSEQ_CPU_ID	4
#define HOST_RSEQ_CS		8
static inline char *host_rseq_area(void)
{
	extern const ptrdiff_t __rseq_offset;

	return (char *)__builtin_thread_pointer() + __rseq_offset;
}

/* The CPU this thread runs on. The kernel keeps rseq's cpu_id current: two loads, no
 * system call. Without rseq, getcpu(). */
static inline int host_current_cpu(void)
{
	extern const unsigned int __rseq_size;

	if (__builtin_expect(__rseq_size != 0, 1)) {
		int cpu = (int)*(const volatile unsigned int *)(host_rseq_area() +
								HOST_RSEQ_CPU_ID_START);

		if (cpu >= 0)
			return cpu;
	}
	return host_current_cpu_slow();
}
int host_backtrace(void **frames, int max);

#endif
