/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/static_key.h: static keys, all in <linux/jump_label.h> (as in Linux 6.1). */
#ifndef UKMEM_LINUX_STATIC_KEY_H
#define UKMEM_LINUX_STATIC_KEY_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER
#include <linux/jump_label.h>

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/static_key.h> brings with it, once this header is complete. */
#include <linux/bug.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#endif
#endif
