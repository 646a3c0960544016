/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* mm/vmap_area.h: the vmalloc address space, carved into areas. Busy areas are found by
 * address, free space by size; freed areas wait on a lazy list until enough gathered to
 * unmap them from the host in one batch. */
#ifndef UKMEM_MM_VMAP_AREA_H
#define UKMEM_MM_VMAP_AREA_H

#include <linux/list.h>
#include <linux/rbtree.h>

struct vm_struct;

/* 64 bytes, as Linux 6.1's (/proc/slabinfo's objsize of vmap_area): a free area uses
 * size_node, a busy or lazily freed one purge_list and vm, never both at once. */
struct vmap_area {
	unsigned long va_start;
	unsigned long va_end;		/* exclusive */
	struct rb_node rb_node;		/* busy tree or free tree, by address */
	union {
		struct rb_node size_node;	/* free: the tree by (size, address) */
		struct {
			struct list_head purge_list;	/* lazily freed, not yet unmapped */
			/* NULL for vm_map_ram areas. On the lazy list never dereferenced
			 * (the vm_struct may be gone): non-NULL says the area ends with a
			 * guard page, never mapped. */
			struct vm_struct *vm;
		};
	};
};
_Static_assert(sizeof(struct vmap_area) == 64, "Linux 6.1's size");

/* A free range of size bytes aligned to align inside [vstart, vend), or NULL. Purges
 * the lazy list and retries once before giving up. */
struct vmap_area *alloc_vmap_area(unsigned long size, unsigned long align,
				  unsigned long vstart, unsigned long vend, gfp_t gfp);
/* Takes a busy area out of the busy tree and onto the lazy list (its host mapping and
 * address range are released at the next purge). */
void free_vmap_area_lazy(struct vmap_area *va);
struct vmap_area *find_vmap_area(unsigned long addr);
/* Calls fn for each busy area in address order and each unpurged one, under the lock. */
void vmap_area_for_each(void (*busy)(struct vmap_area *va, void *arg),
			void (*unpurged)(struct vmap_area *va, void *arg), void *arg);
void purge_vmap_areas(void);
int vmap_area_init(unsigned long start, unsigned long end);
void vmap_area_exit(void);

#endif
