/* linux/compiler.h: compiler annotations and the ONCE accessors.
 * Sparse annotations (__user, __iomem, __rcu, __force, ...) are empty in ukmem. */
#ifndef UKMEM_LINUX_COMPILER_H
#define UKMEM_LINUX_COMPILER_H

#ifndef likely
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#endif

#define __user
#define __kernel
#define __iomem
#define __rcu
#define __force
#define __percpu
#define __bitwise
#define __safe
#define __must_hold(x)
#define __acquires(x)
#define __releases(x)
#define __cond_lock(x, c)	(c)

#ifndef __always_inline
#define __always_inline		inline __attribute__((__always_inline__))
#endif
#define noinline		__attribute__((__noinline__))
#define __noreturn		__attribute__((__noreturn__))
#define __must_check		__attribute__((__warn_unused_result__))
#define __maybe_unused		__attribute__((__unused__))
#define __always_unused		__attribute__((__unused__))
#define __used			__attribute__((__used__))
#define __cold			__attribute__((__cold__))
#define __pure			__attribute__((__pure__))
#define __packed		__attribute__((__packed__))
#define __aligned(x)		__attribute__((__aligned__(x)))
#define __printf(a, b)		__attribute__((__format__(printf, a, b)))
#define __section(s)		__attribute__((__section__(s)))
#define __weak			__attribute__((__weak__))
#define __malloc		__attribute__((__malloc__))
#define __alloc_size(...)	__attribute__((__alloc_size__(__VA_ARGS__)))
#define __fallthrough		__attribute__((__fallthrough__))
#ifndef fallthrough
#define fallthrough		__attribute__((__fallthrough__))
#endif
#define __same_type(a, b)	__builtin_types_compatible_p(typeof(a), typeof(b))
#define __stringify_1(x...)	#x
#define __stringify(x...)	__stringify_1(x)

#define barrier()		__asm__ __volatile__("" ::: "memory")
#define READ_ONCE(x)		(*(const volatile typeof(x) *)&(x))
#define WRITE_ONCE(x, val)	do { *(volatile typeof(x) *)&(x) = (val); } while (0)
#define data_race(expr)		(expr)

#endif
