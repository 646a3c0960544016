// SPDX-License-Identifier: LGPL-2.1-or-later
/* io/portio.c: the I/O port bus. A 65536-entry table maps each port to the slot of the
 * device that decodes it, so dispatch is one load; an empty entry reads as all ones.
 * Each slot has a spin lock that serialises calls into its device. Invariants: table
 * entries only change under attach_lock; a detached slot stays allocated (marked dead)
 * until shutdown, so an access racing with detach finds a dead slot, never freed memory. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <asm/io.h>
#include <linux/ioport.h>
#include <linux/list.h>
#include <linux/printk.h>
#include <linux/spinlock.h>
#include <linux/export.h>
#include "machine/boot.h"
#include "io/internal.h"

#define NR_PORTS	(IO_SPACE_LIMIT + 1)

struct port_slot {
	struct ukmem_port_device *dev;	/* NULL once detached */
	arch_spinlock_t lock;
	struct resource res;		/* the device's range in /proc/ioports */
	struct list_head node;
};

static struct port_slot *port_table[NR_PORTS];
static LIST_HEAD(slots);
static pthread_mutex_t attach_lock = PTHREAD_MUTEX_INITIALIZER;

static u32 all_ones(int size)
{
	return size == 4 ? 0xffffffffu : (1u << (size * 8)) - 1;
}

static struct port_slot *slot_of(unsigned int port)
{
	return __atomic_load_n(&port_table[port & IO_SPACE_LIMIT], __ATOMIC_ACQUIRE);
}

/* Whether the device decodes an access of this size at port as one call. */
static bool whole_access(struct port_slot *slot, unsigned int port, int size)
{
	struct ukmem_port_device *dev = slot->dev;

	return size == 1 || ((dev->widths & size) && port + size <= dev->base + dev->nr_ports);
}

static u32 read_bytes(unsigned int port, int size)
{
	u32 value = 0;

	for (int i = 0; i < size; i++)
		value |= ukmem_port_read((port + i) & IO_SPACE_LIMIT, 1) << (8 * i);
	return value;
}

static void write_bytes(unsigned int port, int size, u32 value)
{
	for (int i = 0; i < size; i++)
		ukmem_port_write((port + i) & IO_SPACE_LIMIT, 1, (value >> (8 * i)) & 0xff);
}

/**
 * ukmem_port_read - read an I/O port
 * @port: the port (masked to IO_SPACE_LIMIT)
 * @size: 1, 2 or 4 bytes
 *
 * What inb(), inw() and inl() call. A port with a device model (UART, RTC, PIT, parallel
 * port, PCI configuration) is read from it under the port's lock; a free port reads as
 * all ones.
 *
 * Context: any context, interrupts included; spins on the port's lock, never sleeps.
 * Return: the value read.
 */
u32 ukmem_port_read(unsigned int port, int size)
{
	struct port_slot *slot;
	struct ukmem_port_device *dev;
	u32 value;

	ukmem_ensure_booted();
	port &= IO_SPACE_LIMIT;
	slot = slot_of(port);
	if (!slot)
		return size == 1 ? 0xff : read_bytes(port, size);
	arch_spin_lock(&slot->lock);
	dev = slot->dev;
	if (!dev) {
		value = all_ones(size);
	} else if (!whole_access(slot, port, size)) {
		arch_spin_unlock(&slot->lock);
		return read_bytes(port, size);
	} else {
		value = dev->read(dev, port - dev->base, size) & all_ones(size);
	}
	arch_spin_unlock(&slot->lock);
	return value;
}
EXPORT_SYMBOL(ukmem_port_read);

/**
 * ukmem_port_write - write an I/O port
 * @port: the port (masked to IO_SPACE_LIMIT)
 * @size: 1, 2 or 4 bytes
 * @value: the value
 *
 * What outb(), outw() and outl() call; a write to a free port is dropped.
 *
 * Context: any context, interrupts included; spins on the port's lock, never sleeps.
 */
void ukmem_port_write(unsigned int port, int size, u32 value)
{
	struct port_slot *slot;
	struct ukmem_port_device *dev;

	ukmem_ensure_booted();
	port &= IO_SPACE_LIMIT;
	slot = slot_of(port);
	if (!slot) {
		if (size > 1)
			write_bytes(port, size, value);
		return;
	}
	arch_spin_lock(&slot->lock);
	dev = slot->dev;
	if (dev && !whole_access(slot, port, size)) {
		arch_spin_unlock(&slot->lock);
		write_bytes(port, size, value);
		return;
	}
	if (dev)
		dev->write(dev, port - dev->base, size, value & all_ones(size));
	arch_spin_unlock(&slot->lock);
}
EXPORT_SYMBOL(ukmem_port_write);

/**
 * ukmem_port_read_string - insb(), insw() or insl(): read a port repeatedly into a buffer
 * @port: the port
 * @size: 1, 2 or 4 bytes per read
 * @addr: the buffer
 * @count: how many reads
 *
 * Context: any context; never sleeps.
 */
void ukmem_port_read_string(unsigned int port, int size, void *addr, unsigned long count)
{
	unsigned char *p = addr;

	for (unsigned long i = 0; i < count; i++, p += size) {
		u32 value = ukmem_port_read(port, size);

		memcpy(p, &value, (size_t)size);
	}
}
EXPORT_SYMBOL(ukmem_port_read_string);

/**
 * ukmem_port_write_string - outsb(), outsw() or outsl(): write a buffer to a port
 * @port: the port
 * @size: 1, 2 or 4 bytes per write
 * @addr: the buffer
 * @count: how many writes
 *
 * Context: any context; never sleeps.
 */
void ukmem_port_write_string(unsigned int port, int size, const void *addr,
			     unsigned long count)
{
	const unsigned char *p = addr;

	for (unsigned long i = 0; i < count; i++, p += size) {
		u32 value = 0;

		memcpy(&value, p, (size_t)size);
		ukmem_port_write(port, size, value);
	}
}
EXPORT_SYMBOL(ukmem_port_write_string);

static bool ports_free(unsigned int base, unsigned int n)
{
	for (unsigned int port = base; port < base + n; port++)
		if (port_table[port])
			return false;
	return true;
}

static void set_ports(unsigned int base, unsigned int n, struct port_slot *slot)
{
	for (unsigned int port = base; port < base + n; port++)
		__atomic_store_n(&port_table[port], slot, __ATOMIC_RELEASE);
}

int ukmem_port_attach(struct ukmem_port_device *dev)
{
	struct port_slot *slot;
	int err = -EBUSY;

	if (!dev)
		return -EFAULT;
	ukmem_ensure_booted();
	if (!dev->name || !dev->nr_ports || dev->nr_ports > NR_PORTS ||
	    dev->base > NR_PORTS - dev->nr_ports || !dev->read || !dev->write)
		return -EINVAL;
	slot = calloc(1, sizeof(*slot));
	if (!slot)
		return -ENOMEM;
	slot->dev = dev;
	slot->res = DEFINE_RES_IO_NAMED(dev->base, dev->nr_ports, dev->name);
	pthread_mutex_lock(&attach_lock);
	if (ports_free(dev->base, dev->nr_ports) &&
	    (pc_resource_is(&ioport_resource, dev->base, dev->nr_ports, dev->name) ||
	     !insert_resource(&ioport_resource, &slot->res))) {
		list_add_tail(&slot->node, &slots);
		set_ports(dev->base, dev->nr_ports, slot);
		err = 0;
	}
	pthread_mutex_unlock(&attach_lock);
	if (err) {
		pr_err("ukmem: %s at 0x%04x-0x%04x: ports already taken\n", dev->name, dev->base,
		       dev->base + dev->nr_ports - 1);
		free(slot);
	}
	return err;
}

/* Unhooks slot's device; called with attach_lock held. The device's release runs once
 * no access can still be inside it. */
static void detach_slot(struct port_slot *slot)
{
	struct ukmem_port_device *dev = slot->dev;

	set_ports(dev->base, dev->nr_ports, NULL);
	if (slot->res.parent)	/* not a PC standard range's device */
		remove_resource(&slot->res);
	arch_spin_lock(&slot->lock);
	slot->dev = NULL;
	arch_spin_unlock(&slot->lock);
	if (dev->release)
		dev->release(dev);
}

void ukmem_port_detach(struct ukmem_port_device *dev)
{
	struct port_slot *slot;

	pthread_mutex_lock(&attach_lock);
	list_for_each_entry(slot, &slots, node) {
		if (slot->dev == dev) {
			detach_slot(slot);
			break;
		}
	}
	pthread_mutex_unlock(&attach_lock);
}

void portio_detach_all(void)
{
	struct port_slot *slot, *next;

	pthread_mutex_lock(&attach_lock);
	list_for_each_entry_safe(slot, next, &slots, node) {
		if (slot->dev)
			detach_slot(slot);
		list_del(&slot->node);
		free(slot);
	}
	pthread_mutex_unlock(&attach_lock);
}
