/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/vmstat.h: the memory-management event counters (enum vm_event_item). Each CPU
 * counts in its own vm_event_states entry (atomically, as several host threads may share
 * a virtual CPU); all_vm_events() sums them for /proc/vmstat. Linux keeps the entries
 * in per-CPU memory; here they are one array indexed by CPU, so that counting needs no
 * per-CPU section placed at boot. The counts start at zero at every boot. The
 * page-state counters (node_page_state and friends) are in <linux/mmzone.h>. */
#ifndef UKMEM_LINUX_VMSTAT_H
#define UKMEM_LINUX_VMSTAT_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/smp.h>
#include <linux/threads.h>
#include <linux/mmzone.h>
#include <linux/vm_event_item.h>

struct vm_event_state {
	unsigned long event[NR_VM_EVENT_ITEMS];
} __attribute__((aligned(64)));

extern struct vm_event_state vm_event_states[NR_CPUS];

static inline void __count_vm_events(enum vm_event_item item, long delta)
{
	__atomic_fetch_add(&vm_event_states[raw_smp_processor_id()].event[item],
			   (unsigned long)delta, __ATOMIC_RELAXED);
}

static inline void count_vm_events(enum vm_event_item item, long delta)
{
	__count_vm_events(item, delta);
}

static inline void __count_vm_event(enum vm_event_item item)
{
	__count_vm_events(item, 1);
}

static inline void count_vm_event(enum vm_event_item item)
{
	__count_vm_events(item, 1);
}

/* Sums every CPU's counts into ret[NR_VM_EVENT_ITEMS]. */
void all_vm_events(unsigned long *ret);

#define count_vm_numa_event(x)		count_vm_event(x)
#define count_vm_numa_events(x, y)	count_vm_events(x, y)
#define count_vm_tlb_event(x)		do {} while (0)
#define count_vm_tlb_events(x, y)	do { (void)(y); } while (0)

/* An event of a zone, by zone index: PGALLOC's item for ZONE_DMA32 is PGALLOC_DMA32. */
#define __count_zid_vm_events(item, zid, delta) \
	__count_vm_events(item##_NORMAL - ZONE_NORMAL + (zid), delta)

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/vmstat.h> brings with it, once this header is complete. */
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/notifier.h>
#include <linux/page-flags.h>
#include <linux/prandom.h>
#include <linux/static_key.h>
#include <linux/tracepoint-defs.h>
#endif
#endif
