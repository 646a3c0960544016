// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/migrate.c: moving movable pages to other pages, as compaction needs.
 *
 * ukmem keeps no LRU lists: every movable page is a non-LRU movable page, whose
 * page->mapping points to its owner's movable_operations (tagged PAGE_MAPPING_MOVABLE).
 * The protocol is Linux 6.1's: isolate_movable_page() takes a reference and, under the
 * page lock, asks the owner (isolate_page) and marks the page PG_isolated; migrate_pages()
 * locks each page and a new page, asks the owner to move (migrate_page), and on success
 * drops the isolation reference and the new page's allocation reference -- the owner
 * has dropped its reference to the old page and taken one to the new -- so the old page
 * goes back to the allocator; a page the owner gave up meanwhile (its ops cleared by
 * __ClearPageMovable) counts as moved; a failed page goes back (putback_page).
 *
 * Moving a page that is host-mapped somewhere (a vmalloc area) is the owner's business,
 * with migrate_page_remap_host() as its tool: as Linux replaces the page's entries with
 * migration entries on which accesses wait, ukmem write-protects the host mapping of the
 * page, copies it, maps the new page in its place and wakes the writers that faulted
 * meanwhile; their writes are retried on the new page. Readers never wait. The wait is in
 * the SIGSEGV path (host/fault.h): a write fault on an address being moved sleeps until
 * the move ends.
 * Invariants: an address is in moving[] exactly between its write-protection and the
 * mapping of the new page; a thread never faults on a move it makes itself (it copies
 * through the direct map). */
#include <errno.h>
#include <sched.h>
#include <sys/mman.h>
#include <string.h>
#include <linux/export.h>
#include <linux/list.h>
#include <linux/migrate.h>
#include <linux/mm.h>
#include <linux/vmstat.h>
#include "host/fault.h"
#include "host/host.h"
#include "kernel/futex.h"
#include "machine/initcalls.h"
#include "machine/physmem.h"
#include "mm/internal.h"

const char *migrate_reason_names[MR_TYPES] = {
	"compaction", "memory_failure", "memory_hotplug", "syscall_or_cpuset",
	"mempolicy_mbind", "numa_misplaced", "contig_range", "longterm_pin", "demotion",
};

/* ---- the movable state of a page ---- */

/**
 * __SetPageMovable - makes a page the caller owns movable through ops
 * @page: a page the caller allocated (not compound, not on any list of the allocator)
 * @ops: the owner's operations; they must outlive the page's movable state
 *
 * Context: the page locked, or not movable before (the page's other fields written
 * before the call are seen by whoever isolates it).
 */
void __SetPageMovable(struct page *page, const struct movable_operations *ops)
{
	/* release: what the owner wrote before (page->private, index) is seen by a mover */
	__atomic_store_n(&page->mapping,
			 (struct address_space *)((unsigned long)ops | PAGE_MAPPING_MOVABLE),
			 __ATOMIC_RELEASE);
}
EXPORT_SYMBOL(__SetPageMovable);

/**
 * __ClearPageMovable - the owner gives up a movable page (before freeing it)
 * @page: the page, locked
 *
 * Keeps the PAGE_MAPPING_MOVABLE tag, so that a migration holding the page isolated sees
 * that its owner let it go (PageMovable() is false then) and treats it as moved.
 * Context: any, with the page locked.
 */
void __ClearPageMovable(struct page *page)
{
	WRITE_ONCE(page->mapping, (struct address_space *)PAGE_MAPPING_MOVABLE);
}
EXPORT_SYMBOL(__ClearPageMovable);

/**
 * PageMovable - whether a page is movable and its owner has not let it go
 * @page: the page, locked
 *
 * Context: any, with the page locked (unlocked, the answer may change at once).
 * Return: true if the page has movable_operations.
 */
bool PageMovable(struct page *page)
{
	return __PageMovable(page) && page_movable_ops(page) != NULL;
}
EXPORT_SYMBOL(PageMovable);

void lock_page(struct page *page)
{
	while (!trylock_page(page))
		sched_yield();
}

/* ---- isolation ---- */

/**
 * isolate_movable_page - takes a movable page for migration
 * @page: any page (it may be freed or reused meanwhile)
 * @mode: ISOLATE_* bits the owner's isolate_page is told
 *
 * Context: may not sleep. Return: 0 with the page PG_isolated and a reference held (give
 * it back with putback_movable_pages or move it with migrate_pages), or -EBUSY.
 */
int isolate_movable_page(struct page *page, isolate_mode_t mode)
{
	if (!get_page_unless_zero(page))
		return -EBUSY;
	if (!data_race(__PageMovable(page)) || PageCompound(page) || !trylock_page(page))
		goto out_put;
	if (!PageMovable(page) || PageIsolated(page) ||
	    !page_movable_ops(page)->isolate_page(page, mode)) {
		unlock_page(page);
		goto out_put;
	}
	SetPageIsolated(page);
	unlock_page(page);
	return 0;
out_put:
	put_page(page);
	return -EBUSY;
}
EXPORT_SYMBOL(isolate_movable_page);

/* The isolation's end: the flag, and the reference isolate_movable_page took (the
 * allocator drops the movable tag if that was the last). */
static void release_isolated(struct page *page)
{
	ClearPageIsolated(page);
	put_page(page);
}

/**
 * putback_movable_pages - gives isolated pages back to their owners
 * @l: pages isolated with isolate_movable_page, linked by page->lru
 *
 * Context: may sleep (waits for each page's lock).
 */
void putback_movable_pages(struct list_head *l)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, l, lru) {
		list_del(&page->lru);
		lock_page(page);
		if (PageMovable(page))
			page_movable_ops(page)->putback_page(page);
		unlock_page(page);
		release_isolated(page);
	}
}
EXPORT_SYMBOL(putback_movable_pages);

/* ---- moving one page ---- */

/* -EAGAIN to try again later, MIGRATEPAGE_SUCCESS, or another error (given up). */
static int move_one(struct page *page, new_page_t get_new_page, free_page_t put_new_page,
		    unsigned long private, enum migrate_mode mode)
{
	struct page *newpage;
	int rc;

	if (page_ref_count(page) == 1) {
		/* the owner freed it while it was isolated: nothing left to move */
		lock_page(page);
		unlock_page(page);
		release_isolated(page);
		return MIGRATEPAGE_SUCCESS;
	}
	if (!trylock_page(page)) {
		if (mode == MIGRATE_ASYNC)
			return -EAGAIN;
		lock_page(page);
	}
	if (!PageMovable(page)) {
		unlock_page(page);
		release_isolated(page);
		return MIGRATEPAGE_SUCCESS;
	}
	newpage = get_new_page(page, private);
	if (!newpage) {
		unlock_page(page);
		return -ENOMEM;
	}
	if (WARN_ON_ONCE(!trylock_page(newpage))) {
		rc = -EAGAIN;
		goto fail;
	}
	rc = page_movable_ops(page)->migrate_page(newpage, page, mode);
	unlock_page(newpage);
	if (rc != MIGRATEPAGE_SUCCESS)
		goto fail;
	unlock_page(page);
	release_isolated(page);
	put_page(newpage);	/* the owner took its own reference */
	return MIGRATEPAGE_SUCCESS;
fail:
	unlock_page(page);
	if (put_new_page)
		put_new_page(newpage, private);
	else
		put_page(newpage);
	return rc;
}

/**
 * migrate_pages - moves isolated movable pages to new pages
 * @from: pages isolated with isolate_movable_page, linked by page->lru; on return it
 *	holds the pages that could not be moved (the caller puts them back)
 * @get_new_page: gives an order-0 page to move a page to (NULL: give up)
 * @put_new_page: takes back a page get_new_page gave that was not used (NULL: put_page)
 * @private: passed to both
 * @mode: MIGRATE_ASYNC does not wait for a page's lock
 * @reason: enum migrate_reason (for the counters' sake)
 * @ret_succeeded: if not NULL, the number of pages moved
 *
 * Each page is tried up to 10 times while its owner says -EAGAIN. Counts
 * pgmigrate_success and pgmigrate_fail.
 *
 * Context: may sleep unless @mode is MIGRATE_ASYNC.
 * Return: the number of pages not moved, or -ENOMEM if get_new_page gave none (the
 * remaining pages stay on @from).
 */
int migrate_pages(struct list_head *from, new_page_t get_new_page, free_page_t put_new_page,
		  unsigned long private, enum migrate_mode mode, int reason,
		  unsigned int *ret_succeeded)
{
	unsigned int succeeded = 0, failed = 0;
	int rc = 0;
	LIST_HEAD(failed_pages);

	(void)reason;
	for (int pass = 0; pass < 10 && !list_empty(from); pass++) {
		struct page *page, *next;

		list_for_each_entry_safe(page, next, from, lru) {
			int err;

			cond_resched();
			list_del(&page->lru);
			err = move_one(page, get_new_page, put_new_page, private, mode);
			if (err == MIGRATEPAGE_SUCCESS) {
				succeeded++;
				continue;
			}
			if (err == -ENOMEM) {
				list_add(&page->lru, from);
				rc = -ENOMEM;
				goto out;
			}
			if (err == -EAGAIN && pass < 9) {
				list_add_tail(&page->lru, &failed_pages);
				continue;
			}
			failed++;
			list_add_tail(&page->lru, &failed_pages);
		}
		list_splice_init(&failed_pages, from);
		if (failed)
			break;
	}
out:
	list_splice_init(&failed_pages, from);
	if (!rc) {
		unsigned int left = 0;
		struct page *page;

		list_for_each_entry(page, from, lru)
			left++;
		rc = (int)left;
		failed = left;
	}
	count_vm_events(PGMIGRATE_SUCCESS, succeeded);
	count_vm_events(PGMIGRATE_FAIL, failed);
	if (ret_succeeded)
		*ret_succeeded = succeeded;
	return rc;
}
EXPORT_SYMBOL(migrate_pages);

/* ---- moving a host-mapped page: writers wait ---- */

#define NR_MOVING 64
struct moving {
	unsigned long addr;	/* page address being moved, 0 if the slot is free */
	int done;		/* futex word: 0 while moving, 1 when done */
};
static struct moving moving[NR_MOVING];
/* Moves finished since boot: a fault that raced with a move's end retries once. */
static unsigned long moves_done;
static __thread unsigned long moves_done_seen __attribute__((tls_model("initial-exec")));

static struct moving *moving_get(unsigned long addr)
{
	for (;;) {
		for (int i = 0; i < NR_MOVING; i++) {
			unsigned long zero = 0;

			if (!__atomic_load_n(&moving[i].addr, __ATOMIC_RELAXED) &&
			    __atomic_compare_exchange_n(&moving[i].addr, &zero, addr, false,
							__ATOMIC_ACQ_REL, __ATOMIC_RELAXED)) {
				__atomic_store_n(&moving[i].done, 0, __ATOMIC_RELEASE);
				return &moving[i];
			}
		}
		sched_yield();
	}
}

static void moving_put(struct moving *m)
{
	__atomic_fetch_add(&moves_done, 1, __ATOMIC_RELEASE);
	__atomic_store_n(&m->done, 1, __ATOMIC_RELEASE);
	futex_wake_all(&m->done);
	__atomic_store_n(&m->addr, 0, __ATOMIC_RELEASE);
}

/* SIGSEGV: a write to a page being moved waits for the move and is retried. */
static bool migration_fault(siginfo_t *info, void *ucontext)
{
	unsigned long addr = (unsigned long)info->si_addr & PAGE_MASK;
	unsigned long done = __atomic_load_n(&moves_done, __ATOMIC_ACQUIRE);

	if (!addr || !host_fault_is_write(ucontext))
		return false;	/* 0 marks a free slot: a NULL write is never a move's */
	for (int i = 0; i < NR_MOVING; i++) {
		if (__atomic_load_n(&moving[i].addr, __ATOMIC_ACQUIRE) != addr)
			continue;
		while (!__atomic_load_n(&moving[i].done, __ATOMIC_ACQUIRE) &&
		       __atomic_load_n(&moving[i].addr, __ATOMIC_ACQUIRE) == addr)
			futex_wait(&moving[i].done, 0, 1000000);
		moves_done_seen = __atomic_load_n(&moves_done, __ATOMIC_ACQUIRE);
		return true;
	}
	/* The move this fault met may have ended before the look: it bumped the count since
	 * this thread last looked. A fault that is not a move's comes back with the count
	 * unchanged and is not claimed then. */
	if (done != moves_done_seen) {
		moves_done_seen = done;
		return true;
	}
	return false;
}

/* Maps page at a's address again as a had it (after a move, or to undo one). */
static int map_alias(const struct host_alias *a, struct page *page)
{
	off_t off = (off_t)PFN_PHYS(page_to_pfn(page));

	if (a->populate)
		return host_map_file((void *)a->addr, physmem_fd, off, PAGE_SIZE, true);
	return host_map_file_prot((void *)a->addr, physmem_fd, off, PAGE_SIZE, a->prot, a->shared);
}

/**
 * migrate_page_remap_host - moves the contents of a host-mapped page to another page
 * @aliases: the addresses at which @src is host-mapped, with how (at most
 *	MIGRATE_MAX_ALIASES): a vmalloc area's page, and the user mappings of it
 * @nr: how many
 * @dst: the new page
 * @src: the page mapped there
 *
 * Write-protects every alias, copies @src to @dst through the direct map, and maps @dst
 * at each alias in place of @src. A write to an alias meanwhile waits and is retried on
 * @dst; reads go on. The owner updates its own records (page tables, arrays) around it.
 *
 * Context: may sleep; both pages locked; the owner keeps the aliases' mappings alive.
 * Return: 0, or -errno from the host (nothing changed then: every alias maps @src).
 */
int migrate_page_remap_host(const struct host_alias *aliases, int nr, struct page *dst,
			    struct page *src)
{
	struct moving *m[MIGRATE_MAX_ALIASES];
	int err = 0, done = 0, protected = 0;

	if (WARN_ON_ONCE(nr > MIGRATE_MAX_ALIASES))
		return -E2BIG;
	for (int i = 0; i < nr; i++)
		m[i] = moving_get(aliases[i].addr);
	for (; protected < nr && !err; protected++)
		if (aliases[protected].prot & PROT_WRITE)
			err = host_write_protect((void *)aliases[protected].addr, PAGE_SIZE);
	if (!err) {
		memcpy(page_address(dst), page_address(src), PAGE_SIZE);
		for (; done < nr && !err; done++)
			err = map_alias(&aliases[done], dst);
	}
	if (err)	/* back as it was: every alias on src, writable as before */
		for (int i = 0; i < protected; i++)
			map_alias(&aliases[i], src);
	for (int i = 0; i < nr; i++)
		moving_put(m[i]);
	return err;
}

int migrate_init(void)
{
	memset(moving, 0, sizeof(moving));
	return host_fault_handler_add(migration_fault);
}

void migrate_exit(void)
{
	host_fault_handler_remove(migration_fault);
}
