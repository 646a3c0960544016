/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lib/kobject_uevent.h: the record of uevents sent (lib/kobject_uevent.c). */
#ifndef UKMEM_LIB_KOBJECT_UEVENT_H
#define UKMEM_LIB_KOBJECT_UEVENT_H

#include <stddef.h>

int uevent_log_read(char *buf, size_t size);
void uevent_log_reset(void);

#endif
