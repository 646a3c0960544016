// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/oom_kill.c: the out-of-memory path. ukmem has no processes to kill: when reclaim
 * finds nothing, it prints Linux's OOM report (dump_header: who invoked it, Mem-Info,
 * the task table) and asks the registered OOM notifiers to free memory. If they free
 * some, the allocation retries; otherwise "Out of memory and no killable processes..." is
 * printed and the allocation fails. */
#include <unistd.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/oom.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/export.h>
#include "kernel/report.h"
#include "mm/internal.h"

static BLOCKING_NOTIFIER_HEAD(oom_notify_list);
/* A __GFP_NOFAIL caller may come back here for as long as memory stays short. */
static DEFINE_RATELIMIT_STATE(oom_rs, DEFAULT_RATELIMIT_INTERVAL, DEFAULT_RATELIMIT_BURST);

/**
 * register_oom_notifier - add a callback the OOM killer calls before it chooses a victim
 * @nb: the notifier block; its callback adds freed pages to *(unsigned long *)data
 *
 * Context: process context; may sleep (a blocking notifier chain).
 * Return: 0.
 */
int register_oom_notifier(struct notifier_block *nb)
{
	return blocking_notifier_chain_register(&oom_notify_list, nb);
}
EXPORT_SYMBOL_GPL(register_oom_notifier);

/**
 * unregister_oom_notifier - remove a callback added by register_oom_notifier()
 * @nb: the notifier block
 *
 * Context: process context; may sleep.
 * Return: 0, or -ENOENT if @nb was not registered.
 */
int unregister_oom_notifier(struct notifier_block *nb)
{
	return blocking_notifier_chain_unregister(&oom_notify_list, nb);
}
EXPORT_SYMBOL_GPL(unregister_oom_notifier);

static void dump_tasks(void)
{
	unsigned long pagetables = global_node_page_state(NR_PAGETABLE) * PAGE_SIZE;

	pr_info("Tasks state (memory values in pages):\n");
	pr_info("[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n");
	pr_info("[%7d] %5d %5d %8lu %8lu %8lu %8lu         %5hd %s\n", current->pid,
		(int)getuid(), (int)getpid(), totalram_pages(),
		totalram_pages() - global_free_pages(), pagetables, 0UL, (short)0, current->comm);
}

static void dump_header(gfp_t gfp, unsigned int order)
{
	char names[256];

	report_begin();
	pr_warn("%s invoked oom-killer: gfp_mask=%#x(%s), order=%u, oom_score_adj=%hd\n",
		current->comm, gfp, format_gfp_flags(gfp, names, sizeof(names)), order, (short)0);
	dump_stack();
	show_mem();
	dump_tasks();
}

bool out_of_memory(gfp_t gfp, unsigned int order)
{
	unsigned long freed = 0;

	blocking_notifier_call_chain(&oom_notify_list, 0, &freed);
	if (freed)
		return true;
	if (__ratelimit(&oom_rs)) {
		dump_header(gfp, order);
		pr_warn("Out of memory and no killable processes...\n");
	}
	return false;
}
