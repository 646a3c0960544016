/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* machine/initcalls.h: each subsystem's boot and shutdown entry points, called in the
 * order of the table in init/main.c. An init returns 0 or -errno. */
#ifndef UKMEM_MACHINE_INITCALLS_H
#define UKMEM_MACHINE_INITCALLS_H

int trace_init(void);		void trace_exit(void);
int physmem_init(void);		void physmem_exit(void);
int time_init(void);
int cpus_init(void);
int percpu_init(void);	void percpu_exit(void);
int softirq_init(void);	void softirq_exit(void);
int irqs_init(void);		void irqs_exit(void);
int proc_stat_init(void);
int pci_subsys_init(void);	void pci_subsys_exit(void);
int workqueue_init(void);	void workqueue_exit(void);
int page_reporting_init(void);	void page_reporting_exit(void);
int memmap_init(void);		void memmap_exit(void);
int zones_init(void);		void zones_exit(void);
int page_alloc_init(void);	void page_alloc_exit(void);
int pgtable_init(void);		void pgtable_exit(void);
int kmem_cache_init(void);	void kmem_cache_exit(void);
int vmalloc_init(void);		void vmalloc_exit(void);
int migrate_init(void);		void migrate_exit(void);
int kcompactd_init(void);	void kcompactd_exit(void);
int vmstat_init(void);		void vmstat_exit(void);
int extfrag_debug_init(void);
int vm_events_init(void);
int meminfo_init(void);		void meminfo_exit(void);
int proc_cmdline_init(void);
int ksysfs_init(void);		void ksysfs_exit(void);
int param_sysfs_init(void);	void param_sysfs_exit(void);
int driver_init(void);		void driver_exit(void);
int debugfs_init(void);		void debugfs_exit(void);
int fault_debugfs_init(void);
int mmio_init(void);		void mmio_exit(void);
int platform_init(void);	void platform_exit(void);
int dma_debug_init(void);	void dma_debug_exit(void);
int chrdev_init(void);		void chrdev_exit(void);
int modules_proc_init(void);
int kmemleak_init(void);	void kmemleak_exit(void);
int kasan_init(void);
int kfence_init(void);		void kfence_exit(void);
int fork_init(void);
int ikconfig_init(void);
int lockdep_proc_init(void);
int uts_init(void);

#endif
