// SPDX-License-Identifier: LGPL-2.1-or-later
/* Migration and compaction (with a balloon as the owner of movable pages, as
 * virtio_balloon is): an order-9 allocation that fails on memory fragmented into
 * single movable pages succeeds after /proc/sys/vm/compact_memory, with every moved
 * page's contents kept; vmalloc areas keep their contents and their mappings while a
 * thread writes to them during the moves; pinned pages stay where they are; a 1 GiB
 * vmalloc after compaction takes few host mappings; compaction racing allocations and
 * frees; the sysctls refuse what 6.1 refuses; the vmstat counters count; pages mapped
 * for DMA stay put; pageblock skip hints and their reset; direct compaction's capture. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ukmem.h>
#include <linux/balloon_compaction.h>
#include <linux/compaction.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/gfp.h>
#include <linux/migrate.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/scatterlist.h>
#include <linux/vmalloc.h>
#include "host/host.h"
#include "kmsg.h"
#include "mm/internal.h"

/* ---- a balloon as the movable page owner, as virtio_balloon is ---- */

static struct balloon_dev_info balloon;
static struct page **pages;	/* pages[i] is the balloon's page i, or NULL */
static unsigned long nr_pages;
static bool copy_contents = true;

static void fill(struct page *page, unsigned long i)
{
	unsigned long *w = page_address(page);

	for (unsigned long k = 0; k < PAGE_SIZE / sizeof(long); k += 64)
		w[k] = i * 0x9e3779b97f4a7c15UL + k;
}

static bool intact(struct page *page, unsigned long i)
{
	unsigned long *w = page_address(page);

	for (unsigned long k = 0; k < PAGE_SIZE / sizeof(long); k += 64)
		if (w[k] != i * 0x9e3779b97f4a7c15UL + k)
			return false;
	return true;
}

/* The driver's side of a move, as virtio_balloon's: the new page joins the balloon,
 * the old one leaves it. The test's balloon also keeps contents (a real one need not). */
static int test_migratepage(struct balloon_dev_info *b, struct page *newpage, struct page *page,
			    enum migrate_mode mode)
{
	unsigned long flags, i = page->index;

	cr_assert_eq(pages[i], page, "the page moved is the balloon's page %lu", i);
	if (copy_contents)
		memcpy(page_address(newpage), page_address(page), PAGE_SIZE);
	newpage->index = i;
	get_page(newpage);
	spin_lock_irqsave(&b->pages_lock, flags);
	balloon_page_insert(b, newpage);
	b->isolated_pages--;
	__count_vm_event(BALLOON_MIGRATE);
	__atomic_store_n(&pages[i], newpage, __ATOMIC_RELEASE);
	spin_unlock_irqrestore(&b->pages_lock, flags);
	spin_lock_irqsave(&b->pages_lock, flags);
	balloon_page_delete(page);
	spin_unlock_irqrestore(&b->pages_lock, flags);
	put_page(page);
	return MIGRATEPAGE_SUCCESS;
}

/* Takes every page it can get without reclaim, as pages[0 .. nr_pages). */
static void take_all(unsigned long max)
{
	balloon_devinfo_init(&balloon);
	balloon.migratepage = test_migratepage;
	pages = calloc(max, sizeof(*pages));
	cr_assert_not_null(pages);
	for (nr_pages = 0; nr_pages < max; nr_pages++) {
		struct page *page = alloc_pages(GFP_NOWAIT | __GFP_MOVABLE | __GFP_NOWARN, 0);

		if (!page)
			break;
		pages[nr_pages] = page;
	}
	cr_assert_lt(nr_pages, max, "memory ran out before the array did");
}

/* Frees the pages taken that keep() refuses and inflates the balloon with the others. */
static void settle(bool (*keep)(unsigned long i))
{
	for (unsigned long i = 0; i < nr_pages; i++) {
		if (!keep(i)) {
			__free_page(pages[i]);
			pages[i] = NULL;
			continue;
		}
		if (copy_contents)
			fill(pages[i], i);
		pages[i]->index = i;
		balloon_page_enqueue(&balloon, pages[i]);
	}
}

static unsigned int keep_every;

static bool keep_every_nth(unsigned long i)
{
	return i % keep_every == 0;
}

/* Memory fragmented into single movable pages and holes: the balloon keeps each keep'th
 * page of all it could take. */
static void fragment(unsigned long max, unsigned int keep)
{
	take_all(max);
	keep_every = keep;
	settle(keep_every_nth);
}

/* Deflates the balloon by up to n pages; returns how many. */
static unsigned long deflate(unsigned long n)
{
	unsigned long done = 0;
	struct page *page;
	LIST_HEAD(list);

	balloon_page_list_dequeue(&balloon, &list, n);
	while ((page = balloon_page_pop(&list))) {
		pages[page->index] = NULL;
		__free_page(page);
		done++;
	}
	return done;
}

/* Deflates all of the balloon: pages kcompactd holds (allocations wake it) come back. */
static void free_test_pages(void)
{
	for (;;) {
		unsigned long flags;
		bool empty;

		spin_lock_irqsave(&balloon.pages_lock, flags);
		empty = list_empty(&balloon.pages) && !balloon.isolated_pages;
		spin_unlock_irqrestore(&balloon.pages_lock, flags);
		if (empty)
			break;
		if (!deflate(1024))
			sched_yield();
	}
	for (unsigned long i = 0; i < nr_pages; i++)
		cr_assert_null(pages[i], "balloon page %lu came back", i);
	free(pages);
	pages = NULL;
}

/* ---- sysctl and vmstat helpers ---- */

static int write_file(const char *path, const char *text)
{
	int fd = ukmem_open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = ukmem_write(fd, text, strlen(text));
	ukmem_close(fd);
	return n < 0 ? -errno : 0;
}

static unsigned long vmstat(const char *name)
{
	char *text = proc_text("/proc/vmstat"), key[64];
	unsigned long v = 0;
	const char *p;

	snprintf(key, sizeof(key), "\n%s ", name);
	p = strstr(text, key);
	cr_assert_not_null(p, "/proc/vmstat has %s", name);
	sscanf(p + strlen(key), "%lu", &v);
	free(text);
	return v;
}

static void boot(const char *cmdline)
{
	cr_assert_eq(ukmem_boot(cmdline), 0);
	/* kcompactd would compact behind the test's back: proactively, and whenever an
	 * allocation finds no block of its order (the fragmenting, a vmalloc); the tests of
	 * kcompactd start it again */
	cr_assert_eq(write_file("/proc/sys/vm/compaction_proactiveness", "0\n"), 0);
	kcompactd_stop(0);
}

static void compact_memory(void)
{
	cr_assert_eq(write_file("/proc/sys/vm/compact_memory", "1\n"), 0);
}

/* ---- tests ---- */

Test(compaction, order_9_fails_when_fragmented_and_succeeds_after_compact_memory)
{
	unsigned long moved = 0, before[6];
	const char *names[6] = { "compact_migrate_scanned", "compact_free_scanned",
				 "compact_isolated", "pgmigrate_success", "balloon_inflate",
				 "balloon_migrate" };
	struct page *big;
	unsigned long *old_pfn;

	boot("mem=128M");
	copy_contents = true;
	for (int i = 0; i < 6; i++)
		before[i] = vmstat(names[i]);
	fragment(1UL << 16, 2);
	cr_assert_null(alloc_pages(GFP_NOWAIT | __GFP_NOWARN, 9),
		       "no free order-9 block on memory fragmented into single pages");
	old_pfn = calloc(nr_pages, sizeof(*old_pfn));
	for (unsigned long i = 0; i < nr_pages; i += 2)
		old_pfn[i] = page_to_pfn(pages[i]);

	compact_memory();

	big = alloc_pages(GFP_NOWAIT | __GFP_NOWARN, 9);
	cr_assert_not_null(big, "compaction made an order-9 block");
	for (unsigned long i = 0; i < nr_pages; i += 2) {
		cr_assert(intact(pages[i], i), "page %lu kept its contents", i);
		cr_assert(PageMovable(pages[i]) && !PageIsolated(pages[i]) && PageOffline(pages[i]));
		moved += page_to_pfn(pages[i]) != old_pfn[i];
	}
	cr_assert_gt(moved, 1000, "compaction moved pages (%lu)", moved);
	for (int i = 0; i < 6; i++)
		cr_assert_gt(vmstat(names[i]), before[i], "%s counts", names[i]);
	cr_assert_geq(vmstat("pgmigrate_success") - before[3], moved);
	cr_assert_eq(vmstat("balloon_migrate") - before[5], vmstat("pgmigrate_success") - before[3],
		     "every page moved was the balloon's");
	__free_pages(big, 9);
	free_test_pages();
	free(old_pfn);
	cr_assert_not(kmsg_contains("BUG"), "no bad page anywhere");
	ukmem_shutdown();
}

/* shared with the writer thread: atomics, so that no compiler keeps them in registers */
static bool writer_stop;
static unsigned long writer_round;

struct area { unsigned long *base; unsigned long nr; };

/* Writes the round number into every page of the area, round after round. */
static void *writer(void *arg)
{
	struct area *a = arg;
	unsigned long r;

	for (r = 1; !__atomic_load_n(&writer_stop, __ATOMIC_ACQUIRE); r++) {
		for (unsigned long i = 0; i < a->nr; i++)
			a->base[i * (PAGE_SIZE / sizeof(long)) + (r % 8)] = r;
		__atomic_store_n(&writer_round, r, __ATOMIC_RELEASE);
	}
	return NULL;
}

/* Compacts all of memory while a thread writes the area; returns the writer's last round. */
static unsigned long compact_while_writing(struct area *a)
{
	pthread_t t;

	__atomic_store_n(&writer_stop, false, __ATOMIC_RELEASE);
	__atomic_store_n(&writer_round, 0, __ATOMIC_RELEASE);
	cr_assert_eq(pthread_create(&t, NULL, writer, a), 0);
	while (__atomic_load_n(&writer_round, __ATOMIC_ACQUIRE) < 3)
		sched_yield();
	compact_memory();
	__atomic_store_n(&writer_stop, true, __ATOMIC_RELEASE);
	pthread_join(t, NULL);
	return writer_round;
}

static unsigned long area_pfn(void *base, unsigned long i)
{
	return page_to_pfn(vmalloc_to_page((char *)base + i * PAGE_SIZE));
}

Test(compaction, vmalloc_pages_move_while_a_thread_writes_to_them)
{
	const unsigned long nr = 2048;	/* 8 MiB */
	unsigned long *old_pfn = calloc(nr, sizeof(*old_pfn)), moved = 0, last;
	struct area a = { .nr = nr };
	struct vm_struct *vm;

	boot("mem=128M");
	copy_contents = true;
	fragment(1UL << 16, 2);
	/* no direct compaction for GFP_NOWAIT: the area takes the holes, page by page */
	a.base = __vmalloc(nr * PAGE_SIZE, GFP_NOWAIT | __GFP_NOWARN);
	cr_assert_not_null(a.base);
	vm = find_vm_area(a.base);
	for (unsigned long i = 0; i < nr; i++) {
		old_pfn[i] = area_pfn(a.base, i);
		memset((char *)a.base + i * PAGE_SIZE, (int)(i & 0xff), PAGE_SIZE);
	}
	/* the test's own pages go: the area's pages are the ones in the holes now */
	free_test_pages();
	last = compact_while_writing(&a);
	for (unsigned long i = 0; i < nr; i++) {
		unsigned long *w = a.base + i * (PAGE_SIZE / sizeof(long));
		struct page *page = vmalloc_to_page(w);

		/* the last round wrote every page; the one before, the words it left */
		cr_assert_eq(w[last % 8], last, "page %lu: the last write is there", i);
		cr_assert_eq(w[(last - 1) % 8], last - 1, "page %lu: the write before it", i);
		cr_assert_eq(((unsigned char *)w)[PAGE_SIZE - 1], i & 0xff, "page %lu's bytes", i);
		cr_assert_eq(vm->pages[i], page, "the area's page array follows its page tables");
		cr_assert_eq(memcmp(page_address(page), w, PAGE_SIZE), 0,
			     "the direct map and the area show the same page");
		moved += page_to_pfn(page) != old_pfn[i];
	}
	cr_assert_gt(moved, 0, "some of the area's pages moved");
	vfree(a.base);
	free(old_pfn);
	cr_assert_not(kmsg_contains("BUG"));
	ukmem_shutdown();
}

/* Boots, fragments memory with a balloon and makes an area of nr pages in the holes. */
static void *area_in_fragmented_memory(unsigned long nr)
{
	void *base;

	boot("mem=128M");
	copy_contents = true;
	fragment(1UL << 16, 2);
	base = __vmalloc(nr * PAGE_SIZE, GFP_NOWAIT | __GFP_NOWARN);
	cr_assert_not_null(base);
	return base;
}

Test(compaction, pinned_pages_are_never_moved)
{
	const unsigned long nr = 1024;
	unsigned long *old_pfn = calloc(nr, sizeof(*old_pfn)), moved = 0, fail_before;
	void *base;

	base = area_in_fragmented_memory(nr);
	free_test_pages();
	for (unsigned long i = 0; i < nr; i++) {
		old_pfn[i] = area_pfn(base, i);
		get_page(vmalloc_to_page((char *)base + i * PAGE_SIZE));	/* a pin */
	}
	fail_before = vmstat("pgmigrate_fail");

	compact_memory();

	for (unsigned long i = 0; i < nr; i++)
		cr_assert_eq(area_pfn(base, i), old_pfn[i], "pinned page %lu stayed", i);
	cr_assert_gt(vmstat("pgmigrate_fail"), fail_before, "the pinned pages were tried");
	for (unsigned long i = 0; i < nr; i++)
		put_page(vmalloc_to_page((char *)base + i * PAGE_SIZE));

	compact_memory();

	for (unsigned long i = 0; i < nr; i++)
		moved += area_pfn(base, i) != old_pfn[i];
	cr_assert_gt(moved, 0, "unpinned, they move");
	vfree(base);
	free(old_pfn);
	ukmem_shutdown();
}

static u64 dma_mask_all = DMA_BIT_MASK(64);
static struct device_driver dma_drv = { .name = "ukpin" };
static struct device dma_dev = { .init_name = "ukpin0", .driver = &dma_drv,
				 .dma_mask = &dma_mask_all };

Test(compaction, dma_mapped_pages_are_never_moved)
{
	const unsigned long nr = 512;
	unsigned long *old_pfn = calloc(nr, sizeof(*old_pfn)), moved = 0, fail_before;
	dma_addr_t *addr = calloc(nr, sizeof(*addr));
	struct scatterlist sg[4];
	void *base;

	base = area_in_fragmented_memory(nr);
	/* half the pages one by one, the last four through a scatterlist; the balloon
	 * stays, so that the area's pages share pageblocks with pages that move */
	for (unsigned long i = 0; i < nr; i++)
		old_pfn[i] = area_pfn(base, i);
	for (unsigned long i = 0; i < nr / 2; i++) {
		addr[i] = dma_map_page(&dma_dev, vmalloc_to_page((char *)base + i * PAGE_SIZE), 0,
				       PAGE_SIZE, DMA_FROM_DEVICE);
		cr_assert_not(dma_mapping_error(&dma_dev, addr[i]));
		cr_assert_eq(addr[i], PFN_PHYS(old_pfn[i]), "the bus address is the page's");
	}
	sg_init_table(sg, 4);
	for (unsigned long i = 0; i < 4; i++)
		sg_set_page(&sg[i], vmalloc_to_page((char *)base + (nr - 4 + i) * PAGE_SIZE),
			    PAGE_SIZE, 0);
	cr_assert_eq(dma_map_sg(&dma_dev, sg, 4, DMA_TO_DEVICE), 4);
	fail_before = vmstat("pgmigrate_fail");

	compact_memory();

	for (unsigned long i = 0; i < nr / 2; i++)
		cr_assert_eq(area_pfn(base, i), old_pfn[i], "DMA-mapped page %lu stayed", i);
	for (unsigned long i = nr - 4; i < nr; i++)
		cr_assert_eq(area_pfn(base, i), old_pfn[i], "page %lu of the mapped list stayed", i);
	cr_assert_gt(vmstat("pgmigrate_fail"), fail_before, "the mapped pages were tried");
	for (unsigned long i = nr / 2; i < nr - 4; i++)
		moved += area_pfn(base, i) != old_pfn[i];
	cr_assert_gt(moved, 0, "the pages not mapped for DMA move");
	for (unsigned long i = 0; i < nr / 2; i++)
		dma_unmap_page(&dma_dev, addr[i], PAGE_SIZE, DMA_FROM_DEVICE);
	dma_unmap_sg(&dma_dev, sg, 4, DMA_TO_DEVICE);
	for (unsigned long i = 0; i < nr; i++)
		cr_assert_eq(page_count(vmalloc_to_page((char *)base + i * PAGE_SIZE)), 1,
			     "page %lu holds only the area's reference again", i);
	free_test_pages();

	compact_memory();

	moved = 0;
	for (unsigned long i = 0; i < nr / 2; i++)
		moved += area_pfn(base, i) != old_pfn[i];
	cr_assert_gt(moved, 0, "unmapped, they move");
	vfree(base);
	free(old_pfn);
	free(addr);
	cr_assert_not(kmsg_contains("DMA-API: ukpin"), "dma-debug found nothing wrong");
	ukmem_shutdown();
}

static void *ubuf;

static int ubuf_mmap(struct file *file, struct vm_area_struct *vma)
{
	return remap_vmalloc_range(vma, ubuf, vma->vm_pgoff);
}

static const struct file_operations ubuf_fops = { .mmap = ubuf_mmap };

Test(compaction, user_mapped_vmalloc_pages_move_with_their_mappings)
{
	const unsigned long nr = 1024;	/* 4 MiB, mapped twice in user space */
	struct miscdevice dev = { .minor = MISC_DYNAMIC_MINOR, .name = "ubuf", .fops = &ubuf_fops };
	unsigned long *old_pfn = calloc(nr, sizeof(*old_pfn)), moved = 0, last;
	struct area a = { .nr = nr };
	unsigned long *u2;
	int fd;

	boot("mem=128M");
	copy_contents = true;
	fragment(1UL << 16, 2);
	ubuf = __vmalloc_node_range(nr * PAGE_SIZE, PAGE_SIZE, VMALLOC_START, VMALLOC_END,
				    GFP_NOWAIT | __GFP_NOWARN | __GFP_ZERO, PAGE_KERNEL, VM_USERMAP,
				    NUMA_NO_NODE, __builtin_return_address(0));
	cr_assert_not_null(ubuf);
	cr_assert_eq(misc_register(&dev), 0);
	fd = ukmem_open("/dev/ubuf", O_RDWR);
	cr_assert_geq(fd, 0);
	a.base = ukmem_mmap(NULL, nr * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	u2 = ukmem_mmap(NULL, nr * PAGE_SIZE, PROT_READ, MAP_SHARED, fd, 0);
	cr_assert(a.base != MAP_FAILED && u2 != MAP_FAILED);
	for (unsigned long i = 0; i < nr; i++) {
		old_pfn[i] = area_pfn(ubuf, i);
		cr_assert_eq(page_mapcount(vmalloc_to_page((char *)ubuf + i * PAGE_SIZE)), 2);
	}
	free_test_pages();
	last = compact_while_writing(&a);	/* writes through the user mapping */
	for (unsigned long i = 0; i < nr; i++) {
		unsigned long *k = (unsigned long *)((char *)ubuf + i * PAGE_SIZE);
		unsigned long *w = a.base + i * (PAGE_SIZE / sizeof(long));
		struct page *page = vmalloc_to_page(k);

		cr_assert_eq(k[last % 8], last, "page %lu: the user's last write, seen by the kernel", i);
		cr_assert_eq(memcmp(w, k, PAGE_SIZE), 0, "page %lu: both aliases show one page", i);
		cr_assert_eq(memcmp(u2 + i * (PAGE_SIZE / sizeof(long)), k, PAGE_SIZE), 0);
		cr_assert_eq(page_mapcount(page), 2, "the mappings went with the page");
		moved += page_to_pfn(page) != old_pfn[i];
	}
	cr_assert_gt(moved, 0, "some of the mapped pages moved");
	/* still aliases: a kernel write shows in both user mappings */
	((unsigned long *)ubuf)[1] = 0xfeedface;
	cr_assert_eq(a.base[1], 0xfeedface);
	cr_assert_eq(u2[1], 0xfeedface);
	cr_assert_eq(ukmem_munmap(a.base, nr * PAGE_SIZE), 0);
	cr_assert_eq(ukmem_munmap(u2, nr * PAGE_SIZE), 0);
	ukmem_close(fd);
	misc_deregister(&dev);
	vfree(ubuf);
	free(old_pfn);
	cr_assert_not(kmsg_contains("BUG"), "references and mapcounts balance");
	ukmem_shutdown();
}

struct range_count { unsigned long lo, hi; int n; };

static void count_in_range(unsigned long lo, unsigned long hi, void *arg)
{
	struct range_count *rc = arg;

	if (hi > rc->lo && lo < rc->hi)
		rc->n++;
}

Test(compaction, a_1_gib_vmalloc_after_compaction_takes_few_host_mappings)
{
	const unsigned long size = 1UL << 30;
	struct range_count rc;
	void *base;

	boot("mem=2304M");
	copy_contents = false;	/* the pages' contents do not matter here: none is touched */
	fragment(1UL << 20, 2);
	/* what stays free in large blocks is the min watermark's reserve */
	cr_assert_gt(extfrag_for_order(&NODE_DATA(0)->node_zones[ZONE_DMA32], 9), 95,
		     "nearly all free memory is in single pages");

	compact_memory();

	base = vmalloc(size);
	cr_assert_not_null(base);
	rc = (struct range_count){ (unsigned long)base, (unsigned long)base + size, 0 };
	cr_assert_eq(host_for_each_mapping(count_in_range, &rc), 0);
	cr_assert_lt(rc.n, 64, "1 GiB of vmalloc in %d host mappings", rc.n);
	vfree(base);
	free_test_pages();
	copy_contents = true;
	ukmem_shutdown();
}

Test(compaction, the_sysctls_refuse_what_linux_refuses)
{
	char buf[32];
	int fd;

	boot("mem=64M");
	fd = ukmem_open("/proc/sys/vm/compact_memory", O_RDONLY);
	cr_assert(fd < 0 && errno == EACCES, "compact_memory is write-only (0200)");
	cr_assert_eq(write_file("/proc/sys/vm/compact_memory", "anything"), 0,
		     "any write compacts, as 6.1's handler ignores the value");
	cr_assert_eq(write_file("/proc/sys/vm/compaction_proactiveness", "101"), -EINVAL);
	cr_assert_eq(write_file("/proc/sys/vm/compaction_proactiveness", "-1"), -EINVAL);
	cr_assert_eq(write_file("/proc/sys/vm/compaction_proactiveness", "abc"), -EINVAL);
	cr_assert_eq(write_file("/proc/sys/vm/compaction_proactiveness", "5x"), -EINVAL);
	cr_assert_eq(write_file("/proc/sys/vm/extfrag_threshold", "1001"), -EINVAL);
	cr_assert_eq(write_file("/proc/sys/vm/compact_unevictable_allowed", "2"), -EINVAL);
	cr_assert_eq(write_file("/proc/sys/vm/compaction_proactiveness", " 42\n"), 0);
	cr_assert_eq(ukmem_proc_read("/proc/sys/vm/compaction_proactiveness", buf, sizeof(buf)), 3);
	cr_assert_str_eq(buf, "42\n");
	cr_assert_eq(ukmem_proc_read("/proc/sys/vm/extfrag_threshold", buf, sizeof(buf)), 4);
	cr_assert_str_eq(buf, "500\n");
	cr_assert_eq(ukmem_proc_read("/proc/sys/vm/compact_unevictable_allowed", buf, sizeof(buf)), 2);
	cr_assert_str_eq(buf, "1\n");
	ukmem_shutdown();
}

Test(compaction, deferral_follows_linux)
{
	struct zone *zone;

	boot("mem=64M");
	zone = &NODE_DATA(0)->node_zones[ZONE_DMA32];
	cr_assert_not(compaction_deferred(zone, 4), "nothing failed yet");
	compaction_defer_reset(zone, 6, false);
	cr_assert_eq(zone->compact_order_failed, 7, "orders up to 6 known to succeed");
	defer_compaction(zone, 4);
	cr_assert_eq(zone->compact_defer_shift, 1);
	cr_assert_eq(zone->compact_order_failed, 4);
	cr_assert_not(compaction_deferred(zone, 3), "lower orders are not deferred");
	cr_assert(compaction_deferred(zone, 4) || compaction_deferred(zone, 4),
		  "one of the next 2 tries is skipped");
	for (int i = 0; i < 8; i++)
		defer_compaction(zone, 4);
	cr_assert_eq(zone->compact_defer_shift, 6, "at most 64 tries are skipped");
	compaction_defer_reset(zone, 4, true);
	cr_assert_eq(zone->compact_defer_shift, 0);
	cr_assert_eq(zone->compact_order_failed, 5);
	cr_assert_not(compaction_deferred(zone, 4));
	ukmem_shutdown();
}

/* ---- skip hints and capture ---- */

/* compact_migrate_scanned by one asynchronous direct compaction for order 9. */
static unsigned long direct_compaction_scans(void)
{
	unsigned long before = vmstat("compact_migrate_scanned");
	struct page *captured;

	try_to_compact_pages(GFP_KERNEL, 9, ALLOC_WMARK_MIN, 0, ZONE_NORMAL, COMPACT_PRIO_ASYNC,
			     &captured);
	cr_assert_null(captured, "nothing could move: nothing was captured");
	return vmstat("compact_migrate_scanned") - before;
}

static unsigned long skipped_pageblocks(struct zone *zone)
{
	unsigned long n = 0;

	for (unsigned long pfn = zone->zone_start_pfn;
	     pfn < zone->zone_start_pfn + zone->spanned_pages; pfn += pageblock_nr_pages)
		n += get_pfnblock_skip(zone, pfn);
	return n;
}

Test(compaction, skip_hints_pass_over_pageblocks_with_nothing_to_move)
{
	struct zone *zone;
	unsigned long first, second, whole, after_reset, nr = 0, max = 1UL << 16;
	struct page **held = calloc(max, sizeof(*held));

	boot("mem=128M");
	zone = &NODE_DATA(0)->node_zones[ZONE_DMA32];
	/* movable pageblocks full of pages nobody can move (no owner took them as movable),
	 * every other one freed: fragmented, and nothing for the migration scanner */
	while (nr < max && (held[nr] = alloc_pages(GFP_NOWAIT | __GFP_MOVABLE | __GFP_NOWARN, 0)))
		nr++;
	cr_assert_lt(nr, max);
	for (unsigned long i = 1; i < nr; i += 2)
		__free_page(held[i]);
	cr_assert_eq(skipped_pageblocks(zone), 0);

	first = direct_compaction_scans();
	cr_assert_gt(first, nr / 2, "the first run scans the zone (%lu pages)", first);
	cr_assert_gt(skipped_pageblocks(zone), 32, "and marks the pageblocks it found nothing in");
	cr_assert(zone->compact_blockskip_flush, "a direct compaction completed");
	second = direct_compaction_scans();
	cr_assert_lt(second, first / 8, "the next run passes over them (%lu of %lu)", second, first);

	/* compact_memory looks everywhere and leaves the hints as they are */
	whole = vmstat("compact_migrate_scanned");
	compact_memory();
	whole = vmstat("compact_migrate_scanned") - whole;
	cr_assert_gt(whole, first / 2, "compact_memory ignores the hints (%lu)", whole);
	cr_assert_gt(skipped_pageblocks(zone), 32);

	/* an order back from the longest deferral clears them, if a direct run completed */
	zone->compact_blockskip_flush = true;
	for (int i = 0; i < 8; i++)
		defer_compaction(zone, 9);
	zone->compact_considered = (1U << zone->compact_defer_shift) - 1;
	after_reset = direct_compaction_scans();
	cr_assert_gt(after_reset, first / 2, "the restart scanned everything (%lu)", after_reset);
	cr_assert_gt(skipped_pageblocks(zone), 32, "and marked the pageblocks again");
	cr_assert(zone->compact_blockskip_flush, "a direct compaction completed");

	/* kcompactd clears them each time it goes idle (here: started, and woken by a
	 * proactiveness change, then every 500 ms) */
	kcompactd_run(0);
	cr_assert_eq(write_file("/proc/sys/vm/compaction_proactiveness", "1\n"), 0);
	for (int i = 0; i < 3000 && skipped_pageblocks(zone); i++)
		msleep(10);
	cr_assert_eq(skipped_pageblocks(zone), 0, "kcompactd cleared the hints");
	cr_assert_not(zone->compact_blockskip_flush);
	cr_assert_eq(write_file("/proc/sys/vm/compaction_proactiveness", "0\n"), 0);
	for (int zid = 0; zid < MAX_NR_ZONES; zid++)
		compaction_defer_reset(&NODE_DATA(0)->node_zones[zid], 9, true);
	after_reset = direct_compaction_scans();
	cr_assert_gt(after_reset, first / 2, "scanned again after the reset (%lu)", after_reset);

	for (unsigned long i = 0; i < nr; i += 2)
		__free_page(held[i]);
	free(held);
	ukmem_shutdown();
}

Test(compaction, an_allocation_wakes_kcompactd)
{
	unsigned long wakes;

	boot("mem=128M");
	kcompactd_run(0);	/* with proactiveness 0, only a wakeup rouses it */
	wakes = vmstat("compact_daemon_wake");
	wakeup_kcompactd(0, 9, ZONE_NORMAL);
	for (int i = 0; i < 3000 && vmstat("compact_daemon_wake") == wakes; i++)
		msleep(10);
	cr_assert_gt(vmstat("compact_daemon_wake"), wakes, "kcompactd woke and worked");
	ukmem_shutdown();
}

/* Pages of a split order-9 block freed one by one; with capture set, the free that
 * completes a block of order 9 in the zone hands it over instead of listing it. */
Test(compaction, capture_hands_the_block_to_the_compacting_thread)
{
	struct capture_control capc;
	struct page *block, *page, *next;
	struct zone *zone;
	long free_before;
	LIST_HEAD(list);

	boot("mem=128M");
	block = alloc_pages(GFP_KERNEL, 9);
	cr_assert_not_null(block);
	zone = page_zone(block);
	split_page(block, 9);
	for (unsigned long i = 1; i < 512; i++)
		__free_page(block + i);
	drain_all_pages(zone);
	free_before = atomic_long_read(&zone->nr_free_pages);
	cr_assert_not(PageBuddy(block), "the block's first page is still in use");

	capc = (struct capture_control){ .zone = zone, .order = 9 };
	current->capture_control = &capc;
	__free_page(block);
	drain_all_pages(zone);
	current->capture_control = NULL;

	cr_assert_not_null(capc.page, "a block of order 9 was captured");
	cr_assert_eq(page_to_pfn(capc.page) % 512, 0, "at an order-9 boundary");
	for (unsigned long i = 0; i < 512; i++)
		cr_assert_not(PageBuddy(capc.page + i), "page %lu of it is on no free list", i);
	cr_assert_leq(atomic_long_read(&zone->nr_free_pages), free_before - 511,
		      "the free buddies it took left the free count");

	/* the block is the caller's: made into pages and freed, every page comes back */
	cr_assert_eq(prep_isolated_block(capc.page, 9, &list), 512);
	list_for_each_entry_safe(page, next, &list, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
	drain_all_pages(zone);
	/* (the page reporting worker takes blocks off the count for a moment) */
	for (int i = 0; i < 500 && atomic_long_read(&zone->nr_free_pages) < free_before + 1; i++)
		msleep(10);
	cr_assert_geq(atomic_long_read(&zone->nr_free_pages), free_before + 1);
	cr_assert_not(kmsg_contains("BUG"), "no bad page");
	ukmem_shutdown();
}

Test(compaction, direct_compaction_serves_an_order_9_allocation)
{
	unsigned long stall = 0, success = 0;
	struct page *big;

	boot("mem=128M");
	copy_contents = true;
	fragment(1UL << 16, 2);
	stall = vmstat("compact_stall");
	success = vmstat("compact_success");
	big = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 9);
	cr_assert_not_null(big, "direct compaction made the block");
	cr_assert_gt(vmstat("compact_stall"), stall);
	cr_assert_gt(vmstat("compact_success"), success);
	memset(page_address(big), 0x5a, PAGE_SIZE << 9);
	for (unsigned long i = 0; i < nr_pages; i += 2)
		cr_assert(intact(pages[i], i), "balloon page %lu kept its contents", i);
	__free_pages(big, 9);
	free_test_pages();
	cr_assert_not(kmsg_contains("BUG"), "no bad page anywhere");
	ukmem_shutdown();
}

/* ---- the fast searches ---- */

static unsigned long half_free_block;	/* a pageblock's pfn */
static unsigned long holes_lo, holes_hi;	/* the pfns with single free pages */

/* A pageblock of zone whose pages are all the test's, in [lo, hi) of the zone's span
 * (fractions in 16ths), movable; 0 if none. */
static unsigned long taken_pageblock(struct zone *zone, const long *index_of, unsigned int lo,
				     unsigned int hi)
{
	unsigned long start = zone->zone_start_pfn, span = zone->spanned_pages;

	for (unsigned long pfn = pageblock_align(start + span * lo / 16);
	     pfn + pageblock_nr_pages <= start + span * hi / 16; pfn += pageblock_nr_pages) {
		unsigned long n = 0;

		while (n < pageblock_nr_pages && index_of[pfn + n - start] >= 0)
			n++;
		if (n == pageblock_nr_pages &&
		    get_pageblock_migratetype(pfn_to_page(pfn)) == MIGRATE_MOVABLE)
			return pfn;
	}
	return 0;
}

/* Keeps all but pages 8.. of the half-free pageblock (free blocks of orders 3 to 8) and
 * the odd pages of [holes_lo, holes_hi) (single free pages). */
static bool keep_for_fast_searches(unsigned long i)
{
	unsigned long pfn = page_to_pfn(pages[i]);

	if (pfn >= half_free_block + 8 && pfn < half_free_block + pageblock_nr_pages)
		return false;
	return !(pfn >= holes_lo && pfn < holes_hi && (pfn & 1));
}

/* 6.1's fast searches of the free lists. Memory is full of movable pages but for one
 * pageblock low in the zone with only 8 pages in use, and single free pages in every
 * other page of an eighth of the zone near its top (compaction needs twice the order's
 * pages free to start). An order-9 allocation's direct compaction then moves those 8
 * pages (the migration scanner starts at the pageblock that has free blocks of order 3
 * or more, not at the zone's start, where a whole pageblock would move) and moves them
 * into the free pages the free lists point to (the free scanner does not walk the full
 * pageblocks above them). */
Test(compaction, fast_searches_empty_a_half_free_pageblock_into_listed_free_pages)
{
	unsigned long moved = 0, from_elsewhere = 0, not_to_holes = 0, scanned, *old_pfn;
	struct zone *zone;
	struct page *big;
	long *index_of;

	boot("mem=128M");
	copy_contents = true;
	take_all(1UL << 16);
	zone = &NODE_DATA(0)->node_zones[ZONE_DMA32];
	index_of = malloc(zone->spanned_pages * sizeof(*index_of));
	cr_assert_not_null(index_of);
	for (unsigned long k = 0; k < zone->spanned_pages; k++)
		index_of[k] = -1;
	for (unsigned long i = 0; i < nr_pages; i++)
		if (page_zone(pages[i]) == zone)
			index_of[page_to_pfn(pages[i]) - zone->zone_start_pfn] = (long)i;
	half_free_block = taken_pageblock(zone, index_of, 1, 4);
	cr_assert(half_free_block, "a pageblock wholly taken");
	holes_lo = zone->zone_start_pfn + zone->spanned_pages * 13 / 16;
	holes_hi = zone->zone_start_pfn + zone->spanned_pages * 15 / 16;
	settle(keep_for_fast_searches);
	drain_all_pages(zone);
	old_pfn = calloc(nr_pages, sizeof(*old_pfn));
	for (unsigned long i = 0; i < nr_pages; i++)
		if (pages[i])
			old_pfn[i] = page_to_pfn(pages[i]);
	scanned = vmstat("compact_free_scanned");

	big = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, 9);
	cr_assert_not_null(big, "direct compaction made an order-9 block");
	scanned = vmstat("compact_free_scanned") - scanned;
	cr_expect_eq(page_to_pfn(big), half_free_block, "the block is the half-free pageblock");
	for (unsigned long i = 0; i < nr_pages; i++) {
		unsigned long pfn;

		if (!pages[i])
			continue;
		cr_assert(intact(pages[i], i), "page %lu kept its contents", i);
		pfn = page_to_pfn(pages[i]);
		if (pfn == old_pfn[i])
			continue;
		moved++;
		from_elsewhere += old_pfn[i] < half_free_block ||
				  old_pfn[i] >= half_free_block + pageblock_nr_pages;
		not_to_holes += pfn < holes_lo || pfn >= holes_hi;
	}
	cr_expect_eq(moved, 8, "the 8 pages in use moved (%lu moved)", moved);
	cr_expect_eq(from_elsewhere, 0, "%lu pages moved from other pageblocks", from_elsewhere);
	cr_expect_eq(not_to_holes, 0, "%lu pages moved elsewhere than the holes", not_to_holes);
	cr_expect_lt(scanned, pageblock_nr_pages,
		     "the free scanner walked no pageblock (%lu pages scanned)", scanned);
	__free_pages(big, 9);
	free_test_pages();
	free(old_pfn);
	free(index_of);
	cr_assert_not(kmsg_contains("BUG"), "no bad page anywhere");
	ukmem_shutdown();
}

/* ---- memory the host does not hold ---- */

/* How many pages of [pfn, end) the host holds. */
static unsigned long held_in(unsigned long pfn, unsigned long end)
{
	unsigned long held = 0;
	unsigned char vec[1UL << (MAX_ORDER - 1)];

	cr_assert_eq(mincore(page_address(pfn_to_page(pfn)), (end - pfn) * PAGE_SIZE, vec), 0);
	for (unsigned long k = 0; k < end - pfn; k++)
		held += vec[k] & 1;
	return held;
}

/* The free blocks of zone none of whose pages the host holds (never touched, or given
 * back), as pfn ranges in blocks[] (up to max); returns how many. */
static unsigned int unheld_free_blocks(struct zone *zone, unsigned long (*blocks)[2],
				       unsigned int max)
{
	unsigned long flags;
	unsigned int n = 0;

	raw_spin_lock_irqsave(&zone->lock, flags);
	for (unsigned long pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone) && n < max; pfn++) {
		struct page *page = pfn_to_page(pfn);
		unsigned long end;

		if (!pageblock_initialised(zone, pfn) || !PageBuddy(page))
			continue;
		end = pfn + (1UL << page_private(page));
		if (!held_in(pfn, end)) {
			blocks[n][0] = pfn;
			blocks[n++][1] = end;
		}
		pfn = end - 1;
	}
	raw_spin_unlock_irqrestore(&zone->lock, flags);
	return n;
}

/* How many pages of the ranges the host holds now. */
static unsigned long held_pages(unsigned long (*blocks)[2], unsigned int n)
{
	unsigned long held = 0;

	for (unsigned int i = 0; i < n; i++)
		held += held_in(blocks[i][0], blocks[i][1]);
	return held;
}

static bool keep_even(unsigned long i)
{
	return i % 2 == 0;
}

/* The allocations leave the watermark's reserve never touched (pages a per-CPU list
 * held unused go back as such); compaction moves pages into the holes the frees left,
 * which the host has, and leaves the reserve alone. */
Test(compaction, pages_move_into_memory_the_host_holds_first)
{
	static unsigned long unheld[4096][2];
	unsigned long moved, unheld_pages = 0;
	struct page *big[4];
	struct zone *zone;
	unsigned int n;

	boot("mem=256M");
	copy_contents = true;
	take_all(1UL << 17);
	for (unsigned long i = 0; i < nr_pages; i++)
		fill(pages[i], i);	/* the holes the frees leave are the host's */
	settle(keep_even);
	zone = &NODE_DATA(0)->node_zones[ZONE_DMA32];
	drain_all_pages(zone);
	n = unheld_free_blocks(zone, unheld, ARRAY_SIZE(unheld));
	for (unsigned int i = 0; i < n; i++)
		unheld_pages += unheld[i][1] - unheld[i][0];
	cr_assert_gt(unheld_pages, 64, "the allocations left %lu never-touched free pages",
		     unheld_pages);
	moved = vmstat("pgmigrate_success");
	for (int i = 0; i < 4; i++) {
		big[i] = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, 9);
		cr_assert_not_null(big[i], "direct compaction made order-9 block %d", i);
	}
	moved = vmstat("pgmigrate_success") - moved;
	cr_assert_geq(moved, 512, "compaction moved %lu pages", moved);
	cr_expect_eq(held_pages(unheld, n), 0,
		     "%lu of the %lu never-touched pages were moved into (%lu pages moved)",
		     held_pages(unheld, n), unheld_pages, moved);
	for (unsigned long i = 0; i < nr_pages; i += 2)
		cr_assert(intact(pages[i], i), "page %lu kept its contents", i);
	for (int i = 0; i < 4; i++)
		__free_pages(big[i], 9);
	free_test_pages();
	cr_assert_not(kmsg_contains("BUG"), "no bad page anywhere");
	ukmem_shutdown();
}

/* ---- racing ---- */

static bool racers_stop;
static unsigned long racers_checked[2];	/* areas each racer checked so far */

/* Allocates small vmalloc areas with contents, checks them, frees them. */
static void *vmalloc_racer(void *arg)
{
	unsigned long seed = (unsigned long)arg, id = seed - 1, checked = 0;

	while (!__atomic_load_n(&racers_stop, __ATOMIC_ACQUIRE)) {
		unsigned long n = 1 + (seed = seed * 6364136223846793005UL + 1) % 64;
		unsigned char *p = vmalloc(n * PAGE_SIZE);

		if (!p)
			continue;
		for (unsigned long i = 0; i < n * PAGE_SIZE; i += 512)
			p[i] = (unsigned char)(seed + i);
		sched_yield();
		for (unsigned long i = 0; i < n * PAGE_SIZE; i += 512)
			cr_assert_eq(p[i], (unsigned char)(seed + i), "vmalloc contents kept");
		vfree(p);
		__atomic_store_n(&racers_checked[id], ++checked, __ATOMIC_RELEASE);
	}
	return (void *)checked;
}

static bool racers_ran(void)
{
	return __atomic_load_n(&racers_checked[0], __ATOMIC_ACQUIRE) &&
	       __atomic_load_n(&racers_checked[1], __ATOMIC_ACQUIRE);
}

Test(compaction, racing_allocations_and_frees_lose_nothing)
{
	pthread_t t[2];
	unsigned long free_before;

	boot("mem=128M");
	copy_contents = true;
	fragment(1UL << 16, 4);
	free_before = free_pages_now();
	__atomic_store_n(&racers_stop, false, __ATOMIC_RELEASE);
	for (int i = 0; i < 2; i++) {
		racers_checked[i] = 0;
		cr_assert_eq(pthread_create(&t[i], NULL, vmalloc_racer, (void *)(long)(i + 1)), 0);
	}
	/* 20 rounds, and more until both racers have checked an area (a busy machine may
	 * not run them at once) */
	for (int round = 0; round < 20 || (!racers_ran() && round < 2000); round++) {
		if (round >= 20)
			msleep(5);
		compact_memory();
		/* the balloon deflates by some pages meanwhile, others stay to be moved */
		deflate(nr_pages / 64);
	}
	__atomic_store_n(&racers_stop, true, __ATOMIC_RELEASE);
	for (int i = 0; i < 2; i++) {
		void *checked;

		pthread_join(t[i], &checked);
		cr_assert_gt((unsigned long)checked, 0);
	}
	for (unsigned long i = 0; i < nr_pages; i++)
		if (pages[i])
			cr_assert(intact(pages[i], i), "page %lu kept its contents", i);
	free_test_pages();
	cr_assert_geq(free_pages_now(), free_before, "every page came back");
	cr_assert_not(kmsg_contains("BUG"));
	ukmem_shutdown();
}

/* The pages compaction moved from are given back to the host by the page reporting
 * worker after the run (not punched from compaction's own frees, as Linux leaves them
 * to its worker too): the memory file's resident size falls by most of what moved. */
Test(compaction, memory_moved_from_is_given_back_after_the_run)
{
	unsigned long moved;
	size_t after, later;

	boot("mem=256M");
	copy_contents = true;
	fragment(1UL << 17, 2);
	moved = vmstat("pgmigrate_success");
	compact_memory();
	moved = vmstat("pgmigrate_success") - moved;
	after = ukmem_host_resident_bytes();
	cr_assert_gt(moved, 4096, "compaction moved %lu pages", moved);
	/* the worker looks 2 s after the frees, then gives back blocks free for 1 s */
	for (int i = 0; i < 300; i++) {
		later = ukmem_host_resident_bytes();
		if (later + moved * PAGE_SIZE / 2 <= after)
			break;
		msleep(100);
	}
	cr_assert_leq(later + moved * PAGE_SIZE / 2, after,
		      "resident %zu kB after compaction, %zu kB 30 s later (%lu pages moved)",
		      after >> 10, later >> 10, moved);
	for (unsigned long i = 0; i < nr_pages; i += 2)
		cr_assert(intact(pages[i], i), "page %lu kept its contents", i);
	free_test_pages();
	ukmem_shutdown();
}
