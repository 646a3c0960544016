/* host/host.h: the few host system calls ukmem makes, in one place: memory files,
 * address-space reservations and fixed mappings, hole punching, thread stacks. */
#ifndef UKMEM_HOST_H
#define UKMEM_HOST_H

#include <stddef.h>
#include <stdbool.h>
#include <sys/types.h>

int host_memfd_create(const char *name, size_t size);	/* fd, or -errno */
void host_close(int fd);
/* Reserves size bytes of address space (PROT_NONE, nothing committed), preferring hint. */
void *host_reserve(size_t size, void *hint);
void host_release(void *addr, size_t size);
/* Maps [offset, offset+size) of fd shared and read-write at addr, inside a reservation;
 * populate enters every page in the host's page tables at once (and commits it). */
int host_map_file(void *addr, int fd, off_t offset, size_t size, bool populate);
/* Anonymous read-write memory, committed lazily (MAP_NORESERVE). */
void *host_alloc_lazy(size_t size);
int host_protect_none(void *addr, size_t size);	/* back to a reserved hole */
int host_punch_hole(int fd, off_t offset, size_t size);
size_t host_file_resident(int fd);	/* bytes of fd's pages the host holds */
int host_cpu_count(void);
int host_current_cpu(void);
int host_backtrace(void **frames, int max);

#endif
