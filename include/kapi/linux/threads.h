/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/threads.h: the most CPUs a ukmem machine can have (CONFIG_NR_CPUS). */
#ifndef UKMEM_LINUX_THREADS_H
#define UKMEM_LINUX_THREADS_H

#include <linux/kconfig.h>	/* CONFIG_NR_CPUS (64) */

#define NR_CPUS		CONFIG_NR_CPUS

#endif
