// SPDX-License-Identifier: LGPL-2.1-or-later
/* tests/tools/tool_exec.c: running the ukmem command from tests (see tool_exec.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "tool_exec.h"

int run_command(char **out, const char *fmt, ...)
{
	char command[8192], chunk[4096];
	size_t len = 0, n;
	char *text = calloc(1, 1);
	va_list ap;
	FILE *p;
	int status;

	va_start(ap, fmt);
	vsnprintf(command, sizeof(command), fmt, ap);
	va_end(ap);
	p = popen(command, "r");
	if (!p || !text)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0) {
		text = realloc(text, len + n + 1);
		memcpy(text + len, chunk, n);
		len += n;
		text[len] = '\0';
	}
	status = pclose(p);
	if (out)
		*out = text;
	else
		free(text);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

char *make_temp_dir(void)
{
	char *dir = strdup("/tmp/ukmem-tools-test-XXXXXX");

	return dir && mkdtemp(dir) ? dir : NULL;
}
