/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fs/meminfo.h: counters other subsystems keep for /proc/meminfo. */
#ifndef UKMEM_FS_MEMINFO_H
#define UKMEM_FS_MEMINFO_H
#include <linux/types.h>
extern atomic_long_t meminfo_vmalloc_pages;		/* pages behind vmalloc areas */
extern unsigned long meminfo_vmalloc_total_bytes;	/* size of the vmalloc range */
#endif
