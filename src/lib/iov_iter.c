// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/iov_iter.c: walking I/O vectors (<linux/uio.h>). An iov_iter is a cursor over
 * segments: `iov`/`kvec` points at the current one, iov_offset into it, nr_segs counts
 * it and those after, count is what is left in all. Copies move min(bytes, count) and
 * stop early at a user buffer that cannot be reached (copy_to_user/copy_from_user come
 * up short), advancing by exactly what moved. Invariant: count never exceeds the bytes
 * the remaining segments hold, and zero-length segments are stepped over. */
#include <string.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/uaccess.h>
#include <linux/uio.h>
#include <linux/export.h>

static void iter_setup(struct iov_iter *i, u8 type, unsigned int direction, const void *segs,
		       unsigned long nr_segs, size_t count)
{
	WARN_ON(direction & ~(READ | WRITE));
	*i = (struct iov_iter){ .iter_type = type, .data_source = direction != 0,
				.user_backed = type == ITER_IOVEC || type == ITER_UBUF,
				.count = count, .nr_segs = nr_segs };
	i->iov = segs;
}

/**
 * iov_iter_init - an iterator over user buffers
 * @i: the iterator
 * @direction: ITER_DEST (a read fills them) or ITER_SOURCE (a write takes from them)
 * @iov: the buffers
 * @nr_segs: how many
 * @count: bytes to cover (at most the sum of their lengths)
 *
 * Context: any context; does not touch the buffers.
 */
void iov_iter_init(struct iov_iter *i, unsigned int direction, const struct iovec *iov,
		   unsigned long nr_segs, size_t count)
{
	iter_setup(i, ITER_IOVEC, direction, iov, nr_segs, count);
}
EXPORT_SYMBOL(iov_iter_init);

/**
 * iov_iter_kvec - an iterator over kernel buffers
 * @i: the iterator
 * @direction: ITER_DEST or ITER_SOURCE
 * @kvec: the buffers
 * @nr_segs: how many
 * @count: bytes to cover
 *
 * Context: any context.
 */
void iov_iter_kvec(struct iov_iter *i, unsigned int direction, const struct kvec *kvec,
		   unsigned long nr_segs, size_t count)
{
	iter_setup(i, ITER_KVEC, direction, kvec, nr_segs, count);
}
EXPORT_SYMBOL(iov_iter_kvec);

/**
 * iov_iter_discard - an iterator that drops what is copied into it
 * @i: the iterator
 * @direction: ITER_DEST
 * @count: how many bytes it takes
 *
 * Context: any context.
 */
void iov_iter_discard(struct iov_iter *i, unsigned int direction, size_t count)
{
	iter_setup(i, ITER_DISCARD, direction, NULL, 0, count);
}
EXPORT_SYMBOL(iov_iter_discard);

/* The current segment's base and length (iovec and kvec share their layout). */
static void *seg_base(const struct iov_iter *i)
{
	return i->iter_type == ITER_KVEC ? i->kvec->iov_base : i->iov->iov_base;
}

static size_t seg_len(const struct iov_iter *i)
{
	return i->iter_type == ITER_KVEC ? i->kvec->iov_len : i->iov->iov_len;
}

static void next_seg(struct iov_iter *i)
{
	if (i->iter_type == ITER_KVEC)
		i->kvec++;
	else
		i->iov++;
	i->nr_segs--;
	i->iov_offset = 0;
}

/* Moves bytes between the iterator's buffers and buf (to_iter: buf is the source);
 * returns what moved. */
static size_t iterate(struct iov_iter *i, void *buf, size_t bytes, bool to_iter)
{
	size_t done = 0;

	bytes = min(bytes, i->count);
	if (i->iter_type == ITER_DISCARD) {
		i->count -= bytes;
		return bytes;
	}
	if (i->iter_type == ITER_UBUF) {
		struct iovec one = { .iov_base = (void __user *)((unsigned long)i->ubuf +
								 i->iov_offset),
				     .iov_len = i->count };
		struct iov_iter sub;

		iov_iter_init(&sub, i->data_source, &one, 1, i->count);
		done = iterate(&sub, buf, bytes, to_iter);
		i->iov_offset += done;
		i->count -= done;
		return done;
	}
	while (done < bytes) {
		size_t len = seg_len(i) - i->iov_offset, left = 0;
		/* as addresses: a NULL user segment faults in the copy, not here */
		char *seg = (char *)((unsigned long)seg_base(i) + i->iov_offset);

		if (!len) {
			next_seg(i);
			continue;
		}
		len = min(len, bytes - done);
		if (i->iter_type == ITER_KVEC) {
			memcpy(to_iter ? seg : (char *)buf + done,
			       to_iter ? (char *)buf + done : seg, len);
		} else if (to_iter) {
			left = copy_to_user((void __user *)seg, (char *)buf + done, len);
		} else {
			left = copy_from_user((char *)buf + done, (const void __user *)seg, len);
		}
		len -= left;
		done += len;
		i->iov_offset += len;
		i->count -= len;
		if (left)
			break;
		if (i->iov_offset == seg_len(i) && i->count)
			next_seg(i);
	}
	return done;
}

/**
 * _copy_to_iter - copy @bytes from @addr into the iterator's buffers (a read)
 * @addr: kernel source
 * @bytes: how many
 * @i: the iterator (ITER_DEST)
 *
 * Context: process; may fault in user pages. Returns the bytes copied: fewer than asked
 * when the iterator ends or a user buffer cannot be written.
 */
size_t _copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i)
{
	if (WARN_ON_ONCE(i->data_source))
		return 0;
	return iterate(i, (void *)addr, bytes, true);
}
EXPORT_SYMBOL(_copy_to_iter);

/**
 * _copy_from_iter - copy @bytes from the iterator's buffers to @addr (a write)
 * @addr: kernel destination
 * @bytes: how many
 * @i: the iterator (ITER_SOURCE)
 *
 * Context: process. Returns the bytes copied.
 */
size_t _copy_from_iter(void *addr, size_t bytes, struct iov_iter *i)
{
	if (WARN_ON_ONCE(!i->data_source))
		return 0;
	return iterate(i, addr, bytes, false);
}
EXPORT_SYMBOL(_copy_from_iter);

/**
 * iov_iter_zero - write zeroes into an iterator's buffers
 * @bytes: how many
 * @i: the iterator, advanced by what was written
 *
 * Context: as the buffers allow: user buffers only from user context.
 * Return: the bytes zeroed (fewer on a fault).
 */
size_t iov_iter_zero(size_t bytes, struct iov_iter *i)
{
	static const char zeroes[256];
	size_t done = 0;

	while (done < bytes && i->count) {
		size_t n = iterate(i, (void *)zeroes, min(bytes - done, sizeof(zeroes)), true);

		if (!n)
			break;
		done += n;
	}
	return done;
}
EXPORT_SYMBOL(iov_iter_zero);

/**
 * copy_page_to_iter - copy part of a page into an iterator's buffers
 * @page: the page (in the direct map)
 * @offset: where in it to start
 * @bytes: how many
 * @i: the iterator, advanced by what was copied
 *
 * Context: as the buffers allow: user buffers only from user context.
 * Return: the bytes copied.
 */
size_t copy_page_to_iter(struct page *page, size_t offset, size_t bytes, struct iov_iter *i)
{
	return copy_to_iter((char *)page_address(page) + offset, bytes, i);
}
EXPORT_SYMBOL(copy_page_to_iter);

/**
 * copy_page_from_iter - copy from an iterator's buffers into part of a page
 * @page: the page (in the direct map)
 * @offset: where in it to start
 * @bytes: how many
 * @i: the iterator, advanced by what was copied
 *
 * Context: as the buffers allow: user buffers only from user context.
 * Return: the bytes copied.
 */
size_t copy_page_from_iter(struct page *page, size_t offset, size_t bytes, struct iov_iter *i)
{
	return copy_from_iter((char *)page_address(page) + offset, bytes, i);
}
EXPORT_SYMBOL(copy_page_from_iter);

/**
 * iov_iter_advance - skip @bytes (at most what is left)
 * @i: the iterator
 * @bytes: how many
 *
 * Context: any context.
 */
void iov_iter_advance(struct iov_iter *i, size_t bytes)
{
	bytes = min(bytes, i->count);
	if (i->iter_type == ITER_DISCARD || i->iter_type == ITER_UBUF) {
		if (i->iter_type == ITER_UBUF)
			i->iov_offset += bytes;
		i->count -= bytes;
		return;
	}
	while (bytes) {
		size_t step = min(bytes, seg_len(i) - i->iov_offset);

		i->iov_offset += step;
		i->count -= step;
		bytes -= step;
		if (i->iov_offset == seg_len(i) && (bytes || i->count))
			next_seg(i);
	}
}
EXPORT_SYMBOL(iov_iter_advance);

/**
 * iov_iter_revert - go back @bytes (undoing a copy or an advance)
 * @i: the iterator
 * @bytes: how many
 *
 * Context: any context.
 */
void iov_iter_revert(struct iov_iter *i, size_t bytes)
{
	i->count += bytes;
	if (i->iter_type == ITER_DISCARD)
		return;
	if (i->iter_type == ITER_UBUF) {
		i->iov_offset -= bytes;
		return;
	}
	while (bytes > i->iov_offset) {
		bytes -= i->iov_offset;
		if (i->iter_type == ITER_KVEC)
			i->kvec--;
		else
			i->iov--;
		i->nr_segs++;
		i->iov_offset = seg_len(i);
	}
	i->iov_offset -= bytes;
}
EXPORT_SYMBOL(iov_iter_revert);

void iov_iter_restore(struct iov_iter *i, struct iov_iter_state *state)
{
	size_t moved = state->count - i->count;

	if (i->iter_type == ITER_IOVEC || i->iter_type == ITER_KVEC) {
		/* Back to the saved segment, whatever happened in between. */
		iov_iter_revert(i, moved);
		return;
	}
	i->iov_offset = state->iov_offset;
	i->count = state->count;
}

/**
 * iov_iter_single_seg_count - the bytes left in the iterator's current segment
 * @i: the iterator
 *
 * Context: any context.
 * Return: the bytes, at most what the iterator has left.
 */
size_t iov_iter_single_seg_count(const struct iov_iter *i)
{
	if (i->iter_type == ITER_IOVEC || i->iter_type == ITER_KVEC)
		return i->nr_segs ? min(i->count, seg_len(i) - i->iov_offset) : 0;
	return i->count;
}
EXPORT_SYMBOL(iov_iter_single_seg_count);
