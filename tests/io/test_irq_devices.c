// SPDX-License-Identifier: LGPL-2.1-or-later
/* The PC's device models raise their interrupts, and drivers written as for Linux take
 * them with request_irq(): the CMOS RTC's periodic interrupt at 64 Hz (counted over one
 * second of a stepped model clock), the 16550 receiving bytes written to its pty, the
 * ukdma engine's completion waking wait_for_completion() (and held while the line is
 * disabled, delivered at enable_irq()), the parallel port's nAck found
 * by probe_irq_on()/probe_irq_off(), PIT channel 0 in mode 2 on IRQ 0, and the HPET's
 * comparators: periodic and one-shot, edge and level, by the legacy replacement route
 * (timer 0 on IRQ 0, timer 1 on IRQ 8) or routed to an IO-APIC line. */
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

/* Boots and maps the engine; a 4 KiB source of 0x5a bytes and a zeroed destination. */
static void dma_drv_up(struct dma_drv *d, char **src, char **dst)
{
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	d->regs = ioremap(UKDMA_MMIO_BASE, 0x1000);
	init_completion(&d->done);
	*src = kmalloc(4096, GFP_KERNEL);
	*dst = kzalloc(4096, GFP_KERNEL);
	memset(*src, 0x5a, 4096);
}

static void dma_drv_down(struct dma_drv *d, char *src, char *dst)
{
	kfree(src);
	kfree(dst);
	iounmap(d->regs);
	ukmem_shutdown();
}

/* A 4 KiB copy that interrupts when done. */
static void dma_start(struct dma_drv *d, void *src, void *dst)
{
	writeq(virt_to_phys(src), d->regs + UKDMA_REG_SRC);
	writeq(virt_to_phys(dst), d->regs + UKDMA_REG_DST);
	writel(4096, d->regs + UKDMA_REG_LEN);
	writel(UKDMA_CTRL_IRQ | UKDMA_CTRL_START, d->regs + UKDMA_REG_CONTROL);
}

Test(irq_devices, dma_completion_interrupt_wakes_the_waiter)
{
	struct dma_drv d = { 0 };
	char *src, *dst;

	dma_drv_up(&d, &src, &dst);
	cr_assert_eq(request_irq(UKDMA_IRQ, dma_done, IRQF_SHARED, "ukdma", &d), 0);
	for (int i = 0; i < 3; i++) {
		reinit_completion(&d.done);
		dma_start(&d, src, dst);
		cr_assert_gt(wait_for_completion_timeout(&d.done, 5 * HZ), 0);
		cr_assert_eq(d.status, UKDMA_STATUS_DONE);
		cr_assert_eq(memcmp(src, dst, 4096), 0);
	}
	free_irq(UKDMA_IRQ, &d);
	dma_drv_down(&d, src, dst);
}

Test(irq_devices, dma_completion_while_disabled_is_delivered_at_enable_irq)
{
	struct dma_drv d = { 0 };
	char *src, *dst;

	dma_drv_up(&d, &src, &dst);
	cr_assert_eq(request_irq(UKDMA_IRQ, dma_done, 0, "ukdma", &d), 0);
	disable_irq(UKDMA_IRQ);
	dma_start(&d, src, dst);
	for (int i = 0; i < 5000 && !(readl(d.regs + UKDMA_REG_STATUS) & UKDMA_STATUS_DONE); i++)
		msleep(1);
	cr_assert(readl(d.regs + UKDMA_REG_STATUS) & UKDMA_STATUS_DONE, "the device finished");
	cr_assert_eq(wait_for_completion_timeout(&d.done, msecs_to_jiffies(50)), 0,
		     "its interrupt is held while the line is disabled");
	enable_irq(UKDMA_IRQ);
	cr_assert_gt(wait_for_completion_timeout(&d.done, 5 * HZ), 0, "and delivered at enable");
	cr_assert_eq(d.status, UKDMA_STATUS_DONE);
	cr_assert_str_eq(free_irq(UKDMA_IRQ, &d), "ukdma");
	dma_drv_down(&d, src, dst);
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

/* ---- HPET comparators ---------------------------------------------------------------- */

#define HPET_1MS	14318ULL	/* counter ticks in (just under) 1 ms */

static void __iomem *hpet_stopped_at_zero(void)
{
	void __iomem *hpet = ioremap(HPET_MMIO_BASE, HPET_MMIO_SIZE);

	writel(0, hpet + HPET_REG_CONFIG);
	writeq(0, hpet + HPET_REG_COUNTER);
	return hpet;
}

static int hpet_ticks;

static irqreturn_t hpet_edge(int irq, void *dev_id)
{
	__atomic_add_fetch(&hpet_ticks, 1, __ATOMIC_RELEASE);
	return IRQ_HANDLED;
}

Test(irq_devices, hpet_periodic_timer0_takes_irq0_by_the_legacy_route)
{
	void __iomem *hpet;
	u64 cfg;

	fake_clock_install(1700000000, 0);
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	hpet = hpet_stopped_at_zero();
	cfg = readq(hpet + HPET_Tn_CFG(0));
	cr_assert(cfg & HPET_TN_PERIODIC_CAP, "timer 0 can be periodic");
	cr_assert_eq((readq(hpet + HPET_REG_ID) >> 8 & 0x1f) + 1, 3, "three timers");
	cr_assert_eq(request_irq(0, hpet_edge, 0, "timer", &hpet_ticks), 0);
	hpet_ticks = 0;
	/* As Linux's hpet_clkevt_set_state_periodic(): the first write sets the comparator
	 * (SETVAL), the second the period. */
	writel(HPET_TN_ENABLE | HPET_TN_PERIODIC | HPET_TN_SETVAL | HPET_TN_32BIT,
	       hpet + HPET_Tn_CFG(0));
	writel(HPET_1MS, hpet + HPET_Tn_CMP(0));
	writel(HPET_1MS, hpet + HPET_Tn_CMP(0));
	cr_assert_eq(readl(hpet + HPET_Tn_CFG(0)) & HPET_TN_SETVAL, 0, "SETVAL clears itself");
	/* The PIT at 1 kHz as well: with the legacy route it no longer reaches IRQ 0. */
	outb(0x34, 0x43);
	outb(1193 & 0xff, 0x40);
	outb(1193 >> 8, 0x40);
	writel(HPET_CFG_ENABLE | HPET_CFG_LEGACY, hpet + HPET_REG_CONFIG);
	step_clock(100000000LL, 0);
	cr_assert_eq(hpet_ticks, 100, "%d ticks in 100 ms at 1 kHz", hpet_ticks);
	cr_assert_eq(readl(hpet + HPET_Tn_CMP(0)), 101 * HPET_1MS, "the comparator moved on");
	/* Without the legacy route timer 0 is routed nowhere (route 0 is not in its mask)
	 * and IRQ 0 is the PIT's again. */
	writel(HPET_CFG_ENABLE, hpet + HPET_REG_CONFIG);
	hpet_ticks = 0;
	step_clock(10000000LL, 0);
	cr_assert(hpet_ticks >= 9 && hpet_ticks <= 11, "the PIT's %d ticks in 10 ms", hpet_ticks);
	free_irq(0, &hpet_ticks);
	iounmap(hpet);
	ukmem_shutdown();
	model_clock_set(NULL);
}

Test(irq_devices, hpet_one_shot_timer1_takes_irq8_once)
{
	void __iomem *hpet;

	fake_clock_install(1700000000, 0);
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	hpet = hpet_stopped_at_zero();
	cr_assert_eq(readl(hpet + HPET_Tn_CFG(1)) & HPET_TN_PERIODIC_CAP, 0);
	cr_assert_eq(request_irq(8, hpet_edge, 0, "rtc0", &hpet_ticks), 0);
	hpet_ticks = 0;
	writel(HPET_TN_ENABLE | HPET_TN_PERIODIC, hpet + HPET_Tn_CFG(1));
	cr_assert_eq(readl(hpet + HPET_Tn_CFG(1)) & HPET_TN_PERIODIC, 0, "one-shot only");
	writeq(100 * HPET_1MS, hpet + HPET_Tn_CMP(1));
	writel(HPET_CFG_ENABLE | HPET_CFG_LEGACY, hpet + HPET_REG_CONFIG);
	step_clock(99000000LL, 8);
	cr_assert_eq(hpet_ticks, 0, "not before the counter reaches the comparator");
	step_clock(2000000LL, 8);
	cr_assert_eq(hpet_ticks, 1);
	step_clock(200000000LL, 8);
	cr_assert_eq(hpet_ticks, 1, "a one-shot 64-bit comparator matches once");
	/* A comparator already passed does not interrupt; the next one does. */
	writeq(50 * HPET_1MS, hpet + HPET_Tn_CMP(1));
	step_clock(10000000LL, 8);
	cr_assert_eq(hpet_ticks, 1);
	writeq(readq(hpet + HPET_REG_COUNTER) + 5 * HPET_1MS, hpet + HPET_Tn_CMP(1));
	step_clock(10000000LL, 8);
	cr_assert_eq(hpet_ticks, 2);
	/* Interrupts disabled (Tn_INT_ENB_CNF clear): the match raises nothing. */
	writel(0, hpet + HPET_Tn_CFG(1));
	writeq(readq(hpet + HPET_REG_COUNTER) + 5 * HPET_1MS, hpet + HPET_Tn_CMP(1));
	step_clock(10000000LL, 8);
	cr_assert_eq(hpet_ticks, 2);
	free_irq(8, &hpet_ticks);
	iounmap(hpet);
	ukmem_shutdown();
	model_clock_set(NULL);
}

struct hpet_drv {
	void __iomem *regs;
	int ticks, unacked;
};

static irqreturn_t hpet_level(int irq, void *dev_id)
{
	struct hpet_drv *d = dev_id;
	u32 status = readl(d->regs + HPET_STATUS);

	if (!(status & (1u << 2)))
		return IRQ_NONE;
	if (__atomic_load_n(&d->unacked, __ATOMIC_ACQUIRE)) {	/* leave it: masked below */
		disable_irq_nosync(irq);
		__atomic_add_fetch(&d->ticks, 1, __ATOMIC_RELEASE);
		return IRQ_HANDLED;
	}
	writel(1u << 2, d->regs + HPET_STATUS);		/* write 1 to clear: the line drops */
	__atomic_add_fetch(&d->ticks, 1, __ATOMIC_RELEASE);
	return IRQ_HANDLED;
}

Test(irq_devices, hpet_level_timer2_routed_to_an_ioapic_line)
{
	struct hpet_drv d = { 0 };
	u64 cfg;

	fake_clock_install(1700000000, 0);
	cr_assert_eq(ukmem_boot("mem=32M"), 0);
	d.regs = hpet_stopped_at_zero();
	cfg = readq(d.regs + HPET_Tn_CFG(2));
	cr_assert_eq(cfg >> 32, 0x00f00800, "routes: IO-APIC lines 11 and 20-23");
	writel(5 << HPET_TN_ROUTE_SHIFT, d.regs + HPET_Tn_CFG(2));
	cr_assert_eq(readl(d.regs + HPET_Tn_CFG(2)) & HPET_TN_ROUTE, 0,
		     "line 5 is not in the mask: the route does not change");
	cr_assert_eq(request_irq(21, hpet_level, IRQF_SHARED, "hpet", &d), 0);
	writel(HPET_TN_ENABLE | HPET_TN_LEVEL | HPET_TN_PERIODIC | (21 << HPET_TN_ROUTE_SHIFT),
	       d.regs + HPET_Tn_CFG(2));
	cr_assert_eq(readl(d.regs + HPET_Tn_CFG(2)) & (HPET_TN_ROUTE | HPET_TN_PERIODIC),
		     21 << HPET_TN_ROUTE_SHIFT, "routed to 21, and timer 2 is one-shot");
	writeq(3 * HPET_1MS, d.regs + HPET_Tn_CMP(2));
	writel(HPET_CFG_ENABLE, d.regs + HPET_REG_CONFIG);
	step_clock(10000000LL, 21);
	cr_assert_eq(d.ticks, 1, "one level interrupt, acknowledged in the status register");
	cr_assert_eq(readl(d.regs + HPET_STATUS), 0);
	/* Not acknowledged: the status bit stays and holds the line high. */
	__atomic_store_n(&d.unacked, 1, __ATOMIC_RELEASE);
	writeq(readq(d.regs + HPET_REG_COUNTER) + 2 * HPET_1MS, d.regs + HPET_Tn_CMP(2));
	step_clock(5000000LL, 21);
	cr_assert_eq(d.ticks, 2);
	cr_assert_eq(readl(d.regs + HPET_STATUS), 1u << 2, "still pending");
	__atomic_store_n(&d.unacked, 0, __ATOMIC_RELEASE);
	enable_irq(21);			/* the line is still high: delivered again, acked */
	synchronize_irq(21);
	cr_assert(poll_until_geq(&d.ticks, 3));
	cr_assert_eq(readl(d.regs + HPET_STATUS), 0);
	cr_assert_str_eq(free_irq(21, &d), "hpet");
	iounmap(d.regs);
	ukmem_shutdown();
	model_clock_set(NULL);
}
