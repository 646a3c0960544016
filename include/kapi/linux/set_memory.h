/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/set_memory.h: changing the attributes of the kernel's own pages. Of these Linux
 * 6.1 lets modules call only the caching ones (set_memory_uc/wc/wb, set_pages_*), and
 * ukmem's direct map has no caching modes, so none is offered here: the header is for
 * code that includes it for its built-in paths (IS_MODULE() leaves the calls out).
 * ukmem's own page-table side of these (KFENCE's guard pages) is internal. */
#ifndef UKMEM_LINUX_SET_MEMORY_H
#define UKMEM_LINUX_SET_MEMORY_H

#include <linux/types.h>

#endif
