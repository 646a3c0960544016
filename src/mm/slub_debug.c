// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/slub_debug.c: SLUB's debugging: red zones around objects, poisoning of free objects,
 * allocation and free tracks (SLAB_STORE_USER), freelist consistency checks, chosen per
 * cache by flag or on the command line (slub_debug=FZPU,kmalloc-64), and the reports
 * in SLUB's words ("BUG <cache> (<taint>): Redzone overwritten", "FIX ..."). A KUnit
 * case that holds a "slab_errors" resource (lib/slub_kunit.c) has each report and fix
 * counted there instead of printed, as Linux 6.1 does.
 * Invariants: a debug cache's objects never pass through a per-thread cache, so every
 * allocation and free takes the slow path (the node's slab lists) and is checked here;
 * an object found damaged is restored and left out of use (isolated), never handed out
 * again. */
#include <execinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/bitmap.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <kunit/resource.h>
#include <kunit/test.h>
#include "host/host.h"
#include "kernel/params.h"
#include "kernel/report.h"
#include "mm/internal.h"
#include "mm/slab.h"
#include "kernel/cpu.h"

#define SLUB_RED_INACTIVE	0xbb
#define SLUB_RED_ACTIVE		0xcc
#define POISON_INUSE		0x5a
#define POISON_FREE		0x6b
#define POISON_END		0xa5
#define TRACK_DEPTH		8
#define MAX_OBJS_PER_PAGE	32767	/* slab->objects is 15 bits */

enum track_item { TRACK_ALLOC, TRACK_FREE };

struct track {
	unsigned long addr;		/* caller of the allocation or free */
	unsigned long addrs[TRACK_DEPTH];
	int cpu, pid;
	unsigned long when;		/* jiffies-like: milliseconds since boot */
};

static slab_flags_t slub_debug;		/* flags for the caches chosen */
static char slub_debug_names[256];	/* "" = every cache */

unsigned int slub_track_size(void)
{
	return sizeof(struct track);
}

static unsigned long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long)ts.tv_sec * 1000 + (unsigned long)ts.tv_nsec / 1000000;
}

/* ---- command line ------------------------------------------------------------------- */

static int set_slub_debug(const char *v)
{
	const char *comma;

	slub_debug = 0;
	slub_debug_names[0] = '\0';
	if (!v)
		return 0;
	if (!*v) {
		slub_debug = SLAB_DEBUG_FLAGS;
		return 0;
	}
	comma = strchr(v, ',');
	for (const char *c = v; *c && c != comma; c++) {
		switch (*c) {
		case 'f': case 'F': slub_debug |= SLAB_CONSISTENCY_CHECKS; break;
		case 'z': case 'Z': slub_debug |= SLAB_RED_ZONE; break;
		case 'p': case 'P': slub_debug |= SLAB_POISON; break;
		case 'u': case 'U': slub_debug |= SLAB_STORE_USER; break;
		case 't': case 'T': slub_debug |= SLAB_TRACE; break;
		case 'a': case 'A': slub_debug |= SLAB_FAILSLAB; break;
		case '-': slub_debug = 0; break;
		default: pr_err("slub_debug option '%c' unknown. skipped\n", *c);
		}
	}
	if (comma)
		snprintf(slub_debug_names, sizeof(slub_debug_names), "%s", comma + 1);
	return 0;
}
static int set_slub_debug_all(const char *v) { return set_slub_debug(""); }
UKMEM_SETUP("slub_debug", set_slub_debug_all, NULL);
UKMEM_SETUP("slub_debug=", set_slub_debug, "-");

static bool name_listed(const char *name)
{
	const char *p = slub_debug_names;

	while (*p) {
		size_t len = strcspn(p, ",");
		bool glob = len && p[len - 1] == '*';
		size_t cmp = glob ? len - 1 : len;

		if (!strncmp(p, name, cmp) && (glob || !name[cmp]))
			return true;
		p += len + (p[len] == ',');
	}
	return false;
}

slab_flags_t slub_debug_flags_for(const char *name, slab_flags_t flags)
{
	if (slub_debug && (!slub_debug_names[0] || (name && name_listed(name))))
		flags |= slub_debug;
	return flags;
}

/* ---- reports ----------------------------------------------------------------------- */

static void print_section(const char *text, const u8 *addr, unsigned int length)
{
	for (unsigned int off = 0; off < length; off += 16) {
		char hex[16 * 3 + 1] = "", ascii[17] = "";
		unsigned int n = min(16u, length - off);

		for (unsigned int i = 0; i < n; i++) {
			u8 c = addr[off + i];

			snprintf(hex + i * 3, 4, "%02x%s", c, i + 1 < n ? " " : "");
			ascii[i] = c >= 0x20 && c < 0x7f ? (char)c : '.';
		}
		ascii[n] = '\0';
		pr_err("%s%016lx: %-47s  %s\n", text, (unsigned long)(addr + off), hex, ascii);
	}
}

/* The running KUnit case's "slab_errors" count, when it has one, takes the error instead
 * of a report: true when counted (the caller prints nothing). Without a case running,
 * one load of current->kunit_test. */
static bool slab_add_kunit_errors(void)
{
	struct kunit_resource *resource;

	if (likely(!current->kunit_test))
		return false;
	resource = kunit_find_named_resource(current->kunit_test, "slab_errors");
	if (!resource)
		return false;
	(*(int *)resource->data)++;
	kunit_put_resource(resource);
	return true;
}

static void slab_vbug(struct kmem_cache *s, const char *fmt, va_list args)
{
	char msg[256];

	vsnprintf(msg, sizeof(msg), fmt, args);
	report_begin();
	pr_err("=============================================================================\n");
	pr_err("BUG %s (%s): %s\n", s->name, print_tainted(), msg);
	pr_err("-----------------------------------------------------------------------------\n\n");
}

static __printf(2, 3) void slab_bug(struct kmem_cache *s, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	slab_vbug(s, fmt, args);
	va_end(args);
}

static __printf(2, 3) void slab_fix(struct kmem_cache *s, const char *fmt, ...)
{
	char msg[256];
	va_list args;

	if (slab_add_kunit_errors())
		return;
	va_start(args, fmt);
	vsnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	pr_err("FIX %s: %s\n", s->name, msg);
}

static void print_slab_info(struct slab *slab)
{
	char flags[160];

	pr_err("Slab 0x%016lx objects=%u used=%u fp=0x%016lx flags=%s\n",
	       (unsigned long)slab, slab->objects, slab->inuse, (unsigned long)slab->freelist,
	       format_page_flags(slab->__page_flags, flags, sizeof(flags)));
}

static struct track *get_track(struct kmem_cache *s, void *object, enum track_item item)
{
	unsigned int end = s->offset >= s->inuse ? s->inuse + sizeof(void *) : s->inuse;

	return (struct track *)((char *)object + end) + item;
}

static void print_track(const char *what, struct track *t, unsigned long now)
{
	char sym[160];

	if (!t->addr)
		return;
	pr_err("%s in %s age=%lu cpu=%d pid=%d\n", what,
	       ukmem_symbolize((void *)t->addr, sym, sizeof(sym)), now - t->when, t->cpu, t->pid);
	for (int i = 0; i < TRACK_DEPTH && t->addrs[i]; i++)
		pr_err(" %s\n", ukmem_symbolize((void *)t->addrs[i], sym, sizeof(sym)));
}

static void print_tracking(struct kmem_cache *s, void *object)
{
	unsigned long now = now_ms();

	if (!(s->flags & SLAB_STORE_USER))
		return;
	print_track("Allocated", get_track(s, object, TRACK_ALLOC), now);
	print_track("Freed", get_track(s, object, TRACK_FREE), now);
}

static void print_trailer(struct kmem_cache *s, struct slab *slab, u8 *p)
{
	u8 *addr = slab_address(slab);

	print_tracking(s, p);
	print_slab_info(slab);
	pr_err("Object 0x%016lx @offset=%lu fp=0x%016lx\n\n", (unsigned long)p,
	       (unsigned long)(p - addr), (unsigned long)get_freepointer(s, p));
	if (s->flags & SLAB_RED_ZONE)
		print_section("Redzone  ", p - s->red_left_pad, s->red_left_pad);
	else if (p > addr + 16)
		print_section("Bytes b4 ", p - 16, 16);
	print_section("Object   ", p, min_t(unsigned int, s->object_size, PAGE_SIZE));
	if (s->flags & SLAB_RED_ZONE)
		print_section("Redzone  ", p + s->object_size, s->inuse - s->object_size);
	dump_stack();
}

void slab_err(struct kmem_cache *s, struct slab *slab, const char *fmt, ...)
{
	va_list args;

	if (slab_add_kunit_errors())
		return;
	va_start(args, fmt);
	slab_vbug(s, fmt, args);
	va_end(args);
	print_slab_info(slab);
	dump_stack();
	add_taint(TAINT_BAD_PAGE, LOCKDEP_STILL_OK);
}

static void object_err(struct kmem_cache *s, struct slab *slab, u8 *object, const char *reason, ...)
{
	va_list args;

	if (slab_add_kunit_errors())
		return;
	va_start(args, reason);
	slab_vbug(s, reason, args);
	va_end(args);
	print_trailer(s, slab, object);
	add_taint(TAINT_BAD_PAGE, LOCKDEP_STILL_OK);
}

void list_slab_objects(struct kmem_cache *s, struct slab *slab, const char *text)
{
	char *addr = slab_address(slab), *p;
	unsigned char free_map[4096] = { 0 };

	slab_err(s, slab, text, s->name);
	for (void *f = slab->freelist; f; f = get_freepointer(s, f))
		free_map[obj_to_index(s, slab, f) % sizeof(free_map)] = 1;
	for_each_object(p, s, addr, slab->objects) {
		if (free_map[obj_to_index(s, slab, p) % sizeof(free_map)])
			continue;
		pr_err("Object 0x%016lx @offset=%lu\n", (unsigned long)p, (unsigned long)(p - addr));
		print_tracking(s, p);
	}
}

/* ---- object checks ------------------------------------------------------------------ */

static bool object_poisoned(struct kmem_cache *s)
{
	return (s->flags & SLAB_POISON) && !s->ctor && !s->old_ctor &&
	       !(s->flags & SLAB_TYPESAFE_BY_RCU);
}

static void init_object(struct kmem_cache *s, u8 *p, u8 val)
{
	if (s->flags & SLAB_RED_ZONE)
		memset(p - s->red_left_pad, val, s->red_left_pad);
	if (object_poisoned(s) && val == SLUB_RED_INACTIVE) {
		memset(p, POISON_FREE, s->object_size - 1);
		p[s->object_size - 1] = POISON_END;
	}
	if (s->flags & SLAB_RED_ZONE)
		memset(p + s->object_size, val, s->inuse - s->object_size);
}

static bool check_bytes(struct kmem_cache *s, struct slab *slab, u8 *object, const char *what,
			u8 *start, u8 value, unsigned int bytes)
{
	u8 *fault = NULL, *end = start + bytes;

	for (u8 *b = start; b < end; b++)
		if (*b != value) {
			fault = b;
			break;
		}
	if (!fault)
		return true;
	while (end > fault && end[-1] == value)
		end--;
	if (!slab_add_kunit_errors()) {
		slab_bug(s, "%s overwritten", what);
		pr_err("0x%016lx-0x%016lx @offset=%lu. First byte 0x%x instead of 0x%x\n",
		       (unsigned long)fault, (unsigned long)(end - 1),
		       (unsigned long)(fault - (u8 *)slab_address(slab)), fault[0], value);
		print_trailer(s, slab, object);
		add_taint(TAINT_BAD_PAGE, LOCKDEP_STILL_OK);
	}
	slab_fix(s, "Restoring %s 0x%016lx-0x%016lx=0x%x", what, (unsigned long)fault,
		 (unsigned long)(end - 1), value);
	memset(fault, value, (size_t)(end - fault));
	return false;
}

static bool check_object(struct kmem_cache *s, struct slab *slab, u8 *p, u8 val)
{
	bool ok = true;

	if (s->flags & SLAB_RED_ZONE) {
		ok &= check_bytes(s, slab, p, "Left Redzone", p - s->red_left_pad, val,
				  s->red_left_pad);
		ok &= check_bytes(s, slab, p, "Right Redzone", p + s->object_size, val,
				  s->inuse - s->object_size);
	}
	if (object_poisoned(s) && val == SLUB_RED_INACTIVE) {
		ok &= check_bytes(s, slab, p, "Poison", p, POISON_FREE, s->object_size - 1);
		ok &= check_bytes(s, slab, p, "End Poison", p + s->object_size - 1, POISON_END, 1);
	}
	return ok;
}

/* Whether object is NULL or the start of an object of slab. */
static bool check_valid_pointer(struct kmem_cache *s, struct slab *slab, void *object)
{
	char *base = slab_address(slab), *p = object;

	if (!object)
		return true;
	p -= s->red_left_pad;
	return p >= base && p < base + (size_t)slab->objects * s->size &&
	       (size_t)(p - base) % s->size == 0;
}

/* Whether search is on slab's freelist (search NULL: true once the walk is done). As in
 * Linux 6.1, the walk repairs what it finds: a corrupt free pointer ends the freelist
 * there, and a wrong object count or in-use count is reported and corrected. The node's
 * list_lock is held. */
static bool on_freelist(struct kmem_cache *s, struct slab *slab, void *search)
{
	unsigned int nr = 0, max_objects;
	void *fp = slab->freelist, *object = NULL;

	while (fp && nr <= slab->objects) {
		if (fp == search)
			return true;
		if (!check_valid_pointer(s, slab, fp)) {
			if (object) {
				object_err(s, slab, object, "Freechain corrupt");
				set_freepointer(s, object, NULL);
			} else {
				slab_err(s, slab, "Freepointer corrupt");
				slab->freelist = NULL;
				slab->inuse = slab->objects;
				slab_fix(s, "Freelist cleared");
				return false;
			}
			break;
		}
		object = fp;
		fp = get_freepointer(s, object);
		nr++;
	}
	max_objects = min_t(unsigned int, (PAGE_SIZE << s->order) / s->size, MAX_OBJS_PER_PAGE);
	if (slab->objects != max_objects) {
		slab_err(s, slab, "Wrong number of objects. Found %d but should be %d",
			 slab->objects, max_objects);
		slab->objects = max_objects;
		slab_fix(s, "Number of objects adjusted");
	}
	if (slab->inuse != slab->objects - nr) {
		slab_err(s, slab, "Wrong object count. Counter is %d but counted were %d",
			 slab->inuse, slab->objects - nr);
		slab->inuse = slab->objects - nr;
		slab_fix(s, "Object count adjusted");
	}
	return search == NULL;
}

/* SLAB_POISON: the bytes after the last object keep POISON_INUSE (restored if not). */
static void slab_pad_check(struct kmem_cache *s, struct slab *slab)
{
	u8 *start = slab_address(slab), *end, *pad, *fault = NULL;
	size_t length = PAGE_SIZE << s->order, remainder = length % s->size;

	if (!(s->flags & SLAB_POISON) || !remainder)
		return;
	end = start + length;
	pad = end - remainder;
	for (u8 *b = pad; b < end; b++)
		if (*b != POISON_INUSE) {
			fault = b;
			break;
		}
	if (!fault)
		return;
	while (end > fault && end[-1] == POISON_INUSE)
		end--;
	slab_err(s, slab, "Padding overwritten. 0x%016lx-0x%016lx @offset=%tu",
		 (unsigned long)fault, (unsigned long)(end - 1), fault - start);
	print_section("Padding ", pad, (unsigned int)remainder);
	slab_fix(s, "Restoring slab padding 0x%016lx-0x%016lx=0x%x", (unsigned long)fault,
		 (unsigned long)(end - 1), POISON_INUSE);
	memset(fault, POISON_INUSE, (size_t)(end - fault));
}

/* Linux 6.1's check_slab(): a slab page whose counts are possible. */
static bool check_slab(struct kmem_cache *s, struct slab *slab)
{
	unsigned int maxobj = (PAGE_SIZE << s->order) / s->size;

	if (!PageSlab(slab_page(slab))) {
		slab_err(s, slab, "Not a valid slab page");
		return false;
	}
	if (slab->objects > maxobj) {
		slab_err(s, slab, "objects %u > max %u", slab->objects, maxobj);
		return false;
	}
	if (slab->inuse > slab->objects) {
		slab_err(s, slab, "inuse %u > max %u", slab->inuse, slab->objects);
		return false;
	}
	slab_pad_check(s, slab);
	return true;
}

/* Checks one slab: its counts, its freelist, then every object against the state the
 * freelist gives it (free: inactive red zones and poison; else active), stopping at the
 * first damaged object, as Linux 6.1's validate_slab(). free_map: s->objects bits. */
static void validate_slab(struct kmem_cache *s, struct slab *slab, unsigned long *free_map)
{
	char *addr = slab_address(slab), *p;

	if (!check_slab(s, slab) || !on_freelist(s, slab, NULL))
		return;
	bitmap_zero(free_map, slab->objects);
	for (void *f = slab->freelist; f; f = get_freepointer(s, f))
		__set_bit(obj_to_index(s, slab, f), free_map);
	for_each_object(p, s, addr, slab->objects) {
		u8 val = test_bit(obj_to_index(s, slab, p), free_map) ? SLUB_RED_INACTIVE :
									 SLUB_RED_ACTIVE;

		if (!check_object(s, slab, (u8 *)p, val))
			break;
	}
}

/* Validates every slab of one node, then checks the lists' counters: returns the number
 * of slabs. ukmem keeps the full list for every cache, so full slabs are validated and
 * counted whether or not the cache has SLAB_STORE_USER (Linux 6.1 knows its full slabs
 * only then). */
static long validate_slab_node(struct kmem_cache *s, struct kmem_cache_node *n,
			       unsigned long *free_map)
{
	struct slab *slab, *tmp;
	unsigned long count = 0;

	spin_lock(&n->list_lock);
	list_for_each_entry(slab, &n->partial, slab_list) {
		validate_slab(s, slab, free_map);
		count++;
	}
	if (count != n->nr_partial) {
		pr_err("SLUB %s: %ld partial slabs counted but counter=%ld\n", s->name,
		       (long)count, (long)n->nr_partial);
		slab_add_kunit_errors();
	}
	list_for_each_entry(slab, &n->full, slab_list) {
		validate_slab(s, slab, free_map);
		count++;
	}
	if (count != (unsigned long)atomic_long_read(&n->nr_slabs)) {
		pr_err("SLUB: %s %ld slabs counted but counter=%ld\n", s->name, (long)count,
		       atomic_long_read(&n->nr_slabs));
		slab_add_kunit_errors();
	}
	/* Repairs may have emptied a freelist (or refilled one): each slab to its list. */
	list_for_each_entry_safe(slab, tmp, &n->partial, slab_list)
		if (!slab->freelist)
			slab_relist(n, slab);
	list_for_each_entry_safe(slab, tmp, &n->full, slab_list)
		if (slab->freelist)
			slab_relist(n, slab);
	spin_unlock(&n->list_lock);
	return (long)count;
}

/**
 * validate_slab_cache() - check every slab of a cache, as slub_debug's validate does
 * @s: the cache
 *
 * Checks each slab of each node (its counts, its freelist and every object's red zones
 * and poison, as far as the cache's debug flags keep them) and the nodes' slab
 * counters, reporting and repairing what is wrong in SLUB's words; a KUnit case holding
 * a "slab_errors" resource has each report and repair counted there instead. Objects
 * that wait in a thread's cache count as allocated (debug caches have none).
 *
 * Context: process context; takes each node's list_lock in turn. The caller must not
 * free @s meanwhile.
 * Return: the number of slabs, or -ENOMEM.
 */
long validate_slab_cache(struct kmem_cache *s)
{
	unsigned long *free_map = calloc(BITS_TO_LONGS(s->objects), sizeof(long));
	struct kmem_cache_node *n;
	long count = 0;
	int nid;

	if (!free_map)
		return -ENOMEM;
	for_each_kmem_cache_node(s, nid, n)
		count += validate_slab_node(s, n, free_map);
	free(free_map);
	return count;
}
EXPORT_SYMBOL(validate_slab_cache);

static void set_track(struct kmem_cache *s, void *object, enum track_item item,
		      unsigned long caller)
{
	struct track *t = get_track(s, object, item);
	void *frames[TRACK_DEPTH + 2];
	int n = backtrace(frames, TRACK_DEPTH + 2);

	memset(t, 0, sizeof(*t));
	t->addr = caller;
	for (int i = 2; i < n; i++)
		t->addrs[i - 2] = (unsigned long)frames[i];
	t->cpu = (int)cpu_current();
	t->pid = current->pid;
	t->when = now_ms();
}

void slub_debug_init_slab(struct kmem_cache *s, void *addr)
{
	if (s->flags & SLAB_POISON)
		memset(addr, POISON_INUSE, PAGE_SIZE << s->order);
}

void slub_debug_init_object(struct kmem_cache *s, void *object)
{
	if (s->flags & SLAB_DEBUG_FLAGS)
		init_object(s, object, SLUB_RED_INACTIVE);
	if (s->flags & SLAB_STORE_USER)
		memset(get_track(s, object, TRACK_ALLOC), 0, 2 * sizeof(struct track));
}

/* Checks object's red zones/poison against expect, records the track, and marks it
 * with next; a damaged object is reported, restored and kept out of use. */
static bool debug_transition(struct kmem_cache *s, struct slab *slab, void *object, u8 expect,
			     enum track_item item, u8 next, unsigned long caller)
{
	if (!check_object(s, slab, object, expect)) {
		slab_fix(s, "Object at 0x%016lx %s", (unsigned long)object,
			 item == TRACK_ALLOC ? "isolated" : "not freed");
		return false;
	}
	if (s->flags & SLAB_STORE_USER)
		set_track(s, object, item, caller);
	init_object(s, object, next);
	return true;
}

bool slub_debug_alloc(struct kmem_cache *s, void *object, unsigned long caller)
{
	return debug_transition(s, virt_to_slab(object), object, SLUB_RED_INACTIVE, TRACK_ALLOC,
				SLUB_RED_ACTIVE, caller);
}

bool slub_debug_free(struct kmem_cache *s, struct slab *slab, void *object,
		     unsigned long caller)
{
	struct kmem_cache_node *n = s->node[slab_nid(slab)];
	bool already_free;

	if (!slab_object_start_ok(s, slab, object)) {
		slab_err(s, slab, "Invalid object pointer 0x%016lx", (unsigned long)object);
		return false;
	}
	spin_lock(&n->list_lock);
	already_free = on_freelist(s, slab, object);
	spin_unlock(&n->list_lock);
	if (already_free) {
		object_err(s, slab, object, "Object already free");
		return false;
	}
	return debug_transition(s, slab, object, SLUB_RED_ACTIVE, TRACK_FREE, SLUB_RED_INACTIVE,
				caller);
}
