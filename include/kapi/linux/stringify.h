/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/stringify.h: turning macro arguments into strings after expansion. */
#ifndef UKMEM_LINUX_STRINGIFY_H
#define UKMEM_LINUX_STRINGIFY_H

#define __stringify_1(x...)	#x
#define __stringify(x...)	__stringify_1(x)
#define FILE_LINE		__FILE__ ":" __stringify(__LINE__)

#endif
