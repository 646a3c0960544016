// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/usercopy.c: copies between kernel memory and user pointers that never crash.
 * access_ok() decides what is user memory: any range that does not wrap, lies below the
 * top of a 47-bit user space and touches none of the kernel's own memory that can be told
 * apart -- the direct map, the vmalloc space (ioremapped device windows included),
 * mem_map's struct pages, the per-CPU units, and, when ukmem is a shared library, the
 * library's own image (its code, data and bss). ukmem's user space is the calling
 * process itself, so a buffer on the caller's stack or heap is user memory. A copy then
 * runs as the kernel's does, with a fixup for faults:
 * the thread records the user range and a recovery point, and a SIGSEGV inside that range
 * that the fault path cannot resolve (mm/memory.c: a fault-driven page is entered and the
 * copy goes on) jumps back into the copy, which redoes the faulting page byte by byte to
 * find the first byte it cannot reach. Faults outside the recorded range are not
 * touched: a bad kernel-side pointer still crashes, as it would oops in Linux.
 * Every copy returns the bytes it could not copy. */
#include <dlfcn.h>
#include <errno.h>
#include <link.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/auxv.h>
#include <string.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/percpu.h>
#include <linux/thread_info.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/export.h>
#include "mm/user_mm.h"

#define USER_SPACE_TOP	((1UL << 47) - PAGE_SIZE)

struct uaccess_state {
	sigjmp_buf *recovery;		/* NULL outside a copy */
	unsigned long start, end;	/* the user range being copied */
};
static __thread struct uaccess_state uaccess;

static bool overlaps(unsigned long start, unsigned long end, unsigned long lo, unsigned long hi)
{
	return start < hi && lo < end;
}

/* The library's own image [start, end) when it is a shared object; 0, 0 when it is
 * linked into the program (the program's data is then the user's: not told apart). */
static struct { unsigned long start, end; } image;
static pthread_once_t image_once = PTHREAD_ONCE_INIT;

static int find_image(struct dl_phdr_info *info, size_t size, void *base)
{
	if (info->dlpi_addr != (ElfW(Addr))base)
		return 0;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		unsigned long lo = info->dlpi_addr + ph->p_vaddr, hi = lo + ph->p_memsz;

		if (ph->p_type != PT_LOAD)
			continue;
		if (!image.end || lo < image.start)
			image.start = lo;
		if (hi > image.end)
			image.end = hi;
	}
	return 1;
}

static void image_init(void)
{
	Dl_info self, program;

	/* linked into the program: the program's headers (AT_PHDR) lie in the same object */
	if (!dladdr((void *)access_ok, &self) ||
	    !dladdr((void *)getauxval(AT_PHDR), &program) || program.dli_fbase == self.dli_fbase)
		return;
	dl_iterate_phdr(find_image, self.dli_fbase);
}

static bool overlaps_kernel_data(unsigned long start, unsigned long end)
{
	if (mem_map && overlaps(start, end, (unsigned long)mem_map,
				(unsigned long)(mem_map + max_pfn)))
		return true;
	if (is_kernel_percpu_address(start) || is_kernel_percpu_address(end - 1))
		return true;
	pthread_once(&image_once, image_init);
	return overlaps(start, end, image.start, image.end);
}

/**
 * access_ok - whether a range may be a user buffer
 * @addr: its start
 * @size: its length
 *
 * The range must not wrap, must lie below the top of user space, and must not touch the
 * kernel's direct map, vmalloc range or ukmem's own data.
 *
 * Context: any context.
 * Return: true if the range is allowed.
 */
bool access_ok(const void __user *addr, unsigned long size)
{
	unsigned long start = (unsigned long)addr, end;

	if (check_add_overflow(start, size, &end) || end > USER_SPACE_TOP)
		return false;
	if (!size)
		return true;
	if (overlaps(start, end, PAGE_OFFSET, PAGE_OFFSET + direct_map_size))
		return false;
	if (overlaps(start, end, VMALLOC_START, VMALLOC_END))
		return false;
	return !overlaps_kernel_data(start, end);
}
EXPORT_SYMBOL(access_ok);

void uaccess_fixup(unsigned long addr)
{
	sigset_t faults;

	if (!uaccess.recovery || addr < uaccess.start || addr >= uaccess.end)
		return;
	/* ukmem's handler runs with SA_NODEFER, but a program's handler installed later
	 * that passes the fault on to it (libFuzzer's does) runs with the signal blocked;
	 * the jump would leave it blocked and the next fault would kill the process. */
	sigemptyset(&faults);
	sigaddset(&faults, SIGSEGV);
	sigaddset(&faults, SIGBUS);
	pthread_sigmask(SIG_UNBLOCK, &faults, NULL);
	siglongjmp(*uaccess.recovery, 1);
}

/* Copies n bytes from src to dst, one of them user memory at uaddr; the bytes copied
 * before the first fault. */
static unsigned long guarded_copy(char *dst, const char *src, unsigned long n,
				  unsigned long uaddr)
{
	volatile unsigned long done = 0;
	volatile bool bytewise = false;
	sigjmp_buf recovery;

	if (uaddr < PAGE_SIZE)
		return 0;	/* page 0 is never mapped (vm.mmap_min_addr); memcpy takes no NULL */
	if (sigsetjmp(recovery, 0)) {
		if (bytewise)
			goto out;	/* done is exact */
		bytewise = true;	/* find the faulting byte of this page */
	}
	uaccess = (struct uaccess_state){ &recovery, uaddr, uaddr + n };
	while (done < n) {
		unsigned long step = bytewise ? 1 :
			min(n - done, PAGE_SIZE - offset_in_page(uaddr + done));

		memcpy(dst + done, src + done, step);
		done += step;
		if (bytewise && !offset_in_page(uaddr + done))
			bytewise = false;
	}
out:
	uaccess.recovery = NULL;
	return done;
}

/**
 * copy_to_user - copy kernel memory to a user buffer
 * @to: the user buffer
 * @from: the kernel memory (checked by hardened usercopy)
 * @n: the length
 *
 * A fault in the user buffer stops the copy there, as in Linux.
 *
 * Context: user context (a driver's file operation). Linux may sleep on a page fault;
 * ukmem's copy does not sleep, but atomic callers are as wrong as in Linux.
 * Return: the number of bytes not copied (0 on success).
 */
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	check_object_size(from, n, true);
	if (!access_ok(to, n))
		return n;
	return n - guarded_copy((char *)to, from, n, (unsigned long)to);
}
EXPORT_SYMBOL(copy_to_user);

/**
 * copy_from_user - copy a user buffer to kernel memory
 * @to: the kernel memory
 * @from: the user buffer
 * @n: the length
 *
 * The bytes that could not be copied are zeroed.
 *
 * Context: user context; as copy_to_user().
 * Return: the number of bytes not copied (0 on success).
 */
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned long left = n;

	check_object_size(to, n, false);
	if (access_ok(from, n))
		left -= guarded_copy(to, (const char *)from, n, (unsigned long)from);
	if (left)
		memset((char *)to + (n - left), 0, left);
	return left;
}
EXPORT_SYMBOL(copy_from_user);

/**
 * clear_user - zero a user buffer
 * @to: the user buffer
 * @n: the length
 *
 * Context: user context; as copy_to_user().
 * Return: the number of bytes not cleared.
 */
unsigned long clear_user(void __user *to, unsigned long n)
{
	static const char zeros[PAGE_SIZE];
	unsigned long done = 0;

	while (done < n) {
		unsigned long step = min(n - done, PAGE_SIZE);
		unsigned long left = copy_to_user((char __user *)to + done, zeros, step);

		done += step - left;
		if (left)
			break;
	}
	return n - done;
}
EXPORT_SYMBOL(clear_user);

/**
 * strncpy_from_user - copy a NUL-terminated string from user memory
 * @dst: the kernel buffer
 * @src: the user string
 * @count: the most bytes to copy
 *
 * Context: user context; as copy_to_user().
 * Return: the string's length (without the NUL, which is copied) if shorter than
 * @count, @count if it was not terminated within it, or -EFAULT.
 */
long strncpy_from_user(char *dst, const char __user *src, long count)
{
	long done = 0;

	while (done < count) {
		unsigned long uaddr = (unsigned long)src + done;
		long step = min(count - done, (long)(PAGE_SIZE - offset_in_page(uaddr)));
		long got = step - (long)copy_from_user(dst + done, (const void __user *)uaddr,
						       (unsigned long)step);
		char *nul = memchr(dst + done, 0, (size_t)got);

		if (nul)
			return nul - dst;
		if (got < step)
			return -EFAULT;
		done += step;
	}
	return count;
}
EXPORT_SYMBOL(strncpy_from_user);

/**
 * strnlen_user - the size of a user string, its NUL included
 * @str: the user string
 * @n: the most bytes to look at
 *
 * Context: user context; as copy_to_user().
 * Return: the length plus 1, a value greater than @n if not terminated within @n bytes,
 * or 0 on a fault.
 */
long strnlen_user(const char __user *str, long n)
{
	char buf[256];
	long done = 0;

	while (done < n) {
		long step = min(n - done, (long)sizeof(buf));
		long len = strncpy_from_user(buf, str + done, step);

		if (len < 0)
			return 0;
		if (len < step)
			return done + len + 1;
		done += step;
	}
	return n + 1;
}
EXPORT_SYMBOL(strnlen_user);

/**
 * check_zeroed_user - whether a user buffer holds only zero bytes
 * @from: the user buffer
 * @size: its size in bytes
 *
 * Context: process context; may fault user pages in.
 * Return: 1 when every byte is zero, 0 when one is not, -EFAULT when a byte cannot be
 * read.
 */
int check_zeroed_user(const void __user *from, size_t size)
{
	unsigned char chunk[256];

	while (size) {
		size_t n = size < sizeof(chunk) ? size : sizeof(chunk);

		if (copy_from_user(chunk, from, n))
			return -EFAULT;
		if (memchr_inv(chunk, 0, n))
			return 0;
		from = (const char __user *)from + n;
		size -= n;
	}
	return 1;
}
EXPORT_SYMBOL(check_zeroed_user);

/**
 * copy_struct_from_user - copy an extensible structure from user space
 * @dst: the kernel's structure
 * @ksize: its size
 * @src: the user's structure
 * @usize: the user's size of it
 *
 * Context: process context. A smaller user structure is zero-extended; a larger one is
 * accepted only if the bytes the kernel does not know are zero.
 * Return: 0, -E2BIG for non-zero unknown bytes, -EFAULT for a bad pointer.
 */
int copy_struct_from_user(void *dst, size_t ksize, const void __user *src, size_t usize)
{
	size_t size = usize < ksize ? usize : ksize;

	if (usize < ksize) {
		memset((char *)dst + size, 0, ksize - size);
	} else if (usize > ksize) {
		int ret = check_zeroed_user((const char __user *)src + ksize, usize - ksize);

		if (ret <= 0)
			return ret ?: -E2BIG;
	}
	return copy_from_user(dst, src, size) ? -EFAULT : 0;
}
EXPORT_SYMBOL(copy_struct_from_user);
