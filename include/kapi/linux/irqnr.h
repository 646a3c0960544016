/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/irqnr.h: the number of interrupt lines. ukmem's machine has the PC's IO-APIC
 * with 24 pins; nr_irqs is 24 and every line 0..nr_irqs-1 has a descriptor. */
#ifndef UKMEM_LINUX_IRQNR_H
#define UKMEM_LINUX_IRQNR_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#define NR_IRQS_LEGACY	16
#define NR_IRQS		24

extern int nr_irqs;

unsigned int kstat_irqs_cpu(unsigned int irq, int cpu);
unsigned int kstat_irqs_usr(unsigned int irq);

#pragma pop_macro("__UKMEM_INNER")
#endif
