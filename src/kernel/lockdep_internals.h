/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* kernel/lockdep_internals.h: lockdep's tables and per-thread state (kernel/lockdep.c).
 * Usage bits are Linux 6.1's encoding: bit = state * 4 + direction * 2 + read, with
 * state HARDIRQ 0 / SOFTIRQ 1 and direction USED_IN 0 / ENABLED 1. */
#ifndef UKMEM_KERNEL_LOCKDEP_INTERNALS_H
#define UKMEM_KERNEL_LOCKDEP_INTERNALS_H

#include <stdbool.h>
#include <linux/lockdep.h>
#include <linux/irqflags.h>
#include <linux/preempt.h>

enum lock_usage_bit {
	LOCK_USED_IN_HARDIRQ,
	LOCK_USED_IN_HARDIRQ_READ,
	LOCK_ENABLED_HARDIRQ,
	LOCK_ENABLED_HARDIRQ_READ,
	LOCK_USED_IN_SOFTIRQ,
	LOCK_USED_IN_SOFTIRQ_READ,
	LOCK_ENABLED_SOFTIRQ,
	LOCK_ENABLED_SOFTIRQ_READ,
	LOCK_USED,
	LOCK_USED_READ,
	LOCK_USAGE_STATES,
};
#define LOCK_USAGE_READ_MASK	1
#define LOCK_USAGE_DIR_MASK	2
#define LOCK_TRACE_STATES	LOCK_USAGE_STATES

#define MAX_LOCKDEP_KEYS	8192
#define CLASSHASH_SIZE		4096
#define MAX_LOCKDEP_ENTRIES	65536
#define MAX_STACK_TRACE_ENTRIES	262144
#define MAX_LOCK_TRACES		65536
#define MAX_LOCKDEP_CHAINS	65536
#define MAX_LOCKDEP_CHAIN_HLOCKS	(MAX_LOCKDEP_CHAINS * 5)
#define MAX_TRACE_DEPTH		24
#define LOCKDEP_OFF		(1 << 16)

struct lock_trace {
	unsigned int nr_entries;
	unsigned long *entries;
};

struct lock_list;

struct lock_class {
	struct lock_class *hash_next;
	const struct lockdep_subclass_key *key;
	unsigned int subclass;
	int name_version;
	char name[64];		/* copied: a module's strings go away with it */
	bool unnamed;		/* name is the key's symbol */
	bool no_validate;
	u8 wait_type_inner, wait_type_outer;
	unsigned long usage_mask;
	const struct lock_trace *usage_traces[LOCK_TRACE_STATES];
	struct lock_list *locks_after, *locks_before;
	unsigned int bfs_mark;
};

/* An edge: in links_to's locks_after (class is the later lock) or in its locks_before
 * (class is the earlier one). trace: where the later lock was taken. */
struct lock_list {
	struct lock_class *class;
	struct lock_class *links_to;
	const struct lock_trace *trace;
	struct lock_list *next;
	struct lock_list *parent;	/* set by the search that reached it */
};

struct held_lock {
	struct lockdep_map *instance;
	struct lock_class *class;
	struct lockdep_map *nest_lock;
	unsigned long acquire_ip;
	u8 read, trylock, check;
	u8 irq_context;		/* LOCK_CHAIN_HARDIRQ_CONTEXT | LOCK_CHAIN_SOFTIRQ_CONTEXT */
};

#define LOCK_CHAIN_SOFTIRQ_CONTEXT	1
#define LOCK_CHAIN_HARDIRQ_CONTEXT	2

struct lockdep_task {
	struct held_lock held[MAX_LOCK_DEPTH];
	int depth;
	int recursion;		/* inside lockdep, or lockdep_off() (LOCKDEP_OFF each) */
	void *entry_ret;	/* return address of the current lock_acquire()/release() */
	struct task_struct *task;
	struct lockdep_task *next;
	bool registered;
};

static inline bool hardirqs_enabled(void)
{
	return !irqs_disabled() && !in_hardirq();
}

static inline bool softirqs_enabled(void)
{
	return !softirq_count();
}

/* Whether lockdep.prove_locking=1 (or lockdep=on) was given at this boot. */
bool prove_locking_enabled(void);

/* What /proc/lockdep_stats shows (kernel/lockdep_proc.c), counted over this boot. */
struct lockdep_stats {
	unsigned long nr_lock_classes, nr_list_entries, sum_forward_deps;
	unsigned long nr_lock_chains, nr_chain_hlocks, nr_stack_trace_entries;
	unsigned long nr_stack_traces, max_lock_class_idx;
	unsigned int nr_hardirq_chains, nr_softirq_chains, nr_process_chains;
	unsigned int max_lockdep_depth, max_bfs_queue_depth;
	/* classes with each usage: [bit] for the LOCK_* usage bits */
	unsigned long usage[LOCK_USAGE_STATES], nr_unused, nr_uncategorized;
	unsigned long nr_irq_safe, nr_irq_unsafe, nr_irq_read_safe, nr_irq_read_unsafe;
};

/* Fills stats under lockdep's graph lock. Context: process context. */
void lockdep_stats_snapshot(struct lockdep_stats *stats);

#endif
