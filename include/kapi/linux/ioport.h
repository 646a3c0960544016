/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/ioport.h: resources -- ranges of I/O ports or physical addresses kept in two
 * trees (ioport_resource, iomem_resource), and the region calls drivers use to claim
 * them. A resource's children are sorted by start and never overlap; a busy resource
 * (IORESOURCE_BUSY) is a driver's claim and nothing may be requested inside it. */
#ifndef UKMEM_LINUX_IOPORT_H
#define UKMEM_LINUX_IOPORT_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/compiler.h>

struct resource {
	resource_size_t start;
	resource_size_t end;		/* inclusive */
	const char *name;
	unsigned long flags;
	unsigned long desc;
	struct resource *parent, *sibling, *child;
};

#define IORESOURCE_BITS		0x000000ff
#define IORESOURCE_TYPE_BITS	0x00001f00
#define IORESOURCE_IO		0x00000100
#define IORESOURCE_MEM		0x00000200
#define IORESOURCE_REG		0x00000300
#define IORESOURCE_IRQ		0x00000400
#define IORESOURCE_DMA		0x00000800
#define IORESOURCE_BUS		0x00001000
#define IORESOURCE_PREFETCH	0x00002000
#define IORESOURCE_READONLY	0x00004000
#define IORESOURCE_CACHEABLE	0x00008000
#define IORESOURCE_RANGELENGTH	0x00010000
#define IORESOURCE_SHADOWABLE	0x00020000
#define IORESOURCE_SIZEALIGN	0x00040000
#define IORESOURCE_STARTALIGN	0x00080000
#define IORESOURCE_MEM_64	0x00100000
#define IORESOURCE_WINDOW	0x00200000
#define IORESOURCE_MUXED	0x00400000
#define IORESOURCE_EXT_TYPE_BITS 0x01000000
#define IORESOURCE_SYSRAM	0x01000000
#define IORESOURCE_EXCLUSIVE	0x08000000
#define IORESOURCE_DISABLED	0x10000000
#define IORESOURCE_UNSET	0x20000000
#define IORESOURCE_AUTO		0x40000000
#define IORESOURCE_BUSY		0x80000000
#define IORESOURCE_SYSTEM_RAM	(IORESOURCE_MEM | IORESOURCE_SYSRAM)

/* PnP IRQ bits (IORESOURCE_BITS) */
#define IORESOURCE_IRQ_HIGHEDGE		(1<<0)
#define IORESOURCE_IRQ_LOWEDGE		(1<<1)
#define IORESOURCE_IRQ_HIGHLEVEL	(1<<2)
#define IORESOURCE_IRQ_LOWLEVEL		(1<<3)
#define IORESOURCE_IRQ_SHAREABLE	(1<<4)
#define IORESOURCE_IRQ_OPTIONAL		(1<<5)
#define IORESOURCE_IRQ_WAKECAPABLE	(1<<6)

/* PnP memory bits (IORESOURCE_BITS) */
#define IORESOURCE_MEM_WRITEABLE	(1<<0)
#define IORESOURCE_MEM_NONPOSTED	(1<<7)

/* PnP I/O bits (IORESOURCE_BITS) */
#define IORESOURCE_IO_16BIT_ADDR	(1<<0)
#define IORESOURCE_IO_FIXED		(1<<1)
#define IORESOURCE_IO_SPARSE		(1<<2)

enum {
	IORES_DESC_NONE = 0,
	IORES_DESC_CRASH_KERNEL = 1,
	IORES_DESC_ACPI_TABLES = 2,
	IORES_DESC_ACPI_NV_STORAGE = 3,
	IORES_DESC_PERSISTENT_MEMORY = 4,
	IORES_DESC_PERSISTENT_MEMORY_LEGACY = 5,
	IORES_DESC_DEVICE_PRIVATE_MEMORY = 6,
	IORES_DESC_RESERVED = 7,
	IORES_DESC_SOFT_RESERVED = 8,
};

/* region_intersects() answers */
enum { REGION_DISJOINT = 0, REGION_INTERSECTS, REGION_MIXED };

#define IO_SPACE_LIMIT	0xffff

#define DEFINE_RES_NAMED(_start, _size, _name, _flags)				\
	((struct resource){ .start = (_start), .end = (_start) + (_size) - 1,	\
			    .name = (_name), .flags = (_flags), .desc = IORES_DESC_NONE })
#define DEFINE_RES_IO_NAMED(_start, _size, _name) \
	DEFINE_RES_NAMED((_start), (_size), (_name), IORESOURCE_IO)
#define DEFINE_RES_IO(_start, _size)	DEFINE_RES_IO_NAMED((_start), (_size), NULL)
#define DEFINE_RES_MEM_NAMED(_start, _size, _name) \
	DEFINE_RES_NAMED((_start), (_size), (_name), IORESOURCE_MEM)
#define DEFINE_RES_MEM(_start, _size)	DEFINE_RES_MEM_NAMED((_start), (_size), NULL)
#define DEFINE_RES_IRQ_NAMED(_irq, _name) \
	DEFINE_RES_NAMED((_irq), 1, (_name), IORESOURCE_IRQ)
#define DEFINE_RES_IRQ(_irq)		DEFINE_RES_IRQ_NAMED((_irq), NULL)
#define DEFINE_RES_DMA_NAMED(_dma, _name) \
	DEFINE_RES_NAMED((_dma), 1, (_name), IORESOURCE_DMA)
#define DEFINE_RES_DMA(_dma)		DEFINE_RES_DMA_NAMED((_dma), NULL)

extern struct resource ioport_resource;
extern struct resource iomem_resource;

static inline resource_size_t resource_size(const struct resource *res)
{
	return res->end - res->start + 1;
}
static inline unsigned long resource_type(const struct resource *res)
{
	return res->flags & IORESOURCE_TYPE_BITS;
}
static inline unsigned long resource_ext_type(const struct resource *res)
{
	return res->flags & IORESOURCE_EXT_TYPE_BITS;
}
static inline bool resource_contains(struct resource *r1, struct resource *r2)
{
	if (resource_type(r1) != resource_type(r2))
		return false;
	if (r1->flags & IORESOURCE_UNSET || r2->flags & IORESOURCE_UNSET)
		return false;
	return r1->start <= r2->start && r1->end >= r2->end;
}
static inline bool resource_overlaps(struct resource *r1, struct resource *r2)
{
	return r1->start <= r2->end && r1->end >= r2->start;
}
/* Where r1 and r2 overlap, into r (start and end only); false, r untouched, if they do not. */
static inline bool resource_intersection(struct resource *r1, struct resource *r2,
					 struct resource *r)
{
	if (!resource_overlaps(r1, r2))
		return false;
	r->start = r1->start > r2->start ? r1->start : r2->start;
	r->end = r1->end < r2->end ? r1->end : r2->end;
	return true;
}
/* The span of two overlapping resources, into r (start and end only); false, r untouched,
 * if they do not overlap. */
static inline bool resource_union(struct resource *r1, struct resource *r2, struct resource *r)
{
	if (!resource_overlaps(r1, r2))
		return false;
	r->start = r1->start < r2->start ? r1->start : r2->start;
	r->end = r1->end > r2->end ? r1->end : r2->end;
	return true;
}

/* Tree operations. request_resource() and insert_resource() return 0 or -EBUSY. */
struct resource *request_resource_conflict(struct resource *root, struct resource *new);
int request_resource(struct resource *root, struct resource *new);
int release_resource(struct resource *old);
struct resource *insert_resource_conflict(struct resource *parent, struct resource *new);
int insert_resource(struct resource *parent, struct resource *new);
int remove_resource(struct resource *old);
int allocate_resource(struct resource *root, struct resource *new, resource_size_t size,
		      resource_size_t min, resource_size_t max, resource_size_t align,
		      resource_size_t (*alignf)(void *, const struct resource *,
						resource_size_t, resource_size_t),
		      void *alignf_data);
struct resource *lookup_resource(struct resource *root, resource_size_t start);
bool iomem_is_exclusive(u64 addr);
int region_intersects(resource_size_t start, size_t size, unsigned long flags,
		      unsigned long desc);

/* Regions: busy claims allocated by the tree. A request nests into a non-busy resource
 * that covers it and fails (NULL) against a busy one; IORESOURCE_MUXED requests wait
 * for a muxed holder to release instead of failing. */
struct resource *__request_region(struct resource *parent, resource_size_t start,
				  resource_size_t n, const char *name, int flags);
void __release_region(struct resource *parent, resource_size_t start, resource_size_t n);

#define request_region(start, n, name) \
	__request_region(&ioport_resource, (start), (n), (name), 0)
#define request_muxed_region(start, n, name) \
	__request_region(&ioport_resource, (start), (n), (name), IORESOURCE_MUXED)
#define request_mem_region(start, n, name) \
	__request_region(&iomem_resource, (start), (n), (name), 0)
#define request_mem_region_exclusive(start, n, name) \
	__request_region(&iomem_resource, (start), (n), (name), IORESOURCE_EXCLUSIVE)
#define rename_region(region, newname) do { (region)->name = (newname); } while (0)
#define release_region(start, n)	__release_region(&ioport_resource, (start), (n))
#define release_mem_region(start, n)	__release_region(&iomem_resource, (start), (n))

struct device;

/* Managed regions, released when the device's resources are (kernel/resource.c). */
int devm_request_resource(struct device *dev, struct resource *root,
			  struct resource *new);
void devm_release_resource(struct device *dev, struct resource *new);
#define devm_request_region(dev,start,n,name) \
	__devm_request_region(dev, &ioport_resource, (start), (n), (name))
#define devm_request_mem_region(dev,start,n,name) \
	__devm_request_region(dev, &iomem_resource, (start), (n), (name))
struct resource *__devm_request_region(struct device *dev, struct resource *parent,
				       resource_size_t start, resource_size_t n,
				       const char *name);
#define devm_release_region(dev, start, n) \
	__devm_release_region(dev, &ioport_resource, (start), (n))
#define devm_release_mem_region(dev, start, n) \
	__devm_release_region(dev, &iomem_resource, (start), (n))
void __devm_release_region(struct device *dev, struct resource *parent,
			   resource_size_t start, resource_size_t n);

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/ioport.h> brings with it, once this header is complete. */
#include <linux/bits.h>
#include <linux/minmax.h>
#endif
#endif
