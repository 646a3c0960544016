/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/types.h: the kernel's fixed-width, size and address types, atomic_t, list heads.
 * The __u8 ... __u64 and __kernel_* types come from the UAPI header (Linux 6.1's, from
 * the host's linux-libc-dev). In kernel builds (__KERNEL__, -nostdinc) this header also
 * defines what libc would (size_t, bool, uint32_t, pid_t, ...) as Linux does; a program
 * that mixes libc and ukmem's headers gets those names from libc instead, so that the
 * two never disagree (libc's int64_t is long, the kernel's long long). */
#ifndef UKMEM_LINUX_TYPES_H
#define UKMEM_LINUX_TYPES_H

#include_next <linux/types.h>
#include <linux/kconfig.h>
#include <linux/compiler_types.h>

#ifdef __KERNEL__
typedef __kernel_size_t		size_t;
typedef __kernel_ssize_t	ssize_t;
typedef __kernel_ptrdiff_t	ptrdiff_t;
typedef _Bool			bool;
typedef __kernel_fd_set		fd_set;
#endif

typedef __u8  u8;
typedef __s8  s8;
typedef __u16 u16;
typedef __s16 s16;
typedef __u32 u32;
typedef __s32 s32;
typedef __u64 u64;
typedef __s64 s64;

#ifdef __KERNEL__
typedef u32			__kernel_dev_t;
typedef __kernel_dev_t		dev_t;
typedef __kernel_ulong_t	ino_t;
typedef __kernel_mode_t		mode_t;
typedef unsigned short		umode_t;
typedef u32			nlink_t;
typedef __kernel_off_t		off_t;
typedef __kernel_pid_t		pid_t;
typedef __kernel_daddr_t	daddr_t;
typedef __kernel_key_t		key_t;
typedef __kernel_suseconds_t	suseconds_t;
typedef __kernel_timer_t	timer_t;
typedef __kernel_clockid_t	clockid_t;
typedef __kernel_mqd_t		mqd_t;
typedef __kernel_uid32_t	uid_t;
typedef __kernel_gid32_t	gid_t;
typedef __kernel_uid16_t	uid16_t;
typedef __kernel_gid16_t	gid16_t;
typedef unsigned long		uintptr_t;
typedef long			intptr_t;
typedef __kernel_loff_t		loff_t;
typedef __kernel_clock_t	clock_t;
typedef __kernel_caddr_t	caddr_t;
typedef __kernel_time_t		time_t;
typedef unsigned char		u_char;
typedef unsigned short		u_short;
typedef unsigned int		u_int;
typedef unsigned long		u_long;
typedef unsigned char		unchar;
typedef unsigned short		ushort;
typedef unsigned int		uint;
typedef unsigned long		ulong;
typedef u8			u_int8_t;
typedef s8			int8_t;
typedef u16			u_int16_t;
typedef s16			int16_t;
typedef u32			u_int32_t;
typedef s32			int32_t;
typedef u8			uint8_t;
typedef u16			uint16_t;
typedef u32			uint32_t;
typedef u64			uint64_t;
typedef u64			u_int64_t;
typedef s64			int64_t;
#else
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
typedef unsigned short		umode_t;
#endif

typedef u64			sector_t;
#ifdef __KERNEL__
typedef u64			blkcnt_t;
#endif
typedef unsigned int __bitwise	gfp_t;
typedef unsigned int __bitwise	slab_flags_t;
typedef unsigned int __bitwise	fmode_t;
typedef u64			phys_addr_t;
typedef phys_addr_t		resource_size_t;
typedef u64			dma_addr_t;
typedef unsigned long		pgoff_t;
typedef unsigned long		irq_hw_number_t;

/* A bitmap of bits bits (BITS_TO_LONGS is <linux/bitops.h>'s, needed where it is used). */
#define DECLARE_BITMAP(name, bits)	unsigned long name[BITS_TO_LONGS(bits)]

typedef struct { int counter; } atomic_t;
typedef struct { long counter; } atomic_long_t;
typedef struct { s64 counter; } atomic64_t;

struct list_head { struct list_head *next, *prev; };
struct hlist_head { struct hlist_node *first; };
struct hlist_node { struct hlist_node *next, **pprev; };

struct ustat {
	__kernel_daddr_t	f_tfree;
	unsigned long		f_tinode;
	char			f_fname[6];
	char			f_fpack[6];
};

struct callback_head {
	struct callback_head *next;
	void (*func)(struct callback_head *head);
} __attribute__((aligned(sizeof(void *))));
#define rcu_head callback_head

typedef void (*rcu_callback_t)(struct rcu_head *head);
typedef void (*call_rcu_func_t)(struct rcu_head *head, rcu_callback_t func);
typedef void (*swap_r_func_t)(void *a, void *b, int size, const void *priv);
typedef void (*swap_func_t)(void *a, void *b, int size);
typedef int (*cmp_r_func_t)(const void *a, const void *b, const void *priv);
typedef int (*cmp_func_t)(const void *a, const void *b);

#endif
