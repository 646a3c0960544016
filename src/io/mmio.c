// SPDX-License-Identifier: LGPL-2.1-or-later
/* io/mmio.c: the memory bus and the MMIO accessors behind readl/writel.
 *
 * Devices attach windows of physical address space (include/ukmem.h). The bus keeps them
 * in a sorted array that is replaced whole on attach/detach and published with one
 * atomic store, so lookups take no lock: a binary search, O(log n). Replaced arrays and
 * detached windows stay allocated until shutdown.
 *
 * An accessor decodes its address as the CPU would: outside the vmalloc range (direct
 * map, kmalloc memory) it is ordinary memory; inside, the kernel page tables give the
 * physical address, and the bus gives the window. Memory windows and RAM are read and
 * written in place (the ioremap area maps their files); register windows run the
 * device's callbacks under the window's lock; addresses nobody decodes read as all ones
 * and ignore writes. Memory windows have a memory file of their own, mapped once more
 * for the device's own view. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <asm/io.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/printk.h>
#include <linux/bug.h>
#include <linux/vmalloc.h>
#include <linux/export.h>
#include "host/host.h"
#include "io/mmio.h"
#include "machine/boot.h"
#include "machine/physmem.h"

struct window_table {
	struct window_table *retired_next;
	int nr;
	struct mmio_window *windows[];	/* sorted by start */
};

static struct window_table *window_table;
static struct window_table *retired_tables;
static LIST_HEAD(windows);		/* every window ever attached since boot */
static pthread_mutex_t attach_lock = PTHREAD_MUTEX_INITIALIZER;

/* ---- lookup ---- */

/**
 * ukmem_mmio_window_at() - whether a device model answers at a physical address
 * @phys: the address
 *
 * Context: any; lock-free (reads the published window table).
 * Return: true when an attached window (registers or device memory) covers @phys.
 */
bool ukmem_mmio_window_at(uint64_t phys)
{
	return mmio_window_find((phys_addr_t)phys) != NULL;
}

struct mmio_window *mmio_window_find(phys_addr_t phys)
{
	struct window_table *t = __atomic_load_n(&window_table, __ATOMIC_ACQUIRE);
	int lo = 0, hi = t ? t->nr : 0;

	while (lo < hi) {
		int mid = (lo + hi) / 2;
		struct mmio_window *w = t->windows[mid];

		if (phys < w->start)
			hi = mid;
		else if (phys >= w->end)
			lo = mid + 1;
		else
			return w;
	}
	return NULL;
}

static u64 all_ones(int size)
{
	return size == 8 ? ~0ULL : (1ULL << (size * 8)) - 1;
}

u64 mmio_window_read(struct mmio_window *w, phys_addr_t phys, int size)
{
	u64 value = all_ones(size);
	u64 offset = phys - w->start;

	arch_spin_lock(&w->lock);
	if (w->dev && offset + (u64)size <= w->end - w->start)
		value = w->dev->read(w->dev, offset, size) & all_ones(size);
	arch_spin_unlock(&w->lock);
	return value;
}

void mmio_window_write(struct mmio_window *w, phys_addr_t phys, int size, u64 value)
{
	u64 offset = phys - w->start;

	arch_spin_lock(&w->lock);
	if (w->dev && offset + (u64)size <= w->end - w->start)
		w->dev->write(w->dev, offset, size, value & all_ones(size));
	arch_spin_unlock(&w->lock);
}

/* ---- decoding an accessor's address ---- */

enum mmio_target { TARGET_MEMORY, TARGET_REGISTERS, TARGET_NOTHING };

static enum mmio_target decode(const volatile void *addr, struct mmio_window **wp,
			       phys_addr_t *physp)
{
	unsigned long a = (unsigned long)addr;
	unsigned int level;
	struct mmio_window *w;
	phys_addr_t phys;
	pte_t *pte;

	if (a < VMALLOC_START || a >= VMALLOC_END)
		return TARGET_MEMORY;
	pte = lookup_address(a, &level);
	if (!pte || !pte_present(*pte) || level != PG_LEVEL_4K)
		return TARGET_MEMORY;	/* unmapped: the plain access faults, as it would */
	phys = PFN_PHYS(pte_pfn(*pte)) | (a & ~PAGE_MASK);
	w = mmio_window_find(phys);
	if (!w)
		return phys_is_ram(phys) ? TARGET_MEMORY : TARGET_NOTHING;
	if (mmio_window_is_memory(w))
		return TARGET_MEMORY;
	*wp = w;
	*physp = phys;
	return TARGET_REGISTERS;
}

/* x86 allows unaligned accesses; so does the bus. */
typedef u16 __attribute__((aligned(1))) u16_any;
typedef u32 __attribute__((aligned(1))) u32_any;
typedef u64 __attribute__((aligned(1))) u64_any;

static u64 load(const volatile void *addr, int size)
{
	switch (size) {
	case 1: return *(const volatile u8 *)addr;
	case 2: return *(const volatile u16_any *)addr;
	case 4: return *(const volatile u32_any *)addr;
	default: return *(const volatile u64_any *)addr;
	}
}

static void store(volatile void *addr, int size, u64 value)
{
	switch (size) {
	case 1: *(volatile u8 *)addr = (u8)value; break;
	case 2: *(volatile u16_any *)addr = (u16)value; break;
	case 4: *(volatile u32_any *)addr = (u32)value; break;
	default: *(volatile u64_any *)addr = value; break;
	}
}

/**
 * ukmem_mmio_read - read a register or memory through an __iomem address
 * @addr: the address, from ioremap()
 * @size: 1, 2, 4 or 8 bytes
 *
 * What readb() ... readq() and their __raw_ and _relaxed forms call. A device model's
 * register is read from the model; plain memory is loaded; an unmapped address reads as
 * all ones, as a bus with nothing behind it.
 *
 * Context: any context, interrupts included; never sleeps.
 * Return: the value read.
 */
u64 ukmem_mmio_read(const volatile void *addr, int size)
{
	struct mmio_window *w;
	phys_addr_t phys;

	switch (decode(addr, &w, &phys)) {
	case TARGET_MEMORY:
		return load(addr, size);
	case TARGET_REGISTERS:
		return mmio_window_read(w, phys, size);
	default:
		return all_ones(size);
	}
}
EXPORT_SYMBOL(ukmem_mmio_read);

/**
 * ukmem_mmio_write - write a register or memory through an __iomem address
 * @addr: the address, from ioremap()
 * @size: 1, 2, 4 or 8 bytes
 * @value: the value
 *
 * What writeb() ... writeq() call; a write to an unmapped address is dropped.
 *
 * Context: any context, interrupts included; never sleeps.
 */
void ukmem_mmio_write(volatile void *addr, int size, u64 value)
{
	struct mmio_window *w;
	phys_addr_t phys;

	switch (decode(addr, &w, &phys)) {
	case TARGET_MEMORY:
		store(addr, size, value);
		break;
	case TARGET_REGISTERS:
		mmio_window_write(w, phys, size, value);
		break;
	default:
		break;
	}
}
EXPORT_SYMBOL(ukmem_mmio_write);

/* Whether [addr, addr + n) is plain memory throughout (page by page). */
static bool plain_memory(const volatile void *addr, size_t n)
{
	unsigned long a = (unsigned long)addr, end = a + n;
	struct mmio_window *w;
	phys_addr_t phys;

	for (; a < end; a = (a & PAGE_MASK) + PAGE_SIZE)
		if (decode((const volatile void *)a, &w, &phys) != TARGET_MEMORY)
			return false;
	return true;
}

/**
 * ukmem_mmio_copy_from - memcpy_fromio()
 * @to: the kernel buffer
 * @from: the __iomem source
 * @n: the length
 *
 * Plain memory is copied at once; registers are read a byte at a time.
 *
 * Context: any context; never sleeps.
 */
void ukmem_mmio_copy_from(void *to, const volatile void *from, size_t n)
{
	if (plain_memory(from, n)) {
		memcpy(to, (const void *)from, n);
		return;
	}
	for (size_t i = 0; i < n; i++)
		((u8 *)to)[i] = (u8)ukmem_mmio_read((const volatile u8 *)from + i, 1);
}
EXPORT_SYMBOL(ukmem_mmio_copy_from);

/**
 * ukmem_mmio_copy_to - memcpy_toio()
 * @to: the __iomem destination
 * @from: the kernel buffer
 * @n: the length
 *
 * Context: any context; never sleeps.
 */
void ukmem_mmio_copy_to(volatile void *to, const void *from, size_t n)
{
	if (plain_memory(to, n)) {
		memcpy((void *)to, from, n);
		return;
	}
	for (size_t i = 0; i < n; i++)
		ukmem_mmio_write((volatile u8 *)to + i, 1, ((const u8 *)from)[i]);
}
EXPORT_SYMBOL(ukmem_mmio_copy_to);

/**
 * ukmem_mmio_set - memset_io()
 * @to: the __iomem destination
 * @c: the byte value
 * @n: the length
 *
 * Context: any context; never sleeps.
 */
void ukmem_mmio_set(volatile void *to, int c, size_t n)
{
	if (plain_memory(to, n)) {
		memset((void *)to, c, n);
		return;
	}
	for (size_t i = 0; i < n; i++)
		ukmem_mmio_write((volatile u8 *)to + i, 1, (u8)c);
}
EXPORT_SYMBOL(ukmem_mmio_set);

/* ---- ioremap's side ---- */

int mmio_map_memory_windows(unsigned long addr, phys_addr_t phys, size_t size)
{
	phys_addr_t end = phys + size;

	while (phys < end) {
		struct mmio_window *w = mmio_window_find(phys);
		size_t run = PAGE_SIZE;
		int err;

		if (!w || !mmio_window_is_memory(w)) {
			addr += PAGE_SIZE;
			phys += PAGE_SIZE;
			continue;
		}
		run = (size_t)(min(end, w->end) - phys);
		err = host_map_file((void *)addr, w->memfd, (off_t)(phys - w->start), run, false);
		if (err)
			return err;
		addr += run;
		phys += run;
	}
	return 0;
}

/* ---- attaching devices ---- */

static bool overlaps_ram(phys_addr_t start, phys_addr_t end)
{
	for (int i = 0; i < nr_phys_ranges; i++)
		if (phys_ranges[i].type == PHYS_RAM && start < phys_ranges[i].end &&
		    phys_ranges[i].start < end)
			return true;
	return false;
}

/* Called with attach_lock held. */
static bool overlaps_window(phys_addr_t start, phys_addr_t end)
{
	struct mmio_window *w;

	list_for_each_entry(w, &windows, node)
		if (w->dev && start < w->end && w->start < end)
			return true;
	return false;
}

/* Publishes the live windows as a new sorted table; called with attach_lock held. */
static int publish_table(void)
{
	struct window_table *t, *old;
	struct mmio_window *w;
	int n = 0;

	list_for_each_entry(w, &windows, node)
		n += w->dev != NULL;
	t = calloc(1, sizeof(*t) + (size_t)n * sizeof(t->windows[0]));
	if (!t)
		return -ENOMEM;
	list_for_each_entry(w, &windows, node) {
		int i = t->nr++;

		if (!w->dev) {
			t->nr--;
			continue;
		}
		while (i > 0 && t->windows[i - 1]->start > w->start) {
			t->windows[i] = t->windows[i - 1];
			i--;
		}
		t->windows[i] = w;
	}
	old = __atomic_exchange_n(&window_table, t, __ATOMIC_ACQ_REL);
	if (old) {
		old->retired_next = retired_tables;
		retired_tables = old;
	}
	return 0;
}

static int give_memory(struct mmio_window *w, const char *name, size_t size)
{
	w->memfd = host_memfd_create(name, size);
	if (w->memfd < 0)
		return w->memfd;
	w->memory = host_map_shared(w->memfd, size);
	if (!w->memory) {
		host_close(w->memfd);
		return -ENOMEM;
	}
	return 0;
}

static void drop_memory(struct mmio_window *w)
{
	if (!mmio_window_is_memory(w))
		return;
	host_release(w->memory, (size_t)(w->end - w->start));
	host_close(w->memfd);
	w->memory = NULL;
	w->memfd = -1;
}

static bool window_valid(const struct ukmem_mmio_device *dev)
{
	bool registers = dev->read && dev->write;

	if (!dev->size || dev->base + dev->size < dev->base || !dev->name)
		return false;
	if (!registers && (dev->read || dev->write))
		return false;
	return registers || (PAGE_ALIGNED(dev->base) && PAGE_ALIGNED(dev->size));
}

static int attach_window(struct ukmem_mmio_device *dev, bool named);

int ukmem_mmio_attach(struct ukmem_mmio_device *dev)
{
	if (!dev)
		return -EFAULT;
	if (!dev->name)
		return -EINVAL;
	return attach_window(dev, true);
}

int mmio_attach_unnamed(struct ukmem_mmio_device *dev)
{
	return attach_window(dev, false);
}

static int attach_window(struct ukmem_mmio_device *dev, bool named)
{
	struct mmio_window *w;
	int err = -EBUSY;

	ukmem_ensure_booted();
	if (!window_valid(dev))
		return -EINVAL;
	w = calloc(1, sizeof(*w));
	if (!w)
		return -ENOMEM;
	w->dev = dev;
	w->start = dev->base;
	w->end = dev->base + dev->size;
	w->memfd = -1;
	w->res = DEFINE_RES_MEM_NAMED(dev->base, dev->size, dev->name);
	if (!dev->read && give_memory(w, dev->name, (size_t)dev->size)) {
		free(w);
		return -ENOMEM;
	}
	pthread_mutex_lock(&attach_lock);
	if (!overlaps_ram(w->start, w->end) && !overlaps_window(w->start, w->end) &&
	    (!named || !insert_resource(&iomem_resource, &w->res))) {
		list_add_tail(&w->node, &windows);
		err = publish_table();
		if (err) {
			list_del(&w->node);
			if (named)
				remove_resource(&w->res);
		}
	}
	pthread_mutex_unlock(&attach_lock);
	if (err) {
		pr_err("ukmem: %s at 0x%08llx-0x%08llx: address range taken\n", dev->name,
		       (unsigned long long)w->start, (unsigned long long)w->end - 1);
		drop_memory(w);
		free(w);
	}
	return err;
}

/* Unhooks w's device; called with attach_lock held. */
static void detach_window(struct mmio_window *w)
{
	struct ukmem_mmio_device *dev = w->dev;

	arch_spin_lock(&w->lock);
	w->dev = NULL;
	arch_spin_unlock(&w->lock);
	if (publish_table())
		pr_err("ukmem: %s: out of memory rebuilding the bus table\n", dev->name);
	if (w->res.parent)
		remove_resource(&w->res);
	if (dev->release)
		dev->release(dev);
}

void ukmem_mmio_detach(struct ukmem_mmio_device *dev)
{
	struct mmio_window *w;

	pthread_mutex_lock(&attach_lock);
	list_for_each_entry(w, &windows, node) {
		if (w->dev == dev) {
			detach_window(w);
			break;
		}
	}
	pthread_mutex_unlock(&attach_lock);
}

void *ukmem_mmio_memory(struct ukmem_mmio_device *dev)
{
	struct mmio_window *w = dev ? mmio_window_find(dev->base) : NULL;

	return w && w->dev == dev ? w->memory : NULL;
}

void mmio_detach_all(void)
{
	struct mmio_window *w;

	pthread_mutex_lock(&attach_lock);
	list_for_each_entry(w, &windows, node)
		if (w->dev)
			detach_window(w);
	pthread_mutex_unlock(&attach_lock);
}

int mmio_init(void)
{
	return mmio_fault_handler_install();
}

/* Frees every window and retired table; no accessor may run any more. */
void mmio_exit(void)
{
	struct mmio_window *w, *next;
	struct window_table *t = __atomic_exchange_n(&window_table, NULL, __ATOMIC_ACQ_REL);

	free(t);
	while (retired_tables) {
		t = retired_tables;
		retired_tables = t->retired_next;
		free(t);
	}
	list_for_each_entry_safe(w, next, &windows, node) {
		list_del(&w->node);
		drop_memory(w);
		free(w);
	}
	mmio_fault_handler_remove();
}

/**
 * ukmem_bad_io_access - report an ioread/iowrite of an address that is neither MMIO nor a port
 * @port: the bad cookie
 * @access: the accessor's name
 *
 * Warns "Bad IO access at port" as lib/iomap.c does; the first 10 are reported.
 *
 * Context: any context.
 */
void ukmem_bad_io_access(unsigned long port, const char *access)
{
	static int reports_left = 10;

	if (__atomic_fetch_sub(&reports_left, 1, __ATOMIC_RELAXED) > 0)
		WARN(1, KERN_ERR "Bad IO access at port %#lx (%s)\n", port, access);
}
EXPORT_SYMBOL(ukmem_bad_io_access);
