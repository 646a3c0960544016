/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/compaction.h: memory compaction's results, priorities and tunables (Linux 6.1's
 * values; implemented in src/mm/compaction.c). */
#ifndef UKMEM_LINUX_COMPACTION_H
#define UKMEM_LINUX_COMPACTION_H

#include <linux/mmzone.h>

/* Lower is harder: direct compaction starts asynchronous and escalates. */
enum compact_priority {
	COMPACT_PRIO_SYNC_FULL,
	MIN_COMPACT_PRIORITY = COMPACT_PRIO_SYNC_FULL,
	COMPACT_PRIO_SYNC_LIGHT,
	MIN_COMPACT_COSTLY_PRIORITY = COMPACT_PRIO_SYNC_LIGHT,
	DEF_COMPACT_PRIORITY = COMPACT_PRIO_SYNC_LIGHT,
	COMPACT_PRIO_ASYNC,
	INIT_COMPACT_PRIORITY = COMPACT_PRIO_ASYNC
};

/* Ordered: later values mean more was done. */
enum compact_result {
	COMPACT_NOT_SUITABLE_ZONE,
	COMPACT_SKIPPED,	/* not worth trying: too little free memory */
	COMPACT_DEFERRED,	/* skipped after recent failures */
	COMPACT_NO_SUITABLE_PAGE,
	COMPACT_CONTINUE,
	COMPACT_COMPLETE,	/* the whole zone was scanned */
	COMPACT_PARTIAL_SKIPPED,
	COMPACT_CONTENDED,	/* stopped early (no free page to move into) */
	COMPACT_SUCCESS,	/* a block of the order is free */
};

/* Free pages compaction needs on top of the watermark: room to move into. */
static inline unsigned long compact_gap(unsigned int order)
{
	return 2UL << order;
}

extern unsigned int sysctl_compaction_proactiveness;
extern int sysctl_extfrag_threshold;
extern int sysctl_compact_unevictable_allowed;

unsigned int extfrag_for_order(struct zone *zone, unsigned int order);
int fragmentation_index(struct zone *zone, unsigned int order);
enum compact_result compaction_suitable(struct zone *zone, int order, unsigned int alloc_flags,
					int highest_zoneidx);
void compaction_defer_reset(struct zone *zone, int order, bool alloc_success);

#endif
