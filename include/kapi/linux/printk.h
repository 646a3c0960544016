/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/printk.h: printk and the pr_* family. Messages go to the kernel log buffer
 * (read back as /dev/kmsg) and to the console (stderr) when below console_loglevel. */
#ifndef UKMEM_LINUX_PRINTK_H
#define UKMEM_LINUX_PRINTK_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/stdarg.h>
#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/init.h>
#include <linux/compiler.h>
#include <linux/kern_levels.h>
#include <linux/ratelimit_types.h>

#ifndef KBUILD_MODNAME
#define KBUILD_MODNAME "ukmem"
#endif
#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

/* %pV: a format and its arguments printed inside another format. */
struct va_format {
	const char *fmt;
	va_list *va;
};

__printf(1, 2) int printk(const char *fmt, ...);
__printf(1, 0) int vprintk(const char *fmt, va_list args);
void dump_stack(void);
void dump_stack_lvl(const char *log_lvl);
extern int console_printk[4];
#define console_loglevel (console_printk[0])

#define printk_once(fmt, ...) ({				\
	static bool __print_once;				\
	if (!__atomic_exchange_n(&__print_once, true, __ATOMIC_RELAXED)) \
		printk(fmt, ##__VA_ARGS__);			\
})

#define pr_emerg(fmt, ...)	printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...)	printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...)	printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warning		pr_warn
#define pr_notice(fmt, ...)	printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...)	printk(KERN_CONT fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)	printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_devel(fmt, ...)	printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err_once(fmt, ...)	printk_once(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn_once(fmt, ...)	printk_once(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info_once(fmt, ...)	printk_once(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
/* printk_ratelimited() and the pr_*_ratelimited() family: a state per call site
 * (<linux/ratelimit_types.h>). */
#define printk_ratelimited(fmt, ...) ({					\
	static DEFINE_RATELIMIT_STATE(_rs, DEFAULT_RATELIMIT_INTERVAL,	\
				      DEFAULT_RATELIMIT_BURST);		\
	if (__ratelimit(&_rs))						\
		printk(fmt, ##__VA_ARGS__);				\
})
#define pr_emerg_ratelimited(fmt, ...)	printk_ratelimited(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert_ratelimited(fmt, ...)	printk_ratelimited(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit_ratelimited(fmt, ...)	printk_ratelimited(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err_ratelimited(fmt, ...)	printk_ratelimited(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn_ratelimited(fmt, ...)	printk_ratelimited(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice_ratelimited(fmt, ...)	printk_ratelimited(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info_ratelimited(fmt, ...)	printk_ratelimited(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)

#define no_printk(fmt, ...)	({ if (0) printk(fmt, ##__VA_ARGS__); 0; })

/* lib/hexdump.c: rows of hex bytes (and ASCII) in print_hex_dump()'s layout. */
enum { DUMP_PREFIX_NONE, DUMP_PREFIX_ADDRESS, DUMP_PREFIX_OFFSET };
int hex_dump_to_buffer(const void *buf, size_t len, int rowsize, int groupsize,
		       char *linebuf, size_t linebuflen, bool ascii);
void print_hex_dump(const char *level, const char *prefix_str, int prefix_type,
		    int rowsize, int groupsize, const void *buf, size_t len, bool ascii);

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/printk.h> brings with it, once this header is complete. */
#include <linux/bits.h>
#include <linux/byteorder/little_endian.h>
#include <linux/export.h>
#include <linux/linkage.h>
#endif
#endif
