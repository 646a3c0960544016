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

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(arr)	(sizeof(arr) / sizeof((arr)[0]))
#endif
#define __ALIGN_KERNEL_MASK(x, mask)	(((x) + (mask)) & ~(mask))
#ifndef ALIGN
#define ALIGN(x, a)		__ALIGN_KERNEL_MASK(x, (typeof(x))(a) - 1)
#endif
#define ALIGN_DOWN(x, a)	((x) & ~((typeof(x))(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((typeof(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define round_up(x, y)		((((x) - 1) | ((typeof(x))(y) - 1)) + 1)
#define round_down(x, y)	((x) & ~((typeof(x))(y) - 1))
#ifndef min
#define min(a, b)	({ typeof(a) _a = (a); typeof(b) _b = (b); _a < _b ? _a : _b; })
#define max(a, b)	({ typeof(a) _a = (a); typeof(b) _b = (b); _a > _b ? _a : _b; })
#endif
#define min_t(type, a, b)	min((type)(a), (type)(b))
#define max_t(type, a, b)	max((type)(a), (type)(b))
#define clamp(v, lo, hi)	min(max(v, lo), hi)
#define swap(a, b)	do { typeof(a) __tmp = (a); (a) = (b); (b) = __tmp; } while (0)
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
