// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/scatterlist.c: walking, building and copying scatterlists. A table from
 * sg_alloc_table is a chain of arrays of at most SG_MAX_SINGLE_ALLOC entries, the last
 * entry of each full array pointing at the next, as in Linux, so that no allocation is
 * larger than a page. Copies go through the direct map: an entry's pages are physically
 * contiguous, hence contiguous there too (ukmem has no high memory: kmap is the direct
 * map). */
#include <string.h>
#include <linux/kernel.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/errno.h>
#include <linux/preempt.h>
#include <linux/export.h>

/**
 * sg_next - the entry after @sg, following chain links
 * @sg: an entry
 *
 * Context: any. Return: the next entry, or NULL after the one marked last.
 */
struct scatterlist *sg_next(struct scatterlist *sg)
{
	if (sg_is_last(sg))
		return NULL;
	sg++;
	if (unlikely(sg_is_chain(sg)))
		sg = sg_chain_ptr(sg);
	return sg;
}
EXPORT_SYMBOL(sg_next);

/**
 * sg_nents - number of entries up to the one marked last
 * @sg: the list
 *
 * Context: any.
 */
int sg_nents(struct scatterlist *sg)
{
	int nents;

	for (nents = 0; sg; sg = sg_next(sg))
		nents++;
	return nents;
}
EXPORT_SYMBOL(sg_nents);

/**
 * sg_nents_for_len - number of entries needed to cover @len bytes
 * @sg: the list
 * @len: bytes
 *
 * Context: any. Return: the count, or -EINVAL if the list is shorter than @len.
 */
int sg_nents_for_len(struct scatterlist *sg, u64 len)
{
	int nents;
	u64 total = 0;

	if (!len)
		return 0;
	for (nents = 0; sg; sg = sg_next(sg)) {
		nents++;
		total += sg->length;
		if (total >= len)
			return nents;
	}
	return -EINVAL;
}
EXPORT_SYMBOL(sg_nents_for_len);

/**
 * sg_last - the last entry of a list of @nents entries
 * @sgl: the list
 * @nents: its length
 *
 * Context: any.
 */
struct scatterlist *sg_last(struct scatterlist *sgl, unsigned int nents)
{
	struct scatterlist *sg, *ret = NULL;
	unsigned int i;

	for_each_sg(sgl, sg, nents, i)
		ret = sg;
	BUG_ON(!sg_is_last(ret));
	return ret;
}
EXPORT_SYMBOL(sg_last);

/**
 * sg_init_table - clear an array of entries and mark its last one
 * @sgl: the array
 * @nents: its length
 *
 * Context: any.
 */
void sg_init_table(struct scatterlist *sgl, unsigned int nents)
{
	memset(sgl, 0, sizeof(*sgl) * nents);
	sg_init_marker(sgl, nents);
}
EXPORT_SYMBOL(sg_init_table);

/**
 * sg_init_one - a one-entry list for a buffer in the machine's memory
 * @sg: the entry
 * @buf: the buffer
 * @buflen: its length
 *
 * Context: any.
 */
void sg_init_one(struct scatterlist *sg, const void *buf, unsigned int buflen)
{
	sg_init_table(sg, 1);
	sg_set_buf(sg, buf, buflen);
}
EXPORT_SYMBOL(sg_init_one);

static struct scatterlist *sg_kmalloc(unsigned int nents, gfp_t gfp_mask)
{
	return kmalloc_array(nents, sizeof(struct scatterlist), gfp_mask);
}

static void sg_kfree(struct scatterlist *sg, unsigned int nents)
{
	kfree(sg);
}

/**
 * __sg_free_table - free the arrays of a chained table
 * @table: the table
 * @max_ents: entries per array it was built with
 * @nents_first_chunk: entries of a caller-provided first array (not freed), or 0
 * @free_fn: frees one array
 * @num_ents: entries in the table
 *
 * Context: as @free_fn.
 */
void __sg_free_table(struct sg_table *table, unsigned int max_ents,
		     unsigned int nents_first_chunk, sg_free_fn *free_fn, unsigned int num_ents)
{
	struct scatterlist *sgl = table->sgl, *next;
	unsigned int curr_max_ents = nents_first_chunk ? nents_first_chunk : max_ents;

	if (unlikely(!sgl))
		return;
	while (num_ents) {
		unsigned int alloc_size = num_ents, sg_size;

		if (alloc_size > curr_max_ents) {
			next = sg_chain_ptr(&sgl[curr_max_ents - 1]);
			alloc_size = curr_max_ents;
			sg_size = alloc_size - 1;
		} else {
			sg_size = alloc_size;
			next = NULL;
		}
		num_ents -= sg_size;
		if (nents_first_chunk)
			nents_first_chunk = 0;
		else
			free_fn(sgl, alloc_size);
		sgl = next;
		curr_max_ents = max_ents;
	}
	table->sgl = NULL;
}
EXPORT_SYMBOL(__sg_free_table);

/**
 * sg_free_table - free a table from sg_alloc_table or sg_alloc_table_from_pages
 * @table: the table
 *
 * Context: any (kfree).
 */
void sg_free_table(struct sg_table *table)
{
	__sg_free_table(table, SG_MAX_SINGLE_ALLOC, 0, sg_kfree, table->orig_nents);
}
EXPORT_SYMBOL(sg_free_table);

/**
 * sg_free_append_table - free a table built by sg_alloc_append_table_from_pages()
 * @table: the table
 *
 * Context: any context where kfree() may be called.
 */
void sg_free_append_table(struct sg_append_table *table)
{
	__sg_free_table(&table->sgt, SG_MAX_SINGLE_ALLOC, 0, sg_kfree, table->total_nents);
}
EXPORT_SYMBOL(sg_free_append_table);

/**
 * __sg_alloc_table - build a chained table of @nents entries
 * @table: filled in
 * @nents: entries wanted
 * @max_ents: entries per array (at least 2 when chaining)
 * @first_chunk: a caller-provided first array of @nents_first_chunk entries, or NULL
 * @nents_first_chunk: its length
 * @gfp_mask: for the allocations
 * @alloc_fn: allocates one array
 *
 * Context: as @gfp_mask. Return: 0, -EINVAL for no entries, or -ENOMEM; on failure
 * table->orig_nents counts what was built, for __sg_free_table.
 */
int __sg_alloc_table(struct sg_table *table, unsigned int nents, unsigned int max_ents,
		     struct scatterlist *first_chunk, unsigned int nents_first_chunk,
		     gfp_t gfp_mask, sg_alloc_fn *alloc_fn)
{
	struct scatterlist *sg, *prv = NULL;
	unsigned int left, curr_max_ents = nents_first_chunk ? nents_first_chunk : max_ents;
	unsigned int prv_max_ents = 0;

	memset(table, 0, sizeof(*table));
	if (nents == 0)
		return -EINVAL;
	left = nents;
	do {
		unsigned int sg_size, alloc_size = left;

		if (alloc_size > curr_max_ents) {
			alloc_size = curr_max_ents;
			sg_size = alloc_size - 1;
		} else {
			sg_size = alloc_size;
		}
		left -= sg_size;
		if (first_chunk) {
			sg = first_chunk;
			first_chunk = NULL;
		} else {
			sg = alloc_fn(alloc_size, gfp_mask);
		}
		if (unlikely(!sg)) {
			/* What was built so far is a valid table for freeing. */
			if (prv)
				table->nents = ++table->orig_nents;
			return -ENOMEM;
		}
		sg_init_table(sg, alloc_size);
		table->nents = table->orig_nents += sg_size;
		if (prv)
			sg_chain(prv, prv_max_ents, sg);
		else
			table->sgl = sg;
		if (!left)
			sg_mark_end(&sg[sg_size - 1]);
		prv = sg;
		prv_max_ents = curr_max_ents;
		curr_max_ents = max_ents;
	} while (left);
	return 0;
}
EXPORT_SYMBOL(__sg_alloc_table);

/**
 * sg_alloc_table - allocate a cleared table of @nents entries
 * @table: filled in
 * @nents: entries wanted
 * @gfp_mask: for the allocations
 *
 * Context: as @gfp_mask. Return: 0, -EINVAL for no entries, -ENOMEM (nothing kept).
 */
int sg_alloc_table(struct sg_table *table, unsigned int nents, gfp_t gfp_mask)
{
	int ret = __sg_alloc_table(table, nents, SG_MAX_SINGLE_ALLOC, NULL, 0, gfp_mask,
				   sg_kmalloc);

	if (unlikely(ret))
		sg_free_table(table);
	return ret;
}
EXPORT_SYMBOL(sg_alloc_table);

/* Does page b directly follow page a in physical memory? */
static bool pages_adjacent(struct page *a, struct page *b)
{
	return page_to_pfn(a) + 1 == page_to_pfn(b);
}

/**
 * sg_alloc_table_from_pages_segment - a table for an array of pages
 * @sgt: filled in
 * @pages: the pages
 * @n_pages: how many
 * @offset: where the data starts in the first page
 * @size: bytes of data
 * @max_segment: longest entry (rounded down to whole pages)
 * @gfp_mask: for the allocations
 *
 * Context: as @gfp_mask. Physically contiguous pages share an entry up to
 * @max_segment. Return: 0, -EINVAL (no pages, @max_segment below a page), -ENOMEM.
 */
int sg_alloc_table_from_pages_segment(struct sg_table *sgt, struct page **pages,
				      unsigned int n_pages, unsigned int offset,
				      unsigned long size, unsigned int max_segment, gfp_t gfp_mask)
{
	unsigned int chunks = 0, i, cur;
	struct scatterlist *s;
	int ret;

	max_segment = (unsigned int)(max_segment & PAGE_MASK);
	if (WARN_ON(max_segment < PAGE_SIZE) || !n_pages)
		return -EINVAL;
	/* Count the runs: a run ends at a gap or when it reaches max_segment. */
	for (i = 0; i < n_pages; i = cur) {
		unsigned long seg_len = PAGE_SIZE;

		for (cur = i + 1; cur < n_pages && pages_adjacent(pages[cur - 1], pages[cur]) &&
				  seg_len + PAGE_SIZE <= max_segment; cur++)
			seg_len += PAGE_SIZE;
		chunks++;
	}
	ret = sg_alloc_table(sgt, chunks, gfp_mask);
	if (unlikely(ret))
		return ret;
	s = sgt->sgl;
	for (i = 0; i < n_pages; i = cur) {
		unsigned long seg_len = PAGE_SIZE, len;

		for (cur = i + 1; cur < n_pages && pages_adjacent(pages[cur - 1], pages[cur]) &&
				  seg_len + PAGE_SIZE <= max_segment; cur++)
			seg_len += PAGE_SIZE;
		len = min_t(unsigned long, size, seg_len - offset);
		sg_set_page(s, pages[i], (unsigned int)len, offset);
		size -= len;
		offset = 0;
		s = sg_next(s);
	}
	return 0;
}
EXPORT_SYMBOL(sg_alloc_table_from_pages_segment);

/**
 * sg_copy_buffer - copy between a linear buffer and a scatterlist
 * @sgl: the list
 * @nents: entries to use
 * @buf: the buffer
 * @buflen: its length
 * @skip: bytes of the list to pass over first
 * @to_buffer: true to copy from the list into @buf, false the other way
 *
 * Context: any. Return: bytes copied (less than @buflen if the list ends first).
 */
size_t sg_copy_buffer(struct scatterlist *sgl, unsigned int nents, void *buf, size_t buflen,
		      off_t skip, bool to_buffer)
{
	struct scatterlist *sg;
	size_t done = 0;
	unsigned int i;

	for_each_sg(sgl, sg, nents, i) {
		size_t len = sg->length, n;
		char *p;

		if (done == buflen)
			break;
		if ((size_t)skip >= len) {
			skip -= (off_t)len;
			continue;
		}
		p = (char *)sg_virt(sg) + skip;
		n = min(len - (size_t)skip, buflen - done);
		skip = 0;
		if (!buf)
			memset(p, 0, n);
		else if (to_buffer)
			memcpy((char *)buf + done, p, n);
		else
			memcpy(p, (char *)buf + done, n);
		done += n;
	}
	return done;
}
EXPORT_SYMBOL(sg_copy_buffer);

/**
 * sg_copy_from_buffer - copy a linear buffer into the memory a scatterlist describes
 * @sgl: the scatterlist
 * @nents: its entries
 * @buf: the buffer
 * @buflen: its length
 *
 * Context: any context; does not sleep.
 * Return: the bytes copied.
 */
size_t sg_copy_from_buffer(struct scatterlist *sgl, unsigned int nents, const void *buf,
			   size_t buflen)
{
	return sg_copy_buffer(sgl, nents, (void *)buf, buflen, 0, false);
}
EXPORT_SYMBOL(sg_copy_from_buffer);

/**
 * sg_copy_to_buffer - copy the memory a scatterlist describes into a linear buffer
 * @sgl: the scatterlist
 * @nents: its entries
 * @buf: the buffer
 * @buflen: its length
 *
 * Context: any context; does not sleep.
 * Return: the bytes copied.
 */
size_t sg_copy_to_buffer(struct scatterlist *sgl, unsigned int nents, void *buf, size_t buflen)
{
	return sg_copy_buffer(sgl, nents, buf, buflen, 0, true);
}
EXPORT_SYMBOL(sg_copy_to_buffer);

/**
 * sg_pcopy_from_buffer - sg_copy_from_buffer() starting @skip bytes into the list
 * @sgl: the scatterlist
 * @nents: its entries
 * @buf: the buffer
 * @buflen: its length
 * @skip: the bytes of the list to pass over first
 *
 * Context: any context; does not sleep.
 * Return: the bytes copied.
 */
size_t sg_pcopy_from_buffer(struct scatterlist *sgl, unsigned int nents, const void *buf,
			    size_t buflen, off_t skip)
{
	return sg_copy_buffer(sgl, nents, (void *)buf, buflen, skip, false);
}
EXPORT_SYMBOL(sg_pcopy_from_buffer);

/**
 * sg_pcopy_to_buffer - sg_copy_to_buffer() starting @skip bytes into the list
 * @sgl: the scatterlist
 * @nents: its entries
 * @buf: the buffer
 * @buflen: its length
 * @skip: the bytes of the list to pass over first
 *
 * Context: any context; does not sleep.
 * Return: the bytes copied.
 */
size_t sg_pcopy_to_buffer(struct scatterlist *sgl, unsigned int nents, void *buf,
			  size_t buflen, off_t skip)
{
	return sg_copy_buffer(sgl, nents, buf, buflen, skip, true);
}
EXPORT_SYMBOL(sg_pcopy_to_buffer);

/**
 * sg_zero_buffer - zero part of the memory a scatterlist describes
 * @sgl: the scatterlist
 * @nents: its entries
 * @buflen: the bytes to zero
 * @skip: the bytes of the list to pass over first
 *
 * Context: any context; does not sleep.
 * Return: the bytes zeroed.
 */
size_t sg_zero_buffer(struct scatterlist *sgl, unsigned int nents, size_t buflen, off_t skip)
{
	return sg_copy_buffer(sgl, nents, NULL, buflen, skip, false);
}
EXPORT_SYMBOL(sg_zero_buffer);

/**
 * __sg_page_iter_start - start a page walk of a list
 * @piter: the iterator
 * @sglist: the list
 * @nents: entries to walk
 * @pgoffset: pages to skip at the start
 *
 * Context: any. __sg_page_iter_next gives the first page.
 */
void __sg_page_iter_start(struct sg_page_iter *piter, struct scatterlist *sglist,
			  unsigned int nents, unsigned long pgoffset)
{
	piter->__pg_advance = 0;
	piter->__nents = nents;
	piter->sg = sglist;
	piter->sg_pgoffset = (unsigned int)pgoffset;
}
EXPORT_SYMBOL(__sg_page_iter_start);

/* Pages an entry touches, counting from the start of its first page. */
static unsigned int entry_pages(unsigned int offset, unsigned int length)
{
	return (unsigned int)(PAGE_ALIGN((unsigned long)offset + length) >> PAGE_SHIFT);
}

static bool page_iter_step(struct sg_page_iter *piter, bool dma)
{
	if (!piter->__nents || !piter->sg)
		return false;
	piter->sg_pgoffset += piter->__pg_advance;
	piter->__pg_advance = 1;
	for (;;) {
		unsigned int pages = entry_pages(piter->sg->offset,
						 dma ? sg_dma_len(piter->sg) : piter->sg->length);

		if (piter->sg_pgoffset < pages)
			return true;
		piter->sg_pgoffset -= pages;
		piter->sg = sg_next(piter->sg);
		if (!--piter->__nents || !piter->sg)
			return false;
	}
}

/**
 * __sg_page_iter_next - step a page iterator to the next page of a scatterlist
 * @piter: the iterator
 *
 * What for_each_sg_page() uses.
 *
 * Context: any context.
 * Return: false at the end of the list.
 */
bool __sg_page_iter_next(struct sg_page_iter *piter)
{
	return page_iter_step(piter, false);
}
EXPORT_SYMBOL(__sg_page_iter_next);

/**
 * __sg_page_iter_dma_next - step a DMA page iterator to the next page of a mapped list
 * @dma_iter: the iterator, over the DMA addresses and lengths
 *
 * What for_each_sg_dma_page() uses.
 *
 * Context: any context.
 * Return: false at the end of the mapped entries.
 */
bool __sg_page_iter_dma_next(struct sg_dma_page_iter *dma_iter)
{
	return page_iter_step(&dma_iter->base, true);
}
EXPORT_SYMBOL(__sg_page_iter_dma_next);

/**
 * sg_miter_start - start a mapping walk of a list
 * @miter: the iterator
 * @sgl: the list
 * @nents: entries to walk
 * @flags: SG_MITER_TO_SG or SG_MITER_FROM_SG, optionally SG_MITER_ATOMIC
 *
 * Context: any.
 */
void sg_miter_start(struct sg_mapping_iter *miter, struct scatterlist *sgl,
		    unsigned int nents, unsigned int flags)
{
	memset(miter, 0, sizeof(*miter));
	__sg_page_iter_start(&miter->piter, sgl, nents, 0);
	WARN_ON(!(flags & (SG_MITER_TO_SG | SG_MITER_FROM_SG)));
	miter->__flags = flags;
}
EXPORT_SYMBOL(sg_miter_start);

/* Make sure a page with bytes left is current; false at the end of the list. */
static bool miter_fill(struct sg_mapping_iter *miter)
{
	struct scatterlist *sg;
	unsigned long end;

	if (miter->__remaining)
		return true;
	if (!__sg_page_iter_next(&miter->piter))
		return false;
	sg = miter->piter.sg;
	/* The entry's offset applies to its first page only. */
	miter->__offset = miter->piter.sg_pgoffset ? 0 : sg->offset;
	miter->piter.sg_pgoffset += miter->__offset >> PAGE_SHIFT;
	miter->__offset &= PAGE_SIZE - 1;
	end = (unsigned long)sg->offset + sg->length;
	miter->__remaining = (unsigned int)min_t(unsigned long,
		end - ((unsigned long)miter->piter.sg_pgoffset << PAGE_SHIFT) - miter->__offset,
		PAGE_SIZE - miter->__offset);
	return true;
}

/**
 * sg_miter_skip - pass over bytes of the list
 * @miter: the iterator
 * @offset: bytes to pass over
 *
 * Context: any. Return: false if the list ended first.
 */
bool sg_miter_skip(struct sg_mapping_iter *miter, off_t offset)
{
	sg_miter_stop(miter);
	while (offset) {
		unsigned int step;

		if (!miter_fill(miter))
			return false;
		step = (unsigned int)min_t(off_t, offset, miter->__remaining);
		miter->__offset += step;
		miter->__remaining -= step;
		offset -= step;
	}
	return true;
}
EXPORT_SYMBOL(sg_miter_skip);

/**
 * sg_miter_next - map the next piece of the list
 * @miter: the iterator
 *
 * Context: any; with SG_MITER_ATOMIC the piece stays mapped with preemption off until
 * the next call or sg_miter_stop. Return: false at the end of the list.
 */
bool sg_miter_next(struct sg_mapping_iter *miter)
{
	sg_miter_stop(miter);
	if (!miter_fill(miter))
		return false;
	miter->page = sg_page_iter_page(&miter->piter);
	miter->consumed = miter->length = miter->__remaining;
	if (miter->__flags & SG_MITER_ATOMIC)
		preempt_disable();
	miter->addr = (char *)page_address(miter->page) + miter->__offset;
	return true;
}
EXPORT_SYMBOL(sg_miter_next);

/**
 * sg_miter_stop - end the use of the current piece
 * @miter: the iterator; what was consumed is passed over
 *
 * Context: any. Call it before leaving a walk early.
 */
void sg_miter_stop(struct sg_mapping_iter *miter)
{
	WARN_ON(miter->consumed > miter->length);
	if (!miter->addr)
		return;
	miter->__offset += (unsigned int)miter->consumed;
	miter->__remaining -= (unsigned int)miter->consumed;
	if (miter->__flags & SG_MITER_ATOMIC)
		preempt_enable();
	miter->page = NULL;
	miter->addr = NULL;
	miter->length = 0;
	miter->consumed = 0;
}
EXPORT_SYMBOL(sg_miter_stop);
