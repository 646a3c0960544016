/* linux/oom.h: out-of-memory notifiers. When the page allocator finds nothing to
 * reclaim, it prints the kernel's OOM report and calls these; a callback that frees
 * memory adds the pages it freed to *(unsigned long *)data, and the allocation retries. */
#ifndef UKMEM_LINUX_OOM_H
#define UKMEM_LINUX_OOM_H

#include <linux/notifier.h>

int register_oom_notifier(struct notifier_block *nb);
int unregister_oom_notifier(struct notifier_block *nb);

#endif
