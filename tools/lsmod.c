// SPDX-License-Identifier: LGPL-2.1-or-later
/* tools/lsmod.c: `ukmem lsmod [--pid N]` -- the modules loaded in a machine that `ukmem
 * run --serve` keeps up, in lsmod(8)'s table, read from its /proc/modules; and the
 * helpers `ukmem run` uses to say, as rmmod(8) does, who keeps a module in use. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tool.h"

static const char help[] =
	"usage: ukmem lsmod [--pid N]\n"
	"\n"
	"Lists the modules loaded in a machine that `ukmem run --serve` keeps up in another\n"
	"process, as lsmod(8) shows them: name, size, references and the modules using\n"
	"each (from the machine's /proc/modules).\n"
	"\n"
	"  -p, --pid N   the `ukmem run` process to ask (default: the newest one serving,\n"
	"                or the socket $UKMEM_CTL names)\n"
	"  -h, --help    print this help and exit\n"
	"\n"
	"Exit status: 0; 1 if no machine answers; 2 for a usage error.\n";

/* One line of /proc/modules: "name size refcnt users state address [taints]". */
struct module_line {
	char name[64], users[1024];
	long size;
	int refcnt;
};

static bool parse_line(const char *line, struct module_line *m)
{
	return sscanf(line, "%63s %ld %d %1023s", m->name, &m->size, &m->refcnt, m->users) == 4;
}

/* Calls fn for each user named in users ("a,b," / "-" / "[permanent],"). */
static void for_each_user(const char *users, void (*fn)(void *ctx, const char *user), void *ctx)
{
	char copy[1024], *save = NULL;

	snprintf(copy, sizeof(copy), "%s", users);
	for (char *u = strtok_r(copy, ",", &save); u; u = strtok_r(NULL, ",", &save))
		if (strcmp(u, "-") && strcmp(u, "[permanent]"))
			fn(ctx, u);
}

struct holders {
	char *buf;
	size_t len, size;
	const char *sep;
};

static void add_holder(void *ctx, const char *user)
{
	struct holders *h = ctx;
	int n = snprintf(h->buf + h->len, h->size - h->len, "%s%s", h->len ? h->sep : "", user);

	if (n > 0 && (size_t)n < h->size - h->len)
		h->len += (size_t)n;
}

/* Calls fn for each parsed line of /proc/modules text, in order (newest first). */
static void for_each_module(const char *text, void (*fn)(void *ctx, struct module_line *m),
			    void *ctx)
{
	char *copy = strdup(text ? text : ""), *save = NULL;

	for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		struct module_line m;

		if (parse_line(line, &m))
			fn(ctx, &m);
	}
	free(copy);
}

static void print_row(void *ctx, struct module_line *m)
{
	char users[1024];
	struct holders h = { users, 0, sizeof(users), "," };

	users[0] = '\0';
	for_each_user(m->users, add_holder, &h);
	printf("%-19s %8ld  %d%s%s\n", m->name, m->size, m->refcnt, h.len ? " " : "", users);
}

void print_lsmod(const char *proc_modules)
{
	puts("Module                  Size  Used by");
	for_each_module(proc_modules, print_row, NULL);
}

struct holders_of {
	const char *name;
	struct holders h;
};

static void collect_holders(void *ctx, struct module_line *m)
{
	struct holders_of *q = ctx;

	if (!strcmp(m->name, q->name))
		for_each_user(m->users, add_holder, &q->h);
}

char *module_holders(const char *proc_modules, const char *name)
{
	struct holders_of q = { name, { malloc(1024), 0, 1024, " " } };

	if (!q.h.buf)
		return NULL;
	q.h.buf[0] = '\0';
	for_each_module(proc_modules, collect_holders, &q);
	return q.h.buf;
}

struct permanent_of {
	const char *name;
	bool permanent;
};

static void check_permanent(void *ctx, struct module_line *m)
{
	struct permanent_of *q = ctx;

	if (!strcmp(m->name, q->name) && strstr(m->users, "[permanent]"))
		q->permanent = true;
}

bool module_is_permanent(const char *proc_modules, const char *name)
{
	struct permanent_of q = { name, false };

	for_each_module(proc_modules, check_permanent, &q);
	return q.permanent;
}

int cmd_lsmod(int argc, char **argv)
{
	static const struct option options[] = {
		{ "pid", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	pid_t pid = 0;
	char *text;
	int opt;

	while ((opt = getopt_long(argc, argv, "p:h", options, NULL)) != -1) {
		switch (opt) {
		case 'p':
			if (parse_pid_option(help, optarg, &pid))
				return EXIT_USAGE;
			break;
		case 'h':
			return print_help(help);
		default:
			return usage_error(help, NULL);
		}
	}
	if (optind != argc)
		return usage_error(help, "%s: no arguments are taken", argv[optind]);
	text = served_view(pid, "/proc/modules");
	if (!text)
		return EXIT_REPORTED;
	print_lsmod(text);
	free(text);
	return 0;
}
