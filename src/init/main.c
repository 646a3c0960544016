// SPDX-License-Identifier: LGPL-2.1-or-later
/* init/main.c: ukmem_boot() and ukmem_shutdown(). Owns the command line and the
 * init-call table; a machine is either fully up (ukmem_booted_flag = 1) or fully down.
 * A failed init unwinds the ones before it. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/printk.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include "fs/proc.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "kernel/traps.h"
#include "machine/boot.h"
#include "machine/initcalls.h"

struct initcall {
	const char *name;
	int (*init)(void);
	void (*exit)(void);
};

static const struct initcall initcalls[] = {
	{ "time", time_init, NULL },
	{ "uts", uts_init, NULL },
	{ "cpus", cpus_init, NULL },
	{ "traps", trap_init, trap_exit },
	{ "percpu", percpu_init, percpu_exit },
	{ "vm_events", vm_events_init, NULL },
	{ "fork", fork_init, NULL },
	{ "trace", trace_init, trace_exit },
	{ "physmem", physmem_init, physmem_exit },
	{ "memmap", memmap_init, memmap_exit },
	{ "zones", zones_init, zones_exit },
	{ "page_alloc", page_alloc_init, page_alloc_exit },
	{ "pgtable", pgtable_init, pgtable_exit },
	{ "slab", kmem_cache_init, kmem_cache_exit },
	{ "vmalloc", vmalloc_init, vmalloc_exit },
	{ "migrate", migrate_init, migrate_exit },
	{ "vmstat", vmstat_init, vmstat_exit },
	{ "meminfo", meminfo_init, meminfo_exit },
	{ "proc_cmdline", proc_cmdline_init, NULL },
	{ "sysfs", ksysfs_init, ksysfs_exit },
	{ "module_sysfs", param_sysfs_init, param_sysfs_exit },
	{ "debugfs", debugfs_init, debugfs_exit },
	{ "driver", driver_init, driver_exit },
	{ "fault_inject", fault_debugfs_init, NULL },
	{ "extfrag", extfrag_debug_init, NULL },
	{ "configs", ikconfig_init, NULL },
	{ "lockdep_proc", lockdep_proc_init, NULL },
	{ "mmio", mmio_init, mmio_exit },
	{ "platform", platform_init, platform_exit },
	{ "dma_debug", dma_debug_init, dma_debug_exit },
	{ "chrdev", chrdev_init, chrdev_exit },
	{ "modules", modules_proc_init, NULL },
	{ "kmemleak", kmemleak_init, kmemleak_exit },
	{ "kasan", kasan_init, NULL },
	{ "softirq", softirq_init, softirq_exit },
	{ "irq", irqs_init, irqs_exit },
	{ "proc_stat", proc_stat_init, NULL },
	{ "pci", pci_subsys_init, pci_subsys_exit },
	{ "workqueue", workqueue_init, workqueue_exit },
	{ "kcompactd", kcompactd_init, kcompactd_exit },
	{ "kfence", kfence_init, kfence_exit },
	/* Last: its exit stops the reporting work before any other exit frees memory. */
	{ "page_reporting", page_reporting_init, page_reporting_exit },
};
#define NR_INITCALLS ((int)(sizeof(initcalls) / sizeof(initcalls[0])))

int ukmem_booted_flag;
static pthread_mutex_t boot_lock = PTHREAD_MUTEX_INITIALIZER;
static char boot_cmdline[4096];
static pid_t booting_tid;	/* the thread running the init calls */
static pid_t shutdown_tid;	/* the thread running the exits */

void taint_reset(void);
void might_sleep_reset(void);

static void run_exits(int upto)
{
	while (--upto >= 0)
		if (initcalls[upto].exit)
			initcalls[upto].exit();
}

static int do_boot(const char *cmdline)
{
	const char *env = getenv("UKMEM_CMDLINE");
	int i, err;

	snprintf(boot_cmdline, sizeof(boot_cmdline), "%s%s%s", cmdline ? cmdline : "",
		 env && *env ? " " : "", env ? env : "");
	printk_reset_clock();
	taint_reset();
	might_sleep_reset();
	printk_init();
	printk_defer_console();
	pr_notice("Linux version 6.1.0-ukmem (ukmem) #1 SMP PREEMPT_DYNAMIC\n");
	pr_notice("Command line: %s\n", boot_cmdline);
	err = params_parse(boot_cmdline);
	printk_flush_deferred();
	if (err)
		return err;
	for (i = 0; i < NR_INITCALLS; i++) {
		err = initcalls[i].init();
		if (err) {
			pr_err("ukmem: %s failed to start: %s\n", initcalls[i].name, strerror(-err));
			run_exits(i);
			return err;
		}
	}
	return 0;
}

int ukmem_boot(const char *cmdline)
{
	int err;

	pthread_mutex_lock(&boot_lock);
	if (ukmem_booted_flag || booting_tid) {
		pthread_mutex_unlock(&boot_lock);
		return -EBUSY;
	}
	__atomic_store_n(&booting_tid, current->pid, __ATOMIC_RELAXED);
	err = do_boot(cmdline);
	__atomic_store_n(&booting_tid, 0, __ATOMIC_RELAXED);
	if (!err)
		__atomic_store_n(&ukmem_booted_flag, 1, __ATOMIC_RELEASE);
	else
		proc_remove_all();
	pthread_mutex_unlock(&boot_lock);
	return err;
}

/* The first use of the kernel API may come from atomic context (a spinlock held, interrupts
 * off: xa_alloc under xa_lock with GFP_ATOMIC). Linux boots before any of that exists, so
 * the boot runs in process context and the caller's context is restored afterwards. */
static int boot_from_any_context(void)
{
	unsigned int preempt = current->preempt_count;
	int rcu = current->rcu_read_lock_nesting;
	bool irqs_off = current->irqs_off;
	int err;

	current->preempt_count = 0;
	current->rcu_read_lock_nesting = 0;
	current->irqs_off = false;
	err = ukmem_boot(NULL);
	current->preempt_count = preempt;
	current->rcu_read_lock_nesting = rcu;
	current->irqs_off = irqs_off;
	return err;
}

void ukmem_autoboot(void)
{
	int err;

	/* An init call using the kernel API during boot: what it needs is already up; an
	 * exit using it during shutdown (kobject_del's uevent): what it needs is still up. */
	if (__atomic_load_n(&booting_tid, __ATOMIC_RELAXED) == current->pid ||
	    __atomic_load_n(&shutdown_tid, __ATOMIC_RELAXED) == current->pid)
		return;
	pthread_mutex_lock(&boot_lock);	/* waits for a boot in another thread */
	pthread_mutex_unlock(&boot_lock);
	if (ukmem_is_booted())
		return;
	err = boot_from_any_context();
	if (err && err != -EBUSY) {
		fprintf(stderr, "ukmem: the default machine failed to boot (%s)\n", strerror(-err));
		abort();
	}
}

void ukmem_shutdown(void)
{
	pthread_mutex_lock(&boot_lock);
	if (ukmem_booted_flag) {
		/* Callbacks already queued (kfree_rcu, call_rcu) run on the live machine. */
		rcu_barrier();
		__atomic_store_n(&ukmem_booted_flag, 0, __ATOMIC_RELEASE);
		__atomic_store_n(&shutdown_tid, current->pid, __ATOMIC_RELAXED);
		run_exits(NR_INITCALLS);
		__atomic_store_n(&shutdown_tid, 0, __ATOMIC_RELAXED);
		proc_remove_all();
		printk_clear();
	}
	pthread_mutex_unlock(&boot_lock);
}

int ukmem_is_booted(void)
{
	return __atomic_load_n(&ukmem_booted_flag, __ATOMIC_ACQUIRE);
}

const char *ukmem_cmdline(void)
{
	return boot_cmdline;
}
