/* mm/kasan_report.c: KASAN's description of a bad address, added to AddressSanitizer's
 * report in sanitizer builds. ukmem poisons its free pages, the unused tail of vmalloc
 * areas and freed vmalloc areas (debug/track.h); ASan then catches the access, and this
 * callback says, in KASAN's words, what the address belongs to: a slab object (its cache,
 * offset and region), a vmalloc region (its size, start and allocating function) or a
 * physical page (dump_page) -- and, with kmemleak=on, the stack that allocated it. Without
 * -fsanitize=address the init does nothing. */
#include <ukmem.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include "debug/track.h"
#include "kernel/report.h"
#include "machine/initcalls.h"
#include "mm/kmemleak.h"
#include "mm/slab.h"

#if UKMEM_TRACK_ASAN

static void describe_slab_object(const void *addr, struct slab *slab)
{
	struct kmem_cache *s = slab->slab_cache;
	unsigned long start, access = (unsigned long)addr, base;
	unsigned int index;
	const char *rel_type;
	unsigned long rel_bytes;

	if (!s)
		return;
	base = (unsigned long)slab_address(slab) + s->red_left_pad;
	index = access < base ? 0 : (unsigned int)((access - base) / s->size);
	if (index >= slab->objects)
		index = slab->objects - 1;
	start = base + (unsigned long)index * s->size;
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

static void kasan_describe(const char *asan_report)
{
	void *addr = __asan_get_report_address();
	struct page *page = NULL;
	struct slab *slab;

	if (!ukmem_is_booted() || !addr)
		return;
	pr_err("ukmem: KASAN's view of the buggy address %016lx:\n", (unsigned long)addr);
	kmemleak_print_alloc_track(addr);
	slab = virt_to_slab(addr);
	if (slab)
		describe_slab_object(addr, slab);
	if (is_vmalloc_addr(addr)) {
		describe_vmalloc(addr);
		page = vmalloc_to_page(addr);
	} else if (virt_in_ram(addr)) {
		page = virt_to_page(addr);
	}
	if (page) {
		pr_err("The buggy address belongs to the physical page:\n");
		dump_page(page, "kasan: bad access detected");
		pr_err("\n");
	}
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
