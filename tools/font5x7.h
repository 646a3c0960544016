/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tools/font5x7.h: a 5x7 pixel font for picture legends. */
#ifndef UKMEM_TOOLS_FONT5X7_H
#define UKMEM_TOOLS_FONT5X7_H
#include <stdint.h>
/* Seven row bytes (bit 4 leftmost) for ch, lower case as upper; NULL: draw nothing. */
const uint8_t *font5x7_glyph(char ch);
#endif
