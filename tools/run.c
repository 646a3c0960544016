/* tools/run.c: `ukmem run [--cmdline S] [--serve] MODULE.so...` -- boots a machine in a
 * child process, loads the modules (running each module_init; "name=value" words after a
 * module are its parameters), optionally serves its
 * views to `ukmem proc`/`ukmem top` until SIGINT or SIGTERM, unloads them (module_exit,
 * last first), and reports. The kernel log goes to stderr as it is printed (the console);
 * the summary goes to stdout.
 * Exit status: 0; 1 if a module failed to load or its init failed; 3 if the machine
 * stopped -- BUG(), panic(), or a WARN with panic_on_warn=1 (the child dies of SIGABRT,
 * as the kernel would stop); 2 for usage errors. A WARN without panic_on_warn taints the
 * kernel and is counted in the summary but does not fail the run. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <ukmem.h>
#include "kernel/report.h"
#include "tool.h"

struct run_options {
	const char *cmdline;
	bool serve;
	char **modules;
	int nr_modules;
};

static void wait_for_stop_signal(void)
{
	sigset_t set;
	int sig;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigwait(&set, &sig);
}

static int serve_until_signal(void)
{
	char dir[4096], path[4096 + 32];

	if (ctl_socket_dir(dir, sizeof(dir), true))
		return -1;
	/* named after the `ukmem run` process people see, the parent */
	snprintf(path, sizeof(path), "%s/%d.sock", dir, (int)getppid());
	if (ukmem_ctl_listen(path)) {
		fprintf(stderr, "ukmem: cannot serve views at %s\n", path);
		return -1;
	}
	printf("ukmem: serving views at %s (ukmem proc --pid %d FILE); SIGINT or SIGTERM "
	       "stops the machine\n", path, (int)getppid());
	fflush(stdout);
	wait_for_stop_signal();
	ukmem_ctl_close();
	return 0;
}

static int count_modules(char **args, int n)
{
	int modules = 0;

	for (int i = 0; i < n; i++)
		modules += !is_module_param(args[i]);
	return modules;
}

static void print_summary(const struct run_options *o, int done, unsigned long reports)
{
	printf("ukmem run: %d of %d module(s) loaded and unloaded, %lu report(s), %s\n",
	       count_modules(o->modules, done), count_modules(o->modules, o->nr_modules),
	       reports, print_tainted());
}

/* The machine's side, in the child. Returns the exit status. */
static int run_machine(const struct run_options *o)
{
	sigset_t set;
	int loaded, err;
	unsigned long reports;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);	/* threads inherit it; sigwait takes them */
	err = boot_machine(o->cmdline, false);
	if (err)
		return err;
	err = load_modules(o->modules, o->nr_modules, &loaded);
	if (!err && o->serve && serve_until_signal())
		err = -1;
	unload_modules(o->modules, loaded);
	reports = ukmem_report_count();
	print_summary(o, loaded, reports);
	ukmem_shutdown();
	return err ? EXIT_REPORTED : 0;
}

static int parse(int argc, char **argv, struct run_options *o)
{
	memset(o, 0, sizeof(*o));
	for (int i = 1; i < argc; i++) {
		if (take_option(argc, argv, &i, "--cmdline", &o->cmdline))
			continue;
		if (!strcmp(argv[i], "--serve")) {
			o->serve = true;
			continue;
		}
		if (argv[i][0] == '-')
			return -1;
		o->modules = argv + i;
		o->nr_modules = argc - i;
		return 0;
	}
	return o->serve ? 0 : -1;
}

static pid_t machine_pid;

/* SIGINT/SIGTERM to `ukmem run` stop the machine the orderly way: modules unload. */
static void forward_stop(int sig)
{
	kill(machine_pid, SIGTERM);
}

int cmd_run(int argc, char **argv)
{
	struct run_options o;
	int status;
	pid_t child;

	if (parse(argc, argv, &o)) {
		fprintf(stderr, "usage: ukmem run [--cmdline \"...\"] [--serve] MODULE.so [PARAM=VALUE...]...\n");
		return EXIT_USAGE;
	}
	fflush(NULL);
	child = fork();
	if (child < 0) {
		perror("ukmem: fork");
		return EXIT_REPORTED;
	}
	if (!child) {
		int status = run_machine(&o);

		fflush(NULL);
		_exit(status);
	}
	machine_pid = child;
	signal(SIGINT, forward_stop);
	signal(SIGTERM, forward_stop);
	while (waitpid(child, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	fprintf(stderr, "ukmem run: the machine stopped (%s): see the kernel log above\n",
		WTERMSIG(status) == SIGABRT ? "BUG, panic or panic_on_warn" :
		strsignal(WTERMSIG(status)));
	return EXIT_DIED;
}
