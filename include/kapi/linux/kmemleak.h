/* linux/kmemleak.h: telling kmemleak about memory. The allocators register their
 * objects themselves; a driver that carves objects out of memory it manages (pages,
 * a pool) registers them with kmemleak_alloc()/kmemleak_free(). min_count is how many
 * references make the object "not a leak": 1 normally, 0 for an object that is never
 * reported but is scanned (a root). All of these do nothing unless kmemleak=on. */
#ifndef UKMEM_LINUX_KMEMLEAK_H
#define UKMEM_LINUX_KMEMLEAK_H

#include <linux/types.h>

struct vm_struct;

void kmemleak_alloc(const void *ptr, size_t size, int min_count, gfp_t gfp);
void kmemleak_vmalloc(const struct vm_struct *area, size_t size, gfp_t gfp);
void kmemleak_free(const void *ptr);
/* Never reported, still scanned for pointers to other objects. */
void kmemleak_not_leak(const void *ptr);
/* Never reported and never scanned. */
void kmemleak_ignore(const void *ptr);
/* Reported if unreferenced, but its contents are not scanned. */
void kmemleak_no_scan(const void *ptr);

/* Clears a local that still points at an object once the pointer was handed over. */
static inline void kmemleak_erase(void **ptr)
{
	*ptr = NULL;
}

#endif
