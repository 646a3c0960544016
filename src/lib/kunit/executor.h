/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lib/kunit/executor.h: what the rest of ukmem calls of KUnit's executor: the module
 * loader runs a module's suites when it comes up and ends them when it goes, as
 * Linux's KUnit module notifier does; test.c numbers the suites it prints. */
#ifndef UKMEM_LIB_KUNIT_EXECUTOR_H
#define UKMEM_LIB_KUNIT_EXECUTOR_H

#include <stddef.h>

/* Runs the suites the module named modname registered (MODULE_STATE_COMING). */
void kunit_module_coming(const char *modname);
/* The module is going: its suites' numbering starts again at 1 (MODULE_STATE_GOING). */
void kunit_module_going(const char *modname);
/* The number of the next suite result line ("ok <n> <suite>"), counting from 1. */
size_t kunit_next_suite_number(void);

#endif
