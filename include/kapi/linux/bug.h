/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/bug.h: BUG, WARN and friends. BUG() prints the kernel's oops text and aborts the
 * process; WARN() prints the "cut here" report, taints and carries on (or panics with
 * panic_on_warn=1). */
#ifndef UKMEM_LINUX_BUG_H
#define UKMEM_LINUX_BUG_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/compiler.h>
#include <linux/panic.h>
#include <linux/printk.h>

__noreturn void ukmem_bug(const char *file, int line);
void ukmem_warn(const char *file, int line, const void *caller, const char *fmt, ...)
	__printf(4, 5);

#define BUG() ukmem_bug(__FILE__, __LINE__)
#define BUG_ON(cond) do { if (unlikely(cond)) BUG(); } while (0)

/* The WARN's own address names the warning function, as the kernel's trap address does;
 * the barrier keeps the call from becoming a tail call that would drop its frame. */
#define __WARN_printf(fmt, ...) do {					\
	__label__ __warn_here;						\
__warn_here:								\
	ukmem_warn(__FILE__, __LINE__, &&__warn_here, fmt, ##__VA_ARGS__);	\
	barrier();							\
} while (0)
#define WARN(cond, fmt, ...) ({					\
	int __ret_warn_on = !!(cond);				\
	if (unlikely(__ret_warn_on))				\
		__WARN_printf(fmt, ##__VA_ARGS__);		\
	unlikely(__ret_warn_on);				\
})
#define WARN_ON(cond) ({					\
	int __ret_warn_on = !!(cond);				\
	if (unlikely(__ret_warn_on))				\
		__WARN_printf(NULL);				\
	unlikely(__ret_warn_on);				\
})
#define WARN_ONCE(cond, fmt, ...) ({				\
	static bool __warned;					\
	int __ret_warn_once = !!(cond);				\
	if (unlikely(__ret_warn_once && !__warned)) {		\
		__warned = true;				\
		__WARN_printf(fmt, ##__VA_ARGS__);		\
	}							\
	unlikely(__ret_warn_once);				\
})
#define WARN_ON_ONCE(cond) ({					\
	static bool __warned;					\
	int __ret_warn_once = !!(cond);				\
	if (unlikely(__ret_warn_once && !__warned)) {		\
		__warned = true;				\
		__WARN_printf(NULL);				\
	}							\
	unlikely(__ret_warn_once);				\
})
#define BUILD_BUG_ON(cond)	_Static_assert(!(cond), "BUILD_BUG_ON failed: " #cond)
#define BUILD_BUG_ON_MSG(cond, msg)	_Static_assert(!(cond), msg)
#define BUILD_BUG()		_Static_assert(0, "BUILD_BUG")
/* linux/build_bug.h's expression forms. */
#define BUILD_BUG_ON_ZERO(e)	((int)(sizeof(struct { int:(-!!(e)); })))
#define BUILD_BUG_ON_INVALID(e)	((void)(sizeof((__force long)(e))))
#define __BUILD_BUG_ON_NOT_POWER_OF_2(n)	BUILD_BUG_ON(((n) & ((n) - 1)) != 0)
#define BUILD_BUG_ON_NOT_POWER_OF_2(n)	BUILD_BUG_ON((n) == 0 || (((n) & ((n) - 1)) != 0))
#ifndef static_assert
#define static_assert(expr, ...)	__static_assert(expr, ##__VA_ARGS__, #expr)
#define __static_assert(expr, msg, ...)	_Static_assert(expr, msg)
#endif

#ifdef CONFIG_DEBUG_VM
#define VM_BUG_ON(cond)		BUG_ON(cond)
#define VM_WARN_ON(cond)	(void)WARN_ON(cond)
#else
#define VM_BUG_ON(cond)		((void)sizeof(cond))
#define VM_WARN_ON(cond)	((void)sizeof(cond))
#endif
#define VM_WARN_ON_ONCE(cond)	VM_WARN_ON(cond)

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/bug.h> brings with it, once this header is complete. */
#include <linux/bits.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/linkage.h>
#endif
#endif
