/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tests/helpers/poll.h: waiting, boundedly, for something another thread does. */
#ifndef UKMEM_TEST_POLL_H
#define UKMEM_TEST_POLL_H
#include <stdbool.h>
#include <linux/delay.h>

/* Sleeps in 1 ms steps until *word >= want; false after about 5 s. */
static inline bool poll_until_geq(int *word, int want)
{
	for (int i = 0; i < 5000; i++) {
		if (__atomic_load_n(word, __ATOMIC_ACQUIRE) >= want)
			return true;
		msleep(1);
	}
	return false;
}
#endif
