/* drivers/uart_16550.c: a 16550A UART model (8 ports). Registers per the data sheet:
 * RBR/THR and the divisor latch (DLAB), IER, IIR/FCR with 16-byte FIFOs and trigger
 * levels, LCR, MCR with loopback, LSR (DR, OE, THRE, TEMT), MSR with delta bits, SCR.
 * Transmission is instant, so THRE and TEMT always read set. Transmitted bytes go to the
 * host sink chosen by ukmem.uart_sink= (stderr, file:PATH or pty); received bytes are
 * polled without blocking from the same place (stdin when it is a terminal for the
 * stderr sink, the pty master for pty, nothing for a file) when the driver reads LSR or
 * RBR, and never more than the receive FIFO has room for. In loopback, THR feeds the
 * receive FIFO; a byte that finds it full is lost and sets OE. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/printk.h>
#include <linux/types.h>
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

enum sink_kind { SINK_STDERR, SINK_FILE, SINK_PTY };
static enum sink_kind sink_kind;
static char sink_path[256];

static int set_uart_sink(const char *v)
{
	if (!strcmp(v, "stderr")) {
		sink_kind = SINK_STDERR;
	} else if (!strcmp(v, "pty")) {
		sink_kind = SINK_PTY;
	} else if (!strncmp(v, "file:", 5) && v[5] && strlen(v + 5) < sizeof(sink_path)) {
		sink_kind = SINK_FILE;
		strcpy(sink_path, v + 5);
	} else {
		return -EINVAL;
	}
	return 0;
}
UKMEM_SETUP("ukmem.uart_sink=", set_uart_sink, "stderr");

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

/* The highest-priority pending interrupt, as IIR shows it. */
static u8 read_iir(struct uart_16550 *u)
{
	u8 fifo_bits = fifo_on(u) ? UART_IIR_FIFO_ON : 0;

	poll_host(u);
	if ((u->ier & UART_IER_RLSI) && u->lsr_errors)
		return fifo_bits | UART_IIR_RLSI;
	if ((u->ier & UART_IER_RDI) && u->rx_count >= rx_trigger(u))
		return fifo_bits | UART_IIR_RDI;
	if ((u->ier & UART_IER_RDI) && u->rx_count)
		return fifo_bits | UART_IIR_RX_TIMEOUT;
	if ((u->ier & UART_IER_THRI) && u->thre_pending) {
		u->thre_pending = false;	/* reading IIR acknowledges THRE */
		return fifo_bits | UART_IIR_THRI;
	}
	if ((u->ier & UART_IER_MSI) && u->msr_delta)
		return fifo_bits | UART_IIR_MSI;
	return fifo_bits | UART_IIR_NO_INT;
}

static uint32_t uart_read(struct ukmem_port_device *dev, unsigned int offset, int size)
{
	struct uart_16550 *u = (struct uart_16550 *)dev;
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

static void uart_write(struct ukmem_port_device *dev, unsigned int offset, int size,
		       uint32_t value)
{
	struct uart_16550 *u = (struct uart_16550 *)dev;
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

static int open_pty(unsigned int base)
{
	int fd = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (grantpt(fd) || unlockpt(fd)) {
		close(fd);
		return -1;
	}
	pr_info("serial: port 0x%x connected to %s\n", base, ptsname(fd));
	return fd;
}

static int connect_sink(struct uart_16550 *u)
{
	u->tx_fd = u->rx_fd = -1;
	u->own_fds = sink_kind != SINK_STDERR;
	switch (sink_kind) {
	case SINK_STDERR:
		u->tx_fd = STDERR_FILENO;
		u->rx_fd = isatty(STDIN_FILENO) ? STDIN_FILENO : -1;
		return 0;
	case SINK_FILE:
		u->tx_fd = open(sink_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
		break;
	case SINK_PTY:
		u->tx_fd = u->rx_fd = open_pty(u->dev.base);
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

	if (u->own_fds && u->tx_fd >= 0)
		close(u->tx_fd);
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
	if (connect_sink(u)) {
		free(u);
		return NULL;
	}
	return &u->dev;
}
