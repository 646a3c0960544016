// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/dma/debug.c: dma-debug. Every streaming mapping and coherent buffer is an entry
 * in a hash table keyed by its bus address; unmap, free and sync calls are checked
 * against it (size, direction, function, CPU address, unchecked map errors, unknown
 * handles), and entries a driver still holds are reported when its device is released
 * and at shutdown. Reports are WARNINGs with the kernel's texts. Linux shows only the
 * first error unless told otherwise (debugfs all_errors); ukmem shows all of them.
 * Boot parameter dma_debug=off turns the checks off. One spinlock guards the table;
 * reports are printed after it is dropped. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/spinlock.h>
#include <linux/vmalloc.h>
#include <linux/export.h>
#include "kernel/dma/debug.h"
#include "kernel/params.h"
#include "machine/initcalls.h"

#define HASH_SIZE	1024
#define NAME_LEN	32

enum map_err_type { MAP_ERR_CHECK_NOT_APPLICABLE, MAP_ERR_NOT_CHECKED, MAP_ERR_CHECKED };
enum dma_debug_type { dma_debug_single, dma_debug_sg, dma_debug_coherent };

static const char *const type2name[] = {
	[dma_debug_single] = "single",
	[dma_debug_sg] = "scather-gather",
	[dma_debug_coherent] = "coherent",
};
static const char *const dir2name[] = {
	[DMA_BIDIRECTIONAL] = "DMA_BIDIRECTIONAL",
	[DMA_TO_DEVICE] = "DMA_TO_DEVICE",
	[DMA_FROM_DEVICE] = "DMA_FROM_DEVICE",
	[DMA_NONE] = "DMA_NONE",
};

struct dma_debug_entry {
	struct list_head list;
	struct device *dev;
	char driver[NAME_LEN], name[NAME_LEN];	/* for reports after the device is gone */
	int type;
	phys_addr_t paddr;
	dma_addr_t dev_addr;
	u64 size;
	int direction;
	enum map_err_type map_err_type;
};

static struct list_head hash[HASH_SIZE];
static DEFINE_SPINLOCK(hash_lock);
static bool dma_debug_off;

static int set_dma_debug(const char *v)
{
	dma_debug_off = !strcmp(v, "off");
	return 0;
}
UKMEM_SETUP("dma_debug=", set_dma_debug, "on");

#define err_printk(drv, name, fmt, ...) \
	WARN(1, "DMA-API: %s %s: " fmt, drv, name, ##__VA_ARGS__)
#define dev_err_printk(dev, fmt, ...) \
	err_printk((dev) ? dev_driver_string(dev) : "NULL", (dev) ? dev_name(dev) : "NULL", \
		   fmt, ##__VA_ARGS__)

static const char *dir_name(int dir)
{
	return dir >= DMA_BIDIRECTIONAL && dir <= DMA_NONE ? dir2name[dir] : "?";
}

static struct list_head *bucket_of(dma_addr_t addr)
{
	return &hash[(addr >> PAGE_SHIFT) & (HASH_SIZE - 1)];
}

static struct dma_debug_entry *find_exact(struct device *dev, dma_addr_t addr)
{
	struct dma_debug_entry *e;

	list_for_each_entry(e, bucket_of(addr), list)
		if (e->dev == dev && e->dev_addr == addr)
			return e;
	return NULL;
}

/* The mapping of dev that contains addr (sync calls may name a part of it). */
static struct dma_debug_entry *find_containing(struct device *dev, dma_addr_t addr)
{
	struct dma_debug_entry *e = find_exact(dev, addr);

	if (e)
		return e;
	for (int i = 0; i < HASH_SIZE; i++)
		list_for_each_entry(e, &hash[i], list)
			if (e->dev == dev && addr >= e->dev_addr && addr < e->dev_addr + e->size)
				return e;
	return NULL;
}

static void add_entry(struct device *dev, int type, phys_addr_t paddr, dma_addr_t addr,
		      size_t size, int dir)
{
	struct dma_debug_entry *e = calloc(1, sizeof(*e));

	if (!e)
		return;
	*e = (struct dma_debug_entry){ .dev = dev, .type = type, .paddr = paddr,
				       .dev_addr = addr, .size = size, .direction = dir,
				       .map_err_type = type == dma_debug_single ?
						       MAP_ERR_NOT_CHECKED :
						       MAP_ERR_CHECK_NOT_APPLICABLE };
	snprintf(e->driver, NAME_LEN, "%s", dev ? dev_driver_string(dev) : "NULL");
	snprintf(e->name, NAME_LEN, "%s", dev ? dev_name(dev) : "NULL");
	spin_lock(&hash_lock);
	list_add_tail(&e->list, bucket_of(addr));
	spin_unlock(&hash_lock);
}

/* ---- mapping ---- */

static bool on_current_stack(const void *addr)
{
	static __thread unsigned long stack_lo, stack_hi;

	if (!stack_hi) {
		pthread_attr_t attr;
		void *base;
		size_t size;

		if (pthread_getattr_np(pthread_self(), &attr))
			return false;
		pthread_attr_getstack(&attr, &base, &size);
		pthread_attr_destroy(&attr);
		stack_lo = (unsigned long)base;
		stack_hi = stack_lo + size;
	}
	return (unsigned long)addr >= stack_lo && (unsigned long)addr < stack_hi;
}

void debug_dma_map_single(struct device *dev, const void *addr, unsigned long len)
{
	if (dma_debug_off)
		return;
	if (on_current_stack(addr)) {
		dev_err_printk(dev, "device driver maps memory from stack [addr=%p]\n", addr);
		return;
	}
	if (!virt_addr_valid(addr))
		dev_err_printk(dev, "device driver maps memory from invalid area [addr=%p] "
			       "[len=%lu]\n", addr, len);
	if (is_vmalloc_addr(addr))
		dev_err_printk(dev, "device driver maps memory from vmalloc area [addr=%p] "
			       "[len=%lu]\n", addr, len);
}

void debug_dma_map_page(struct device *dev, phys_addr_t phys, size_t size, int direction,
			dma_addr_t dma_addr)
{
	if (dma_debug_off || dma_addr == DMA_MAPPING_ERROR)
		return;
	add_entry(dev, dma_debug_single, phys, dma_addr, size, direction);
}

void debug_dma_mapping_error(struct device *dev, dma_addr_t dma_addr)
{
	struct dma_debug_entry *e;

	if (dma_debug_off)
		return;
	spin_lock(&hash_lock);
	e = find_exact(dev, dma_addr);
	if (e && e->map_err_type == MAP_ERR_NOT_CHECKED)
		e->map_err_type = MAP_ERR_CHECKED;
	spin_unlock(&hash_lock);
}

/* Each mapped entry of a scatterlist is one debug entry of type "scather-gather" (no
 * dma_mapping_error check is expected for them), so unmapping it as a single mapping
 * is reported as the wrong function, as in Linux. */
void debug_dma_map_sg(struct device *dev, struct scatterlist *sgl, int mapped_ents,
		      int direction)
{
	struct scatterlist *sg;
	int i;

	if (dma_debug_off)
		return;
	for_each_sg(sgl, sg, mapped_ents, i) {
		add_entry(dev, dma_debug_sg, sg_phys(sg), sg_dma_address(sg), sg_dma_len(sg),
			  direction);
	}
}

/* ---- unmap and free ---- */

/* Checks ref against the entry it names and removes that entry. false: no such entry. */
static bool check_unmap(struct dma_debug_entry *ref)
{
	struct device *dev = ref->dev;
	struct dma_debug_entry *e;

	spin_lock(&hash_lock);
	e = find_exact(dev, ref->dev_addr);
	if (e)
		list_del(&e->list);
	spin_unlock(&hash_lock);
	if (!e) {
		if (ref->dev_addr == DMA_MAPPING_ERROR)
			dev_err_printk(dev, "device driver tries to free an invalid DMA memory "
				       "address\n");
		else
			dev_err_printk(dev, "device driver tries to free DMA memory it has not "
				       "allocated [device address=0x%016llx] [size=%llu bytes]\n",
				       (unsigned long long)ref->dev_addr,
				       (unsigned long long)ref->size);
		return false;
	}
	if (ref->size != e->size)
		dev_err_printk(dev, "device driver frees DMA memory with different size "
			       "[device address=0x%016llx] [map size=%llu bytes] "
			       "[unmap size=%llu bytes]\n", (unsigned long long)ref->dev_addr,
			       (unsigned long long)e->size, (unsigned long long)ref->size);
	if (ref->type != e->type)
		dev_err_printk(dev, "device driver frees DMA memory with wrong function "
			       "[device address=0x%016llx] [size=%llu bytes] [mapped as %s] "
			       "[unmapped as %s]\n", (unsigned long long)ref->dev_addr,
			       (unsigned long long)ref->size, type2name[e->type],
			       type2name[ref->type]);
	else if (e->type == dma_debug_coherent && ref->paddr != e->paddr)
		dev_err_printk(dev, "device driver frees DMA memory with different CPU address "
			       "[device address=0x%016llx] [size=%llu bytes] "
			       "[cpu alloc address=0x%016llx] [cpu free address=0x%016llx]",
			       (unsigned long long)ref->dev_addr, (unsigned long long)ref->size,
			       (unsigned long long)e->paddr, (unsigned long long)ref->paddr);
	if (ref->direction != e->direction)
		dev_err_printk(dev, "device driver frees DMA memory with different direction "
			       "[device address=0x%016llx] [size=%llu bytes] [mapped with %s] "
			       "[unmapped with %s]\n", (unsigned long long)ref->dev_addr,
			       (unsigned long long)ref->size, dir_name(e->direction),
			       dir_name(ref->direction));
	if (e->map_err_type == MAP_ERR_NOT_CHECKED)
		dev_err_printk(dev, "device driver failed to check map error"
			       "[device address=0x%016llx] [size=%llu bytes] [mapped as %s]",
			       (unsigned long long)ref->dev_addr, (unsigned long long)ref->size,
			       type2name[e->type]);
	free(e);
	return true;
}

void debug_dma_unmap_page(struct device *dev, dma_addr_t addr, size_t size, int direction)
{
	struct dma_debug_entry ref = { .dev = dev, .type = dma_debug_single, .dev_addr = addr,
				       .size = size, .direction = direction };

	if (!dma_debug_off)
		check_unmap(&ref);
}

void debug_dma_unmap_sg(struct device *dev, struct scatterlist *sgl, int nelems, int direction)
{
	struct scatterlist *sg;
	int i;

	if (dma_debug_off)
		return;
	for_each_sg(sgl, sg, nelems, i) {
		struct dma_debug_entry ref = { .dev = dev, .type = dma_debug_sg,
					       .paddr = sg_phys(sg), .dev_addr = sg_dma_address(sg),
					       .size = sg_dma_len(sg), .direction = direction };

		check_unmap(&ref);
	}
}

void debug_dma_alloc_coherent(struct device *dev, size_t size, dma_addr_t dma_addr,
			      void *virt)
{
	if (!dma_debug_off)
		add_entry(dev, dma_debug_coherent, __pa(virt), dma_addr, size, DMA_BIDIRECTIONAL);
}

bool debug_dma_free_coherent(struct device *dev, size_t size, void *virt, dma_addr_t addr)
{
	struct dma_debug_entry ref = { .dev = dev, .type = dma_debug_coherent,
				       .paddr = __pa(virt), .dev_addr = addr, .size = size,
				       .direction = DMA_BIDIRECTIONAL };

	return dma_debug_off || check_unmap(&ref);
}

/* ---- sync ---- */

static void check_sync(struct device *dev, dma_addr_t addr, size_t size, int dir, bool to_cpu)
{
	struct dma_debug_entry e, *found;

	spin_lock(&hash_lock);
	found = find_containing(dev, addr);
	if (found)
		e = *found;
	spin_unlock(&hash_lock);
	if (!found) {
		dev_err_printk(dev, "device driver tries to sync DMA memory it has not allocated "
			       "[device address=0x%016llx] [size=%llu bytes]\n",
			       (unsigned long long)addr, (unsigned long long)size);
		return;
	}
	if (addr + size > e.dev_addr + e.size)
		dev_err_printk(dev, "device driver syncs DMA memory outside allocated range "
			       "[device address=0x%016llx] [allocation size=%llu bytes] "
			       "[sync offset+size=%llu]\n", (unsigned long long)e.dev_addr,
			       (unsigned long long)e.size,
			       (unsigned long long)(addr - e.dev_addr + size));
	if (e.direction == DMA_BIDIRECTIONAL)
		return;
	if (dir != e.direction)
		dev_err_printk(dev, "device driver syncs DMA memory with different direction "
			       "[device address=0x%016llx] [size=%llu bytes] [mapped with %s] "
			       "[synced with %s]\n", (unsigned long long)addr,
			       (unsigned long long)e.size, dir_name(e.direction), dir_name(dir));
	if (to_cpu && e.direction != DMA_FROM_DEVICE && dir != DMA_TO_DEVICE)
		dev_err_printk(dev, "device driver syncs device read-only DMA memory for cpu "
			       "[device address=0x%016llx] [size=%llu bytes] [mapped with %s] "
			       "[synced with %s]\n", (unsigned long long)addr,
			       (unsigned long long)e.size, dir_name(e.direction), dir_name(dir));
	if (!to_cpu && e.direction != DMA_TO_DEVICE && dir != DMA_FROM_DEVICE)
		dev_err_printk(dev, "device driver syncs device write-only DMA memory to device "
			       "[device address=0x%016llx] [size=%llu bytes] [mapped with %s] "
			       "[synced with %s]\n", (unsigned long long)addr,
			       (unsigned long long)e.size, dir_name(e.direction), dir_name(dir));
}

void debug_dma_sync_single_for_cpu(struct device *dev, dma_addr_t addr, size_t size,
				   int direction)
{
	if (!dma_debug_off)
		check_sync(dev, addr, size, direction, true);
}

void debug_dma_sync_single_for_device(struct device *dev, dma_addr_t addr, size_t size,
				      int direction)
{
	if (!dma_debug_off)
		check_sync(dev, addr, size, direction, false);
}

/* ---- leaks ---- */

/* Takes dev's entries (every entry for dev == NULL) off the table onto *out. */
static int take_entries(struct device *dev, struct list_head *out)
{
	struct dma_debug_entry *e, *next;
	int count = 0;

	spin_lock(&hash_lock);
	for (int i = 0; i < HASH_SIZE; i++)
		list_for_each_entry_safe(e, next, &hash[i], list)
			if (!dev || e->dev == dev) {
				list_move_tail(&e->list, out);
				count++;
			}
	spin_unlock(&hash_lock);
	return count;
}

static void report_pending(const char *drv, const char *name, int count,
			   const struct dma_debug_entry *e)
{
	err_printk(drv, name, "device driver has pending DMA allocations while released from "
		   "device [count=%d]\nOne of leaked entries details: [device address=0x%016llx] "
		   "[size=%llu bytes] [mapped with %s] [mapped as %s]\n", count,
		   (unsigned long long)e->dev_addr, (unsigned long long)e->size,
		   dir_name(e->direction), type2name[e->type]);
}

/* Reports the entries of each device on list once, and frees them all. */
static void report_and_free(struct list_head *list)
{
	while (!list_empty(list)) {
		struct dma_debug_entry *first = list_first_entry(list, struct dma_debug_entry, list);
		struct dma_debug_entry *e, *next;
		struct device *dev = first->dev;
		int count = 0;

		list_for_each_entry(e, list, list)
			count += e->dev == dev;
		report_pending(first->driver, first->name, count, first);
		list_for_each_entry_safe(e, next, list, list)
			if (e->dev == dev) {
				list_del(&e->list);
				free(e);
			}
	}
}

/* At unbind (base/dd.c): reports the mappings and buffers the driver left behind. */
void debug_dma_device_unbound(struct device *dev)
{
	LIST_HEAD(pending);

	if (!dma_debug_off && take_entries(dev, &pending))
		report_and_free(&pending);
}

int dma_debug_init(void)
{
	for (int i = 0; i < HASH_SIZE; i++)
		INIT_LIST_HEAD(&hash[i]);
	if (!dma_debug_off)
		pr_info("DMA-API: debugging enabled by kernel config\n");
	return 0;
}

void dma_debug_exit(void)
{
	LIST_HEAD(pending);

	if (take_entries(NULL, &pending))
		report_and_free(&pending);
}
