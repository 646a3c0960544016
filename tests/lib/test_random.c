// SPDX-License-Identifier: LGPL-2.1-or-later
/* linux/random.h and linux/prandom.h: the seeded generator gives Linux 6.1's sequence
 * (lib/random32.c's self-test vectors), bounded draws stay in range and cover it, the
 * bytes look random, and a child after fork does not repeat its parent's numbers. */
#include <criterion/criterion.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/prandom.h>

/* random32.c's self-test seeding: a small LCG fills the four words. */
static void selftest_seed(struct rnd_state *s, u32 seed)
{
	s->s1 = __seed(seed * 69069U, 2U);
	s->s2 = __seed(s->s1 * 69069U, 8U);
	s->s3 = __seed(s->s2 * 69069U, 16U);
	s->s4 = __seed(s->s3 * 69069U, 128U);
	for (int i = 0; i < 10; i++)
		prandom_u32_state(s);
}

Test(prandom, linux_self_test_vectors)
{
	static const struct { u32 seed, result; } once[] = {
		{ 1U, 3484351685U }, { 2U, 2623130059U }, { 3U, 3125133893U }, { 4U, 984847254U },
	};
	static const struct { u32 seed, iteration, result; } many[] = {
		{ 931557656U, 959U, 2975593782U },
		{ 1339693295U, 876U, 3887776532U },
		{ 407983964U, 921U, 728767059U },
	};
	struct rnd_state s;

	for (size_t i = 0; i < ARRAY_SIZE(once); i++) {
		selftest_seed(&s, once[i].seed);
		cr_assert_eq(prandom_u32_state(&s), once[i].result);
	}
	for (size_t i = 0; i < ARRAY_SIZE(many); i++) {
		u32 v = 0;

		selftest_seed(&s, many[i].seed);
		for (u32 j = 0; j < many[i].iteration; j++)
			v = prandom_u32_state(&s);
		cr_assert_eq(v, many[i].result);
	}
}

Test(prandom, seed_state_and_bytes_are_reproducible)
{
	struct rnd_state a, b;
	u8 buf[11];
	u32 w0, w1, w2;

	prandom_seed_state(&a, 0x123456789abcdefULL);
	prandom_seed_state(&b, 0x123456789abcdefULL);
	prandom_bytes_state(&a, buf, sizeof(buf));
	w0 = prandom_u32_state(&b);
	w1 = prandom_u32_state(&b);
	w2 = prandom_u32_state(&b);
	cr_assert_eq(memcmp(buf, &w0, 4), 0);
	cr_assert_eq(memcmp(buf + 4, &w1, 4), 0);
	cr_assert_eq(memcmp(buf + 8, &w2, 3), 0, "a tail takes the low bytes");
	prandom_seed_state(&a, 0);
	cr_assert_geq(a.s4, 128u, "small seeds are raised");
	cr_assert_eq(next_pseudo_random32(1), 1664525u + 1013904223u);
}

Test(random, bounded_draws_cover_their_range)
{
	int seen[10] = { 0 };

	for (int i = 0; i < 10000; i++) {
		u32 v = get_random_u32_below(10);

		cr_assert_lt(v, 10u);
		seen[v]++;
	}
	for (int i = 0; i < 10; i++)
		cr_assert_gt(seen[i], 800, "value %d drawn %d times of 10000", i, seen[i]);
	cr_assert_eq(get_random_u32_below(0), 0u);
	cr_assert_eq(get_random_u32_below(1), 0u);
	cr_assert_eq(prandom_u32_max(1), 0u);
	for (int i = 0; i < 1000; i++) {
		u32 v = get_random_u32_inclusive(5, 7), w = get_random_u32_above(0xfffffffdu);

		cr_assert(v >= 5 && v <= 7);
		cr_assert(w >= 0xfffffffeu);
	}
	cr_assert_eq(get_random_canary() & 0xff, 0ul);
}

Test(random, bytes_look_random)
{
	u8 buf[4096 + 3];
	int ones = 0, differ = 0;
	u64 a = get_random_u64(), b = get_random_u64();

	memset(buf, 0, sizeof(buf));
	get_random_bytes(buf, sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		ones += __builtin_popcount(buf[i]);
	cr_assert(ones > 16000 && ones < 16900, "%d of 32792 bits set", ones);
	cr_assert_neq(a, b);
	for (int i = 0; i < 100; i++)
		differ += get_random_u32() != get_random_u32();
	cr_assert_gt(differ, 95);
	cr_assert(rng_is_initialized());
	cr_assert_eq(wait_for_random_bytes(), 0);
	cr_assert_eq(get_random_bytes_wait(buf, 8), 0);
	(void)get_random_u8();
	(void)get_random_u16();
	(void)get_random_long();
}

Test(random, child_after_fork_gets_a_new_stream)
{
	int pipefd[2];
	u64 parent[4], child[4];
	pid_t pid;

	(void)get_random_u64();		/* seed this thread before the fork */
	cr_assert_eq(pipe(pipefd), 0);
	pid = fork();
	if (pid == 0) {
		for (int i = 0; i < 4; i++)
			child[i] = get_random_u64();
		_exit(write(pipefd[1], child, sizeof(child)) == sizeof(child) ? 0 : 1);
	}
	for (int i = 0; i < 4; i++)
		parent[i] = get_random_u64();
	cr_assert_eq(read(pipefd[0], child, sizeof(child)), (ssize_t)sizeof(child));
	waitpid(pid, NULL, 0);
	cr_assert_neq(memcmp(parent, child, sizeof(child)), 0);
}
