/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/random.h: random numbers for kernel code. ukmem draws them from a per-thread
 * generator seeded by the host's getrandom(2) (and reseeded in a child after fork), so
 * they are unpredictable to other processes but not meant as key material; the entropy
 * inputs (add_*_randomness) are accepted and ignored; the pool is always initialised. */
#ifndef UKMEM_LINUX_RANDOM_H
#define UKMEM_LINUX_RANDOM_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/bug.h>
#include <linux/limits.h>

struct notifier_block;

void add_device_randomness(const void *buf, size_t len);
void add_bootloader_randomness(const void *buf, size_t len);
void add_input_randomness(unsigned int type, unsigned int code, unsigned int value);
void add_interrupt_randomness(int irq);
void add_hwgenerator_randomness(const void *buf, size_t len, size_t entropy);
static inline void add_latent_entropy(void) { }
static inline int register_random_vmfork_notifier(struct notifier_block *nb) { return 0; }
static inline int unregister_random_vmfork_notifier(struct notifier_block *nb) { return 0; }

void get_random_bytes(void *buf, size_t len);
u8 get_random_u8(void);
u16 get_random_u16(void);
u32 get_random_u32(void);
u64 get_random_u64(void);
static inline unsigned long get_random_long(void)
{
	return get_random_u64();
}

u32 __get_random_u32_below(u32 ceil);

/* Uniform in [0, ceil); ceil 0 gives 0. */
static inline u32 get_random_u32_below(u32 ceil)
{
	return __get_random_u32_below(ceil);
}

/* Uniform in (floor, U32_MAX]. */
static inline u32 get_random_u32_above(u32 floor)
{
	return floor + 1 + get_random_u32_below(U32_MAX - floor);
}

/* Uniform in [floor, ceil]. */
static inline u32 get_random_u32_inclusive(u32 floor, u32 ceil)
{
	return floor + get_random_u32_below(ceil - floor + 1);
}

#define CANARY_MASK 0xffffffffffffff00UL
static inline unsigned long get_random_canary(void)
{
	return get_random_long() & CANARY_MASK;
}

bool rng_is_initialized(void);
int wait_for_random_bytes(void);

static inline int get_random_bytes_wait(void *buf, size_t nbytes)
{
	int ret = wait_for_random_bytes();

	get_random_bytes(buf, nbytes);
	return ret;
}

#define declare_get_random_var_wait(name, ret_type)				\
	static inline int get_random_ ## name ## _wait(ret_type *out) {	\
		int ret = wait_for_random_bytes();				\
		if (unlikely(ret))						\
			return ret;						\
		*out = get_random_ ## name();					\
		return 0;							\
	}
declare_get_random_var_wait(u8, u8)
declare_get_random_var_wait(u16, u16)
declare_get_random_var_wait(u32, u32)
declare_get_random_var_wait(u64, u32)
declare_get_random_var_wait(long, unsigned long)
#undef declare_get_random_var

#include <linux/prandom.h>

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/random.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/irqflags.h>
#include <linux/irqnr.h>
#include <linux/kernel.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/list.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/numa.h>
#include <linux/overflow.h>
#include <linux/percpu.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time64.h>
#include <linux/tracepoint-defs.h>
#endif
#endif
