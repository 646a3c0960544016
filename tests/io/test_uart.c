// SPDX-License-Identifier: LGPL-2.1-or-later
/* The 16550A model against its data sheet: divisor latch, scratch, loopback, FIFOs and
 * overrun, IIR priorities, modem status in loopback, word length, and the host sinks
 * (file and pty). */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <ukmem.h>
#include <asm/io.h>
#include "kmsg.h"

#define COM1	0x3f8
#define RBR	(COM1 + 0)
#define THR	(COM1 + 0)
#define DLL	(COM1 + 0)
#define DLM	(COM1 + 1)
#define IER	(COM1 + 1)
#define IIR	(COM1 + 2)
#define FCR	(COM1 + 2)
#define LCR	(COM1 + 3)
#define MCR	(COM1 + 4)
#define LSR	(COM1 + 5)
#define MSR	(COM1 + 6)
#define SCR	(COM1 + 7)

static void boot_loopback(void)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	outb(0x03, LCR);	/* 8N1 */
	outb(0x10, MCR);	/* loopback */
}

Test(uart, reset_state_and_scratch)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(inb(IER), 0x00);
	cr_assert_eq(inb(IIR), 0x01, "no interrupt pending, FIFOs off");
	cr_assert_eq(inb(LCR), 0x00);
	cr_assert_eq(inb(MCR), 0x00);
	cr_assert_eq(inb(LSR), 0x60, "THRE and TEMT");
	for (int v = 0; v < 256; v += 0x55) {
		outb(v, SCR);
		cr_assert_eq(inb(SCR), v);
	}
	outb(0xa5, COM1 - 0x100 + 7);	/* COM2's scratch is its own */
	cr_assert_eq(inb(0x2f8 + 7), 0xa5);
	cr_assert_eq(inb(SCR), 0xff);
	ukmem_shutdown();
}

Test(uart, divisor_latch_hides_behind_dlab)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	outb(0x80 | 0x03, LCR);
	outb(0x01, DLL);	/* 115200 baud */
	outb(0x00, DLM);
	cr_assert_eq(inb(DLL), 0x01);
	cr_assert_eq(inb(DLM), 0x00);
	outb(0x03, LCR);
	cr_assert_eq(inb(IER), 0x00, "IER untouched by the divisor writes");
	outb(0x0f, IER);
	cr_assert_eq(inb(IER), 0x0f);
	outb(0x83, LCR);
	cr_assert_eq(inb(DLL), 0x01);
	cr_assert_eq(inb(DLM), 0x00);
	ukmem_shutdown();
}

Test(uart, loopback_returns_what_was_sent)
{
	boot_loopback();
	const char *msg = "hello";
	char got[6] = { 0 };
	outb(0x07, FCR);
	for (int i = 0; msg[i]; i++)
		outb(msg[i], THR);
	for (int i = 0; i < 5; i++) {
		cr_assert(inb(LSR) & 0x01, "DR while bytes wait");
		got[i] = (char)inb(RBR);
	}
	cr_assert_str_eq(got, msg);
	cr_assert_eq(inb(LSR) & 0x01, 0);
	ukmem_shutdown();
}

Test(uart, fifo_overrun_keeps_sixteen_and_sets_oe)
{
	boot_loopback();
	outb(0x07, FCR);
	cr_assert_eq(inb(IIR) & 0xc0, 0xc0, "FIFOs enabled: a 16550A");
	for (int i = 0; i < 17; i++)
		outb('a' + i, THR);
	uint8_t lsr = inb(LSR);
	cr_assert_eq(lsr & 0x03, 0x03, "DR and OE");
	cr_assert_eq(inb(LSR) & 0x02, 0, "reading LSR clears OE");
	for (int i = 0; i < 16; i++)
		cr_assert_eq(inb(RBR), 'a' + i);
	cr_assert_eq(inb(LSR) & 0x01, 0, "the 17th byte was lost");
	outb('x', THR);
	outb('y', THR);
	outb(0x03, FCR);	/* clear the receive FIFO */
	cr_assert_eq(inb(LSR) & 0x01, 0);
	ukmem_shutdown();
}

Test(uart, character_mode_overwrites_rbr)
{
	boot_loopback();
	outb('1', THR);
	outb('2', THR);
	cr_assert_eq(inb(LSR) & 0x03, 0x03);
	cr_assert_eq(inb(RBR), '2');
	cr_assert_eq(inb(LSR) & 0x01, 0);
	cr_assert_eq(inb(IIR) & 0xc0, 0);
	ukmem_shutdown();
}

Test(uart, iir_reports_by_priority)
{
	boot_loopback();
	outb(0x47, FCR);		/* FIFOs, trigger level 4 */
	outb(0x02, IER);		/* THRE */
	cr_assert_eq(inb(IIR), 0xc2, "THR empty when enabled");
	cr_assert_eq(inb(IIR), 0xc1, "reading IIR acknowledged it");
	outb(0x03, IER);
	outb('a', THR);
	cr_assert_eq(inb(IIR), 0xcc, "data below the trigger level: timeout");
	for (int i = 0; i < 3; i++)
		outb('b', THR);
	cr_assert_eq(inb(IIR), 0xc4, "trigger level reached");
	while (inb(LSR) & 0x01)
		inb(RBR);
	cr_assert_eq(inb(IIR), 0xc2, "THRE from the last write still pending");
	cr_assert_eq(inb(IIR), 0xc1);
	outb(0x05, IER);		/* receiver line status */
	for (int i = 0; i < 17; i++)
		outb('c', THR);
	cr_assert_eq(inb(IIR), 0xc6, "overrun outranks data");
	ukmem_shutdown();
}

Test(uart, modem_status_follows_mcr_in_loopback)
{
	boot_loopback();
	inb(MSR);			/* clear deltas from entering loopback */
	outb(0x10 | 0x0a, MCR);		/* OUT2 and RTS */
	uint8_t msr = inb(MSR);
	cr_assert_eq(msr & 0xf0, 0x90, "DCD and CTS");
	cr_assert_eq(msr & 0x0f, 0x09, "DDCD and DCTS");
	cr_assert_eq(inb(MSR), 0x90, "deltas cleared by the read");
	outb(0x10 | 0x05, MCR);		/* OUT1 and DTR */
	msr = inb(MSR);
	cr_assert_eq(msr & 0xf0, 0x60, "RI and DSR");
	outb(0x10, MCR);
	cr_assert_eq(inb(MSR), 0x06, "TERI (RI's trailing edge) and DDSR");
	outb(0x00, MCR);
	cr_assert_eq(inb(MSR) & 0xf0, 0xb0, "out of loopback the host is connected");
	ukmem_shutdown();
}

Test(uart, word_length_masks_data)
{
	boot_loopback();
	outb(0x00, LCR);		/* 5 bits */
	outb(0xff, THR);
	cr_assert_eq(inb(RBR), 0x1f);
	outb(0x02, LCR);		/* 7 bits */
	outb(0xff, THR);
	cr_assert_eq(inb(RBR), 0x7f);
	ukmem_shutdown();
}

Test(uart, file_sink_gets_transmitted_bytes)
{
	char path[] = "/tmp/ukmem-uart-XXXXXX", cmdline[128], buf[32] = { 0 };
	int fd = mkstemp(path);
	cr_assert_geq(fd, 0);
	snprintf(cmdline, sizeof(cmdline), "ukmem.uart_sink=file:%s", path);
	cr_assert_eq(ukmem_boot(cmdline), 0);
	outb(0x03, LCR);	/* 8N1; reset leaves 5-bit words */
	for (const char *p = "to the file"; *p; p++) {
		while (!(inb(LSR) & 0x20))
			;
		outb(*p, THR);
	}
	cr_assert_eq(inb(LSR) & 0x01, 0, "a file sends nothing back");
	ukmem_shutdown();
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	cr_assert_eq(n, 11);
	cr_assert_str_eq(buf, "to the file");
	close(fd);
	unlink(path);
}

Test(uart, pty_sink_talks_both_ways)
{
	cr_assert_eq(ukmem_boot("ukmem.uart_sink=pty ukmem.dev=uart@0x3f8"), 0);
	outb(0x03, LCR);
	char *log = proc_text("/dev/kmsg");
	char *name = strstr(log, "serial: port 0x3f8 connected to ");
	cr_assert(name);
	name += strlen("serial: port 0x3f8 connected to ");
	name[strcspn(name, "\n")] = '\0';
	int fd = open(name, O_RDWR | O_NOCTTY);
	cr_assert_geq(fd, 0, "%s", name);
	struct termios tio;
	tcgetattr(fd, &tio);
	cfmakeraw(&tio);
	tcsetattr(fd, TCSANOW, &tio);
	ssize_t n = write(fd, "hi", 2);
	cr_assert_eq(n, 2);
	char got[3] = { 0 };
	for (int i = 0; i < 2; i++) {
		while (!(inb(LSR) & 0x01))
			usleep(100);
		got[i] = (char)inb(RBR);
	}
	cr_assert_str_eq(got, "hi");
	outb('!', THR);
	char back = 0;
	n = read(fd, &back, 1);
	cr_assert_eq(n, 1);
	cr_assert_eq(back, '!');
	close(fd);
	free(log);
	ukmem_shutdown();
}
