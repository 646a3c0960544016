// SPDX-License-Identifier: LGPL-2.1-or-later
/* bench/bench_mmio.c: readl/writel on a register window (the framebuffer's registers:
 * each access runs the device model) and on a memory window (its video memory, backed by
 * memory), beside a plain load/store of ordinary memory, in one run. ns per access. */
#include <stdio.h>
#include <stdlib.h>
#include <ukmem.h>
#include "bench.h"
#include <linux/io.h>

int main(void)
{
	const long n = 2000000;
	volatile unsigned int plain_mem[4] = { 0 };
	unsigned int sink = 0;

	if (ukmem_boot("loglevel=3") < 0)
		return 1;
	void __iomem *regs = ioremap(0xfebf0000, 0x1000);	/* ukfb registers */
	void __iomem *vram = ioremap_wc(0xfd000000, 1 << 20);	/* ukfb video memory */
	double plain_load = BEST_OF(5, n, sink += plain_mem[i & 3]);
	double plain_store = BEST_OF(5, n, plain_mem[i & 3] = (unsigned int)i);
	double reg_read = BEST_OF(5, n, sink += readl(regs + 0x04));
	double reg_write = BEST_OF(5, n, writel(640, regs + 0x04));
	double mem_read = BEST_OF(5, n, sink += readl(vram + ((i & 255) << 2)));
	double mem_write = BEST_OF(5, n, writel((u32)i, vram + ((i & 255) << 2)));

	printf("%-36s %8s %8s\n", "ns per access", "ns", "ratio");
	printf("%-36s %8.2f %8.2f\n", "plain load", plain_load, 1.0);
	printf("%-36s %8.2f %8.2f\n", "readl, register window", reg_read, reg_read / plain_load);
	printf("%-36s %8.2f %8.2f\n", "readl, memory window", mem_read, mem_read / plain_load);
	printf("%-36s %8.2f %8.2f\n", "plain store", plain_store, 1.0);
	printf("%-36s %8.2f %8.2f\n", "writel, register window", reg_write, reg_write / plain_store);
	printf("%-36s %8.2f %8.2f\n", "writel, memory window", mem_write, mem_write / plain_store);
	iounmap(vram);
	iounmap(regs);
	ukmem_shutdown();
	return sink == 42;	/* keeps the loads */
}
