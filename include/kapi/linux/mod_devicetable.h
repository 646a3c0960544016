/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/mod_devicetable.h: the ID tables drivers match devices with (only PCI's so far).
 * A table ends with an entry of zeros. */
#ifndef UKMEM_LINUX_MOD_DEVICETABLE_H
#define UKMEM_LINUX_MOD_DEVICETABLE_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>

typedef unsigned long kernel_ulong_t;

#define PCI_ANY_ID (~0)

/* A PCI device matches if every field is PCI_ANY_ID or equal, and the class under
 * class_mask is equal. */
#define PLATFORM_NAME_SIZE	20
#define PLATFORM_MODULE_PREFIX	"platform:"

struct platform_device_id {
	char name[PLATFORM_NAME_SIZE];
	kernel_ulong_t driver_data;
};

struct pci_device_id {
	__u32 vendor, device;
	__u32 subvendor, subdevice;
	__u32 class, class_mask;
	kernel_ulong_t driver_data;
	__u32 override_only;
};

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/mod_devicetable.h> brings with it, once this header is complete. */
#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/bug.h>
#include <linux/byteorder/generic.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/jump_label.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/overflow.h>
#include <linux/uuid.h>
#endif
#endif
