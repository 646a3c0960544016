// SPDX-License-Identifier: LGPL-2.1-or-later
/* host/rseq.c: the membarrier half of host/rseq.h: registration at boot and the fence
 * a taker from another CPU issues. */
#include "host/rseq.h"

#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>

/* membarrier(2)'s commands and flag (Linux's uapi numbers). */
#define MEMBARRIER_CMD_QUERY				0
#define MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ		(1 << 7)
#define MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ	(1 << 8)
#define MEMBARRIER_CMD_FLAG_CPU				(1 << 0)

static bool fence_all_cpus;	/* the host refuses MEMBARRIER_CMD_FLAG_CPU */

static int membarrier(int cmd, unsigned int flags, int cpu)
{
	return syscall(SYS_membarrier, cmd, flags, cpu) < 0 ? -errno : 0;
}

static int fence(int cpu)
{
	if (!fence_all_cpus) {
		int err = membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ,
				     MEMBARRIER_CMD_FLAG_CPU, cpu);

		if (err != -EINVAL)
			return err;
		fence_all_cpus = true;
	}
	return membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ, 0, 0);
}

bool host_rseq_init(void)
{
#if HOST_RSEQ_POSSIBLE
	extern const unsigned int __rseq_size;
	int cmds, cpu;

	if (!__rseq_size)
		return false;
	cpu = *(volatile int *)(host_rseq_area() + HOST_RSEQ_CPU_ID);
	if (cpu < 0)	/* glibc's registration failed (e.g. under Valgrind) */
		return false;
	cmds = (int)syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
	if (cmds < 0 || !(cmds & MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ))
		return false;
	if (membarrier(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ, 0, 0))
		return false;
	return fence(cpu) == 0;
#else
	return false;
#endif
}

int host_rseq_fence(int cpu)
{
	int err = fence(cpu);

	/* A forked child's address space may not carry the parent's registration. */
	if (err == -EPERM && !membarrier(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ, 0, 0))
		err = fence(cpu);
	return err;
}

int host_rseq_lock_remote(int *word, int cpu)
{
	int err = 0;

	for (;;) {
		int unlocked = 0;

		if (__atomic_compare_exchange_n(word, &unlocked, 2, false, __ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED)) {
			int e = host_rseq_fence(cpu);

			if (e)
				err = e;
			if (__atomic_load_n(word, __ATOMIC_ACQUIRE) == 2)
				return err;
		}
		while (__atomic_load_n(word, __ATOMIC_RELAXED))
			__builtin_ia32_pause();
	}
}
