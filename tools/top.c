// SPDX-License-Identifier: LGPL-2.1-or-later
/* tools/top.c: `ukmem top [--pid N] [--interval S] [--count N]` -- a slabtop-like screen
 * of a machine running in another process: memory totals (meminfo), free blocks by order
 * per zone (buddyinfo), vmalloc areas (vmallocinfo) and the caches using the most memory
 * (slabinfo), read through the control socket and redrawn in place on a terminal (as
 * frames one after another otherwise). Ends after --count frames, on SIGINT, or when
 * the machine goes away. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <ukmem.h>
#include "tool.h"

#define MAX_CACHES	512

struct cache_row {
	char name[64];
	unsigned long active, total, objsize, slabs, pages_per_slab;
};

static volatile sig_atomic_t stop;

static void on_interrupt(int sig)
{
	stop = 1;
}

static char *fetch(const char *socket_path, const char *path)
{
	ssize_t len = ukmem_ctl_read(socket_path, path, NULL, 0);
	char *buf = len >= 0 ? malloc((size_t)len + 1) : NULL;

	if (buf && ukmem_ctl_read(socket_path, path, buf, (size_t)len + 1) < 0) {
		free(buf);
		buf = NULL;
	}
	return buf;
}

static unsigned long meminfo_kb(const char *meminfo, const char *key)
{
	const char *at = strstr(meminfo, key);

	return at ? strtoul(at + strlen(key), NULL, 10) : 0;
}

static int parse_slabinfo(const char *text, struct cache_row *rows, int max)
{
	int n = 0;

	for (const char *p = text; *p && n < max;) {
		const char *end = strchrnul(p, '\n');
		struct cache_row *r = &rows[n];

		if (*p != '#' && sscanf(p, "%63s %lu %lu %lu %*u %lu : tunables %*u %*u %*u : "
					"slabdata %*u %lu", r->name, &r->active, &r->total,
					&r->objsize, &r->pages_per_slab, &r->slabs) == 6)
			n++;
		p = *end ? end + 1 : end;
	}
	return n;
}

static unsigned long cache_kb(const struct cache_row *r)
{
	return r->slabs * r->pages_per_slab * 4;
}

static int by_memory(const void *a, const void *b)
{
	unsigned long ka = cache_kb(a), kb = cache_kb(b);

	return ka < kb ? 1 : ka > kb ? -1 : strcmp(((const struct cache_row *)a)->name,
						   ((const struct cache_row *)b)->name);
}

static int count_lines(const char *text)
{
	int n = 0;

	for (; *text; text++)
		n += *text == '\n';
	return n;
}

static int screen_rows(void)
{
	struct winsize ws;

	return tool_tty && !ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) && ws.ws_row ? ws.ws_row : 40;
}

static void draw(const char *socket_path, const char *meminfo, const char *buddyinfo,
		 const char *vmallocinfo, const char *slabinfo)
{
	static struct cache_row rows[MAX_CACHES];
	int n = parse_slabinfo(slabinfo, rows, MAX_CACHES);
	int room = screen_rows() - 10 - count_lines(buddyinfo);
	unsigned long active = 0, total = 0;

	for (int i = 0; i < n; i++) {
		active += rows[i].active;
		total += rows[i].total;
	}
	qsort(rows, (size_t)n, sizeof(rows[0]), by_memory);
	printf("%sukmem top%s - %s\n", style("1"), style("0"), socket_path);
	printf(" Memory: %lu kB total, %lu kB free, slab %lu kB, vmalloc %lu kB in %d areas, "
	       "page tables %lu kB\n", meminfo_kb(meminfo, "MemTotal:"),
	       meminfo_kb(meminfo, "MemFree:"), meminfo_kb(meminfo, "Slab:"),
	       meminfo_kb(meminfo, "VmallocUsed:"), count_lines(vmallocinfo),
	       meminfo_kb(meminfo, "PageTables:"));
	printf(" Objects (active / total): %lu / %lu in %d caches\n", active, total, n);
	printf("%s Free blocks by order (buddyinfo)%s\n%s", style("1"), style("0"), buddyinfo);
	printf("%s%8s %8s %5s %7s %6s %9s  %s%s\n", style("7"), "OBJS", "ACTIVE", "USE",
	       "OBJSIZE", "SLABS", "CACHESIZE", "NAME", style("0"));
	for (int i = 0; i < n && i < (room > 3 ? room : 3); i++)
		printf("%8lu %8lu %4lu%% %6.2fK %6lu %8luK  %s\n", rows[i].total, rows[i].active,
		       rows[i].total ? rows[i].active * 100 / rows[i].total : 0,
		       rows[i].objsize / 1024.0, rows[i].slabs, cache_kb(&rows[i]), rows[i].name);
}

/* One frame; -1 once the machine is gone. */
static int frame(const char *socket_path)
{
	char *views[4];
	static const char *const paths[4] = { "/proc/meminfo", "/proc/buddyinfo",
					      "/proc/vmallocinfo", "/proc/slabinfo" };
	int err = 0;

	for (int i = 0; i < 4; i++)
		if (!(views[i] = fetch(socket_path, paths[i])))
			err = -1;
	if (!err) {
		if (tool_tty)
			printf("\033[H\033[2J");
		draw(socket_path, views[0], views[1], views[2], views[3]);
		fflush(stdout);
	}
	for (int i = 0; i < 4; i++)
		free(views[i]);
	return err;
}

static const char help[] =
	"usage: ukmem top [--pid N] [--interval SECONDS] [--count N]\n"
	"\n"
	"A slabtop-like screen of a machine that `ukmem run --serve` keeps up in another\n"
	"process: memory totals, free blocks by order per zone, vmalloc use and the caches\n"
	"using the most memory, redrawn in place on a terminal (frames one after another\n"
	"otherwise) until SIGINT, --count frames, or the machine goes away.\n"
	"\n"
	"  -p, --pid N             the `ukmem run` process to watch (default: the newest)\n"
	"  -i, --interval SECONDS  between frames (default 1; fractions allowed)\n"
	"  -n, --count N           stop after N frames\n"
	"  -h, --help              print this help and exit\n"
	"\n"
	"Exit status: 0; 1 if no machine answers; 2 for a usage error.\n";

int cmd_top(int argc, char **argv)
{
	static const struct option options[] = {
		{ "pid", required_argument, NULL, 'p' },
		{ "interval", required_argument, NULL, 'i' },
		{ "count", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char socket_path[4096];
	long frames = 0, max_frames = -1;
	double interval = 1;
	struct timespec pause;
	pid_t pid = 0;
	int opt;

	while ((opt = getopt_long(argc, argv, "p:i:n:h", options, NULL)) != -1) {
		switch (opt) {
		case 'p':
			if (parse_pid_option(help, optarg, &pid))
				return EXIT_USAGE;
			break;
		case 'i':
			if (!parse_seconds(optarg, &interval))
				return usage_error(help, "--interval %s: not a number of seconds "
						   "(0 < S <= 86400)", optarg);
			break;
		case 'n':
			if (!parse_long(optarg, 1, LONG_MAX, &max_frames))
				return usage_error(help, "--count %s: not a positive number", optarg);
			break;
		case 'h':
			return print_help(help);
		default:
			return usage_error(help, NULL);
		}
	}
	if (optind < argc)
		return usage_error(help, "unexpected argument %s", argv[optind]);
	if (ctl_socket_for(pid, socket_path, sizeof(socket_path)))
		return EXIT_REPORTED;
	pause.tv_sec = (time_t)interval;
	pause.tv_nsec = (long)((interval - (double)pause.tv_sec) * 1e9);
	signal(SIGINT, on_interrupt);
	while (!stop && (max_frames < 0 || frames < max_frames)) {
		if (frame(socket_path)) {
			fprintf(stderr, "ukmem top: %s: %s\n", socket_path, strerror(errno));
			return frames ? 0 : EXIT_REPORTED;
		}
		if (++frames != max_frames) {
			if (!tool_tty)
				putchar('\n');
			nanosleep(&pause, NULL);
		}
	}
	return 0;
}
