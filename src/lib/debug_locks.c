// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/debug_locks.c: the switch shared by every lock check. debug_locks is 1 from boot
 * until the first lock bug is reported; whoever turns it off reports, later bugs stay
 * silent (one bug, one report, as in Linux). Turning it off also stops lock validation.
 * Each boot turns it on again (src/kernel/lockdep.c). */
#include <linux/debug_locks.h>
#include <linux/lockdep.h>
#include <linux/export.h>

int debug_locks = 1;
EXPORT_SYMBOL_GPL(debug_locks);

/* Nonzero: bugs turn debug_locks off without printing (Linux's locking self-tests). */
int debug_locks_silent;
EXPORT_SYMBOL_GPL(debug_locks_silent);

/**
 * debug_locks_off - turn off lock debugging and lock validation
 *
 * Context: any; lock-free.
 * Return: 1 for the one caller that turned it off while not silent (that caller
 * prints the report), else 0.
 */
int debug_locks_off(void)
{
	if (debug_locks && __debug_locks_off()) {
		__atomic_store_n(&ukmem_lockdep_active, 0, __ATOMIC_RELAXED);
		if (!debug_locks_silent)
			return 1;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(debug_locks_off);
