// SPDX-License-Identifier: LGPL-2.1-or-later
/* malloc/malloc.c: libukmem-malloc.so -- the C library's malloc family served by the
 * kernel's allocators, for unmodified programs (LD_PRELOAD=libukmem-malloc.so):
 *   up to 8 KiB ....... slab caches: the kmalloc caches, and between their sizes this
 *                       library's own caches ("malloc-80", ...), so that the classes
 *                       step by a quarter per doubling as jemalloc's do and a block
 *                       wastes at most a fifth of itself rather than kmalloc's half;
 *   up to 4 MiB ....... kmalloc's page blocks from the buddy allocator;
 *   larger ............ vmalloc.
 * The machine boots before main (or at the first malloc, whichever comes first) with as
 * much RAM as the host has; the memory file commits pages only as they are used and the
 * page allocator hands freed blocks back. UKMEM_CMDLINE adds kernel options
 * (slub_debug=, failslab=, kmemleak=on, trace_event=, ...).
 * Invariants: a pointer's address says who owns it -- the direct map is kmalloc's, the
 * vmalloc range vmalloc's, anything else glibc's. ukmem's own code (and the C library
 * functions it calls) allocates through glibc: while a thread is inside ukmem, its
 * mallocs go to __libc_malloc, so the allocators never re-enter themselves; their
 * pointers come back to glibc by address. Failures return NULL with errno ENOMEM and
 * print nothing (__GFP_NOWARN), as a C library's malloc does. */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#define UKMEM_EXPORT __attribute__((visibility("default")))

void *__libc_malloc(size_t size);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t size);
void *__libc_memalign(size_t align, size_t size);
void __libc_free(void *p);
/* glibc exports no __libc_ name for it: found at boot (dlsym). */
static size_t (*libc_malloc_usable_size)(void *p);

#define MALLOC_GFP	(GFP_KERNEL | __GFP_NOWARN)
#define MALLOC_BIG_GFP	(GFP_KERNEL | __GFP_NOWARN | __GFP_RETRY_MAYFAIL)

/* Slab classes: sizes up to KMALLOC_MAX_CACHE_SIZE in steps of CLASS_STEP; an entry is
 * this library's cache for that step's class, or NULL where the class is kmalloc's own. */
#define CLASS_STEP	16
static struct kmem_cache *class_cache[KMALLOC_MAX_CACHE_SIZE / CLASS_STEP + 1];
static const unsigned short own_class_sizes[] = {
	48, 80, 112, 160, 224, 320, 384, 448, 640, 768, 896, 1280, 1536, 1792,
	2560, 3072, 3584, 5120, 6144, 7168,
};

/* The library's own cache for size (<= KMALLOC_MAX_CACHE_SIZE), or NULL for kmalloc's. */
static inline struct kmem_cache *class_of(size_t size)
{
	return class_cache[(size + CLASS_STEP - 1) / CLASS_STEP];
}

/* Each step's class is the smallest class that holds the step's largest size. */
static void create_class_caches(void)
{
	struct kmem_cache *own[ARRAY_SIZE(own_class_sizes)];
	char name[32];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(own_class_sizes); i++) {
		snprintf(name, sizeof(name), "malloc-%u", own_class_sizes[i]);
		own[i] = kmem_cache_create(name, own_class_sizes[i], CLASS_STEP, 0, NULL);
	}
	for (unsigned int k = 1; k < ARRAY_SIZE(class_cache); k++) {
		size_t need = (size_t)k * CLASS_STEP;

		for (i = 0; i < ARRAY_SIZE(own_class_sizes) && own_class_sizes[i] < need; i++)
			;
		if (i < ARRAY_SIZE(own_class_sizes) && own_class_sizes[i] < kmalloc_size_roundup(need))
			class_cache[k] = own[i];	/* NULL if it could not be made: kmalloc */
	}
}

/* What the machine boots with besides its size: quiet; thread caches of 64 KiB per
 * cache, as a program's whole heap sits in these caches; and freed blocks from 64 KiB
 * up given back to the host, not only 2 MiB ones. */
#define MALLOC_CMDLINE	"quiet ukmem.slab_thread_cache=64K page_reporting.page_reporting_order=4"

/* Nonzero while this thread runs ukmem code on a malloc's behalf (or boots it). */
/* Defined by the library (host/fault.c), which also counts a thread in while it reports a
 * fault: a report's own mallocs must not come back here from the faulting code. */
extern __thread unsigned int ukmem_inside __attribute__((tls_model("initial-exec")));
#define inside ukmem_inside
static int booted;

/* A free the allocators refuse, reported as glibc does (its malloc_printerr()): the
 * message on stderr, then abort(). The function name is the one the program called. */
static __thread const char *malloc_caller = "free()";

static void bad_free(const void *ptr, enum ukmem_bad_free what)
{
	char msg[96];
	int len;

	if (what == UKMEM_FREE_DOUBLE_FREE && !strcmp(malloc_caller, "free()"))
		len = snprintf(msg, sizeof(msg), "free(): double free detected in tcache 2\n");
	else
		len = snprintf(msg, sizeof(msg), "%s: invalid pointer\n", malloc_caller);
	if (write(STDERR_FILENO, msg, (size_t)len) < 0)
		abort();
	abort();
}

static void boot_machine(void)
{
	unsigned long long ram = (unsigned long long)sysconf(_SC_PHYS_PAGES) *
				 (unsigned long long)sysconf(_SC_PAGESIZE);
	char cmdline[160];

	inside++;
	if (!libc_malloc_usable_size)
		libc_malloc_usable_size = (size_t (*)(void *))dlsym(RTLD_NEXT, "malloc_usable_size");
	if (!ukmem_is_booted()) {
		snprintf(cmdline, sizeof(cmdline), "mem=%lluK %s", ram >> 10, MALLOC_CMDLINE);
		if (!ukmem_boot(cmdline))
			create_class_caches();
		ukmem_set_bad_free_handler(bad_free);
	}
	__atomic_store_n(&booted, 1, __ATOMIC_RELEASE);
	inside--;
}

__attribute__((constructor(101))) static void malloc_init(void)
{
	if (!__atomic_load_n(&booted, __ATOMIC_ACQUIRE))
		boot_machine();
}

/* Writes one of the machine's views to f. */
static void put_view(const char *path, FILE *f)
{
	ssize_t len = ukmem_proc_read(path, NULL, 0);
	char *text = len > 0 ? __libc_malloc((size_t)len + 1) : NULL;

	if (text) {
		ukmem_proc_read(path, text, (size_t)len + 1);
		fputs(text, f);
		__libc_free(text);
	}
}

/* As the program exits: with kmemleak=on a last scan, its findings on stderr (the
 * program cannot read /sys/kernel/debug/kmemleak itself); with UKMEM_MALLOC_REPORT=file,
 * the machine's memory views as they are at the end, for a look at where memory went. */
__attribute__((destructor)) static void malloc_exit(void)
{
	static const char *const views[] = {
		"/proc/meminfo", "/proc/buddyinfo", "/proc/slabinfo", "/proc/vmallocinfo",
	};
	const char *report = getenv("UKMEM_MALLOC_REPORT");
	FILE *f;

	if (!__atomic_load_n(&booted, __ATOMIC_ACQUIRE))
		return;
	inside++;
	if (ukmem_kmemleak_scan_all() > 0)	/* the last: blocks of any age */
		put_view("/sys/kernel/debug/kmemleak", stderr);
	if (report && *report && (f = fopen(report, "a"))) {
		fprintf(f, "==> pid %d: host-resident memory %zu kB\n", (int)getpid(),
			ukmem_host_resident_bytes() >> 10);
		for (size_t i = 0; i < ARRAY_SIZE(views); i++) {
			fprintf(f, "==> %s\n", views[i]);
			put_view(views[i], f);
		}
		fclose(f);
	}
	inside--;
}

static inline bool in_direct_map(const void *p)
{
	return (uintptr_t)p - PAGE_OFFSET < (max_pfn << PAGE_SHIFT);
}

static inline bool in_vmalloc(const void *p)
{
	return (uintptr_t)p - VMALLOC_START < VMALLOC_END - VMALLOC_START;
}

/* True when this call must go to glibc: re-entered from ukmem itself. */
static inline bool enter(void)
{
	if (__builtin_expect(inside, 0))
		return false;
	if (__builtin_expect(!__atomic_load_n(&booted, __ATOMIC_ACQUIRE), 0))
		boot_machine();
	inside = 1;
	return true;
}
static inline void leave(void) { inside = 0; }

static void *nomem(void)
{
	errno = ENOMEM;
	return NULL;
}

/* Inlined, so that reports name malloc() & co. as the allocating function. */
static __always_inline void *alloc(size_t size, gfp_t zero)
{
	void *p;

	if (size <= KMALLOC_MAX_CACHE_SIZE && class_of(size))
		p = kmem_cache_alloc(class_of(size), MALLOC_GFP | zero);
	else if (size <= KMALLOC_MAX_SIZE)
		p = __kmalloc(size ? size : 1, MALLOC_GFP | zero);
	else if (size <= VMALLOC_END - VMALLOC_START)
		p = __vmalloc(size, MALLOC_BIG_GFP | zero);
	else
		p = NULL;
	return p ? p : nomem();
}

static void release(void *p)
{
	if (in_direct_map(p))
		kfree(p);
	else
		vfree(p);
}

static size_t usable_size(const void *p)
{
	if (in_direct_map(p))
		return ksize(p);
	return get_vm_area_size(find_vm_area(p));
}

/* align: a power of two, at least sizeof(void *). kmalloc caches of power-of-two size
 * and page blocks are naturally aligned, so the size is raised until its cache is. */
static void *alloc_aligned(size_t align, size_t size)
{
	size_t want = size > align ? size : align;
	void *p;

	if (align <= 16 || (align <= PAGE_SIZE && want > KMALLOC_MAX_CACHE_SIZE))
		return alloc(want, 0);	/* kmalloc-8's objects are only 8-aligned */
	if (want <= KMALLOC_MAX_CACHE_SIZE)
		want = (size_t)1 << (64 - __builtin_clzl(want - 1));	/* kmalloc-2^k */
	else if (want <= KMALLOC_MAX_SIZE)
		want = PAGE_SIZE << get_order(want);			/* a buddy block */
	else if (size <= VMALLOC_END - VMALLOC_START)
		return __vmalloc_node_range(size, align, VMALLOC_START, VMALLOC_END,
					    MALLOC_BIG_GFP, PAGE_KERNEL, 0, NUMA_NO_NODE,
					    __builtin_return_address(0)) ?: nomem();
	else
		return nomem();
	p = alloc(want, 0);
	if (p && ((uintptr_t)p & (align - 1))) {	/* slub_debug's red zones move objects */
		release(p);
		p = alloc(want > KMALLOC_MAX_CACHE_SIZE ? want : KMALLOC_MAX_CACHE_SIZE * 2, 0);
	}
	return p;
}

UKMEM_EXPORT void *malloc(size_t size)
{
	void *p;

	if (!enter())
		return __libc_malloc(size);
	p = alloc(size, 0);
	leave();
	return p;
}

UKMEM_EXPORT void free(void *p)
{
	unsigned int was = inside;	/* ukmem freeing one of its objects from inside ukmem */
	bool direct;

	if (!p)
		return;
	direct = in_direct_map(p);
	if (!direct && !in_vmalloc(p)) {
		__libc_free(p);
		return;
	}
	/* one of ukmem's blocks: the machine is booted */
	inside = 1;
	if (direct)
		kfree(p);
	else
		vfree(p);
	inside = was;
}

UKMEM_EXPORT void *calloc(size_t n, size_t size)
{
	size_t total;
	void *p;

	if (__builtin_mul_overflow(n, size, &total))
		return nomem();
	if (!enter())
		return __libc_calloc(n, size);
	p = alloc(total, __GFP_ZERO);
	leave();
	return p;
}

/* A block of at least size bytes holding p's contents. */
static void *resize(void *p, size_t size)
{
	size_t have = usable_size(p);
	void *q;

	/* In place, unless most of a large block would sit unused. */
	if (size <= have && (have <= KMALLOC_MAX_CACHE_SIZE || size >= have / 2))
		return p;
	/* A vmalloc'd block grows by taking its pages along, as glibc's mremap(). */
	if (in_vmalloc(p) && size > have)
		return vrealloc(p, size, MALLOC_BIG_GFP) ?: nomem();
	q = alloc(size, 0);
	if (q) {
		memcpy(q, p, size < have ? size : have);
		release(p);
	}
	return q;
}

UKMEM_EXPORT void *realloc(void *p, size_t size)
{
	void *q;

	if (!p)
		return malloc(size);
	if (!in_direct_map(p) && !in_vmalloc(p))
		return __libc_realloc(p, size);
	if (!size) {
		free(p);
		return NULL;
	}
	if (!enter())
		return resize(p, size);
	malloc_caller = "realloc()";
	q = resize(p, size);
	malloc_caller = "free()";
	leave();
	return q;
}

UKMEM_EXPORT void *reallocarray(void *p, size_t n, size_t size)
{
	size_t total;

	if (__builtin_mul_overflow(n, size, &total))
		return nomem();
	return realloc(p, total);
}

UKMEM_EXPORT int posix_memalign(void **out, size_t align, size_t size)
{
	void *p;

	if (align < sizeof(void *) || (align & (align - 1)))
		return EINVAL;
	if (!enter()) {
		p = __libc_memalign(align, size);
	} else {
		p = alloc_aligned(align, size);
		leave();
	}
	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

UKMEM_EXPORT void *memalign(size_t align, size_t size)
{
	void *p;

	if (!align || (align & (align - 1))) {	/* glibc rounds odd alignments up */
		if (align > SIZE_MAX / 2 + 1)
			return nomem();
		align = align ? (size_t)1 << (64 - __builtin_clzl(align)) : 1;
	}
	if (align < sizeof(void *))
		align = sizeof(void *);
	if (!enter())
		return __libc_memalign(align, size);
	p = alloc_aligned(align, size);
	leave();
	return p;
}

UKMEM_EXPORT void *aligned_alloc(size_t align, size_t size)
{
	if (!align || (align & (align - 1))) {
		errno = EINVAL;
		return NULL;
	}
	return memalign(align, size);
}

UKMEM_EXPORT void *valloc(size_t size)
{
	return memalign(PAGE_SIZE, size);
}

UKMEM_EXPORT void *pvalloc(size_t size)
{
	if (size > SIZE_MAX - PAGE_SIZE)
		return nomem();
	return memalign(PAGE_SIZE, PAGE_ALIGN(size ? size : 1));
}

/* jemalloc's nallocx(): the usable size malloc would give (with MALLOCX_LG_ALIGN in
 * flags' low bits), so a program built against jemalloc (Debian's redis-server) asks
 * this allocator, and jemalloc is not started beside it just to answer. */
UKMEM_EXPORT size_t nallocx(size_t size, int flags)
{
	size_t align = (flags & 0x3f) ? (size_t)1 << (flags & 0x3f) : 0;

	if (align > 16 && size < align)
		size = align;
	if (size <= KMALLOC_MAX_CACHE_SIZE && class_of(size))
		return kmem_cache_size(class_of(size));
	if (size <= KMALLOC_MAX_SIZE)
		return kmalloc_size_roundup(size ? size : 1);
	return PAGE_ALIGN(size);
}

UKMEM_EXPORT size_t malloc_usable_size(void *p)
{
	size_t n;

	if (!p)
		return 0;
	if (!in_direct_map(p) && !in_vmalloc(p))
		return libc_malloc_usable_size ? libc_malloc_usable_size(p) : 0;
	if (!enter())
		return usable_size(p);
	n = usable_size(p);
	leave();
	return n;
}
