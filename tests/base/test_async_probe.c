// SPDX-License-Identifier: LGPL-2.1-or-later
/* Asynchronous calls (linux/async.h) and asynchronous probing: cookies in scheduling
 * order, async_synchronize_cookie waiting only for earlier calls, an exclusive domain
 * left out of async_synchronize_full; a PROBE_PREFER_ASYNCHRONOUS driver whose probes
 * run on the workqueue (driver_register and device_register return while they are
 * held), wait_for_device_probe and driver_unregister waiting for them, and a
 * PROBE_FORCE_SYNCHRONOUS driver probing in the caller. No assertion depends on how
 * fast anything runs: held probes wait on a completion the test releases. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <linux/async.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/slab.h>
#include <ukmem.h>

#define LONG_WAIT	(60 * HZ)

/* ---- the async API ---- */

static atomic_t ran[8];
static async_cookie_t cookies[8];
static DECLARE_COMPLETION(hold_first);

static void slow_first(void *data, async_cookie_t cookie)
{
	cr_assert(current_is_async());
	wait_for_completion_timeout(&hold_first, LONG_WAIT);
	atomic_inc(&ran[(long)data]);
}

static void quick(void *data, async_cookie_t cookie)
{
	atomic_inc(&ran[(long)data]);
}

static ASYNC_DOMAIN_EXCLUSIVE(private_domain);
static DECLARE_COMPLETION(hold_private);

static void private_call(void *data, async_cookie_t cookie)
{
	wait_for_completion_timeout(&hold_private, LONG_WAIT);
	atomic_inc(&ran[(long)data]);
}

Test(async, cookies_order_and_synchronisation)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert(!current_is_async());
	cookies[0] = async_schedule(slow_first, (void *)0L);
	for (long i = 1; i < 4; i++)
		cookies[i] = async_schedule(quick, (void *)i);
	for (int i = 1; i < 4; i++)
		cr_assert_gt(cookies[i], cookies[i - 1], "cookies follow scheduling order");

	/* calls before cookie 0 are none: nothing to wait for, though the first is held */
	async_synchronize_cookie(cookies[0]);
	cr_assert_eq(atomic_read(&ran[0]), 0);
	complete(&hold_first);
	async_synchronize_cookie(cookies[1]);	/* waits for the first, now released */
	cr_assert_eq(atomic_read(&ran[0]), 1);
	async_synchronize_full();
	for (int i = 0; i < 4; i++)
		cr_assert_eq(atomic_read(&ran[i]), 1, "call %d", i);

	/* an exclusive domain: async_synchronize_full does not wait for it */
	async_cookie_t c = async_schedule_domain(private_call, (void *)4L, &private_domain);
	cr_assert_gt(c, cookies[3]);
	async_synchronize_full();
	cr_assert_eq(atomic_read(&ran[4]), 0, "the held private call was waited for");
	complete(&hold_private);
	async_synchronize_full_domain(&private_domain);
	cr_assert_eq(atomic_read(&ran[4]), 1);
	ukmem_shutdown();
}

/* ---- asynchronous probing ---- */

static int ukab_match(struct device *dev, struct device_driver *drv)
{
	return 1;
}

static struct bus_type ukabus = { .name = "ukabus", .match = ukab_match };

static DECLARE_COMPLETION(probe_gate);
static struct completion probe_started;
static atomic_t async_probes, sync_probes;

static int held_probe(struct device *dev)
{
	if (current_is_async())
		atomic_inc(&async_probes);
	else
		atomic_inc(&sync_probes);
	complete(&probe_started);
	if (!wait_for_completion_timeout(&probe_gate, LONG_WAIT))
		return -ETIMEDOUT;
	return 0;
}

static struct device_driver async_drv = {
	.name = "ukasync", .bus = &ukabus, .probe = held_probe,
	.probe_type = PROBE_PREFER_ASYNCHRONOUS,
};

static struct device_driver sync_drv = {
	.name = "uksync", .bus = &ukabus, .probe = held_probe,
	.probe_type = PROBE_FORCE_SYNCHRONOUS,
};

static void ukab_release(struct device *dev)
{
	kfree(dev);
}

static struct device *ukab_add(const char *name)
{
	struct device *dev = kzalloc(sizeof(*dev), GFP_KERNEL);

	dev->bus = &ukabus;
	dev->release = ukab_release;
	dev_set_name(dev, "%s", name);
	cr_assert_eq(device_register(dev), 0);
	return dev;
}

Test(async_probe, preferred_asynchronous_probes_run_on_the_workqueue)
{
	struct device *devs[3];

	cr_assert_eq(ukmem_boot(NULL), 0);
	init_completion(&probe_started);
	reinit_completion(&probe_gate);
	atomic_set(&async_probes, 0);
	atomic_set(&sync_probes, 0);
	cr_assert_eq(bus_register(&ukabus), 0);
	devs[0] = ukab_add("uka0");
	devs[1] = ukab_add("uka1");

	/* the driver arrives second: driver_register returns with its probes held */
	cr_assert_eq(driver_register(&async_drv), 0);
	cr_assert(wait_for_completion_timeout(&probe_started, LONG_WAIT));
	cr_assert(wait_for_completion_timeout(&probe_started, LONG_WAIT));
	cr_assert(!device_is_bound(devs[0]) && !device_is_bound(devs[1]));

	/* a device arriving now: device_register returns, its probe waits too */
	devs[2] = ukab_add("uka2");
	cr_assert(wait_for_completion_timeout(&probe_started, LONG_WAIT));
	cr_assert(!device_is_bound(devs[2]));

	complete_all(&probe_gate);
	wait_for_device_probe();
	for (int i = 0; i < 3; i++)
		cr_assert(device_is_bound(devs[i]), "uka%d", i);
	cr_assert_eq(atomic_read(&async_probes), 3);
	cr_assert_eq(atomic_read(&sync_probes), 0);

	driver_unregister(&async_drv);
	for (int i = 0; i < 3; i++) {
		cr_assert(!device_is_bound(devs[i]));
		device_unregister(devs[i]);
	}
	bus_unregister(&ukabus);
	ukmem_shutdown();
}

/* driver_unregister waits for a probe still to run or running, then unbinds. */
static struct completion unreg_done;

static void *unregister_thread(void *arg)
{
	driver_unregister(&async_drv);
	complete(&unreg_done);
	return NULL;
}

Test(async_probe, unregister_waits_for_probes_under_way)
{
	pthread_t t;

	cr_assert_eq(ukmem_boot(NULL), 0);
	init_completion(&probe_started);
	init_completion(&unreg_done);
	reinit_completion(&probe_gate);
	cr_assert_eq(bus_register(&ukabus), 0);
	struct device *dev = ukab_add("ukb0");
	cr_assert_eq(driver_register(&async_drv), 0);
	cr_assert(wait_for_completion_timeout(&probe_started, LONG_WAIT));
	pthread_create(&t, NULL, unregister_thread, NULL);
	msleep(50);	/* only makes an early return likelier to be seen */
	cr_assert(!completion_done(&unreg_done), "driver_unregister did not wait");
	complete_all(&probe_gate);
	pthread_join(t, NULL);
	cr_assert(!device_is_bound(dev), "the probe that finished was unbound");
	device_unregister(dev);
	bus_unregister(&ukabus);
	ukmem_shutdown();
}

Test(async_probe, forced_synchronous_probes_run_in_the_caller)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	init_completion(&probe_started);
	complete_all(&probe_gate);
	atomic_set(&async_probes, 0);
	atomic_set(&sync_probes, 0);
	cr_assert_eq(bus_register(&ukabus), 0);
	struct device *dev = ukab_add("ukc0");
	cr_assert_eq(driver_register(&sync_drv), 0);
	cr_assert(device_is_bound(dev), "bound when driver_register returns");
	cr_assert_eq(atomic_read(&sync_probes), 1);
	cr_assert_eq(atomic_read(&async_probes), 0);
	driver_unregister(&sync_drv);
	device_unregister(dev);
	bus_unregister(&ukabus);
	ukmem_shutdown();
}
