/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* generated/autoconf.h: the configuration of the kernel ukmem provides, in the form
 * Linux's Kconfig writes it. Kernel code sees it through <linux/kconfig.h> (forced into
 * every kernel build, as Kbuild does) and tests it with IS_ENABLED(). Every option set
 * here is really there in ukmem; an option that is absent is not implemented. The
 * Kbuild directory derives include/config/auto.conf (for Makefiles) from this file. */
#ifndef UKMEM_GENERATED_AUTOCONF_H
#define UKMEM_GENERATED_AUTOCONF_H

#define CONFIG_64BIT 1
#define CONFIG_X86 1
#define CONFIG_X86_64 1
#define CONFIG_MMU 1
#define CONFIG_SMP 1
#define CONFIG_NR_CPUS 64
#define CONFIG_PREEMPT_DYNAMIC 1
#define CONFIG_PREEMPT_VOLUNTARY 1
#define CONFIG_PREEMPT_COUNT 1
#define CONFIG_HZ_250 1
#define CONFIG_HZ 250
#define CONFIG_LOCALVERSION ""
#define CONFIG_CC_IS_GCC 1
#define CONFIG_PAGE_SIZE_4KB 1
#define CONFIG_PGTABLE_LEVELS 4
#define CONFIG_PHYS_ADDR_T_64BIT 1
#define CONFIG_ARCH_DMA_ADDR_T_64BIT 1
#define CONFIG_FLATMEM 1
#define CONFIG_NUMA 1
#define CONFIG_NODES_SHIFT 6
#define CONFIG_ZONE_DMA 1
#define CONFIG_ZONE_DMA32 1
#define CONFIG_ARCH_FORCE_MAX_ORDER 11
#define CONFIG_SLUB 1
#define CONFIG_SLUB_DEBUG 1
#define CONFIG_SLAB_FREELIST_RANDOM 1
#define CONFIG_SLAB_FREELIST_HARDENED 1
#define CONFIG_PAGE_REPORTING 1
#define CONFIG_MEMPOOL 1
#define CONFIG_VMAP_STACK 1
#define CONFIG_HAS_IOMEM 1
#define CONFIG_HAS_IOPORT_MAP 1
#define CONFIG_HAS_DMA 1
#define CONFIG_DMA_API_DEBUG 1
#define CONFIG_GENERIC_IOMAP 1
#define CONFIG_MODULES 1
#define CONFIG_MODULE_UNLOAD 1
#define CONFIG_PROC_FS 1
#define CONFIG_PRINTK 1
#define CONFIG_PRINTK_TIME 1
#define CONFIG_CONSOLE_LOGLEVEL_DEFAULT 7
#define CONFIG_MESSAGE_LOGLEVEL_DEFAULT 4
#define CONFIG_BUG 1
#define CONFIG_DEBUG_KERNEL 1
#define CONFIG_DEBUG_KMEMLEAK 1
#define CONFIG_DEBUG_KMEMLEAK_DEFAULT_OFF 1
#define CONFIG_FAULT_INJECTION 1
#define CONFIG_FAILSLAB 1
#define CONFIG_FAIL_PAGE_ALLOC 1
#define CONFIG_KFENCE 1
#define CONFIG_KFENCE_SAMPLE_INTERVAL 100
#define CONFIG_KFENCE_NUM_OBJECTS 511
#define CONFIG_DEBUG_ATOMIC_SLEEP 1
#define CONFIG_STACKTRACE 1
#define CONFIG_STACKDEPOT 1
#define CONFIG_TRACEPOINTS 1
#define CONFIG_RCU 1
#define CONFIG_TREE_RCU 1
#define CONFIG_X86_CMPXCHG64 1
#define CONFIG_ISA_DMA_API 1
#define CONFIG_RTC_LIB 1
#define CONFIG_SERIAL_8250 1
#define CONFIG_PARPORT 1
#define CONFIG_HPET 1
#define CONFIG_FB 1
#define CONFIG_KUNIT 1
#define CONFIG_KUNIT_DEFAULT_ENABLED 1

#endif
