/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* drivers/models.h: the shipped device models. Each create() returns a device ready for
 * ukmem_port_attach() at the given base port (its release frees it), or NULL. */
#ifndef UKMEM_DRIVERS_MODELS_H
#define UKMEM_DRIVERS_MODELS_H

#include <stdbool.h>
#include <stddef.h>
#include <ukmem.h>

/* Allocates a zeroed model of size bytes that starts with its ukmem_port_device, a copy
 * of proto placed at base; without a release of its own, release frees it. NULL when
 * out of memory. */
void *device_model_alloc(size_t size, const struct ukmem_port_device *proto,
			 unsigned int base);

struct ukmem_port_device *uart_16550_create(unsigned int base);
struct ukmem_port_device *rtc_cmos_create(unsigned int base);
struct ukmem_port_device *pit_i8254_create(unsigned int base);
struct ukmem_port_device *parport_pc_create(unsigned int base);

/* Whether the HPET's legacy replacement route (LEG_RT_CNF) has taken IRQ 0 and IRQ 8
 * from the PIT and the RTC (drivers/hpet.c). */
bool hpet_legacy_route(void);

#endif
