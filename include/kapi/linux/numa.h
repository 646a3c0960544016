/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/numa.h: node limits. ukmem's nodes come from numa=fake=N on the command line. */
#ifndef UKMEM_LINUX_NUMA_H
#define UKMEM_LINUX_NUMA_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER
#define NODES_SHIFT	3
#define MAX_NUMNODES	(1 << NODES_SHIFT)
#define NUMA_NO_NODE	(-1)

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/numa.h> brings with it, once this header is complete. */
#include <linux/init.h>
#endif
#endif
