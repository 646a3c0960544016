/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* kernel/irq_msi.h: message signalled interrupts, the kernel's side. An MSI is an
 * interrupt number above the IO-APIC's pins with an x86 vector; a device raises it by
 * writing the message -- address 0xfee00000 (the local APIC of CPU 0), data the vector
 * -- which ukmem_msi_write() (include/ukmem.h) turns into an edge on the number. */
#ifndef UKMEM_KERNEL_IRQ_MSI_H
#define UKMEM_KERNEL_IRQ_MSI_H

#include <linux/types.h>

#define MSI_ADDRESS_BASE	0xfee00000ULL	/* x86: the local APIC's message window */
#define MSI_ADDRESS_MASK	0xfff00000ULL

/* Allocates nvec (a power of two, at most 32) consecutive interrupt numbers whose
 * vectors are aligned to nvec, as multiple-message MSI needs; hwirq_base + i is shown
 * for number i in /proc/interrupts. Returns the first number, or -ENOSPC. Sleeps. */
int irq_msi_alloc(unsigned int nvec, unsigned long hwirq_base);
/* Frees numbers from irq_msi_alloc (their handlers must be freed first). */
void irq_msi_free(unsigned int irq, unsigned int nvec);
/* The message that raises irq: the address and the data (the vector). */
void irq_msi_compose(unsigned int irq, u64 *address, u32 *data);
/* Gives MSI irq a mask in its device, called with true or false as the interrupt is
 * shut down or started (see struct irq_desc); irq_msi_free() forgets it. */
void irq_msi_set_mask(unsigned int irq, void (*mask)(void *data, bool masked), void *data);
/* Whether irq is an MSI number allocated now. */
bool irq_is_msi(unsigned int irq);

#endif
