/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/stddef.h: NULL, true/false, offsetof and the struct-layout helpers. */
#ifndef UKMEM_LINUX_STDDEF_H
#define UKMEM_LINUX_STDDEF_H

#include_next <linux/stddef.h>
#include <linux/compiler_types.h>

#ifdef __KERNEL__
#undef NULL
#define NULL ((void *)0)
enum { false = 0, true = 1 };
#undef offsetof
#define offsetof(TYPE, MEMBER)	__builtin_offsetof(TYPE, MEMBER)
#else
#include <stddef.h>
#include <stdbool.h>
#endif

#define sizeof_field(TYPE, MEMBER)	sizeof((((TYPE *)0)->MEMBER))
#define offsetofend(TYPE, MEMBER)	(offsetof(TYPE, MEMBER) + sizeof_field(TYPE, MEMBER))
#define struct_group(NAME, MEMBERS...)	__struct_group(/* no tag */, NAME, /* no attrs */, MEMBERS)
#define struct_group_attr(NAME, ATTRS, MEMBERS...)	__struct_group(/* no tag */, NAME, ATTRS, MEMBERS)
#define struct_group_tagged(TAG, NAME, MEMBERS...)	__struct_group(TAG, NAME, /* no attrs */, MEMBERS)
#define DECLARE_FLEX_ARRAY(TYPE, NAME)	__DECLARE_FLEX_ARRAY(TYPE, NAME)

#endif
