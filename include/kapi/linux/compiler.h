/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/compiler.h: branch hints, compiler barriers and the ONCE accessors, on top of
 * the annotations of <linux/compiler_types.h>. */
#ifndef UKMEM_LINUX_COMPILER_H
#define UKMEM_LINUX_COMPILER_H

#include <linux/compiler_types.h>
#include <linux/stringify.h>

#ifndef likely
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#endif
#define likely_notrace(x)	likely(x)
#define unlikely_notrace(x)	unlikely(x)

#define barrier()		__asm__ __volatile__("" ::: "memory")
#define barrier_data(ptr)	__asm__ __volatile__("" : : "r"(ptr) : "memory")
#define OPTIMIZER_HIDE_VAR(var)	__asm__ ("" : "=r" (var) : "0" (var))
#define RELOC_HIDE(ptr, off)	({ unsigned long __ptr; \
				   __asm__ ("" : "=r"(__ptr) : "0"(ptr)); \
				   (typeof(ptr))(__ptr + (off)); })
#define __UNIQUE_ID(prefix)	__PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)
#define ___PASTE(a, b)		a##b
#define __PASTE(a, b)		___PASTE(a, b)
#define unreachable()		__builtin_unreachable()
#define __must_be_array(a)	__builtin_choose_expr(__same_type((a), &(a)[0]), \
					(int)sizeof(struct { int:(-1); }), 0)
#define is_signed_type(type)	(((type)(-1)) < (type)1)
#define is_unsigned_type(type)	(!is_signed_type(type))

#define __READ_ONCE(x)		(*(const volatile __unqual_scalar_typeof(x) *)&(x))
#define READ_ONCE(x)		__READ_ONCE(x)
#define __WRITE_ONCE(x, val)	do { *(volatile typeof(x) *)&(x) = (val); } while (0)
#define WRITE_ONCE(x, val)	__WRITE_ONCE(x, val)
#define READ_ONCE_NOCHECK(x)	READ_ONCE(x)
#define data_race(expr)		(expr)
#define prefetch(x)		__builtin_prefetch(x)
#define prefetchw(x)		__builtin_prefetch(x, 1)

#endif
