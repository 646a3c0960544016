// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/irq_msi.c: message signalled interrupts. Interrupt numbers NR_IRQS_IOAPIC and
 * up are MSIs: edge triggered, present only between irq_msi_alloc() and irq_msi_free(),
 * each with the vector 0x40 + (number - NR_IRQS_IOAPIC), so a block of 2^k numbers
 * aligned to 2^k has vectors aligned the same way (a multiple-message device puts the
 * message number in the data's low bits). A device's write of the message arrives as
 * ukmem_msi_write(): an edge on the number, remembered while the number is masked or
 * being handled, as for the IO-APIC's edge lines. Invariants: allocation state changes
 * under msi_lock; a descriptor's present flag is set only after it was reset. */
#include <errno.h>
#include <ukmem.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/mutex.h>
#include "kernel/irq_internal.h"
#include "kernel/irq_msi.h"

#define MSI_FIRST_VECTOR	0x40
#define NR_MSI			(NR_IRQS - NR_IRQS_IOAPIC)

static DEFINE_MUTEX(msi_lock);

void irq_msi_reset(void)
{
	for (unsigned int irq = NR_IRQS_IOAPIC; irq < NR_IRQS; irq++)
		irq_descs[irq].present = false;
}

static bool block_free(unsigned int first, unsigned int nvec)
{
	for (unsigned int i = 0; i < nvec; i++)
		if (irq_descs[NR_IRQS_IOAPIC + first + i].present)
			return false;
	return true;
}

int irq_msi_alloc(unsigned int nvec, unsigned long hwirq_base)
{
	int irq = -ENOSPC;

	if (!nvec || nvec > 32 || !is_power_of_2(nvec))
		return -EINVAL;
	mutex_lock(&msi_lock);
	for (unsigned int first = 0; first + nvec <= NR_MSI; first += nvec) {
		if (!block_free(first, nvec))
			continue;
		irq = (int)(NR_IRQS_IOAPIC + first);
		for (unsigned int i = 0; i < nvec; i++) {
			struct irq_desc *desc = &irq_descs[irq + i];
			unsigned long flags;

			raw_spin_lock_irqsave(&desc->lock, flags);
			memset(desc->kstat, 0, sizeof(desc->kstat));
			desc->istate = 0;
			desc->depth = 1;
			desc->irq_count = desc->irqs_unhandled = 0;
			desc->hwirq = hwirq_base + i;
			desc->mask = NULL;
			desc->mask_data = NULL;
			WRITE_ONCE(desc->present, true);
			raw_spin_unlock_irqrestore(&desc->lock, flags);
		}
		break;
	}
	mutex_unlock(&msi_lock);
	return irq;
}

void irq_msi_free(unsigned int irq, unsigned int nvec)
{
	mutex_lock(&msi_lock);
	for (unsigned int i = 0; i < nvec; i++) {
		struct irq_desc *desc = irq_to_desc_checked(irq + i);

		if (desc && desc->msi && !WARN_ON(desc->action)) {
			desc->mask = NULL;
			WRITE_ONCE(desc->present, false);
		}
	}
	mutex_unlock(&msi_lock);
}

void irq_msi_set_mask(unsigned int irq, void (*mask)(void *data, bool masked), void *data)
{
	struct irq_desc *desc = irq_to_desc_checked(irq);

	if (desc && desc->msi) {
		desc->mask_data = data;
		desc->mask = mask;
	}
}

void irq_msi_compose(unsigned int irq, u64 *address, u32 *data)
{
	*address = MSI_ADDRESS_BASE;
	*data = MSI_FIRST_VECTOR + (irq - NR_IRQS_IOAPIC);
}

bool irq_is_msi(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc_checked(irq);

	return desc && desc->msi;
}

/**
 * ukmem_msi_write - a device's message signalled interrupt
 * @address: the address the device writes to
 * @data: the 32-bit data it writes
 *
 * A write into the local APIC's window (0xfee00000-0xfeefffff) with a vector of an
 * allocated MSI raises that interrupt (an edge); anything else is not an interrupt.
 * Context: any (device models call it with their own locks held). Never sleeps.
 * Returns whether the write was an interrupt message.
 */
bool ukmem_msi_write(uint64_t address, uint32_t data)
{
	unsigned int vector = data & 0xff, irq;
	struct irq_desc *desc;
	unsigned long flags;

	if ((address & MSI_ADDRESS_MASK) != MSI_ADDRESS_BASE || data > 0xffff ||
	    vector < MSI_FIRST_VECTOR || vector >= MSI_FIRST_VECTOR + NR_MSI)
		return false;
	irq = NR_IRQS_IOAPIC + vector - MSI_FIRST_VECTOR;
	desc = irq_to_desc_checked(irq);
	if (!desc)
		return true;	/* a vector nobody has: the CPU drops it */
	raw_spin_lock_irqsave(&desc->lock, flags);
	if (desc->action)
		desc->istate |= IRQS_PENDING;
	irq_desc_kick(desc);
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	return true;
}
