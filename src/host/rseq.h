/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* host/rseq.h: per-CPU ownership without a locked instruction, on Linux's restartable
 * sequences (rseq(2), registered for every thread by glibc) and membarrier(2).
 *
 * A word owned per host CPU holds 0 (free), 1 (taken by a thread running on that CPU)
 * or 2 (taken from elsewhere). host_rseq_cpu_trylock() takes it for the calling thread
 * in a restartable sequence: the check that the thread still runs on the CPU, the check
 * that the word is 0 and the store of 1 happen with no preemption, migration or signal
 * in between, or not at all (the kernel sends the thread to the failure path). A
 * thread elsewhere takes the word with an atomic 0 -> 2 followed by host_rseq_fence()
 * on the CPU, which completes or aborts any sequence that CPU was in; if the word then
 * no longer holds 2, a sequence had taken it first and the taker from elsewhere waits
 * and tries again. Takers from elsewhere must be serialised among themselves.
 *
 * Off (host_rseq_init() false) when the host has no rseq or no membarrier for rseq, in
 * ThreadSanitizer builds (the sequence is invisible to it) and off x86-64; callers then
 * use atomic locks for every taker. */
#ifndef UKMEM_HOST_RSEQ_H
#define UKMEM_HOST_RSEQ_H

#include <stdbool.h>
#include <stddef.h>
#include "host/host.h"

#if defined(__x86_64__) && !defined(__SANITIZE_THREAD__)
#define HOST_RSEQ_POSSIBLE 1
#else
#define HOST_RSEQ_POSSIBLE 0
#endif

/* True when restartable sequences and the membarrier that goes with them work for this
 * process; registers the process for that membarrier. Called once at boot. */
bool host_rseq_init(void);

/* Completes or aborts the restartable sequence the host CPU cpu may be running (one
 * membarrier); re-registers after a fork if needed. 0, or -errno. */
int host_rseq_fence(int cpu);

/* Takes *word (0 -> 2) from any thread, waiting while a thread on host CPU cpu or another
 * taker holds it: marks it, fences cpu, and starts again if a sequence took it first.
 * Callers serialise takers from elsewhere among themselves. Returns 0, or the fence's
 * -errno (the word is taken all the same, without the fence's guarantee). */
int host_rseq_lock_remote(int *word, int cpu);

#if HOST_RSEQ_POSSIBLE
/* Takes *word (0 -> 1) if the calling thread runs on host CPU cpu and *word is 0, as
 * one restartable sequence. False if the word is taken, the thread runs elsewhere, has
 * no rseq area, or the sequence was interrupted. The store has release-free plain
 * semantics: the caller's later accesses to what the word guards cannot move above it
 * (x86-64 keeps stores in order, and the asm is a compiler barrier). */
static inline bool host_rseq_cpu_trylock(int *word, int cpu)
{
	char *area = host_rseq_area();

	__asm__ __volatile__ goto(
		".pushsection __rseq_cs, \"aw\"\n\t"
		".balign 32\n\t"
		"3:\n\t"
		".long 0, 0\n\t"			/* version, flags */
		".quad 1f, (2f - 1f), 4f\n\t"		/* start, post-commit offset, abort */
		".popsection\n\t"
		"leaq 3b(%%rip), %%rax\n\t"
		"movq %%rax, %[cs]\n\t"
		"1:\n\t"
		"cmpl %[cpu], %[cpu_id]\n\t"
		"jnz %l[fail]\n\t"
		"cmpl $0, %[word]\n\t"
		"jnz %l[fail]\n\t"
		"movl $1, %[word]\n\t"			/* the commit */
		"2:\n\t"
		".pushsection __rseq_failure, \"ax\"\n\t"
		".long 0x53053053\n\t"			/* RSEQ_SIG, as glibc registers it */
		"4:\n\t"
		"jmp %l[fail]\n\t"
		".popsection\n\t"
		:
		: [cs] "m" (*(unsigned long *)(area + HOST_RSEQ_CS)),
		  [cpu_id] "m" (*(unsigned int *)(area + HOST_RSEQ_CPU_ID)),
		  [cpu] "r" (cpu), [word] "m" (*word)
		: "memory", "cc", "rax"
		: fail);
	return true;
fail:
	return false;
}
#else
static inline bool host_rseq_cpu_trylock(int *word, int cpu)
{
	(void)word;
	(void)cpu;
	return false;
}
#endif

#endif
