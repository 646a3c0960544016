// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/kfence/report.c: KFENCE's reports in Linux 6.1's words and layout (the header line,
 * the access stack, the object with its allocation and free stacks, the CPU and hardware
 * lines between ===== rules), the object listing of /sys/kernel/debug/kfence/objects,
 * and the stacks KFENCE records. Stacks start at the first frame outside the allocator:
 * frames up to the slab entry point (kfree, kmem_cache_free, __kmalloc*, kmem_cache_alloc*,
 * and ukmem's inline kmalloc wrappers) are skipped, and so are the frames of a shared
 * libukmem (the malloc preload), whose functions are local to it. A fault's stack starts
 * at the faulting instruction, taken from the signal context. */
#include <stdarg.h>
#include <string.h>
#include <ucontext.h>
#include <dlfcn.h>
#include <sys/auxv.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include "host/host.h"
#include "kernel/report.h"
#include "mm/kfence/kfence.h"
#include "mm/slab.h"

extern bool no_hash_pointers;

__printf(2, 3) static void seq_con_printf(struct seq_file *seq, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	if (seq)
		seq_vprintf(seq, fmt, args);
	else
		vprintk(fmt, args);
	va_end(args);
}

/* Whether addr is code of this library when the library is a shared object of its own
 * (libukmem-malloc.so): then it is allocator code, named or not. */
static bool in_shared_library(unsigned long addr)
{
	static int shared = -1;
	static void *self_base;
	Dl_info self, exe;

	if (shared < 0) {
		if (!dladdr((void *)kfence_stack_save, &self) ||
		    !dladdr((void *)getauxval(AT_PHDR), &exe))
			return false;
		self_base = self.dli_fbase;
		shared = self.dli_fbase != exe.dli_fbase;
	}
	return shared && dladdr((void *)addr, &self) && self.dli_fbase == self_base;
}

noinline int kfence_stack_save(unsigned long *entries, int skip)
{
	void *frames[KFENCE_STACK_DEPTH + 8];
	int n = host_backtrace(frames, KFENCE_STACK_DEPTH + 8), first = 1 + skip, nr = 0;

	for (int i = first; i < n && nr < KFENCE_STACK_DEPTH; i++)
		entries[nr++] = (unsigned long)frames[i];
	return nr;
}

int kfence_stack_from_caller(unsigned long *entries, int nr, bool *found)
{
	unsigned long caller = kfence_caller;

	for (int i = 0; caller && i < nr; i++) {
		if (entries[i] != caller)
			continue;
		while (i < nr - 1 && in_shared_library(entries[i]))
			i++;	/* malloc() & co. of the preload: the program called them */
		memmove(entries, entries + i, (size_t)(nr - i) * sizeof(*entries));
		*found = true;
		return nr - i;
	}
	*found = false;
	return nr;
}

/* A fault's stack: the faulting instruction, then the frames the unwinder found above
 * the signal frame (glibc's backtrace() passes through it and reports the interrupted
 * instruction as is). */
static int stack_save_regs(struct pt_regs *regs, unsigned long *entries)
{
	unsigned long ip = (unsigned long)((ucontext_t *)regs)->uc_mcontext.gregs[REG_RIP];
	void *frames[KFENCE_STACK_DEPTH + 32];
	int n = host_backtrace(frames, KFENCE_STACK_DEPTH + 32), nr = 0, i;

	for (i = 0; i < n && (unsigned long)frames[i] != ip; i++)
		;
	if (i == n)
		i = n - 1;
	entries[nr++] = ip;
	for (i++; i < n && nr < KFENCE_STACK_DEPTH; i++)
		entries[nr++] = (unsigned long)frames[i];
	return nr;
}

static bool has_prefix(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* The number of entries to skip to get out of the allocator. type NULL: an allocation
 * or free stack. */
static int get_stack_skipnr(const unsigned long *entries, int num, const enum kfence_error_type *type)
{
	static const char *const entry_points[] = {
		"kfree", "kmem_cache_free", "__kmalloc", "kmem_cache_alloc",
		"krealloc", "kmemdup", "kstrdup", "kstrndup", "kvmalloc", "kvfree",
	};
	char buf[256];
	int skipnr, fallback = 0;

	if (type && (*type == KFENCE_ERROR_UAF || *type == KFENCE_ERROR_OOB ||
		     *type == KFENCE_ERROR_INVALID))
		return 0;
	for (skipnr = 0; skipnr < num; skipnr++) {
		const char *s = ukmem_symbolize((void *)entries[skipnr], buf, sizeof(buf));

		if (in_shared_library(entries[skipnr]) || has_prefix(s, "kfence_") ||
		    has_prefix(s, "__kfence_") || has_prefix(s, "slab_"))
			fallback = skipnr + 1;
		for (unsigned int i = 0; i < ARRAY_SIZE(entry_points); i++)
			if (has_prefix(s, entry_points[i]))
				goto found;
	}
	return fallback < num ? fallback : 0;
found:
	skipnr++;
	return skipnr < num ? skipnr : 0;
}

/* Frames from the C library's start-up on (and any C library frame after the first
 * printed: a fault in memset() shows memset) are not the program's. */
static bool end_of_stack(const char *sym, bool after_first)
{
	return has_prefix(sym, "__libc_start") || has_prefix(sym, "_start+") ||
	       (after_first && strstr(sym, " [libc.so"));
}

static void kfence_print_stack(struct seq_file *seq, const struct kfence_metadata *meta,
			       bool show_alloc)
{
	const struct kfence_track *track = show_alloc ? &meta->alloc_track : &meta->free_track;
	const u64 ts_sec = track->ts_nsec / NSEC_PER_SEC;
	const unsigned long rem_nsec = (unsigned long)(track->ts_nsec % NSEC_PER_SEC);

	seq_con_printf(seq, "%s by task %d on cpu %d at %lu.%06lus:\n",
		       show_alloc ? "allocated" : "freed", track->pid, track->cpu,
		       (unsigned long)ts_sec, rem_nsec / 1000);
	if (track->num_stack_entries) {
		const int first = *kfence_track_from_caller(meta, track) ? 0 :
				  get_stack_skipnr(track->stack_entries, track->num_stack_entries, NULL);

		for (int i = first; i < track->num_stack_entries; i++) {
			char buf[256];
			const char *s = ukmem_symbolize((void *)track->stack_entries[i], buf, sizeof(buf));

			if (end_of_stack(s, i > first))
				break;
			seq_con_printf(seq, " %s\n", s);
		}
	} else {
		seq_con_printf(seq, " no %s stack\n", show_alloc ? "allocation" : "deallocation");
	}
}

void kfence_print_object(struct seq_file *seq, const struct kfence_metadata *meta)
{
	const int size = (int)meta->size;
	const unsigned long start = meta->addr;
	const struct kmem_cache *const cache = meta->cache;

	if (meta->state == KFENCE_OBJECT_UNUSED) {
		seq_con_printf(seq, "kfence-#%td unused\n", meta - kfence_metadata);
		return;
	}
	seq_con_printf(seq, "kfence-#%td: 0x%p-0x%p, size=%d, cache=%s\n\n",
		       meta - kfence_metadata, (void *)start, (void *)(start + size - 1), size,
		       (cache && cache->name) ? cache->name : "<destroyed>");
	kfence_print_stack(seq, meta, true);
	if (meta->state == KFENCE_OBJECT_FREED) {
		seq_con_printf(seq, "\n");
		kfence_print_stack(seq, meta, false);
	}
}

/* The bytes from address that differ from their canary (up to 16, never the object nor
 * the guard page after): " ." for an intact byte, " !" (or the value, with
 * no_hash_pointers) for a changed one. */
static void print_diff_canary(unsigned long address, size_t bytes_to_show,
			      const struct kfence_metadata *meta)
{
	const unsigned long show_until = address + bytes_to_show;
	const u8 *cur, *end;

	end = (const u8 *)(address < meta->addr ? min(show_until, meta->addr)
					       : min(show_until, PAGE_ALIGN(address)));
	pr_cont("[");
	for (cur = (const u8 *)address; cur < end; cur++) {
		if (*cur == KFENCE_CANARY_PATTERN(cur))
			pr_cont(" .");
		else if (no_hash_pointers)
			pr_cont(" 0x%02x", *cur);
		else
			pr_cont(" !");
	}
	pr_cont(" ]");
}

static const char *get_access_type(bool is_write)
{
	return is_write ? "write" : "read";
}

void kfence_report_error(unsigned long address, bool is_write, struct pt_regs *regs,
			 const struct kfence_metadata *meta, enum kfence_error_type type)
{
	unsigned long entries[KFENCE_STACK_DEPTH] = { 0 };
	const ptrdiff_t object_index = meta ? meta - kfence_metadata : -1;
	int num, skipnr = 0;

	if (regs) {
		num = stack_save_regs(regs, entries);
	} else {
		bool found;

		num = kfence_stack_from_caller(entries, kfence_stack_save(entries, 0), &found);
		if (!found)
			skipnr = get_stack_skipnr(entries, num, &type);
	}
	if (WARN_ON(type != KFENCE_ERROR_INVALID && !meta))
		return;
	report_begin();
	pr_err("==================================================================\n");
	switch (type) {
	case KFENCE_ERROR_OOB: {
		const bool left_of_object = address < meta->addr;

		pr_err("BUG: KFENCE: out-of-bounds %s in %pS\n\n", get_access_type(is_write),
		       (void *)entries[skipnr]);
		pr_err("Out-of-bounds %s at 0x%p (%luB %s of kfence-#%td):\n",
		       get_access_type(is_write), (void *)address,
		       left_of_object ? meta->addr - address : address - meta->addr,
		       left_of_object ? "left" : "right", object_index);
		break;
	}
	case KFENCE_ERROR_UAF:
		pr_err("BUG: KFENCE: use-after-free %s in %pS\n\n", get_access_type(is_write),
		       (void *)entries[skipnr]);
		pr_err("Use-after-free %s at 0x%p (in kfence-#%td):\n",
		       get_access_type(is_write), (void *)address, object_index);
		break;
	case KFENCE_ERROR_CORRUPTION:
		pr_err("BUG: KFENCE: memory corruption in %pS\n\n", (void *)entries[skipnr]);
		pr_err("Corrupted memory at 0x%p ", (void *)address);
		print_diff_canary(address, 16, meta);
		pr_cont(" (in kfence-#%td):\n", object_index);
		break;
	case KFENCE_ERROR_INVALID:
		pr_err("BUG: KFENCE: invalid %s in %pS\n\n", get_access_type(is_write),
		       (void *)entries[skipnr]);
		pr_err("Invalid %s at 0x%p:\n", get_access_type(is_write), (void *)address);
		break;
	case KFENCE_ERROR_INVALID_FREE:
		pr_err("BUG: KFENCE: invalid free in %pS\n\n", (void *)entries[skipnr]);
		pr_err("Invalid free of 0x%p (in kfence-#%td):\n", (void *)address, object_index);
		break;
	}
	for (int i = skipnr; i < num; i++) {
		char buf[256];
		const char *s = ukmem_symbolize((void *)entries[i], buf, sizeof(buf));

		if (end_of_stack(s, i > skipnr))
			break;
		printk(KERN_ERR " %s\n", s);
	}
	if (meta) {
		pr_err("\n");
		kfence_print_object(NULL, meta);
	}
	pr_err("\n");
	dump_stack_print_info(KERN_ERR);
	pr_err("==================================================================\n");
	add_taint(TAINT_BAD_PAGE, LOCKDEP_STILL_OK);
	check_panic_on_warn("KFENCE");
}
