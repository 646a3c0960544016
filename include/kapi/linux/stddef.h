/* linux/stddef.h: offsetof and friends, on top of the system's UAPI <linux/stddef.h>. */
#ifndef UKMEM_LINUX_STDDEF_H
#define UKMEM_LINUX_STDDEF_H

#include_next <linux/stddef.h>
#include <stddef.h>
#include <stdbool.h>

#define sizeof_field(TYPE, MEMBER)	sizeof((((TYPE *)0)->MEMBER))
#define offsetofend(TYPE, MEMBER)	(offsetof(TYPE, MEMBER) + sizeof_field(TYPE, MEMBER))

#endif
