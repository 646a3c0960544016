// SPDX-License-Identifier: LGPL-2.1-or-later
/* tests/tsan/runner.c: runs the tests registered through tests/tsan/criterion/criterion.h,
 * each in a forked child as Criterion does: the suite's and the test's .init, the test,
 * then the .fini hooks. A test passes when its child ends as the test expects: exit
 * status .exit_code (0 by default) without a failed check, or death by .signal. A
 * .timeout kills the child. Arguments: none (every test) or the names "suite/test"
 * to run, each a fnmatch(3) pattern. The exit status is 1 when any test failed. */
#include <errno.h>
#include <fnmatch.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <criterion/criterion.h>

extern const struct cr_shim_test __start_cr_shim_tests[], __stop_cr_shim_tests[];
extern const struct cr_shim_suite __start_cr_shim_suites[] __attribute__((weak));
extern const struct cr_shim_suite __stop_cr_shim_suites[] __attribute__((weak));

static bool failed_expectation;

void cr_shim_fail(const char *file, int line, bool fatal, const char *expr, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: %s: ", file, line, fatal ? "Assertion failed" : "Expectation failed");
	if (fmt && *fmt) {
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
	} else {
		fprintf(stderr, "The expression %s is false.", expr);
	}
	fputc('\n', stderr);
	fflush(stderr);
	if (fatal)
		_exit(EXIT_FAILURE);
	failed_expectation = true;
}

static const struct criterion_test_extra_data *suite_data(const char *suite)
{
	const struct cr_shim_suite *s;

	if (!__start_cr_shim_suites)
		return NULL;
	for (s = __start_cr_shim_suites; s < __stop_cr_shim_suites; s++)
		if (!strcmp(s->name, suite))
			return &s->data;
	return NULL;
}

static void run_in_child(const struct cr_shim_test *t)
{
	const struct criterion_test_extra_data *sd = suite_data(t->suite);

	if (t->data.timeout > 0)
		alarm((unsigned int)t->data.timeout + 1);
	if (sd && sd->init)
		sd->init();
	if (t->data.init)
		t->data.init();
	t->fn();
	if (t->data.fini)
		t->data.fini();
	if (sd && sd->fini)
		sd->fini();
	fflush(NULL);
	_exit(failed_expectation ? EXIT_FAILURE : 0);
}

static bool selected(const struct cr_shim_test *t, int argc, char **argv)
{
	char full[256];

	if (argc < 2)
		return true;
	snprintf(full, sizeof(full), "%s/%s", t->suite, t->name);
	for (int i = 1; i < argc; i++)
		if (!fnmatch(argv[i], full, 0))
			return true;
	return false;
}

static bool run_one(const struct cr_shim_test *t)
{
	int status;
	pid_t pid;
	bool ok;

	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return false;
	}
	if (pid == 0)
		run_in_child(t);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return false;
	if (t->data.signal)
		ok = WIFSIGNALED(status) && WTERMSIG(status) == t->data.signal;
	else
		ok = WIFEXITED(status) && WEXITSTATUS(status) == t->data.exit_code;
	if (!ok) {
		if (WIFSIGNALED(status))
			printf("[FAIL] %s::%s: died by signal %d (%s)\n", t->suite, t->name,
			       WTERMSIG(status), strsignal(WTERMSIG(status)));
		else
			printf("[FAIL] %s::%s: exit status %d\n", t->suite, t->name,
			       WEXITSTATUS(status));
	}
	return ok;
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0, skipped = 0;

	for (const struct cr_shim_test *t = __start_cr_shim_tests; t < __stop_cr_shim_tests; t++) {
		if (!selected(t, argc, argv))
			continue;
		if (t->data.disabled) {
			skipped++;
			continue;
		}
		if (run_one(t))
			passed++;
		else
			failed++;
	}
	printf("[====] Synthesis: Tested: %d | Passing: %d | Failing: %d | Skipped: %d\n",
	       passed + failed, passed, failed, skipped);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
