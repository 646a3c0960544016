/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* io/mmio.h: the memory bus -- which device window decodes a physical address. Used by
 * the accessors (io/mmio.c), ioremap (io/ioremap.c) and bus masters such as the DMA
 * engine. Windows never overlap RAM or each other. A window found here stays allocated
 * until shutdown even if its device detaches (dev becomes NULL), so a lookup racing with
 * detach never touches freed memory. */
#ifndef UKMEM_IO_MMIO_H
#define UKMEM_IO_MMIO_H

#include <ukmem.h>
#include <linux/ioport.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>

struct mmio_window {
	struct ukmem_mmio_device *dev;	/* NULL once detached */
	phys_addr_t start, end;		/* [start, end) */
	int memfd;			/* memory window: its file; -1 for registers */
	void *memory;			/* memory window: the device's view */
	arch_spinlock_t lock;		/* serialises register callbacks */
	struct resource res;		/* the window in /proc/iomem */
	struct list_head node;
};

static inline bool mmio_window_is_memory(const struct mmio_window *w)
{
	return w->memfd >= 0;
}

/* The window decoding phys, or NULL. Lock-free, O(log n). */
struct mmio_window *mmio_window_find(phys_addr_t phys);
/* Host-maps the memory-window pages of [phys, phys + size) (page-aligned) at addr, an
 * ioremap area, so plain pointers reach them. 0 or -errno. */
int mmio_map_memory_windows(unsigned long addr, phys_addr_t phys, size_t size);
/* ukmem_mmio_attach() without the /proc/iomem entry: for windows whose resource the
 * kernel's own code registers (a PCI device's BARs are named after the device). */
int mmio_attach_unnamed(struct ukmem_mmio_device *dev);
/* A bus master's access: reads/writes a register window through its callbacks. */
u64 mmio_window_read(struct mmio_window *w, phys_addr_t phys, int size);
void mmio_window_write(struct mmio_window *w, phys_addr_t phys, int size, u64 value);

/* The SIGSEGV handler that explains plain accesses to register windows (io/mmio_fault.c);
 * it passes every other fault on to the handler installed before it. */
int mmio_fault_handler_install(void);
void mmio_fault_handler_remove(void);

/* Boot: the fault handler. Shutdown: frees windows and tables (after mmio_detach_all). */
int mmio_init(void);
void mmio_exit(void);
/* Detaches every MMIO device (the platform's shutdown, before the resource trees go). */
void mmio_detach_all(void);

#endif
