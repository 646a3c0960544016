/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/stdarg.h: variable argument lists, on the compiler's builtins. */
#ifndef UKMEM_LINUX_STDARG_H
#define UKMEM_LINUX_STDARG_H

#ifdef __KERNEL__
typedef __builtin_va_list va_list;
#define va_start(v, l)	__builtin_va_start(v, l)
#define va_end(v)	__builtin_va_end(v)
#define va_arg(v, T)	__builtin_va_arg(v, T)
#define va_copy(d, s)	__builtin_va_copy(d, s)
#else
#include <stdarg.h>
#endif

#endif
