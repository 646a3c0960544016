// SPDX-License-Identifier: LGPL-2.1-or-later
/* bench_report: what a report's call trace costs -- dump_stack() from six frames deep,
 * the first one (each object's symbol table read) and then each later one (tables
 * cached), with the console quiet (loglevel=0: the log buffer only). Prints ns. The
 * boot command line may be given, e.g. "loglevel=0 stacktrace_decode=1". */
#include <stdio.h>
#include <ukmem.h>
#include <linux/printk.h>
#include "bench.h"

static noinline void depth(int n)
{
	if (n)
		depth(n - 1);
	else
		dump_stack();
	__asm__ volatile("");
}

int main(int argc, char **argv)
{
	double t0, first;

	ukmem_boot(argc > 1 ? argv[1] : "loglevel=0");
	t0 = now_ns();
	depth(6);
	first = now_ns() - t0;
	double each = BEST_OF(5, 200, depth(6));

	printf("dump_stack: first %.0f ns, then %.0f ns each\n", first, each);
	ukmem_shutdown();
	return 0;
}
