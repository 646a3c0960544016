/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/timekeeping.h: the clocks. ktime_get() is CLOCK_MONOTONIC, ktime_get_real()
 * CLOCK_REALTIME, ktime_get_boottime() CLOCK_BOOTTIME, ktime_get_raw()
 * CLOCK_MONOTONIC_RAW of the host. */
#ifndef UKMEM_LINUX_TIMEKEEPING_H
#define UKMEM_LINUX_TIMEKEEPING_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/ktime.h>

#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_MONOTONIC_RAW	4
#define CLOCK_REALTIME_COARSE	5
#define CLOCK_MONOTONIC_COARSE	6
#define CLOCK_BOOTTIME		7

/* The host's clock through the C library's vDSO-backed call (no system call). */
int ukmem_host_clock_gettime(int clock, struct __kernel_timespec *ts) __asm__("clock_gettime");

static inline ktime_t ukmem_clock_ktime(int clock)
{
	struct __kernel_timespec ts;

	ukmem_host_clock_gettime(clock, &ts);
	return (ktime_t)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

static inline ktime_t ktime_get(void) { return ukmem_clock_ktime(CLOCK_MONOTONIC); }
static inline ktime_t ktime_get_real(void) { return ukmem_clock_ktime(CLOCK_REALTIME); }
static inline ktime_t ktime_get_boottime(void) { return ukmem_clock_ktime(CLOCK_BOOTTIME); }
static inline ktime_t ktime_get_raw(void) { return ukmem_clock_ktime(CLOCK_MONOTONIC_RAW); }
static inline ktime_t ktime_get_coarse(void) { return ukmem_clock_ktime(CLOCK_MONOTONIC_COARSE); }
static inline u64 ktime_get_ns(void) { return (u64)ktime_get(); }
static inline u64 ktime_get_real_ns(void) { return (u64)ktime_get_real(); }
static inline u64 ktime_get_boottime_ns(void) { return (u64)ktime_get_boottime(); }
static inline u64 ktime_get_raw_ns(void) { return (u64)ktime_get_raw(); }
static inline u64 ktime_get_mono_fast_ns(void) { return ktime_get_ns(); }
static inline time64_t ktime_get_seconds(void) { return ktime_get() / NSEC_PER_SEC; }
static inline time64_t ktime_get_real_seconds(void) { return ktime_get_real() / NSEC_PER_SEC; }
static inline void ktime_get_ts64(struct timespec64 *ts) { *ts = ns_to_timespec64(ktime_get()); }
static inline void ktime_get_real_ts64(struct timespec64 *ts) { *ts = ns_to_timespec64(ktime_get_real()); }

/* The coarse clocks, TAI (UTC + 37 s) and the NMI-safe "fast" accessors. */
#ifndef CLOCK_TAI
#define CLOCK_TAI		11
#endif
static inline ktime_t ktime_get_coarse_real(void) { return ukmem_clock_ktime(CLOCK_REALTIME_COARSE); }
static inline ktime_t ktime_get_coarse_boottime(void) { return ktime_get_boottime(); }
static inline ktime_t ktime_get_clocktai(void) { return ktime_get_real() + 37 * NSEC_PER_SEC; }
static inline ktime_t ktime_get_coarse_clocktai(void) { return ktime_get_coarse_real() + 37 * NSEC_PER_SEC; }
static inline u64 ktime_get_coarse_ns(void) { return (u64)ktime_get_coarse(); }
static inline u64 ktime_get_coarse_real_ns(void) { return (u64)ktime_get_coarse_real(); }
static inline u64 ktime_get_coarse_boottime_ns(void) { return (u64)ktime_get_coarse_boottime(); }
static inline u64 ktime_get_clocktai_ns(void) { return (u64)ktime_get_clocktai(); }
static inline u64 ktime_get_real_fast_ns(void) { return ktime_get_real_ns(); }
static inline u64 ktime_get_boot_fast_ns(void) { return ktime_get_boottime_ns(); }
static inline u64 ktime_get_tai_fast_ns(void) { return ktime_get_clocktai_ns(); }
static inline u64 ktime_get_raw_fast_ns(void) { return ktime_get_raw_ns(); }
static inline time64_t ktime_get_boottime_seconds(void) { return ktime_get_boottime() / NSEC_PER_SEC; }
static inline time64_t ktime_get_clocktai_seconds(void) { return ktime_get_clocktai() / NSEC_PER_SEC; }
static inline void ktime_get_boottime_ts64(struct timespec64 *ts) { *ts = ns_to_timespec64(ktime_get_boottime()); }
static inline void ktime_get_raw_ts64(struct timespec64 *ts) { *ts = ns_to_timespec64(ktime_get_raw()); }
static inline void ktime_get_clocktai_ts64(struct timespec64 *ts) { *ts = ns_to_timespec64(ktime_get_clocktai()); }
static inline void ktime_get_coarse_ts64(struct timespec64 *ts) { *ts = ns_to_timespec64(ktime_get_coarse()); }
static inline void ktime_get_coarse_real_ts64(struct timespec64 *ts) { *ts = ns_to_timespec64(ktime_get_coarse_real()); }
static inline void ktime_get_coarse_boottime_ts64(struct timespec64 *ts) { *ts = ns_to_timespec64(ktime_get_coarse_boottime()); }

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/timekeeping.h> brings with it, once this header is complete. */
#include <linux/errno.h>
#endif
#endif
