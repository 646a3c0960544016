/* mm/debug.c: printing pages and flags the kernel's way: dump_page(), the
 * "BUG: Bad page state" report, and the names behind %pGp (page flags) and %pGg (GFP). */
#include <stdio.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include "kernel/report.h"
#include "mm/internal.h"

static const char *const pageflag_names[__NR_PAGEFLAGS] = {
	"locked", "referenced", "uptodate", "dirty", "lru", "active", "workingset",
	"waiters", "error", "slab", "owner_priv_1", "arch_1", "reserved", "private",
	"private_2", "writeback", "head", "mappedtodisk", "reclaim", "swapbacked",
	"unevictable", "mlocked", "hwpoison", "arch_2",
};

static const struct { gfp_t mask; const char *name; } gfp_names[] = {
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

const char *format_gfp_flags(gfp_t gfp, char *buf, size_t size)
{
	size_t at = 0;

	buf[0] = '\0';
	if (!gfp)
		return strcpy(buf, "none"), buf;
	for (size_t i = 0; i < ARRAY_SIZE(gfp_names) && gfp; i++) {
		if ((gfp & gfp_names[i].mask) != gfp_names[i].mask || !gfp_names[i].mask)
			continue;
		gfp &= ~gfp_names[i].mask;
		at = append(buf, size, at, at ? "|%s" : "%s", gfp_names[i].name);
	}
	if (gfp) {
		char rest[20];

		snprintf(rest, sizeof(rest), "%#x", gfp);
		append(buf, size, at, at ? "|%s" : "%s", rest);
	}
	return buf;
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

static void print_raw_words(const char *prefix, const struct page *page)
{
	const unsigned long *w = (const unsigned long *)page;

	for (int i = 0; i < 8; i += 4)
		printk(KERN_WARNING "%s%016lx %016lx %016lx %016lx\n", prefix, w[i], w[i + 1],
		       w[i + 2], w[i + 3]);
}

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
	add_taint(TAINT_BAD_PAGE);
	check_panic_on_warn("bad_page");
}
