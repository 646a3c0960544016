/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/kasan-tags.h: the pointer tags of KASAN's tag-based modes. ukmem's KASAN is the
 * generic mode (shadow memory, no tags), where every pointer carries KASAN_TAG_KERNEL. */
#ifndef UKMEM_LINUX_KASAN_TAGS_H
#define UKMEM_LINUX_KASAN_TAGS_H

#define KASAN_TAG_KERNEL	0xFF	/* an untagged kernel pointer */
#define KASAN_TAG_INVALID	0xFE	/* memory no pointer may reach */
#define KASAN_TAG_MAX		0xFD	/* the largest random tag */
#define KASAN_TAG_MIN		0x00	/* the smallest random tag */

#endif
