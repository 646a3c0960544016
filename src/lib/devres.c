// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/devres.c: managed mappings (Linux 6.1's lib/devres.c without the PCI part, which
 * is in src/drivers/pci/): devm_ioremap and its cache variants, devm_iounmap, and
 * devm_ioremap_resource, which checks a memory resource, requests its region under the
 * name "<device> <resource>" and maps it. Each mapping is a devres node holding the
 * address; releasing it is iounmap. */
#include <linux/device.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/io.h>
#include <linux/ioport.h>

enum devm_ioremap_type {
	DEVM_IOREMAP = 0,
	DEVM_IOREMAP_UC,
	DEVM_IOREMAP_WC,
	DEVM_IOREMAP_NP,
};

void devm_ioremap_release(struct device *dev, void *res)
{
	iounmap(*(void __iomem **)res);
}

static int devm_ioremap_match(struct device *dev, void *res, void *match_data)
{
	return *(void __iomem **)res == match_data;
}

static void __iomem *__devm_ioremap(struct device *dev, resource_size_t offset,
				    resource_size_t size, enum devm_ioremap_type type)
{
	void __iomem **ptr, *addr = NULL;

	ptr = devres_alloc(devm_ioremap_release, sizeof(*ptr), GFP_KERNEL);
	if (!ptr)
		return NULL;
	switch (type) {
	case DEVM_IOREMAP:
		addr = ioremap(offset, size);
		break;
	case DEVM_IOREMAP_UC:
		addr = ioremap_uc(offset, size);
		break;
	case DEVM_IOREMAP_WC:
		addr = ioremap_wc(offset, size);
		break;
	case DEVM_IOREMAP_NP:
		addr = ioremap_np(offset, size);
		break;
	}
	if (addr) {
		*ptr = addr;
		devres_add(dev, ptr);
	} else {
		devres_free(ptr);
	}
	return addr;
}

/**
 * devm_ioremap - ioremap unmapped when the device's resources are released
 * @dev: the device
 * @offset: physical address
 * @size: bytes
 *
 * Context: process, may sleep. Return: the mapping, or NULL as ioremap.
 */
void __iomem *devm_ioremap(struct device *dev, resource_size_t offset, resource_size_t size)
{
	return __devm_ioremap(dev, offset, size, DEVM_IOREMAP);
}
EXPORT_SYMBOL(devm_ioremap);

/**
 * devm_ioremap_uc - managed ioremap_uc
 * @dev: the device
 * @offset: physical address
 * @size: bytes
 *
 * Context: process, may sleep. Return: the mapping, or NULL.
 */
void __iomem *devm_ioremap_uc(struct device *dev, resource_size_t offset,
			      resource_size_t size)
{
	return __devm_ioremap(dev, offset, size, DEVM_IOREMAP_UC);
}
EXPORT_SYMBOL_GPL(devm_ioremap_uc);

/**
 * devm_ioremap_wc - managed ioremap_wc
 * @dev: the device
 * @offset: physical address
 * @size: bytes
 *
 * Context: process, may sleep. Return: the mapping, or NULL.
 */
void __iomem *devm_ioremap_wc(struct device *dev, resource_size_t offset,
			      resource_size_t size)
{
	return __devm_ioremap(dev, offset, size, DEVM_IOREMAP_WC);
}
EXPORT_SYMBOL(devm_ioremap_wc);

/**
 * devm_iounmap - unmap a managed mapping now
 * @dev: the device
 * @addr: what devm_ioremap returned
 *
 * Context: process. A mapping not managed for @dev is a WARN (and stays mapped).
 */
void devm_iounmap(struct device *dev, void __iomem *addr)
{
	WARN_ON(devres_destroy(dev, devm_ioremap_release, devm_ioremap_match,
			       (__force void *)addr));
	iounmap(addr);
}
EXPORT_SYMBOL(devm_iounmap);

static void __iomem *__devm_ioremap_resource(struct device *dev, const struct resource *res,
					     enum devm_ioremap_type type)
{
	resource_size_t size;
	void __iomem *dest_ptr;
	char *pretty_name;

	BUG_ON(!dev);
	if (!res || resource_type(res) != IORESOURCE_MEM) {
		dev_err(dev, "invalid resource\n");
		return IOMEM_ERR_PTR(-EINVAL);
	}
	if (type == DEVM_IOREMAP && (res->flags & IORESOURCE_MEM_NONPOSTED))
		type = DEVM_IOREMAP_NP;
	size = resource_size(res);
	if (res->name)
		pretty_name = devm_kasprintf(dev, GFP_KERNEL, "%s %s", dev_name(dev), res->name);
	else
		pretty_name = devm_kstrdup(dev, dev_name(dev), GFP_KERNEL);
	if (!pretty_name) {
		dev_err(dev, "can't generate pretty name for resource %pR\n", res);
		return IOMEM_ERR_PTR(-ENOMEM);
	}
	if (!devm_request_mem_region(dev, res->start, size, pretty_name)) {
		dev_err(dev, "can't request region for resource %pR\n", res);
		return IOMEM_ERR_PTR(-EBUSY);
	}
	dest_ptr = __devm_ioremap(dev, res->start, size, type);
	if (!dest_ptr) {
		dev_err(dev, "ioremap failed for resource %pR\n", res);
		devm_release_mem_region(dev, res->start, size);
		dest_ptr = IOMEM_ERR_PTR(-ENOMEM);
	}
	return dest_ptr;
}

/**
 * devm_ioremap_resource - check, request and map a memory resource, all managed
 * @dev: the device
 * @res: an IORESOURCE_MEM resource (platform_get_resource)
 *
 * Context: process, may sleep. Return: the mapping; ERR_PTR(-EINVAL) with "invalid
 * resource" for a missing or non-memory resource, ERR_PTR(-EBUSY) with "can't request
 * region for resource %pR" when the range is taken, ERR_PTR(-ENOMEM).
 */
void __iomem *devm_ioremap_resource(struct device *dev, const struct resource *res)
{
	return __devm_ioremap_resource(dev, res, DEVM_IOREMAP);
}
EXPORT_SYMBOL(devm_ioremap_resource);

/**
 * devm_ioremap_resource_wc - devm_ioremap_resource, write-combining
 * @dev: the device
 * @res: an IORESOURCE_MEM resource
 *
 * Context: process, may sleep. Return: as devm_ioremap_resource.
 */
void __iomem *devm_ioremap_resource_wc(struct device *dev, const struct resource *res)
{
	return __devm_ioremap_resource(dev, res, DEVM_IOREMAP_WC);
}
