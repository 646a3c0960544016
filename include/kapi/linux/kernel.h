/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/kernel.h: core helpers every driver expects. Pulls in the system's UAPI
 * <linux/kernel.h> first (glibc's <sys/sysinfo.h> includes it). */
#ifndef UKMEM_LINUX_KERNEL_H
#define UKMEM_LINUX_KERNEL_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include_next <linux/kernel.h>
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/container_of.h>
#include <linux/printk.h>
#include <linux/bug.h>
#include <linux/preempt.h>

#include <linux/minmax.h>
#include <linux/align.h>
#include <linux/bitops.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/sizes.h>
#include <linux/stdarg.h>
#include <linux/kstrtox.h>
#include <linux/math.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(arr)	(sizeof(arr) / sizeof((arr)[0]))
#endif
#define upper_32_bits(n)	((u32)(((n) >> 16) >> 16))
#define lower_32_bits(n)	((u32)((n) & 0xffffffff))

/* lib/vsprintf.c: the kernel's printf and sscanf (docs/printk.md). libc has functions of
 * these names with other rules, so macros bind each to a "ukmem_" function: kernel code
 * calls snprintf() and links to ukmem_snprintf(), the rest of the process keeps libc's.
 * A bare asm label would not do: GCC would still take the calls for libc's and work
 * out results at compile time by C's rules, which differ for %n, "%.s" and "%.0d". The
 * labels keep glibc's <stdio.h>, if included later, from renaming sscanf; "noinline"
 * makes its _FORTIFY_SOURCE wrappers, which would call glibc, fail to compile instead. */
#define sprintf		ukmem_sprintf
#define vsprintf	ukmem_vsprintf
#define snprintf	ukmem_snprintf
#define vsnprintf	ukmem_vsnprintf
#define sscanf		ukmem_sscanf
#define vsscanf		ukmem_vsscanf
#define __ukmem_libc_name(name)	__asm__("ukmem_" #name) __attribute__((__noinline__))
__printf(2, 3) int sprintf(char *buf, const char *fmt, ...) __ukmem_libc_name(sprintf);
__printf(2, 0) int vsprintf(char *buf, const char *fmt, va_list args)
	__ukmem_libc_name(vsprintf);
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...)
	__ukmem_libc_name(snprintf);
__printf(3, 0) int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
	__ukmem_libc_name(vsnprintf);
__printf(3, 4) int scnprintf(char *buf, size_t size, const char *fmt, ...);
__printf(3, 0) int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(2, 3) __malloc char *kasprintf(gfp_t gfp, const char *fmt, ...);
__printf(2, 0) __malloc char *kvasprintf(gfp_t gfp, const char *fmt, va_list args);
__printf(2, 0) const char *kvasprintf_const(gfp_t gfp, const char *fmt, va_list args);
__scanf(2, 3) int sscanf(const char *buf, const char *fmt, ...) __ukmem_libc_name(sscanf);
__scanf(2, 0) int vsscanf(const char *buf, const char *fmt, va_list args)
	__ukmem_libc_name(vsscanf);
int num_to_str(char *buf, int size, unsigned long long num, unsigned int width);
extern bool no_hash_pointers;
int no_hash_pointers_enable(char *str);

/* lib/cmdline.c */
int get_option(char **str, int *pint);
char *get_options(const char *str, int nints, int *ints);
unsigned long long memparse(const char *ptr, char **retptr);
bool parse_option_str(const char *str, const char *option);

/* A sleeping call from atomic context (spinlock held, irqs or preemption disabled,
 * inside an RCU read side) is reported once per call site, as the kernel does. */
void __might_sleep(const char *file, int line);
#define ukmem_sleep_forbidden() \
	(current->preempt_count || current->irqs_off || current->rcu_read_lock_nesting)
#define might_sleep()	do { if (unlikely(ukmem_sleep_forbidden())) \
				__might_sleep(__FILE__, __LINE__); } while (0)
#define might_sleep_if(cond)	do { if (cond) might_sleep(); } while (0)
#define might_resched()	do { } while (0)

/* A sysfs or module parameter mode, checked at compile time as Linux does: octal, no
 * write for others, and no class allowed more than the one before it. */
#define VERIFY_OCTAL_PERMISSIONS(perms)						\
	(BUILD_BUG_ON_ZERO((perms) < 0) +					\
	 BUILD_BUG_ON_ZERO((perms) > 0777) +					\
	 BUILD_BUG_ON_ZERO((((perms) >> 6) & 4) < (((perms) >> 3) & 4)) +	\
	 BUILD_BUG_ON_ZERO((((perms) >> 3) & 4) < ((perms) & 4)) +		\
	 BUILD_BUG_ON_ZERO((((perms) >> 6) & 2) < (((perms) >> 3) & 2)) +	\
	 BUILD_BUG_ON_ZERO((perms) & 2) +					\
	 (perms))

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/kernel.h> brings with it, once this header is complete. */
#include <asm/barrier.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/log2.h>
#endif
#endif
