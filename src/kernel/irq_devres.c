// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/irq_devres.c: managed interrupt handlers (Linux 6.1's kernel/irq/devres.c):
 * devm_request_threaded_irq installs a handler as request_threaded_irq does and records
 * (irq, dev_id) as a devres node whose release is free_irq, so unbind and a failed probe
 * take the handler off its line. devm_free_irq frees one now. */
#include <linux/device.h>
#include <linux/export.h>
#include <linux/interrupt.h>

struct irq_devres {
	unsigned int irq;
	void *dev_id;
};

static void devm_irq_release(struct device *dev, void *res)
{
	struct irq_devres *this = res;

	free_irq(this->irq, this->dev_id);
}

static int devm_irq_match(struct device *dev, void *res, void *data)
{
	struct irq_devres *this = res, *match = data;

	return this->irq == match->irq && this->dev_id == match->dev_id;
}

/**
 * devm_request_threaded_irq - request_threaded_irq freed with the device's resources
 * @dev: the device
 * @irq: the line
 * @handler: hard handler (NULL with @thread_fn: the default one)
 * @thread_fn: threaded handler, or NULL
 * @irqflags: IRQF_*
 * @devname: its name in /proc/interrupts (NULL: dev_name(@dev))
 * @dev_id: the handlers' cookie
 *
 * Context: process, may sleep. Return: 0, or request_threaded_irq's error (then
 * nothing is registered).
 */
int devm_request_threaded_irq(struct device *dev, unsigned int irq, irq_handler_t handler,
			      irq_handler_t thread_fn, unsigned long irqflags,
			      const char *devname, void *dev_id)
{
	struct irq_devres *dr;
	int rc;

	dr = devres_alloc(devm_irq_release, sizeof(struct irq_devres), GFP_KERNEL);
	if (!dr)
		return -ENOMEM;
	if (!devname)
		devname = dev_name(dev);
	rc = request_threaded_irq(irq, handler, thread_fn, irqflags, devname, dev_id);
	if (rc) {
		devres_free(dr);
		return rc;
	}
	dr->irq = irq;
	dr->dev_id = dev_id;
	devres_add(dev, dr);
	return 0;
}
EXPORT_SYMBOL(devm_request_threaded_irq);

/**
 * devm_free_irq - free a managed handler now
 * @dev: the device
 * @irq: its line
 * @dev_id: its cookie
 *
 * Context: process, may sleep. A handler not managed for @dev is a WARN (and stays).
 */
void devm_free_irq(struct device *dev, unsigned int irq, void *dev_id)
{
	struct irq_devres match_data = { irq, dev_id };

	WARN_ON(devres_destroy(dev, devm_irq_release, devm_irq_match, &match_data));
	free_irq(irq, dev_id);
}
EXPORT_SYMBOL(devm_free_irq);
