/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/async.h: asynchronous function calls as Linux 6.1 has them -- each scheduled call
 * gets a cookie, increasing in scheduling order, runs on system_unbound_wq, and can be
 * waited for together with every call scheduled before it (async_synchronize_cookie) or
 * with all of them (async_synchronize_full), per domain or across the registered ones.
 * The driver core probes PROBE_PREFER_ASYNCHRONOUS drivers this way. The code is
 * src/kernel/async.c. */
#ifndef UKMEM_LINUX_ASYNC_H
#define UKMEM_LINUX_ASYNC_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/list.h>
#include <linux/numa.h>
#include <linux/device.h>

typedef u64 async_cookie_t;
typedef void (*async_func_t)(void *data, async_cookie_t cookie);

/* The calls scheduled in a domain; only a registered domain's calls are waited for by
 * async_synchronize_full(). */
struct async_domain {
	struct list_head pending;
	unsigned registered:1;
};

#define ASYNC_DOMAIN(_name) \
	struct async_domain _name = { .pending = LIST_HEAD_INIT(_name.pending), .registered = 1 }
#define ASYNC_DOMAIN_EXCLUSIVE(_name) \
	struct async_domain _name = { .pending = LIST_HEAD_INIT(_name.pending), .registered = 0 }

/* Schedules func(data, cookie) and returns the cookie; when memory is short or too
 * many calls wait, calls it at once instead (as Linux does). node is a hint only. */
async_cookie_t async_schedule_node(async_func_t func, void *data, int node);
async_cookie_t async_schedule_node_domain(async_func_t func, void *data, int node,
					  struct async_domain *domain);

static inline async_cookie_t async_schedule(async_func_t func, void *data)
{
	return async_schedule_node(func, data, NUMA_NO_NODE);
}

static inline async_cookie_t async_schedule_domain(async_func_t func, void *data,
						   struct async_domain *domain)
{
	return async_schedule_node_domain(func, data, NUMA_NO_NODE, domain);
}

static inline async_cookie_t async_schedule_dev(async_func_t func, struct device *dev)
{
	return async_schedule_node(func, dev, dev_to_node(dev));
}

/* As async_schedule_dev, but never calls func at once: false if it could not be
 * scheduled (the caller then does the work itself). */
bool async_schedule_dev_nocall(async_func_t func, struct device *dev);

static inline async_cookie_t async_schedule_dev_domain(async_func_t func, struct device *dev,
						       struct async_domain *domain)
{
	return async_schedule_node_domain(func, dev, dev_to_node(dev), domain);
}

void async_synchronize_full(void);
void async_synchronize_full_domain(struct async_domain *domain);
void async_synchronize_cookie(async_cookie_t cookie);
void async_synchronize_cookie_domain(async_cookie_t cookie, struct async_domain *domain);
/* Is the caller an asynchronous call's function? */
bool current_is_async(void);

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/async.h> brings with it, once this header is complete. */
#include <linux/idr.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/sched/mm.h>
#include <linux/static_key.h>
#include <linux/sysctl.h>
#include <linux/tracepoint-defs.h>
#endif
#endif
