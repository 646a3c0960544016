/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/sched/mm.h: a task's allocation context (Linux 6.1): might_alloc(), and the
 * memalloc_*_save()/restore() scopes, which ukmem accepts and records nothing for (its
 * allocators never do I/O or filesystem reclaim, so GFP_NOIO and GFP_NOFS change
 * nothing there). */
#ifndef UKMEM_LINUX_SCHED_MM_H
#define UKMEM_LINUX_SCHED_MM_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/kernel.h>
#include <linux/atomic.h>
#include <linux/sched.h>
#include <linux/mm_types.h>
#include <linux/gfp.h>

/* A place that may allocate with gfp: a sleeping allocation in atomic context is
 * reported as might_sleep() reports it. */
#ifndef might_alloc
#define might_alloc(gfp)	might_sleep_if((gfp) & __GFP_DIRECT_RECLAIM)
#endif

static inline unsigned int memalloc_noio_save(void) { return 0; }
static inline void memalloc_noio_restore(unsigned int flags) { }
static inline unsigned int memalloc_nofs_save(void) { return 0; }
static inline void memalloc_nofs_restore(unsigned int flags) { }
static inline unsigned int memalloc_noreclaim_save(void) { return 0; }
static inline void memalloc_noreclaim_restore(unsigned int flags) { }

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/sched/mm.h> brings with it, once this header is complete. */
#include <linux/hrtimer.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/notifier.h>
#include <linux/page-flags.h>
#include <linux/prandom.h>
#include <linux/rculist.h>
#include <linux/static_key.h>
#include <linux/tracepoint-defs.h>
#include <linux/uidgid.h>
#endif
#endif
