// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/parport_pc.c: a PC parallel port (SPP) model (3 ports: data, status,
 * control) with a loopback plug fitted, so self-test drivers see their own signals:
 * the data register reads back what was written (also with the direction bit set: no
 * bidirectional mode), the control register reads back its low six bits with bits 7-6
 * set, and the status lines follow the plug's wiring -- nStrobe to Select, nAutoFd to
 * PaperOut, nInit to nAck, nSelectIn to Busy and D0 to nError. Status bits 2-0 read 0.
 * With control bit 4 (IRQ enable) set, nAck rising -- the end of an acknowledge pulse,
 * here nInit going high -- pulses IRQ 7 (0x378, 0x3bc) or IRQ 5 (0x278), as the PC's
 * port does. Calls into the model are serialised by the port bus. */
#include <linux/types.h>
#include "drivers/models.h"

#define PARPORT_DATA		0
#define PARPORT_STATUS		1
#define PARPORT_CONTROL		2

#define PARPORT_CONTROL_STROBE	0x01	/* 1 drives the nStrobe pin low */
#define PARPORT_CONTROL_AUTOFD	0x02	/* 1 drives nAutoFd low */
#define PARPORT_CONTROL_INIT	0x04	/* 1 leaves nInit high */
#define PARPORT_CONTROL_SELECT	0x08	/* 1 drives nSelectIn low */
#define PARPORT_CONTROL_IRQ	0x10	/* nAck rising interrupts */
#define PARPORT_STATUS_ERROR	0x08
#define PARPORT_STATUS_SELECT	0x10
#define PARPORT_STATUS_PAPEROUT	0x20
#define PARPORT_STATUS_ACK	0x40
#define PARPORT_STATUS_BUSY	0x80	/* reads the inverse of the Busy pin */

struct parport_pc {
	struct ukmem_port_device dev;
	u8 data, control;
	int irq;		/* -1: not wired */
};

/* Status register as the loopback plug wires the output pins back. */
static u8 plug_status(struct parport_pc *pp)
{
	u8 ctrl = pp->control, status = 0;

	if (!(ctrl & PARPORT_CONTROL_STROBE))
		status |= PARPORT_STATUS_SELECT;
	if (!(ctrl & PARPORT_CONTROL_AUTOFD))
		status |= PARPORT_STATUS_PAPEROUT;
	if (ctrl & PARPORT_CONTROL_INIT)
		status |= PARPORT_STATUS_ACK;
	if (ctrl & PARPORT_CONTROL_SELECT)	/* nSelectIn low -> Busy low -> bit set */
		status |= PARPORT_STATUS_BUSY;
	if (pp->data & 1)
		status |= PARPORT_STATUS_ERROR;
	return status;
}

static uint32_t parport_read(struct ukmem_port_device *dev, unsigned int offset, int size)
{
	struct parport_pc *pp = (struct parport_pc *)dev;

	switch (offset) {
	case PARPORT_DATA:
		return pp->data;
	case PARPORT_STATUS:
		return plug_status(pp);
	default:
		return 0xc0 | (pp->control & 0x3f);
	}
}

static void parport_write(struct ukmem_port_device *dev, unsigned int offset, int size,
			  uint32_t value)
{
	struct parport_pc *pp = (struct parport_pc *)dev;

	if (offset == PARPORT_DATA)
		pp->data = value;
	else if (offset == PARPORT_CONTROL) {
		bool ack_was_high = plug_status(pp) & PARPORT_STATUS_ACK;

		pp->control = value & 0x3f;
		if (!ack_was_high && (plug_status(pp) & PARPORT_STATUS_ACK) &&
		    (pp->control & PARPORT_CONTROL_IRQ) && pp->irq >= 0)
			ukmem_irq_raise((unsigned int)pp->irq);
	}
}

static const struct ukmem_port_device pp_proto = {
	.name = "parport0", .nr_ports = 3, .widths = 1, .read = parport_read, .write = parport_write,
};

struct ukmem_port_device *parport_pc_create(unsigned int base)
{
	struct parport_pc *pp = device_model_alloc(sizeof(*pp), &pp_proto, base);

	if (!pp)
		return NULL;
	pp->control = PARPORT_CONTROL_INIT | PARPORT_CONTROL_SELECT;	/* idle lines */
	pp->irq = base == 0x378 || base == 0x3bc ? 7 : base == 0x278 ? 5 : -1;
	return &pp->dev;
}
