/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/kfifo.h: first-in first-out queues of typed elements, Linux 6.1's API. A fifo
 * is a struct holding a struct __kfifo (in and out indices that run freely and wrap,
 * mask = size - 1, element size, data pointer) in a union with typed pointers that only
 * carry types for the macros: `type` (the element), `rectype` (a char array whose size
 * is the record header length, 0 for plain fifos), `ptr` and `ptr_const` (what
 * kfifo_in/out take). The buffer is either inside the struct (DECLARE_KFIFO, size a
 * power of two >= 2 at compile time) or allocated (DECLARE_KFIFO_PTR + kfifo_alloc,
 * rounded up to a power of two). Record fifos (STRUCT_KFIFO_REC_1/2) store each record
 * behind a 1- or 2-byte length.
 *
 * Locking, as in Linux: one reader and one writer may run concurrently without a lock;
 * several readers or several writers need one (the _spinlocked forms). kfifo_reset
 * needs both sides stopped; kfifo_reset_out only the reader side. */
#ifndef UKMEM_LINUX_KFIFO_H
#define UKMEM_LINUX_KFIFO_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/stddef.h>
#include <linux/scatterlist.h>
#include <linux/gfp_types.h>
#include <linux/errno.h>
#include <asm/barrier.h>

struct __kfifo {
	unsigned int	in;
	unsigned int	out;
	unsigned int	mask;
	unsigned int	esize;
	void		*data;
};

#define __STRUCT_KFIFO_COMMON(datatype, recsize, ptrtype) \
	union { \
		struct __kfifo	kfifo; \
		datatype	*type; \
		const datatype	*const_type; \
		char		(*rectype)[recsize]; \
		ptrtype		*ptr; \
		ptrtype const	*ptr_const; \
	}

/* A negative array size rejects, at compile time, sizes that are not powers of two. */
#define __STRUCT_KFIFO(type, size, recsize, ptrtype) \
{ \
	__STRUCT_KFIFO_COMMON(type, recsize, ptrtype); \
	type		buf[((size < 2) || (size & (size - 1))) ? -1 : size]; \
}

#define STRUCT_KFIFO(type, size)	struct __STRUCT_KFIFO(type, size, 0, type)

#define __STRUCT_KFIFO_PTR(type, recsize, ptrtype) \
{ \
	__STRUCT_KFIFO_COMMON(type, recsize, ptrtype); \
	type		buf[0]; \
}

#define STRUCT_KFIFO_PTR(type)	struct __STRUCT_KFIFO_PTR(type, 0, type)

/* The byte fifo that drivers declare as "struct kfifo". */
struct kfifo __STRUCT_KFIFO_PTR(unsigned char, 0, void);

#define STRUCT_KFIFO_REC_1(size)	struct __STRUCT_KFIFO(unsigned char, size, 1, void)
#define STRUCT_KFIFO_REC_2(size)	struct __STRUCT_KFIFO(unsigned char, size, 2, void)

struct kfifo_rec_ptr_1 __STRUCT_KFIFO_PTR(unsigned char, 1, void);
struct kfifo_rec_ptr_2 __STRUCT_KFIFO_PTR(unsigned char, 2, void);

/* An allocated fifo's struct has no room for elements: that is how the macros tell. */
#define __is_kfifo_ptr(fifo) \
	(sizeof(*fifo) == sizeof(STRUCT_KFIFO_PTR(typeof(*(fifo)->type))))

#define DECLARE_KFIFO_PTR(fifo, type)	STRUCT_KFIFO_PTR(type) fifo
#define DECLARE_KFIFO(fifo, type, size)	STRUCT_KFIFO(type, size) fifo

#define INIT_KFIFO(fifo) \
(void)({ \
	typeof(&(fifo)) __kf = &(fifo); \
	struct __kfifo *__k = &__kf->kfifo; \
	__k->in = 0; \
	__k->out = 0; \
	__k->mask = __is_kfifo_ptr(__kf) ? 0 : ARRAY_SIZE(__kf->buf) - 1; \
	__k->esize = sizeof(*__kf->buf); \
	__k->data = __is_kfifo_ptr(__kf) ? NULL : __kf->buf; \
})

#define DEFINE_KFIFO(fifo, type, size) \
	DECLARE_KFIFO(fifo, type, size) = \
	(typeof(fifo)) { { { \
		.in	= 0, \
		.out	= 0, \
		.mask	= __is_kfifo_ptr(&(fifo)) ? 0 : ARRAY_SIZE((fifo).buf) - 1, \
		.esize	= sizeof(*(fifo).buf), \
		.data	= __is_kfifo_ptr(&(fifo)) ? NULL : (fifo).buf, \
	} } }

static inline unsigned int __must_check __kfifo_uint_must_check_helper(unsigned int val)
{
	return val;
}

static inline int __must_check __kfifo_int_must_check_helper(int val)
{
	return val;
}

/* The macros take a pointer to the fifo; "(fifo) + 1" rejects anything else. */
#define __kfifo_self(fifo)	typeof((fifo) + 1) __kf = (fifo)
#define __kfifo_recsize(kf)	sizeof(*(kf)->rectype)

#define kfifo_initialized(fifo)	((fifo)->kfifo.mask)
#define kfifo_esize(fifo)	((fifo)->kfifo.esize)
#define kfifo_recsize(fifo)	(sizeof(*(fifo)->rectype))
#define kfifo_size(fifo)	((fifo)->kfifo.mask + 1)

#define kfifo_reset(fifo) \
(void)({ \
	__kfifo_self(fifo); \
	__kf->kfifo.in = __kf->kfifo.out = 0; \
})

#define kfifo_reset_out(fifo) \
(void)({ \
	__kfifo_self(fifo); \
	__kf->kfifo.out = __kf->kfifo.in; \
})

#define kfifo_len(fifo) \
({ \
	typeof((fifo) + 1) __kfl = (fifo); \
	__kfl->kfifo.in - __kfl->kfifo.out; \
})

#define kfifo_is_empty(fifo) \
({ \
	typeof((fifo) + 1) __kfe = (fifo); \
	__kfe->kfifo.in == __kfe->kfifo.out; \
})

#define kfifo_is_empty_spinlocked(fifo, lock) \
({ \
	unsigned long __kflags; \
	bool __kret; \
	spin_lock_irqsave(lock, __kflags); \
	__kret = kfifo_is_empty(fifo); \
	spin_unlock_irqrestore(lock, __kflags); \
	__kret; \
})

#define kfifo_is_empty_spinlocked_noirqsave(fifo, lock) \
({ \
	bool __kret; \
	spin_lock(lock); \
	__kret = kfifo_is_empty(fifo); \
	spin_unlock(lock); \
	__kret; \
})

#define kfifo_is_full(fifo) \
({ \
	typeof((fifo) + 1) __kff = (fifo); \
	kfifo_len(__kff) > __kff->kfifo.mask; \
})

/* Free room in elements; for a record fifo, the largest record that would fit. */
#define kfifo_avail(fifo) \
__kfifo_uint_must_check_helper( \
({ \
	__kfifo_self(fifo); \
	const size_t __rs = __kfifo_recsize(__kf); \
	unsigned int __room = kfifo_size(__kf) - kfifo_len(__kf); \
	__rs ? (__room <= __rs ? 0 : __kfifo_max_r(__room - __rs, __rs)) : __room; \
}) \
)

/* Drop the next element (or record). */
#define kfifo_skip(fifo) \
(void)({ \
	__kfifo_self(fifo); \
	const size_t __rs = __kfifo_recsize(__kf); \
	if (__rs) \
		__kfifo_skip_r(&__kf->kfifo, __rs); \
	else \
		__kf->kfifo.out++; \
})

/* Bytes in the fifo, or the length of the next record. */
#define kfifo_peek_len(fifo) \
__kfifo_uint_must_check_helper( \
({ \
	__kfifo_self(fifo); \
	const size_t __rs = __kfifo_recsize(__kf); \
	!__rs ? kfifo_len(__kf) * sizeof(*__kf->type) : __kfifo_len_r(&__kf->kfifo, __rs); \
}) \
)

#define kfifo_alloc(fifo, size, gfp_mask) \
__kfifo_int_must_check_helper( \
({ \
	__kfifo_self(fifo); \
	__is_kfifo_ptr(__kf) ? \
		__kfifo_alloc(&__kf->kfifo, size, sizeof(*__kf->type), gfp_mask) : -EINVAL; \
}) \
)

#define kfifo_free(fifo) \
({ \
	__kfifo_self(fifo); \
	if (__is_kfifo_ptr(__kf)) \
		__kfifo_free(&__kf->kfifo); \
})

#define kfifo_init(fifo, buffer, size) \
({ \
	__kfifo_self(fifo); \
	__is_kfifo_ptr(__kf) ? \
		__kfifo_init(&__kf->kfifo, buffer, size, sizeof(*__kf->type)) : -EINVAL; \
})

/* The element array, wherever it lives. */
#define __kfifo_elems(kf) \
	(__is_kfifo_ptr(kf) ? ((typeof((kf)->type))(kf)->kfifo.data) : ((kf)->buf))

#define kfifo_put(fifo, val) \
({ \
	__kfifo_self(fifo); \
	typeof(*__kf->const_type) __kval = (val); \
	unsigned int __kret; \
	const size_t __rs = __kfifo_recsize(__kf); \
	if (__rs) { \
		__kret = __kfifo_in_r(&__kf->kfifo, &__kval, sizeof(__kval), __rs); \
	} else { \
		__kret = !kfifo_is_full(__kf); \
		if (__kret) { \
			__kfifo_elems(__kf)[__kf->kfifo.in & __kf->kfifo.mask] = \
				*(typeof(__kf->type))&__kval; \
			smp_wmb(); \
			__kf->kfifo.in++; \
		} \
	} \
	__kret; \
})

#define __kfifo_get_or_peek(fifo, val, consume, rfunc) \
({ \
	__kfifo_self(fifo); \
	typeof(__kf->ptr) __kval = (val); \
	unsigned int __kret; \
	const size_t __rs = __kfifo_recsize(__kf); \
	if (__rs) { \
		__kret = rfunc(&__kf->kfifo, __kval, sizeof(*__kval), __rs); \
	} else { \
		__kret = !kfifo_is_empty(__kf); \
		if (__kret) { \
			*(typeof(__kf->type))__kval = \
				__kfifo_elems(__kf)[__kf->kfifo.out & __kf->kfifo.mask]; \
			smp_wmb(); \
			__kf->kfifo.out += (consume); \
		} \
	} \
	__kret; \
})

#define kfifo_get(fifo, val) \
	__kfifo_uint_must_check_helper(__kfifo_get_or_peek(fifo, val, 1, __kfifo_out_r))
#define kfifo_peek(fifo, val) \
	__kfifo_uint_must_check_helper(__kfifo_get_or_peek(fifo, val, 0, __kfifo_out_peek_r))

/* Put up to n elements (one record of n bytes); returns how many went in (0 for a
 * record that does not fit whole). */
#define kfifo_in(fifo, buf, n) \
({ \
	__kfifo_self(fifo); \
	typeof(__kf->ptr_const) __kbuf = (buf); \
	unsigned long __kn = (n); \
	const size_t __rs = __kfifo_recsize(__kf); \
	__rs ? __kfifo_in_r(&__kf->kfifo, __kbuf, __kn, __rs) : \
	       __kfifo_in(&__kf->kfifo, __kbuf, __kn); \
})

#define kfifo_in_spinlocked(fifo, buf, n, lock) \
({ \
	unsigned long __kflags; \
	unsigned int __kret; \
	spin_lock_irqsave(lock, __kflags); \
	__kret = kfifo_in(fifo, buf, n); \
	spin_unlock_irqrestore(lock, __kflags); \
	__kret; \
})

#define kfifo_in_spinlocked_noirqsave(fifo, buf, n, lock) \
({ \
	unsigned int __kret; \
	spin_lock(lock); \
	__kret = kfifo_in(fifo, buf, n); \
	spin_unlock(lock); \
	__kret; \
})

#define kfifo_in_locked(fifo, buf, n, lock)	kfifo_in_spinlocked(fifo, buf, n, lock)

#define __kfifo_take(fifo, buf, n, rfunc, func) \
({ \
	__kfifo_self(fifo); \
	typeof(__kf->ptr) __kbuf = (buf); \
	unsigned long __kn = (n); \
	const size_t __rs = __kfifo_recsize(__kf); \
	__rs ? rfunc(&__kf->kfifo, __kbuf, __kn, __rs) : func(&__kf->kfifo, __kbuf, __kn); \
})

/* Take up to n elements (the next record, cut to n bytes); returns how many. */
#define kfifo_out(fifo, buf, n) \
	__kfifo_uint_must_check_helper(__kfifo_take(fifo, buf, n, __kfifo_out_r, __kfifo_out))
/* As kfifo_out, leaving them in the fifo. */
#define kfifo_out_peek(fifo, buf, n) \
	__kfifo_uint_must_check_helper(__kfifo_take(fifo, buf, n, __kfifo_out_peek_r, \
						    __kfifo_out_peek))

#define kfifo_out_spinlocked(fifo, buf, n, lock) \
__kfifo_uint_must_check_helper( \
({ \
	unsigned long __kflags; \
	unsigned int __kret; \
	spin_lock_irqsave(lock, __kflags); \
	__kret = kfifo_out(fifo, buf, n); \
	spin_unlock_irqrestore(lock, __kflags); \
	__kret; \
}) \
)

#define kfifo_out_spinlocked_noirqsave(fifo, buf, n, lock) \
__kfifo_uint_must_check_helper( \
({ \
	unsigned int __kret; \
	spin_lock(lock); \
	__kret = kfifo_out(fifo, buf, n); \
	spin_unlock(lock); \
	__kret; \
}) \
)

#define kfifo_out_locked(fifo, buf, n, lock)	kfifo_out_spinlocked(fifo, buf, n, lock)

/* Copy up to len bytes from user space; *copied says how many; 0 or -EFAULT. */
#define kfifo_from_user(fifo, from, len, copied) \
__kfifo_uint_must_check_helper( \
({ \
	__kfifo_self(fifo); \
	const void __user *__kfrom = (from); \
	unsigned int __klen = (len); \
	unsigned int *__kcopied = (copied); \
	const size_t __rs = __kfifo_recsize(__kf); \
	__rs ? __kfifo_from_user_r(&__kf->kfifo, __kfrom, __klen, __kcopied, __rs) : \
	       __kfifo_from_user(&__kf->kfifo, __kfrom, __klen, __kcopied); \
}) \
)

/* Copy up to len bytes to user space; *copied says how many; 0 or -EFAULT. */
#define kfifo_to_user(fifo, to, len, copied) \
__kfifo_int_must_check_helper( \
({ \
	__kfifo_self(fifo); \
	void __user *__kto = (to); \
	unsigned int __klen = (len); \
	unsigned int *__kcopied = (copied); \
	const size_t __rs = __kfifo_recsize(__kf); \
	__rs ? __kfifo_to_user_r(&__kf->kfifo, __kto, __klen, __kcopied, __rs) : \
	       __kfifo_to_user(&__kf->kfifo, __kto, __klen, __kcopied); \
}) \
)

#define __kfifo_dma_prepare(fifo, sgl, nents, len, rfunc, func) \
({ \
	__kfifo_self(fifo); \
	struct scatterlist *__ksgl = (sgl); \
	int __knents = (nents); \
	unsigned int __klen = (len); \
	const size_t __rs = __kfifo_recsize(__kf); \
	__rs ? rfunc(&__kf->kfifo, __ksgl, __knents, __klen, __rs) : \
	       func(&__kf->kfifo, __ksgl, __knents, __klen); \
})

/* Describe the free space (up to len) as a scatterlist for a device to fill; returns
 * the entries used. Then kfifo_dma_in_finish with the bytes received. */
#define kfifo_dma_in_prepare(fifo, sgl, nents, len) \
	__kfifo_dma_prepare(fifo, sgl, nents, len, __kfifo_dma_in_prepare_r, \
			    __kfifo_dma_in_prepare)

#define kfifo_dma_in_finish(fifo, len) \
(void)({ \
	__kfifo_self(fifo); \
	unsigned int __klen = (len); \
	const size_t __rs = __kfifo_recsize(__kf); \
	if (__rs) \
		__kfifo_dma_in_finish_r(&__kf->kfifo, __klen, __rs); \
	else \
		__kf->kfifo.in += __klen / sizeof(*__kf->type); \
})

/* Describe up to len bytes of data as a scatterlist for a device to send; then
 * kfifo_dma_out_finish with the bytes sent. */
#define kfifo_dma_out_prepare(fifo, sgl, nents, len) \
	__kfifo_dma_prepare(fifo, sgl, nents, len, __kfifo_dma_out_prepare_r, \
			    __kfifo_dma_out_prepare)

#define kfifo_dma_out_finish(fifo, len) \
(void)({ \
	__kfifo_self(fifo); \
	unsigned int __klen = (len); \
	const size_t __rs = __kfifo_recsize(__kf); \
	if (__rs) \
		__kfifo_dma_out_finish_r(&__kf->kfifo, __rs); \
	else \
		__kf->kfifo.out += __klen / sizeof(*__kf->type); \
})

int __kfifo_alloc(struct __kfifo *fifo, unsigned int size, size_t esize, gfp_t gfp_mask);
void __kfifo_free(struct __kfifo *fifo);
int __kfifo_init(struct __kfifo *fifo, void *buffer, unsigned int size, size_t esize);
unsigned int __kfifo_in(struct __kfifo *fifo, const void *buf, unsigned int len);
unsigned int __kfifo_out(struct __kfifo *fifo, void *buf, unsigned int len);
int __kfifo_from_user(struct __kfifo *fifo, const void __user *from, unsigned long len,
		      unsigned int *copied);
int __kfifo_to_user(struct __kfifo *fifo, void __user *to, unsigned long len,
		    unsigned int *copied);
unsigned int __kfifo_dma_in_prepare(struct __kfifo *fifo, struct scatterlist *sgl,
				    int nents, unsigned int len);
unsigned int __kfifo_dma_out_prepare(struct __kfifo *fifo, struct scatterlist *sgl,
				     int nents, unsigned int len);
unsigned int __kfifo_out_peek(struct __kfifo *fifo, void *buf, unsigned int len);
unsigned int __kfifo_in_r(struct __kfifo *fifo, const void *buf, unsigned int len,
			  size_t recsize);
unsigned int __kfifo_out_r(struct __kfifo *fifo, void *buf, unsigned int len, size_t recsize);
int __kfifo_from_user_r(struct __kfifo *fifo, const void __user *from, unsigned long len,
			unsigned int *copied, size_t recsize);
int __kfifo_to_user_r(struct __kfifo *fifo, void __user *to, unsigned long len,
		      unsigned int *copied, size_t recsize);
unsigned int __kfifo_dma_in_prepare_r(struct __kfifo *fifo, struct scatterlist *sgl,
				      int nents, unsigned int len, size_t recsize);
void __kfifo_dma_in_finish_r(struct __kfifo *fifo, unsigned int len, size_t recsize);
unsigned int __kfifo_dma_out_prepare_r(struct __kfifo *fifo, struct scatterlist *sgl,
				       int nents, unsigned int len, size_t recsize);
void __kfifo_dma_out_finish_r(struct __kfifo *fifo, size_t recsize);
unsigned int __kfifo_len_r(struct __kfifo *fifo, size_t recsize);
void __kfifo_skip_r(struct __kfifo *fifo, size_t recsize);
unsigned int __kfifo_out_peek_r(struct __kfifo *fifo, void *buf, unsigned int len,
				size_t recsize);
unsigned int __kfifo_max_r(unsigned int len, size_t recsize);

#pragma pop_macro("__UKMEM_INNER")

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/kfifo.h> brings with it, once this header is complete. */
#include <asm/io.h>
#include <asm/processor.h>
#include <linux/byteorder/little_endian.h>
#include <linux/completion.h>
#include <linux/cred.h>
#include <linux/export.h>
#include <linux/fs.h>
#include <linux/hash.h>
#include <linux/hrtimer.h>
#include <linux/ioport.h>
#include <linux/irqnr.h>
#include <linux/kasan.h>
#include <linux/kmsan-checks.h>
#include <linux/kref.h>
#include <linux/linkage.h>
#include <linux/list_lru.h>
#include <linux/llist.h>
#include <linux/log2.h>
#include <linux/migrate_mode.h>
#include <linux/notifier.h>
#include <linux/percpu.h>
#include <linux/pgtable.h>
#include <linux/prandom.h>
#include <linux/ratelimit.h>
#include <linux/rculist.h>
#include <linux/sched/mm.h>
#include <linux/semaphore.h>
#include <linux/shrinker.h>
#include <linux/slab.h>
#include <linux/stackdepot.h>
#include <linux/stacktrace.h>
#include <linux/stat.h>
#include <linux/static_key.h>
#include <linux/sysctl.h>
#include <linux/thread_info.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <linux/tracepoint-defs.h>
#include <linux/uaccess.h>
#include <linux/uuid.h>
#include <linux/vmalloc.h>
#include <linux/vmstat.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#endif
#endif
