/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/list_lru.h: lists of reclaimable objects per node, the type Linux 6.1's slab
 * allocation hooks name. ukmem has no filesystem caches that reclaim through them, so
 * only the type's name is here: shrinkers (<linux/shrinker.h>) are how drivers give
 * memory back. */
#ifndef UKMEM_LINUX_LIST_LRU_H
#define UKMEM_LINUX_LIST_LRU_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/list.h>

/* Named by the slab allocation hooks; no list_lru_* operation exists in ukmem. */
struct list_lru;

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/list_lru.h> brings with it, once this header is complete. */
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/sched/mm.h>
#include <linux/shrinker.h>
#include <linux/static_key.h>
#include <linux/tracepoint-defs.h>
#include <linux/xarray.h>
#endif
#endif
