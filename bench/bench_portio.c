// SPDX-License-Identifier: LGPL-2.1-or-later
/* bench/bench_portio.c: the cost of port I/O on emulated registers beside a plain
 * function call doing the same register work, in one run. Rows: inb and outb on COM1's
 * scratch register (a 16550A model), inb on a port nobody decodes, inb from two threads
 * on the same device (its lock contended), and the plain call that reads or writes a
 * byte in memory. Each row is ns per access; ratio is the row over the plain call. */
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <ukmem.h>
#include <asm/io.h>

#define SCRATCH_PORT	0x3ff
#define UNDECODED_PORT	0x200
#define ROUNDS		2000000L

static volatile unsigned char plain_register;

static noinline unsigned char plain_read(unsigned long port)
{
	__asm__ volatile("" ::"r"(port));
	return plain_register;
}

static noinline void plain_write(unsigned char value, unsigned long port)
{
	__asm__ volatile("" ::"r"(port));
	plain_register = value;
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static volatile unsigned int sink;

static double time_reads(unsigned char (*read)(unsigned long), unsigned long port, long n)
{
	double t0 = now_ns();

	for (long i = 0; i < n; i++)
		sink += read(port);
	return (now_ns() - t0) / n;
}

static double time_writes(void (*write)(unsigned char, unsigned long), unsigned long port,
			  long n)
{
	double t0 = now_ns();

	for (long i = 0; i < n; i++)
		write((unsigned char)i, port);
	return (now_ns() - t0) / n;
}

static unsigned char port_inb(unsigned long port) { return inb(port); }
static void port_outb(unsigned char value, unsigned long port) { outb(value, port); }

static void *reader(void *arg)
{
	*(double *)arg = time_reads(port_inb, SCRATCH_PORT, ROUNDS / 2);
	return NULL;
}

static double contended_reads(void)
{
	pthread_t thread;
	double other, mine;

	pthread_create(&thread, NULL, reader, &other);
	mine = time_reads(port_inb, SCRATCH_PORT, ROUNDS / 2);
	pthread_join(thread, NULL);
	return (mine + other) / 2;
}

static void row(const char *name, double ns, double plain)
{
	printf("%-36s %10.1f %8.2f\n", name, ns, ns / plain);
}

int main(void)
{
	double plain_in, plain_out;

	if (ukmem_boot(NULL))
		return 1;
	time_reads(port_inb, SCRATCH_PORT, ROUNDS / 10);	/* warm up */
	plain_in = time_reads(plain_read, SCRATCH_PORT, ROUNDS);
	plain_out = time_writes(plain_write, SCRATCH_PORT, ROUNDS);
	printf("%-36s %10s %8s\n", "ns per access", "ns", "ratio");
	row("plain call, read a byte", plain_in, plain_in);
	row("plain call, write a byte", plain_out, plain_out);
	row("inb, 16550A scratch register", time_reads(port_inb, SCRATCH_PORT, ROUNDS), plain_in);
	row("outb, 16550A scratch register", time_writes(port_outb, SCRATCH_PORT, ROUNDS),
	    plain_out);
	row("inb, undecoded port", time_reads(port_inb, UNDECODED_PORT, ROUNDS), plain_in);
	row("inb, same register from 2 threads", contended_reads(), plain_in);
	printf("(ratio = row / plain call of the same direction)\n");
	ukmem_shutdown();
	return 0;
}
