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
/* 0, and a build error when a is a pointer rather than an array */
#define __must_be_array(a)	((int)sizeof(struct { int:(-!!__same_type((a), &(a)[0])); }))
#define is_signed_type(type)	(((type)(-1)) < (type)1)
#define is_unsigned_type(type)	(!is_signed_type(type))

#if defined(__SANITIZE_THREAD__)
/* Under ThreadSanitizer, marked accesses are what the Linux memory model makes them:
 * relaxed atomic loads and stores (of words; anything larger stays a volatile access),
 * and data_race() hides its accesses from the race detector, as from KCSAN. */
void AnnotateIgnoreReadsBegin(const char *file, int line);
void AnnotateIgnoreReadsEnd(const char *file, int line);
void AnnotateIgnoreWritesBegin(const char *file, int line);
void AnnotateIgnoreWritesEnd(const char *file, int line);
#define __ONCE_ATOMIC(x)	(sizeof(x) == 1 || sizeof(x) == 2 || sizeof(x) == 4 || sizeof(x) == 8)
#define __ONCE_UNQUAL(x)	typeof(((void)0, (x)))	/* x's type without qualifiers */
#define __READ_ONCE(x)								\
	__builtin_choose_expr(__ONCE_ATOMIC(x),					\
		({ __ONCE_UNQUAL(x) __ro_v;						\
		   __atomic_load((__ONCE_UNQUAL(x) *)&(x), &__ro_v, __ATOMIC_RELAXED); \
		   __ro_v; }),							\
		(*(const volatile __unqual_scalar_typeof(x) *)&(x)))
#define __WRITE_ONCE(x, val)							\
	do {									\
		typeof(x) __wo_v = (val);					\
		if (__ONCE_ATOMIC(x))						\
			__atomic_store((typeof(x) *)&(x), &__wo_v, __ATOMIC_RELAXED); \
		else								\
			*(volatile typeof(x) *)&(x) = __wo_v;			\
	} while (0)
#define data_race(expr)								\
	({ AnnotateIgnoreReadsBegin(__FILE__, __LINE__);			\
	   AnnotateIgnoreWritesBegin(__FILE__, __LINE__);			\
	   __auto_type __dr_v = (expr);						\
	   AnnotateIgnoreWritesEnd(__FILE__, __LINE__);				\
	   AnnotateIgnoreReadsEnd(__FILE__, __LINE__);				\
	   __dr_v; })
#else
#define __READ_ONCE(x)		(*(const volatile __unqual_scalar_typeof(x) *)&(x))
#define __WRITE_ONCE(x, val)	do { *(volatile typeof(x) *)&(x) = (val); } while (0)
#define data_race(expr)		(expr)
#endif
#define READ_ONCE(x)		__READ_ONCE(x)
#define WRITE_ONCE(x, val)	__WRITE_ONCE(x, val)
#define READ_ONCE_NOCHECK(x)	READ_ONCE(x)
#define prefetch(x)		__builtin_prefetch(x)
#define prefetchw(x)		__builtin_prefetch(x, 1)

#endif
