/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* asm/barrier.h: memory barriers for x86-64 user space. The smp_ variants order memory
 * between threads; the mandatory ones also order device (MMIO) accesses. */
#ifndef UKMEM_ASM_BARRIER_H
#define UKMEM_ASM_BARRIER_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/compiler.h>

#define mb()		__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define rmb()		__atomic_thread_fence(__ATOMIC_ACQUIRE)
#define wmb()		__atomic_thread_fence(__ATOMIC_RELEASE)
#define smp_mb()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_rmb()	__atomic_thread_fence(__ATOMIC_ACQUIRE)
#define smp_wmb()	__atomic_thread_fence(__ATOMIC_RELEASE)
#define dma_rmb()	rmb()
#define dma_wmb()	wmb()
#define smp_mb__before_atomic()	smp_mb()
#define smp_mb__after_atomic()	smp_mb()
#define smp_store_mb(var, value) do { WRITE_ONCE(var, value); smp_mb(); } while (0)
#define smp_store_release(p, v)	__atomic_store_n(p, v, __ATOMIC_RELEASE)
#define smp_load_acquire(p)	__atomic_load_n(p, __ATOMIC_ACQUIRE)

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <asm/barrier.h> brings with it, once this header is complete. */
#include <linux/bits.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/init.h>
#include <linux/linkage.h>
#include <linux/panic.h>
#endif
#endif
