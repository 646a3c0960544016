// SPDX-License-Identifier: LGPL-2.1-or-later
/* tools/run.c: `ukmem run [--cmdline S] [--serve] [--mount DIR] [--allow-taint]
 * MODULE.so...` -- boots a machine in a child process, loads the modules (running each
 * module_init; "name=value" words after a module are its parameters), optionally serves
 * its views to `ukmem proc`/`ukmem top` and mounts its files at DIR (tools/mount.c)
 * until SIGINT or SIGTERM, unmounts, unloads them (module_exit, last first), and
 * reports. The kernel log goes to stderr as it is printed (the console); the summary
 * goes to stdout.
 * Exit status: 0; 1 if a module failed to load, its init failed or it stayed in use (as
 * rmmod(8) says: "rmmod: ERROR: Module x is in use"); 2 for usage errors;
 * 3 if the machine stopped -- BUG(), panic(), or a WARN with panic_on_warn=1 (the child
 * dies of SIGABRT, as the kernel would stop); 4 if the kernel printed a report (WARN,
 * bad page state, slab corruption, KASAN, ...) or was tainted by one, unless
 * --allow-taint. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/panic.h>
#include "tool.h"

static const char help[] =
	"usage: ukmem run [--cmdline S] [--allow-taint] MODULE.so [PARAM=VALUE...]...\n"
	"       ukmem run --serve [--cmdline S] [--allow-taint] [MODULE.so [PARAM=VALUE...]]...\n"
	"       ukmem run --mount DIR [--serve] [--cmdline S] MODULE.ko [PARAM=VALUE...]...\n"
	"\n"
	"Boots a machine in a child process, loads the modules (each module_init runs;\n"
	"PARAM=VALUE words after a module are its parameters), unloads them (module_exit,\n"
	"last first) and prints a summary. The kernel log goes to stderr as it is printed.\n"
	"\n"
	"  -c, --cmdline S    the machine's kernel command line (\"mem=64M panic_on_warn=1\")\n"
	"      --serial0=HOW  connect COM1's 16550: pty (its /dev/pts path is logged), stdio,\n"
	"                     file:PATH or none (the default: nothing plugged in)\n"
	"  -s, --serve        keep the machine up after loading, serving its views to\n"
	"                     `ukmem proc` and `ukmem top`, until SIGINT or SIGTERM\n"
	"  -m, --mount DIR    keep the machine up after loading with its /dev, /proc and /sys\n"
	"                     (and /sys/kernel/debug) under DIR (FUSE), for ordinary programs:\n"
	"                     cat DIR/proc/x, dd if=DIR/dev/x, echo 1 > DIR/sys/...; until\n"
	"                     SIGINT or SIGTERM, then unmounted (a stale mount left by a\n"
	"                     machine that died is cleaned at the next start)\n"
	"      --allow-taint  exit 0 even if the kernel printed a report\n"
	"  -h, --help         print this help and exit\n"
	"\n"
	"Exit status:\n"
	"  0  the modules loaded and unloaded, and the kernel printed no report\n"
	"  1  a module failed to load or its init failed, or stayed in use at unload\n"
	"  2  a usage error, or a command line the machine cannot boot with\n"
	"  3  the machine stopped: BUG(), panic(), or a WARN with panic_on_warn=1\n"
	"  4  the kernel printed a report (WARN, bad page state, slab corruption, KASAN,\n"
	"     DMA-API, sleeping in atomic context, ...) and is tainted; 0 with --allow-taint\n";

/* Taints that say something about a module, not that a report was printed. */
#define NOT_REPORT_TAINTS	(1UL << TAINT_PROPRIETARY_MODULE | 1UL << TAINT_OOT_MODULE | \
				 1UL << TAINT_TEST)	/* a test module, as Linux's selftests taint */

struct run_options {
	const char *cmdline;
	const char *mount_dir;	/* --mount DIR */
	char *serial_cmdline;	/* cmdline with ukmem.serial0= added */
	bool serve, allow_taint;
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

static void wait_until_signal_mounted(const char *dir)
{
	printf("ukmem: the machine's /dev, /proc and /sys are mounted at %s; SIGINT or SIGTERM "
	       "stops the machine\n", dir);
	fflush(stdout);
	wait_for_stop_signal();
}

static int count_modules(char **args, int n)
{
	int modules = 0;

	for (int i = 0; i < n; i++)
		modules += !is_module_param(args[i]);
	return modules;
}

static void print_summary(const struct run_options *o, int done, int stuck,
			  unsigned long reports)
{
	printf("ukmem run: %d of %d module(s) loaded and unloaded, %lu report(s), %s\n",
	       count_modules(o->modules, done) - stuck, count_modules(o->modules, o->nr_modules),
	       reports, ukmem_print_tainted());
}

/* The machine's side, in the child. Returns the exit status. */
static int run_machine(const struct run_options *o)
{
	sigset_t set;
	struct machine_mount *mount = NULL;
	int loaded, err, stuck;
	unsigned long reports;
	bool tainted, died;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, NULL);	/* threads inherit it; sigwait takes them */
	err = boot_machine(o->cmdline, false);
	if (err)
		return err;
	err = load_modules(o->modules, o->nr_modules, &loaded);
	if (!err && o->mount_dir) {
		mount = machine_mount_start(o->mount_dir);
		if (!mount)
			err = -1;
		else if (!o->serve)
			wait_until_signal_mounted(o->mount_dir);
	}
	if (!err && o->serve && serve_until_signal())
		err = -1;
	machine_mount_stop(mount);	/* closes what programs left open there */
	stuck = unload_modules(o->modules, loaded);
	if (stuck && !err)
		err = -EBUSY;		/* a module stayed loaded: still in use */
	reports = ukmem_report_count();
	print_summary(o, loaded, stuck, reports);
	tainted = !err && (reports || (ukmem_tainted() & ~NOT_REPORT_TAINTS));
	if (tainted && !o->allow_taint) {
		fflush(stdout);
		fprintf(stderr, "ukmem run: the kernel printed %lu report(s) (%s), exit status "
			"%d (0 with --allow-taint)\n", reports, ukmem_print_tainted(), EXIT_TAINTED);
	}
	died = ukmem_tainted() & (1UL << TAINT_DIE);
	ukmem_shutdown();
	if (died && !o->allow_taint)
		return EXIT_TAINTED;	/* an oops: a task died, whether or not a load failed */
	if (err)
		return EXIT_REPORTED;
	return tainted && !o->allow_taint ? EXIT_TAINTED : 0;
}

/* --serial0=HOW as the 16550 model takes ukmem.serial0= (one word of the command line;
 * a file name as long as the model keeps). */
static bool serial_sink_ok(const char *how)
{
	static const char *const kinds[] = { "pty", "stdio", "stderr", "none" };

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(how, kinds[i]))
			return true;
	return !strncmp(how, "file:", 5) && how[5] && strlen(how + 5) < 256 &&
	       !strpbrk(how, " \t\n");
}

/* --mount DIR must be a directory; a stale mount of a machine that died is one too (the
 * kernel answers ENOTCONN; mount_clean_stale() deals with it). 0, or -1 with errno set
 * (0 when DIR is something else than a directory). */
static int check_mount_dir(const char *dir)
{
	struct stat st;

	if (stat(dir, &st))
		return errno == ENOTCONN ? 0 : -1;
	errno = 0;
	return S_ISDIR(st.st_mode) ? 0 : -1;
}

static int parse(int argc, char **argv, struct run_options *o)
{
	static const struct option options[] = {
		{ "cmdline", required_argument, NULL, 'c' },
		{ "serve", no_argument, NULL, 's' },
		{ "mount", required_argument, NULL, 'm' },
		{ "allow-taint", no_argument, NULL, 'a' },
		{ "serial0", required_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	memset(o, 0, sizeof(*o));
	/* "+": options come before the modules; what follows is modules and parameters */
	while ((opt = getopt_long(argc, argv, "+c:sm:h", options, NULL)) != -1) {
		switch (opt) {
		case 'c': o->cmdline = optarg; break;
		case 's': o->serve = true; break;
		case 'm': o->mount_dir = optarg; break;
		case 'a': o->allow_taint = true; break;
		case 'S':
			if (!serial_sink_ok(optarg))
				return usage_error(help, "--serial0=%s: not pty, stdio, stderr, none "
						   "or file:PATH", optarg);
			free(o->serial_cmdline);
			if (asprintf(&o->serial_cmdline, "ukmem.serial0=%s", optarg) < 0)
				return usage_error(help, "out of memory");
			break;
		case 'h': return -1;
		default: return usage_error(help, NULL);
		}
	}
	if (o->serial_cmdline && o->cmdline) {
		char *both;

		if (asprintf(&both, "%s %s", o->cmdline, o->serial_cmdline) < 0)
			return usage_error(help, "out of memory");
		free(o->serial_cmdline);
		o->serial_cmdline = both;
	}
	if (o->serial_cmdline)
		o->cmdline = o->serial_cmdline;
	o->modules = argv + optind;
	o->nr_modules = argc - optind;
	if (!o->nr_modules && !o->serve && !o->mount_dir)
		return usage_error(help, "no module given");
	if (o->nr_modules && is_module_param(o->modules[0]))
		return usage_error(help, "%s: a parameter before any module", o->modules[0]);
	if (o->mount_dir && check_mount_dir(o->mount_dir))
		return usage_error(help, "--mount %s: %s", o->mount_dir,
				   errno ? strerror(errno) : "not a directory");
	return check_module_args(help, o->modules, o->nr_modules);
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

	status = parse(argc, argv, &o);
	if (status)
		return status < 0 ? print_help(help) : status;
	if (o.mount_dir && mount_clean_stale(o.mount_dir))
		return EXIT_REPORTED;
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
	if (o.mount_dir)
		mount_clean_after(o.mount_dir);	/* left behind if the machine died */
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	fprintf(stderr, "ukmem run: the machine stopped (%s): see the kernel log above\n",
		WTERMSIG(status) == SIGABRT ? "BUG, panic or panic_on_warn" :
		strsignal(WTERMSIG(status)));
	return EXIT_DIED;
}
