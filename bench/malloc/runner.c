// SPDX-License-Identifier: LGPL-2.1-or-later
/* bench/malloc/runner.c: runs one command and measures it -- wall time on the
 * monotonic clock from just before fork to the reaping of the child, the CPU time (user
 * + system) of the child's tree and the peak resident size of its largest process
 * (both from wait4's rusage, which folds in the descendants the child reaped). The
 * allocator to test is preloaded into the child only (LD_PRELOAD set or removed
 * there), so the runner itself always runs on the C library's malloc. The child leads
 * its own process group; a time limit, or an interrupt of the runner, kills that whole
 * group, so a hung program (or a server it started) does not outlive its run.
 *
 * usage: malloc_runner -o RESULT_FILE [-p PRELOAD_SO] [-t SECONDS] -- COMMAND [ARG...]
 * Appends "WALL_SECONDS PEAK_RSS_KIB EXIT_STATUS CPU_SECONDS" to RESULT_FILE and exits
 * with the command's status (128 + signal number when a signal ended it). */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile pid_t child_group;

static double monotonic_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double timeval_seconds(struct timeval tv)
{
	return tv.tv_sec + tv.tv_usec / 1e6;
}

static void usage(void)
{
	fprintf(stderr, "usage: malloc_runner -o RESULT_FILE [-p PRELOAD_SO] [-t SECONDS] "
		"-- COMMAND [ARG...]\n");
	exit(64);
}

static void kill_child_group(int sig)
{
	if (child_group > 0)
		kill(-child_group, SIGKILL);
}

/* SIGALRM (the time limit), SIGINT, SIGTERM and SIGHUP end the child's whole group. */
static void watch_child_group(pid_t pid, unsigned int time_limit)
{
	struct sigaction action = { .sa_handler = kill_child_group };

	child_group = pid;
	sigemptyset(&action.sa_mask);
	sigaction(SIGALRM, &action, NULL);
	sigaction(SIGINT, &action, NULL);
	sigaction(SIGTERM, &action, NULL);
	sigaction(SIGHUP, &action, NULL);
	alarm(time_limit);
}

static void run_child(const char *preload, char **command)
{
	setpgid(0, 0);
	if (preload && *preload)
		setenv("LD_PRELOAD", preload, 1);
	else
		unsetenv("LD_PRELOAD");
	execvp(command[0], command);
	perror(command[0]);
	_exit(127);
}

static int exit_code(int status)
{
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

int main(int argc, char **argv)
{
	const char *result_path = NULL, *preload = NULL;
	unsigned int time_limit = 0;
	struct rusage usage_of_child;
	double started, wall;
	int opt, status;
	FILE *result;
	pid_t pid;

	while ((opt = getopt(argc, argv, "+o:p:t:")) != -1) {
		if (opt == 'o')
			result_path = optarg;
		else if (opt == 'p')
			preload = optarg;
		else if (opt == 't')
			time_limit = (unsigned int)atoi(optarg);
		else
			usage();
	}
	if (!result_path || optind >= argc)
		usage();
	started = monotonic_seconds();
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 71;
	}
	if (pid == 0)
		run_child(preload, &argv[optind]);
	setpgid(pid, pid);
	watch_child_group(pid, time_limit);
	while (wait4(pid, &status, 0, &usage_of_child) != pid) {
		if (errno != EINTR) {
			perror("wait4");
			return 71;
		}
	}
	wall = monotonic_seconds() - started;
	alarm(0);
	result = fopen(result_path, "a");
	if (!result) {
		perror(result_path);
		return 73;
	}
	fprintf(result, "%.4f %ld %d %.4f\n", wall, usage_of_child.ru_maxrss, exit_code(status),
		timeval_seconds(usage_of_child.ru_utime) + timeval_seconds(usage_of_child.ru_stime));
	fclose(result);
	return exit_code(status);
}
