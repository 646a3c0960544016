/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/irqreturn.h: what an interrupt handler returns. A handler returns IRQ_NONE when
 * its device did not interrupt, IRQ_HANDLED when it did, IRQ_WAKE_THREAD to run the
 * action's threaded handler; anything else is reported ("bogus return value"). */
#ifndef UKMEM_LINUX_IRQRETURN_H
#define UKMEM_LINUX_IRQRETURN_H

enum irqreturn {
	IRQ_NONE		= (0 << 0),
	IRQ_HANDLED		= (1 << 0),
	IRQ_WAKE_THREAD		= (1 << 1),
};

typedef enum irqreturn irqreturn_t;
#define IRQ_RETVAL(x)	((x) ? IRQ_HANDLED : IRQ_NONE)

#endif
