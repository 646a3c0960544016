// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/kasan_report.c: KASAN's description of a bad address, added to AddressSanitizer's
 * report in sanitizer builds, and KASAN's double-free/invalid-free report (ASan and
 * Valgrind builds). ukmem poisons free slab objects and the red zone past a kmalloc's
 * size, its free pages, the unused tail of vmalloc areas and freed vmalloc areas
 * (debug/track.h, mm/kasan.h); ASan then catches the access, and this callback says, in
 * KASAN's words, what the address belongs to: a slab object (the stacks that allocated
 * and freed it, its cache, offset and region), a vmalloc region (its size, start and
 * allocating function) or a physical page (dump_page) -- and, with kmemleak=on, the stack
 * that allocated a vmalloc area. A report fails the KUnit case the thread runs, or
 * notes itself in the case's "kasan_status" resource (mm/kasan.h), as in Linux 6.1.
 * Each report taints the kernel; with panic_on_warn=1 the first one panics, unless
 * multi-shot mode is on (kasan_save_enable_multi_shot(), which KASAN's tests use).
 * AddressSanitizer prints every report, so ukmem always reports as KASAN does in
 * multi-shot mode. In a normal build only an empty kasan_init() and the multi-shot
 * switch are left. */
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/vmalloc.h>
#include <kunit/resource.h>
#include <kunit/test.h>
#include "debug/track.h"
#include "kernel/report.h"
#include "machine/initcalls.h"
#include "mm/kasan.h"
#include "mm/kmemleak.h"
#include "mm/slab.h"

static unsigned long kasan_flags;
#define KASAN_BIT_MULTI_SHOT	0

/**
 * kasan_save_enable_multi_shot - let every KASAN report through panic_on_warn
 *
 * KASAN's own tests turn this on for their duration: a report then leaves panic_on_warn
 * alone, as after the first report of a kernel booted with kasan_multi_shot.
 * Context: any.
 * Return: whether multi-shot mode was on already (for kasan_restore_multi_shot()).
 */
bool kasan_save_enable_multi_shot(void)
{
	return test_and_set_bit(KASAN_BIT_MULTI_SHOT, &kasan_flags);
}
EXPORT_SYMBOL_GPL(kasan_save_enable_multi_shot);

/**
 * kasan_restore_multi_shot - undo kasan_save_enable_multi_shot()
 * @enabled: what kasan_save_enable_multi_shot() returned
 *
 * Context: any.
 */
void kasan_restore_multi_shot(bool enabled)
{
	if (!enabled)
		clear_bit(KASAN_BIT_MULTI_SHOT, &kasan_flags);
}
EXPORT_SYMBOL_GPL(kasan_restore_multi_shot);

#if UKMEM_TRACK_ANY

/* The end of every KASAN report, as Linux's end_report(). */
static void end_report(void)
{
	add_taint(TAINT_BAD_PAGE, LOCKDEP_STILL_OK);
	if (!test_bit(KASAN_BIT_MULTI_SHOT, &kasan_flags))
		check_panic_on_warn("KASAN");
}

/* The object of slab nearest to addr (addr may lie in a red zone or past the last one). */
static unsigned long nearest_object(struct kmem_cache *s, struct slab *slab, unsigned long addr)
{
	unsigned long base = (unsigned long)slab_address(slab) + s->red_left_pad;
	unsigned int index = addr < base ? 0 : (unsigned int)((addr - base) / s->size);

	if (index >= slab->objects)
		index = slab->objects - 1;
	return base + (unsigned long)index * s->size;
}

void kasan_describe_slab_object(const void *addr, struct slab *slab)
{
	struct kmem_cache *s = slab->slab_cache;
	unsigned long start, access = (unsigned long)addr;
	const char *rel_type;
	unsigned long rel_bytes;

	if (!s)
		return;
	start = nearest_object(s, slab, access);
	if (!kasan_print_object_stacks((void *)start))
		kmemleak_print_alloc_track(addr);
	pr_err("The buggy address belongs to the object at %016lx\n"
	       " which belongs to the cache %s of size %u\n", start, s->name, s->object_size);
	if (access < start) {
		rel_type = "to the left";
		rel_bytes = start - access;
	} else if (access >= start + s->object_size) {
		rel_type = "to the right";
		rel_bytes = access - (start + s->object_size);
	} else {
		rel_type = "inside";
		rel_bytes = access - start;
	}
	pr_err("The buggy address is located %lu bytes %s of\n %u-byte region [%016lx, %016lx)\n",
	       rel_bytes, rel_type, s->object_size, start, start + s->object_size);
	pr_err("\n");
}

static void describe_page(struct page *page)
{
	pr_err("The buggy address belongs to the physical page:\n");
	dump_page(page, "kasan: bad access detected");
	pr_err("\n");
}

/* What x belongs to: a slab object (its stacks, cache and place) and its page, or the
 * page of other memory of the machine. */
static void describe_address(const void *x)
{
	struct slab *slab = virt_to_slab(x);

	if (slab) {
		kasan_describe_slab_object(x, slab);
		describe_page(slab_page(slab));
	} else if (virt_in_ram(x)) {
		describe_page(virt_to_page(x));
	}
}

/* Linux's update_kunit_status(): a report in a KUnit case fails it, unless the case
 * expects reports (a "kasan_status" resource), which then records this one. */
static void update_kunit_status(bool sync)
{
	struct kunit *test = current->kunit_test;
	struct kunit_resource *resource;
	struct kunit_kasan_status *status;

	if (!test)
		return;
	resource = kunit_find_named_resource(test, "kasan_status");
	if (!resource) {
		kunit_set_failure(test);
		return;
	}
	status = resource->data;
	WRITE_ONCE(status->report_found, true);
	WRITE_ONCE(status->sync_fault, sync);
	kunit_put_resource(resource);
}

/* A report's first lines, as Linux's start_report() and print_error_description(). */
static void report_start(const char *bug_type, unsigned long ip)
{
	char sym[256];

	update_kunit_status(true);
	report_begin();
	pr_err("==================================================================\n");
	pr_err("BUG: KASAN: %s in %s\n", bug_type, ukmem_symbolize((void *)ip, sym, sizeof(sym)));
}

/* The rest, after the access line: the stack, what x belongs to, the end. */
static void report_finish(const void *x)
{
	pr_err("\n");
	dump_stack();
	pr_err("\n");
	describe_address(x);
	pr_err("==================================================================\n");
	end_report();
}

/* A free of x that is not the free of an allocated object: KASAN's report, then the
 * machine goes on (the object is left as it was). */
void kasan_report_invalid_free(void *x, unsigned long ip, const char *bug_type)
{
	report_start(bug_type, ip);
	pr_err("Free of addr %016lx by task %s/%d\n", (unsigned long)x, current->comm, current->pid);
	report_finish(x);
}

void kasan_report_access(unsigned long addr, size_t size, bool write, unsigned long ip,
			 const char *bug_type)
{
	report_start(bug_type, ip);
	pr_err("%s of size %zu at addr %016lx by task %s/%d\n", write ? "Write" : "Read", size,
	       addr, current->comm, current->pid);
	report_finish((const void *)addr);
}

#endif

#if UKMEM_TRACK_ASAN

static void describe_vmalloc(const void *addr)
{
	struct vm_struct *vm = find_vm_area(addr);
	char sym[256];

	if (vm && (vm->flags & VM_ALLOC))
		pr_err("The buggy address belongs to a %u-page vmalloc region starting at %#lx allocated at %s\n",
		       vm->nr_pages, (unsigned long)vm->addr, ukmem_symbolize(vm->caller, sym, sizeof(sym)));
	else
		pr_err("The buggy address belongs to a vmalloc virtual mapping\n");
}

/* KASAN's first lines for a bad access to a slab object: past the object or its kmalloc
 * size ("slab-out-of-bounds"), or into a freed one ("use-after-free"). */
/* Whether addr, in a slab of a cache, lies in or beside an object that is free. */
static bool near_free_object(const void *addr, struct slab *slab)
{
	return kasan_object_is_free((void *)nearest_object(slab->slab_cache, slab,
							   (unsigned long)addr));
}

static void print_slab_bug_type(const void *addr, struct slab *slab)
{
	char sym[256];

	pr_err("BUG: KASAN: %s in %s\n",
	       near_free_object(addr, slab) ? "use-after-free" : "slab-out-of-bounds",
	       ukmem_symbolize(__asan_get_report_pc(), sym, sizeof(sym)));
	pr_err("%s of size %zu at addr %016lx by task %s/%d\n",
	       __asan_get_report_access_type() ? "Write" : "Read", __asan_get_report_access_size(),
	       (unsigned long)addr, current->comm, current->pid);
	pr_err("\n");
}

static void kasan_describe(const char *asan_report)
{
	void *addr = __asan_get_report_address();
	struct page *page = NULL;
	struct slab *slab;

	if (!ukmem_is_booted() || !addr)
		return;
	update_kunit_status(true);
	report_begin();
	pr_err("ukmem: KASAN's view of the buggy address %016lx:\n", (unsigned long)addr);
	slab = virt_to_slab(addr);
	if (slab && slab->slab_cache) {
		print_slab_bug_type(addr, slab);
		kasan_describe_slab_object(addr, slab);
	}
	else
		kmemleak_print_alloc_track(addr);
	if (is_vmalloc_addr(addr)) {
		describe_vmalloc(addr);
		page = vmalloc_to_page(addr);
	} else if (virt_in_ram(addr)) {
		page = virt_to_page(addr);
	}
	if (page)
		describe_page(page);
	end_report();
}

/* Linux's __kasan_check_byte() for a pointer the library is about to read on a caller's
 * behalf (a cache given to kmem_cache_destroy(), a buffer to ksize()): when its byte is
 * poisoned, KASAN's report of a one-byte read by the caller, and false. The report is
 * ukmem's own, so the caller goes on (AddressSanitizer's would stop a program). */
bool __kasan_check_byte(const void *addr, unsigned long ip)
{
	struct slab *slab;

	if (!__asan_address_is_poisoned(addr))
		return true;
	slab = virt_to_slab(addr);
	kasan_report_access((unsigned long)addr, 1, false, ip,
			    slab && slab->slab_cache && near_free_object(addr, slab) ?
			    "use-after-free" : "out-of-bounds");
	return false;
}

int kasan_init(void)
{
	__asan_set_error_report_callback(kasan_describe);
	return 0;
}

#else

int kasan_init(void)
{
	return 0;
}

#endif
