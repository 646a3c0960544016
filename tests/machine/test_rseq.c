// SPDX-License-Identifier: LGPL-2.1-or-later
/* host/rseq.h: a word taken by restartable sequences on its CPU and by atomic takers from
 * elsewhere is held by one of them at a time. The check is a plain (non-atomic)
 * read-modify-write of a counter under the word from every taker: a lost update means two
 * held it at once. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <sched.h>
#include <unistd.h>
#include "host/rseq.h"

/* Moves the calling thread onto host CPU cpu; false if it cannot. */
static bool pin_to(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set) == 0 && sched_getcpu() == cpu;
}

/* The n-th host CPU this process may run on (the last one if there are fewer). */
static int allowed_cpu(int n)
{
	cpu_set_t set;
	int cpu = -1;

	cr_assert_eq(sched_getaffinity(0, sizeof(set), &set), 0);
	for (int c = 0; c < CPU_SETSIZE && n >= 0; c++)
		if (CPU_ISSET(c, &set)) {
			cpu = c;
			n--;
		}
	return cpu;
}

Test(rseq, a_sequence_takes_the_word_only_on_its_own_cpu)
{
	int word = 0, cpu = allowed_cpu(0);

	cr_assert(host_rseq_init(), "the host has no restartable sequences or no membarrier "
		  "for them: the page allocator's lists then use locked instructions");
	cr_assert(pin_to(cpu));
	cr_assert(host_rseq_cpu_trylock(&word, cpu));
	cr_assert_eq(word, 1);
	cr_assert_not(host_rseq_cpu_trylock(&word, cpu), "a taken word is not taken again");
	word = 2;
	cr_assert_not(host_rseq_cpu_trylock(&word, cpu), "nor one taken from elsewhere");
	word = 0;
	cr_assert_not(host_rseq_cpu_trylock(&word, cpu + 1), "nor another CPU's");
	cr_assert_eq(word, 0);
	cr_assert_eq(host_rseq_lock_remote(&word, cpu), 0);
	cr_assert_eq(word, 2);
}

#define LOCAL_THREADS 2
#define LOCAL_TAKES 1000000	/* each, at least, and until the remote taker is done */
#define REMOTE_TAKES 20000

static int word;
static volatile unsigned long counter;
static unsigned long taken[LOCAL_THREADS + 1];
static int remote_done, local_cpu, unpinned, fence_errors;

static void bump(void)
{
	unsigned long v = counter;

	for (int i = 0; i < 8; i++)
		__asm__ __volatile__("" ::: "memory");
	counter = v + 1;
}

static void *local_taker(void *arg)
{
	long id = (long)arg;

	if (!pin_to(local_cpu)) {
		__atomic_fetch_add(&unpinned, 1, __ATOMIC_RELAXED);
		return NULL;
	}
	while (taken[id] < LOCAL_TAKES || !__atomic_load_n(&remote_done, __ATOMIC_RELAXED)) {
		if (!host_rseq_cpu_trylock(&word, local_cpu))
			continue;
		bump();
		taken[id]++;
		__atomic_store_n(&word, 0, __ATOMIC_RELEASE);
	}
	return NULL;
}

static void *remote_taker(void *arg)
{
	(void)arg;
	if (!pin_to(allowed_cpu(1)))
		__atomic_fetch_add(&unpinned, 1, __ATOMIC_RELAXED);
	for (long i = 0; i < REMOTE_TAKES; i++) {
		if (host_rseq_lock_remote(&word, local_cpu))
			fence_errors++;
		bump();
		taken[LOCAL_THREADS]++;
		__atomic_store_n(&word, 0, __ATOMIC_RELEASE);
	}
	__atomic_store_n(&remote_done, 1, __ATOMIC_RELAXED);
	return NULL;
}

Test(rseq, takers_on_the_cpu_and_from_elsewhere_exclude_each_other)
{
	pthread_t t[LOCAL_THREADS + 1];
	unsigned long sum = 0;

	cr_assert(host_rseq_init());
	local_cpu = allowed_cpu(0);
	for (long i = 0; i < LOCAL_THREADS; i++)
		cr_assert_eq(pthread_create(&t[i], NULL, local_taker, (void *)i), 0);
	cr_assert_eq(pthread_create(&t[LOCAL_THREADS], NULL, remote_taker, NULL), 0);
	for (int i = 0; i <= LOCAL_THREADS; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i <= LOCAL_THREADS; i++)
		sum += taken[i];
	cr_assert_eq(unpinned, 0);
	cr_assert_eq(fence_errors, 0);
	cr_assert_geq(taken[0] + taken[1], 2 * LOCAL_TAKES);
	cr_assert_eq(taken[LOCAL_THREADS], REMOTE_TAKES);
	cr_assert_eq(counter, sum, "%lu updates made, %lu kept: two takers held the word at once",
		     sum, counter);
	cr_assert_eq(word, 0);
}
