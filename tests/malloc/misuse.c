// SPDX-License-Identifier: LGPL-2.1-or-later
/* tests/malloc/misuse.c: an ordinary program with the bugs libukmem-malloc's kernel
 * checks are for; test_malloc.c runs it under the preload with UKMEM_CMDLINE options.
 *   overrun   writes one byte past a malloc(32) block and frees it
 *   leak      loses the only pointer to three blocks
 *   fail      counts how many of 100 mallocs of 100 bytes return NULL
 *   churn     allocates and frees, for the trace
 *   aba       frees p, q, then p again (glibc: "free(): double free detected in tcache 2")
 *   interior  frees a pointer 16 bytes into a block (glibc: "free(): invalid pointer")
 *   rinterior reallocs a pointer 16 bytes into a block ("realloc(): invalid pointer")
 *   kfence    the overrun of a malloc(32) block 255 times, 5 ms apart: with
 *             kfence.sample_interval=1 KFENCE samples some of them */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void *volatile sink;

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";

	if (!strcmp(what, "overrun")) {
		char *p = malloc(32);

		sink = p;	/* the compiler may not drop the pair */
		memset(p, 'x', 33);
		free(sink);
	} else if (!strcmp(what, "leak")) {
		for (int i = 0; i < 3; i++)
			sink = malloc(200 + i);
		sink = NULL;
	} else if (!strcmp(what, "fail")) {
		int failed = 0;

		for (int i = 0; i < 100; i++) {
			sink = malloc(100);
			failed += !sink;
			free(sink);
		}
		printf("%d failed\n", failed);
	} else if (!strcmp(what, "kfence")) {
		for (int round = 0; round < 255; round++) {
			char *p = malloc(32);

			sink = p;
			memset(p, 'x', 33);	/* one byte too many */
			free(sink);
			usleep(5000);	/* more than the interval: the gate opens again */
		}
	} else if (!strcmp(what, "aba")) {
		static void *volatile q;	/* both escape: no pair is dropped */
		char *p = malloc(40);

		q = malloc(40);
		sink = p;
		free(sink);
		free(q);
		free(sink);
		printf("survived\n");
	} else if (!strcmp(what, "interior") || !strcmp(what, "rinterior")) {
		char *p = malloc(64);

		sink = p + 16;
		if (what[0] == 'r')
			sink = realloc(sink, 200);
		else
			free(sink);
		printf("survived\n");
	} else if (!strcmp(what, "churn")) {
		for (int i = 0; i < 10; i++) {
			sink = malloc(100000);
			free(sink);
		}
	} else {
		return 2;
	}
	return 0;
}
