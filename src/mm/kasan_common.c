// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/kasan_common.c: KASAN's slab hooks for ASan and Valgrind builds (mm/kasan.h) and the
 * per-object metadata they keep: whether the object is allocated or freed, and the stacks
 * (task and frames) of its last allocation and free, for KASAN's "Allocated by task" and
 * "Freed by task" and for telling a double free from a first one.
 * Invariants: the metadata is a hash table in host memory, keyed by object address and
 * guarded by meta_lock (a leaf lock); an entry exists for every object of a tracked cache that was ever
 * handed out and whose slab still exists (kasan_slab_discard() drops a slab's entries).
 * The key is stored inverted, so that Valgrind's leak check never takes the table for a
 * reference to a leaked object. Nothing here is compiled into a normal build. */
#include "mm/kasan.h"

#if UKMEM_TRACK_ANY

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include "host/host.h"
#include "kernel/report.h"
#include "mm/slab.h"

#define KASAN_STACK_DEPTH	8

struct kasan_track {
	int pid;
	unsigned int nr_frames;
	void *frames[KASAN_STACK_DEPTH];
};

struct kasan_meta {
	unsigned long key;		/* ~object address; 0: empty slot */
	bool freed;
	struct kasan_track alloc, free;
};

static struct kasan_meta *meta;
static unsigned long meta_slots, meta_used;	/* slots: a power of two, or 0 */
static pthread_mutex_t meta_lock = PTHREAD_MUTEX_INITIALIZER;

static unsigned long meta_home(unsigned long key)
{
	return (key * 0x9e3779b97f4a7c15UL >> 17) & (meta_slots - 1);
}

/* The slot holding object's entry, or the empty slot where it would go. */
static struct kasan_meta *meta_slot(const void *object)
{
	unsigned long key = ~(unsigned long)object, i = meta_home(key);

	while (meta[i].key && meta[i].key != key)
		i = (i + 1) & (meta_slots - 1);
	return &meta[i];
}

static struct kasan_meta *meta_lookup(const void *object)
{
	struct kasan_meta *m;

	if (!meta_slots)
		return NULL;
	m = meta_slot(object);
	return m->key ? m : NULL;
}

static bool meta_grow(void)
{
	struct kasan_meta *old = meta;
	unsigned long old_slots = meta_slots;

	meta_slots = old_slots ? old_slots * 2 : 4096;
	meta = calloc(meta_slots, sizeof(*meta));
	if (!meta) {
		meta = old;
		meta_slots = old_slots;
		return false;
	}
	for (unsigned long i = 0; i < old_slots; i++)
		if (old[i].key)
			*meta_slot((void *)~old[i].key) = old[i];
	free(old);
	return true;
}

/* object's entry, created if it has none; NULL only when out of host memory. */
static struct kasan_meta *meta_get(const void *object)
{
	struct kasan_meta *m;

	if (2 * (meta_used + 1) > meta_slots && !meta_grow())
		return NULL;
	m = meta_slot(object);
	if (!m->key) {
		memset(m, 0, sizeof(*m));
		m->key = ~(unsigned long)object;
		meta_used++;
	}
	return m;
}

/* Removes object's entry, moving later entries of its probe run back into the gap. */
static void meta_remove(const void *object)
{
	struct kasan_meta *m = meta_lookup(object);
	unsigned long hole, i;

	if (!m)
		return;
	hole = (unsigned long)(m - meta);
	meta[hole].key = 0;
	meta_used--;
	for (i = (hole + 1) & (meta_slots - 1); meta[i].key; i = (i + 1) & (meta_slots - 1)) {
		unsigned long home = meta_home(meta[i].key);

		if (((i - home) & (meta_slots - 1)) >= ((i - hole) & (meta_slots - 1))) {
			meta[hole] = meta[i];
			meta[i].key = 0;
			hole = i;
		}
	}
}

/* The stack from the hook's caller up (the frames of save_track and the hook skipped). */
static noinline void save_track(struct kasan_track *t)
{
	void *frames[KASAN_STACK_DEPTH + 2];
	int n = host_backtrace(frames, KASAN_STACK_DEPTH + 2);

	t->pid = current->pid;
	t->nr_frames = n > 2 ? (unsigned int)(n - 2) : 0;
	memcpy(t->frames, frames + 2, t->nr_frames * sizeof(void *));
}

static void print_track(const struct kasan_track *t, const char *what)
{
	char sym[256];

	pr_err("%s by task %d:\n", what, t->pid);
	for (unsigned int i = 0; i < t->nr_frames; i++) {
		const char *s = ukmem_symbolize(t->frames[i], sym, sizeof(sym));

		if (!strncmp(s, "__libc_start", 12) || !strncmp(s, "_start+", 7) ||
		    strstr(s, " [libc.so"))
			break;
		pr_err(" %s\n", s);
	}
	pr_err("\n");
}

bool kasan_print_object_stacks(const void *object)
{
	struct kasan_meta *m, copy;

	if (pthread_mutex_trylock(&meta_lock))
		return false;
	m = meta_lookup(object);
	if (m)
		copy = *m;
	pthread_mutex_unlock(&meta_lock);
	if (!m)
		return false;
	print_track(&copy.alloc, "Allocated");
	if (copy.freed)
		print_track(&copy.free, "Freed");
	return true;
}

bool kasan_object_is_free(const void *object)
{
	struct kasan_meta *m;
	bool freed;

	if (pthread_mutex_trylock(&meta_lock))
		return false;
	m = meta_lookup(object);
	freed = m && m->freed;
	pthread_mutex_unlock(&meta_lock);
	return freed;
}

/* fork(2): meta_lock is a leaf (never held while another lock is taken), so taking it
 * last, after machine/fork.c's handlers took every allocator lock, cannot deadlock;
 * registered before any machine boots, its prepare handler runs after theirs. */
static void meta_fork_lock(void) { pthread_mutex_lock(&meta_lock); }
static void meta_fork_unlock(void) { pthread_mutex_unlock(&meta_lock); }

__attribute__((constructor)) static void meta_fork_handlers(void)
{
	pthread_atfork(meta_fork_lock, meta_fork_unlock, meta_fork_unlock);
}

void kasan_slab_new(struct kmem_cache *s, struct slab *slab)
{
	if (kasan_cache_tracked(s))
		ukmem_track_poison(slab_address(slab), PAGE_SIZE << s->order);
}

void __kasan_slab_alloc(struct kmem_cache *s, void *x, size_t size)
{
	struct kasan_track track;
	struct kasan_meta *m;

	if (!kasan_cache_tracked(s))
		return;
	ukmem_track_alloc(x, size, s->object_size, s->ctor || s->old_ctor);
	save_track(&track);
	pthread_mutex_lock(&meta_lock);
	m = meta_get(x);
	if (m) {
		m->freed = false;
		m->alloc = track;
	}
	pthread_mutex_unlock(&meta_lock);
}

/* Records the free; false when x is not an allocated object (a double free). */
static bool note_free(void *x)
{
	struct kasan_track track;
	struct kasan_meta *m;
	bool first;

	save_track(&track);
	pthread_mutex_lock(&meta_lock);
	m = meta_lookup(x);
	first = !m || !m->freed;
	if (m && first) {
		m->freed = true;
		m->free = track;
	}
	pthread_mutex_unlock(&meta_lock);
	return first;
}

bool __kasan_slab_free(struct kmem_cache *s, struct slab *slab, void *x, unsigned long ip)
{
	/* A pointer into an object is reported for every cache, as Linux checks it before
	 * leaving SLAB_TYPESAFE_BY_RCU caches alone. */
	if (!slab_object_start_ok(s, slab, x)) {
		kasan_report_invalid_free(x, ip, "invalid-free");
		return true;
	}
	if (!kasan_cache_tracked(s))
		return false;
	if (!note_free(x)) {
		kasan_report_invalid_free(x, ip, "double-free");
		return true;
	}
	if (s->zero_on_free) {
		kasan_resize(x, s->object_size, s->object_size);	/* the red zone too */
		memset(x, 0, s->object_size);
	}
	ukmem_track_free(x, s->object_size);
	kasan_quarantine_put(s, x);
	return true;
}

void kasan_slab_discard(struct kmem_cache *s, struct slab *slab)
{
	char *p;

	if (!kasan_cache_tracked(s))
		return;
	pthread_mutex_lock(&meta_lock);
	for_each_object(p, s, slab_address(slab), slab->objects)
		meta_remove(p);
	pthread_mutex_unlock(&meta_lock);
	ukmem_track_unpoison(slab_address(slab), PAGE_SIZE << s->order);
}

#if UKMEM_TRACK_VALGRIND
/* How many bytes of x memcheck holds as its block: up to the first unaddressable byte. */
static size_t tracked_size(void *x, size_t usable)
{
	unsigned char vbits;
	size_t size = 0;

	while (size < usable && VALGRIND_GET_VBITS((char *)x + size, &vbits, 1) != 3)
		size++;
	return size;
}
#endif

/* The block at x becomes new_size bytes long: the rest of usable is a red zone again. */
void kasan_resize(void *x, size_t new_size, size_t usable)
{
#if UKMEM_TRACK_ASAN
	ASAN_UNPOISON_MEMORY_REGION(x, new_size);
	if (usable > new_size)
		ASAN_POISON_MEMORY_REGION((char *)x + new_size, usable - new_size);
#endif
#if UKMEM_TRACK_VALGRIND
	size_t size = tracked_size(x, usable);

	if (size != new_size)
		VALGRIND_RESIZEINPLACE_BLOCK(x, size, new_size, 0);
#endif
}

#endif
