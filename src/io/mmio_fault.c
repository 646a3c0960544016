// SPDX-License-Identifier: LGPL-2.1-or-later
/* io/mmio_fault.c: what a plain pointer access to a register window does. The host
 * pages of an ioremapped register window stay PROT_NONE, so such an access faults; this
 * SIGSEGV handler recognises the address (an ioremap page table entry whose frame is not
 * RAM and not a memory window), prints the kernel's page-fault oops with a line saying
 * to use readl()/writel(), and aborts. Any other fault is left to the other handlers
 * of host/fault.c, and from there to the process's own.
 * The handler reads the page tables and the bus table without locks; it never returns
 * after reporting, so a torn read can at worst name the wrong window. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/printk.h>
#include <linux/vmalloc.h>
#include "host/fault.h"
#include "io/mmio.h"
#include "kernel/report.h"
#include "machine/physmem.h"

#define X86_PF_WRITE	0x2
#define X86_PF_USER	0x4


/* The physical address behind an ioremap page of a register window (or of nothing). */
static bool ioremapped_registers(unsigned long addr, phys_addr_t *phys,
				 struct mmio_window **wp)
{
	unsigned int level;
	pte_t *pte;

	if (!vmalloc_start || addr < VMALLOC_START || addr >= VMALLOC_END)
		return false;
	pte = lookup_address(addr, &level);
	if (!pte || !pte_present(*pte) || level != PG_LEVEL_4K)
		return false;
	*phys = PFN_PHYS(pte_pfn(*pte)) | (addr & ~PAGE_MASK);
	if (phys_is_ram(*phys))
		return false;
	*wp = mmio_window_find(*phys);
	return !*wp || !mmio_window_is_memory(*wp);
}

static unsigned long fault_error_code(void *context)
{
	ucontext_t *uc = context;

	return (unsigned long)uc->uc_mcontext.gregs[REG_ERR] & ~(unsigned long)X86_PF_USER;
}

__noreturn static void report_plain_access(unsigned long addr, phys_addr_t phys,
					   struct mmio_window *w, unsigned long code)
{
	const char *name = w && w->dev ? w->dev->name : NULL;

	report_begin();
	pr_alert("BUG: unable to handle page fault for address: %016lx\n", addr);
	pr_alert("#PF: supervisor %s access in kernel mode\n",
		 code & X86_PF_WRITE ? "write" : "read");
	pr_alert("#PF: error_code(0x%04lx) - not-present page\n", code);
	if (name)
		pr_alert("ukmem: plain access to MMIO register window %s (phys 0x%016llx); "
			 "use readl()/writel()\n", name, (unsigned long long)phys);
	else
		pr_alert("ukmem: plain access to unclaimed MMIO address (phys 0x%016llx); "
			 "use readl()/writel()\n", (unsigned long long)phys);
	printk(KERN_DEFAULT "Oops: %04lx [#1] PREEMPT SMP NOPTI\n", code);
	dump_stack_print_info(KERN_DEFAULT);
	show_stack_lvl(KERN_DEFAULT, 0);
	print_oops_end_marker();
	add_taint(TAINT_DIE, LOCKDEP_STILL_OK);
	fflush(NULL);
	signal(SIGABRT, SIG_DFL);
	abort();
}

/* Claims a fault only to report it: a plain access to a register window never returns. */
static bool mmio_fault(siginfo_t *info, void *context)
{
	unsigned long addr = (unsigned long)info->si_addr;
	struct mmio_window *w;
	phys_addr_t phys;

	if (ioremapped_registers(addr, &phys, &w))
		report_plain_access(addr, phys, w, fault_error_code(context));
	return false;
}

int mmio_fault_handler_install(void)
{
	return host_fault_handler_add(mmio_fault);
}

void mmio_fault_handler_remove(void)
{
	host_fault_handler_remove(mmio_fault);
}
