/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* io/internal.h: the I/O layer's side facing the machine: the resource trees come up
 * before any device and go down after the last one is detached. */
#ifndef UKMEM_IO_INTERNAL_H
#define UKMEM_IO_INTERNAL_H

#include <stdbool.h>

struct resource;

/* Registers the machine's RAM and reserved ranges and the /proc views. */
int ioresources_init(void);
/* Empties both trees and frees regions drivers never released. */
void ioresources_exit(void);
/* io/pc_resources.c: the PC's standard ports, System ROM and APIC registers (busy),
 * registered by ioresources_init after the machine's memory. */
void pc_resources_register(void);
/* Whether [start, start + size) named name is one of them, registered in root: a device
 * model at such a range (the PIT, "timer0") sits behind it and adds no resource. */
bool pc_resource_is(const struct resource *root, unsigned long start, unsigned long size,
		    const char *name);
/* Detaches every attached device (calling their release) and frees the bus's slots. */
void portio_detach_all(void);

#endif
