/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* ukmem_devices.h: the data sheet of the device models a ukmem machine has -- where a
 * PC-like machine has them and their registers: ukfb (a framebuffer), ukdma (a DMA
 * engine) and the HPET (docs/iomem.md). Drivers and programs may use these names or
 * their own, as a driver copies a data sheet's. */
#ifndef UKMEM_DEVICES_H
#define UKMEM_DEVICES_H

#define UKFB_VRAM_BASE		0xfd000000ULL
#define UKFB_VRAM_SIZE		(16ULL << 20)
#define UKFB_MMIO_BASE		0xfebf0000ULL
#define UKDMA_MMIO_BASE		0xfebf1000ULL
#define HPET_MMIO_BASE		0xfed00000ULL

/* ukfb registers (32-bit) */
#define UKFB_REG_ID		0x00	/* reads UKFB_ID */
#define UKFB_REG_WIDTH		0x04
#define UKFB_REG_HEIGHT		0x08
#define UKFB_REG_STRIDE		0x0c	/* bytes per line */
#define UKFB_REG_FORMAT		0x10
#define UKFB_REG_ENABLE		0x14	/* 1 shows the mode; refused (stays 0) if invalid */
#define UKFB_REG_FRAME		0x18	/* frames shown since enable, at 60 Hz */
#define UKFB_REG_VRAM_SIZE	0x1c
#define UKFB_REG_STATUS		0x20	/* bit 0: the last enable was refused */
#define UKFB_ID			0x554b4642u	/* "UKFB" */
#define UKFB_FORMAT_XRGB8888	0
#define UKFB_FORMAT_RGB565	1
#define UKFB_STATUS_BAD_MODE	0x1

/* ukdma registers: 64-bit addresses (or two 32-bit halves), 32-bit others */
#define UKDMA_REG_SRC		0x00
#define UKDMA_REG_DST		0x08
#define UKDMA_REG_LEN		0x10
#define UKDMA_REG_CONTROL	0x14
#define UKDMA_REG_STATUS	0x18	/* write 1s to clear DONE and ERROR */
#define UKDMA_CTRL_START	0x1
#define UKDMA_CTRL_ADDR24	0x2	/* ISA-style: only the first 16 MiB are reachable */
#define UKDMA_CTRL_IRQ		0x4	/* interrupt (IRQ 16, level) while DONE or ERROR */
#define UKDMA_IRQ		16
#define UKDMA_STATUS_BUSY	0x1
#define UKDMA_STATUS_DONE	0x2
#define UKDMA_STATUS_ERROR	0x4
#define UKDMA_MAX_LEN		(16U << 20)

/* ukdma's PCI function (booted with ukmem.pci=...,ukdma): 00:03.0, the same registers in
 * BAR 0 (4 KiB), the MSI-X table (offset 0) and pending bits (offset 0x800) in BAR 1
 * (4 KiB); INTx pin A (level, while DONE or ERROR is signalled, as IRQ 16 above), or with
 * MSI-X one message when DONE and one when ERROR is signalled. Vendor 0x1234 is QEMU's
 * informal one (edu, std VGA), not assigned by the PCI-SIG; 0x75d0 is no device of QEMU's. */
#define UKDMA_PCI_VENDOR_ID	0x1234
#define UKDMA_PCI_DEVICE_ID	0x75d0
#define UKDMA_PCI_CLASS		0x088000	/* system peripheral, other */
#define UKDMA_PCI_REGS_BAR	0
#define UKDMA_PCI_MSIX_BAR	1
#define UKDMA_PCI_MSIX_DONE	0	/* MSI-X table entries */
#define UKDMA_PCI_MSIX_ERROR	1
#define UKDMA_PCI_MSIX_VECTORS	2

/* ukfb's PCI function (booted with ukmem.pci=...,ukfb, which takes the framebuffer off
 * the platform bus): 00:02.0 with the shape and IDs of QEMU's standard VGA -- BAR 0 the
 * 16 MiB of video memory (32-bit, prefetchable) at UKFB_VRAM_BASE, BAR 2 the register
 * page above at UKFB_MMIO_BASE, where SeaBIOS places them -- and no interrupt. The
 * registers are ukfb's, not the Bochs VBE interface of QEMU's VGA. */
#define UKFB_PCI_VENDOR_ID	0x1234
#define UKFB_PCI_DEVICE_ID	0x1111
#define UKFB_PCI_CLASS		0x030000	/* display controller, VGA compatible */
#define UKFB_PCI_VRAM_BAR	0
#define UKFB_PCI_REGS_BAR	2

/* HPET registers (64-bit; two 32-bit halves also work) */
#define HPET_MMIO_SIZE		0x400
#define HPET_REG_ID		0x000	/* capabilities; period in the high half, fs */
#define HPET_REG_CONFIG		0x010	/* bit 0: counter runs; bit 1: legacy route */
#define HPET_STATUS		0x020	/* level-triggered timers' interrupt status */
#define HPET_REG_COUNTER	0x0f0
#define HPET_Tn_CFG(n)		(0x100 + 0x20 * (n))	/* timer n's configuration */
#define HPET_Tn_CMP(n)		(0x108 + 0x20 * (n))	/* timer n's comparator */
#define HPET_CFG_ENABLE		0x1
#define HPET_CFG_LEGACY		0x2	/* timer 0 on IRQ 0, timer 1 on IRQ 8 */
#define HPET_TN_LEVEL		0x0002
#define HPET_TN_ENABLE		0x0004
#define HPET_TN_PERIODIC	0x0008
#define HPET_TN_PERIODIC_CAP	0x0010
#define HPET_TN_64BIT_CAP	0x0020
#define HPET_TN_SETVAL		0x0040
#define HPET_TN_32BIT		0x0100
#define HPET_TN_ROUTE		0x3e00
#define HPET_TN_ROUTE_SHIFT	9
#define HPET_PERIOD_FS		69841279u	/* 14.318180 MHz */

#endif
