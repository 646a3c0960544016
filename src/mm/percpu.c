// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/percpu.c: per-CPU memory. At boot one lazily committed host mapping holds a unit
 * of PCPU_UNIT bytes for each CPU; unit c starts at chunk + c * PCPU_UNIT, and the same
 * offset in every unit is one per-CPU object. Static per-CPU sections (the templates
 * of DEFINE_PER_CPU, registered per loaded object) are placed in the units at boot, or
 * at registration once up, and copied into every unit; alloc_percpu() carves zeroed
 * ranges from the same units and hands out unit 0's address. per_cpu_ptr() maps a unit
 * 0 address by adding c * PCPU_UNIT, and a template address through its section.
 * Invariants: the allocated ranges (areas, under pcpu_lock) never overlap and lie in
 * [0, PCPU_UNIT); a registered section's entry is never moved while registered, so
 * readers walk the table without the lock. Before the first boot per_cpu_ptr() of a
 * template gives the template itself. */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/export.h>
#include "host/host.h"
#include "machine/initcalls.h"

#define PCPU_UNIT		(16UL << 20)	/* address space per CPU; committed as used */
#define PCPU_MAX_SECTIONS	256
#define PCPU_ALIGN_MIN		8

struct pcpu_area {
	size_t off, size;
	struct pcpu_area *next;		/* by offset */
};

struct pcpu_section {
	char *start;			/* NULL: free entry */
	size_t size;
	size_t off;			/* in the units; SIZE_MAX while not placed */
};

static char *chunk;			/* unit 0; NULL while no machine is up */
static unsigned int nr_units;
static struct pcpu_area *areas;
static size_t used_bytes;
static struct pcpu_section sections[PCPU_MAX_SECTIONS];
static unsigned int nr_sections;
static pthread_mutex_t pcpu_lock = PTHREAD_MUTEX_INITIALIZER;

/* First fit in the units; the offset or SIZE_MAX. Caller holds pcpu_lock. */
static size_t area_alloc(size_t size, size_t align)
{
	struct pcpu_area **link = &areas, *a;
	size_t off = 0;

	align = max(align, (size_t)PCPU_ALIGN_MIN);
	size = ALIGN(max(size, (size_t)1), PCPU_ALIGN_MIN);
	for (;; link = &(*link)->next) {
		size_t end = *link ? (*link)->off : PCPU_UNIT;

		off = ALIGN(off, align);
		if (off + size <= end)
			break;
		if (!*link)
			return SIZE_MAX;
		off = (*link)->off + (*link)->size;
	}
	a = malloc(sizeof(*a));
	if (!a)
		return SIZE_MAX;
	a->off = off;
	a->size = size;
	a->next = *link;
	*link = a;
	used_bytes += size;
	return off;
}

static size_t area_free(size_t off)
{
	for (struct pcpu_area **link = &areas; *link; link = &(*link)->next) {
		struct pcpu_area *a = *link;

		if (a->off == off) {
			size_t size = a->size;

			*link = a->next;
			used_bytes -= size;
			free(a);
			return size;
		}
	}
	return 0;
}

/* Gives a registered section its place in the units and copies its template. */
static void place_section(struct pcpu_section *s)
{
	size_t off = area_alloc(s->size, 4096);

	if (off == SIZE_MAX) {
		pr_err("percpu: no room for a %zu-byte per-CPU section\n", s->size);
		return;
	}
	for (unsigned int cpu = 0; cpu < nr_units; cpu++)
		memcpy(chunk + cpu * PCPU_UNIT + off, s->start, s->size);
	__atomic_store_n(&s->off, off, __ATOMIC_RELEASE);
}

/**
 * ukmem_percpu_register - give a loaded object's per-CPU section its per-CPU units
 * @start: the section's start (the object's DEFINE_PER_CPU variables)
 * @end: its end
 *
 * ukmem's own call, made by a module's or program's constructor; Linux places a module's
 * per-CPU section when it loads it. Registering the same section again does nothing.
 *
 * Context: process context; takes pcpu_lock (a host mutex).
 */
void ukmem_percpu_register(char *start, char *end)
{
	struct pcpu_section *s = NULL;

	pthread_mutex_lock(&pcpu_lock);
	for (unsigned int i = 0; i < nr_sections; i++) {
		if (sections[i].start == start)
			goto out;	/* every file of an object registers it */
		if (!sections[i].start && !s)
			s = &sections[i];
	}
	if (!s && nr_sections < PCPU_MAX_SECTIONS)
		s = &sections[nr_sections];
	if (!s)
		goto out;
	s->size = (size_t)(end - start);
	s->off = SIZE_MAX;
	__atomic_store_n(&s->start, start, __ATOMIC_RELEASE);
	if (s == &sections[nr_sections])
		__atomic_store_n(&nr_sections, nr_sections + 1, __ATOMIC_RELEASE);
	if (chunk)
		place_section(s);
out:
	pthread_mutex_unlock(&pcpu_lock);
}
EXPORT_SYMBOL(ukmem_percpu_register);

/**
 * ukmem_percpu_unregister - give back the per-CPU units of an object being unloaded
 * @start: the section's start, as registered
 *
 * Context: process context; takes pcpu_lock (a host mutex).
 */
void ukmem_percpu_unregister(char *start)
{
	pthread_mutex_lock(&pcpu_lock);
	for (unsigned int i = 0; i < nr_sections; i++) {
		struct pcpu_section *s = &sections[i];

		if (s->start != start)
			continue;
		__atomic_store_n(&s->start, NULL, __ATOMIC_RELEASE);
		if (chunk && s->off != SIZE_MAX)
			area_free(s->off);
		s->off = SIZE_MAX;
	}
	pthread_mutex_unlock(&pcpu_lock);
}
EXPORT_SYMBOL(ukmem_percpu_unregister);

/**
 * ukmem_percpu_ptr - a CPU's instance of a per-CPU object
 * @ptr: a DEFINE_PER_CPU variable's address (or inside it), or from alloc_percpu()
 * @cpu: a possible CPU
 *
 * Context: any; lock-free. Return: the instance's address.
 */
void *ukmem_percpu_ptr(const void *ptr, unsigned int cpu)
{
	uintptr_t p = (uintptr_t)ptr, base = (uintptr_t)__atomic_load_n(&chunk, __ATOMIC_ACQUIRE);
	unsigned int n = __atomic_load_n(&nr_sections, __ATOMIC_ACQUIRE);

	if (p - base < PCPU_UNIT)
		return (void *)(p + cpu * PCPU_UNIT);
	for (unsigned int i = 0; i < n; i++) {
		uintptr_t start = (uintptr_t)__atomic_load_n(&sections[i].start, __ATOMIC_ACQUIRE);
		size_t off;

		if (p - start >= sections[i].size)
			continue;
		off = __atomic_load_n(&sections[i].off, __ATOMIC_ACQUIRE);
		if (!base || off == SIZE_MAX)
			return (void *)p;	/* no machine: the template is CPU 0's */
		return (void *)(base + cpu * PCPU_UNIT + off + (p - start));
	}
	return (void *)p;
}
EXPORT_SYMBOL(ukmem_percpu_ptr);

bool is_kernel_percpu_address(unsigned long addr)
{
	uintptr_t base = (uintptr_t)chunk;

	return base && addr - base < (uintptr_t)nr_units * PCPU_UNIT;
}

/**
 * __alloc_percpu_gfp - allocate zeroed per-CPU memory
 * @size: bytes per CPU
 * @align: alignment (a power of two, at most PAGE_SIZE)
 * @gfp: allocation flags (GFP_KERNEL or GFP_NOWAIT/GFP_ATOMIC: never sleeps here)
 *
 * Context: any. Return: unit 0's address of the object, or NULL.
 */
void __percpu *__alloc_percpu_gfp(size_t size, size_t align, gfp_t gfp)
{
	size_t off;

	if (!size || size > PCPU_UNIT / 2 || (align & (align - 1)) || align > PAGE_SIZE) {
		WARN(1, "illegal size (%zu) or align (%zu) for percpu allocation\n", size, align);
		return NULL;
	}
	pthread_mutex_lock(&pcpu_lock);
	off = chunk ? area_alloc(size, align) : SIZE_MAX;
	if (off != SIZE_MAX)
		for (unsigned int cpu = 0; cpu < nr_units; cpu++)
			memset(chunk + cpu * PCPU_UNIT + off, 0, size);
	pthread_mutex_unlock(&pcpu_lock);
	if (off == SIZE_MAX) {
		if (!(gfp & __GFP_NOWARN))
			pr_warn("percpu: allocation failed, size=%zu align=%zu atomic=%d\n", size,
				align, !(gfp & __GFP_DIRECT_RECLAIM));
		return NULL;
	}
	return (void __percpu *)(chunk + off);
}
EXPORT_SYMBOL_GPL(__alloc_percpu_gfp);

/**
 * __alloc_percpu - allocate zeroed per-CPU memory with GFP_KERNEL
 * @size: bytes per CPU
 * @align: alignment (a power of two, at most PAGE_SIZE)
 *
 * Context: process context; takes pcpu_lock (a host mutex); ukmem's allocator never sleeps.
 * Return: the per-CPU pointer (free it with free_percpu()), or NULL.
 */
void __percpu *__alloc_percpu(size_t size, size_t align)
{
	return __alloc_percpu_gfp(size, align, GFP_KERNEL);
}
EXPORT_SYMBOL_GPL(__alloc_percpu);

/**
 * free_percpu - free per-CPU memory
 * @ptr: from alloc_percpu(), or NULL (nothing is done)
 *
 * Warns if @ptr is not a per-CPU allocation.
 *
 * Context: any context; takes pcpu_lock (a host mutex, held briefly).
 */
void free_percpu(void __percpu *ptr)
{
	uintptr_t p = (uintptr_t)ptr;

	if (!ptr)
		return;
	pthread_mutex_lock(&pcpu_lock);
	if (!chunk || p - (uintptr_t)chunk >= PCPU_UNIT ||
	    !area_free(p - (uintptr_t)chunk))
		WARN(1, "percpu: free_percpu() of %p, not a per-CPU allocation\n", ptr);
	pthread_mutex_unlock(&pcpu_lock);
}
EXPORT_SYMBOL_GPL(free_percpu);

/* Pages the units use, for /proc/meminfo's Percpu. */
unsigned long pcpu_nr_pages(void)
{
	return DIV_ROUND_UP(__atomic_load_n(&used_bytes, __ATOMIC_RELAXED), PAGE_SIZE) * nr_units;
}

int percpu_init(void)
{
	char *units = host_alloc_lazy(nr_cpu_ids * PCPU_UNIT);

	if (!units)
		return -ENOMEM;
	pthread_mutex_lock(&pcpu_lock);
	nr_units = nr_cpu_ids;
	used_bytes = 0;
	areas = NULL;
	chunk = units;
	for (unsigned int i = 0; i < nr_sections; i++)
		if (sections[i].start)
			place_section(&sections[i]);
	pthread_mutex_unlock(&pcpu_lock);
	return 0;
}

void percpu_exit(void)
{
	char *units;

	pthread_mutex_lock(&pcpu_lock);
	units = chunk;
	__atomic_store_n(&chunk, NULL, __ATOMIC_RELEASE);
	for (unsigned int i = 0; i < nr_sections; i++)
		sections[i].off = SIZE_MAX;
	while (areas)
		area_free(areas->off);
	pthread_mutex_unlock(&pcpu_lock);
	host_release(units, nr_units * PCPU_UNIT);
	nr_units = 0;
}
