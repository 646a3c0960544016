// SPDX-License-Identifier: LGPL-2.1-or-later
/* tests/tools/served_machine.c: a `ukmem run --serve` machine in the background. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "served_machine.h"
#include "tool_exec.h"

void served_machine_start(struct served_machine *m)
{
	char socket_path[512], log_path[512];
	struct stat st;

	m->dir = make_temp_dir();
	cr_assert(m->dir);
	snprintf(log_path, sizeof(log_path), "%s/run.out", m->dir);
	m->pid = fork();
	cr_assert_geq(m->pid, 0);
	if (!m->pid) {
		int fd = open(log_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		setenv("UKMEM_CTL_DIR", m->dir, 1);
		execl(UKMEM_TOOL, "ukmem", "run", "--serve", MODULE_DIR "/tools_ok.so", (char *)NULL);
		_exit(127);
	}
	snprintf(socket_path, sizeof(socket_path), "%s/%d.sock", m->dir, (int)m->pid);
	/* A bounded wait for the machine to come up (it takes milliseconds). */
	for (int i = 0; i < 3000 && stat(socket_path, &st); i++) {
		struct timespec ms = { 0, 10000000 };

		cr_assert_eq(waitpid(m->pid, NULL, WNOHANG), 0, "ukmem run exited early");
		nanosleep(&ms, NULL);
	}
	cr_assert_eq(stat(socket_path, &st), 0, "no control socket at %s", socket_path);
}

int served_machine_stop(struct served_machine *m, char **out)
{
	int status;

	kill(m->pid, SIGTERM);
	cr_assert_eq(waitpid(m->pid, &status, 0), m->pid);
	if (out) {
		char cat[600];

		snprintf(cat, sizeof(cat), "cat %s/run.out", m->dir);
		run_command(out, "%s", cat);
	}
	run_command(NULL, "rm -rf %s", m->dir);
	free(m->dir);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
