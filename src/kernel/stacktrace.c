/* kernel/stacktrace.c: dump_stack() and symbolised call traces in the kernel's layout
 * (" function+0xoff/0xsize [object]"). Symbols come from the dynamic symbol tables
 * (dladdr1); link programs with -rdynamic to see their own function names. */
#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include "host/host.h"
#include "kernel/report.h"
#include "kernel/cpu.h"

#define MAX_FRAMES 48

static const char *object_name(const char *path)
{
	const char *slash = path ? strrchr(path, '/') : NULL;

	return slash ? slash + 1 : (path ? path : "?");
}

/* The program and libukmem are "the kernel": their frames carry no [object] suffix. */
static bool is_kernel_object(const char *path)
{
	static char self[4096], exe[4096];
	Dl_info me;

	if (!path || !*path)
		return true;
	if (!self[0] && dladdr((void *)ukmem_symbolize, &me) && me.dli_fname)
		snprintf(self, sizeof(self), "%s", me.dli_fname);
	if (!exe[0]) {
		ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

		exe[n > 0 ? n : 0] = '\0';
	}
	return !strcmp(path, self) || !strcmp(object_name(path), object_name(exe));
}

const char *ukmem_symbolize(const void *addr, char *buf, unsigned long size)
{
	Dl_info info;
	const ElfW(Sym) *sym = NULL;

	if (!dladdr1(addr, &info, (void **)&sym, RTLD_DL_SYMENT) || !info.dli_sname || !sym) {
		if (dladdr(addr, &info) && info.dli_fname)
			snprintf(buf, size, "0x%lx [%s]",
				 (unsigned long)addr - (unsigned long)info.dli_fbase,
				 object_name(info.dli_fname));
		else
			snprintf(buf, size, "0x%lx", (unsigned long)addr);
		return buf;
	}
	unsigned long off = (unsigned long)addr - (unsigned long)info.dli_saddr;
	int n = snprintf(buf, size, "%s+0x%lx/0x%lx", info.dli_sname, off,
			 (unsigned long)sym->st_size);
	if (n > 0 && (unsigned long)n < size && !is_kernel_object(info.dli_fname))
		snprintf(buf + n, size - (unsigned long)n, " [%s]", object_name(info.dli_fname));
	return buf;
}

/* Index of the first frame above show_stack_lvl itself (inlining and tail calls make a
 * fixed count unreliable). */
static int first_caller_frame(void **frames, int n)
{
	for (int i = 0; i < n; i++) {
		Dl_info info;

		if (dladdr((char *)frames[i] - 1, &info) && info.dli_saddr == (void *)show_stack_lvl)
			return i + 1;
	}
	return 0;
}

noinline void show_stack_lvl(const char *log_lvl, int skip)
{
	void *frames[MAX_FRAMES];
	int n = host_backtrace(frames, MAX_FRAMES);
	char sym[256];

	printk("%sCall Trace:\n", log_lvl);
	printk("%s <TASK>\n", log_lvl);
	for (int i = first_caller_frame(frames, n) + skip; i < n; i++) {
		/* Return addresses point after the call; step back into it to name the caller. */
		const char *s = ukmem_symbolize((char *)frames[i] - 1, sym, sizeof(sym));

		if (!strncmp(s, "__libc_start", 12) || !strncmp(s, "_start+", 7))
			break;
		printk("%s %s\n", log_lvl, s);
	}
	printk("%s </TASK>\n", log_lvl);
}

void dump_stack_print_info(const char *log_lvl)
{
	printk("%sCPU: %d PID: %d Comm: %.20s %s 6.1.0-ukmem #1\n", log_lvl,
	       (int)cpu_current(), current->pid, current->comm, print_tainted());
	printk("%sHardware name: ukmem virtual machine, BIOS ukmem 01/01/2026\n", log_lvl);
}

noinline void dump_stack_lvl(const char *log_lvl)
{
	dump_stack_print_info(log_lvl);
	show_stack_lvl(log_lvl, 0);
}

void dump_stack(void)
{
	dump_stack_lvl(KERN_DEFAULT);
}
