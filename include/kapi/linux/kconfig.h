/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/kconfig.h: the configuration (generated/autoconf.h) and the predicates kernel
 * code tests it with. An option is "y" when defined to 1 and "m" when its _MODULE twin
 * is; ukmem's configuration has no "m" options. Kbuild forces this header into every
 * kernel build; other headers include it so that a program including ukmem's headers
 * directly sees the same configuration. */
#ifndef UKMEM_LINUX_KCONFIG_H
#define UKMEM_LINUX_KCONFIG_H

#include <generated/autoconf.h>

#define __LITTLE_ENDIAN	1234

/*
 * IS_BUILTIN(CONFIG_X) is 1 when CONFIG_X is defined to 1 and 0 otherwise (also when
 * it is undefined), usable in #if and in C. The trick: pasting the option's value onto
 * a prefix yields a macro that expands to "0," only for the value 1, shifting a 1 into
 * the second argument position of a selector.
 */
#define __UKMEM_IS_ONE_1		0,
#define __ukmem_take_second(ignored, val, ...)	val
#define ___ukmem_is_set(maybe_comma)	__ukmem_take_second(maybe_comma 1, 0, 0)
#define __ukmem_is_set(val)		___ukmem_is_set(__UKMEM_IS_ONE_##val)
#define __ukmem_is_set_expand(val)	__ukmem_is_set(val)

#define __is_defined(x)		__ukmem_is_set_expand(x)
#define IS_BUILTIN(option)	__ukmem_is_set_expand(option)
#define IS_MODULE(option)	__ukmem_is_set_expand(option##_MODULE)
#define IS_ENABLED(option)	(IS_BUILTIN(option) || IS_MODULE(option))
#define IS_REACHABLE(option)	(IS_BUILTIN(option) || (IS_MODULE(option) && __is_defined(MODULE)))

#endif
