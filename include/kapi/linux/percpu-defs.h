/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/percpu-defs.h: per-CPU variables and the operations on this CPU's instance.
 * A static per-CPU variable lives in the "ukmem_percpu" section of its object (the
 * program, libukmem, a module): that is its template, and each loaded object registers
 * its section from a constructor (and drops it from a destructor at dlclose). At boot
 * ukmem copies every template into each CPU's unit (mm/percpu.c), and per_cpu_ptr()
 * maps a template or alloc_percpu() address to a CPU's copy. Several host threads may
 * be on one virtual CPU at once, so the this_cpu_* operations are atomic on that CPU's
 * copy; the __this_cpu_* forms also give DEBUG_PREEMPT's report when preemptible. */
#ifndef UKMEM_LINUX_PERCPU_DEFS_H
#define UKMEM_LINUX_PERCPU_DEFS_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/smp.h>

#define __percpu
#define PER_CPU_SECTION		"ukmem_percpu"
#define PER_CPU_ATTRIBUTES	__attribute__((section(PER_CPU_SECTION)))

#define DECLARE_PER_CPU_SECTION(type, name, sec)	extern PER_CPU_ATTRIBUTES __typeof__(type) name
#define DEFINE_PER_CPU_SECTION(type, name, sec)		PER_CPU_ATTRIBUTES __typeof__(type) name
#define DECLARE_PER_CPU(type, name)		DECLARE_PER_CPU_SECTION(type, name, "")
#define DEFINE_PER_CPU(type, name)		DEFINE_PER_CPU_SECTION(type, name, "")
#define DECLARE_PER_CPU_FIRST(type, name)	DECLARE_PER_CPU(type, name)
#define DEFINE_PER_CPU_FIRST(type, name)	DEFINE_PER_CPU(type, name)
#define DECLARE_PER_CPU_SHARED_ALIGNED(type, name)	DECLARE_PER_CPU(type, name) __attribute__((aligned(64)))
#define DEFINE_PER_CPU_SHARED_ALIGNED(type, name)	DEFINE_PER_CPU(type, name) __attribute__((aligned(64)))
#define DECLARE_PER_CPU_ALIGNED(type, name)	DECLARE_PER_CPU_SHARED_ALIGNED(type, name)
#define DEFINE_PER_CPU_ALIGNED(type, name)	DEFINE_PER_CPU_SHARED_ALIGNED(type, name)
#define DECLARE_PER_CPU_PAGE_ALIGNED(type, name)	DECLARE_PER_CPU(type, name) __attribute__((aligned(4096)))
#define DEFINE_PER_CPU_PAGE_ALIGNED(type, name)	DEFINE_PER_CPU(type, name) __attribute__((aligned(4096)))
#define DECLARE_PER_CPU_READ_MOSTLY(type, name)	DECLARE_PER_CPU(type, name)
#define DEFINE_PER_CPU_READ_MOSTLY(type, name)	DEFINE_PER_CPU(type, name)
#define DECLARE_PER_CPU_DECRYPTED(type, name)	DECLARE_PER_CPU(type, name)
#define DEFINE_PER_CPU_DECRYPTED(type, name)	DEFINE_PER_CPU(type, name)
#define EXPORT_PER_CPU_SYMBOL(var)		EXPORT_SYMBOL(var)
#define EXPORT_PER_CPU_SYMBOL_GPL(var)		EXPORT_SYMBOL_GPL(var)

/* This object's section (hidden: each object sees its own) and its registration. */
extern char __start_ukmem_percpu[] __attribute__((weak, visibility("hidden")));
extern char __stop_ukmem_percpu[] __attribute__((weak, visibility("hidden")));
void ukmem_percpu_register(char *start, char *end);
void ukmem_percpu_unregister(char *start);
static void __attribute__((constructor, used)) __ukmem_percpu_object_load(void)
{
	if ((char *)__start_ukmem_percpu != (char *)__stop_ukmem_percpu)
		ukmem_percpu_register(__start_ukmem_percpu, __stop_ukmem_percpu);
}
static void __attribute__((destructor, used)) __ukmem_percpu_object_unload(void)
{
	if ((char *)__start_ukmem_percpu != (char *)__stop_ukmem_percpu)
		ukmem_percpu_unregister(__start_ukmem_percpu);
}

void *ukmem_percpu_ptr(const void *ptr, unsigned int cpu);
void __this_cpu_preempt_check(const char *op);

#define per_cpu_ptr(ptr, cpu)	((__typeof__(ptr))ukmem_percpu_ptr((ptr), (cpu)))
#define raw_cpu_ptr(ptr)	per_cpu_ptr(ptr, raw_smp_processor_id())
#define this_cpu_ptr(ptr)	raw_cpu_ptr(ptr)
#define per_cpu(var, cpu)	(*per_cpu_ptr(&(var), cpu))
#define SHIFT_PERCPU_PTR(ptr, offset)	((__typeof__(ptr))((unsigned long)(ptr) + (offset)))

#define get_cpu_var(var)	(*({ get_cpu(); this_cpu_ptr(&(var)); }))
#define put_cpu_var(var)	do { (void)&(var); put_cpu(); } while (0)
#define get_cpu_ptr(var)	({ get_cpu(); this_cpu_ptr(var); })
#define put_cpu_ptr(var)	do { (void)(var); put_cpu(); } while (0)

/* Operations on this CPU's instance: atomic, relaxed. */
#define raw_cpu_read(pcp)	__atomic_load_n(raw_cpu_ptr(&(pcp)), __ATOMIC_RELAXED)
#define raw_cpu_write(pcp, val)	__atomic_store_n(raw_cpu_ptr(&(pcp)), (val), __ATOMIC_RELAXED)
#define raw_cpu_add_return(pcp, val)	\
	__atomic_add_fetch(raw_cpu_ptr(&(pcp)), (__typeof__(pcp))(val), __ATOMIC_RELAXED)
#define raw_cpu_add(pcp, val)	((void)raw_cpu_add_return(pcp, val))
#define raw_cpu_sub(pcp, val)	raw_cpu_add(pcp, -(__typeof__(pcp))(val))
#define raw_cpu_inc(pcp)	raw_cpu_add(pcp, 1)
#define raw_cpu_dec(pcp)	raw_cpu_sub(pcp, 1)
#define raw_cpu_sub_return(pcp, val)	raw_cpu_add_return(pcp, -(__typeof__(pcp))(val))
#define raw_cpu_inc_return(pcp)	raw_cpu_add_return(pcp, 1)
#define raw_cpu_dec_return(pcp)	raw_cpu_add_return(pcp, -1)
#define raw_cpu_and(pcp, val)	((void)__atomic_and_fetch(raw_cpu_ptr(&(pcp)), (val), __ATOMIC_RELAXED))
#define raw_cpu_or(pcp, val)	((void)__atomic_or_fetch(raw_cpu_ptr(&(pcp)), (val), __ATOMIC_RELAXED))
#define raw_cpu_xchg(pcp, nval)	__atomic_exchange_n(raw_cpu_ptr(&(pcp)), (nval), __ATOMIC_RELAXED)
#define raw_cpu_cmpxchg(pcp, oval, nval) ({					\
	__typeof__(pcp) __pcp_old = (oval);					\
	__atomic_compare_exchange_n(raw_cpu_ptr(&(pcp)), &__pcp_old, (nval), false,	\
				    __ATOMIC_RELAXED, __ATOMIC_RELAXED);	\
	__pcp_old;								\
})

#define this_cpu_read(pcp)		raw_cpu_read(pcp)
#define this_cpu_write(pcp, val)	raw_cpu_write(pcp, val)
#define this_cpu_add(pcp, val)		raw_cpu_add(pcp, val)
#define this_cpu_sub(pcp, val)		raw_cpu_sub(pcp, val)
#define this_cpu_inc(pcp)		raw_cpu_inc(pcp)
#define this_cpu_dec(pcp)		raw_cpu_dec(pcp)
#define this_cpu_and(pcp, val)		raw_cpu_and(pcp, val)
#define this_cpu_or(pcp, val)		raw_cpu_or(pcp, val)
#define this_cpu_add_return(pcp, val)	raw_cpu_add_return(pcp, val)
#define this_cpu_sub_return(pcp, val)	raw_cpu_sub_return(pcp, val)
#define this_cpu_inc_return(pcp)	raw_cpu_inc_return(pcp)
#define this_cpu_dec_return(pcp)	raw_cpu_dec_return(pcp)
#define this_cpu_xchg(pcp, nval)	raw_cpu_xchg(pcp, nval)
#define this_cpu_cmpxchg(pcp, oval, nval)	raw_cpu_cmpxchg(pcp, oval, nval)

/* The __this_cpu forms expect preemption off (DEBUG_PREEMPT's check). */
#define __pcpu_checked(op, expr)	({ __this_cpu_preempt_check(op); expr; })
#define __this_cpu_read(pcp)		__pcpu_checked("read", raw_cpu_read(pcp))
#define __this_cpu_write(pcp, val)	__pcpu_checked("write", raw_cpu_write(pcp, val))
#define __this_cpu_add(pcp, val)	__pcpu_checked("add", raw_cpu_add(pcp, val))
#define __this_cpu_sub(pcp, val)	__pcpu_checked("sub", raw_cpu_sub(pcp, val))
#define __this_cpu_inc(pcp)		__pcpu_checked("add", raw_cpu_inc(pcp))
#define __this_cpu_dec(pcp)		__pcpu_checked("sub", raw_cpu_dec(pcp))
#define __this_cpu_and(pcp, val)	__pcpu_checked("and", raw_cpu_and(pcp, val))
#define __this_cpu_or(pcp, val)		__pcpu_checked("or", raw_cpu_or(pcp, val))
#define __this_cpu_add_return(pcp, val)	__pcpu_checked("add_return", raw_cpu_add_return(pcp, val))
#define __this_cpu_sub_return(pcp, val)	__pcpu_checked("sub_return", raw_cpu_sub_return(pcp, val))
#define __this_cpu_inc_return(pcp)	__pcpu_checked("add_return", raw_cpu_inc_return(pcp))
#define __this_cpu_dec_return(pcp)	__pcpu_checked("sub_return", raw_cpu_dec_return(pcp))
#define __this_cpu_xchg(pcp, nval)	__pcpu_checked("xchg", raw_cpu_xchg(pcp, nval))
#define __this_cpu_cmpxchg(pcp, oval, nval)	__pcpu_checked("cmpxchg", raw_cpu_cmpxchg(pcp, oval, nval))

#endif
