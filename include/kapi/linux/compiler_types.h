/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/compiler_types.h: the annotations every kernel file may use without including
 * anything (Kbuild forces this header in): address-space markers, which are empty
 * because ukmem runs no sparse checker, function attributes, and the type helpers. */
#ifndef UKMEM_LINUX_COMPILER_TYPES_H
#define UKMEM_LINUX_COMPILER_TYPES_H

#include <linux/compiler_attributes.h>

#define __user
#define __kernel
#define __iomem
#define __rcu
#define __percpu
#define __force
#define __nocast
#define __safe
#define __private
#define __bitwise
#define __chk_user_ptr(x)	((void)0)
#define __chk_io_ptr(x)		((void)0)
#define __must_hold(x)
#define __acquires(x)
#define __releases(x)
#define __acquire(x)		((void)0)
#define __release(x)		((void)0)
#define __cond_lock(x, c)	(c)
#define ACCESS_PRIVATE(p, member)	((p)->member)

#define notrace			__attribute__((__no_instrument_function__))
#define __naked			__attribute__((__naked__)) notrace
#ifdef __KERNEL__
/* In kernel builds, as Linux does: inline never emits an unused-function warning and
 * extern inline has GNU semantics. Programs mixing libc and ukmem keep C's inline. */
#define inline			inline __gnu_inline __attribute__((__unused__)) notrace
#define __inline__		inline
#define __inline		inline
#endif
#define noinline_for_stack	noinline
#define __noinline_for_stack	noinline
#define __latent_entropy
#define __randomize_layout
#define __no_randomize_layout
#define randomized_struct_fields_start	struct {
#define randomized_struct_fields_end	};
#define __no_kcsan
#define __no_sanitize_or_inline	__always_inline
#define __no_kasan_or_inline	__always_inline
#define __ro_after_init
#define __noinstr_section(section)	noinline notrace __section(section)
#define noinstr
#define __realloc_size(x, ...)	__attribute__((__alloc_size__(x, ## __VA_ARGS__)))
#define __alloc_size(x, ...)	__realloc_size(x, ## __VA_ARGS__) __malloc
#define __compiletime_object_size(obj)	__builtin_object_size(obj, 0)
#define __compiletime_warning(msg)	__attribute__((__warning__(msg)))
#define __compiletime_error(msg)	__attribute__((__error__(msg)))
#define __diag_push()
#define __diag_pop()
#define __diag_ignore(compiler, version, option, comment)
#define __diag_ignore_all(option, comment)
#define __counted_by(member)

#define __same_type(a, b)	__builtin_types_compatible_p(typeof(a), typeof(b))
#define __native_word(t) \
	(sizeof(t) == sizeof(char) || sizeof(t) == sizeof(short) || \
	 sizeof(t) == sizeof(int) || sizeof(t) == sizeof(long))
#define __scalar_type_to_expr_cases(type)	unsigned type: (unsigned type)0, signed type: (signed type)0
#define __unqual_scalar_typeof(x) typeof(_Generic((x),				\
		char: (char)0,							\
		__scalar_type_to_expr_cases(char),				\
		__scalar_type_to_expr_cases(short),				\
		__scalar_type_to_expr_cases(int),				\
		__scalar_type_to_expr_cases(long),				\
		__scalar_type_to_expr_cases(long long),				\
		default: (x)))

/* Compile-time checks (the kernel's compiletime_assert), used by BUILD_BUG_ON. */
#define __ukmem_compiletime_assert(cond, msg, prefix, suffix)			\
	do {									\
		extern void prefix ## suffix(void) __compiletime_error(msg);	\
		if (!(cond))							\
			prefix ## suffix();					\
	} while (0)
#define _ukmem_compiletime_assert(cond, msg, prefix, suffix) \
	__ukmem_compiletime_assert(cond, msg, prefix, suffix)
#define compiletime_assert(condition, msg) \
	_ukmem_compiletime_assert(condition, msg, __compiletime_assert_, __COUNTER__)
#define compiletime_assert_atomic_type(t) \
	compiletime_assert(__native_word(t), "Need native word sized stores/loads for atomicity.")

#endif
