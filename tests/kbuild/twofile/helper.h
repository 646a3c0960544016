/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The helper's interface, shared by both objects of the module. */
#ifndef TWOFILE_HELPER_H
#define TWOFILE_HELPER_H
#include <linux/types.h>
int twofile_scale(int value);
size_t twofile_describe(char *buf, size_t size, const void *ptr, u64 phys);
#endif
