/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* drivers/model_clock.h: the clock that the timekeeping device models (the CMOS RTC and
 * the i8254 PIT) read. By default it is the host's clock_gettime(); a test may install
 * its own clock to step a model through time exactly, without depending on how the
 * process is scheduled. */
#ifndef UKMEM_DRIVERS_MODEL_CLOCK_H
#define UKMEM_DRIVERS_MODEL_CLOCK_H

#include <stdbool.h>
#include <time.h>

typedef void (*model_clock_fn)(clockid_t id, struct timespec *ts);

/* The time on clock id (CLOCK_REALTIME or CLOCK_MONOTONIC) as the models see it. */
void model_clock_get(clockid_t id, struct timespec *ts);

/* Makes every model read fn instead of the host's clocks; NULL restores the host's.
 * Install it before booting the machine (or while no model is being accessed). */
void model_clock_set(model_clock_fn fn);

/* Whether the models read the host's clocks (no clock installed). */
bool model_clock_is_host(void);

#endif
