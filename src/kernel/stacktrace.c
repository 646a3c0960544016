// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/stacktrace.c: naming code addresses, dump_stack() and call traces in the
 * kernel's layout (" function+0xoff/0xsize [module]" between " <TASK>" and " </TASK>").
 *
 * Symbols come from each object file's ELF symbol table and DWARF, read with elfutils'
 * libdwfl, so static functions (nearly every driver function) are named; dladdr()'s
 * dynamic symbols are the fallback where an object has neither. With the boot option
 * stacktrace_decode=1 a trace line also shows file:line, inlined call sites after it,
 * as Linux's scripts/decode_stacktrace.sh prints them: " func (file.c:12 file.c:40) mod".
 *
 * Invariants: each object file is opened and its tables parsed at most once per load
 * (the Dwfl keeps them; an object is known by its load address and path, and a table
 * whose object has gone -- a module unloaded and another mapped there -- is dropped
 * with the whole cache); the cache is used under sym_lock only. A thread that faults
 * while holding sym_lock (a report made from inside the symboliser) falls back to
 * dladdr() rather than waiting for itself. */
#include <dlfcn.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <dwarf.h>
#include <link.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/export.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include "host/host.h"
#include "kernel/cpu.h"
#include "kernel/params.h"
#include "kernel/report.h"

#define MAX_FRAMES	48
#define MAX_OBJECTS	128

struct fsym {
	unsigned long addr, size;
	const char *name;		/* in the Dwfl's string tables */
};

struct sym_object {
	unsigned long start, end;	/* the object's mapped segments */
	unsigned long bias;		/* l_addr: load address minus link address */
	char *path;
	Dwfl_Module *mod;		/* NULL: libdwfl could not read the file */
	struct fsym *syms;		/* its functions, sorted by address */
	size_t nr_syms;
	bool kernel;			/* the program or libukmem: no [module] */
	char modname[64];
};

static pthread_mutex_t sym_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_t sym_owner;
static bool sym_owned;
static Dwfl *dwfl;
static struct sym_object objects[MAX_OBJECTS];
static int nr_objects;
static unsigned long long objects_subs;	/* dlclose()s seen when the table was made */
static bool decode;

static int set_decode(const char *v) { return params_bool(v, &decode) ? 0 : -1; }
UKMEM_SETUP("stacktrace_decode=", set_decode, "0");

/* Separate debug files are looked up locally, by build ID (/usr/lib/debug/.build-id, as
 * Debian's dbgsym packages install them): libdw's standard lookup ends by asking
 * debuginfod servers, which starts libcurl in whatever thread is printing a report. */
static char *debuginfo_path;
static const Dwfl_Callbacks callbacks = {
	.find_elf = dwfl_linux_proc_find_elf,
	.find_debuginfo = dwfl_build_id_find_debuginfo,
	.section_address = dwfl_offline_section_address,
	.debuginfo_path = &debuginfo_path,
};

static const char *base_name(const char *path)
{
	const char *slash = path ? strrchr(path, '/') : NULL;

	return slash ? slash + 1 : (path ? path : "?");
}

/* The name in brackets: a module's name ("faulty" for faulty.ko or faulty.so, '-' read
 * as '_'), or the file name of any other object. */
static void module_name(const char *path, char *buf, size_t size)
{
	const char *base = base_name(path);
	size_t len = strlen(base);

	if (len > 3 && (!strcmp(base + len - 3, ".ko") || !strcmp(base + len - 3, ".so")))
		len -= 3;
	snprintf(buf, size, "%.*s", (int)len, base);
	for (char *c = buf; *c; c++)
		if (*c == '-')
			*c = '_';
}

/* The program and libukmem are "the kernel": their frames carry no [module] suffix. */
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
	return !strcmp(path, self) || !strcmp(path, exe) ||
	       !strcmp(base_name(path), base_name(exe));
}

static void forget_objects(void)
{
	if (dwfl)
		dwfl_end(dwfl);
	dwfl = NULL;
	for (int i = 0; i < nr_objects; i++) {
		free(objects[i].path);
		free(objects[i].syms);
	}
	nr_objects = 0;
}

static int count_subs(struct dl_phdr_info *info, size_t size, void *data)
{
	*(unsigned long long *)data = info->dlpi_subs;
	return 1;
}

struct range_query {
	unsigned long bias, start, end;
	const char *name;
};

static int find_range(struct dl_phdr_info *info, size_t size, void *data)
{
	struct range_query *q = data;

	if (info->dlpi_addr != q->bias || strcmp(info->dlpi_name ? info->dlpi_name : "", q->name))
		return 0;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		unsigned long lo = info->dlpi_addr + ph->p_vaddr, hi = lo + ph->p_memsz;

		if (ph->p_type != PT_LOAD)
			continue;
		if (!q->start || lo < q->start)
			q->start = lo;
		if (hi > q->end)
			q->end = hi;
	}
	return 1;
}

static int by_addr(const void *a, const void *b)
{
	const struct fsym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* The object's functions (static ones included), read once into a sorted table. */
static void read_functions(struct sym_object *obj)
{
	int n = obj->mod ? dwfl_module_getsymtab(obj->mod) : -1;

	obj->syms = n > 0 ? calloc((size_t)n, sizeof(*obj->syms)) : NULL;
	if (!obj->syms)
		return;
	for (int i = 1; i < n; i++) {
		GElf_Sym sym;
		GElf_Addr addr;
		const char *name = dwfl_module_getsym_info(obj->mod, i, &sym, &addr, NULL, NULL, NULL);
		int type = GELF_ST_TYPE(sym.st_info);

		if (!name || !*name || sym.st_shndx == SHN_UNDEF ||
		    (type != STT_FUNC && type != STT_GNU_IFUNC))
			continue;
		obj->syms[obj->nr_syms++] = (struct fsym){ addr, sym.st_size, name };
	}
	qsort(obj->syms, obj->nr_syms, sizeof(*obj->syms), by_addr);
}

static const struct fsym *function_at(const struct sym_object *obj, unsigned long pc)
{
	size_t lo = 0, hi = obj->nr_syms;

	while (lo < hi) {			/* the first symbol above pc */
		size_t mid = (lo + hi) / 2;

		if (obj->syms[mid].addr <= pc)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* Of the symbols at that address (aliases), one whose size covers pc. */
	for (size_t i = lo; i-- > 0 && obj->syms[i].addr == obj->syms[lo - 1].addr;)
		if (pc < obj->syms[i].addr + obj->syms[i].size)
			return &obj->syms[i];
	return NULL;
}

/* The object holding addr, read into the cache on first use. Caller holds sym_lock. */
static struct sym_object *object_of(const void *addr)
{
	unsigned long pc = (unsigned long)addr;
	struct link_map *map = NULL;
	unsigned long long subs = 0;
	char exe[4096];
	const char *path;
	Dl_info info;

	dl_iterate_phdr(count_subs, &subs);
	if (subs != objects_subs) {		/* an object went: its range may be reused */
		forget_objects();
		objects_subs = subs;
	}
	for (int i = 0; i < nr_objects; i++)
		if (pc >= objects[i].start && pc < objects[i].end)
			return &objects[i];
	if (!dladdr1(addr, &info, (void **)&map, RTLD_DL_LINKMAP) || !map)
		return NULL;
	struct range_query q = { .bias = map->l_addr, .name = map->l_name ? map->l_name : "" };

	dl_iterate_phdr(find_range, &q);
	if (pc < q.start || pc >= q.end)
		return NULL;
	path = map->l_name;
	if (!path || !*path) {			/* the program itself */
		ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

		exe[n > 0 ? n : 0] = '\0';
		path = exe;
	}
	if (nr_objects == MAX_OBJECTS)
		forget_objects();
	if (!dwfl && !(dwfl = dwfl_begin(&callbacks)))
		return NULL;
	struct sym_object *obj = &objects[nr_objects];

	memset(obj, 0, sizeof(*obj));
	obj->start = q.start;
	obj->end = q.end;
	obj->bias = map->l_addr;
	obj->path = strdup(path);
	if (!obj->path)
		return NULL;
	dwfl_report_begin_add(dwfl);
	obj->mod = dwfl_report_elf(dwfl, base_name(path), path, -1, map->l_addr, true);
	dwfl_report_end(dwfl, NULL, NULL);
	read_functions(obj);
	obj->kernel = is_kernel_object(path);
	if (!obj->kernel)
		module_name(path, obj->modname, sizeof(obj->modname));
	nr_objects++;
	return obj;
}

/* file:line of pc, then each inlined call site outwards, as `addr2line -i` lists them;
 * false when the object has no line information. */
static bool source_lines(Dwfl_Module *mod, Dwarf_Addr pc, char *buf, size_t size)
{
	Dwfl_Line *line = dwfl_module_getsrc(mod, pc);
	const char *file, *comp_dir;
	Dwarf_Die *cu, *scopes = NULL;
	Dwarf_Addr bias;
	size_t used = 0;
	int lineno, n;

	if (!line || !(file = dwfl_lineinfo(line, NULL, &lineno, NULL, NULL, NULL)))
		return false;
	comp_dir = dwfl_line_comp_dir(line);
#define STRIP(f) (comp_dir && !strncmp(f, comp_dir, strlen(comp_dir)) && \
		  f[strlen(comp_dir)] == '/' ? f + strlen(comp_dir) + 1 : f)
	n = snprintf(buf, size, "%s:%d", STRIP(file), lineno);
	if (n < 0 || (size_t)n >= size)
		return true;
	used = (size_t)n;
	cu = dwfl_module_addrdie(mod, pc, &bias);
	n = cu ? dwarf_getscopes(cu, pc - bias, &scopes) : 0;
	Dwarf_Files *files = NULL;
	size_t nfiles = 0;

	if (n > 0 && dwarf_getsrcfiles(cu, &files, &nfiles))
		files = NULL;
	for (int i = 0; i < n && files; i++) {
		Dwarf_Attribute attr;
		Dwarf_Word fileidx, callline;

		if (dwarf_tag(&scopes[i]) != DW_TAG_inlined_subroutine)
			continue;
		if (dwarf_formudata(dwarf_attr(&scopes[i], DW_AT_call_file, &attr), &fileidx) ||
		    dwarf_formudata(dwarf_attr(&scopes[i], DW_AT_call_line, &attr), &callline))
			continue;
		const char *callfile = dwarf_filesrc(files, fileidx, NULL, NULL);
		int m = snprintf(buf + used, size - used, " %s:%lu",
				 callfile ? STRIP(callfile) : "??", (unsigned long)callline);

		if (m < 0 || (size_t)m >= size - used)
			break;
		used += (size_t)m;
	}
#undef STRIP
	free(scopes);
	return true;
}

/* Names addr from the symbol and debug tables; at is the byte looked up (for a return
 * address, the call before it). False when no table names it. */
static bool symbolize_dwarf(const void *addr, const void *at, bool lines, char *buf,
			    unsigned long size)
{
	const struct fsym *fn = NULL;
	struct sym_object *obj;
	char src[512];

	if (sym_owned && pthread_equal(sym_owner, pthread_self()))
		return false;
	pthread_mutex_lock(&sym_lock);
	sym_owner = pthread_self();
	sym_owned = true;
	obj = object_of(at);
	if (obj)
		fn = function_at(obj, (unsigned long)at);
	if (fn) {
		char mod[sizeof(obj->modname) + 3] = "";

		if (!obj->kernel)
			snprintf(mod, sizeof(mod), " [%s]", obj->modname);
		if (lines && source_lines(obj->mod, (Dwarf_Addr)at, src, sizeof(src)))
			snprintf(buf, size, "%s (%s)%s%s", fn->name, src, obj->kernel ? "" : " ",
				 obj->modname);
		else
			snprintf(buf, size, "%s+0x%lx/0x%lx%s", fn->name,
				 (unsigned long)addr - fn->addr, fn->size, mod);
	}
	sym_owned = false;
	pthread_mutex_unlock(&sym_lock);
	return fn != NULL;
}

/* The dynamic symbol table only (exported functions), or the object and offset. */
static const char *symbolize_dladdr(const void *addr, char *buf, unsigned long size)
{
	const ElfW(Sym) *sym = NULL;
	char modname[256];
	Dl_info info;

	if (!dladdr1(addr, &info, (void **)&sym, RTLD_DL_SYMENT) || !info.dli_sname || !sym) {
		if (dladdr(addr, &info) && info.dli_fname) {
			module_name(info.dli_fname, modname, sizeof(modname));
			snprintf(buf, size, "0x%lx [%s]",
				 (unsigned long)addr - (unsigned long)info.dli_fbase, modname);
		} else {
			snprintf(buf, size, "0x%lx", (unsigned long)addr);
		}
		return buf;
	}
	unsigned long off = (unsigned long)addr - (unsigned long)info.dli_saddr;
	int n = snprintf(buf, size, "%s+0x%lx/0x%lx", info.dli_sname, off,
			 (unsigned long)sym->st_size);

	if (n > 0 && (unsigned long)n < size && !is_kernel_object(info.dli_fname)) {
		module_name(info.dli_fname, modname, sizeof(modname));
		snprintf(buf + n, size - (unsigned long)n, " [%s]", modname);
	}
	return buf;
}

/**
 * ukmem_symbolize - name a code address as the kernel's %pS does
 * @addr: the address
 * @buf: where the name goes
 * @size: its size
 *
 * Writes "function+0xoff/0xsize", followed by " [module]" for code outside the kernel
 * (the program and libukmem), or the object and offset when no table names @addr.
 * Context: any thread; takes a mutex (not from a signal handler that interrupted a
 * symbolisation on the same thread: that falls back to the dynamic symbols).
 * Return: @buf.
 */
const char *ukmem_symbolize(const void *addr, char *buf, unsigned long size)
{
	if (symbolize_dwarf(addr, addr, false, buf, size))
		return buf;
	return symbolize_dladdr(addr, buf, size);
}

/* A frame's name: return addresses (ret) are looked up by the call before them and
 * printed with their own offset, as %pB does; with stacktrace_decode=1, file:line. */
const char *ukmem_symbolize_frame(const void *addr, bool ret, char *buf, unsigned long size)
{
	const char *at = (const char *)addr - (ret ? 1 : 0);

	if (symbolize_dwarf(addr, at, decode, buf, size))
		return buf;
	return symbolize_dladdr(at, buf, size);
}

/* Index of the first frame above fn's own (inlining and tail calls make a fixed count
 * unreliable). */
static int first_caller_frame(void **frames, int n, const void *fn)
{
	for (int i = 0; i < n; i++) {
		Dl_info info;

		if (dladdr((char *)frames[i] - 1, &info) && info.dli_saddr == fn)
			return i + 1;
	}
	return 0;
}

/* The C library's own frames at the bottom of every stack (__libc_start_main,
 * start_thread, clone3) stand where the kernel's entry code would: left out. */
static bool is_start_frame(const void *addr)
{
	Dl_info info;

	return dladdr(addr, &info) &&
	       ((info.dli_fname && !strncmp(base_name(info.dli_fname), "libc.so", 7)) ||
		(info.dli_sname && !strcmp(info.dli_sname, "_start")));
}

void print_stack_frames(const char *log_lvl, void *const *frames, int n)
{
	char sym[512];

	while (n > 0 && is_start_frame((const char *)frames[n - 1] - 1))
		n--;
	for (int i = 0; i < n; i++)
		printk("%s %s\n", log_lvl, ukmem_symbolize_frame(frames[i], true, sym, sizeof(sym)));
}

noinline void show_stack_lvl(const char *log_lvl, int skip)
{
	void *frames[MAX_FRAMES];
	int n = host_backtrace(frames, MAX_FRAMES), first = first_caller_frame(frames, n, show_stack_lvl) + skip;

	printk("%sCall Trace:\n", log_lvl);
	printk("%s <TASK>\n", log_lvl);
	if (first < n)
		print_stack_frames(log_lvl, frames + first, n - first);
	printk("%s </TASK>\n", log_lvl);
}

void dump_stack_print_info(const char *log_lvl)
{
	printk("%sCPU: %d PID: %d Comm: %.20s %s 6.1.0-ukmem #1\n", log_lvl,
	       (int)cpu_current(), current->pid, current->comm, print_tainted());
	printk("%sHardware name: ukmem virtual machine, BIOS ukmem 01/01/2026\n", log_lvl);
}

/**
 * dump_stack_lvl - print the current task's line and its call trace
 * @log_lvl: the printk level of every line
 *
 * Context: any; may be slow the first time a module's code is named (its tables are read).
 */
noinline void dump_stack_lvl(const char *log_lvl)
{
	dump_stack_print_info(log_lvl);
	show_stack_lvl(log_lvl, 0);
}
EXPORT_SYMBOL(dump_stack_lvl);

/**
 * dump_stack - dump_stack_lvl() at the default level
 *
 * Context: any context; does not sleep.
 */
void dump_stack(void)
{
	dump_stack_lvl(KERN_DEFAULT);
}
EXPORT_SYMBOL(dump_stack);

/**
 * stack_trace_save - save the calling thread's call chain
 * @store: where the return addresses go, innermost first
 * @size: room in @store
 * @skipnr: frames to leave out above the caller's own (the caller is the first kept)
 *
 * The C library's frames at the bottom of the stack (thread start) are left out, as the
 * kernel's trace ends at its entry code.
 * Context: any; does not sleep or allocate.
 * Return: the number of entries stored.
 */
noinline unsigned int stack_trace_save(unsigned long *store, unsigned int size,
				       unsigned int skipnr)
{
	void *frames[MAX_FRAMES];
	int n = host_backtrace(frames, MAX_FRAMES);
	unsigned int first = first_caller_frame(frames, n, stack_trace_save) + skipnr, nr = 0;

	while (n > 0 && is_start_frame((const char *)frames[n - 1] - 1))
		n--;
	for (unsigned int i = first; i < (unsigned int)n && nr < size; i++)
		store[nr++] = (unsigned long)frames[i];
	return nr;
}
EXPORT_SYMBOL_GPL(stack_trace_save);

/**
 * stack_trace_snprint - print a saved trace into a buffer, a frame a line
 * @buf: the buffer (may be NULL when @size is 0)
 * @size: its size
 * @entries: the addresses
 * @nr_entries: how many
 * @spaces: indentation of each line beyond the first column
 *
 * Each line is the symbol of an address as %pS prints it. The text is cut at @size
 * (always terminated when @size > 0), as snprintf() does.
 * Context: any; may be slow the first time a module's code is named.
 * Return: the length the whole text has (more than @size - 1 if it was cut).
 */
int stack_trace_snprint(char *buf, size_t size, const unsigned long *entries,
			unsigned int nr_entries, int spaces)
{
	int total = 0;

	if (WARN_ON(!entries))
		return 0;
	for (unsigned int i = 0; i < nr_entries; i++) {
		size_t left = (size_t)total < size ? size - total : 0;
		int n = snprintf(left ? buf + total : NULL, left, "%*c%pS\n", 1 + spaces, ' ',
				 (void *)entries[i]);

		total += n;
	}
	return total;
}
EXPORT_SYMBOL_GPL(stack_trace_snprint);

/**
 * stack_trace_print - print a saved trace to the kernel log, a frame a line
 * @entries: the addresses
 * @nr_entries: how many
 * @spaces: indentation of each line beyond the first column
 *
 * Context: any; may be slow the first time a module's code is named.
 */
void stack_trace_print(const unsigned long *entries, unsigned int nr_entries, int spaces)
{
	if (WARN_ON(!entries))
		return;
	for (unsigned int i = 0; i < nr_entries; i++)
		printk("%*c%pS\n", 1 + spaces, ' ', (void *)entries[i]);
}
EXPORT_SYMBOL_GPL(stack_trace_print);

/**
 * filter_irq_stacks - cut a trace at the entry into an interrupt handler
 * @entries: the addresses
 * @nr_entries: how many
 *
 * ukmem runs interrupt handlers on threads of their own whose traces begin at the
 * handler, so no trace crosses an interrupt entry and every entry is kept.
 * Context: any.
 * Return: @nr_entries.
 */
unsigned int filter_irq_stacks(unsigned long *entries, unsigned int nr_entries)
{
	return nr_entries;
}
EXPORT_SYMBOL_GPL(filter_irq_stacks);
