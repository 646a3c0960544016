// SPDX-License-Identifier: LGPL-2.1-or-later
/* Compiled without KASAN's flags (KASAN_SANITIZE_plain.o := n). */
#include <linux/types.h>

void plain_write(char *p, size_t i);

void plain_write(char *p, size_t i)
{
	p[i] = 'y';
}
