// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/traps.c: the oops. A fault signal that no ukmem mechanism owns (host/fault.c
 * gives it here last) and that struck kernel code -- a thread with a task exit point (a
 * kthread, a workqueue worker, a module's init or exit) or an instruction in libukmem
 * -- is reported as Linux 6.1's x86 handlers report it:
 *   page fault (SIGSEGV/SIGBUS)  "BUG: kernel NULL pointer dereference, address: …" or
 *                                "BUG: unable to handle page fault for address: …",
 *                                the #PF lines, "PGD 0 P4D 0 ", "Oops: 0000 [#1] …"
 *   general protection (#GP)     "general protection fault, probably for non-canonical
 *                                address 0x…: 0000 [#1] …"
 *   divide error (SIGFPE)        "divide error: 0000 [#1] …"
 *   invalid opcode (SIGILL, ud2) "invalid opcode: 0000 [#1] …"
 * then the task's line, RIP with the code bytes around it, the registers (from the
 * signal's context), the call trace, the modules, the end marker and the executive
 * summary, with taint D. The task then dies (make_task_dead, kernel/exit.c); with
 * oops=panic the machine panics. A thread with no exit point (a program's own thread
 * that faulted inside ukmem) gets the report and then the signal's usual fate.
 * What ukmem cannot know is printed as the kernel prints an unknown value: page-table
 * entries "PGD 0 P4D 0", CR0/CR3/CR4 0; CS 0010 and SS 0018 are the kernel's segments.
 * Invariants: one oops prints at a time (die_lock); a fault while this thread prints an
 * oops is not reported again (it goes on to the process). */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <ucontext.h>
#include <unistd.h>
#include <dlfcn.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include "host/fault.h"
#include "host/host.h"
#include "kernel/params.h"
#include "kernel/report.h"
#include "kernel/traps.h"

#define X86_PF_PROT	0x01
#define X86_PF_WRITE	0x02
#define X86_PF_USER	0x04
#define X86_PF_RSVD	0x08
#define X86_PF_INSTR	0x10
#define X86_PF_PK	0x20
#define X86_TRAP_GP	13
#define PAGE_SIZE_BYTES	4096UL
#define PROLOGUE_SIZE	42
#define EPILOGUE_SIZE	21
#define MAX_FRAMES	48

static bool panic_on_oops;
static int set_oops(const char *v)
{
	panic_on_oops = v && !strcmp(v, "panic");
	return 0;
}
UKMEM_SETUP("oops=", set_oops, "");

static pthread_mutex_t die_lock = PTHREAD_MUTEX_INITIALIZER;
static int die_counter;
static __thread bool oopsing;

/* Code in libukmem itself (in a program linked with the static library, the program). */
static bool in_kernel_text(unsigned long ip)
{
	Dl_info self, at;

	return dladdr((void *)in_kernel_text, &self) && dladdr((void *)ip, &at) &&
	       self.dli_fbase == at.dli_fbase;
}

static unsigned long reg(const ucontext_t *uc, int r)
{
	return (unsigned long)uc->uc_mcontext.gregs[r];
}

/* The bytes around RIP, the faulting one in <>, as show_opcodes prints them. */
static void show_opcodes(unsigned long ip)
{
	unsigned char code[PROLOGUE_SIZE + 1 + EPILOGUE_SIZE];
	struct iovec local = { code, sizeof(code) };
	struct iovec remote = { (void *)(ip - PROLOGUE_SIZE), sizeof(code) };
	char line[sizeof(code) * 3 + 8], *p = line;

	if (process_vm_readv(getpid(), &local, 1, &remote, 1, 0) != (ssize_t)sizeof(code)) {
		printk(KERN_DEFAULT "Code: Unable to access opcode bytes at 0x%lx.\n",
		       ip - PROLOGUE_SIZE);
		return;
	}
	for (size_t i = 0; i < sizeof(code); i++)
		p += sprintf(p, i == PROLOGUE_SIZE ? "<%02x>%s" : "%02x%s", code[i],
			     i + 1 < sizeof(code) ? " " : "");
	printk(KERN_DEFAULT "Code: %s\n", line);
}

/* __show_regs: RIP, Code, RSP, the general registers, segments and control registers. */
static void show_regs(const ucontext_t *uc, unsigned long cr2)
{
	char sym[512];

	printk(KERN_DEFAULT "RIP: 0010:%s\n",
	       ukmem_symbolize_frame((void *)reg(uc, REG_RIP), false, sym, sizeof(sym)));
	show_opcodes(reg(uc, REG_RIP));
	printk(KERN_DEFAULT "RSP: 0018:%016lx EFLAGS: %08lx\n", reg(uc, REG_RSP), reg(uc, REG_EFL));
	printk(KERN_DEFAULT "RAX: %016lx RBX: %016lx RCX: %016lx\n",
	       reg(uc, REG_RAX), reg(uc, REG_RBX), reg(uc, REG_RCX));
	printk(KERN_DEFAULT "RDX: %016lx RSI: %016lx RDI: %016lx\n",
	       reg(uc, REG_RDX), reg(uc, REG_RSI), reg(uc, REG_RDI));
	printk(KERN_DEFAULT "RBP: %016lx R08: %016lx R09: %016lx\n",
	       reg(uc, REG_RBP), reg(uc, REG_R8), reg(uc, REG_R9));
	printk(KERN_DEFAULT "R10: %016lx R11: %016lx R12: %016lx\n",
	       reg(uc, REG_R10), reg(uc, REG_R11), reg(uc, REG_R12));
	printk(KERN_DEFAULT "R13: %016lx R14: %016lx R15: %016lx\n",
	       reg(uc, REG_R13), reg(uc, REG_R14), reg(uc, REG_R15));
	printk(KERN_DEFAULT "FS:  %016lx(%04x) GS:%016lx(%04x) knlGS:%016lx\n",
	       (unsigned long)pthread_self(), 0, 0UL, 0, 0UL);
	printk(KERN_DEFAULT "CS:  %04x DS: %04x ES: %04x CR0: %016lx\n", 0x10, 0, 0, 0UL);
	printk(KERN_DEFAULT "CR2: %016lx CR3: %016lx CR4: %016lx\n", cr2, 0UL, 0UL);
}

/* The call trace below the faulting function: the frames after RIP's in the unwind
 * through the signal frame. */
static noinline void show_trace(unsigned long ip)
{
	void *frames[MAX_FRAMES];
	int n = host_backtrace(frames, MAX_FRAMES), i;

	for (i = 0; i < n && (unsigned long)frames[i] != ip; i++)
		;
	printk(KERN_DEFAULT "Call Trace:\n");
	printk(KERN_DEFAULT " <TASK>\n");
	if (i + 1 < n)
		print_stack_frames(KERN_DEFAULT, frames + i + 1, n - i - 1);
	printk(KERN_DEFAULT " </TASK>\n");
}

static void die_header(const char *str, unsigned long err)
{
	printk(KERN_DEFAULT "%s: %04lx [#%d] PREEMPT SMP NOPTI\n", str, err & 0xffff,
	       ++die_counter);
}

static void die_body(const ucontext_t *uc, unsigned long cr2)
{
	dump_stack_print_info(KERN_DEFAULT);
	show_regs(uc, cr2);
	show_trace(reg(uc, REG_RIP));
	print_modules();
}

static void show_fault_oops(unsigned long address, unsigned long err)
{
	if (address < PAGE_SIZE_BYTES)
		pr_alert("BUG: kernel NULL pointer dereference, address: %016lx\n", address);
	else
		pr_alert("BUG: unable to handle page fault for address: %016lx\n", address);
	pr_alert("#PF: supervisor %s in kernel mode\n",
		 err & X86_PF_INSTR ? "instruction fetch" :
		 err & X86_PF_WRITE ? "write access" : "read access");
	pr_alert("#PF: error_code(0x%04lx) - %s\n", err,
		 !(err & X86_PF_PROT) ? "not-present page" :
		 err & X86_PF_RSVD ? "reserved bit violation" :
		 err & X86_PF_PK ? "protection keys violation" : "permissions violation");
	pr_info("PGD 0 P4D 0 \n");
}

/* The general registers' slots in the context, by x86 register number. */
static const int gpr_slot[16] = {
	REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
	REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
};

/* The address a memory operand of the instruction at RIP refers to, for the common
 * moves and arithmetic with a ModRM operand; false when not decoded (the #GP line then
 * has no address, as the kernel prints it when its decoder cannot tell). */
static bool gp_address(const ucontext_t *uc, unsigned long *addr)
{
	unsigned char insn[16];
	struct iovec local = { insn, sizeof(insn) }, remote = { (void *)reg(uc, REG_RIP), sizeof(insn) };
	unsigned char rex = 0, op, modrm;
	int i = 0, mod, rm;
	long disp = 0;

	if (process_vm_readv(getpid(), &local, 1, &remote, 1, 0) != (ssize_t)sizeof(insn))
		return false;
	while (i < 4 && (insn[i] == 0x66 || insn[i] == 0xf2 || insn[i] == 0xf3 || insn[i] == 0xf0))
		i++;
	if ((insn[i] & 0xf0) == 0x40)
		rex = insn[i++];
	op = insn[i++];
	if (op == 0x0f) {
		op = insn[i++];
		if (op != 0xb6 && op != 0xb7 && op != 0xbe && op != 0xbf)
			return false;
	} else if (!((op < 0x40 && (op & 7) < 4) || (op >= 0x84 && op <= 0x8b) ||
		     op == 0xc6 || op == 0xc7 || (op >= 0x80 && op <= 0x83) || op == 0xff ||
		     op == 0xf6 || op == 0xf7)) {
		return false;
	}
	modrm = insn[i++];
	mod = modrm >> 6;
	rm = modrm & 7;
	if (mod == 3)
		return false;
	unsigned long base = 0, index = 0;

	if (rm == 4) {
		unsigned char sib = insn[i++];
		int scale = sib >> 6, idx = ((sib >> 3) & 7) | (rex & 2 ? 8 : 0);
		int b = (sib & 7) | (rex & 1 ? 8 : 0);

		if (idx != 4)
			index = reg(uc, gpr_slot[idx]) << scale;
		if ((sib & 7) == 5 && mod == 0) {
			memcpy(&disp, &insn[i], 4);
			disp = (int)disp;
			i += 4;
		} else {
			base = reg(uc, gpr_slot[b]);
		}
	} else if (rm == 5 && mod == 0) {
		return false;			/* RIP-relative: canonical */
	} else {
		base = reg(uc, gpr_slot[rm | (rex & 1 ? 8 : 0)]);
	}
	if (mod == 1) {
		disp = (signed char)insn[i];
	} else if (mod == 2) {
		int d;

		memcpy(&d, &insn[i], 4);
		disp = d;
	}
	*addr = base + index + (unsigned long)disp;
	return true;
}

static bool non_canonical(unsigned long addr)
{
	return (unsigned long)((long)(addr << 16) >> 16) != addr;
}

static bool oops(siginfo_t *info, void *ucontext)
{
	ucontext_t *uc = ucontext;
	unsigned long ip = reg(uc, REG_RIP), cr2 = 0, err = 0, gp;
	int sig = info->si_signo;
	char desc[128];

	if (oopsing || (!task_can_die() && !in_kernel_text(ip)))
		return false;
	oopsing = true;
	pthread_mutex_lock(&die_lock);
	report_begin();
	if ((sig == SIGSEGV || sig == SIGBUS) && reg(uc, REG_TRAPNO) != X86_TRAP_GP) {
		cr2 = (unsigned long)info->si_addr;
		err = (reg(uc, REG_ERR) & ~(unsigned long)X86_PF_USER) & 0xffff;
		show_fault_oops(cr2, err);
		snprintf(desc, sizeof(desc), "Oops");
	} else if (sig == SIGSEGV || sig == SIGBUS) {
		if (gp_address(uc, &gp) && non_canonical(gp))
			snprintf(desc, sizeof(desc),
				 "general protection fault, probably for non-canonical address 0x%lx", gp);
		else
			snprintf(desc, sizeof(desc), "general protection fault");
	} else {
		snprintf(desc, sizeof(desc), sig == SIGFPE ? "divide error" : "invalid opcode");
	}
	die_header(desc, err);
	die_body(uc, cr2);
	if (!strcmp(desc, "Oops"))
		printk(KERN_DEFAULT "CR2: %016lx\n", cr2);
	add_taint(TAINT_DIE, LOCKDEP_NOW_UNRELIABLE);
	print_oops_end_marker();
	show_regs(uc, cr2);			/* the executive summary */
	pthread_mutex_unlock(&die_lock);
	oopsing = false;
	if (panic_on_oops)
		panic("Fatal exception");
	if (task_can_die())
		make_task_dead(sig == SIGSEGV || sig == SIGBUS ? SIGKILL : sig);
	return false;
}

int trap_init(void)
{
	return host_fault_set_kernel_handler(oops);
}

void trap_exit(void)
{
	host_fault_set_kernel_handler(NULL);
}
