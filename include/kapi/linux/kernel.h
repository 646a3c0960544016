/* linux/kernel.h: core helpers every driver expects. Pulls in the system's UAPI
 * <linux/kernel.h> first (glibc's <sys/sysinfo.h> includes it). */
#ifndef UKMEM_LINUX_KERNEL_H
#define UKMEM_LINUX_KERNEL_H

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

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(arr)	(sizeof(arr) / sizeof((arr)[0]))
#endif
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define DIV_ROUND_DOWN_ULL(ll, d)	((unsigned long long)(ll) / (d))
#define DIV_ROUND_UP_ULL(ll, d)	DIV_ROUND_DOWN_ULL((unsigned long long)(ll) + (d) - 1, (d))
#define DIV_ROUND_CLOSEST(x, d)	(((x) + ((d) / 2)) / (d))
#define roundup(x, y)		((((x) + ((y) - 1)) / (y)) * (y))
#define rounddown(x, y)		((x) - ((x) % (y)))
#define round_up(x, y)		((((x) - 1) | ((typeof(x))(y) - 1)) + 1)
#define round_down(x, y)	((x) & ~((typeof(x))(y) - 1))
#define upper_32_bits(n)	((u32)(((n) >> 16) >> 16))
#define lower_32_bits(n)	((u32)((n) & 0xffffffff))
#define abs_diff(a, b)		({ typeof(a) __a = (a); typeof(b) __b = (b); \
				   __a > __b ? __a - __b : __b - __a; })
#define do_div(n, base)		({ u32 __base = (base); u32 __rem = (u32)((n) % __base); \
				   (n) = (n) / __base; __rem; })
#define SZ_1K	0x00000400
#define SZ_4K	0x00001000
#define SZ_64K	0x00010000
#define SZ_1M	0x00100000
#define SZ_2M	0x00200000
#define SZ_4M	0x00400000
#define SZ_16M	0x01000000
#define SZ_1G	0x40000000

/* A sleeping call from atomic context (spinlock held, irqs or preemption disabled,
 * inside an RCU read side) is reported once per call site, as the kernel does. */
void __might_sleep(const char *file, int line);
#define ukmem_sleep_forbidden() \
	(current->preempt_count || current->irqs_off || current->rcu_read_lock_nesting)
#define might_sleep()	do { if (unlikely(ukmem_sleep_forbidden())) \
				__might_sleep(__FILE__, __LINE__); } while (0)
#define might_sleep_if(cond)	do { if (cond) might_sleep(); } while (0)
#define might_resched()	do { } while (0)

#endif
