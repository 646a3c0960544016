/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tests/helpers/kmsg.h: reading the kernel log, /proc views and free-page counts from tests. */
#ifndef UKMEM_TEST_KMSG_H
#define UKMEM_TEST_KMSG_H
#include <stdbool.h>
#include <stddef.h>
char *proc_text(const char *path);		/* malloc'd view text */
bool kmsg_contains(const char *needle);		/* the log holds this text */
size_t kmsg_count(const char *needle);		/* how many log lines hold it */
/* Free pages in every zone, those on the per-CPU lists included (/proc/zoneinfo). */
unsigned long free_pages_now(void);
/* free_pages_now() once every page has been taken and given back: reclaim has freed
 * what boot left cached (empty slabs, per-CPU partial lists), so a later count that
 * differs means pages were lost or are still held. */
unsigned long settled_free_pages(void);
#endif
