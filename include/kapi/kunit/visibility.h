/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* kunit/visibility.h: symbols a file keeps static unless KUnit is configured, so that
 * its tests can reach them. ukmem has KUnit: they are visible and exported. */
#ifndef UKMEM_KUNIT_VISIBILITY_H
#define UKMEM_KUNIT_VISIBILITY_H

#include <linux/export.h>

#define VISIBLE_IF_KUNIT
#define EXPORT_SYMBOL_IF_KUNIT(symbol) EXPORT_SYMBOL_NS(symbol, EXPORTED_FOR_KUNIT_TESTING)

#endif
