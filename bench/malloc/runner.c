/* bench/malloc/runner.c: runs one command and measures it -- wall time on the
 * monotonic clock from just before fork to the reaping of the child, and the peak
 * resident size of the largest process in the child's tree (wait4's rusage). The
 * allocator to test is preloaded into the child only (LD_PRELOAD set or removed
 * there), so the runner itself always runs on the C library's malloc.
 *
 * usage: malloc_runner -o RESULT_FILE [-p PRELOAD_SO] -- COMMAND [ARG...]
 * Appends "WALL_SECONDS PEAK_RSS_KIB EXIT_STATUS" to RESULT_FILE and exits with the
 * command's status (128 + signal number when a signal ended it). */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double monotonic_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void usage(void)
{
	fprintf(stderr, "usage: malloc_runner -o RESULT_FILE [-p PRELOAD_SO] -- COMMAND [ARG...]\n");
	exit(64);
}

static void run_child(const char *preload, char **command)
{
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
	struct rusage usage_of_child;
	double started, wall;
	int opt, status;
	FILE *result;
	pid_t pid;

	while ((opt = getopt(argc, argv, "+o:p:")) != -1) {
		if (opt == 'o')
			result_path = optarg;
		else if (opt == 'p')
			preload = optarg;
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
	if (wait4(pid, &status, 0, &usage_of_child) != pid) {
		perror("wait4");
		return 71;
	}
	wall = monotonic_seconds() - started;
	result = fopen(result_path, "a");
	if (!result) {
		perror(result_path);
		return 73;
	}
	fprintf(result, "%.4f %ld %d\n", wall, usage_of_child.ru_maxrss, exit_code(status));
	fclose(result);
	return exit_code(status);
}
