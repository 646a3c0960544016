/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/int_sqrt.h: integer square root, as the kernel's (no floating point). */
#ifndef UKMEM_LINUX_INT_SQRT_H
#define UKMEM_LINUX_INT_SQRT_H

unsigned long int_sqrt(unsigned long x);	/* floor(sqrt(x)) */

#endif
