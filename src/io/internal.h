/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* io/internal.h: the I/O layer's side facing the machine: the resource trees come up
 * before any device and go down after the last one is detached. */
#ifndef UKMEM_IO_INTERNAL_H
#define UKMEM_IO_INTERNAL_H

/* Registers the machine's RAM and reserved ranges and the /proc views. */
int ioresources_init(void);
/* Empties both trees and frees regions drivers never released. */
void ioresources_exit(void);
/* Detaches every attached device (calling their release) and frees the bus's slots. */
void portio_detach_all(void);

#endif
