// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/kmemleak.c: the kernel's memory leak detector (kmemleak=on). Allocators register
 * each object (kmemleak_alloc/kmemleak_vmalloc) and unregister it on free; a scan
 * (ukmem_kmemleak_scan(), and one at machine shutdown) counts, for every object, the
 * words that point into it: first in the roots -- the data and bss of every loaded
 * object, the calling thread's stack and registers, the stacks of threads blocked in a
 * system call -- then in every object found referenced, until no new object is. The
 * slab allocator registers every object it hands out (and large kmallocs), vmalloc its
 * areas.
 * An object with fewer references than its min_count is unreferenced: it is reported
 * once, in the kernel's words, and listed in /sys/kernel/debug/kmemleak. As in Linux, a
 * scan leaves out objects younger than jiffies_min_age (5 s) when it starts: one just
 * allocated may not be linked anywhere yet. The last scan, at shutdown, takes every
 * object (nothing runs any more that could still link one).
 * Invariants: objects do not overlap; the registry lives in host memory, which is never
 * scanned, so kmemleak's own bookkeeping references nothing; min_count -1 is "black"
 * (never reported), 0 is "gray" from the start (scanned, never reported). */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <ukmem.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/kmemleak.h>
#include <linux/mm.h>
#include <linux/rbtree.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include "debug/track.h"
#include <linux/seq_file.h>
#include <linux/export.h>
#include "host/host.h"
#include "host/stacks.h"
#include "kernel/params.h"
#include "kernel/report.h"
#include "machine/boot.h"
#include "machine/initcalls.h"
#include "mm/kmemleak.h"
#include "mm/vmap_area.h"

#define TRACE_DEPTH		16
#define HEX_ROW_SIZE		16
#define HEX_MAX_LINES		2
#define OBJECT_BLACK		(-1)
/* A vmalloc area's bookkeeping word: its vm_struct's addr. It sits in a slab object,
 * which is scanned, but is no reference; nor is VMALLOC_START, which the first area
 * starts at. (The vmap_areas' own bounds are left out of the scan by scan areas.) */
#define NR_BOOKKEEPING		1
#define MAX_SCAN_AREAS		4
#define MSECS_MIN_AGE		5000

enum { OBJECT_NO_SCAN = 1, OBJECT_REPORTED = 2, OBJECT_UNREFERENCED = 4 };

struct kmemleak_object {
	struct rb_node node;
	unsigned long pointer;
	size_t size;
	int min_count;
	int count;		/* references found by the current scan */
	unsigned int flags;
	unsigned long alloc_jiffies;
	pid_t pid;
	char comm[TASK_COMM_LEN];
	int trace_len;
	void *trace[TRACE_DEPTH];
	unsigned long bookkeeping[NR_BOOKKEEPING];	/* vmalloc areas; 0: none */
	int nr_areas;		/* 0: the whole object is scanned; else only these */
	struct { unsigned long start, size; } areas[MAX_SCAN_AREAS];
};

bool kmemleak_enabled;
static unsigned long jiffies_min_age;	/* objects younger at a scan's start are left out */
static unsigned long jiffies_last_scan;	/* when the last scan started (kmemleak_lock) */
static struct rb_root object_tree = RB_ROOT;
static unsigned long nr_objects;
static pthread_mutex_t kmemleak_lock = PTHREAD_MUTEX_INITIALIZER;

static int set_kmemleak(const char *v)
{
	if (!strcmp(v, "on"))
		kmemleak_enabled = true;
	else if (!strcmp(v, "off"))
		kmemleak_enabled = false;
	else
		return -EINVAL;
	return 0;
}
UKMEM_SETUP("kmemleak=", set_kmemleak, "off");

/* ---- the registry ---------------------------------------------------------------- */

/* The object holding addr; the caller holds kmemleak_lock. */
static struct kmemleak_object *lookup_containing(unsigned long addr)
{
	struct rb_node *n = object_tree.rb_node;

	while (n) {
		struct kmemleak_object *o = rb_entry(n, struct kmemleak_object, node);

		if (addr < o->pointer)
			n = n->rb_left;
		else if (addr >= o->pointer + (o->size ? o->size : 1))
			n = n->rb_right;
		else
			return o;
	}
	return NULL;
}

static struct kmemleak_object *lookup_exact(unsigned long ptr)
{
	struct kmemleak_object *o = lookup_containing(ptr);

	return o && o->pointer == ptr ? o : NULL;
}

static bool object_less(struct rb_node *a, const struct rb_node *b)
{
	return rb_entry(a, struct kmemleak_object, node)->pointer <
	       rb_entry(b, struct kmemleak_object, node)->pointer;
}

/* The allocation's call stack from the frame that returns to caller on. */
static void save_trace(struct kmemleak_object *o, const void *caller)
{
	void *frames[TRACE_DEPTH + 4];
	int n = host_backtrace(frames, TRACE_DEPTH + 4), first = 0;

	while (first < n && frames[first] != caller)
		first++;
	if (first == n)
		first = 0;
	o->trace_len = min(n - first, TRACE_DEPTH);
	memcpy(o->trace, frames + first, (size_t)o->trace_len * sizeof(void *));
}

/* Registers [ptr, ptr+size), allocated by the code that returns to caller. */
static void create_object(unsigned long ptr, size_t size, int min_count, const void *caller,
			  const unsigned long *bookkeeping)
{
	struct kmemleak_object *o = calloc(1, sizeof(*o));

	if (!o)
		return;
	o->pointer = ptr;
	o->size = size;
	o->min_count = min_count;
	o->alloc_jiffies = jiffies;
	o->pid = current->pid;
	memcpy(o->comm, current->comm, sizeof(o->comm));
	save_trace(o, caller);
	if (bookkeeping)
		memcpy(o->bookkeeping, bookkeeping, sizeof(o->bookkeeping));
	pthread_mutex_lock(&kmemleak_lock);
	if (lookup_exact(ptr)) {
		pthread_mutex_unlock(&kmemleak_lock);
		free(o);
		return;
	}
	rb_add(&o->node, &object_tree, object_less);
	nr_objects++;
	pthread_mutex_unlock(&kmemleak_lock);
}

/**
 * kmemleak_alloc - tell kmemleak about a new block of memory to track
 * @ptr: the block's start (NULL and error pointers are ignored)
 * @size: its size
 * @min_count: how many references it needs to not be a leak (0: never reported, -1: ignored)
 * @gfp: allocation flags (unused by ukmem)
 *
 * The allocators call this themselves; a driver needs it only for memory of its own.
 * Does nothing unless kmemleak=on.
 *
 * Context: any context; takes kmemleak_lock (a host mutex, held briefly) and does not sleep.
 */
noinline void kmemleak_alloc(const void *ptr, size_t size, int min_count, gfp_t gfp)
{
	if (kmemleak_enabled && ptr && !IS_ERR(ptr))
		create_object((unsigned long)ptr, size, min_count, __builtin_return_address(0),
			      NULL);
}
EXPORT_SYMBOL_GPL(kmemleak_alloc);

/**
 * kmemleak_vmalloc - tell kmemleak about a vmalloc() area
 * @area: the area
 * @size: its size
 * @gfp: allocation flags (unused by ukmem)
 *
 * The area is referenced through its vm_struct, so it is a leak only when that reference
 * goes too.
 *
 * Context: as kmemleak_alloc().
 */
noinline void kmemleak_vmalloc(const struct vm_struct *area, size_t size, gfp_t gfp)
{
	struct vmap_area *va;

	if (!kmemleak_enabled)
		return;
	va = find_vmap_area((unsigned long)area->addr);
	if (!va)
		return;
	create_object((unsigned long)area->addr, size, 1, __builtin_return_address(0),
		      (unsigned long[NR_BOOKKEEPING]){ (unsigned long)&area->addr });
}
EXPORT_SYMBOL_GPL(kmemleak_vmalloc);

/**
 * kmemleak_free - tell kmemleak a tracked block was freed
 * @ptr: the block's start, or NULL
 *
 * Context: any context; takes kmemleak_lock (a host mutex, held briefly).
 */
void kmemleak_free(const void *ptr)
{
	struct kmemleak_object *o;

	if (!kmemleak_enabled || !ptr)
		return;
	pthread_mutex_lock(&kmemleak_lock);
	o = lookup_exact((unsigned long)ptr);
	if (o) {
		rb_erase(&o->node, &object_tree);
		nr_objects--;
	}
	pthread_mutex_unlock(&kmemleak_lock);
	free(o);
}
EXPORT_SYMBOL_GPL(kmemleak_free);

static void update_object(const void *ptr, int min_count, unsigned int set_flags)
{
	struct kmemleak_object *o;

	if (!kmemleak_enabled)
		return;
	pthread_mutex_lock(&kmemleak_lock);
	o = lookup_exact((unsigned long)ptr);
	if (o) {
		if (min_count != 1)
			o->min_count = min_count;
		o->flags |= set_flags;
	}
	pthread_mutex_unlock(&kmemleak_lock);
}

/**
 * kmemleak_not_leak - never report a tracked block as a leak, but still scan it
 * @ptr: the block's start
 *
 * Context: any context; takes kmemleak_lock (a host mutex, held briefly).
 */
void kmemleak_not_leak(const void *ptr)
{
	update_object(ptr, 0, 0);
}
EXPORT_SYMBOL(kmemleak_not_leak);

/**
 * kmemleak_ignore - neither report nor scan a tracked block
 * @ptr: the block's start
 *
 * Context: any context; takes kmemleak_lock (a host mutex, held briefly).
 */
void kmemleak_ignore(const void *ptr)
{
	update_object(ptr, OBJECT_BLACK, OBJECT_NO_SCAN);
}
EXPORT_SYMBOL(kmemleak_ignore);

/**
 * kmemleak_no_scan - do not scan a tracked block for references (it may still leak)
 * @ptr: the block's start
 *
 * Context: any context; takes kmemleak_lock (a host mutex, held briefly).
 */
void kmemleak_no_scan(const void *ptr)
{
	update_object(ptr, 1, OBJECT_NO_SCAN);
}
EXPORT_SYMBOL(kmemleak_no_scan);

/**
 * kmemleak_scan_area - scan only part of an object
 * @ptr: the start of the part, inside an object kmemleak knows
 * @size: its length in bytes
 * @gfp: unused (the area is kept with the object)
 *
 * Context: any; takes kmemleak's lock. Once an object has scan areas, a scan reads only
 * them for pointers. An object takes up to four areas; a fifth, or a part outside the
 * object, is refused with a kmemleak warning and the object is scanned as before.
 */
void kmemleak_scan_area(const void *ptr, size_t size, gfp_t gfp)
{
	unsigned long start = (unsigned long)ptr;
	struct kmemleak_object *o;
	const char *why = NULL;

	if (!kmemleak_enabled || !ptr || !size)
		return;
	pthread_mutex_lock(&kmemleak_lock);
	o = lookup_containing(start);
	if (!o)
		why = "Adding scan area to unknown object";
	else if (start + size > o->pointer + o->size)
		why = "Scan area larger than object";
	else if (o->nr_areas == MAX_SCAN_AREAS)
		why = "Cannot allocate a scan area";
	else {
		o->areas[o->nr_areas].start = start;
		o->areas[o->nr_areas++].size = size;
	}
	pthread_mutex_unlock(&kmemleak_lock);
	if (why)
		pr_warn("kmemleak: %s at 0x%08lx\n", why, start);
}
EXPORT_SYMBOL(kmemleak_scan_area);

static void drop_all_objects(void)
{
	struct kmemleak_object *o, *next;

	rbtree_postorder_for_each_entry_safe(o, next, &object_tree, node)
		free(o);
	object_tree = RB_ROOT;
	nr_objects = 0;
}

/* ---- the scan --------------------------------------------------------------------- */

struct scan_state {
	struct kmemleak_object **sorted;	/* every object, by address */
	unsigned long nr;
	struct kmemleak_object **gray;		/* found referenced, not scanned yet */
	unsigned long nr_gray;
	unsigned long *bookkeeping;		/* word addresses that are no references */
	unsigned long nr_bookkeeping;
	unsigned long lowest, highest;		/* [lowest, highest): some object */
	const struct kmemleak_object *scanning;	/* its own pointers do not count */
};

static struct kmemleak_object *object_at(struct scan_state *st, unsigned long addr)
{
	unsigned long lo = 0, hi = st->nr;

	while (lo < hi) {
		unsigned long mid = (lo + hi) / 2;

		if (st->sorted[mid]->pointer <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	struct kmemleak_object *o = st->sorted[lo - 1];

	return addr < o->pointer + (o->size ? o->size : 1) ? o : NULL;
}

static int compare_ulong(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

static bool is_bookkeeping(struct scan_state *st, unsigned long word_addr)
{
	return bsearch(&word_addr, st->bookkeeping, st->nr_bookkeeping, sizeof(unsigned long),
		       compare_ulong) != NULL;
}

static void make_gray(struct scan_state *st, struct kmemleak_object *o)
{
	if (!(o->flags & OBJECT_NO_SCAN))
		st->gray[st->nr_gray++] = o;
}

static void scan_block(unsigned long start, unsigned long end, void *arg)
{
	struct scan_state *st = arg;

	for (unsigned long p = ALIGN(start, sizeof(long)); p + sizeof(long) <= end;
	     p += sizeof(long)) {
		unsigned long word = ukmem_track_read_word((const unsigned long *)p);
		struct kmemleak_object *o;

		if (word < st->lowest || word >= st->highest)
			continue;
		o = object_at(st, word);
		if (!o || o == st->scanning || o->min_count <= 0 || is_bookkeeping(st, p))
			continue;
		if (++o->count == o->min_count)
			make_gray(st, o);
	}
}

static bool prepare_scan(struct scan_state *st)
{
	struct rb_node *n;
	unsigned long i = 0;

	memset(st, 0, sizeof(*st));
	st->sorted = malloc((nr_objects + 1) * sizeof(*st->sorted));
	st->gray = malloc((nr_objects + 1) * sizeof(*st->gray));
	st->bookkeeping = malloc((nr_objects * NR_BOOKKEEPING + 1) * sizeof(unsigned long));
	if (!st->sorted || !st->gray || !st->bookkeeping)
		return false;
	for (n = rb_first(&object_tree); n; n = rb_next(n)) {
		struct kmemleak_object *o = rb_entry(n, struct kmemleak_object, node);

		o->count = 0;
		st->sorted[i++] = o;
		for (int b = 0; b < NR_BOOKKEEPING && o->bookkeeping[b]; b++)
			st->bookkeeping[st->nr_bookkeeping++] = o->bookkeeping[b];
		if (o->min_count == 0)
			make_gray(st, o);
	}
	st->nr = i;
	/* VMALLOC_START: the first vmalloc area's address, and no reference to it. */
	st->bookkeeping[st->nr_bookkeeping++] = (unsigned long)&vmalloc_start;
	qsort(st->bookkeeping, st->nr_bookkeeping, sizeof(unsigned long), compare_ulong);
	st->lowest = i ? st->sorted[0]->pointer : 0;
	st->highest = i ? st->sorted[i - 1]->pointer + st->sorted[i - 1]->size + 1 : 0;
	return true;
}

static void scan_gray_objects(struct scan_state *st)
{
	while (st->nr_gray) {
		struct kmemleak_object *o = st->gray[--st->nr_gray];

		st->scanning = o;
		if (!o->nr_areas)
			scan_block(o->pointer, o->pointer + o->size, st);
		for (int a = 0; a < o->nr_areas; a++)
			scan_block(o->areas[a].start, o->areas[a].start + o->areas[a].size, st);
	}
	st->scanning = NULL;
}

/* ---- reports ---------------------------------------------------------------------- */

/* A report line to the log (with kmemleak's prefix) or to the debugfs view. */
static __printf(2, 3) void emit(struct seq_file *m, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (m)
		seq_puts(m, line);
	else
		printk(KERN_WARNING "kmemleak: %s", line);
}

static void emit_hex_dump(struct seq_file *m, const struct kmemleak_object *o)
{
	size_t len = min_t(size_t, o->size, HEX_MAX_LINES * HEX_ROW_SIZE);
	unsigned char bytes[HEX_MAX_LINES * HEX_ROW_SIZE];
	char line[HEX_ROW_SIZE * 4 + 8];

	for (size_t i = 0; i < len; i += sizeof(long)) {
		unsigned long w = ukmem_track_read_word((const unsigned long *)(o->pointer + i));

		memcpy(bytes + i, &w, min_t(size_t, sizeof(long), len - i));
	}
	ukmem_track_defined(bytes, len);
	emit(m, "  hex dump (first %zu bytes):\n", len);
	for (size_t i = 0; i < len; i += HEX_ROW_SIZE) {
		hex_dump_to_buffer(bytes + i, min_t(size_t, HEX_ROW_SIZE, len - i), HEX_ROW_SIZE,
				   1, line, sizeof(line), true);
		emit(m, "    %s\n", line);
	}
}

static void print_unreferenced(struct seq_file *m, const struct kmemleak_object *o)
{
	char sym[256];

	emit(m, "unreferenced object 0x%08lx (size %zu):\n", o->pointer, o->size);
	emit(m, "  comm \"%s\", pid %d, jiffies %lu\n", o->comm, o->pid, o->alloc_jiffies);
	emit_hex_dump(m, o);
	emit(m, "  backtrace:\n");
	for (int i = 0; i < o->trace_len; i++) {
		const char *s = ukmem_symbolize(o->trace[i], sym, sizeof(sym));

		if (!strncmp(s, "__libc_start", 12) || !strncmp(s, "_start+", 7))
			break;
		emit(m, "    [<%016lx>] %s\n", (unsigned long)o->trace[i], s);
	}
}

/* Whether o is old enough for the scan that started at jiffies_last_scan to report. */
static bool old_enough(const struct kmemleak_object *o, unsigned long min_age)
{
	return time_before_eq(o->alloc_jiffies + min_age, jiffies_last_scan);
}

/* Marks and reports the objects this scan left unreferenced, those younger than min_age
 * aside; returns how many there are. */
static int report_unreferenced(struct scan_state *st, unsigned long min_age)
{
	int unreferenced = 0, new_leaks = 0;

	for (unsigned long i = 0; i < st->nr; i++) {
		struct kmemleak_object *o = st->sorted[i];

		o->flags &= ~OBJECT_UNREFERENCED;
		if (o->min_count <= 0 || o->count >= o->min_count || !old_enough(o, min_age))
			continue;
		o->flags |= OBJECT_UNREFERENCED;
		unreferenced++;
		if (o->flags & OBJECT_REPORTED)
			continue;
		o->flags |= OBJECT_REPORTED;
		print_unreferenced(NULL, o);
		new_leaks++;
	}
	if (new_leaks)
		pr_info("kmemleak: %d new suspected memory leaks (see /sys/kernel/debug/kmemleak)\n",
			new_leaks);
	return unreferenced;
}

/* The calling thread's registers: callee-saved ones still hold its callers' values. */
static noinline void scan_registers(struct scan_state *st)
{
	ucontext_t regs;

	getcontext(&regs);
	scan_block((unsigned long)&regs.uc_mcontext,
		   (unsigned long)&regs.uc_mcontext + sizeof(regs.uc_mcontext), st);
}

/* Roots, then every object they reach; frame is where the caller's stack begins.
 * Objects younger than min_age are not reported. */
static noinline int kmemleak_scan(unsigned long frame, unsigned long min_age)
{
	struct scan_state st;
	int unreferenced = 0;

	pthread_mutex_lock(&kmemleak_lock);
	jiffies_last_scan = (unsigned long)get_jiffies_64();
	if (prepare_scan(&st)) {
		ukmem_track_reports_off();
		scan_registers(&st);
		host_current_stack(frame, scan_block, &st);
		host_other_thread_stacks(scan_block, &st);
		host_for_each_writable_segment(scan_block, &st);
		scan_gray_objects(&st);
		ukmem_track_reports_on();
		unreferenced = report_unreferenced(&st, min_age);
	}
	free(st.sorted);
	free(st.gray);
	free(st.bookkeeping);
	pthread_mutex_unlock(&kmemleak_lock);
	return unreferenced;
}

/* A scan the user side asked for; the caller's stack is scanned from here up. */
static noinline int user_scan(unsigned long min_age)
{
	ukmem_ensure_booted();
	if (!kmemleak_enabled)
		return -EINVAL;
	return kmemleak_scan((unsigned long)__builtin_frame_address(0), min_age);
}

int ukmem_kmemleak_scan(void)
{
	return user_scan(jiffies_min_age);
}

int ukmem_kmemleak_scan_all(void)
{
	return user_scan(0);
}

bool kmemleak_print_alloc_track(const void *addr)
{
	struct kmemleak_object *o;
	char sym[256];

	if (!kmemleak_enabled || pthread_mutex_trylock(&kmemleak_lock))
		return false;
	o = lookup_containing((unsigned long)addr);
	if (o) {
		pr_err("Allocated by task %d:\n", o->pid);
		for (int i = 0; i < o->trace_len; i++) {
			const char *s = ukmem_symbolize(o->trace[i], sym, sizeof(sym));

			if (!strncmp(s, "__libc_start", 12) || !strncmp(s, "_start+", 7))
				break;
			pr_err(" %s\n", s);
		}
		pr_err("\n");
	}
	pthread_mutex_unlock(&kmemleak_lock);
	return o != NULL;
}

static int kmemleak_show(struct seq_file *m, void *data)
{
	pthread_mutex_lock(&kmemleak_lock);
	for (struct rb_node *n = rb_first(&object_tree); n; n = rb_next(n)) {
		struct kmemleak_object *o = rb_entry(n, struct kmemleak_object, node);

		if (o->flags & OBJECT_UNREFERENCED)
			print_unreferenced(m, o);
	}
	pthread_mutex_unlock(&kmemleak_lock);
	return 0;
}

static int kmemleak_open(struct inode *inode, struct file *file)
{
	return single_open(file, kmemleak_show, NULL);
}

/* Commands as Linux's: "scan" runs a scan now; the others ukmem lacks are -EINVAL. */
static ssize_t kmemleak_write(struct file *file, const char __user *user_buf, size_t size,
			      loff_t *ppos)
{
	char buf[64];
	size_t len = min(size, sizeof(buf) - 1);

	if (copy_from_user(buf, user_buf, len))
		return -EFAULT;
	buf[len] = '\0';
	strim(buf);
	if (strcmp(buf, "scan"))
		return -EINVAL;
	kmemleak_scan((unsigned long)__builtin_frame_address(0), jiffies_min_age);
	*ppos += (loff_t)size;
	return (ssize_t)size;
}

static const struct file_operations kmemleak_fops = {
	.open = kmemleak_open, .read = seq_read, .write = kmemleak_write,
	.llseek = seq_lseek, .release = single_release,
};

int kmemleak_init(void)
{
	struct dentry *file;

	if (!kmemleak_enabled)
		return 0;
	jiffies_min_age = msecs_to_jiffies(MSECS_MIN_AGE);
	file = debugfs_create_file("kmemleak", 0644, NULL, NULL, &kmemleak_fops);
	return IS_ERR(file) ? (int)PTR_ERR(file) : 0;
}

/* The machine goes down: a last scan of every object whatever its age, then the
 * registry is emptied. */
void kmemleak_exit(void)
{
	if (kmemleak_enabled)
		kmemleak_scan((unsigned long)__builtin_frame_address(0), 0);
	kmemleak_enabled = false;
	pthread_mutex_lock(&kmemleak_lock);
	drop_all_objects();
	pthread_mutex_unlock(&kmemleak_lock);
}
