/* linux/thread_info.h: check_object_size(), HARDENED_USERCOPY's test that a kernel buffer
 * handed to copy_to_user/copy_from_user lies inside one object: a slab object's usercopy
 * region, one vmalloc area, one page block. A bad copy is a kernel BUG
 * (mm/usercopy.c); hardened_usercopy=0 turns the test off. */
#ifndef UKMEM_LINUX_THREAD_INFO_H
#define UKMEM_LINUX_THREAD_INFO_H

#include <linux/compiler.h>
#include <linux/types.h>

extern bool hardened_usercopy_enabled;
void __check_object_size(const void *ptr, unsigned long n, bool to_user);

static inline void check_object_size(const void *ptr, unsigned long n, bool to_user)
{
	if (hardened_usercopy_enabled)
		__check_object_size(ptr, n, to_user);
}

#endif
