/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/migrate_mode.h: how hard a migration may try, and why it is done (Linux 6.1's
 * values). */
#ifndef UKMEM_LINUX_MIGRATE_MODE_H
#define UKMEM_LINUX_MIGRATE_MODE_H

/* MIGRATE_ASYNC never blocks; SYNC_LIGHT may block but not on writeback; SYNC may
 * block; SYNC_NO_COPY leaves the copy to the caller (DMA engines). */
enum migrate_mode {
	MIGRATE_ASYNC,
	MIGRATE_SYNC_LIGHT,
	MIGRATE_SYNC,
	MIGRATE_SYNC_NO_COPY,
};

enum migrate_reason {
	MR_COMPACTION,
	MR_MEMORY_FAILURE,
	MR_MEMORY_HOTPLUG,
	MR_SYSCALL,
	MR_MEMPOLICY_MBIND,
	MR_NUMA_MISPLACED,
	MR_CONTIG_RANGE,
	MR_LONGTERM_PIN,
	MR_DEMOTION,
	MR_TYPES
};

#endif
