// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/failslab.c: fault injection for slab allocations, with Linux 6.1's defaults
 * (ignore-gfp-wait on, cache-filter off). failslab=<interval>,<probability>,<space>,
 * <times> on the command line; ukmem_fault_set("failslab", attribute, value) at run
 * time. With cache-filter set only caches flagged SLAB_FAILSLAB (slub_debug=A) fail.
 * __GFP_NOFAIL is never failed. */
#include <string.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/export.h>
#include "kernel/params.h"
#include "lib/fault-inject.h"
#include "mm/slab.h"

union slab_slow_reasons slab_slow_reasons;
static struct fault_attr attr;
static long ignore_gfp_reclaim, cache_filter;

static void reset_switches(void)
{
	ignore_gfp_reclaim = 1;
	cache_filter = 0;
}

static const struct fault_switch switches[] = {
	{ "ignore-gfp-wait", &ignore_gfp_reclaim, true },
	{ "cache-filter", &cache_filter, true },
	{ NULL, NULL, false },
};

static struct fault_injector injector = {
	.name = "failslab", .attr = &attr, .switches = switches,
	.armed = &slab_slow_reasons.failslab_armed, .reset = reset_switches,
};

/**
 * __should_failslab - whether failslab= fault injection fails this slab allocation
 * @s: the cache
 * @gfp: the allocation's flags
 *
 * __GFP_NOFAIL allocations are never failed, nor the caches of caches (kmem_cache, and in
 * ukmem also kmem_cache_node).
 *
 * Context: any context; does not sleep.
 * Return: true if the allocation should fail.
 */
bool __should_failslab(struct kmem_cache *s, gfp_t gfp)
{
	/* The caches of caches are never failed: 6.1 spares kmem_cache; ukmem spares
	 * kmem_cache_node too, so that caches made while failslab= is armed (the malloc
	 * preload's, at start) do not spend the failures meant for the program's own. */
	if (unlikely(s == kmem_cache || s == kmem_cache_node))
		return false;
	if (gfp & __GFP_NOFAIL)
		return false;
	if (ignore_gfp_reclaim && (gfp & __GFP_DIRECT_RECLAIM))
		return false;
	if (cache_filter && !(s->flags & SLAB_FAILSLAB))
		return false;
	return should_fail(&attr, s->object_size);
}
EXPORT_SYMBOL(__should_failslab);

/**
 * should_failslab() - whether failslab= makes this slab allocation fail
 * @s: the cache allocated from
 * @gfpflags: the allocation's flags
 *
 * Context: any. Return: -ENOMEM when the allocation is to fail, 0 otherwise.
 */
int should_failslab(struct kmem_cache *s, gfp_t gfpflags)
{
	return __should_failslab(s, gfpflags) ? -ENOMEM : 0;
}

static int setup_failslab(const char *value)
{
	return fault_injector_setup(&injector, value);
}
UKMEM_SETUP("failslab=", setup_failslab, "");
