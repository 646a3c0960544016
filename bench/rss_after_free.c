// SPDX-License-Identifier: LGPL-2.1-or-later
/* bench/rss_after_free.c: a program of bench_page_reporting's (no ukmem of its own; run
 * with and without LD_PRELOAD=libukmem-malloc.so). Keeps 64 MiB live, mallocs 512 x
 * 1 MiB, touches and frees them, and prints "<RSS before MiB> <peak MiB> <after MiB>
 * <milliseconds until RSS is within 10% of before plus 1/64 of the peak -- the
 * struct pages of the memory touched under the preload -- or -1 after 10 s>". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "bench.h"

#define LIMIT_S	10.0

static long rss_bytes(void)
{
	long total, rss;
	FILE *f = fopen("/proc/self/statm", "r");

	if (!f || fscanf(f, "%ld %ld", &total, &rss) != 2)
		exit(1);
	fclose(f);
	return rss * sysconf(_SC_PAGESIZE);
}

int main(void)
{
	enum { LIVE = 64, BLOCKS = 512 };
	char *live = malloc((size_t)LIVE << 20), *blk[BLOCKS];

	memset(live, 1, (size_t)LIVE << 20);
	long before = rss_bytes();

	for (int i = 0; i < BLOCKS; i++) {
		blk[i] = malloc(1 << 20);
		memset(blk[i], 2, 1 << 20);
	}
	long peak = rss_bytes();
	double t0 = now_ns(), secs = -1;

	for (int i = 0; i < BLOCKS; i++)
		free(blk[i]);
	while (now_ns() - t0 < LIMIT_S * 1e9) {
		if (rss_bytes() <= before + before / 10 + peak / 64) {
			secs = (now_ns() - t0) / 1e9;
			break;
		}
		usleep(10 * 1000);
	}
	printf("%ld %ld %ld %ld\n", before >> 20, peak >> 20, rss_bytes() >> 20,
	       secs < 0 ? -1L : (long)(secs * 1000));
	free(live);
	return 0;
}

