/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/io.h: where most drivers get the I/O accessors and ioremap; the definitions are
 * in asm/io.h. */
#ifndef UKMEM_LINUX_IO_H
#define UKMEM_LINUX_IO_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <asm/barrier.h>
#include <asm/io.h>
#include <linux/err.h>

struct device;

#define IOMEM_ERR_PTR(err) (__force void __iomem *)ERR_PTR(err)

/* Managed mappings, unmapped when the device's resources are released (lib/devres.c). */
void __iomem *devm_ioremap(struct device *dev, resource_size_t offset,
			   resource_size_t size);
void __iomem *devm_ioremap_uc(struct device *dev, resource_size_t offset,
			      resource_size_t size);
void __iomem *devm_ioremap_wc(struct device *dev, resource_size_t offset,
			      resource_size_t size);
void devm_iounmap(struct device *dev, void __iomem *addr);
void devm_ioremap_release(struct device *dev, void *res);

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/io.h> brings with it, once this header is complete. */
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/overflow.h>
#include <linux/percpu-defs.h>
#include <linux/rbtree.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time64.h>
#include <linux/tracepoint-defs.h>
#include <linux/vmalloc.h>
#endif
#endif
