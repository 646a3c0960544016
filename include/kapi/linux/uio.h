/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/uio.h: I/O vectors. struct iov_iter walks a list of buffers -- user ones (ITER_IOVEC,
 * struct iovec from the UAPI header) or kernel ones (ITER_KVEC) -- for read_iter and
 * write_iter: copy_to_iter() fills the buffers of a read (ITER_DEST), copy_from_iter()
 * takes from those of a write (ITER_SOURCE), and both advance the iterator by what they
 * moved. User buffers are reached with copy_to_user/copy_from_user, so a bad one ends
 * the copy short, never crashes. lib/iov_iter.c holds the functions. */
#ifndef UKMEM_LINUX_UIO_H
#define UKMEM_LINUX_UIO_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

/* struct iovec and UIO_MAXIOV from the UAPI header -- unless libc defined struct iovec
 * already (the same layout), in a program that uses both; libc then skips its own. */
#ifdef __iovec_defined
#define UIO_FASTIOV	8
#define UIO_MAXIOV	1024
#else
#include_next <linux/uio.h>
#define __iovec_defined 1
#endif
#include <linux/kernel.h>
#include <linux/thread_info.h>
#include <linux/mm_types.h>

struct page;

struct kvec {
	void *iov_base;		/* kernel memory only */
	size_t iov_len;
};

enum iter_type {
	ITER_IOVEC,
	ITER_KVEC,
	ITER_BVEC,
	ITER_PIPE,
	ITER_XARRAY,
	ITER_DISCARD,
	ITER_UBUF,
};

#define ITER_SOURCE	1	/* WRITE: the iterator's buffers are read */
#define ITER_DEST	0	/* READ: they are written */

#ifndef READ
#define READ	0
#define WRITE	1
#endif

struct iov_iter_state {
	size_t iov_offset;
	size_t count;
	unsigned long nr_segs;
};

struct iov_iter {
	u8 iter_type;
	bool nofault;
	bool data_source;
	bool user_backed;
	size_t iov_offset;	/* into the current segment */
	size_t count;		/* bytes left */
	union {
		const struct iovec *iov;
		const struct kvec *kvec;
		void __user *ubuf;
	};
	unsigned long nr_segs;	/* segments left, the current one included */
};

static inline enum iter_type iov_iter_type(const struct iov_iter *i)
{
	return (enum iter_type)i->iter_type;
}
static inline bool iter_is_ubuf(const struct iov_iter *i)
{
	return iov_iter_type(i) == ITER_UBUF;
}
static inline bool iter_is_iovec(const struct iov_iter *i)
{
	return iov_iter_type(i) == ITER_IOVEC;
}
static inline bool iov_iter_is_kvec(const struct iov_iter *i)
{
	return iov_iter_type(i) == ITER_KVEC;
}
static inline bool iov_iter_is_bvec(const struct iov_iter *i)
{
	return iov_iter_type(i) == ITER_BVEC;
}
static inline bool iov_iter_is_pipe(const struct iov_iter *i)
{
	return iov_iter_type(i) == ITER_PIPE;
}
static inline bool iov_iter_is_discard(const struct iov_iter *i)
{
	return iov_iter_type(i) == ITER_DISCARD;
}
static inline bool iov_iter_is_xarray(const struct iov_iter *i)
{
	return iov_iter_type(i) == ITER_XARRAY;
}
static inline bool user_backed_iter(const struct iov_iter *i)
{
	return i->user_backed;
}
static inline unsigned char iov_iter_rw(const struct iov_iter *i)
{
	return i->data_source ? WRITE : READ;
}
static inline size_t iov_iter_count(const struct iov_iter *i)
{
	return i->count;
}
static inline void iov_iter_truncate(struct iov_iter *i, u64 count)
{
	if (i->count > count)
		i->count = (size_t)count;
}
static inline void iov_iter_reexpand(struct iov_iter *i, size_t count)
{
	i->count = count;
}
static inline void iov_iter_save_state(struct iov_iter *iter, struct iov_iter_state *state)
{
	state->iov_offset = iter->iov_offset;
	state->count = iter->count;
	state->nr_segs = iter->nr_segs;
}

/* The sum of the segments' lengths, or -EINVAL if it overflows a ssize_t. */
static inline size_t iov_length(const struct iovec *iov, unsigned long nr_segs)
{
	size_t ret = 0;

	for (unsigned long seg = 0; seg < nr_segs; seg++)
		ret += iov[seg].iov_len;
	return ret;
}

void iov_iter_init(struct iov_iter *i, unsigned int direction, const struct iovec *iov,
		   unsigned long nr_segs, size_t count);
void iov_iter_kvec(struct iov_iter *i, unsigned int direction, const struct kvec *kvec,
		   unsigned long nr_segs, size_t count);
void iov_iter_discard(struct iov_iter *i, unsigned int direction, size_t count);
void iov_iter_advance(struct iov_iter *i, size_t bytes);
void iov_iter_revert(struct iov_iter *i, size_t bytes);
void iov_iter_restore(struct iov_iter *i, struct iov_iter_state *state);
size_t iov_iter_single_seg_count(const struct iov_iter *i);
size_t _copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i);
size_t _copy_from_iter(void *addr, size_t bytes, struct iov_iter *i);
size_t iov_iter_zero(size_t bytes, struct iov_iter *i);
size_t copy_page_to_iter(struct page *page, size_t offset, size_t bytes, struct iov_iter *i);
size_t copy_page_from_iter(struct page *page, size_t offset, size_t bytes,
			   struct iov_iter *i);

static __always_inline __must_check
size_t copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i)
{
	return _copy_to_iter(addr, bytes, i);
}
static __always_inline __must_check
size_t copy_from_iter(void *addr, size_t bytes, struct iov_iter *i)
{
	return _copy_from_iter(addr, bytes, i);
}
static __always_inline __must_check
bool copy_from_iter_full(void *addr, size_t bytes, struct iov_iter *i)
{
	size_t copied = copy_from_iter(addr, bytes, i);

	if (likely(copied == bytes))
		return true;
	iov_iter_revert(i, copied);
	return false;
}
static __always_inline __must_check
bool copy_to_iter_full(const void *addr, size_t bytes, struct iov_iter *i)
{
	size_t copied = copy_to_iter(addr, bytes, i);

	if (likely(copied == bytes))
		return true;
	iov_iter_revert(i, copied);
	return false;
}
#define copy_from_iter_nocache(addr, bytes, i)	copy_from_iter(addr, bytes, i)

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/uio.h> brings with it, once this header is complete. */
#include <asm/page.h>
#include <asm/pgtable_types.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/completion.h>
#include <linux/export.h>
#include <linux/gfp_types.h>
#include <linux/kmsan-checks.h>
#include <linux/kref.h>
#include <linux/ktime.h>
#include <linux/linkage.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/numa.h>
#include <linux/overflow.h>
#include <linux/percpu-defs.h>
#include <linux/rbtree.h>
#include <linux/rcupdate.h>
#include <linux/rwsem.h>
#include <linux/static_key.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#include <linux/workqueue.h>
#endif
#endif
