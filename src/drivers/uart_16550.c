// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/uart_16550.c: a 16550A UART model (8 ports). Registers per the data sheet:
 * RBR/THR and the divisor latch (DLAB), IER, IIR/FCR with 16-byte FIFOs and trigger
 * levels, LCR, MCR with loopback, LSR (DR, OE, THRE, TEMT), MSR with delta bits, SCR.
 * Transmission is instant, so THRE and TEMT always read set. Each port is connected as
 * ukmem.serialN= says (N: 0 for 0x3f8, 1 for 0x2f8, 2 for 0x3e8, 3 for 0x2e8; ports
 * without one follow ukmem.uart_sink=): none (nothing plugged in, the default), stdio
 * (stdout, and stdin), stderr (stderr, and stdin when it is a terminal), file:PATH
 * (appended to, nothing received) or pty (a pseudo-terminal, its path logged).
 * Received bytes are taken from the host without blocking, never more than the receive
 * FIFO has room for: when the driver reads LSR, IIR or RBR, and, while the FIFO has
 * room, as soon as they arrive (a model watch), so a driver gets its receive interrupt.
 * In loopback, THR feeds the receive FIFO; a byte that finds it full is lost and sets
 * OE. The interrupt output (IIR has an interrupt pending, gated by MCR's OUT2 as on a
 * PC) drives IRQ 4 (0x3f8, 0x3e8) or IRQ 3 (0x2f8, 0x2e8). Invariant: the model's state
 * changes only under u->lock. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <linux/printk.h>
#include <linux/types.h>
#include "drivers/model_events.h"
#include "drivers/models.h"
#include "kernel/params.h"

#define UART_RX_TX	0
#define UART_IER	1
#define UART_IIR	2	/* read */
#define UART_FCR	2	/* write */
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5
#define UART_MSR	6
#define UART_SCR	7

#define UART_IER_RDI	0x01
#define UART_IER_THRI	0x02
#define UART_IER_RLSI	0x04
#define UART_IER_MSI	0x08
#define UART_IIR_NO_INT	0x01
#define UART_IIR_MSI	0x00
#define UART_IIR_THRI	0x02
#define UART_IIR_RDI	0x04
#define UART_IIR_RLSI	0x06
#define UART_IIR_RX_TIMEOUT 0x0c
#define UART_IIR_FIFO_ON 0xc0
#define UART_FCR_ENABLE_FIFO 0x01
#define UART_FCR_CLEAR_RCVR 0x02
#define UART_FCR_CLEAR_XMIT 0x04
#define UART_LCR_DLAB	0x80
#define UART_MCR_DTR	0x01
#define UART_MCR_RTS	0x02
#define UART_MCR_OUT1	0x04
#define UART_MCR_OUT2	0x08
#define UART_MCR_LOOP	0x10
#define UART_LSR_DR	0x01
#define UART_LSR_OE	0x02
#define UART_LSR_THRE	0x20
#define UART_LSR_TEMT	0x40
#define UART_MSR_DCTS	0x01
#define UART_MSR_DDSR	0x02
#define UART_MSR_TERI	0x04
#define UART_MSR_DDCD	0x08
#define UART_MSR_CTS	0x10
#define UART_MSR_DSR	0x20
#define UART_MSR_RI	0x40
#define UART_MSR_DCD	0x80

#define UART_FIFO_SIZE	16

enum sink_kind { SINK_NONE, SINK_STDERR, SINK_STDIO, SINK_FILE, SINK_PTY };

struct sink {
	enum sink_kind kind;
	char path[256];
};

#define NR_SERIAL_PARAMS 4
static struct sink default_sink, serial_sinks[NR_SERIAL_PARAMS];
static bool serial_given[NR_SERIAL_PARAMS];
static const unsigned int serial_bases[NR_SERIAL_PARAMS] = { 0x3f8, 0x2f8, 0x3e8, 0x2e8 };

static int parse_sink(const char *v, struct sink *sink)
{
	if (!strcmp(v, "none")) {
		sink->kind = SINK_NONE;
	} else if (!strcmp(v, "stderr")) {
		sink->kind = SINK_STDERR;
	} else if (!strcmp(v, "stdio")) {
		sink->kind = SINK_STDIO;
	} else if (!strcmp(v, "pty")) {
		sink->kind = SINK_PTY;
	} else if (!strncmp(v, "file:", 5) && v[5] && strlen(v + 5) < sizeof(sink->path)) {
		sink->kind = SINK_FILE;
		strcpy(sink->path, v + 5);
	} else {
		return -EINVAL;
	}
	return 0;
}

static int set_uart_sink(const char *v)
{
	return parse_sink(v, &default_sink);
}
UKMEM_SETUP("ukmem.uart_sink=", set_uart_sink, "none");

static int set_serial(unsigned int n, const char *v)
{
	serial_given[n] = *v != 0;
	return *v ? parse_sink(v, &serial_sinks[n]) : 0;
}
static int set_serial0(const char *v) { return set_serial(0, v); }
static int set_serial1(const char *v) { return set_serial(1, v); }
static int set_serial2(const char *v) { return set_serial(2, v); }
static int set_serial3(const char *v) { return set_serial(3, v); }
UKMEM_SETUP("ukmem.serial0=", set_serial0, "");
UKMEM_SETUP("ukmem.serial1=", set_serial1, "");
UKMEM_SETUP("ukmem.serial2=", set_serial2, "");
UKMEM_SETUP("ukmem.serial3=", set_serial3, "");

static const struct sink *sink_for(unsigned int base)
{
	for (unsigned int n = 0; n < NR_SERIAL_PARAMS; n++)
		if (serial_bases[n] == base && serial_given[n])
			return &serial_sinks[n];
	return &default_sink;
}

struct uart_16550 {
	struct ukmem_port_device dev;
	u8 rx_fifo[UART_FIFO_SIZE];
	unsigned int rx_head, rx_count;
	u8 dll, dlm, ier, lcr, mcr, scr, fcr;
	u8 lsr_errors;		/* OE until LSR is read */
	u8 msr_lines;		/* CTS/DSR/RI/DCD as last seen */
	u8 msr_delta;		/* delta bits until MSR is read */
	bool thre_pending;	/* THR-empty interrupt not yet acknowledged */
	int tx_fd, rx_fd;	/* host side; -1 for none */
	bool own_fds;
	int pty_slave;		/* the pseudo-terminal's far end, held open; -1: none */
	bool irq_out;
	int irq;		/* -1: not wired */
	pthread_mutex_t lock;
	struct model_watch watch;	/* rx_fd, while the FIFO has room */
};

static bool fifo_on(struct uart_16550 *u)
{
	return u->fcr & UART_FCR_ENABLE_FIFO;
}

static unsigned int rx_capacity(struct uart_16550 *u)
{
	return fifo_on(u) ? UART_FIFO_SIZE : 1;
}

static unsigned int rx_trigger(struct uart_16550 *u)
{
	static const unsigned int levels[4] = { 1, 4, 8, 14 };

	return fifo_on(u) ? levels[u->fcr >> 6] : 1;
}

static void rx_push(struct uart_16550 *u, u8 byte)
{
	if (u->rx_count == rx_capacity(u)) {
		u->lsr_errors |= UART_LSR_OE;
		if (!fifo_on(u))	/* character mode: the new byte overwrites RBR */
			u->rx_fifo[u->rx_head] = byte;
		return;
	}
	u->rx_fifo[(u->rx_head + u->rx_count) % UART_FIFO_SIZE] = byte;
	u->rx_count++;
}

static u8 rx_pop(struct uart_16550 *u)
{
	u8 byte;

	if (!u->rx_count)
		return u->rx_fifo[u->rx_head];	/* RBR keeps the last byte */
	byte = u->rx_fifo[u->rx_head];
	u->rx_count--;
	if (u->rx_count)
		u->rx_head = (u->rx_head + 1) % UART_FIFO_SIZE;
	return byte;
}

/* Pulls what the host has for us, without blocking, into the free FIFO space. */
static void poll_host(struct uart_16550 *u)
{
	struct pollfd pfd = { .fd = u->rx_fd, .events = POLLIN };
	u8 buf[UART_FIFO_SIZE];
	ssize_t n;

	if (u->rx_fd < 0 || (u->mcr & UART_MCR_LOOP) || u->rx_count == rx_capacity(u))
		return;
	if (poll(&pfd, 1, 0) != 1 || !(pfd.revents & POLLIN))
		return;
	n = read(u->rx_fd, buf, rx_capacity(u) - u->rx_count);
	for (ssize_t i = 0; i < n; i++)
		rx_push(u, buf[i]);
}

static void transmit(struct uart_16550 *u, u8 byte)
{
	byte &= (u8)((1u << (5 + (u->lcr & 3))) - 1);	/* word length 5..8 bits */
	if (u->mcr & UART_MCR_LOOP)
		rx_push(u, byte);
	else if (u->tx_fd >= 0 && write(u->tx_fd, &byte, 1) < 0 && errno != EAGAIN)
		u->tx_fd = -1;
	u->thre_pending = true;
}

/* Modem status inputs: MCR outputs in loopback, a connected host otherwise. */
static u8 modem_lines(struct uart_16550 *u)
{
	u8 mcr = u->mcr;

	if (!(mcr & UART_MCR_LOOP))
		return UART_MSR_DCD | UART_MSR_DSR | UART_MSR_CTS;
	return (mcr & UART_MCR_RTS ? UART_MSR_CTS : 0) | (mcr & UART_MCR_DTR ? UART_MSR_DSR : 0) |
	       (mcr & UART_MCR_OUT1 ? UART_MSR_RI : 0) | (mcr & UART_MCR_OUT2 ? UART_MSR_DCD : 0);
}

static void update_modem_lines(struct uart_16550 *u)
{
	u8 now = modem_lines(u), changed = now ^ u->msr_lines;

	if (changed & UART_MSR_CTS)
		u->msr_delta |= UART_MSR_DCTS;
	if (changed & UART_MSR_DSR)
		u->msr_delta |= UART_MSR_DDSR;
	if (changed & UART_MSR_DCD)
		u->msr_delta |= UART_MSR_DDCD;
	if ((changed & UART_MSR_RI) && !(now & UART_MSR_RI))
		u->msr_delta |= UART_MSR_TERI;
	u->msr_lines = now;
}

static u8 read_lsr(struct uart_16550 *u)
{
	u8 lsr = UART_LSR_THRE | UART_LSR_TEMT;

	poll_host(u);
	if (u->rx_count)
		lsr |= UART_LSR_DR;
	lsr |= u->lsr_errors;
	u->lsr_errors = 0;
	return lsr;
}

/* The highest-priority pending interrupt, as IIR shows it (without acknowledging). */
static u8 pending_iir(struct uart_16550 *u)
{
	if ((u->ier & UART_IER_RLSI) && u->lsr_errors)
		return UART_IIR_RLSI;
	if ((u->ier & UART_IER_RDI) && u->rx_count >= rx_trigger(u))
		return UART_IIR_RDI;
	if ((u->ier & UART_IER_RDI) && u->rx_count)
		return UART_IIR_RX_TIMEOUT;
	if ((u->ier & UART_IER_THRI) && u->thre_pending)
		return UART_IIR_THRI;
	if ((u->ier & UART_IER_MSI) && u->msr_delta)
		return UART_IIR_MSI;
	return UART_IIR_NO_INT;
}

static u8 read_iir(struct uart_16550 *u)
{
	u8 iir;

	poll_host(u);
	iir = pending_iir(u);
	if (iir == UART_IIR_THRI)
		u->thre_pending = false;	/* reading IIR acknowledges THRE */
	return iir | (fifo_on(u) ? UART_IIR_FIFO_ON : 0);
}

/* After every change: the interrupt output and whether host input is watched. */
static void update_irq(struct uart_16550 *u)
{
	bool out = pending_iir(u) != UART_IIR_NO_INT && (u->mcr & UART_MCR_OUT2);

	if (out != u->irq_out) {
		u->irq_out = out;
		if (u->irq >= 0)
			ukmem_irq_set_level((unsigned int)u->irq, out);
	}
	if (u->rx_fd >= 0)
		model_watch_set_active(&u->watch, !(u->mcr & UART_MCR_LOOP) &&
				       u->rx_count < rx_capacity(u));
}

/* Host input arrived (the model events thread). */
static void uart_input_ready(struct model_watch *watch)
{
	struct uart_16550 *u = (struct uart_16550 *)((char *)watch -
						      offsetof(struct uart_16550, watch));

	pthread_mutex_lock(&u->lock);
	poll_host(u);
	update_irq(u);
	pthread_mutex_unlock(&u->lock);
}

static uint32_t uart_read_locked(struct uart_16550 *u, unsigned int offset);

static uint32_t uart_read(struct ukmem_port_device *dev, unsigned int offset, int size)
{
	struct uart_16550 *u = (struct uart_16550 *)dev;
	uint32_t value;

	pthread_mutex_lock(&u->lock);
	value = uart_read_locked(u, offset);
	update_irq(u);
	pthread_mutex_unlock(&u->lock);
	return value;
}

static uint32_t uart_read_locked(struct uart_16550 *u, unsigned int offset)
{
	bool dlab = u->lcr & UART_LCR_DLAB;
	u8 msr;

	switch (offset) {
	case UART_RX_TX:
		if (dlab)
			return u->dll;
		poll_host(u);
		return rx_pop(u);
	case UART_IER:
		return dlab ? u->dlm : u->ier;
	case UART_IIR:
		return read_iir(u);
	case UART_LCR:
		return u->lcr;
	case UART_MCR:
		return u->mcr;
	case UART_LSR:
		return read_lsr(u);
	case UART_MSR:
		update_modem_lines(u);
		msr = u->msr_lines | u->msr_delta;
		u->msr_delta = 0;
		return msr;
	default:
		return u->scr;
	}
}

static void write_fcr(struct uart_16550 *u, u8 value)
{
	if ((value ^ u->fcr) & UART_FCR_ENABLE_FIFO)	/* toggling the enable clears both */
		value |= UART_FCR_CLEAR_RCVR | UART_FCR_CLEAR_XMIT;
	if (value & UART_FCR_CLEAR_RCVR)
		u->rx_count = u->rx_head = 0;
	u->fcr = value & UART_FCR_ENABLE_FIFO ? (value & 0xc1) : 0;
}

static void uart_write_locked(struct uart_16550 *u, unsigned int offset, uint32_t value);

static void uart_write(struct ukmem_port_device *dev, unsigned int offset, int size,
		       uint32_t value)
{
	struct uart_16550 *u = (struct uart_16550 *)dev;

	pthread_mutex_lock(&u->lock);
	uart_write_locked(u, offset, value);
	update_irq(u);
	pthread_mutex_unlock(&u->lock);
}

static void uart_write_locked(struct uart_16550 *u, unsigned int offset, uint32_t value)
{
	bool dlab = u->lcr & UART_LCR_DLAB;

	switch (offset) {
	case UART_RX_TX:
		if (dlab)
			u->dll = value;
		else
			transmit(u, value);
		break;
	case UART_IER:
		if (dlab) {
			u->dlm = value;
			break;
		}
		if ((value & UART_IER_THRI) && !(u->ier & UART_IER_THRI))
			u->thre_pending = true;	/* THR is empty: raise at once */
		u->ier = value & 0x0f;
		break;
	case UART_FCR:
		write_fcr(u, value);
		break;
	case UART_LCR:
		u->lcr = value;
		break;
	case UART_MCR:
		u->mcr = value & 0x1f;
		update_modem_lines(u);
		break;
	case UART_LSR:
	case UART_MSR:
		break;		/* read-only */
	default:
		u->scr = value;
	}
}

/* A pseudo-terminal whose far end is kept open (in raw mode, so nothing echoes) until
 * release: the port reads as connected whether or not anyone has opened it yet. */
static int open_pty(struct uart_16550 *u)
{
	int fd = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	struct termios tio;

	if (fd < 0)
		return -1;
	if (grantpt(fd) || unlockpt(fd) ||
	    (u->pty_slave = open(ptsname(fd), O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0) {
		close(fd);
		return -1;
	}
	if (!tcgetattr(u->pty_slave, &tio)) {
		cfmakeraw(&tio);
		tcsetattr(u->pty_slave, TCSANOW, &tio);
	}
	pr_info("serial: port 0x%x connected to %s\n", u->dev.base, ptsname(fd));
	return fd;
}

static int connect_sink(struct uart_16550 *u)
{
	const struct sink *sink = sink_for(u->dev.base);

	u->tx_fd = u->rx_fd = -1;
	u->own_fds = sink->kind == SINK_FILE || sink->kind == SINK_PTY;
	switch (sink->kind) {
	case SINK_NONE:
		return 0;
	case SINK_STDERR:
		u->tx_fd = STDERR_FILENO;
		u->rx_fd = isatty(STDIN_FILENO) ? STDIN_FILENO : -1;
		return 0;
	case SINK_STDIO:
		u->tx_fd = STDOUT_FILENO;
		u->rx_fd = STDIN_FILENO;
		return 0;
	case SINK_FILE:
		u->tx_fd = open(sink->path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
		break;
	case SINK_PTY:
		u->tx_fd = u->rx_fd = open_pty(u);
		break;
	}
	if (u->tx_fd < 0) {
		pr_err("serial: port 0x%x: cannot open its sink: %s\n", u->dev.base,
		       strerror(errno));
		return -errno;
	}
	return 0;
}

static void uart_release(struct ukmem_port_device *dev)
{
	struct uart_16550 *u = (struct uart_16550 *)dev;

	if (u->rx_fd >= 0)
		model_watch_remove(&u->watch);
	if (u->irq_out && u->irq >= 0)
		ukmem_irq_set_level((unsigned int)u->irq, false);
	if (u->own_fds && u->tx_fd >= 0)
		close(u->tx_fd);
	if (u->pty_slave >= 0)
		close(u->pty_slave);
	free(u);
}

static const struct ukmem_port_device uart_proto = {
	.name = "serial", .nr_ports = 8, .widths = 1,
	.read = uart_read, .write = uart_write, .release = uart_release,
};

struct ukmem_port_device *uart_16550_create(unsigned int base)
{
	struct uart_16550 *u = device_model_alloc(sizeof(*u), &uart_proto, base);

	if (!u)
		return NULL;
	u->dll = 0x0c;		/* 9600 baud, as a BIOS leaves it */
	u->msr_lines = modem_lines(u);
	u->irq = base == 0x3f8 || base == 0x3e8 ? 4 : base == 0x2f8 || base == 0x2e8 ? 3 : -1;
	u->pty_slave = -1;
	pthread_mutex_init(&u->lock, NULL);
	if (connect_sink(u)) {
		free(u);
		return NULL;
	}
	if (u->rx_fd >= 0) {
		u->watch.fd = u->rx_fd;
		u->watch.ready = uart_input_ready;
		u->watch.active = true;
		model_watch_add(&u->watch);
	}
	return &u->dev;
}
