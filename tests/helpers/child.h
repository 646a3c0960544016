/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tests/helpers/child.h: running a bad access in a child process and reading back what
 * it printed, for reports that end the process (ASan, BUG). */
#ifndef UKMEM_TEST_CHILD_H
#define UKMEM_TEST_CHILD_H
#include <stddef.h>
/* Runs fn in a forked child with stderr captured into out (NUL-terminated); returns the
 * child's exit status, or 128 + signal if a signal ended it. */
int run_in_child(void (*fn)(void), char *out, size_t size);
#endif
