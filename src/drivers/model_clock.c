// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/model_clock.c: the clock the timekeeping device models read (see
 * model_clock.h). Invariant: model_clock_get() gives the installed clock's time if one
 * is installed, the host's clock_gettime() otherwise. */
#include "drivers/model_clock.h"

static model_clock_fn installed_clock;

void model_clock_get(clockid_t id, struct timespec *ts)
{
	model_clock_fn fn = __atomic_load_n(&installed_clock, __ATOMIC_ACQUIRE);

	if (fn)
		fn(id, ts);
	else
		clock_gettime(id, ts);
}

void model_clock_set(model_clock_fn fn)
{
	__atomic_store_n(&installed_clock, fn, __ATOMIC_RELEASE);
}

bool model_clock_is_host(void)
{
	return !__atomic_load_n(&installed_clock, __ATOMIC_ACQUIRE);
}
