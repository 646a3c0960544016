// SPDX-License-Identifier: LGPL-2.1-or-later
/* examples/io/uart_loopback.c: a polled 16550A driver. It claims COM1's ports, sets
 * 115200 baud 8N1 with FIFOs, turns on the UART's internal loopback, sends a string and
 * reads it back, then restores the modem control register and releases the ports. */
#include <linux/errno.h>
#include <linux/ioport.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <asm/io.h>

#define LOOP_BASE	0x3f8
#define LOOP_NR_PORTS	8
#define LOOP_THR	(LOOP_BASE + 0)
#define LOOP_RBR	(LOOP_BASE + 0)
#define LOOP_DLL	(LOOP_BASE + 0)
#define LOOP_DLM	(LOOP_BASE + 1)
#define LOOP_IER	(LOOP_BASE + 1)
#define LOOP_FCR	(LOOP_BASE + 2)
#define LOOP_LCR	(LOOP_BASE + 3)
#define LOOP_MCR	(LOOP_BASE + 4)
#define LOOP_LSR	(LOOP_BASE + 5)
#define LOOP_LSR_DR	0x01
#define LOOP_LSR_THRE	0x20
#define LOOP_SPINS	100000

static const char loop_message[] = "ukmem says hello";

static void loop_setup(void)
{
	unsigned int divisor = 115200 / 115200;

	outb(0x00, LOOP_IER);			/* polled: no interrupts */
	outb(0x80, LOOP_LCR);			/* DLAB */
	outb(divisor & 0xff, LOOP_DLL);
	outb(divisor >> 8, LOOP_DLM);
	outb(0x03, LOOP_LCR);			/* 8 data bits, no parity, 1 stop bit */
	outb(0x07, LOOP_FCR);			/* FIFOs on and cleared */
	outb(0x10 | 0x0b, LOOP_MCR);		/* loopback, OUT2, RTS, DTR */
}

/* Sends one byte and returns the byte that comes back, or -ETIMEDOUT. */
static int loop_echo(unsigned char byte)
{
	int spins;

	for (spins = 0; !(inb(LOOP_LSR) & LOOP_LSR_THRE); spins++)
		if (spins == LOOP_SPINS)
			return -ETIMEDOUT;
	outb(byte, LOOP_THR);
	for (spins = 0; !(inb(LOOP_LSR) & LOOP_LSR_DR); spins++)
		if (spins == LOOP_SPINS)
			return -ETIMEDOUT;
	return inb(LOOP_RBR);
}

static int uart_loopback_init(void)
{
	char received[sizeof(loop_message)] = { 0 };
	int i, c;

	if (!request_region(LOOP_BASE, LOOP_NR_PORTS, "uart_loopback"))
		return -EBUSY;
	loop_setup();
	for (i = 0; loop_message[i]; i++) {
		c = loop_echo((unsigned char)loop_message[i]);
		if (c < 0)
			break;
		received[i] = (char)c;
	}
	outb(0x00, LOOP_MCR);
	release_region(LOOP_BASE, LOOP_NR_PORTS);
	if (c < 0 || __builtin_strcmp(received, loop_message)) {
		pr_err("uart_loopback: sent \"%s\", got \"%s\"\n", loop_message, received);
		return -EIO;
	}
	pr_info("uart_loopback: 115200 8N1, sent and received \"%s\"\n", received);
	return 0;
}

static void uart_loopback_exit(void)
{
	pr_info("uart_loopback: unloaded\n");
}

module_init(uart_loopback_init);
module_exit(uart_loopback_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Polled 16550A driver: 115200 8N1 and a loopback self-test");
