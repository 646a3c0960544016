// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/random32.c and drivers/char/random.c, for ukmem: get_random_* from a per-thread
 * xoshiro256** generator seeded with 32 bytes of getrandom(2), reseeded after 1 MiB of
 * output and in the child after fork (a generation count bumped by a pthread_atfork
 * handler, so parent and child never share a stream); and the kernel's seeded
 * Tausworthe generator for prandom_*_state. The host's entropy stands in for the
 * kernel's pool, which is therefore always ready. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <linux/random.h>
#include <linux/prandom.h>
#include <linux/export.h>

#define RESEED_BYTES	(1u << 20)

struct thread_rng {
	u64 s[4];
	unsigned long generation;	/* fork_generation when seeded */
	size_t output;			/* bytes given out since */
	bool seeded;
};

static __thread struct thread_rng rng;
static unsigned long fork_generation;
static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;

static void rng_after_fork_child(void)
{
	__atomic_add_fetch(&fork_generation, 1, __ATOMIC_RELAXED);
}

static void rng_register_atfork(void)
{
	pthread_atfork(NULL, NULL, rng_after_fork_child);
}

static void host_entropy(void *buf, size_t len)
{
	u8 *p = buf;

	while (len) {
		ssize_t got = getrandom(p, len, 0);

		if (got < 0) {
			if (errno == EINTR)
				continue;
			abort();	/* no entropy source: nothing sane to fall back on */
		}
		p += got;
		len -= (size_t)got;
	}
}

static void rng_seed(struct thread_rng *r)
{
	pthread_once(&atfork_once, rng_register_atfork);
	do {
		host_entropy(r->s, sizeof(r->s));
	} while (!(r->s[0] | r->s[1] | r->s[2] | r->s[3]));
	r->generation = __atomic_load_n(&fork_generation, __ATOMIC_RELAXED);
	r->output = 0;
	r->seeded = true;
}

static inline u64 rotl64(u64 x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static u64 rng_next(void)
{
	struct thread_rng *r = &rng;
	u64 result, t;

	if (unlikely(!r->seeded || r->output >= RESEED_BYTES ||
		     r->generation != __atomic_load_n(&fork_generation, __ATOMIC_RELAXED)))
		rng_seed(r);
	r->output += sizeof(u64);
	result = rotl64(r->s[1] * 5, 7) * 9;
	t = r->s[1] << 17;
	r->s[2] ^= r->s[0];
	r->s[3] ^= r->s[1];
	r->s[1] ^= r->s[2];
	r->s[0] ^= r->s[3];
	r->s[2] ^= t;
	r->s[3] = rotl64(r->s[3], 45);
	return result;
}

/**
 * get_random_bytes - fill a buffer with random bytes
 * @buf: the buffer
 * @len: its length
 *
 * Context: any; never sleeps (the pool is always initialised).
 */
void get_random_bytes(void *buf, size_t len)
{
	u8 *p = buf;

	while (len >= sizeof(u64)) {
		u64 v = rng_next();

		memcpy(p, &v, sizeof(v));
		p += sizeof(v);
		len -= sizeof(v);
	}
	if (len) {
		u64 v = rng_next();

		memcpy(p, &v, len);
	}
}
EXPORT_SYMBOL(get_random_bytes);

/**
 * get_random_u64 - a random 64-bit number
 * ukmem draws from a per-thread generator seeded (and reseeded) from the host's
 * getrandom(); it is not meant for cryptography, where Linux's ChaCha20 output is.
 *
 * Context: any context; takes no lock.
 * Return: the number.
 */
u64 get_random_u64(void) { return rng_next(); }
EXPORT_SYMBOL(get_random_u64);
/**
 * get_random_u32 - a random 32-bit number
 * Context: any context; takes no lock.
 * Return: the number (see get_random_u64() for where it comes from).
 */
u32 get_random_u32(void) { return (u32)(rng_next() >> 32); }
EXPORT_SYMBOL(get_random_u32);
/**
 * get_random_u16 - a random 16-bit number
 * Context: any context; takes no lock.
 * Return: the number.
 */
u16 get_random_u16(void) { return (u16)(rng_next() >> 48); }
EXPORT_SYMBOL(get_random_u16);
/**
 * get_random_u8 - a random byte
 * Context: any context; takes no lock.
 * Return: the byte.
 */
u8 get_random_u8(void) { return (u8)(rng_next() >> 56); }
EXPORT_SYMBOL(get_random_u8);

/**
 * __get_random_u32_below - a uniform random number in [0, ceil)
 * @ceil: the bound; 0 gives 0 (as in Linux)
 *
 * Context: any. Multiply-and-shift with rejection of the few values that would make
 * the result non-uniform (Lemire's method).
 */
u32 __get_random_u32_below(u32 ceil)
{
	u64 mult;

	if (ceil <= 1)
		return 0;
	mult = (u64)ceil * get_random_u32();
	if (unlikely((u32)mult < ceil)) {
		u32 bound = -ceil % ceil;

		while (unlikely((u32)mult < bound))
			mult = (u64)ceil * get_random_u32();
	}
	return (u32)(mult >> 32);
}
EXPORT_SYMBOL(__get_random_u32_below);

/**
 * rng_is_initialized - whether the random generator is seeded
 * Context: any context.
 * Return: true: ukmem's generator is seeded from the host at first use.
 */
bool rng_is_initialized(void) { return true; }
EXPORT_SYMBOL(rng_is_initialized);
/**
 * wait_for_random_bytes - wait until the random generator is seeded
 * Context: process context; never waits in ukmem.
 * Return: 0.
 */
int wait_for_random_bytes(void) { return 0; }
EXPORT_SYMBOL(wait_for_random_bytes);

/**
 * add_device_randomness - mix device data into the random pool
 * @buf: the data
 * @len: its length
 *
 * ukmem's entropy comes from the host, so the data is accepted and ignored.
 *
 * Context: any context.
 */
void add_device_randomness(const void *buf, size_t len) { (void)buf; (void)len; }
EXPORT_SYMBOL(add_device_randomness);
void add_bootloader_randomness(const void *buf, size_t len) { (void)buf; (void)len; }
/**
 * add_input_randomness - credit an input event's timing as entropy
 * @type: the event type
 * @code: its code
 * @value: its value
 *
 * Accepted and ignored: the host provides ukmem's entropy.
 *
 * Context: any context.
 */
void add_input_randomness(unsigned int type, unsigned int code, unsigned int value)
{
	(void)type; (void)code; (void)value;
}
EXPORT_SYMBOL_GPL(add_input_randomness);
/**
 * add_interrupt_randomness - credit an interrupt's timing as entropy
 * @irq: the line
 *
 * Accepted and ignored: the host provides ukmem's entropy.
 *
 * Context: hardirq context (any context in ukmem).
 */
void add_interrupt_randomness(int irq) { (void)irq; }
EXPORT_SYMBOL_GPL(add_interrupt_randomness);
/**
 * add_hwgenerator_randomness - feed a hardware RNG's output into the pool
 * @buf: the data
 * @len: its length
 * @entropy: the bits of entropy it carries
 *
 * Accepted and ignored: the host provides ukmem's entropy. Linux 6.1 may sleep here to
 * pace the generator; ukmem never does.
 *
 * Context: process context.
 */
void add_hwgenerator_randomness(const void *buf, size_t len, size_t entropy)
{
	(void)buf; (void)len; (void)entropy;
}
EXPORT_SYMBOL_GPL(add_hwgenerator_randomness);

/* One step of a Tausworthe component: shift parameters a, b, d and mask c. */
static inline u32 taus_step(u32 s, unsigned int a, unsigned int b, u32 c, unsigned int d)
{
	return ((s & c) << d) ^ (((s << a) ^ s) >> b);
}

/**
 * prandom_u32_state - next value of a seeded pseudo-random sequence
 * @state: seeded by prandom_seed_state
 *
 * Context: any; the caller serialises use of @state. Same sequence as Linux 6.1.
 */
u32 prandom_u32_state(struct rnd_state *state)
{
	state->s1 = taus_step(state->s1, 6, 13, 0xfffffffeu, 18);
	state->s2 = taus_step(state->s2, 2, 27, 0xfffffff8u, 2);
	state->s3 = taus_step(state->s3, 13, 21, 0xfffffff0u, 7);
	state->s4 = taus_step(state->s4, 3, 12, 0xffffff80u, 13);
	return state->s1 ^ state->s2 ^ state->s3 ^ state->s4;
}
EXPORT_SYMBOL(prandom_u32_state);

/**
 * prandom_bytes_state - fill a buffer from a seeded pseudo-random sequence
 * @state: seeded by prandom_seed_state
 * @buf: the buffer
 * @nbytes: its length
 *
 * Context: any. Whole values are stored little-endian, a tail takes the low bytes of
 * one more value, so the bytes match Linux's for the same seed.
 */
void prandom_bytes_state(struct rnd_state *state, void *buf, size_t nbytes)
{
	u8 *p = buf;

	while (nbytes >= sizeof(u32)) {
		u32 v = prandom_u32_state(state);

		memcpy(p, &v, sizeof(v));
		p += sizeof(v);
		nbytes -= sizeof(v);
	}
	if (nbytes) {
		u32 v = prandom_u32_state(state);

		for (; nbytes; nbytes--, v >>= 8)
			*p++ = (u8)v;
	}
}
EXPORT_SYMBOL(prandom_bytes_state);
