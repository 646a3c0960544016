// SPDX-License-Identifier: LGPL-2.1-or-later
/* tools/common.c: helpers the subcommands share (see tool.h). */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>
#include <ukmem.h>
#include "tool.h"

bool tool_tty;

void tool_styling_init(void)
{
	tool_tty = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
}

const char *style(const char *sgr)
{
	static char buf[4][16];
	static int next;
	char *b = buf[next++ & 3];

	if (!tool_tty)
		return "";
	snprintf(b, sizeof(buf[0]), "\033[%sm", sgr);
	return b;
}

void heading(const char *fmt, ...)
{
	va_list ap;

	printf("\n%s== ", style("1;34"));
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("%s\n", style("0"));
}

char *view(const char *path)
{
	ssize_t len = ukmem_proc_read(path, NULL, 0);
	char *buf;

	if (len < 0)
		return strdup("");
	buf = malloc((size_t)len + 1);
	if (!buf || ukmem_proc_read(path, buf, (size_t)len + 1) < 0) {
		free(buf);
		return strdup("");
	}
	return buf;
}

static bool has_line(const char *text, const char *line, size_t len)
{
	for (const char *p = text; *p;) {
		const char *end = strchrnul(p, '\n');

		if ((size_t)(end - p) == len && !memcmp(p, line, len))
			return true;
		p = *end ? end + 1 : end;
	}
	return false;
}

static int print_missing(const char *from, const char *in, const char *mark, const char *sgr)
{
	int n = 0;

	for (const char *p = from; *p;) {
		const char *end = strchrnul(p, '\n');
		size_t len = (size_t)(end - p);

		if (len && !has_line(in, p, len)) {
			printf("%s%s %.*s%s\n", style(sgr), mark, (int)len, p, style("0"));
			n++;
		}
		p = *end ? end + 1 : end;
	}
	return n;
}

void print_view_diff(const char *path, const char *before, const char *after)
{
	printf("%s---- %s%s\n", style("2"), path, style("0"));
	int removed = print_missing(before, after, "-", "31");
	int added = print_missing(after, before, "+", "32");

	if (!removed && !added)
		printf("  (unchanged)\n");
}

int boot_machine(const char *cmdline, bool quiet)
{
	char line[4096];
	int err;

	snprintf(line, sizeof(line), "%s%s%s", quiet ? "loglevel=4" : "",
		 quiet && cmdline && *cmdline ? " " : "", cmdline ? cmdline : "");
	err = ukmem_boot(line);
	if (err) {
		fprintf(stderr, "ukmem: the machine failed to boot (\"%s\"): %s\n", line,
			strerror(-err));
		return EXIT_USAGE;
	}
	return 0;
}

const char *module_name_of(const char *path, char *buf, size_t size)
{
	char copy[4096];
	const char *base;
	size_t len;

	snprintf(copy, sizeof(copy), "%s", path);
	base = basename(copy);
	if (!strncmp(base, "lib", 3))
		base += 3;
	len = strlen(base);
	if (len > 3 && (!strcmp(base + len - 3, ".so") || !strcmp(base + len - 3, ".ko")))
		len -= 3;
	snprintf(buf, size, "%.*s", (int)len, base);
	for (char *c = buf; *c; c++)	/* module names use '_' where file names have '-' */
		if (*c == '-')
			*c = '_';
	return buf;
}

bool is_module_param(const char *arg)
{
	size_t len = strlen(arg);

	return strchr(arg, '=') && !(len > 3 && (!strcmp(arg + len - 3, ".so") ||
						 !strcmp(arg + len - 3, ".ko")));
}

int load_modules(char **args, int n, int *done)
{
	char params[4096];

	for (*done = 0; *done < n;) {
		int nr_params = 0, err;
		size_t len = 0;

		params[0] = '\0';
		while (*done + 1 + nr_params < n && is_module_param(args[*done + 1 + nr_params])) {
			len += (size_t)snprintf(params + len, len < sizeof(params) ? sizeof(params) - len : 0,
						"%s%s", len ? " " : "", args[*done + 1 + nr_params]);
			nr_params++;
		}
		err = ukmem_module_load(args[*done], nr_params ? params : NULL);
		if (err) {
			fprintf(stderr, "ukmem: %s: %s\n", args[*done],
				err == -ENOEXEC ? "not a loadable module" : strerror(-err));
			return err;
		}
		printf("ukmem: loaded %s%s%s\n", args[*done], nr_params ? " " : "", params);
		*done += 1 + nr_params;
	}
	return 0;
}

/* What rmmod(8) says of a module that cannot go because it is in use. */
static void print_in_use(const char *name)
{
	char *modules = view("/proc/modules"), *holders = module_holders(modules, name);

	if (holders && *holders)
		fprintf(stderr, "rmmod: ERROR: Module %s is in use by: %s\n", name, holders);
	else
		fprintf(stderr, "rmmod: ERROR: Module %s is in use\n", name);
	free(holders);
	free(modules);
}

static bool is_permanent(const char *name)
{
	char *modules = view("/proc/modules");
	bool permanent = module_is_permanent(modules, name);

	free(modules);
	return permanent;
}

int unload_modules(char **args, int done)
{
	char name[256];
	int stuck = 0;

	while (--done >= 0) {
		int err;

		if (is_module_param(args[done]))
			continue;
		err = ukmem_module_unload(module_name_of(args[done], name, sizeof(name)));
		if (err == -EBUSY && is_permanent(name)) {
			printf("ukmem: %s has no exit function: it stays loaded, as in Linux\n",
			       name);
			continue;
		}
		if (err == -EWOULDBLOCK)
			print_in_use(name);
		else if (err)
			fprintf(stderr, "ukmem: unloading %s: %s\n", name, strerror(-err));
		else
			printf("ukmem: unloaded %s\n", name);
		stuck += err != 0;
	}
	return stuck;
}

/* Sockets are trusted only in a directory no one else can write to or plant things in:
 * a real directory (not a symbolic link), ours, with no access for group or others.
 * A missing directory is fine here (nothing serves yet); 0, or -1 after a message. */
static int private_dir(const char *dir)
{
	struct stat st;

	if (lstat(dir, &st)) {
		if (errno == ENOENT)
			return 0;
		fprintf(stderr, "ukmem: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 077)) {
		fprintf(stderr, "ukmem: %s is not a private directory (%s, owner uid %u, mode %04o); "
			"refusing to use its sockets\n", dir,
			S_ISLNK(st.st_mode) ? "a symbolic link" : S_ISDIR(st.st_mode) ? "a directory" :
			"not a directory", (unsigned int)st.st_uid, (unsigned int)(st.st_mode & 07777));
		return -1;
	}
	return 0;
}

int ctl_socket_dir(char *buf, size_t size, bool create)
{
	const char *dir = getenv("UKMEM_CTL_DIR");
	const char *runtime = getenv("XDG_RUNTIME_DIR");

	if (dir && *dir)
		snprintf(buf, size, "%s", dir);
	else if (runtime && *runtime)
		snprintf(buf, size, "%s/ukmem", runtime);
	else
		snprintf(buf, size, "/tmp/ukmem-%u", (unsigned int)getuid());
	if (create && mkdir(buf, 0700) && errno != EEXIST) {
		fprintf(stderr, "ukmem: cannot create %s: %s\n", buf, strerror(errno));
		return -1;
	}
	return private_dir(buf);
}

/* The newest <pid>.sock in dir whose process is alive. */
static int newest_socket(const char *dir, char *buf, size_t size)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	time_t newest = 0;
	int found = -1;

	while (d && (e = readdir(d))) {
		char path[4096 + 300];
		struct stat st;
		int pid;

		if (sscanf(e->d_name, "%d.sock", &pid) != 1 || kill(pid, 0))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (lstat(path, &st) || !S_ISSOCK(st.st_mode) || st.st_uid != geteuid() ||
		    st.st_mtime < newest)
			continue;
		newest = st.st_mtime;
		snprintf(buf, size, "%s", path);
		found = 0;
	}
	if (d)
		closedir(d);
	return found;
}

int ctl_socket_for(pid_t pid, char *buf, size_t size)
{
	const char *named = getenv("UKMEM_CTL");
	char dir[4096];

	if (!pid && named && *named) {
		snprintf(buf, size, "%s", named);
		return 0;
	}
	if (ctl_socket_dir(dir, sizeof(dir), false))
		return -1;
	if (pid) {
		snprintf(buf, size, "%s/%d.sock", dir, (int)pid);
		return 0;
	}
	if (newest_socket(dir, buf, size)) {
		fprintf(stderr, "ukmem: no running machine serves views in %s "
			"(start one with `ukmem run --serve ...`)\n", dir);
		return -1;
	}
	return 0;
}

int print_help(const char *help)
{
	fputs(help, stdout);
	return 0;
}

int usage_error(const char *help, const char *fmt, ...)
{
	const char *name = help + strlen("usage: ");
	const char *end = strstr(help, "\n\n");
	int name_len = (int)strcspn(name + strlen("ukmem "), " \n") + (int)strlen("ukmem ");
	va_list ap;

	if (fmt) {
		fprintf(stderr, "%.*s: ", name_len, name);
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		fputc('\n', stderr);
	}
	fprintf(stderr, "%.*s\n(%.*s --help for more)\n", end ? (int)(end - help) : (int)strlen(help),
		help, name_len, name);
	return EXIT_USAGE;
}

/* Numbers are plain decimal: strtol and strtod would also take leading blanks, a '+',
 * hexadecimal and (strtod) exponents, "inf" and "nan". */
bool parse_long(const char *s, long min, long max, long *value)
{
	const char *digits = s + (*s == '-');
	char *end;

	if (*digits < '0' || *digits > '9')
		return false;
	errno = 0;
	*value = strtol(s, &end, 10);
	return !*end && !errno && *value >= min && *value <= max;
}

bool parse_seconds(const char *s, double *value)
{
	size_t whole = strspn(s, "0123456789"), fraction = 0;
	char *end;

	if (s[whole] == '.')
		fraction = strspn(s + whole + 1, "0123456789") + 1;
	if (!whole && fraction < 2)	/* "" and "." are not numbers */
		return false;
	errno = 0;
	*value = strtod(s, &end);
	return end == s + whole + fraction && !*end && !errno && *value > 0 && *value <= 86400;
}

static bool is_directory(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

/* A file the command will read: it must exist, be readable and not be a directory;
 * what names it ("" or "--ids ") goes before it in the message. */
static int check_readable(const char *help, const char *what, const char *path, bool regular)
{
	struct stat st;

	if (stat(path, &st) || access(path, R_OK))
		return usage_error(help, "%s%s: %s", what, path, strerror(errno));
	if (S_ISDIR(st.st_mode))
		return usage_error(help, "%s%s is a directory", what, path);
	if (regular && !S_ISREG(st.st_mode))
		return usage_error(help, "%s%s is not a regular file", what, path);
	return 0;
}

int check_module_args(const char *help, char **args, int n)
{
	for (int i = 0; i < n; i++) {
		if (is_module_param(args[i]))
			continue;
		if (is_directory(args[i]))
			return usage_error(help, "%s is a directory, not a module", args[i]);
		if (check_readable(help, "", args[i], true))
			return EXIT_USAGE;
	}
	return 0;
}

int check_input_file(const char *help, const char *what, const char *path)
{
	return check_readable(help, what, path, false);
}

static bool has_any_extension(const char *path, const char *const *exts)
{
	for (int i = 0; exts[i]; i++)
		if (has_extension(path, exts[i]))
			return true;
	return false;
}

int check_output_file(const char *help, const char *what, const char *path,
		      const char *const *exts)
{
	char copy[PATH_MAX];
	const char *dir;

	if (!*path)
		return usage_error(help, "%s\"\": an empty file name", what);
	if (is_directory(path))
		return usage_error(help, "%s%s is a directory", what, path);
	if (exts && !has_any_extension(path, exts))
		return usage_error(help, "%s%s: the picture's name must end in %s%s%s", what, path,
				   exts[0], exts[1] ? " or " : "", exts[1] ? exts[1] : "");
	snprintf(copy, sizeof(copy), "%s", path);
	dir = dirname(copy);
	if (!is_directory(dir))
		return usage_error(help, "%s%s: no directory %s", what, path, dir);
	if (access(dir, W_OK))
		return usage_error(help, "%s%s: %s cannot be written: %s", what, path, dir,
				   strerror(errno));
	return 0;
}

int picture_run(const char *cmdline, char **args, int n, int (*draw)(void *arg), void *arg)
{
	int loaded = 0, err;

	err = boot_machine(cmdline, true);
	if (err)
		return err;
	err = load_modules(args, n, &loaded) ? EXIT_REPORTED : 0;
	if (!err)
		err = draw(arg) ? EXIT_REPORTED : 0;
	unload_modules(args, loaded);
	ukmem_shutdown();
	return err;
}

struct picture { const char *out; int (*draw)(const char *out); };

static int draw_picture(void *arg)
{
	const struct picture *p = arg;

	if (p->draw(p->out))
		return -1;
	printf("ukmem: wrote %s\n", p->out);
	return 0;
}

int picture_command(int argc, char **argv, const char *help, const char *const *exts,
		    int (*draw)(const char *out))
{
	static const struct option options[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "cmdline", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct picture picture = { NULL, draw };
	const char *cmdline = NULL;
	int err, opt;

	while ((opt = getopt_long(argc, argv, "+o:c:h", options, NULL)) != -1) {
		switch (opt) {
		case 'o': picture.out = optarg; break;
		case 'c': cmdline = optarg; break;
		case 'h': return print_help(help);
		default: return usage_error(help, NULL);
		}
	}
	if (!picture.out)
		return usage_error(help, "--out FILE is required");
	err = check_output_file(help, "--out ", picture.out, exts);
	if (!err)
		err = check_module_args(help, argv + optind, argc - optind);
	if (err)
		return err;
	return picture_run(cmdline, argv + optind, argc - optind, draw_picture, &picture);
}

int parse_no_options(int argc, char **argv, const char *help)
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1)
		return opt == 'h' ? print_help(help) : usage_error(help, NULL);
	return -1;
}
