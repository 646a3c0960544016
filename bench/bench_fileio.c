// SPDX-License-Identifier: LGPL-2.1-or-later
/* bench/bench_fileio.c: what a file read costs on ukmem's user side, against the host
 * kernel in the same run, linked with the shared libukmem as users link.
 *   dev      a 4 KiB ukmem_read() of a misc device whose read copies 4 KiB of zeros
 *            (copy_to_user) -- against a 4 KiB read(2) of the host's /dev/zero;
 *   slabinfo one whole read of ukmem's /proc/slabinfo (seq_file, from offset 0 with
 *            ukmem_pread into a 64 KiB buffer) -- against the same read(2) of the host
 *            kernel's own /proc/slabinfo (skipped where it is not readable).
 * ROUNDS rounds, each measuring every method in turn (interleaved), each the best of
 * REPS loops; printed: the median round, with the lowest and highest, in ns per read. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/uaccess.h>
#include "bench.h"

#define ROUNDS	9
#define REPS	3
#define DEV_READS	200000L
#define VIEW_READS	300L

static const char zeros[4096];

static ssize_t zero_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	size_t n = count < sizeof(zeros) ? count : sizeof(zeros);

	if (copy_to_user(buf, zeros, n))
		return -EFAULT;
	return (ssize_t)n;
}

static const struct file_operations zero_fops = {
	.read = zero_read,
	.llseek = noop_llseek,
};

static struct miscdevice zero_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "benchzero",
	.fops = &zero_fops,
};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void report(const char *what, double *v)
{
	qsort(v, ROUNDS, sizeof(double), cmp_double);
	printf("%-34s %10.1f ns  (%.1f .. %.1f)\n", what, v[ROUNDS / 2], v[0], v[ROUNDS - 1]);
}

int main(void)
{
	static char buf[65536];
	double dev[ROUNDS], host_zero[ROUNDS], view[ROUNDS], host_view[ROUNDS];
	int ufd, zfd, vfd, hfd;
	volatile ssize_t sink = 0;

	if (ukmem_boot("mem=256M kfence.sample_interval=0") || misc_register(&zero_dev)) {
		fprintf(stderr, "bench_fileio: cannot boot or register the device\n");
		return 1;
	}
	ufd = ukmem_open("/dev/benchzero", O_RDONLY);
	vfd = ukmem_open("/proc/slabinfo", O_RDONLY);
	zfd = open("/dev/zero", O_RDONLY);
	hfd = open("/proc/slabinfo", O_RDONLY);
	if (ufd < 0 || vfd < 0 || zfd < 0) {
		perror("bench_fileio: open");
		return 1;
	}
	if (hfd >= 0 && pread(hfd, buf, sizeof(buf), 0) < 0) {
		close(hfd);
		hfd = -1;
	}
	for (int r = 0; r < ROUNDS; r++) {
		dev[r] = BEST_OF(REPS, DEV_READS, sink += ukmem_read(ufd, buf, 4096));
		host_zero[r] = BEST_OF(REPS, DEV_READS, sink += read(zfd, buf, 4096));
		view[r] = BEST_OF(REPS, VIEW_READS, sink += ukmem_pread(vfd, buf, sizeof(buf), 0));
		host_view[r] = hfd < 0 ? 0 :
			BEST_OF(REPS, VIEW_READS, sink += pread(hfd, buf, sizeof(buf), 0));
	}
	printf("bench_fileio: %d rounds, ns per read (median, lowest .. highest)\n", ROUNDS);
	report("ukmem_read 4 KiB of a device", dev);
	report("host read(2) 4 KiB of /dev/zero", host_zero);
	report("ukmem /proc/slabinfo whole", view);
	if (hfd >= 0)
		report("host /proc/slabinfo whole", host_view);
	else
		printf("host /proc/slabinfo: not readable here\n");
	printf("slabinfo sizes: ukmem %zd bytes\n", ukmem_pread(vfd, buf, sizeof(buf), 0));
	ukmem_close(ufd);
	ukmem_close(vfd);
	misc_deregister(&zero_dev);
	ukmem_shutdown();
	return 0;
}
