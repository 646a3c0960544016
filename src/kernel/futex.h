/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* kernel/futex.h: blocking on a 32-bit word in the host kernel, for the sleeping locks
 * and task sleep. futex_wait returns when woken, when *word != expected, on a signal,
 * or (timeout_ns >= 0) after that many nanoseconds: -ETIMEDOUT then, else 0. Callers
 * always re-check their condition. */
#ifndef UKMEM_KERNEL_FUTEX_H
#define UKMEM_KERNEL_FUTEX_H

#include <errno.h>
#include <limits.h>
#include <time.h>
#include <unistd.h>
#include <linux/futex.h>
#include <sys/syscall.h>

static inline int futex_wait(int *word, int expected, long long timeout_ns)
{
	struct timespec ts = { timeout_ns / 1000000000LL, timeout_ns % 1000000000LL };
	long ret = syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, expected,
			   timeout_ns >= 0 ? &ts : NULL, NULL, 0);

	return ret < 0 && errno == ETIMEDOUT ? -ETIMEDOUT : 0;
}

static inline void futex_wake(int *word, int nr)
{
	syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, nr, NULL, NULL, 0);
}

#define futex_wake_all(word)	futex_wake(word, INT_MAX)

#endif
