/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/oom.h: out-of-memory notifiers. When the page allocator finds nothing to
 * reclaim, it prints the kernel's OOM report and calls these; a callback that frees
 * memory adds the pages it freed to *(unsigned long *)data, and the allocation retries. */
#ifndef UKMEM_LINUX_OOM_H
#define UKMEM_LINUX_OOM_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/notifier.h>

int register_oom_notifier(struct notifier_block *nb);
int unregister_oom_notifier(struct notifier_block *nb);

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/oom.h> brings with it, once this header is complete. */
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/completion.h>
#include <linux/cred.h>
#include <linux/export.h>
#include <linux/fs.h>
#include <linux/hash.h>
#include <linux/hrtimer.h>
#include <linux/ioport.h>
#include <linux/irqnr.h>
#include <linux/kasan.h>
#include <linux/kmsan-checks.h>
#include <linux/kref.h>
#include <linux/linkage.h>
#include <linux/list_lru.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/migrate_mode.h>
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/pgtable.h>
#include <linux/prandom.h>
#include <linux/ratelimit.h>
#include <linux/rculist.h>
#include <linux/sched/mm.h>
#include <linux/semaphore.h>
#include <linux/shrinker.h>
#include <linux/slab.h>
#include <linux/stackdepot.h>
#include <linux/stacktrace.h>
#include <linux/stat.h>
#include <linux/static_key.h>
#include <linux/sysctl.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#include <linux/uaccess.h>
#include <linux/uuid.h>
#include <linux/vmstat.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#endif
#endif
