/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/jump_label.h: static keys, as Linux 6.1 declares them. Linux patches a jump into
 * the code when a key changes; ukmem reads the key's count instead (what Linux does
 * without CONFIG_JUMP_LABEL), so a branch costs one load and a test. A key is enabled
 * while its count is above zero; static_branch_likely/unlikely only hint the compiler.
 * Invariant: enabled stays 0 or 1 under static_key_enable/disable, counts up and down
 * under static_key_slow_inc/dec. */
#ifndef UKMEM_LINUX_JUMP_LABEL_H
#define UKMEM_LINUX_JUMP_LABEL_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/atomic.h>

struct static_key {
	atomic_t enabled;
};
struct static_key_true {
	struct static_key key;
};
struct static_key_false {
	struct static_key key;
};

#define STATIC_KEY_INIT_TRUE	{ .enabled = ATOMIC_INIT(1) }
#define STATIC_KEY_INIT_FALSE	{ .enabled = ATOMIC_INIT(0) }
#define STATIC_KEY_TRUE_INIT	(struct static_key_true) { .key = STATIC_KEY_INIT_TRUE }
#define STATIC_KEY_FALSE_INIT	(struct static_key_false) { .key = STATIC_KEY_INIT_FALSE }

#define DEFINE_STATIC_KEY_TRUE(name)	struct static_key_true name = STATIC_KEY_TRUE_INIT
#define DEFINE_STATIC_KEY_FALSE(name)	struct static_key_false name = STATIC_KEY_FALSE_INIT
#define DECLARE_STATIC_KEY_TRUE(name)	extern struct static_key_true name
#define DECLARE_STATIC_KEY_FALSE(name)	extern struct static_key_false name
#define DEFINE_STATIC_KEY_TRUE_RO(name)		DEFINE_STATIC_KEY_TRUE(name)
#define DEFINE_STATIC_KEY_FALSE_RO(name)	DEFINE_STATIC_KEY_FALSE(name)
/* A key that starts true when the (boolean) configuration option cfg is set. */
#define DEFINE_STATIC_KEY_MAYBE(cfg, name)					\
	__PASTE(_DEFINE_STATIC_KEY_, IS_BUILTIN(cfg))(name)
#define _DEFINE_STATIC_KEY_1(name)	DEFINE_STATIC_KEY_TRUE(name)
#define _DEFINE_STATIC_KEY_0(name)	DEFINE_STATIC_KEY_FALSE(name)
#define DECLARE_STATIC_KEY_MAYBE(cfg, name)					\
	__PASTE(_DECLARE_STATIC_KEY_, IS_BUILTIN(cfg))(name)
#define _DECLARE_STATIC_KEY_1(name)	DECLARE_STATIC_KEY_TRUE(name)
#define _DECLARE_STATIC_KEY_0(name)	DECLARE_STATIC_KEY_FALSE(name)

static __always_inline int static_key_count(struct static_key *key)
{
	return atomic_read(&key->enabled);
}
static __always_inline bool static_key_false(struct static_key *key)
{
	return unlikely(static_key_count(key) > 0);
}
static __always_inline bool static_key_true(struct static_key *key)
{
	return likely(static_key_count(key) > 0);
}

/* Any of the three key types. */
#define static_key_enabled(x)	(static_key_count(&(x)->key) > 0)
#define static_branch_likely(x)		likely(static_key_enabled(x))
#define static_branch_unlikely(x)	unlikely(static_key_enabled(x))
#define static_branch_maybe(cfg, x)						\
	(IS_ENABLED(cfg) ? static_branch_likely(x) : static_branch_unlikely(x))

static inline void static_key_slow_inc(struct static_key *key)
{
	atomic_inc(&key->enabled);
}
static inline void static_key_slow_dec(struct static_key *key)
{
	atomic_dec(&key->enabled);
}
static inline void static_key_enable(struct static_key *key)
{
	atomic_set(&key->enabled, 1);
}
static inline void static_key_disable(struct static_key *key)
{
	atomic_set(&key->enabled, 0);
}
#define static_branch_inc(x)		static_key_slow_inc(&(x)->key)
#define static_branch_dec(x)		static_key_slow_dec(&(x)->key)
#define static_branch_enable(x)		static_key_enable(&(x)->key)
#define static_branch_disable(x)	static_key_disable(&(x)->key)
#define static_branch_enable_cpuslocked(x)	static_branch_enable(x)
#define static_branch_disable_cpuslocked(x)	static_branch_disable(x)

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/jump_label.h> brings with it, once this header is complete. */
#include <linux/bug.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#endif
#endif
