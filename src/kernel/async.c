// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/async.c: asynchronous function calls (linux/async.h). Each call is an entry with
 * a cookie taken from one counter, on its domain's pending list and, for a registered
 * domain, on the global one; both lists are in cookie order because cookies are taken
 * and entries queued under the same lock. An entry runs as a work item of
 * system_unbound_wq and leaves the lists when its function has returned, so the first
 * entry of a list is the oldest call not finished: waiting for a cookie is waiting until
 * that first entry's cookie is not below it. */
#include <linux/async.h>
#include <linux/atomic.h>
#include <linux/export.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#define ASYNC_COOKIE_MAX	U64_MAX
#define MAX_PENDING		32768	/* beyond this, calls run at once (as Linux) */

struct async_entry {
	struct list_head domain_list;
	struct list_head global_list;
	struct work_struct work;
	async_cookie_t cookie;
	async_func_t func;
	void *data;
	struct async_domain *domain;
};

static ASYNC_DOMAIN(async_dfl_domain);
static LIST_HEAD(async_global_pending);
static DEFINE_SPINLOCK(async_lock);
static DECLARE_WAIT_QUEUE_HEAD(async_done);
static async_cookie_t next_cookie = 1;
static atomic_t entry_count;
static __thread bool in_async_call;

static async_cookie_t lowest_in_progress(struct async_domain *domain)
{
	struct list_head *pending = domain ? &domain->pending : &async_global_pending;
	async_cookie_t ret = ASYNC_COOKIE_MAX;

	spin_lock(&async_lock);
	if (!list_empty(pending))
		ret = domain ? list_first_entry(pending, struct async_entry, domain_list)->cookie :
			       list_first_entry(pending, struct async_entry, global_list)->cookie;
	spin_unlock(&async_lock);
	return ret;
}

static void async_run_entry(struct work_struct *work)
{
	struct async_entry *entry = container_of(work, struct async_entry, work);

	in_async_call = true;
	entry->func(entry->data, entry->cookie);
	in_async_call = false;
	spin_lock(&async_lock);
	list_del_init(&entry->domain_list);
	list_del_init(&entry->global_list);
	spin_unlock(&async_lock);
	kfree(entry);
	atomic_dec(&entry_count);
	wake_up_all(&async_done);
}

/* Queues func: false (nothing scheduled) with no memory or too many calls waiting. */
static bool async_queue(async_func_t func, void *data, int node, struct async_domain *domain,
			async_cookie_t *cookie)
{
	struct async_entry *entry = NULL;

	if (atomic_read(&entry_count) <= MAX_PENDING)
		entry = kzalloc(sizeof(*entry), GFP_KERNEL);
	if (!entry)
		return false;
	INIT_LIST_HEAD(&entry->domain_list);
	INIT_LIST_HEAD(&entry->global_list);
	INIT_WORK(&entry->work, async_run_entry);
	entry->func = func;
	entry->data = data;
	entry->domain = domain;
	spin_lock(&async_lock);
	entry->cookie = *cookie = next_cookie++;
	list_add_tail(&entry->domain_list, &domain->pending);
	if (domain->registered)
		list_add_tail(&entry->global_list, &async_global_pending);
	atomic_inc(&entry_count);
	spin_unlock(&async_lock);
	queue_work_node(node, system_unbound_wq, &entry->work);
	return true;
}

/**
 * async_schedule_node_domain - call a function asynchronously, in a domain
 * @func: the function, called with @data and the call's cookie
 * @data: its argument
 * @node: NUMA node hint (NUMA_NO_NODE: any)
 * @domain: the domain whose synchronisation waits for the call
 *
 * Context: process. When no entry can be allocated or too many calls wait, @func runs
 * at once in the caller. Returns the call's cookie.
 */
async_cookie_t async_schedule_node_domain(async_func_t func, void *data, int node,
					  struct async_domain *domain)
{
	async_cookie_t cookie;

	if (async_queue(func, data, node, domain, &cookie))
		return cookie;
	spin_lock(&async_lock);
	cookie = next_cookie++;
	spin_unlock(&async_lock);
	func(data, cookie);
	return cookie;
}
EXPORT_SYMBOL_GPL(async_schedule_node_domain);

/**
 * async_schedule_node - call a function asynchronously in the default domain
 * @func: the function
 * @data: its argument
 * @node: NUMA node hint
 *
 * Context: process. Returns the call's cookie.
 */
async_cookie_t async_schedule_node(async_func_t func, void *data, int node)
{
	return async_schedule_node_domain(func, data, node, &async_dfl_domain);
}
EXPORT_SYMBOL_GPL(async_schedule_node);

/**
 * async_schedule_dev_nocall - schedule a call for a device, never calling it at once
 * @func: the function, called with @dev
 * @dev: the device
 *
 * Context: process. Returns true if scheduled, false if the caller must do the work.
 */
bool async_schedule_dev_nocall(async_func_t func, struct device *dev)
{
	async_cookie_t cookie;

	return async_queue(func, dev, dev_to_node(dev), &async_dfl_domain, &cookie);
}
EXPORT_SYMBOL_GPL(async_schedule_dev_nocall);

/**
 * async_synchronize_cookie_domain - wait for the calls scheduled before a cookie
 * @cookie: calls with a lower cookie are waited for
 * @domain: their domain (NULL: every registered domain)
 *
 * Context: process; sleeps. An asynchronous call must not wait for itself.
 */
void async_synchronize_cookie_domain(async_cookie_t cookie, struct async_domain *domain)
{
	wait_event(async_done, lowest_in_progress(domain) >= cookie);
}
EXPORT_SYMBOL_GPL(async_synchronize_cookie_domain);

/**
 * async_synchronize_cookie - wait for the calls of registered domains before a cookie
 * @cookie: the cookie
 *
 * Context: process; sleeps.
 */
void async_synchronize_cookie(async_cookie_t cookie)
{
	async_synchronize_cookie_domain(cookie, NULL);
}
EXPORT_SYMBOL_GPL(async_synchronize_cookie);

/**
 * async_synchronize_full_domain - wait for every call of a domain
 * @domain: the domain (NULL: every registered domain)
 *
 * Context: process; sleeps.
 */
void async_synchronize_full_domain(struct async_domain *domain)
{
	async_synchronize_cookie_domain(ASYNC_COOKIE_MAX, domain);
}
EXPORT_SYMBOL_GPL(async_synchronize_full_domain);

/**
 * async_synchronize_full - wait for every call of the registered domains
 *
 * Context: process; sleeps.
 */
void async_synchronize_full(void)
{
	async_synchronize_full_domain(NULL);
}
EXPORT_SYMBOL_GPL(async_synchronize_full);

/**
 * current_is_async - is the caller running as an asynchronous call?
 *
 * Context: any. Returns true inside a function async_schedule*() started.
 */
bool current_is_async(void)
{
	return in_async_call;
}
EXPORT_SYMBOL_GPL(current_is_async);
