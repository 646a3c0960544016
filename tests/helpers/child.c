// SPDX-License-Identifier: LGPL-2.1-or-later
/* tests/helpers/child.c: see child.h. */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
#include "child.h"

int run_in_child(void (*fn)(void), char *out, size_t size)
{
	int fds[2], status;
	size_t n = 0;
	ssize_t r;
	pid_t pid;

	if (pipe(fds))
		return -1;
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		dup2(fds[1], 2);
		close(fds[0]);
		fn();
		_exit(0);
	}
	close(fds[1]);
	while (n < size - 1 && (r = read(fds[0], out + n, size - 1 - n)) > 0)
		n += (size_t)r;
	out[n] = '\0';
	close(fds[0]);
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
