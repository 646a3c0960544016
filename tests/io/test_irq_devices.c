/* The PC's device models raise their interrupts, and drivers written as for Linux take
 * them with request_irq(): the CMOS RTC's periodic interrupt at 64 Hz (counted over one
 * second of a stepped model clock), the 16550 receiving bytes written to its pty, the
 * ukdma engine's completion waking wait_for_completion(), the parallel port's nAck found
 * by probe_irq_on()/probe_irq_off(), and PIT channel 0 in mode 2 on IRQ 0. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ukmem.h>
#include <asm/io.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include "drivers/mmio_models.h"
#include "drivers/model_events.h"
#include "fake_clock.h"
#include "kmsg.h"
#include "poll.h"

static int rtc_ticks;

irqreturn_t rtc_periodic(int irq, void *dev_id)
{
	outb(0x0c, 0x70);
	if (!(inb(0x71) & 0x40))	/* register C: PF? (the read acknowledges) */
		return IRQ_NONE;
	__atomic_add_fetch(&rtc_ticks, 1, __ATOMIC_RELEASE);
	return IRQ_HANDLED;
}

/* Steps the model clock by ns in 1 ms steps, letting each interrupt be handled. */
static void step_clock(long long ns, unsigned int irq)
{
	for (long long done = 0; done < ns; done += 1000000) {
		fake_clock_advance(1000000);
		model_events_run_due();
		synchronize_irq(irq);
	}
}

Test(irq_devices, rtc_periodic_interrupt_at_64_hz)
{
	fake_clock_install(1700000000, 0);
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	cr_assert_eq(request_irq(8, rtc_periodic, 0, "rtc0", &rtc_ticks), 0);
	outb(0x0a, 0x70);
	outb(0x20 | 10, 0x71);		/* divider running, RS = 10: 64 Hz */
	outb(0x0b, 0x70);
	outb(0x02 | 0x40, 0x71);	/* 24-hour, PIE */
	outb(0x0c, 0x70);
	(void)inb(0x71);		/* clear what is pending */
	step_clock(1000000000LL, 8);
	cr_assert(rtc_ticks >= 58 && rtc_ticks <= 70, "%d interrupts in one second", rtc_ticks);
	cr_assert_eq(rtc_ticks, 64, "exactly, on the stepped clock");
	cr_assert_str_eq(free_irq(8, &rtc_ticks), "rtc0");
	ukmem_shutdown();
	model_clock_set(NULL);
}

static irqreturn_t pit_tick(int irq, void *dev_id)
{
	__atomic_add_fetch((int *)dev_id, 1, __ATOMIC_RELEASE);
	return IRQ_HANDLED;
}

Test(irq_devices, pit_channel0_mode2_on_irq0)
{
	int ticks = 0;

	fake_clock_install(1700000000, 0);
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	cr_assert_eq(request_irq(0, pit_tick, 0, "timer", &ticks), 0);
	outb(0x34, 0x43);		/* channel 0, LSB then MSB, mode 2 */
	outb(1193 & 0xff, 0x40);	/* ~1000.15 Hz */
	outb(1193 >> 8, 0x40);
	step_clock(100000000LL, 0);	/* 100 ms */
	cr_assert_eq(ticks, 100, "%d ticks in 100 ms at 1000 Hz", ticks);
	free_irq(0, &ticks);
	ukmem_shutdown();
	model_clock_set(NULL);
}

struct serial_drv {
	char buf[64];
	int len;
};

static irqreturn_t serial_rx(int irq, void *dev_id)
{
	struct serial_drv *s = dev_id;
	irqreturn_t ret = IRQ_NONE;

	while (!(inb(0x3f8 + 2) & 0x01)) {		/* IIR: an interrupt is pending */
		while (inb(0x3f8 + 5) & 0x01) {		/* LSR: data ready */
			u8 c = inb(0x3f8);

			if (s->len < (int)sizeof(s->buf) - 1)
				s->buf[s->len] = (char)c;
			__atomic_add_fetch(&s->len, 1, __ATOMIC_RELEASE);
		}
		ret = IRQ_HANDLED;
	}
	return ret;
}

Test(irq_devices, uart_receives_what_is_written_to_its_pty)
{
	struct serial_drv s = { 0 };
	char *log, *name, path[64];
	int fd;

	cr_assert_eq(ukmem_boot("mem=32M ukmem.serial0=pty"), 0);
	log = proc_text("/dev/kmsg");
	name = strstr(log, "serial: port 0x3f8 connected to ");
	cr_assert_not_null(name);
	sscanf(name + strlen("serial: port 0x3f8 connected to "), "%63s", path);
	free(log);
	cr_assert_eq(request_irq(4, serial_rx, 0, "ttyS0", &s), 0);
	outb(0x03, 0x3f8 + 3);		/* 8N1 */
	outb(0x01, 0x3f8 + 2);		/* FIFOs on, trigger at 1 byte */
	outb(0x08, 0x3f8 + 4);		/* OUT2: the interrupt reaches the PC's line */
	outb(0x01, 0x3f8 + 1);		/* IER: received data */
	fd = open(path, O_RDWR | O_NOCTTY);
	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, "hello", 5), 5);
	cr_assert(poll_until_geq(&s.len, 5), "got %d bytes", s.len);
	cr_assert_str_eq(s.buf, "hello");
	outb('!', 0x3f8);		/* and the driver's byte reaches the terminal */
	char c = 0;
	cr_assert_eq(read(fd, &c, 1), 1);
	cr_assert_eq(c, '!');
	close(fd);
	free_irq(4, &s);
	ukmem_shutdown();
}

struct dma_drv {
	void __iomem *regs;
	struct completion done;
	u32 status;
};

static irqreturn_t dma_done(int irq, void *dev_id)
{
	struct dma_drv *d = dev_id;
	u32 status = readl(d->regs + UKDMA_REG_STATUS);

	if (!(status & (UKDMA_STATUS_DONE | UKDMA_STATUS_ERROR)))
		return IRQ_NONE;
	writel(status, d->regs + UKDMA_REG_STATUS);	/* acknowledge: the line drops */
	d->status = status;
	complete(&d->done);
	return IRQ_HANDLED;
}

Test(irq_devices, dma_completion_interrupt_wakes_the_waiter)
{
	struct dma_drv d = { 0 };
	char *src, *dst;

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	d.regs = ioremap(UKDMA_MMIO_BASE, 0x1000);
	init_completion(&d.done);
	src = kmalloc(4096, GFP_KERNEL);
	dst = kzalloc(4096, GFP_KERNEL);
	memset(src, 0x5a, 4096);
	cr_assert_eq(request_irq(UKDMA_IRQ, dma_done, IRQF_SHARED, "ukdma", &d), 0);
	for (int i = 0; i < 3; i++) {
		reinit_completion(&d.done);
		writeq(virt_to_phys(src), d.regs + UKDMA_REG_SRC);
		writeq(virt_to_phys(dst), d.regs + UKDMA_REG_DST);
		writel(4096, d.regs + UKDMA_REG_LEN);
		writel(UKDMA_CTRL_IRQ | UKDMA_CTRL_START, d.regs + UKDMA_REG_CONTROL);
		cr_assert_gt(wait_for_completion_timeout(&d.done, 5 * HZ), 0);
		cr_assert_eq(d.status, UKDMA_STATUS_DONE);
		cr_assert_eq(memcmp(src, dst, 4096), 0);
	}
	free_irq(UKDMA_IRQ, &d);
	kfree(src);
	kfree(dst);
	iounmap(d.regs);
	ukmem_shutdown();
}

Test(irq_devices, autoprobe_finds_the_parallel_port)
{
	unsigned long mask;
	int irq;

	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	outb(0x08, 0x378 + 2);		/* nInit low (nAck low through the plug) */
	mask = probe_irq_on();
	outb(0x10 | 0x08, 0x378 + 2);	/* IRQ enable */
	outb(0x10 | 0x08 | 0x04, 0x378 + 2);	/* nInit high: nAck rises */
	udelay(5);
	irq = probe_irq_off(mask);
	cr_assert_eq(irq, 7);
	mask = probe_irq_on();
	outb(0x08, 0x378 + 2);
	outb(0x04 | 0x08, 0x378 + 2);	/* without the enable bit: nothing */
	cr_assert_eq(probe_irq_off(mask), 0);
	ukmem_shutdown();
}
