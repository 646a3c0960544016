/* linux/container_of.h: from a member pointer back to its enclosing structure. */
#ifndef UKMEM_LINUX_CONTAINER_OF_H
#define UKMEM_LINUX_CONTAINER_OF_H
#include <stddef.h>
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#define container_of_const(ptr, type, member) container_of(ptr, type, member)
#endif
