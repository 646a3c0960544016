/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tests/tools/tool_exec.h: running the ukmem command from tests. */
#ifndef UKMEM_TEST_TOOL_EXEC_H
#define UKMEM_TEST_TOOL_EXEC_H

/* Runs `sh -c command` (printf-style), returns its exit status (128 + signal if killed)
 * and its stdout (malloc'd, NUL-terminated) in *out when out is not NULL. */
int run_command(char **out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A fresh temporary directory (malloc'd path). */
char *make_temp_dir(void);

#endif
