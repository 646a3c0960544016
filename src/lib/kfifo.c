// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/kfifo.c: the out-of-line half of linux/kfifo.h. Indices in and out count
 * elements and are never reduced modulo the size: in - out is the fill level even after
 * they wrap past 2^32, because the size is a power of two. A copy into or out of the
 * ring is at most two memcpy calls (up to the end of the buffer, then from its start).
 * The writer publishes data before advancing in, the reader consumes before advancing
 * out (smp_wmb), so one reader and one writer need no lock. Record fifos put a 1- or
 * 2-byte little-endian length before each record; a record is stored or taken whole. */
#include <string.h>
#include <linux/kernel.h>
#include <linux/kfifo.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/log2.h>
#include <linux/export.h>
#include <asm/barrier.h>

static inline unsigned int kfifo_unused(struct __kfifo *fifo)
{
	return (fifo->mask + 1) - (fifo->in - fifo->out);
}

/**
 * __kfifo_alloc - give a fifo an allocated buffer
 * @fifo: the fifo
 * @size: elements wanted, rounded up to a power of two
 * @esize: element size
 * @gfp_mask: for kmalloc
 *
 * Context: may sleep if @gfp_mask allows. Return: 0; -EINVAL if the size is below 2
 * elements; -ENOMEM. On failure the fifo is left empty with no buffer.
 */
int __kfifo_alloc(struct __kfifo *fifo, unsigned int size, size_t esize, gfp_t gfp_mask)
{
	fifo->in = 0;
	fifo->out = 0;
	fifo->esize = (unsigned int)esize;
	fifo->mask = 0;
	fifo->data = NULL;
	/* Below 2 elements, or above 2^31 (whose power of two wraps to 0), is invalid. */
	if (size < 2 || size > 0x80000000u)
		return -EINVAL;
	size = (unsigned int)roundup_pow_of_two(size);
	fifo->data = kmalloc_array(esize, size, gfp_mask);
	if (!fifo->data)
		return -ENOMEM;
	fifo->mask = size - 1;
	return 0;
}
EXPORT_SYMBOL(__kfifo_alloc);

/**
 * __kfifo_free - free a buffer from __kfifo_alloc
 * @fifo: the fifo; left empty, with no buffer
 *
 * Context: any (kfree).
 */
void __kfifo_free(struct __kfifo *fifo)
{
	kfree(fifo->data);
	fifo->in = 0;
	fifo->out = 0;
	fifo->esize = 0;
	fifo->data = NULL;
	fifo->mask = 0;
}
EXPORT_SYMBOL(__kfifo_free);

/**
 * __kfifo_init - give a fifo a caller's buffer
 * @fifo: the fifo
 * @buffer: the buffer
 * @size: its size in bytes; the fifo uses the largest power of two of elements in it
 * @esize: element size
 *
 * Context: any. Return: 0, or -EINVAL if fewer than 2 elements fit.
 */
int __kfifo_init(struct __kfifo *fifo, void *buffer, unsigned int size, size_t esize)
{
	size /= esize;
	if (size && !is_power_of_2(size))
		size = (unsigned int)rounddown_pow_of_two(size);
	fifo->in = 0;
	fifo->out = 0;
	fifo->esize = (unsigned int)esize;
	fifo->data = buffer;
	if (size < 2) {
		fifo->mask = 0;
		return -EINVAL;
	}
	fifo->mask = size - 1;
	return 0;
}
EXPORT_SYMBOL(__kfifo_init);

/* The byte range of the ring that len elements starting at index off occupy: the part
 * up to the end of the buffer is [*first, *first + *l1), the rest starts at 0. */
static void ring_span(struct __kfifo *fifo, unsigned int off, unsigned int *len,
		      unsigned int *first, unsigned int *l1)
{
	unsigned int size = (fifo->mask + 1) * fifo->esize;

	*first = (off & fifo->mask) * fifo->esize;
	*len *= fifo->esize;
	*l1 = min(*len, size - *first);
}

static void kfifo_copy_in(struct __kfifo *fifo, const void *src, unsigned int len,
			  unsigned int off)
{
	unsigned int first, l1;

	ring_span(fifo, off, &len, &first, &l1);
	memcpy((char *)fifo->data + first, src, l1);
	memcpy(fifo->data, (const char *)src + l1, len - l1);
	smp_wmb();	/* data before the index that publishes it */
}

static void kfifo_copy_out(struct __kfifo *fifo, void *dst, unsigned int len,
			   unsigned int off)
{
	unsigned int first, l1;

	ring_span(fifo, off, &len, &first, &l1);
	memcpy(dst, (char *)fifo->data + first, l1);
	memcpy((char *)dst + l1, fifo->data, len - l1);
	smp_wmb();	/* data taken before the index that frees its room */
}

/**
 * __kfifo_in - put up to @len elements
 * @fifo: the fifo
 * @buf: the elements
 * @len: how many
 *
 * Context: any; one writer at a time. Return: elements stored (limited by the room).
 */
unsigned int __kfifo_in(struct __kfifo *fifo, const void *buf, unsigned int len)
{
	len = min(len, kfifo_unused(fifo));
	kfifo_copy_in(fifo, buf, len, fifo->in);
	fifo->in += len;
	return len;
}
EXPORT_SYMBOL(__kfifo_in);

/**
 * __kfifo_out_peek - copy up to @len elements without taking them
 * @fifo: the fifo
 * @buf: where to
 * @len: how many at most
 *
 * Context: any; one reader at a time. Return: elements copied.
 */
unsigned int __kfifo_out_peek(struct __kfifo *fifo, void *buf, unsigned int len)
{
	len = min(len, fifo->in - fifo->out);
	kfifo_copy_out(fifo, buf, len, fifo->out);
	return len;
}
EXPORT_SYMBOL(__kfifo_out_peek);

/**
 * __kfifo_out - take up to @len elements
 * @fifo: the fifo
 * @buf: where to
 * @len: how many at most
 *
 * Context: any; one reader at a time. Return: elements taken.
 */
unsigned int __kfifo_out(struct __kfifo *fifo, void *buf, unsigned int len)
{
	len = __kfifo_out_peek(fifo, buf, len);
	fifo->out += len;
	return len;
}
EXPORT_SYMBOL(__kfifo_out);

/*
 * User copies: as the kernel's, a fault stops the copy at a whole element. Return the
 * elements NOT copied; *copied gets the bytes that were.
 */
static unsigned long copy_from_user_in(struct __kfifo *fifo, const void __user *from,
				       unsigned int len, unsigned int off, unsigned int *copied)
{
	unsigned int first, l1, esize = fifo->esize;
	unsigned long left;

	ring_span(fifo, off, &len, &first, &l1);
	left = copy_from_user((char *)fifo->data + first, from, l1);
	if (unlikely(left))
		left = DIV_ROUND_UP(left + len - l1, esize);
	else if ((left = copy_from_user(fifo->data, (const char __user *)from + l1, len - l1)))
		left = DIV_ROUND_UP(left, esize);
	smp_wmb();
	*copied = len - (unsigned int)left * esize;
	return left;
}

static unsigned long copy_to_user_out(struct __kfifo *fifo, void __user *to,
				      unsigned int len, unsigned int off, unsigned int *copied)
{
	unsigned int first, l1, esize = fifo->esize;
	unsigned long left;

	ring_span(fifo, off, &len, &first, &l1);
	left = copy_to_user(to, (char *)fifo->data + first, l1);
	if (unlikely(left))
		left = DIV_ROUND_UP(left + len - l1, esize);
	else if ((left = copy_to_user((char __user *)to + l1, fifo->data, len - l1)))
		left = DIV_ROUND_UP(left, esize);
	smp_wmb();
	*copied = len - (unsigned int)left * esize;
	return left;
}

/**
 * __kfifo_from_user - put up to @len bytes from user space
 * @fifo: the fifo
 * @from: user address
 * @len: bytes (whole elements are taken)
 * @copied: bytes stored
 *
 * Context: may fault (sleep). Return: 0, or -EFAULT with what was copied before the
 * fault kept.
 */
int __kfifo_from_user(struct __kfifo *fifo, const void __user *from, unsigned long len,
		      unsigned int *copied)
{
	unsigned long left;

	len /= fifo->esize;
	len = min_t(unsigned long, len, kfifo_unused(fifo));
	left = copy_from_user_in(fifo, from, (unsigned int)len, fifo->in, copied);
	fifo->in += (unsigned int)(len - left);
	return left ? -EFAULT : 0;
}
EXPORT_SYMBOL(__kfifo_from_user);

/**
 * __kfifo_to_user - take up to @len bytes into user space
 * @fifo: the fifo
 * @to: user address
 * @len: bytes (whole elements are given)
 * @copied: bytes given
 *
 * Context: may fault (sleep). Return: 0, or -EFAULT.
 */
int __kfifo_to_user(struct __kfifo *fifo, void __user *to, unsigned long len,
		    unsigned int *copied)
{
	unsigned long left;

	len /= fifo->esize;
	len = min_t(unsigned long, len, fifo->in - fifo->out);
	left = copy_to_user_out(fifo, to, (unsigned int)len, fifo->out, copied);
	fifo->out += (unsigned int)(len - left);
	return left ? -EFAULT : 0;
}
EXPORT_SYMBOL(__kfifo_to_user);

/* Entries for @len bytes at @buf, one per physically contiguous run; returns entries
 * used (at most @nents). */
static int sgl_for_buf(struct scatterlist *sgl, void *buf, int nents, unsigned int len)
{
	struct page *page;
	unsigned int off, run;
	int n = 0;

	if (!nents || !len)
		return 0;
	page = virt_to_page(buf);
	off = (unsigned int)offset_in_page(buf);
	run = (unsigned int)PAGE_SIZE - off;	/* bytes of the current run */
	while (len > run) {
		struct page *next = virt_to_page((char *)buf + run);

		if (page_to_pfn(next) != page_to_pfn(page) + (off + run) / PAGE_SIZE) {
			sg_set_page(sgl, page, run, off);
			sgl = sg_next(sgl);
			if (++n == nents || !sgl)
				return n;
			buf = (char *)buf + run;
			len -= run;
			page = next;
			off = 0;
			run = (unsigned int)PAGE_SIZE;
		} else {
			run += (unsigned int)PAGE_SIZE;
		}
	}
	sg_set_page(sgl, page, len, off);
	return n + 1;
}

static unsigned int setup_sgl(struct __kfifo *fifo, struct scatterlist *sgl, int nents,
			      unsigned int len, unsigned int off)
{
	unsigned int first, l1, n;

	ring_span(fifo, off, &len, &first, &l1);
	n = sgl_for_buf(sgl, (char *)fifo->data + first, nents, l1);
	n += sgl_for_buf(sgl + n, fifo->data, nents - n, len - l1);
	return n;
}

/**
 * __kfifo_dma_in_prepare - a scatterlist of the free room, for a device to fill
 * @fifo: the fifo (its buffer in the machine's memory)
 * @sgl: entries to fill
 * @nents: how many there are
 * @len: elements wanted at most
 *
 * Context: any. Return: entries used (0 if the fifo is full).
 */
unsigned int __kfifo_dma_in_prepare(struct __kfifo *fifo, struct scatterlist *sgl,
				    int nents, unsigned int len)
{
	len = min(len, kfifo_unused(fifo));
	return setup_sgl(fifo, sgl, nents, len, fifo->in);
}
EXPORT_SYMBOL(__kfifo_dma_in_prepare);

/**
 * __kfifo_dma_out_prepare - a scatterlist of the data, for a device to send
 * @fifo: the fifo (its buffer in the machine's memory)
 * @sgl: entries to fill
 * @nents: how many there are
 * @len: elements wanted at most
 *
 * Context: any. Return: entries used (0 if the fifo is empty).
 */
unsigned int __kfifo_dma_out_prepare(struct __kfifo *fifo, struct scatterlist *sgl,
				     int nents, unsigned int len)
{
	len = min(len, fifo->in - fifo->out);
	return setup_sgl(fifo, sgl, nents, len, fifo->out);
}
EXPORT_SYMBOL(__kfifo_dma_out_prepare);

/**
 * __kfifo_max_r - the longest record length a header of @recsize bytes can hold
 * @len: the length wanted
 * @recsize: 1 or 2
 *
 * Context: any. Return: @len, or 255 / 65535 if it is longer.
 */
unsigned int __kfifo_max_r(unsigned int len, size_t recsize)
{
	unsigned int max = (1u << (recsize * 8)) - 1;

	return min(len, max);
}
EXPORT_SYMBOL(__kfifo_max_r);

/* The length header of the record at out. */
static unsigned int rec_len(struct __kfifo *fifo, size_t recsize)
{
	const unsigned char *data = fifo->data;
	unsigned int n = data[fifo->out & fifo->mask];

	if (recsize > 1)
		n |= data[(fifo->out + 1) & fifo->mask] << 8;
	return n;
}

/* Write the length header of a record at in. */
static void rec_set_len(struct __kfifo *fifo, unsigned int n, size_t recsize)
{
	unsigned char *data = fifo->data;

	data[fifo->in & fifo->mask] = (unsigned char)n;
	if (recsize > 1)
		data[(fifo->in + 1) & fifo->mask] = (unsigned char)(n >> 8);
}

/**
 * __kfifo_len_r - the length of the next record of a record kfifo
 * @fifo: the fifo
 * @recsize: the size of its length headers (1 or 2 bytes)
 *
 * Context: any context; no locking (one reader and one writer need none, as in Linux).
 * Return: the record's length in bytes, 0 if the fifo is empty.
 */
unsigned int __kfifo_len_r(struct __kfifo *fifo, size_t recsize)
{
	return rec_len(fifo, recsize);
}
EXPORT_SYMBOL(__kfifo_len_r);

/**
 * __kfifo_in_r - store one record of @len bytes
 * @fifo: a record fifo
 * @buf: the record
 * @len: its length
 * @recsize: header length
 *
 * Context: any; one writer at a time. Return: @len, or 0 (nothing stored) if the
 * record and its header do not fit.
 */
unsigned int __kfifo_in_r(struct __kfifo *fifo, const void *buf, unsigned int len,
			  size_t recsize)
{
	if (len + recsize > kfifo_unused(fifo))
		return 0;
	rec_set_len(fifo, len, recsize);
	kfifo_copy_in(fifo, buf, len, fifo->in + (unsigned int)recsize);
	fifo->in += len + (unsigned int)recsize;
	return len;
}
EXPORT_SYMBOL(__kfifo_in_r);

static unsigned int rec_copy_out(struct __kfifo *fifo, void *buf, unsigned int len,
				 size_t recsize, unsigned int *n)
{
	*n = rec_len(fifo, recsize);
	len = min(len, *n);
	kfifo_copy_out(fifo, buf, len, fifo->out + (unsigned int)recsize);
	return len;
}

/**
 * __kfifo_out_peek_r - copy the next record of a record kfifo without removing it
 * @fifo: the fifo
 * @buf: where to copy
 * @len: the room in @buf (a longer record is cut)
 * @recsize: the size of its length headers
 *
 * Context: any context; the caller is the fifo's only reader.
 * Return: the bytes copied, 0 if the fifo is empty.
 */
unsigned int __kfifo_out_peek_r(struct __kfifo *fifo, void *buf, unsigned int len,
				size_t recsize)
{
	unsigned int n;

	if (fifo->in == fifo->out)
		return 0;
	return rec_copy_out(fifo, buf, len, recsize, &n);
}
EXPORT_SYMBOL(__kfifo_out_peek_r);

/**
 * __kfifo_out_r - take the next record
 * @fifo: a record fifo
 * @buf: where to
 * @len: room there; a longer record is cut, its rest dropped
 * @recsize: header length
 *
 * Context: any; one reader at a time. Return: bytes copied, 0 if the fifo is empty.
 */
unsigned int __kfifo_out_r(struct __kfifo *fifo, void *buf, unsigned int len, size_t recsize)
{
	unsigned int n;

	if (fifo->in == fifo->out)
		return 0;
	len = rec_copy_out(fifo, buf, len, recsize, &n);
	fifo->out += n + (unsigned int)recsize;
	return len;
}
EXPORT_SYMBOL(__kfifo_out_r);

/**
 * __kfifo_skip_r - drop the next record of a record kfifo
 * @fifo: the fifo
 * @recsize: the size of its length headers
 *
 * Context: any context; the caller is the fifo's only reader.
 */
void __kfifo_skip_r(struct __kfifo *fifo, size_t recsize)
{
	fifo->out += rec_len(fifo, recsize) + (unsigned int)recsize;
}
EXPORT_SYMBOL(__kfifo_skip_r);

/**
 * __kfifo_from_user_r - store one record from user space
 * @fifo: a record fifo
 * @from: user address
 * @len: record length (cut to what the header can hold)
 * @copied: bytes stored (0 if nothing was)
 * @recsize: header length
 *
 * Context: may fault. Return: 0 (also when the record does not fit: *copied is 0), or
 * -EFAULT with nothing stored.
 */
int __kfifo_from_user_r(struct __kfifo *fifo, const void __user *from, unsigned long len,
			unsigned int *copied, size_t recsize)
{
	len = __kfifo_max_r((unsigned int)min_t(unsigned long, len, UINT_MAX), recsize);
	if (len + recsize > kfifo_unused(fifo)) {
		*copied = 0;
		return 0;
	}
	rec_set_len(fifo, (unsigned int)len, recsize);
	if (unlikely(copy_from_user_in(fifo, from, (unsigned int)len,
				       fifo->in + (unsigned int)recsize, copied))) {
		*copied = 0;
		return -EFAULT;
	}
	fifo->in += (unsigned int)len + (unsigned int)recsize;
	return 0;
}
EXPORT_SYMBOL(__kfifo_from_user_r);

/**
 * __kfifo_to_user_r - take the next record into user space
 * @fifo: a record fifo
 * @to: user address
 * @len: room there; a longer record is cut, its rest dropped
 * @copied: bytes given
 * @recsize: header length
 *
 * Context: may fault. Return: 0, or -EFAULT with the record left in the fifo.
 */
int __kfifo_to_user_r(struct __kfifo *fifo, void __user *to, unsigned long len,
		      unsigned int *copied, size_t recsize)
{
	unsigned int n;

	if (fifo->in == fifo->out) {
		*copied = 0;
		return 0;
	}
	n = rec_len(fifo, recsize);
	len = min_t(unsigned long, len, n);
	if (unlikely(copy_to_user_out(fifo, to, (unsigned int)len,
				      fifo->out + (unsigned int)recsize, copied))) {
		*copied = 0;
		return -EFAULT;
	}
	fifo->out += n + (unsigned int)recsize;
	return 0;
}
EXPORT_SYMBOL(__kfifo_to_user_r);

/**
 * __kfifo_dma_in_prepare_r - a scatterlist for DMA into a record kfifo's free space
 * @fifo: the fifo
 * @sgl: the scatterlist to fill
 * @nents: its entries (at least 1)
 * @len: the record's length
 * @recsize: the size of its length headers
 *
 * Context: any context; the caller is the fifo's only writer.
 * Return: the entries used, 0 if the record does not fit.
 */
unsigned int __kfifo_dma_in_prepare_r(struct __kfifo *fifo, struct scatterlist *sgl,
				      int nents, unsigned int len, size_t recsize)
{
	BUG_ON(!nents);
	len = __kfifo_max_r(len, recsize);
	if (len + recsize > kfifo_unused(fifo))
		return 0;
	return setup_sgl(fifo, sgl, nents, len, fifo->in + (unsigned int)recsize);
}
EXPORT_SYMBOL(__kfifo_dma_in_prepare_r);

/**
 * __kfifo_dma_in_finish_r - publish a record written into a record kfifo by DMA
 * @fifo: the fifo
 * @len: the record's length
 * @recsize: the size of its length headers
 *
 * Context: any context; the caller is the fifo's only writer.
 */
void __kfifo_dma_in_finish_r(struct __kfifo *fifo, unsigned int len, size_t recsize)
{
	len = __kfifo_max_r(len, recsize);
	rec_set_len(fifo, len, recsize);
	fifo->in += len + (unsigned int)recsize;
}
EXPORT_SYMBOL(__kfifo_dma_in_finish_r);

/**
 * __kfifo_dma_out_prepare_r - a scatterlist for DMA out of a record kfifo
 * @fifo: the fifo
 * @sgl: the scatterlist to fill
 * @nents: its entries (at least 1)
 * @len: the length to transfer
 * @recsize: the size of its length headers
 *
 * Context: any context; the caller is the fifo's only reader.
 * Return: the entries used, 0 if the fifo holds less than @len.
 */
unsigned int __kfifo_dma_out_prepare_r(struct __kfifo *fifo, struct scatterlist *sgl,
				       int nents, unsigned int len, size_t recsize)
{
	BUG_ON(!nents);
	len = __kfifo_max_r(len, recsize);
	if (len + recsize > fifo->in - fifo->out)
		return 0;
	return setup_sgl(fifo, sgl, nents, len, fifo->out + (unsigned int)recsize);
}
EXPORT_SYMBOL(__kfifo_dma_out_prepare_r);

/**
 * __kfifo_dma_out_finish_r - drop the record a DMA out of a record kfifo took
 * @fifo: the fifo
 * @recsize: the size of its length headers
 *
 * Context: any context; the caller is the fifo's only reader.
 */
void __kfifo_dma_out_finish_r(struct __kfifo *fifo, size_t recsize)
{
	__kfifo_skip_r(fifo, recsize);
}
EXPORT_SYMBOL(__kfifo_dma_out_finish_r);
