// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/siphash.c: SipHash (Aumasson and Bernstein) with c compression and d finalisation
 * rounds: siphash_* is SipHash-2-4, a PRF; hsiphash_* is SipHash-1-3 folded to 32 bits,
 * which is what 64-bit Linux 6.1 computes for its "half" hash (the same outputs for the
 * same key and bytes). Every entry point reduces to one routine over a little-endian
 * byte string: the word forms (siphash_2u64 ...) hash the words' little-endian bytes,
 * exactly as the kernel defines them. */
#include <linux/export.h>
#include <linux/siphash.h>
#include <linux/string.h>

struct sip {
	u64 v0, v1, v2, v3;
};

static inline void sip_rounds(struct sip *s, int n)
{
	while (n--)
		SIPHASH_PERMUTATION(s->v0, s->v1, s->v2, s->v3);
}

static inline u64 load_le64(const u8 *p)
{
	u64 w;

	memcpy(&w, p, sizeof(w));	/* x86-64: little-endian, unaligned loads allowed */
	return w;
}

/* SipHash-c-d of len bytes at p under key (k0, k1). */
static u64 sip_hash(const u8 *p, size_t len, u64 k0, u64 k1, int c, int d)
{
	struct sip s = {
		.v0 = SIPHASH_CONST_0 ^ k0, .v1 = SIPHASH_CONST_1 ^ k1,
		.v2 = SIPHASH_CONST_2 ^ k0, .v3 = SIPHASH_CONST_3 ^ k1,
	};
	u64 last = (u64)len << 56;
	size_t left = len & 7;

	for (const u8 *end = p + (len - left); p != end; p += 8) {
		u64 m = load_le64(p);

		s.v3 ^= m;
		sip_rounds(&s, c);
		s.v0 ^= m;
	}
	for (size_t i = 0; i < left; i++)
		last |= (u64)p[i] << (8 * i);
	s.v3 ^= last;
	sip_rounds(&s, c);
	s.v0 ^= last;
	s.v2 ^= 0xff;
	sip_rounds(&s, d);
	return s.v0 ^ s.v1 ^ s.v2 ^ s.v3;
}

static u64 sip24(const void *data, size_t len, const siphash_key_t *key)
{
	return sip_hash(data, len, key->key[0], key->key[1], 2, 4);
}

static u32 sip13(const void *data, size_t len, const hsiphash_key_t *key)
{
	return (u32)sip_hash(data, len, key->key[0], key->key[1], 1, 3);
}

/**
 * __siphash_aligned - SipHash-2-4 of @len bytes at @data (8-byte aligned)
 * @data: the bytes
 * @len: their number
 * @key: the 128-bit key
 *
 * Context: any. Returns the 64-bit hash. __siphash_unaligned() is the same for any
 * alignment; siphash() in <linux/siphash.h> chooses.
 */
u64 __siphash_aligned(const void *data, size_t len, const siphash_key_t *key)
{
	return sip24(data, len, key);
}
EXPORT_SYMBOL(__siphash_aligned);

/**
 * __siphash_unaligned - SipHash-2-4 of a buffer of any alignment
 * @data: the buffer
 * @len: its length
 * @key: the 128-bit key
 *
 * Context: any context.
 * Return: the 64-bit hash.
 */
u64 __siphash_unaligned(const void *data, size_t len, const siphash_key_t *key)
{
	return sip24(data, len, key);
}
EXPORT_SYMBOL(__siphash_unaligned);

/**
 * siphash_1u64 - SipHash-2-4 of one 64-bit word
 * @a: the word (hashed as its 8 little-endian bytes)
 * @key: the key
 *
 * Context: any. The _2u64/_3u64/_4u64 and _1u32/_3u32 forms hash their words' bytes in
 * order the same way.
 */
u64 siphash_1u64(const u64 a, const siphash_key_t *key)
{
	return sip24(&a, sizeof(a), key);
}
EXPORT_SYMBOL(siphash_1u64);

/**
 * siphash_2u64 - SipHash-2-4 of two 64-bit words
 * @a: the first word
 * @b: the second
 * @key: the key
 *
 * Context: any context.
 * Return: the hash, as siphash() of the words in memory order.
 */
u64 siphash_2u64(const u64 a, const u64 b, const siphash_key_t *key)
{
	const u64 w[] = { a, b };

	return sip24(w, sizeof(w), key);
}
EXPORT_SYMBOL(siphash_2u64);

/**
 * siphash_3u64 - SipHash-2-4 of three 64-bit words
 * @a: the first word
 * @b: the second
 * @c: the third
 * @key: the key
 *
 * Context: any context.
 * Return: the hash.
 */
u64 siphash_3u64(const u64 a, const u64 b, const u64 c, const siphash_key_t *key)
{
	const u64 w[] = { a, b, c };

	return sip24(w, sizeof(w), key);
}
EXPORT_SYMBOL(siphash_3u64);

/**
 * siphash_4u64 - SipHash-2-4 of four 64-bit words
 * @a: the first word
 * @b: the second
 * @c: the third
 * @d: the fourth
 * @key: the key
 *
 * Context: any context.
 * Return: the hash.
 */
u64 siphash_4u64(const u64 a, const u64 b, const u64 c, const u64 d,
		 const siphash_key_t *key)
{
	const u64 w[] = { a, b, c, d };

	return sip24(w, sizeof(w), key);
}
EXPORT_SYMBOL(siphash_4u64);

/**
 * siphash_1u32 - SipHash-2-4 of one 32-bit word
 * @a: the word
 * @key: the key
 *
 * Context: any context.
 * Return: the hash.
 */
u64 siphash_1u32(const u32 a, const siphash_key_t *key)
{
	return sip24(&a, sizeof(a), key);
}
EXPORT_SYMBOL(siphash_1u32);

/**
 * siphash_3u32 - SipHash-2-4 of three 32-bit words
 * @a: the first word
 * @b: the second
 * @c: the third
 * @key: the key
 *
 * Context: any context.
 * Return: the hash.
 */
u64 siphash_3u32(const u32 a, const u32 b, const u32 c, const siphash_key_t *key)
{
	const u32 w[] = { a, b, c };

	return sip24(w, sizeof(w), key);
}
EXPORT_SYMBOL(siphash_3u32);

/**
 * __hsiphash_aligned - the hash-table hash (SipHash-1-3, low 32 bits) of @len bytes
 * @data: the bytes
 * @len: their number
 * @key: the key
 *
 * Context: any. Not a secure PRF. __hsiphash_unaligned() and the hsiphash_Nu32 word forms
 * compute the same over their bytes.
 */
u32 __hsiphash_aligned(const void *data, size_t len, const hsiphash_key_t *key)
{
	return sip13(data, len, key);
}
EXPORT_SYMBOL(__hsiphash_aligned);

/**
 * __hsiphash_unaligned - HalfSipHash of a buffer of any alignment, for hash tables
 * @data: the buffer
 * @len: its length
 * @key: the key
 *
 * On 64-bit machines, as in Linux, this is SipHash-1-3 cut to 32 bits.
 *
 * Context: any context.
 * Return: the 32-bit hash.
 */
u32 __hsiphash_unaligned(const void *data, size_t len, const hsiphash_key_t *key)
{
	return sip13(data, len, key);
}
EXPORT_SYMBOL(__hsiphash_unaligned);

/**
 * hsiphash_1u32 - hsiphash of one 32-bit word
 * @a: the word
 * @key: the key
 *
 * Context: any context.
 * Return: the 32-bit hash.
 */
u32 hsiphash_1u32(const u32 a, const hsiphash_key_t *key)
{
	return sip13(&a, sizeof(a), key);
}
EXPORT_SYMBOL(hsiphash_1u32);

/**
 * hsiphash_2u32 - hsiphash of two 32-bit words
 * @a: the first word
 * @b: the second
 * @key: the key
 *
 * Context: any context.
 * Return: the 32-bit hash.
 */
u32 hsiphash_2u32(const u32 a, const u32 b, const hsiphash_key_t *key)
{
	const u32 w[] = { a, b };

	return sip13(w, sizeof(w), key);
}
EXPORT_SYMBOL(hsiphash_2u32);

/**
 * hsiphash_3u32 - hsiphash of three 32-bit words
 * @a: the first word
 * @b: the second
 * @c: the third
 * @key: the key
 *
 * Context: any context.
 * Return: the 32-bit hash.
 */
u32 hsiphash_3u32(const u32 a, const u32 b, const u32 c, const hsiphash_key_t *key)
{
	const u32 w[] = { a, b, c };

	return sip13(w, sizeof(w), key);
}
EXPORT_SYMBOL(hsiphash_3u32);

/**
 * hsiphash_4u32 - hsiphash of four 32-bit words
 * @a: the first word
 * @b: the second
 * @c: the third
 * @d: the fourth
 * @key: the key
 *
 * Context: any context.
 * Return: the 32-bit hash.
 */
u32 hsiphash_4u32(const u32 a, const u32 b, const u32 c, const u32 d,
		  const hsiphash_key_t *key)
{
	const u32 w[] = { a, b, c, d };

	return sip13(w, sizeof(w), key);
}
EXPORT_SYMBOL(hsiphash_4u32);
