/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/kdev_t.h: the kernel's device numbers -- a 12-bit major and a 20-bit minor in a
 * dev_t. The system's UAPI header (8-bit minors, for old user programs) is pulled in
 * first and its macros replaced, so a driver including either sees the kernel's. */
#ifndef UKMEM_LINUX_KDEV_T_H
#define UKMEM_LINUX_KDEV_T_H

#include_next <linux/kdev_t.h>

#undef MAJOR
#undef MINOR
#undef MKDEV
#define MINORBITS	20
#define MINORMASK	((1U << MINORBITS) - 1)
#define MAJOR(dev)	((unsigned int)((dev) >> MINORBITS))
#define MINOR(dev)	((unsigned int)((dev) & MINORMASK))
#define MKDEV(ma, mi)	(((dev_t)(ma) << MINORBITS) | (mi))

#define format_dev_t(buffer, dev)	\
	({ sprintf(buffer, "%u:%u", MAJOR(dev), MINOR(dev)); buffer; })

#endif
