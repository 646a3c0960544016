/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/uaccess.h: copying between kernel memory and user pointers. ukmem's user space
 * is the calling process itself, minus the kernel's ranges: access_ok() refuses ranges
 * that wrap or touch the direct map, the vmalloc space (device windows included),
 * mem_map, the per-CPU units or the shared library's own image; the copies then check every
 * page (ukmem's user mappings through their records, faulting fault-driven pages in;
 * any other process memory through the host) and stop at the first byte that cannot be
 * reached, so a bad pointer gives a short copy or -EFAULT and never a crash.
 * copy_to_user/copy_from_user/clear_user return the number of bytes NOT copied;
 * get_user/put_user return 0 or -EFAULT (get_user zeroes x on failure). */
#ifndef UKMEM_LINUX_UACCESS_H
#define UKMEM_LINUX_UACCESS_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

bool access_ok(const void __user *addr, unsigned long size);
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long clear_user(void __user *to, unsigned long n);
long strncpy_from_user(char *dst, const char __user *src, long count);
long strnlen_user(const char __user *str, long n);
int check_zeroed_user(const void __user *from, size_t size);
int copy_struct_from_user(void *dst, size_t ksize, const void __user *src, size_t usize);

#define __copy_to_user(to, from, n)	copy_to_user(to, from, n)
#define __copy_from_user(to, from, n)	copy_from_user(to, from, n)
#define __clear_user(to, n)		clear_user(to, n)

#define get_user(x, ptr)							\
({									\
	__typeof__(*(ptr)) __gu_val;					\
	int __gu_err = copy_from_user(&__gu_val, (ptr), sizeof(__gu_val)) ?	\
		       -EFAULT : 0;					\
	if (__gu_err)							\
		memset(&__gu_val, 0, sizeof(__gu_val));			\
	(x) = __gu_val;							\
	__gu_err;							\
})

#define put_user(x, ptr)							\
({									\
	__typeof__(*(ptr)) __pu_val = (x);				\
	copy_to_user((ptr), &__pu_val, sizeof(__pu_val)) ? -EFAULT : 0;	\
})

#define __get_user(x, ptr)	get_user(x, ptr)
#define __put_user(x, ptr)	put_user(x, ptr)

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/uaccess.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/hrtimer.h>
#include <linux/irqnr.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/mutex.h>
#include <linux/numa.h>
#include <linux/overflow.h>
#include <linux/percpu.h>
#include <linux/prandom.h>
#include <linux/rbtree.h>
#include <linux/rculist.h>
#include <linux/refcount.h>
#include <linux/static_key.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#include <linux/uidgid.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#endif
#endif
