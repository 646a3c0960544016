// SPDX-License-Identifier: LGPL-2.1-or-later
/* tests/tools/tool_top.c: `ukmem top` on a pseudo-terminal redraws a screen of memory,
 * free blocks and caches of a machine in another process, in place. */
#include <criterion/criterion.h>
#include <errno.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "served_machine.h"

static size_t count(const char *text, const char *needle)
{
	size_t n = 0;

	for (const char *p = text; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* Runs `ukmem top` for two frames on a 120x30 pseudo-terminal; returns what it drew. */
static char *top_on_pty(const struct served_machine *m)
{
	struct winsize ws = { .ws_row = 30, .ws_col = 120 };
	char pid_arg[32], *screen = calloc(1, 1);
	size_t len = 0;
	int master, status;
	pid_t child;

	snprintf(pid_arg, sizeof(pid_arg), "%d", (int)m->pid);
	child = forkpty(&master, NULL, NULL, &ws);
	cr_assert_geq(child, 0);
	if (!child) {
		setenv("UKMEM_CTL_DIR", m->dir, 1);
		execl(UKMEM_TOOL, "ukmem", "top", "--pid", pid_arg, "--count", "2", "--interval",
		      "0.05", (char *)NULL);
		_exit(127);
	}
	for (;;) {
		char chunk[4096];
		ssize_t n = read(master, chunk, sizeof(chunk));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;		/* EIO once the child has gone */
		screen = realloc(screen, len + (size_t)n + 1);
		memcpy(screen + len, chunk, (size_t)n);
		len += (size_t)n;
		screen[len] = '\0';
	}
	close(master);
	cr_assert_eq(waitpid(child, &status, 0), child);
	cr_expect(WIFEXITED(status) && WEXITSTATUS(status) == 0, "top failed:\n%s", screen);
	return screen;
}

Test(tool_top, renders_in_place_on_a_terminal)
{
	struct served_machine m;
	char *screen;

	served_machine_start(&m);
	screen = top_on_pty(&m);
	cr_expect_eq(served_machine_stop(&m, NULL), 0);

	cr_expect_eq(count(screen, "\033[H\033[2J"), 2, "two frames, each redrawn in place:\n%s",
		     screen);
	cr_expect_eq(count(screen, "ukmem top"), 2, "%s", screen);
	cr_expect(strstr(screen, "Free blocks by order"), "%s", screen);
	cr_expect(strstr(screen, "Node 0, zone"), "%s", screen);
	cr_expect(strstr(screen, "OBJSIZE"), "%s", screen);
	cr_expect(strstr(screen, "tools_ok_cache"), "the module's cache is listed:\n%s", screen);
	free(screen);
}

Test(tool_top, without_a_machine_it_fails)
{
	char dir[] = "/tmp/ukmem-top-empty-XXXXXX";
	char command[256];

	cr_assert(mkdtemp(dir));
	snprintf(command, sizeof(command), "UKMEM_CTL_DIR=%s %s top --count 1 2>/dev/null", dir,
		 UKMEM_TOOL);
	cr_expect_eq(WEXITSTATUS(system(command)), 1);
	rmdir(dir);
}
