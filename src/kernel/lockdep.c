// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/lockdep.c: lock validation (CONFIG_PROVE_LOCKING), on when the machine is
 * booted with lockdep.prove_locking=1 or lockdep=on.
 *
 * What it owns: lock classes (one per lock_class_key and subclass, or per statically
 * initialised lock), each thread's stack of held locks, the lock chains seen (counted
 * for /proc/lockdep_stats, kernel/lockdep_proc.c), the dependency graph between
 * classes (an edge A -> B once B was taken while A was held), each class's irq usage
 * bits, and Linux 6.1's reports: circular dependency, recursive locking, inconsistent
 * lock state, irq-safe -> irq-unsafe order, bad unlock balance, suspicious RCU usage,
 * and the held-locks lists.
 *
 * Invariants: classes, edges and traces live in static tables (lockdep itself never
 * allocates, so it can watch the allocators) and are changed only under graph_lock;
 * a thread's held stack is changed only by that thread. Lockdep's own work runs with
 * the thread's recursion count raised, so locks taken while it prints are not seen.
 * The first report turns debug_locks off (lib/debug_locks.c), which stops validation
 * until the next boot; each boot clears the graph.
 *
 * Differences from Linux (docs/locking.md): a task's usage state is sampled when it
 * takes a lock (enabling interrupts while holding one is not tracked), recursive reads
 * (rcu_read_lock, rwlock_t read locks in interrupt context) add no dependencies, and
 * locks of ukmem's own code are not validated. */
#include <dlfcn.h>
#include <pthread.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/lockdep.h>
#include <linux/debug_locks.h>
#include <linux/export.h>
#include <linux/irqflags.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include "host/host.h"
#include "kernel/lockdep_internals.h"
#include "kernel/params.h"
#include "kernel/report.h"

int ukmem_lockdep_active;
EXPORT_SYMBOL(ukmem_lockdep_active);

struct lock_class_key __lockdep_no_validate__;
EXPORT_SYMBOL_GPL(__lockdep_no_validate__);

static pthread_mutex_t graph_lock = PTHREAD_MUTEX_INITIALIZER;

static struct lock_class lock_classes[MAX_LOCKDEP_KEYS];
static unsigned int nr_lock_classes;
static struct lock_class *classhash[CLASSHASH_SIZE];

static struct lock_list list_entries[MAX_LOCKDEP_ENTRIES];
static unsigned int nr_list_entries;

static unsigned long stack_trace[MAX_STACK_TRACE_ENTRIES];
static unsigned int nr_stack_trace_entries;
static struct lock_trace trace_headers[MAX_LOCK_TRACES];
static unsigned int nr_lock_traces;

/* BFS: each search has its own generation; a class is visited when its mark equals it. */
static unsigned int bfs_generation;
static struct lock_list *bfs_queue[MAX_LOCKDEP_KEYS + 1];
static unsigned int max_bfs_queue_depth;

/* Lock chains: the keys of the held-lock sequences (per irq context) seen so far, in an
 * open-addressed set (0: empty slot), counted for /proc/lockdep_stats. */
static u64 chain_keys[MAX_LOCKDEP_CHAINS * 2];
static unsigned int nr_lock_chains, nr_chain_hlocks;
static unsigned int nr_hardirq_chains, nr_softirq_chains, nr_process_chains;
static unsigned int max_lockdep_depth;

/* Threads that have taken a lock, for debug_show_all_locks(). */
static __thread struct lockdep_task lockdep_self;
static struct lockdep_task *task_list;
static pthread_key_t task_key;
static pthread_once_t task_key_once = PTHREAD_ONCE_INIT;

/* ---- per-thread state -------------------------------------------------------------- */

static void unregister_task(void *arg)
{
	struct lockdep_task *lt = arg;

	pthread_mutex_lock(&graph_lock);
	for (struct lockdep_task **p = &task_list; *p; p = &(*p)->next)
		if (*p == lt) {
			*p = lt->next;
			break;
		}
	lt->registered = false;
	pthread_mutex_unlock(&graph_lock);
}

static void fork_prepare(void) { pthread_mutex_lock(&graph_lock); }
static void fork_parent(void) { pthread_mutex_unlock(&graph_lock); }

/* Only the forking thread lives on in the child. */
static void fork_child(void)
{
	task_list = lockdep_self.registered ? &lockdep_self : NULL;
	lockdep_self.next = NULL;
	pthread_mutex_init(&graph_lock, NULL);
}

static void create_task_key(void)
{
	pthread_key_create(&task_key, unregister_task);
	pthread_atfork(fork_prepare, fork_parent, fork_child);
}

static struct lockdep_task *lockdep_task(void)
{
	struct lockdep_task *lt = &lockdep_self;

	if (unlikely(!lt->registered)) {
		pthread_once(&task_key_once, create_task_key);
		lt->task = current;
		pthread_mutex_lock(&graph_lock);
		lt->next = task_list;
		task_list = lt;
		lt->registered = true;
		pthread_mutex_unlock(&graph_lock);
		pthread_setspecific(task_key, lt);
	}
	return lt;
}

/* ---- traces ------------------------------------------------------------------------ */

/* The calling stack from the frame that called lock_acquire()/lock_release() (the
 * thread's entry_ret), or NULL when the tables are full. Caller holds graph_lock. */
static const struct lock_trace *save_trace(struct lockdep_task *lt)
{
	void *frames[MAX_TRACE_DEPTH + 16];
	int n = host_backtrace(frames, (int)(sizeof(frames) / sizeof(frames[0])));
	int first = 0;
	struct lock_trace *trace;

	for (int i = 0; i < n; i++)
		if (frames[i] == lt->entry_ret) {
			first = i;
			break;
		}
	n -= first;
	if (n > MAX_TRACE_DEPTH)
		n = MAX_TRACE_DEPTH;
	if (nr_lock_traces >= MAX_LOCK_TRACES ||
	    nr_stack_trace_entries + (unsigned int)n > MAX_STACK_TRACE_ENTRIES)
		return NULL;
	trace = &trace_headers[nr_lock_traces++];
	trace->entries = &stack_trace[nr_stack_trace_entries];
	trace->nr_entries = 0;
	for (int i = 0; i < n; i++) {
		trace->entries[trace->nr_entries++] = (unsigned long)frames[first + i];
		nr_stack_trace_entries++;
	}
	return trace;
}

/* ---- classes ----------------------------------------------------------------------- */

static bool static_obj(const void *obj)
{
	Dl_info info;

	return dladdr(obj, &info) != 0 || is_kernel_percpu_address((unsigned long)obj);
}

static struct lock_class_key *map_key(const struct lockdep_map *lock)
{
	return lock->key ? lock->key : (struct lock_class_key *)lock;
}

static unsigned int class_hash(const void *key)
{
	unsigned long k = (unsigned long)key;

	return (unsigned int)((k >> 4) ^ (k >> 16)) & (CLASSHASH_SIZE - 1);
}

static int count_matching_names(const struct lock_class *new)
{
	int count = 0;

	if (!new->name[0])
		return 0;
	for (unsigned int i = 0; i < nr_lock_classes; i++) {
		const struct lock_class *class = &lock_classes[i];

		if (class->key - class->subclass == new->key - new->subclass)
			return class->name_version;
		if (!strcmp(class->name, new->name) && class->name_version > count)
			count = class->name_version;
	}
	return count + 1;
}

static void report_lockdep_off(const char *bug_msg)
{
	report_begin();
	printk(KERN_DEBUG "%s\n", bug_msg);
	printk(KERN_DEBUG "turning off the locking correctness validator.\n");
}

/* The class of lock/subclass, registered on first use. Caller holds graph_lock. */
static struct lock_class *register_lock_class(struct lockdep_map *lock,
					      unsigned int subclass, bool force)
{
	const struct lockdep_subclass_key *key;
	struct lock_class *class;
	unsigned int h;

	if (unlikely(subclass >= MAX_LOCKDEP_SUBCLASSES)) {
		if (debug_locks_off()) {
			report_begin();
			printk(KERN_ERR "BUG: looking up invalid subclass: %u\n", subclass);
			printk(KERN_ERR "turning off the locking correctness validator.\n");
			dump_stack();
		}
		return NULL;
	}
	if (!lock->key && !static_obj(lock)) {
		if (debug_locks_off()) {
			report_begin();
			pr_err("INFO: trying to register non-static key.\n");
			pr_err("The code is fine but needs lockdep annotation, or maybe\n");
			pr_err("you didn't initialize this object before use?\n");
			pr_err("turning off the locking correctness validator.\n");
			dump_stack();
		}
		return NULL;
	}
	key = map_key(lock)->subkeys + subclass;
	h = class_hash(key);
	for (class = classhash[h]; class; class = class->hash_next)
		if (class->key == key)
			goto out;
	if (nr_lock_classes >= MAX_LOCKDEP_KEYS) {
		if (debug_locks_off())
			report_lockdep_off("BUG: MAX_LOCKDEP_KEYS too low!");
		return NULL;
	}
	class = &lock_classes[nr_lock_classes++];
	memset(class, 0, sizeof(*class));
	class->key = key;
	class->subclass = subclass;
	if (lock->name) {
		strncpy(class->name, lock->name, sizeof(class->name) - 1);
	} else {
		Dl_info info;

		if (dladdr(key, &info) && info.dli_sname)
			strncpy(class->name, info.dli_sname, sizeof(class->name) - 1);
		class->unnamed = true;
	}
	class->wait_type_inner = lock->wait_type_inner;
	class->wait_type_outer = lock->wait_type_outer;
	class->no_validate = lock->key == &__lockdep_no_validate__;
	class->name_version = count_matching_names(class);
	class->hash_next = classhash[h];
	classhash[h] = class;
out:
	if (!subclass || force)
		lock->class_cache[0] = class;
	else if (subclass < NR_LOCKDEP_CACHING_CLASSES)
		lock->class_cache[subclass] = class;
	return class;
}

/* A cached class is good while it still belongs to this lock's key (a new boot clears
 * the tables; lockdep_set_subclass() caches its subclass in slot 0). */
static struct lock_class *cached_class(const struct lockdep_map *lock, unsigned int subclass)
{
	struct lock_class *class;

	if (subclass >= NR_LOCKDEP_CACHING_CLASSES)
		return NULL;
	class = lock->class_cache[subclass];
	if (class && class >= lock_classes && class < lock_classes + nr_lock_classes &&
	    class->key - class->subclass == map_key(lock)->subkeys)
		return class;
	return NULL;
}

/**
 * lockdep_init_map_type - initialise a lock's lockdep map
 * @lock: the map inside the lock
 * @name: the class name reports print
 * @key: the class key (a static object); NULL for a statically allocated lock
 * @subclass: the subclass the lock's acquisitions default to
 * @inner: the wait type the lock presents
 * @outer: the wait type it may be taken in
 * @lock_type: LD_LOCK_NORMAL or LD_LOCK_PERCPU
 *
 * Context: any; takes the graph lock only for a nonzero subclass with lockdep on.
 */
void lockdep_init_map_type(struct lockdep_map *lock, const char *name,
			   struct lock_class_key *key, int subclass, u8 inner, u8 outer,
			   u8 lock_type)
{
	lock->class_cache[0] = lock->class_cache[1] = NULL;
	lock->name = name ? name : "NULL";
	lock->key = key;
	lock->wait_type_inner = inner;
	lock->wait_type_outer = outer;
	lock->lock_type = lock_type;
	if (subclass && ukmem_lockdep_active) {
		struct lockdep_task *lt = lockdep_task();

		lt->recursion++;
		pthread_mutex_lock(&graph_lock);
		register_lock_class(lock, (unsigned int)subclass, true);
		pthread_mutex_unlock(&graph_lock);
		lt->recursion--;
	}
}
EXPORT_SYMBOL_GPL(lockdep_init_map_type);

/* ---- printing ---------------------------------------------------------------------- */

static void print_kernel_ident(void)
{
	printk("6.1.0-ukmem #1 %s\n", print_tainted());
}

static char usage_char(const struct lock_class *class, int bit)
{
	char c = '.';

	if (class->usage_mask & (1UL << (bit + LOCK_USAGE_DIR_MASK))) {
		c = '+';
		if (class->usage_mask & (1UL << bit))
			c = '?';
	} else if (class->usage_mask & (1UL << bit)) {
		c = '-';
	}
	return c;
}

static void __print_lock_name(const struct lock_class *class)
{
	printk(KERN_CONT "%s", class->name);
	if (class->unnamed)
		return;
	if (class->name_version > 1)
		printk(KERN_CONT "#%d", class->name_version);
	if (class->subclass)
		printk(KERN_CONT "/%u", class->subclass);
}

static void print_lock_name(const struct lock_class *class)
{
	printk(KERN_CONT " (");
	__print_lock_name(class);
	printk(KERN_CONT "){%c%c%c%c}-{%d:%d}",
	       usage_char(class, LOCK_USED_IN_HARDIRQ),
	       usage_char(class, LOCK_USED_IN_HARDIRQ_READ),
	       usage_char(class, LOCK_USED_IN_SOFTIRQ),
	       usage_char(class, LOCK_USED_IN_SOFTIRQ_READ),
	       class->wait_type_outer ? class->wait_type_outer : class->wait_type_inner,
	       class->wait_type_inner);
}

static const char *symbol(unsigned long addr, bool return_address, char *buf, size_t size)
{
	/* A return address points after its call: step back into it to name the caller. */
	return ukmem_symbolize((const void *)(addr - (return_address ? 1 : 0)), buf, size);
}

static void print_lock_trace(const struct lock_trace *trace, int spaces)
{
	char sym[256];

	if (!trace)
		return;
	for (unsigned int i = 0; i < trace->nr_entries; i++) {
		const char *s = symbol(trace->entries[i], true, sym, sizeof(sym));

		if (!strncmp(s, "__libc_start", 12) || !strncmp(s, "_start+", 7))
			break;
		printk("%*c%s\n", 1 + spaces, ' ', s);
	}
}

static void print_lock(const struct held_lock *hlock)
{
	char sym[256];

	printk(KERN_CONT "%px", (void *)hlock->instance);
	print_lock_name(hlock->class);
	printk(KERN_CONT ", at: %s\n", symbol(hlock->acquire_ip, false, sym, sizeof(sym)));
}

static void print_held_locks(const struct lockdep_task *lt)
{
	const struct task_struct *p = lt->task;
	int depth = __atomic_load_n(&lt->depth, __ATOMIC_RELAXED);

	if (!depth)
		printk("no locks held by %s/%d.\n", p->comm, p->pid);
	else
		printk("%d lock%s held by %s/%d:\n", depth, depth > 1 ? "s" : "",
		       p->comm, p->pid);
	for (int i = 0; i < depth; i++) {
		printk(" #%d: ", i);
		print_lock(&lt->held[i]);
	}
}

static void print_stack_backtrace(void)
{
	printk("\nstack backtrace:\n");
	dump_stack();
}

/* "[HC0[0]:SC0[0]:HE1:SE1]": hardirq and softirq context, whether they are enabled. */
static void print_irq_context(void)
{
	unsigned int pc = preempt_count();

	printk(KERN_CONT "[HC%u[%u]:SC%u[%u]:HE%u:SE%u]",
	       in_hardirq() ? 1U : 0U, (pc & HARDIRQ_MASK) >> HARDIRQ_SHIFT,
	       in_serving_softirq() ? 1U : 0U, (pc & SOFTIRQ_MASK) >> SOFTIRQ_SHIFT,
	       hardirqs_enabled() ? 1U : 0U, softirqs_enabled() ? 1U : 0U);
}

/* ---- the graph --------------------------------------------------------------------- */

static struct lock_list *alloc_list_entry(void)
{
	if (nr_list_entries >= MAX_LOCKDEP_ENTRIES) {
		if (debug_locks_off())
			report_lockdep_off("BUG: MAX_LOCKDEP_ENTRIES too low!");
		return NULL;
	}
	return &list_entries[nr_list_entries++];
}

static bool add_lock_to_list(struct lock_class *this, struct lock_class *links_to,
			     struct lock_list **head, const struct lock_trace *trace)
{
	struct lock_list *entry = alloc_list_entry();

	if (!entry)
		return false;
	entry->class = this;
	entry->links_to = links_to;
	entry->trace = trace;
	entry->next = *head;
	*head = entry;
	return true;
}

static int lock_depth(const struct lock_list *entry)
{
	int depth = 0;

	while ((entry = entry->parent))
		depth++;
	return depth;
}

/*
 * Breadth-first search from root (whose class is the start) along locks_after
 * (forwards) or locks_before (backwards) for the nearest class match() accepts.
 * Each entry found gets ->parent set, so the path can be walked back to root.
 */
static struct lock_list *bfs(struct lock_list *root, bool forwards,
			     bool (*match)(const struct lock_list *entry, const void *data),
			     const void *data)
{
	unsigned int head = 0, tail = 0;

	bfs_generation++;
	root->parent = NULL;
	root->class->bfs_mark = bfs_generation;
	if (match(root, data))
		return root;
	bfs_queue[tail++] = root;
	while (head < tail) {
		struct lock_list *node = bfs_queue[head++];
		struct lock_list *entry = forwards ? node->class->locks_after
						   : node->class->locks_before;

		for (; entry; entry = entry->next) {
			if (entry->class->bfs_mark == bfs_generation)
				continue;
			entry->class->bfs_mark = bfs_generation;
			entry->parent = node;
			if (match(entry, data))
				return entry;
			if (tail < MAX_LOCKDEP_KEYS)
				bfs_queue[tail++] = entry;
		}
		if (tail - head > max_bfs_queue_depth)
			max_bfs_queue_depth = tail - head;
	}
	return NULL;
}

static bool class_equal(const struct lock_list *entry, const void *data)
{
	return entry->class == data;
}

static bool usage_match(const struct lock_list *entry, const void *data)
{
	return entry->class->usage_mask & *(const unsigned long *)data;
}

/* ---- reports ----------------------------------------------------------------------- */

static void report_header(const char *title)
{
	size_t len = strlen(title);
	char rule[96];

	report_begin();
	memset(rule, '=', len);
	rule[len] = '\0';
	pr_warn("\n");
	pr_warn("%s\n", rule);
	pr_warn("%s\n", title);
	print_kernel_ident();
	memset(rule, '-', len);
	pr_warn("%s\n", rule);
}

static void print_circular_bug_entry(const struct lock_list *target, int depth)
{
	printk("\n-> #%u", depth);
	print_lock_name(target->class);
	printk(KERN_CONT ":\n");
	print_lock_trace(target->trace, 6);
}

static void print_circular_lock_scenario(const struct held_lock *src,
					 const struct held_lock *tgt,
					 const struct lock_list *prt)
{
	const struct lock_class *source = src->class, *target = tgt->class;
	const struct lock_class *parent = prt->class;

	if (parent != source) {
		printk("Chain exists of:\n  ");
		__print_lock_name(source);
		printk(KERN_CONT " --> ");
		__print_lock_name(parent);
		printk(KERN_CONT " --> ");
		__print_lock_name(target);
		printk(KERN_CONT "\n\n");
	}
	printk(" Possible unsafe locking scenario:\n\n");
	printk("       CPU0                    CPU1\n");
	printk("       ----                    ----\n");
	printk(tgt->read ? "  rlock(" : "  lock(");
	__print_lock_name(target);
	printk(KERN_CONT ");\n");
	printk("                               lock(");
	__print_lock_name(parent);
	printk(KERN_CONT ");\n");
	printk("                               lock(");
	__print_lock_name(target);
	printk(KERN_CONT ");\n");
	printk(src->read ? "  rlock(" : "  lock(");
	__print_lock_name(source);
	printk(KERN_CONT ");\n");
	printk("\n *** DEADLOCK ***\n\n");
}

static void print_circular_bug(struct lockdep_task *lt, struct lock_list *root,
			       struct lock_list *target, const struct held_lock *next,
			       const struct held_lock *prev)
{
	const struct task_struct *curr = lt->task;
	struct lock_list *parent;
	int depth;

	if (!debug_locks_off())
		return;
	root->trace = save_trace(lt);
	depth = lock_depth(target);
	report_header("WARNING: possible circular locking dependency detected");
	pr_warn("%s/%d is trying to acquire lock:\n", curr->comm, curr->pid);
	print_lock(next);
	pr_warn("\nbut task is already holding lock:\n");
	print_lock(prev);
	pr_warn("\nwhich lock already depends on the new lock.\n\n");
	pr_warn("\nthe existing dependency chain (in reverse order) is:\n");
	print_circular_bug_entry(target, depth);
	for (parent = target->parent; parent; parent = parent->parent)
		print_circular_bug_entry(parent, --depth);
	printk("\nother info that might help us debug this:\n\n");
	print_circular_lock_scenario(next, prev, target->parent);
	print_held_locks(lt);
	print_stack_backtrace();
}

static void print_deadlock_bug(struct lockdep_task *lt, const struct held_lock *prev,
			       const struct held_lock *next)
{
	const struct task_struct *curr = lt->task;

	if (!debug_locks_off())
		return;
	report_header("WARNING: possible recursive locking detected");
	pr_warn("%s/%d is trying to acquire lock:\n", curr->comm, curr->pid);
	print_lock(next);
	pr_warn("\nbut task is already holding lock:\n");
	print_lock(prev);
	pr_warn("\nother info that might help us debug this:\n");
	printk(" Possible unsafe locking scenario:\n\n");
	printk("       CPU0\n");
	printk("       ----\n");
	printk("  lock(");
	__print_lock_name(prev->class);
	printk(KERN_CONT ");\n");
	printk("  lock(");
	__print_lock_name(next->class);
	printk(KERN_CONT ");\n");
	printk("\n *** DEADLOCK ***\n\n");
	printk(" May be due to missing lock nesting notation\n\n");
	print_held_locks(lt);
	print_stack_backtrace();
}

static const char *const usage_str[LOCK_TRACE_STATES] = {
	[LOCK_USED_IN_HARDIRQ] = "IN-HARDIRQ-W",
	[LOCK_USED_IN_HARDIRQ_READ] = "IN-HARDIRQ-R",
	[LOCK_ENABLED_HARDIRQ] = "HARDIRQ-ON-W",
	[LOCK_ENABLED_HARDIRQ_READ] = "HARDIRQ-ON-R",
	[LOCK_USED_IN_SOFTIRQ] = "IN-SOFTIRQ-W",
	[LOCK_USED_IN_SOFTIRQ_READ] = "IN-SOFTIRQ-R",
	[LOCK_ENABLED_SOFTIRQ] = "SOFTIRQ-ON-W",
	[LOCK_ENABLED_SOFTIRQ_READ] = "SOFTIRQ-ON-R",
	[LOCK_USED] = "INITIAL USE",
	[LOCK_USED_READ] = "INITIAL READ USE",
};

static void print_usage_bug(struct lockdep_task *lt, const struct held_lock *this,
			    int prev_bit, int new_bit)
{
	const struct task_struct *curr = lt->task;

	if (!debug_locks_off())
		return;
	report_header("WARNING: inconsistent lock state");
	pr_warn("inconsistent {%s} -> {%s} usage.\n", usage_str[prev_bit], usage_str[new_bit]);
	pr_warn("%s/%d ", curr->comm, curr->pid);
	print_irq_context();
	printk(KERN_CONT " takes:\n");
	print_lock(this);
	pr_warn("{%s} state was registered at:\n", usage_str[prev_bit]);
	print_lock_trace(this->class->usage_traces[prev_bit], 1);
	pr_warn("\nother info that might help us debug this:\n");
	printk(" Possible unsafe locking scenario:\n\n");
	printk("       CPU0\n");
	printk("       ----\n");
	printk("  lock(");
	__print_lock_name(this->class);
	printk(KERN_CONT ");\n");
	printk("  <Interrupt>\n");
	printk("    lock(");
	__print_lock_name(this->class);
	printk(KERN_CONT ");\n");
	printk("\n *** DEADLOCK ***\n\n");
	print_held_locks(lt);
	print_stack_backtrace();
}

static void print_lock_class_header(const struct lock_class *class, int depth)
{
	printk("%*s->", depth, "");
	print_lock_name(class);
	printk(KERN_CONT " {\n");
	for (int bit = 0; bit < LOCK_TRACE_STATES; bit++) {
		if (class->usage_mask & (1UL << bit)) {
			printk("%*s   %s at:\n", depth, "", usage_str[bit]);
			print_lock_trace(class->usage_traces[bit],
					 depth + 3 + (int)strlen(usage_str[bit]) + 4);
		}
	}
	printk("%*s }\n", depth, "");
	printk("%*s ... key      at: [<%px>] %s\n", depth, "", (void *)class->key,
	       class->name);
}

/* Backwards path (leaf -> ... -> root = the held lock): printed from the leaf. */
static void print_shortest_lock_dependencies(const struct lock_list *leaf)
{
	const struct lock_list *entry = leaf;
	int depth = lock_depth(leaf);

	do {
		print_lock_class_header(entry->class, depth);
		printk("%*s ... acquired at:\n", depth, "");
		print_lock_trace(entry->trace, 2);
		printk("\n");
		entry = entry->parent;
		depth--;
	} while (entry && depth >= 0);
}

static void print_bad_irq_dependency(struct lockdep_task *lt, struct lock_list *prev_root,
				     struct lock_list *next_root,
				     const struct lock_list *backwards_entry,
				     const struct lock_list *forwards_entry,
				     const struct held_lock *prev, const struct held_lock *next,
				     int bit1, int bit2, const char *irqclass)
{
	const struct task_struct *curr = lt->task;
	const struct lock_class *safe = backwards_entry->class;
	const struct lock_class *unsafe = forwards_entry->class;
	const struct lock_class *middle = prev->class;
	char title[64];

	if (!debug_locks_off())
		return;
	snprintf(title, sizeof(title), "WARNING: %s-safe -> %s-unsafe lock order detected",
		 irqclass, irqclass);
	report_header(title);
	pr_warn("%s/%d ", curr->comm, curr->pid);
	print_irq_context();
	printk(KERN_CONT " is trying to acquire:\n");
	print_lock(next);
	pr_warn("\nand this task is already holding:\n");
	print_lock(prev);
	pr_warn("which would create a new lock dependency:\n");
	print_lock_name(prev->class);
	pr_cont(" ->");
	print_lock_name(next->class);
	pr_cont("\n");
	pr_warn("\nbut this new dependency connects a %s-irq-safe lock:\n", irqclass);
	print_lock_name(safe);
	pr_warn("\n... which became %s-irq-safe at:\n", irqclass);
	print_lock_trace(safe->usage_traces[bit1], 1);
	pr_warn("\nto a %s-irq-unsafe lock:\n", irqclass);
	print_lock_name(unsafe);
	pr_warn("\n... which became %s-irq-unsafe at:\n", irqclass);
	pr_warn("...");
	print_lock_trace(unsafe->usage_traces[bit2], 1);
	pr_warn("\nother info that might help us debug this:\n\n");
	if (middle == safe)
		middle = next->class;
	if (middle != unsafe) {
		printk("Chain exists of:\n  ");
		__print_lock_name(safe);
		printk(KERN_CONT " --> ");
		__print_lock_name(middle);
		printk(KERN_CONT " --> ");
		__print_lock_name(unsafe);
		printk(KERN_CONT "\n\n");
	}
	printk(" Possible interrupt unsafe locking scenario:\n\n");
	printk("       CPU0                    CPU1\n");
	printk("       ----                    ----\n");
	printk("  lock(");
	__print_lock_name(unsafe);
	printk(KERN_CONT ");\n");
	printk("                               local_irq_disable();\n");
	printk("                               lock(");
	__print_lock_name(safe);
	printk(KERN_CONT ");\n");
	printk("                               lock(");
	__print_lock_name(middle);
	printk(KERN_CONT ");\n");
	printk("  <Interrupt>\n");
	printk("    lock(");
	__print_lock_name(safe);
	printk(KERN_CONT ");\n");
	printk("\n *** DEADLOCK ***\n\n");
	print_held_locks(lt);
	pr_warn("\nthe dependencies between %s-irq-safe lock and the holding lock:\n", irqclass);
	print_shortest_lock_dependencies(backwards_entry);
	pr_warn("\nthe dependencies between the lock to be acquired");
	pr_warn(" and %s-irq-unsafe lock:\n", irqclass);
	next_root->trace = save_trace(lt);
	print_shortest_lock_dependencies(forwards_entry);
	(void)prev_root;
	print_stack_backtrace();
}

static void print_unlock_imbalance_bug(struct lockdep_task *lt, const struct lockdep_map *lock,
				       unsigned long ip)
{
	const struct task_struct *curr = lt->task;
	char sym[256];

	if (!debug_locks_off())
		return;
	report_header("WARNING: bad unlock balance detected!");
	pr_warn("%s/%d is trying to release lock (", curr->comm, curr->pid);
	if (lock->name) {
		pr_cont("%s", lock->name);
	} else {
		Dl_info info;

		pr_cont("%s", dladdr(map_key(lock), &info) && info.dli_sname ?
			info.dli_sname : "NULL");
	}
	pr_cont(") at:\n");
	printk(KERN_WARNING "[<%px>] %s\n", (void *)ip, symbol(ip, false, sym, sizeof(sym)));
	pr_warn("but there are no more locks to release!\n");
	pr_warn("\nother info that might help us debug this:\n");
	print_held_locks(lt);
	print_stack_backtrace();
}

/* ---- usage ------------------------------------------------------------------------- */

/* Sets new_bit on the lock's class and checks it against the usage seen before; false
 * after a report. Caller holds graph_lock. */
static bool mark_lock(struct lockdep_task *lt, const struct held_lock *this, int new_bit)
{
	struct lock_class *class = this->class;
	int excl_bit;

	if (class->usage_mask & (1UL << new_bit))
		return true;
	class->usage_mask |= 1UL << new_bit;
	class->usage_traces[new_bit] = save_trace(lt);
	if (new_bit >= LOCK_USED)
		return true;
	/* The same irq state in the other direction, written: always a conflict. */
	excl_bit = (new_bit & ~(LOCK_USAGE_READ_MASK | LOCK_USAGE_DIR_MASK)) |
		   ((new_bit & LOCK_USAGE_DIR_MASK) ^ LOCK_USAGE_DIR_MASK);
	if (class->usage_mask & (1UL << excl_bit)) {
		print_usage_bug(lt, this, excl_bit, new_bit);
		return false;
	}
	/* ... and read in the other direction, when this use writes. */
	if (!(new_bit & LOCK_USAGE_READ_MASK) &&
	    class->usage_mask & (1UL << (excl_bit | LOCK_USAGE_READ_MASK))) {
		print_usage_bug(lt, this, excl_bit | LOCK_USAGE_READ_MASK, new_bit);
		return false;
	}
	return true;
}

static bool mark_usage(struct lockdep_task *lt, const struct held_lock *hlock)
{
	int read = hlock->read ? LOCK_USAGE_READ_MASK : 0;

	if (!hlock->trylock) {
		if (in_hardirq() && !mark_lock(lt, hlock, LOCK_USED_IN_HARDIRQ + read))
			return false;
		if (in_serving_softirq() && !mark_lock(lt, hlock, LOCK_USED_IN_SOFTIRQ + read))
			return false;
	}
	if (hardirqs_enabled()) {
		if (!mark_lock(lt, hlock, LOCK_ENABLED_HARDIRQ + read))
			return false;
		if (softirqs_enabled() && !mark_lock(lt, hlock, LOCK_ENABLED_SOFTIRQ + read))
			return false;
	}
	return mark_lock(lt, hlock, read ? LOCK_USED_READ : LOCK_USED);
}

/* ---- validation -------------------------------------------------------------------- */

/* Is the class already held (and not as an allowed nesting)? false after a report. */
static bool check_deadlock(struct lockdep_task *lt, const struct held_lock *next)
{
	for (int i = 0; i < lt->depth; i++) {
		const struct held_lock *prev = &lt->held[i];

		if (prev->class != next->class)
			continue;
		if (next->read == 2 && prev->read)
			continue;
		if (next->nest_lock && lock_is_held(next->nest_lock) == LOCK_STATE_HELD)
			continue;
		print_deadlock_bug(lt, prev, next);
		return false;
	}
	return true;
}

/* Would prev -> next connect a lock used in an irq to one taken with that irq on? */
static bool check_irq_usage(struct lockdep_task *lt, const struct held_lock *prev,
			    const struct held_lock *next)
{
	static const struct { int state; const char *name; } states[] = {
		{ LOCK_USED_IN_HARDIRQ, "HARDIRQ" },
		{ LOCK_USED_IN_SOFTIRQ, "SOFTIRQ" },
	};

	for (unsigned int s = 0; s < sizeof(states) / sizeof(states[0]); s++) {
		int used_in = states[s].state, enabled = used_in + LOCK_USAGE_DIR_MASK;
		unsigned long safe_mask = (1UL << used_in) | (1UL << (used_in + 1));
		unsigned long unsafe_mask = 1UL << enabled;
		struct lock_list prev_root = { .class = prev->class };
		struct lock_list next_root = { .class = next->class };
		struct lock_list *safe, *unsafe;
		int bit1, bit2;

		safe = bfs(&prev_root, false, usage_match, &safe_mask);
		if (!safe)
			continue;
		bit1 = safe->class->usage_mask & (1UL << used_in) ? used_in : used_in + 1;
		if (bit1 == used_in)
			unsafe_mask |= 1UL << (enabled + 1);
		unsafe = bfs(&next_root, true, usage_match, &unsafe_mask);
		if (!unsafe)
			continue;
		bit2 = unsafe->class->usage_mask & (1UL << enabled) ? enabled : enabled + 1;
		/* The backwards path is walked again so the report can print it. */
		safe = bfs(&prev_root, false, usage_match, &safe_mask);
		print_bad_irq_dependency(lt, &prev_root, &next_root, safe, unsafe, prev, next,
					 bit1, bit2, states[s].name);
		return false;
	}
	return true;
}

/* Adds prev -> next unless present; false after a report. */
static bool check_prev_add(struct lockdep_task *lt, const struct held_lock *prev,
			   const struct held_lock *next, const struct lock_trace **trace)
{
	struct lock_list root = { .class = next->class };
	struct lock_list *target;

	if (prev->class == next->class)
		return true;
	for (struct lock_list *entry = prev->class->locks_after; entry; entry = entry->next)
		if (entry->class == next->class)
			return true;
	target = bfs(&root, true, class_equal, prev->class);
	if (target) {
		print_circular_bug(lt, &root, target, next, prev);
		return false;
	}
	if (!check_irq_usage(lt, prev, next))
		return false;
	if (!*trace)
		*trace = save_trace(lt);
	return add_lock_to_list(next->class, prev->class, &prev->class->locks_after, *trace) &&
	       add_lock_to_list(prev->class, next->class, &next->class->locks_before, *trace);
}

/* Dependencies from the held locks to next: the nearest lock taken by a blocking
 * acquire and every trylock held above it. */
static bool check_prevs_add(struct lockdep_task *lt, const struct held_lock *next)
{
	const struct lock_trace *trace = NULL;

	for (int i = lt->depth - 1; i >= 0; i--) {
		const struct held_lock *prev = &lt->held[i];

		if (!prev->check || prev->read == 2)
			continue;
		if (!check_prev_add(lt, prev, next, &trace))
			return false;
		if (!prev->trylock)
			break;
	}
	return true;
}

static unsigned int irq_context(void)
{
	return (in_hardirq() ? LOCK_CHAIN_HARDIRQ_CONTEXT : 0) |
	       (in_serving_softirq() ? LOCK_CHAIN_SOFTIRQ_CONTEXT : 0);
}

static u64 chain_key_mix(u64 key, u64 class_idx)
{
	key ^= class_idx + 0x9e3779b97f4a7c15ULL + (key << 6) + (key >> 2);
	key ^= key >> 31;
	key *= 0xbf58476d1ce4e5b9ULL;
	return key ^ (key >> 29);
}

/* Records the chain that hlock ends: the locks held in its irq context, in order, then
 * hlock. A new chain is counted in its context's total. Caller holds graph_lock. */
static void add_chain(const struct lockdep_task *lt, const struct held_lock *hlock)
{
	unsigned int first = (unsigned int)lt->depth, len, slot;
	u64 key = 0;

	while (first > 0 && lt->held[first - 1].irq_context == hlock->irq_context)
		first--;
	for (unsigned int i = first; i < (unsigned int)lt->depth; i++)
		key = chain_key_mix(key, (u64)(lt->held[i].class - lock_classes) + 1);
	key = chain_key_mix(key, (u64)(hlock->class - lock_classes) + 1);
	key = key ? key : 1;
	len = (unsigned int)lt->depth - first + 1;
	slot = (unsigned int)(key % ARRAY_SIZE(chain_keys));
	for (unsigned int probes = 0; chain_keys[slot]; probes++) {
		if (chain_keys[slot] == key || probes >= ARRAY_SIZE(chain_keys))
			return;
		slot = (slot + 1) % ARRAY_SIZE(chain_keys);
	}
	if (nr_lock_chains >= MAX_LOCKDEP_CHAINS ||
	    nr_chain_hlocks + len > MAX_LOCKDEP_CHAIN_HLOCKS)
		return;	/* not counted: the table is full */
	chain_keys[slot] = key;
	nr_lock_chains++;
	nr_chain_hlocks += len;
	if (hlock->irq_context & LOCK_CHAIN_HARDIRQ_CONTEXT)
		nr_hardirq_chains++;
	else if (hlock->irq_context & LOCK_CHAIN_SOFTIRQ_CONTEXT)
		nr_softirq_chains++;
	else
		nr_process_chains++;
}

static void __lock_acquire(struct lockdep_task *lt, struct lockdep_map *lock,
			   unsigned int subclass, int trylock, int read, int check,
			   struct lockdep_map *nest_lock, unsigned long ip)
{
	struct lock_class *class;
	struct held_lock *hlock;

	pthread_mutex_lock(&graph_lock);
	class = cached_class(lock, subclass);
	if (!class)
		class = register_lock_class(lock, subclass, false);
	if (!class || !ukmem_lockdep_active)
		goto out;
	if (class->no_validate)
		check = 0;
	if (lt->depth >= (int)MAX_LOCK_DEPTH) {
		if (debug_locks_off()) {
			report_lockdep_off("BUG: MAX_LOCK_DEPTH too low!");
			printk(KERN_DEBUG "depth: %i  max: %lu!\n", lt->depth, MAX_LOCK_DEPTH);
			print_held_locks(lt);
			dump_stack();
		}
		goto out;
	}
	hlock = &lt->held[lt->depth];
	*hlock = (struct held_lock){
		.instance = lock, .class = class, .nest_lock = nest_lock, .acquire_ip = ip,
		.read = (u8)read, .trylock = (u8)trylock, .check = (u8)check,
		.irq_context = (u8)irq_context(),
	};
	/* Validated before it counts as held: reports list what was held before. */
	if (check && (!mark_usage(lt, hlock) ||
		      (!trylock && (!check_deadlock(lt, hlock) ||
				    (read != 2 && !check_prevs_add(lt, hlock))))))
		goto out;
	if (check && !trylock)
		add_chain(lt, hlock);
	__atomic_store_n(&lt->depth, lt->depth + 1, __ATOMIC_RELEASE);
	if ((unsigned int)lt->depth > max_lockdep_depth)
		max_lockdep_depth = (unsigned int)lt->depth;
out:
	pthread_mutex_unlock(&graph_lock);
}

/* The calling thread's state with its recursion count raised, or NULL when lockdep is
 * off or already running on this thread. ret: the entry point's return address, where
 * saved traces start. */
static struct lockdep_task *lockdep_enter(void *ret)
{
	struct lockdep_task *lt;

	if (!ukmem_lockdep_active)
		return NULL;
	lt = lockdep_task();
	if (lt->recursion)
		return NULL;
	lt->recursion++;
	lt->entry_ret = ret;
	return lt;
}

/**
 * lock_acquire - tell lockdep a lock is being taken
 * @lock: the lock's map
 * @subclass: nesting subclass (spin_lock_nested() and friends)
 * @trylock: nonzero for a trylock that succeeded
 * @read: 0 exclusive, 1 shared, 2 shared and recursive
 * @check: 0 to record the lock without validating it
 * @nest_lock: a held lock that serialises taking several of this class, or NULL
 * @ip: the caller's address, printed in reports
 *
 * Context: any. Called before a blocking lock is taken, so a deadlock is reported
 * before it happens. Takes lockdep's graph lock; prints a report on a bug.
 */
void lock_acquire(struct lockdep_map *lock, unsigned int subclass, int trylock, int read,
		  int check, struct lockdep_map *nest_lock, unsigned long ip)
{
	struct lockdep_task *lt = lockdep_enter(__builtin_return_address(0));

	if (!lt)
		return;
	__lock_acquire(lt, lock, subclass, trylock, read, check, nest_lock, ip);
	lt->recursion--;
}
EXPORT_SYMBOL_GPL(lock_acquire);

static int find_held_lock(const struct lockdep_task *lt, const struct lockdep_map *lock)
{
	for (int i = lt->depth - 1; i >= 0; i--)
		if (lt->held[i].instance == lock)
			return i;
	return -1;
}

/**
 * lock_release - tell lockdep a lock was released
 * @lock: the lock's map
 * @ip: the caller's address
 *
 * Context: any. Drops the most recent hold of @lock from the caller's held locks;
 * releasing a lock the caller does not hold gives "bad unlock balance detected!".
 */
void lock_release(struct lockdep_map *lock, unsigned long ip)
{
	struct lockdep_task *lt = lockdep_enter(__builtin_return_address(0));
	int i;

	if (!lt)
		return;
	i = find_held_lock(lt, lock);
	if (i < 0) {
		pthread_mutex_lock(&graph_lock);
		if (ukmem_lockdep_active)
			print_unlock_imbalance_bug(lt, lock, ip);
		pthread_mutex_unlock(&graph_lock);
	} else {
		memmove(&lt->held[i], &lt->held[i + 1],
			(size_t)(lt->depth - i - 1) * sizeof(lt->held[0]));
		__atomic_store_n(&lt->depth, lt->depth - 1, __ATOMIC_RELEASE);
	}
	lt->recursion--;
}
EXPORT_SYMBOL_GPL(lock_release);

/**
 * lock_is_held_type - does the calling task hold a lock?
 * @lock: the lock's map
 * @read: -1 any hold, 0 held exclusively, 1 held shared
 *
 * Context: any; lock-free.
 * Return: LOCK_STATE_HELD or LOCK_STATE_NOT_HELD; LOCK_STATE_UNKNOWN while lockdep is
 * off (which callers' assertions treat as held).
 */
int lock_is_held_type(const struct lockdep_map *lock, int read)
{
	struct lockdep_task *lt = &lockdep_self;
	int i;

	if (!ukmem_lockdep_active || lt->recursion)
		return LOCK_STATE_UNKNOWN;
	i = find_held_lock(lt, lock);
	if (i < 0)
		return LOCK_STATE_NOT_HELD;
	if (read == -1 || !!lt->held[i].read == read)
		return LOCK_STATE_HELD;
	return LOCK_STATE_NOT_HELD;
}
EXPORT_SYMBOL_GPL(lock_is_held_type);

/**
 * ukmem_lockdep_depth - how many locks lockdep sees the calling task hold
 *
 * Context: any; lock-free.
 */
int ukmem_lockdep_depth(void)
{
	return lockdep_self.depth;
}
EXPORT_SYMBOL(ukmem_lockdep_depth);

/**
 * lockdep_off - stop validating the calling task's locks until lockdep_on()
 *
 * Context: any; nests.
 */
void lockdep_off(void)
{
	lockdep_self.recursion += LOCKDEP_OFF;
}
EXPORT_SYMBOL(lockdep_off);

/**
 * lockdep_on - undo lockdep_off()
 *
 * Context: any.
 */
void lockdep_on(void)
{
	lockdep_self.recursion -= LOCKDEP_OFF;
}
EXPORT_SYMBOL(lockdep_on);

/**
 * lockdep_recursing - is lockdep off for the calling task?
 * @task: must be current
 *
 * Context: any.
 */
int lockdep_recursing(struct task_struct *task)
{
	(void)task;
	return lockdep_self.recursion != 0;
}
EXPORT_SYMBOL_GPL(lockdep_recursing);

/* ---- held-lock lists --------------------------------------------------------------- */

/**
 * debug_show_all_locks - print the locks every task holds
 *
 * Context: any. Other tasks' lists are read without stopping them, so a lock being
 * taken or released meanwhile may be printed or not.
 */
void debug_show_all_locks(void)
{
	struct lockdep_task *lt = lockdep_task();

	if (unlikely(!debug_locks) || !prove_locking_enabled()) {
		pr_warn("INFO: lockdep is turned off.\n");
		return;
	}
	lt->recursion++;
	pr_warn("\nShowing all locks held in the system:\n");
	pthread_mutex_lock(&graph_lock);
	for (const struct lockdep_task *p = task_list; p; p = p->next)
		if (__atomic_load_n(&p->depth, __ATOMIC_ACQUIRE))
			print_held_locks(p);
	pthread_mutex_unlock(&graph_lock);
	pr_warn("\n");
	pr_warn("=============================================\n\n");
	lt->recursion--;
}
EXPORT_SYMBOL_GPL(debug_show_all_locks);

/**
 * debug_show_held_locks - print the locks a task holds
 * @task: the task; only the calling task is supported
 *
 * Context: any.
 */
void debug_show_held_locks(struct task_struct *task)
{
	struct lockdep_task *lt = lockdep_task();

	if (unlikely(!debug_locks) || !prove_locking_enabled()) {
		printk("INFO: lockdep is turned off.\n");
		return;
	}
	if (task != lt->task)
		return;
	lt->recursion++;
	pthread_mutex_lock(&graph_lock);
	print_held_locks(lt);
	pthread_mutex_unlock(&graph_lock);
	lt->recursion--;
}
EXPORT_SYMBOL_GPL(debug_show_held_locks);

/**
 * debug_check_no_locks_held - warn if the calling task still holds locks
 *
 * Context: task leaving kernel code (a kthread's end, a module's init).
 */
void debug_check_no_locks_held(void)
{
	struct lockdep_task *lt = &lockdep_self;
	const struct task_struct *curr;

	if (!ukmem_lockdep_active || !lt->depth || lt->recursion || !debug_locks_off())
		return;
	lt->recursion++;
	curr = lt->task;
	report_header("WARNING: lock held when returning to user space!");
	pr_warn("%s/%d still has locks held!\n", curr->comm, curr->pid);
	print_held_locks(lt);
	print_stack_backtrace();
	lt->recursion--;
}
EXPORT_SYMBOL_GPL(debug_check_no_locks_held);

/**
 * debug_check_no_locks_freed - check that memory being freed holds no held lock
 * @from: start of the memory
 * @len: its length
 *
 * Context: any. Prints "BUG: held lock freed!" for a lock the caller holds there.
 */
void debug_check_no_locks_freed(const void *from, unsigned long len)
{
	struct lockdep_task *lt = &lockdep_self;
	const char *start = from, *end = start + len;

	if (!ukmem_lockdep_active || !lt->depth || lt->recursion)
		return;
	for (int i = 0; i < lt->depth; i++) {
		const char *lock = (const char *)lt->held[i].instance;

		if (lock < start || lock >= end)
			continue;
		if (!debug_locks_off())
			return;
		lt->recursion++;
		report_header("WARNING: held lock freed!");
		pr_warn("%s/%d is freeing memory %px-%px, with a lock still held there!\n",
			lt->task->comm, lt->task->pid, (void *)start, (void *)(end - 1));
		print_lock(&lt->held[i]);
		print_held_locks(lt);
		print_stack_backtrace();
		lt->recursion--;
		return;
	}
}
EXPORT_SYMBOL_GPL(debug_check_no_locks_freed);

/**
 * lockdep_rcu_suspicious - report an RCU-protected access outside its protection
 * @file: source file of the access
 * @line: its line
 * @s: what was suspicious
 *
 * Context: any. Prints "WARNING: suspicious RCU usage" with the held locks; does not
 * turn lockdep off (each call site reports once).
 */
void lockdep_rcu_suspicious(const char *file, const int line, const char *s)
{
	struct lockdep_task *lt = lockdep_task();
	int dl = __atomic_load_n(&debug_locks, __ATOMIC_RELAXED);

	lt->recursion++;
	report_header("WARNING: suspicious RCU usage");
	pr_warn("%s:%d %s!\n", file, line, s);
	pr_warn("\nother info that might help us debug this:\n\n");
	pr_warn("\nrcu_scheduler_active = %d, debug_locks = %d\n%s", 2, dl,
		dl ? "" : "Possible false positive due to lockdep disabling via debug_locks = 0\n");
	print_held_locks(lt);
	print_stack_backtrace();
	lt->recursion--;
}
EXPORT_SYMBOL_GPL(lockdep_rcu_suspicious);

/* ---- boot -------------------------------------------------------------------------- */

static bool prove_locking;

bool prove_locking_enabled(void)
{
	return prove_locking;
}

/* Every boot starts with lock debugging on and an empty graph. */
static void lockdep_reset_tables(void)
{
	pthread_mutex_lock(&graph_lock);
	nr_lock_classes = 0;
	memset(classhash, 0, sizeof(classhash));
	nr_list_entries = 0;
	nr_stack_trace_entries = 0;
	nr_lock_traces = 0;
	memset(chain_keys, 0, sizeof(chain_keys));
	nr_lock_chains = nr_chain_hlocks = 0;
	nr_hardirq_chains = nr_softirq_chains = nr_process_chains = 0;
	max_lockdep_depth = max_bfs_queue_depth = 0;
	for (struct lockdep_task *p = task_list; p; p = p->next)
		__atomic_store_n(&p->depth, 0, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&graph_lock);
}

static int set_prove_locking(const char *value)
{
	bool on;

	if (!params_bool(value, &on))
		return -EINVAL;
	__atomic_store_n(&ukmem_lockdep_active, 0, __ATOMIC_RELAXED);
	lockdep_reset_tables();
	__atomic_store_n(&debug_locks, 1, __ATOMIC_RELAXED);
	prove_locking = on;
	__atomic_store_n(&ukmem_lockdep_active, on, __ATOMIC_RELEASE);
	return 0;
}
UKMEM_SETUP("lockdep.prove_locking=", set_prove_locking, "0");

/* lockdep=on: ukmem's stand-in for a kernel built with CONFIG_PROVE_LOCKING. */
static int set_lockdep(const char *value)
{
	return set_prove_locking(value);
}
UKMEM_SETUP("lockdep=", set_lockdep, NULL);

static bool count_match(const struct lock_list *entry, const void *data)
{
	(*(unsigned long *)data)++;
	return false;
}

/* The classes reachable from class along locks_after, class itself included (as
 * Linux's lockdep_count_forward_deps() counts). Caller holds graph_lock. */
static unsigned long count_forward_deps(struct lock_class *class)
{
	struct lock_list root = { .class = class };
	unsigned long count = 0;

	bfs(&root, true, count_match, &count);
	return count;
}

void lockdep_stats_snapshot(struct lockdep_stats *st)
{
	const unsigned long irq_safe = BIT(LOCK_USED_IN_HARDIRQ) | BIT(LOCK_USED_IN_SOFTIRQ);
	const unsigned long irq_unsafe = BIT(LOCK_ENABLED_HARDIRQ) | BIT(LOCK_ENABLED_SOFTIRQ);

	memset(st, 0, sizeof(*st));
	pthread_mutex_lock(&graph_lock);
	for (unsigned int i = 0; i < nr_lock_classes; i++) {
		struct lock_class *class = &lock_classes[i];
		unsigned long mask = class->usage_mask;

		st->nr_unused += !mask;
		st->nr_uncategorized += mask == BIT(LOCK_USED);
		for (int bit = 0; bit < LOCK_USAGE_STATES; bit++)
			st->usage[bit] += !!(mask & BIT(bit));
		st->nr_irq_safe += !!(mask & irq_safe);
		st->nr_irq_unsafe += !!(mask & irq_unsafe);
		st->nr_irq_read_safe += !!(mask & (irq_safe << 1));
		st->nr_irq_read_unsafe += !!(mask & (irq_unsafe << 1));
		st->sum_forward_deps += count_forward_deps(class);
	}
	st->nr_lock_classes = nr_lock_classes;
	st->max_lock_class_idx = nr_lock_classes ? nr_lock_classes - 1 : 0;
	st->nr_list_entries = nr_list_entries;
	st->nr_lock_chains = nr_lock_chains;
	st->nr_chain_hlocks = nr_chain_hlocks;
	st->nr_hardirq_chains = nr_hardirq_chains;
	st->nr_softirq_chains = nr_softirq_chains;
	st->nr_process_chains = nr_process_chains;
	st->nr_stack_trace_entries = nr_stack_trace_entries;
	st->nr_stack_traces = nr_lock_traces;
	st->max_lockdep_depth = max_lockdep_depth;
	st->max_bfs_queue_depth = max_bfs_queue_depth;
	pthread_mutex_unlock(&graph_lock);
}
