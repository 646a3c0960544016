/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/irqnr.h: the number of interrupt numbers. ukmem's machine has the PC's IO-APIC
 * with 24 pins (interrupts 0-23, always present); numbers 24..nr_irqs-1 are message
 * signalled interrupts (PCI MSI), present while a driver has them allocated. */
#ifndef UKMEM_LINUX_IRQNR_H
#define UKMEM_LINUX_IRQNR_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#define NR_IRQS_LEGACY	16
#define NR_IRQS_IOAPIC	24
#define NR_IRQS		(NR_IRQS_IOAPIC + 64)

extern int nr_irqs;

unsigned int kstat_irqs_cpu(unsigned int irq, int cpu);
unsigned int kstat_irqs_usr(unsigned int irq);

#pragma pop_macro("__UKMEM_INNER")
#endif
