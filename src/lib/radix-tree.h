/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lib/radix-tree.h: what lib/idr.c needs of the XArray beyond its public API. */
#ifndef UKMEM_LIB_RADIX_TREE_H
#define UKMEM_LIB_RADIX_TREE_H
#include <linux/xarray.h>

/* The entry at index as stored, reserved (zero) entries included. Under RCU or xa_lock. */
void *ukmem_xa_load_raw(struct xarray *xa, unsigned long index);
/* Keep enough nodes for one insertion on this thread until ukmem_xa_preload_end(), so
 * that an update with an atomic gfp in between cannot fail for memory. */
void ukmem_xa_preload(gfp_t gfp);
void ukmem_xa_preload_end(void);
#endif
