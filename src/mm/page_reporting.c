// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/page_reporting.c: the worker that gives settled free memory back to the host.
 *
 * As Linux's free page reporting does for a balloon device, ukmem hands free blocks of
 * order >= page_reporting.page_reporting_order back to the host (a hole punched in the
 * memory file, so the host's resident memory follows the machine's use). The buddy
 * allocator calls page_reporting_notify_free() after a free leaves such a block
 * unreported; the first call arms a delayed work item on system_wq for
 * PAGE_REPORTING_DELAY (2 s, as Linux). The work gives back, zone by zone, the blocks
 * that have been free for at least PAGE_REPORTING_MIN_AGE, and comes back after
 * PAGE_REPORTING_MIN_AGE while younger blocks wait. A block freed and soon allocated
 * again -- an allocation loop -- is therefore never punched and refaulted.
 *
 * Invariants: the work is armed only between page_reporting_init() (after the
 * workqueues are up) and page_reporting_exit() (before they go), under reporting_lock;
 * `requested` is true exactly while the work is armed or about to be, so a free costs
 * one load when a report is already on its way.
 */
#include <linux/jiffies.h>
#include <linux/mmzone.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include "machine/initcalls.h"
#include "mm/internal.h"

#define PAGE_REPORTING_DELAY	(2 * HZ)	/* from the first free to the first look */
#define PAGE_REPORTING_MIN_AGE	HZ		/* a block free this long is given back */

static DEFINE_SPINLOCK(reporting_lock);
static bool reporting_up;			/* reporting_lock */
static bool requested;				/* reporting_lock to set; read locklessly */
static struct delayed_work reporting_work;

/* Arms the work after delay unless it is armed already or reporting is down. */
static void page_reporting_request(unsigned long delay)
{
	unsigned long flags;

	spin_lock_irqsave(&reporting_lock, flags);
	if (reporting_up && !requested) {
		WRITE_ONCE(requested, true);
		schedule_delayed_work(&reporting_work, delay);
	}
	spin_unlock_irqrestore(&reporting_lock, flags);
}

/**
 * page_reporting_notify_free - a free left a block of reportable order unreported
 *
 * Context: any; called by the buddy allocator after it dropped its locks. Costs one
 * load when the reporting work is already armed.
 */
void page_reporting_notify_free(void)
{
	if (READ_ONCE(requested))
		return;
	page_reporting_request(PAGE_REPORTING_DELAY);
}

static void page_reporting_process(struct work_struct *work)
{
	unsigned long waiting = 0, flags;

	(void)work;
	/* Frees from here on arm the work again rather than being missed. */
	spin_lock_irqsave(&reporting_lock, flags);
	WRITE_ONCE(requested, false);
	spin_unlock_irqrestore(&reporting_lock, flags);

	for (int nid = 0; nid < nr_online_nodes; nid++) {
		struct zone *zone;

		for_each_zone_in_node(zone, NODE_DATA(nid))
			if (zone->present_pages && READ_ONCE(zone->unreported_pages))
				waiting += zone_report_free_blocks(zone, PAGE_REPORTING_MIN_AGE);
	}
	if (waiting)
		page_reporting_request(PAGE_REPORTING_MIN_AGE);
}

int page_reporting_init(void)
{
	INIT_DELAYED_WORK(&reporting_work, page_reporting_process);
	spin_lock_irq(&reporting_lock);
	reporting_up = true;
	WRITE_ONCE(requested, false);
	spin_unlock_irq(&reporting_lock);
	/* Blocks freed before the workqueues were up are looked at too. */
	for (int nid = 0; nid < nr_online_nodes; nid++) {
		struct zone *zone;

		for_each_zone_in_node(zone, NODE_DATA(nid))
			if (READ_ONCE(zone->unreported_pages))
				page_reporting_notify_free();
	}
	return 0;
}

void page_reporting_exit(void)
{
	spin_lock_irq(&reporting_lock);
	reporting_up = false;
	spin_unlock_irq(&reporting_lock);
	cancel_delayed_work_sync(&reporting_work);
	WRITE_ONCE(requested, false);
}
