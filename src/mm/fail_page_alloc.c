// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/fail_page_alloc.c: fault injection for the page allocator, with Linux 6.1's
 * defaults (ignore-gfp-wait and ignore-gfp-highmem on, min-order 1). Set on the command
 * line as fail_page_alloc=<interval>,<probability>,<space>,<times>, at run time with
 * ukmem_fault_set("fail_page_alloc", attribute, value). __GFP_NOFAIL is never failed. */
#include <string.h>
#include <linux/gfp.h>
#include "kernel/params.h"
#include "lib/fault-inject.h"
#include "mm/internal.h"

bool fail_page_alloc_armed;
static struct fault_attr attr;
static long ignore_gfp_highmem, ignore_gfp_reclaim, min_order;

static void reset_switches(void)
{
	ignore_gfp_highmem = 1;
	ignore_gfp_reclaim = 1;
	min_order = 1;
}

static const struct fault_switch switches[] = {
	{ "ignore-gfp-highmem", &ignore_gfp_highmem, true },
	{ "ignore-gfp-wait", &ignore_gfp_reclaim, true },
	{ "min-order", &min_order },
	{ NULL, NULL, false },
};

static struct fault_injector injector = {
	.name = "fail_page_alloc", .attr = &attr, .switches = switches,
	.armed = &fail_page_alloc_armed, .reset = reset_switches,
};

bool __should_fail_alloc_page(gfp_t gfp, unsigned int order)
{
	if (order < min_order || (gfp & __GFP_NOFAIL))
		return false;
	if (ignore_gfp_highmem && (gfp & __GFP_HIGHMEM))
		return false;
	if (ignore_gfp_reclaim && (gfp & __GFP_DIRECT_RECLAIM))
		return false;
	return should_fail(&attr, (ssize_t)1 << order);
}

static int setup_fail_page_alloc(const char *value)
{
	return fault_injector_setup(&injector, value);
}
UKMEM_SETUP("fail_page_alloc=", setup_fail_page_alloc, "");
