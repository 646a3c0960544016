// SPDX-License-Identifier: LGPL-2.1-or-later
/* tools/kunit.c: `ukmem kunit` -- builds KUnit test files (FILE.c..., a Kbuild
 * directory, or a directory configured by a .kunitconfig) with the Kbuild directory,
 * runs every suite in a fresh machine of its own (a child process per suite; all in
 * one with --one-machine) and prints one KTAP document, then kunit.py's summary
 * ("Testing complete. Ran N tests: passed: N, ..."). The suites are found by loading
 * each module once with kunit.action=list; each suite then runs with
 * kunit.filter_glob=<suite>[.<case glob>]. A machine's boot messages are not shown;
 * everything its kernel prints while the suite runs is (KASAN or slab reports
 * included). The top-level result lines are renumbered in order, since each machine
 * counts its suites from 1.
 * Exit status: 0 all passed or skipped; 1 a case failed, a machine crashed, no case ran
 * (kunit.py's "0 tests run!") or the build failed; 2 usage errors. */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <gelf.h>
#include <getopt.h>
#include <glob.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <ukmem.h>
#include "tool.h"

static const char help[] =
	"usage: ukmem kunit [OPTIONS] FILE.c...\n"
	"       ukmem kunit [OPTIONS] DIR\n"
	"       ukmem kunit [OPTIONS] --kunitconfig=FILE [DIR]\n"
	"\n"
	"Builds KUnit test files with ukmem's Kbuild directory (Linux 6.1's flags), runs\n"
	"each suite in a fresh machine and prints the results in KTAP, then a summary as\n"
	"kunit.py prints it. FILE.c files are built in a cache directory; a DIR is built\n"
	"with its own Kbuild Makefile; a .kunitconfig's CONFIG_X=y lines set CONFIG_X=m\n"
	"for DIR's Makefile (default: the .kunitconfig's directory). As with kunit.py's\n"
	"default configuration, modules are built without debug information unless\n"
	"--debug-info is given or the .kunitconfig sets CONFIG_DEBUG_INFO=y.\n"
	"\n"
	"  -f, --filter=GLOB       run the suites (and cases) GLOB matches: suite_glob or\n"
	"                          suite_glob.case_glob\n"
	"  -k, --kunitconfig=FILE  a .kunitconfig (or a directory holding one)\n"
	"  -1, --one-machine       run all suites in one machine\n"
	"  -c, --cmdline=S         the machines' kernel command line\n"
	"      --raw_output        the KTAP only, without the summary (for kunit.py parse)\n"
	"      --json[=FILE]       the results as kunit.py's JSON, to FILE or stdout\n"
	"  -b, --build_dir=DIR     where FILE.c modules are built\n"
	"  -j, --jobs=N            parallel compile jobs, and machines run at once\n"
	"      --debug-info        build with debug information (-g: file:line in reports)\n"
	"  -h, --help              print this help and exit\n"
	"\n"
	"Exit status: 0 every case passed or was skipped; 1 a case failed, a machine\n"
	"crashed, no case ran or the build failed; 2 usage errors.\n";

#define MAX_MODULES	64
#define MAX_SUITES	256
#define MAX_CASES	1024

struct options {
	const char *filter, *kunitconfig, *cmdline, *json, *build_dir;
	bool one_machine, raw, debug_info;
	long jobs;
};

enum status { PASS, FAIL, SKIP, CRASH };

struct result {				/* a case, or one parameter of a case */
	char name[128];
	enum status status;
	int suite, parent;		/* parent: the case of a parameter, else -1 */
	bool has_params;
};

static struct result results[MAX_CASES];
static int nr_results;
static char suite_names[MAX_SUITES][256];
static int suite_module[MAX_SUITES];
static enum status suite_status[MAX_SUITES];
static int nr_suites;
static char *modules[MAX_MODULES];
static int nr_modules;

/* make -C kdir M=dir [extra words] modules, started directly (no shell), its output
 * dropped: errors still reach stderr. */
static int run_make(const char *kdir, const char *dir, const char *extra, long jobs,
		    bool debug_info)
{
	char jobs_arg[32], m_arg[PATH_MAX + 4], words[4096], *argv[64];
	int argc = 0, status = -1;
	pid_t pid;

	snprintf(jobs_arg, sizeof(jobs_arg), "-j%ld", jobs);
	snprintf(m_arg, sizeof(m_arg), "M=%s", dir);
	snprintf(words, sizeof(words), "%s", extra ? extra : "");
	/* V=1 with -s: no progress lines, so no shell to print each */
	const char *fixed[] = { "make", "-s", "V=1", jobs_arg, "-C", kdir, m_arg };

	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		argv[argc++] = (char *)fixed[i];
	for (char *w = strtok(words, " "); w && argc < 61; w = strtok(NULL, " "))
		argv[argc++] = w;
	if (!debug_info)
		argv[argc++] = "UKMEM_DEBUG_CFLAGS=";
	argv[argc++] = "modules";
	argv[argc] = NULL;
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);

		dup2(devnull, STDOUT_FILENO);
		execvp("make", argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "ukmem kunit: building %s failed\n", dir);
		return -1;
	}
	return 0;
}

/* Writes path only if its text changes, so that make sees no change otherwise. */
static void write_if_changed(const char *path, const char *text)
{
	char old[8192] = "";
	FILE *f = fopen(path, "r");

	if (f) {
		old[fread(old, 1, sizeof(old) - 1, f)] = '\0';
		fclose(f);
		if (!strcmp(old, text))
			return;
	}
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* mkdir -p, without a shell. */
static int make_dirs(const char *path)
{
	char dir[PATH_MAX], c;

	snprintf(dir, sizeof(dir), "%s", path);
	for (char *p = dir + 1; ; p++) {
		if (*p != '/' && *p)
			continue;
		c = *p;
		*p = '\0';
		if (mkdir(dir, 0777) && errno != EEXIST) {
			fprintf(stderr, "ukmem kunit: %s: %s\n", dir, strerror(errno));
			return -1;
		}
		if (!c)
			return 0;
		*p = c;
	}
}

static unsigned long hash_args(char **files, int n)
{
	unsigned long h = 14695981039346656037UL;

	for (int i = 0; i < n; i++)
		for (const char *c = files[i]; *c; c++)
			h = (h ^ (unsigned char)*c) * 1099511628211UL;
	return h;
}

/* FILE.c...: a module directory of links to the files, with a Kbuild file. */
static int build_files(const struct options *o, const char *kdir, char **files, int n)
{
	char dir[PATH_MAX], kbuild[8192] = "obj-m :=", flags[8192] = "", real[PATH_MAX];
	char link[PATH_MAX + 64], ko[PATH_MAX + 300];
	const char *cache = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (o->build_dir)
		snprintf(dir, sizeof(dir), "%s", o->build_dir);
	else if (cache && *cache)
		snprintf(dir, sizeof(dir), "%s/ukmem/kunit/%lx", cache, hash_args(files, n));
	else if (home && *home)
		snprintf(dir, sizeof(dir), "%s/.cache/ukmem/kunit/%lx", home, hash_args(files, n));
	else
		snprintf(dir, sizeof(dir), "/tmp/ukmem-kunit-%u/%lx", (unsigned int)getuid(),
			 hash_args(files, n));
	if (make_dirs(dir))
		return -1;
	for (int i = 0; i < n && nr_modules < MAX_MODULES; i++) {
		char *base, *slash, name[256];

		if (!realpath(files[i], real)) {
			fprintf(stderr, "ukmem kunit: %s: %s\n", files[i], strerror(errno));
			return -1;
		}
		base = strrchr(real, '/') + 1;
		snprintf(name, sizeof(name), "%.*s", (int)(strlen(base) - 2), base);
		snprintf(link, sizeof(link), "%s/%s", dir, base);
		unlink(link);
		if (symlink(real, link))
			return -1;
		snprintf(kbuild + strlen(kbuild), sizeof(kbuild) - strlen(kbuild), " %s.o", name);
		slash = strrchr(real, '/');
		*slash = '\0';		/* the file's own directory, for its "local.h" includes */
		snprintf(flags + strlen(flags), sizeof(flags) - strlen(flags),
			 "ccflags-y += -I%s\n", real);
		snprintf(ko, sizeof(ko), "%s/%s.ko", dir, name);
		modules[nr_modules++] = strdup(ko);
	}
	strncat(kbuild, "\n", sizeof(kbuild) - strlen(kbuild) - 1);
	strncat(kbuild, flags, sizeof(kbuild) - strlen(kbuild) - 1);
	snprintf(link, sizeof(link), "%s/Kbuild", dir);
	write_if_changed(link, kbuild);
	return run_make(kdir, dir, NULL, o->jobs, o->debug_info);
}

/* CONFIG_X=y lines of a .kunitconfig as "CONFIG_X=m ..." for make (KUnit itself is
 * built into ukmem). */
/* The .kunitconfig's CONFIG_X=y lines as make's CONFIG_X=m words into out;
 * CONFIG_DEBUG_INFO=y sets *debug_info instead. */
static int kunitconfig_vars(const char *path, char *out, size_t size, bool *debug_info)
{
	char line[512];
	FILE *f = fopen(path, "r");

	if (!f) {
		fprintf(stderr, "ukmem kunit: %s: %s\n", path, strerror(errno));
		return -1;
	}
	out[0] = '\0';
	while (fgets(line, sizeof(line), f)) {
		char *eq = strchr(line, '=');

		if (strncmp(line, "CONFIG_", 7) || !eq || strncmp(eq, "=y", 2) ||
		    !strncmp(line, "CONFIG_KUNIT=", 13))
			continue;
		if (!strncmp(line, "CONFIG_DEBUG_INFO=", 18)) {
			*debug_info = true;
			continue;
		}
		snprintf(out + strlen(out), size - strlen(out), " %.*s=m", (int)(eq - line), line);
	}
	fclose(f);
	return 0;
}

static int build_dir(const struct options *o, const char *kdir, const char *dir)
{
	char vars[4096] = "", config[PATH_MAX], pattern[PATH_MAX + 16];
	bool debug_info = o->debug_info;
	struct stat st;
	glob_t g;

	if (o->kunitconfig) {
		snprintf(config, sizeof(config), "%s%s", o->kunitconfig,
			 !stat(o->kunitconfig, &st) && S_ISDIR(st.st_mode) ? "/.kunitconfig" : "");
		if (kunitconfig_vars(config, vars, sizeof(vars), &debug_info))
			return -1;
	}
	if (run_make(kdir, dir, vars, o->jobs, debug_info))
		return -1;
	snprintf(pattern, sizeof(pattern), "%s/*.ko", dir);
	if (glob(pattern, 0, NULL, &g) == 0) {
		for (size_t i = 0; i < g.gl_pathc && nr_modules < MAX_MODULES; i++)
			modules[nr_modules++] = strdup(g.gl_pathv[i]);
		globfree(&g);
	}
	return 0;
}

/* --- the machines --- */

static int boot(const struct options *o, const char *kunit_words)
{
	char line[4096];

	snprintf(line, sizeof(line), "printk.time=0 %s %s", o->cmdline ? o->cmdline : "",
		 kunit_words);
	return ukmem_boot(line);
}

/* In a child: lists module m's suites into fd, one name a line. */
static int list_child(const struct options *o, int m, int fd)
{
	char words[1024], *log, *p, *last = NULL, name[256];
	ssize_t len;

	snprintf(words, sizeof(words), "loglevel=1 kunit.action=list%s%s",
		 o->filter ? " kunit.filter_glob=" : "", o->filter ? o->filter : "");
	if (boot(o, words) || ukmem_module_load(modules[m], NULL))
		return 1;
	len = ukmem_proc_read("/dev/kmsg", NULL, 0);
	log = malloc((size_t)len + 1);
	ukmem_proc_read("/dev/kmsg", log, (size_t)len + 1);
	for (p = log; (p = strstr(p, ";KTAP version 1\n")); p++)
		last = p;
	for (p = last; p && (p = strchr(p, '\n')) && (p = strstr(p, ",-;")); ) {
		char *end = strchr(p += 3, '\n'), *dot;

		if (!end)
			break;
		*end = '\0';
		dot = strrchr(p, '.');
		if (dot) {
			snprintf(name, sizeof(name), "%.*s\n", (int)(dot - p), p);
			(void)!write(fd, name, strlen(name));
		}
		*end = '\n';
	}
	free(log);
	ukmem_module_unload(module_name_of(modules[m], name, sizeof(name)));
	ukmem_shutdown();
	return 0;
}

static void add_suite(const char *name, int m)
{
	for (int i = 0; i < nr_suites; i++)
		if (!strcmp(suite_names[i], name) && suite_module[i] == m)
			return;
	if (nr_suites == MAX_SUITES)
		return;
	snprintf(suite_names[nr_suites], sizeof(suite_names[0]), "%s", name);
	suite_module[nr_suites++] = m;
}

/* Runs fn(o, arg, fd) in a child process whose fd is a pipe's writing end; returns the
 * child's pid (or -1) with the reading end in *rd. */
static pid_t spawn(const struct options *o, int (*fn)(const struct options *, int, int),
		   int arg, int *rd)
{
	int fds[2];
	pid_t pid;

	if (pipe(fds))
		return -1;
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		_exit(fn(o, arg, fds[1]));
	}
	close(fds[1]);
	*rd = fds[0];
	return pid;
}

/* The bytes at address addr of the shared object, from the section holding them. */
static const char *elf_bytes_at(Elf *elf, GElf_Addr addr, size_t len)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	while ((scn = elf_nextscn(elf, scn))) {
		Elf_Data *data;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_PROGBITS ||
		    addr < sh.sh_addr || addr + len > sh.sh_addr + sh.sh_size)
			continue;
		data = elf_getdata(scn, NULL);
		return data && data->d_buf ? (const char *)data->d_buf + (addr - sh.sh_addr) : NULL;
	}
	return NULL;
}

/* Module m's suites read from its file, without a machine: the .kunit_test_suites
 * section (kunit_test_suites()' arrays) holds pointers to the suites, filled in at load
 * by the dynamic relocations at its slots, and a suite's name is the first member of
 * struct kunit_suite. Suites go in the arrays' order, the order they register in.
 * Returns the number found, or -1 when the file does not read so (then a machine lists
 * them). */
static int list_suites_from_file(const struct options *o, int m)
{
	GElf_Shdr suites = { 0 }, sh;
	Elf_Scn *scn = NULL, *rela = NULL;
	size_t shstrndx, nslots;
	const char **names = NULL;
	Elf_Data *data;
	int fd, found = 0;
	Elf *elf;

	elf_version(EV_CURRENT);
	fd = open(modules[m], O_RDONLY);
	if (fd < 0)
		return -1;
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf || elf_getshdrstrndx(elf, &shstrndx)) {
		found = -1;
		goto out;
	}
	while ((scn = elf_nextscn(elf, scn))) {
		const char *name;

		if (!gelf_getshdr(scn, &sh))
			continue;
		name = elf_strptr(elf, shstrndx, sh.sh_name);
		if (name && !strcmp(name, ".kunit_test_suites"))
			suites = sh;
		else if (sh.sh_type == SHT_RELA && name && !strcmp(name, ".rela.dyn"))
			rela = scn;
	}
	if (!suites.sh_size || !rela || !gelf_getshdr(rela, &sh) || !sh.sh_entsize) {
		found = -1;
		goto out;
	}
	nslots = suites.sh_size / 8;
	names = calloc(nslots, sizeof(*names));
	data = elf_getdata(rela, NULL);
	/* one pass over the relocations: each slot's suite */
	for (size_t i = 0; names && data && i < sh.sh_size / sh.sh_entsize; i++) {
		GElf_Rela r;

		if (gelf_getrela(data, (int)i, &r) && GELF_R_TYPE(r.r_info) == R_X86_64_RELATIVE &&
		    r.r_offset >= suites.sh_addr && r.r_offset < suites.sh_addr + suites.sh_size)
			names[(r.r_offset - suites.sh_addr) / 8] =
				elf_bytes_at(elf, (GElf_Addr)r.r_addend, 256);
	}
	for (size_t slot = 0; names && slot < nslots; slot++)
		if (!names[slot] || !memchr(names[slot], '\0', 256)) {
			found = -1;	/* a slot this reading cannot follow */
			goto out;
		}
	for (size_t slot = 0; names && slot < nslots; slot++, found++)
		if (!o->filter || !fnmatch(o->filter, names[slot], 0))
			add_suite(names[slot], m);
	if (!names)
		found = -1;
out:
	free(names);
	if (elf)
		elf_end(elf);
	close(fd);
	return found;
}

static int list_suites(const struct options *o)
{
	for (int m = 0; m < nr_modules; m++) {
		int rd, status;
		char buf[16384], *line, *save = NULL;
		size_t used = 0;
		ssize_t n;
		pid_t pid;

		/* A machine lists them when the command line or a case filter may change
		 * what runs (kunit.enable=0, suite.case globs), or the file does not read. */
		if (!o->cmdline && !(o->filter && strchr(o->filter, '.')) &&
		    list_suites_from_file(o, m) >= 0)
			continue;
		pid = spawn(o, list_child, m, &rd);
		if (pid < 0)
			return -1;
		while ((n = read(rd, buf + used, sizeof(buf) - 1 - used)) > 0)
			used += (size_t)n;
		close(rd);
		buf[used] = '\0';
		waitpid(pid, &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status)) {
			fprintf(stderr, "ukmem kunit: %s: cannot be loaded\n", modules[m]);
			return -1;
		}
		for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
			add_suite(line, m);
	}
	return 0;
}

/* In a child: runs suite s (all suites: s < 0) with the console on fd. */
static int run_child(const struct options *o, int s, int fd)
{
	const char *test_glob = o->filter && strchr(o->filter, '.') ? strchr(o->filter, '.') : "";
	char words[1024], name[256];
	int devnull = open("/dev/null", O_WRONLY);

	if (s >= 0)
		snprintf(words, sizeof(words), "kunit.filter_glob=%s%s", suite_names[s], test_glob);
	else
		snprintf(words, sizeof(words), "%s%s", o->filter ? "kunit.filter_glob=" : "",
			 o->filter ? o->filter : "");
	dup2(devnull, STDERR_FILENO);	/* the boot messages are not shown */
	if (boot(o, words))
		return 1;
	dup2(fd, STDERR_FILENO);
	for (int m = 0; m < nr_modules; m++)
		if ((s < 0 || suite_module[s] == m) && ukmem_module_load(modules[m], NULL))
			return 1;
	for (int m = nr_modules - 1; m >= 0; m--)
		if (s < 0 || suite_module[s] == m)
			ukmem_module_unload(module_name_of(modules[m], name, sizeof(name)));
	if (write(STDERR_FILENO, "\n", 1) < 0)	/* ends the console's open line */
		return 1;
	ukmem_shutdown();
	return 0;
}

/* --- reading the KTAP --- */

static int suite_counter;
static int pending_params = -1;		/* first parameter result of the coming case */

static enum status line_status(const char *line)
{
	if (!strncmp(line, "not ok ", 7))
		return FAIL;
	return strstr(line, " # SKIP") ? SKIP : PASS;
}

/* "ok 3 name # SKIP why" -> "name" */
static void result_name(const char *line, char *name, size_t size)
{
	const char *p = line + (line[0] == 'n' ? 7 : 3), *skip;

	p = strchr(p, ' ');
	p = p ? p + 1 : "";
	skip = strstr(p, " # SKIP");
	snprintf(name, size, "%.*s", (int)(skip ? (size_t)(skip - p) : strlen(p)), p);
}

static void add_result(const char *line, int parent)
{
	struct result *r;

	if (nr_results == MAX_CASES)
		return;
	r = &results[nr_results++];
	result_name(line, r->name, sizeof(r->name));
	r->status = line_status(line);
	r->suite = nr_suites ? suite_counter - 1 : 0;
	r->parent = parent;
}

/* Handles one console line of the machine running suites; prints it (renumbered). */
static void take_line(const char *line)
{
	if (!strncmp(line, "ok ", 3) || !strncmp(line, "not ok ", 7)) {
		char name[256];

		result_name(line, name, sizeof(name));
		suite_status[suite_counter - 1] = line_status(line);
		printf("%s %d %s\n", line[0] == 'n' ? "not ok" : "ok", suite_counter++,
		       line + strlen(line) - strlen(strstr(line, name)));
		return;
	}
	if (!strncmp(line, "        ok ", 11) || !strncmp(line, "        not ok ", 15)) {
		if (pending_params < 0)
			pending_params = nr_results;
		add_result(line + 8, -2);
	} else if (!strncmp(line, "    ok ", 7) || !strncmp(line, "    not ok ", 11)) {
		int me = nr_results;

		add_result(line + 4, -1);
		if (pending_params >= 0) {
			for (int i = pending_params; i < me; i++)
				results[i].parent = me;
			results[me].has_params = true;
		}
		pending_params = -1;
	}
	puts(line);
}

/* One machine's console: what it wrote and has not been taken yet. */
struct machine_output {
	pid_t pid;
	int rd;			/* -1 once the console closed */
	int status;		/* waitpid()'s, once it closed */
	char *text;
	size_t used, size;
};

static void append_output(struct machine_output *m, const char *data, size_t n)
{
	if (m->used + n + 1 > m->size) {
		m->size = (m->used + n + 1) * 2;
		m->text = realloc(m->text, m->size);
		if (!m->text) {
			perror("ukmem kunit");
			exit(1);
		}
	}
	memcpy(m->text + m->used, data, n);
	m->used += n;
	m->text[m->used] = '\0';
}

/* Takes the complete lines of machine s's console. */
static void take_lines(struct machine_output *m)
{
	char *start, *nl;

	if (!m->text)
		return;
	for (start = m->text; (nl = strchr(start, '\n')); start = nl + 1) {
		*nl = '\0';
		if (*start)
			take_line(start);
	}
	m->used -= (size_t)(start - m->text);
	memmove(m->text, start, m->used + 1);
}

/* Machine s ended: its suite (all suites with --one-machine) has a result line, or is
 * counted as crashed. */
static int machine_ended(const struct options *o, int s, struct machine_output *m, int before)
{
	int last = o->one_machine ? nr_suites : s + 1;

	if (WIFEXITED(m->status) && !WEXITSTATUS(m->status) && suite_counter != before)
		return 0;
	/* the machine stopped before the suite's result line */
	for (; suite_counter <= last; suite_counter++) {
		suite_status[suite_counter - 1] = CRASH;
		printf("not ok %d %s\n", suite_counter, suite_names[suite_counter - 1]);
	}
	return 1;
}

/* Runs the machines, up to --jobs at once (each suite in its own; all in one with
 * --one-machine). Their consoles are read as they write, and taken in suite order:
 * the first unfinished suite's lines at once, the others' when their turn comes, so
 * the KTAP is the same as with one machine after another. */
static int run_suites(const struct options *o)
{
	int machines = o->one_machine ? 1 : nr_suites, crashed = 0, started = 0, front = 0;
	int before = 1;
	struct machine_output *out = calloc((size_t)machines + 1, sizeof(*out));
	struct pollfd *fds = calloc((size_t)machines + 1, sizeof(*fds));

	if (!out || !fds)
		return -1;
	printf("KTAP version 1\n1..%d\n", nr_suites);
	suite_counter = 1;
	while (front < machines) {
		int nfds = 0, running = 0;

		for (int s = front; s < started; s++)
			running += out[s].rd >= 0;
		while (started < machines && running < o->jobs) {
			out[started].pid = spawn(o, run_child, o->one_machine ? -1 : started,
						 &out[started].rd);
			if (out[started].pid < 0)
				return -1;
			started++, running++;
		}
		for (int s = front; s < started; s++)
			if (out[s].rd >= 0)
				fds[nfds++] = (struct pollfd){ .fd = out[s].rd, .events = POLLIN };
		if (nfds && poll(fds, (nfds_t)nfds, -1) < 0 && errno != EINTR)
			return -1;
		for (int s = front, i = 0; s < started; s++) {
			char buf[65536];
			ssize_t n;

			if (out[s].rd < 0 || !(fds[i++].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			n = read(out[s].rd, buf, sizeof(buf));
			if (n > 0) {
				append_output(&out[s], buf, (size_t)n);
				continue;
			}
			close(out[s].rd);
			out[s].rd = -1;
			waitpid(out[s].pid, &out[s].status, 0);
		}
		/* the front machine's lines now; the next ones' once the front has ended */
		while (front < started) {
			take_lines(&out[front]);
			if (out[front].rd >= 0)
				break;
			crashed += machine_ended(o, front, &out[front], before);
			free(out[front].text);
			before = suite_counter;
			front++;
		}
	}
	free(out);
	free(fds);
	return crashed;
}

/* --- results --- */

static void count(int *passed, int *failed, int *skipped, int *crashed)
{
	*passed = *failed = *skipped = *crashed = 0;
	for (int i = 0; i < nr_results; i++) {
		if (results[i].has_params)
			continue;	/* its parameters are the tests kunit.py counts */
		*passed += results[i].status == PASS;
		*failed += results[i].status == FAIL;
		*skipped += results[i].status == SKIP;
	}
	for (int s = 0; s < nr_suites; s++)
		*crashed += suite_status[s] == CRASH;
}

static const char *json_status(enum status s)
{
	return s == PASS ? "PASS" : s == SKIP ? "SKIP" : s == CRASH ? "ERROR" : "FAIL";
}

static void json_common(FILE *f, const char *indent)
{
	fprintf(f, "%s\"arch\": \"x86_64\",\n%s\"defconfig\": \"\",\n"
		   "%s\"build_environment\": \"\",\n%s\"lab_name\": null,\n%s\"kernel\": null,\n"
		   "%s\"job\": null,\n%s\"git_branch\": \"kselftest\"\n",
		indent, indent, indent, indent, indent, indent, indent);
}

/* Cases of suite s whose parent is parent, as kunit.py's JSON ("test_cases"). */
static void json_cases(FILE *f, int s, int parent, const char *indent)
{
	bool first = true;

	for (int i = 0; i < nr_results; i++) {
		if (results[i].suite != s || results[i].parent != parent || results[i].has_params)
			continue;
		fprintf(f, "%s\n%s    {\n%s        \"name\": \"%s\",\n%s        \"status\": \"%s\"\n%s    }",
			first ? "" : ",", indent, indent, results[i].name, indent,
			json_status(results[i].status), indent);
		first = false;
	}
	fprintf(f, first ? "]" : "\n%s]", indent);
}

static void json_groups(FILE *f, int s, const char *indent)
{
	char inner[64];
	bool first = true;

	snprintf(inner, sizeof(inner), "%s        ", indent);
	for (int i = 0; i < nr_results; i++) {
		if (results[i].suite != s || !results[i].has_params)
			continue;
		fprintf(f, "%s\n%s    {\n%s        \"name\": \"%s\",\n%s        \"sub_groups\": [],\n"
			   "%s        \"test_cases\": [", first ? "" : ",", indent, indent,
			results[i].name, indent, indent);
		json_cases(f, s, i, inner);
		fprintf(f, ",\n");
		json_common(f, inner);
		fprintf(f, "%s    }", indent);
		first = false;
	}
	fprintf(f, first ? "]" : "\n%s]", indent);
}

static int write_json(const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "w") : stdout;

	if (!f) {
		fprintf(stderr, "ukmem kunit: %s: %s\n", path, strerror(errno));
		return -1;
	}
	fprintf(f, "{\n    \"name\": \"KUnit Test Group\",\n    \"sub_groups\": [");
	for (int s = 0; s < nr_suites; s++) {
		fprintf(f, "%s\n        {\n            \"name\": \"%s\",\n            \"sub_groups\": [",
			s ? "," : "", suite_names[s]);
		json_groups(f, s, "            ");
		fprintf(f, ",\n            \"test_cases\": [");
		json_cases(f, s, -1, "            ");
		fprintf(f, ",\n");
		json_common(f, "            ");
		fprintf(f, "        }");
	}
	fprintf(f, nr_suites ? "\n    ],\n    \"test_cases\": [],\n" : "],\n    \"test_cases\": [],\n");
	json_common(f, "    ");
	fprintf(f, "}\n");
	if (f != stdout)
		fclose(f);
	return 0;
}

static void print_summary(void)
{
	int passed, failed, skipped, crashed;
	const char *names[] = { "passed", "failed", "crashed", "skipped" };
	int counts[4];
	bool bad;

	count(&passed, &failed, &skipped, &crashed);
	if (!(passed + failed + crashed + skipped)) {
		/* kunit.py counts "0 tests run!" as an error */
		printf("%sTesting complete. Ran 0 tests: errors: 1%s\n", style("33"), style("0"));
		return;
	}
	counts[0] = passed, counts[1] = failed, counts[2] = crashed, counts[3] = skipped;
	bad = failed || crashed;
	printf("%sTesting complete. Ran %d tests: ", style(bad ? "31" : "32"),
	       passed + failed + crashed + skipped);
	for (int i = 0, shown = 0; i < 4; i++)
		if (counts[i])
			printf("%s%s: %d", shown++ ? ", " : "", names[i], counts[i]);
	printf("%s\n", style("0"));
}

/* The files and directories named, before any work: each a usage error. -1 to go on. */
static int check_paths(int argc, char **argv, const struct options *o)
{
	struct stat st;

	for (int i = optind; i < argc; i++) {
		if (stat(argv[i], &st))
			return usage_error(help, "%s: %s", argv[i], strerror(errno));
		if (!S_ISDIR(st.st_mode) && check_input_file(help, "", argv[i]))
			return EXIT_USAGE;
	}
	if (o->kunitconfig && stat(o->kunitconfig, &st))
		return usage_error(help, "--kunitconfig %s: %s", o->kunitconfig, strerror(errno));
	if (o->kunitconfig && !S_ISDIR(st.st_mode) &&
	    check_input_file(help, "--kunitconfig ", o->kunitconfig))
		return EXIT_USAGE;
	if (o->json && strcmp(o->json, "-") && check_output_file(help, "--json ", o->json, NULL))
		return EXIT_USAGE;
	if (o->build_dir && !stat(o->build_dir, &st) && !S_ISDIR(st.st_mode))
		return usage_error(help, "--build_dir %s is not a directory", o->build_dir);
	return -1;
}

static int parse(int argc, char **argv, struct options *o)
{
	static const struct option options[] = {
		{ "filter", required_argument, NULL, 'f' },
		{ "kunitconfig", required_argument, NULL, 'k' },
		{ "one-machine", no_argument, NULL, '1' },
		{ "cmdline", required_argument, NULL, 'c' },
		{ "raw_output", no_argument, NULL, 'r' },
		{ "json", optional_argument, NULL, 'J' },
		{ "build_dir", required_argument, NULL, 'b' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "debug-info", no_argument, NULL, 'g' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	memset(o, 0, sizeof(*o));
	o->jobs = sysconf(_SC_NPROCESSORS_ONLN);
	while ((opt = getopt_long(argc, argv, "f:k:1c:b:j:h", options, NULL)) != -1) {
		switch (opt) {
		case 'f': o->filter = optarg; break;
		case 'k': o->kunitconfig = optarg; break;
		case '1': o->one_machine = true; break;
		case 'c': o->cmdline = optarg; break;
		case 'r': o->raw = true; break;
		case 'J': o->json = optarg ? optarg : "-"; break;
		case 'b': o->build_dir = optarg; break;
		case 'g': o->debug_info = true; break;
		case 'j':
			if (!parse_long(optarg, 1, 1024, &o->jobs))
				return usage_error(help, "--jobs %s: not a number from 1 to 1024",
						   optarg);
			break;
		case 'h': return print_help(help);
		default: return usage_error(help, NULL);
		}
	}
	if (optind == argc && !o->kunitconfig)
		return usage_error(help, "no test files or directory given");
	return check_paths(argc, argv, o);
}

int cmd_kunit(int argc, char **argv)
{
	struct options o;
	char kdir[PATH_MAX], dir[PATH_MAX];
	struct stat st;
	int status = parse(argc, argv, &o), crashed, passed, failed, skipped;

	if (status >= 0)
		return status;
	if (find_kbuild_dir(kdir, sizeof(kdir)))
		return EXIT_REPORTED;
	if (optind < argc && !stat(argv[optind], &st) && S_ISDIR(st.st_mode)) {
		if (argc - optind > 1)
			return usage_error(help, "one directory at a time");
		status = build_dir(&o, kdir, argv[optind]);
	} else if (optind < argc) {
		for (int i = optind; i < argc; i++)
			if (!has_extension(argv[i], ".c"))
				return usage_error(help, "%s: not a .c file or a directory", argv[i]);
		status = build_files(&o, kdir, argv + optind, argc - optind);
	} else {
		/* --kunitconfig alone: the directory that holds it */
		snprintf(dir, sizeof(dir), "%s", o.kunitconfig);
		if (stat(dir, &st) || !S_ISDIR(st.st_mode))
			*(strrchr(dir, '/') ? strrchr(dir, '/') : strcpy(dir, ".") + 1) = '\0';
		status = build_dir(&o, kdir, dir);
	}
	if (status)
		return EXIT_REPORTED;
	if (!nr_modules) {
		fprintf(stderr, "ukmem kunit: no module was built\n");
		return EXIT_REPORTED;
	}
	if (list_suites(&o))
		return EXIT_REPORTED;
	crashed = run_suites(&o);
	if (crashed < 0)
		return EXIT_REPORTED;
	fflush(stdout);
	if (o.json && write_json(o.json))
		return EXIT_REPORTED;
	if (!o.raw)
		print_summary();
	count(&passed, &failed, &skipped, &crashed);
	return failed || crashed || !(passed + skipped) ? EXIT_REPORTED : 0;
}
