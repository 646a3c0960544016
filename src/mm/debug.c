// SPDX-License-Identifier: LGPL-2.1-or-later
/* mm/debug.c: printing pages and flags the kernel's way: dump_page(), the
 * "BUG: Bad page state" report, and the names behind %pGp (page flags), %pGg (GFP) and
 * %pGv (vma flags). */
#include <stdio.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/export.h>
#include "kernel/report.h"
#include "mm/internal.h"

static const char *const pageflag_names[__NR_PAGEFLAGS] = {
	"locked", "referenced", "uptodate", "dirty", "lru", "active", "workingset",
	"waiters", "error", "slab", "owner_priv_1", "arch_1", "reserved", "private",
	"private_2", "writeback", "head", "mappedtodisk", "reclaim", "swapbacked",
	"unevictable", "mlocked", "hwpoison", "arch_2",
};

struct flag_name {
	unsigned long mask;
	const char *name;
};

static const struct flag_name gfp_names[] = {
#define GFP_NAME(f) { f, #f }
	GFP_NAME(GFP_TRANSHUGE), GFP_NAME(GFP_TRANSHUGE_LIGHT), GFP_NAME(GFP_HIGHUSER_MOVABLE),
	GFP_NAME(GFP_HIGHUSER), GFP_NAME(GFP_USER), GFP_NAME(GFP_KERNEL_ACCOUNT),
	GFP_NAME(GFP_KERNEL), GFP_NAME(GFP_NOFS), GFP_NAME(GFP_ATOMIC), GFP_NAME(GFP_NOIO),
	GFP_NAME(GFP_NOWAIT), GFP_NAME(GFP_DMA), GFP_NAME(__GFP_HIGHMEM), GFP_NAME(GFP_DMA32),
	GFP_NAME(__GFP_HIGH), GFP_NAME(__GFP_ATOMIC), GFP_NAME(__GFP_IO), GFP_NAME(__GFP_FS),
	GFP_NAME(__GFP_NOWARN), GFP_NAME(__GFP_RETRY_MAYFAIL), GFP_NAME(__GFP_NOFAIL),
	GFP_NAME(__GFP_NORETRY), GFP_NAME(__GFP_COMP), GFP_NAME(__GFP_ZERO),
	GFP_NAME(__GFP_NOMEMALLOC), GFP_NAME(__GFP_MEMALLOC), GFP_NAME(__GFP_HARDWALL),
	GFP_NAME(__GFP_THISNODE), GFP_NAME(__GFP_RECLAIMABLE), GFP_NAME(__GFP_MOVABLE),
	GFP_NAME(__GFP_ACCOUNT), GFP_NAME(__GFP_WRITE), GFP_NAME(__GFP_RECLAIM),
	GFP_NAME(__GFP_DIRECT_RECLAIM), GFP_NAME(__GFP_KSWAPD_RECLAIM), GFP_NAME(__GFP_ZEROTAGS),
#undef GFP_NAME
};

static size_t append(char *buf, size_t size, size_t at, const char *fmt, const char *s)
{
	int n = snprintf(at < size ? buf + at : NULL, at < size ? size - at : 0, fmt, s);

	return at + (n > 0 ? (size_t)n : 0);
}

/* Names of the masks wholly set in flags, first match first, '|'-joined; bits no name
 * covers follow in hex. */
static const char *format_names(unsigned long flags, const struct flag_name *names,
				size_t n, char *buf, size_t size)
{
	size_t at = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && flags; i++) {
		if ((flags & names[i].mask) != names[i].mask || !names[i].mask)
			continue;
		flags &= ~names[i].mask;
		at = append(buf, size, at, at ? "|%s" : "%s", names[i].name);
	}
	if (flags) {
		char rest[24];

		snprintf(rest, sizeof(rest), "%#lx", flags);
		append(buf, size, at, at ? "|%s" : "%s", rest);
	}
	return buf;
}

const char *format_gfp_flags(gfp_t gfp, char *buf, size_t size)
{
	if (!gfp)
		return strcpy(buf, "none"), buf;
	return format_names(gfp, gfp_names, ARRAY_SIZE(gfp_names), buf, size);
}

const char *format_page_flags(unsigned long flags, char *buf, size_t size)
{
	unsigned long main_flags = flags & ((1UL << __NR_PAGEFLAGS) - 1);
	size_t at = (size_t)snprintf(buf, size, "0x%lx(", flags);
	char field[48];

	for (int bit = 0; bit < __NR_PAGEFLAGS; bit++)
		if (main_flags & (1UL << bit))
			at = append(buf, size, at, at > 0 && buf[at - 1] != '(' ? "|%s" : "%s",
				    pageflag_names[bit]);
	snprintf(field, sizeof(field), "node=%lu|zone=%lu)",
		 (flags >> NODES_PGSHIFT) & NODES_MASK, (flags >> ZONES_PGSHIFT) & ZONES_MASK);
	append(buf, size, at, buf[at - 1] != '(' ? "|%s" : "%s", field);
	return buf;
}

static const struct flag_name vmaflag_names[] = {
	{ VM_READ, "read" }, { VM_WRITE, "write" }, { VM_EXEC, "exec" },
	{ VM_SHARED, "shared" }, { VM_MAYREAD, "mayread" }, { VM_MAYWRITE, "maywrite" },
	{ VM_MAYEXEC, "mayexec" }, { VM_MAYSHARE, "mayshare" }, { VM_GROWSDOWN, "growsdown" },
	{ VM_PFNMAP, "pfnmap" }, { VM_LOCKED, "locked" }, { VM_IO, "io" },
	{ VM_SEQ_READ, "seqread" }, { VM_RAND_READ, "randread" }, { VM_DONTCOPY, "dontcopy" },
	{ VM_DONTEXPAND, "dontexpand" }, { VM_ACCOUNT, "account" },
	{ VM_NORESERVE, "noreserve" }, { VM_SYNC, "sync" }, { VM_WIPEONFORK, "wipeonfork" },
	{ VM_DONTDUMP, "dontdump" }, { VM_MIXEDMAP, "mixedmap" },
};

const char *format_vma_flags(unsigned long flags, char *buf, size_t size)
{
	return format_names(flags, vmaflag_names, ARRAY_SIZE(vmaflag_names), buf, size);
}

static void print_raw_words(const char *prefix, const struct page *page)
{
	const unsigned long *w = (const unsigned long *)page;

	for (int i = 0; i < 8; i += 4)
		printk(KERN_WARNING "%s%016lx %016lx %016lx %016lx\n", prefix, w[i], w[i + 1],
		       w[i + 2], w[i + 3]);
}

/**
 * dump_page - print a struct page the way Linux 6.1 prints it
 * @page: the page
 * @reason: why, or NULL
 *
 * Prints its refcount, mapcount, mapping, index, pfn, its compound head, flags and raw words
 * at KERN_WARNING.
 *
 * Context: any context; does not sleep.
 */
void dump_page(struct page *page, const char *reason)
{
	struct page *head = compound_head(page);
	char flags[256];

	/* The kernel prints pointers as 16 hex digits and %#lx of 0 as "0x0". */
	pr_warn("page:%016lx refcount:%d mapcount:%d mapping:%016lx index:0x%lx pfn:0x%lx\n",
		(unsigned long)page, page_ref_count(head), PageBuddy(page) ? 0 : page_mapcount(page),
		(unsigned long)page->mapping, PageTail(page) ? 0UL : page->index, page_to_pfn(page));
	if (head != page || PageHead(page))
		pr_warn("head:%016lx order:%u compound_mapcount:%d compound_pincount:%d\n",
			(unsigned long)head,
			compound_order(head), head[1].compound_mapcount.counter + 1,
			head[1].compound_pincount.counter);
	pr_warn("flags: %s\n", format_page_flags(head->flags, flags, sizeof(flags)));
	print_raw_words("raw: ", page);
	if (head != page)
		print_raw_words("head: ", head);
	if (reason)
		pr_warn("page dumped because: %s\n", reason);
}
EXPORT_SYMBOL(dump_page);

void bad_page(struct page *page, const char *reason)
{
	report_begin();
	pr_alert("BUG: Bad page state in process %s  pfn:%05lx\n", current->comm, page_to_pfn(page));
	dump_page(page, reason);
	print_modules();
	dump_stack();
	pr_warn("Disabling lock debugging due to kernel taint\n");
	/* A bad page is never handed out again; only PageBuddy is cleared, as the kernel
	 * does, so the allocator cannot merge it back in. */
	if (PageBuddy(page))
		page->page_type = ~0u;
	add_taint(TAINT_BAD_PAGE, LOCKDEP_STILL_OK);
	check_panic_on_warn("bad_page");
}
