/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/memcontrol.h: the memory controller of control groups, as Linux 6.1 has it
 * without CONFIG_MEMCG: ukmem has no control groups, so no memory is ever charged to
 * one (kmalloc-cg-* caches exist, as every SLAB_ACCOUNT cache does, but charge nothing). */
#ifndef UKMEM_LINUX_MEMCONTROL_H
#define UKMEM_LINUX_MEMCONTROL_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/jump_label.h>
#include <linux/mm.h>

struct mem_cgroup;
struct mm_struct;
struct obj_cgroup;

static inline bool mem_cgroup_disabled(void) { return true; }
static inline bool memcg_kmem_enabled(void) { return false; }
static inline struct mem_cgroup *get_mem_cgroup_from_mm(struct mm_struct *mm) { return NULL; }
static inline void mem_cgroup_put(struct mem_cgroup *memcg) { }
static inline struct mem_cgroup *page_memcg(struct page *page) { return NULL; }
static inline struct mem_cgroup *folio_memcg(struct folio *folio) { return NULL; }

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/memcontrol.h> brings with it, once this header is complete. */
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/kasan.h>
#include <linux/kmsan.h>
#include <linux/kthread.h>
#include <linux/linkage.h>
#include <linux/list_lru.h>
#include <linux/pgtable.h>
#include <linux/sched/mm.h>
#include <linux/seq_file.h>
#include <linux/stackdepot.h>
#include <linux/stacktrace.h>
#include <linux/static_key.h>
#include <linux/tracepoint-defs.h>
#include <linux/vmstat.h>
#endif
#endif
