// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/usercopy.c: HARDENED_USERCOPY. Before copy_to_user/copy_from_user touch a kernel
 * buffer, __check_object_size() makes sure the range does not wrap or start at NULL, and
 * lies inside one heap object: for a slab object, inside its cache's usercopy region
 * (kmem_cache_create_usercopy's useroffset/usersize; a kmalloc cache's region is the
 * whole object, a cache made without one has none), past a slub_debug left red zone;
 * for vmalloc memory, inside one area (the guard page counts, as in Linux); for a page
 * block, inside the block. A bad copy is the kernel's "usercopy: Kernel memory
 * exposure/overwrite attempt detected ..." and BUG. hardened_usercopy=0 turns it off
 * (on by default, as in distribution kernels). Stack and kernel-text checks are not
 * made: ukmem's stack is the host thread's and its text is the program's. */
#include <errno.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/kfence.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/thread_info.h>
#include <linux/vmalloc.h>
#include <linux/export.h>
#include "kernel/params.h"
#include "mm/slab.h"
#include "mm/vmap_area.h"

bool hardened_usercopy_enabled = true;
EXPORT_SYMBOL(hardened_usercopy_enabled);

static int set_hardened_usercopy(const char *v)
{
	return params_bool(v, &hardened_usercopy_enabled) ? 0 : -EINVAL;
}
UKMEM_SETUP("hardened_usercopy=", set_hardened_usercopy, "1");

__noreturn static void usercopy_abort(const char *name, const char *detail, bool to_user,
				      unsigned long offset, unsigned long len)
{
	pr_emerg("usercopy: Kernel memory %s attempt detected %s %s%s%s%s (offset %lu, size %lu)!\n",
		 to_user ? "exposure" : "overwrite", to_user ? "from" : "to",
		 name ? name : "unknown?!", detail ? " '" : "", detail ? detail : "",
		 detail ? "'" : "", offset, len);
	BUG();
}

static void check_slab_object(const void *ptr, unsigned long n, struct slab *slab, bool to_user)
{
	struct kmem_cache *s = slab->slab_cache;
	unsigned long offset = ((unsigned long)ptr - (unsigned long)slab_address(slab)) % s->size;
	bool kfence = is_kfence_address(ptr);
	unsigned int useroffset = s->useroffset;
	unsigned int usersize = (s->flags & SLAB_KMALLOC) ? s->object_size : s->usersize;

	if (kfence) {
		offset = (unsigned long)ptr - (unsigned long)kfence_object_start(ptr);
	} else if (s->flags & SLAB_RED_ZONE) {
		if (offset < s->red_left_pad)
			usercopy_abort("SLUB object in left red zone", s->name, to_user, offset, n);
		offset -= s->red_left_pad;
	}
	if (offset >= useroffset && offset - useroffset <= usersize &&
	    n <= useroffset - offset + usersize)
		return;
	usercopy_abort("SLUB object", s->name, to_user, offset, n);
}

static void check_heap_object(const void *ptr, unsigned long n, bool to_user)
{
	unsigned long addr = (unsigned long)ptr, offset;
	struct page *head;
	struct slab *slab;

	if (is_vmalloc_addr(ptr)) {
		struct vmap_area *va = find_vmap_area(addr);

		if (!va)
			usercopy_abort("vmalloc", "no area", to_user, 0, n);
		if (n > va->va_end - addr)
			usercopy_abort("vmalloc", NULL, to_user, addr - va->va_start, n);
		return;
	}
	if (!virt_in_ram(ptr))
		return;
	slab = virt_to_slab(ptr);
	if (slab) {
		check_slab_object(ptr, n, slab, to_user);
		return;
	}
	head = compound_head(virt_to_page(ptr));
	if (PageHead(head)) {
		offset = addr - (unsigned long)page_address(head);
		if (n > (PAGE_SIZE << compound_order(head)) - offset)
			usercopy_abort("page alloc", NULL, to_user, offset, n);
	}
}

/**
 * __check_object_size - check a user copy's kernel buffer (CONFIG_HARDENED_USERCOPY)
 * @ptr: the kernel buffer
 * @n: the length of the copy
 * @to_user: true for copy_to_user(), false for copy_from_user()
 *
 * A copy that wraps, touches NULL, overruns a slab object or leaves a cache's usercopy
 * region is reported ("usercopy: Kernel memory ... attempt detected") and the call
 * does not return, as in Linux 6.1.
 *
 * Context: any context the copy itself is allowed in.
 */
void __check_object_size(const void *ptr, unsigned long n, bool to_user)
{
	if (!n)
		return;
	if ((unsigned long)ptr + n < (unsigned long)ptr)
		usercopy_abort("wrapped address", NULL, to_user, 0, (unsigned long)ptr + n);
	if (ZERO_OR_NULL_PTR(ptr))
		usercopy_abort("null address", NULL, to_user, (unsigned long)ptr, n);
	check_heap_object(ptr, n, to_user);
}
EXPORT_SYMBOL(__check_object_size);
