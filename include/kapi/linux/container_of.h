/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/container_of.h: from a member pointer back to its enclosing structure. */
#ifndef UKMEM_LINUX_CONTAINER_OF_H
#define UKMEM_LINUX_CONTAINER_OF_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/stddef.h>

#define typeof_member(T, m)	typeof(((T *)0)->m)
#define container_of(ptr, type, member) ({					\
	void *__mptr = (void *)(ptr);						\
	_Static_assert(__same_type(*(ptr), ((type *)0)->member) ||		\
		       __same_type(*(ptr), void), "pointer type mismatch in container_of()"); \
	((type *)(__mptr - offsetof(type, member))); })
#define container_of_const(ptr, type, member) container_of(ptr, type, member)

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/container_of.h> brings with it, once this header is complete. */
#include <linux/err.h>
#endif
#endif
