/* lib/usercopy.c: copies between kernel memory and user pointers that never crash.
 * access_ok() decides what is user memory: any range that does not wrap, lies below the
 * top of a 47-bit user space and touches neither the direct map nor the vmalloc space
 * (ukmem's user space is the calling process itself, so a buffer on the caller's stack or
 * heap is user memory). A copy then goes page by page: inside ukmem's user address space
 * through the mapping's records (a fault-driven page is faulted in first, and the copy is
 * made under user_mm.lock so the page cannot be unmapped meanwhile); elsewhere with
 * process_vm_readv/writev on the process itself, which stop at an unmapped or read-only
 * page instead of faulting. Every copy returns the bytes it could not copy. */
#include <errno.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include "mm/user_mm.h"

#define USER_SPACE_TOP	((1UL << 47) - PAGE_SIZE)

static bool overlaps(unsigned long start, unsigned long end, unsigned long lo, unsigned long hi)
{
	return start < hi && lo < end;
}

bool access_ok(const void __user *addr, unsigned long size)
{
	unsigned long start = (unsigned long)addr, end;

	if (check_add_overflow(start, size, &end) || end > USER_SPACE_TOP)
		return false;
	if (!size)
		return true;
	if (overlaps(start, end, PAGE_OFFSET, PAGE_OFFSET + direct_map_size))
		return false;
	return !overlaps(start, end, VMALLOC_START, VMALLOC_END);
}

/* A copy within one page of ukmem's user address space: all of it or nothing. */
static bool copy_mapped_page(unsigned long uaddr, void *kbuf, unsigned long len, bool to_user)
{
	bool ok;

	pthread_rwlock_rdlock(&user_mm.lock);
	ok = user_fault_in(uaddr, to_user) == 0;
	if (ok && to_user)
		memcpy((void *)uaddr, kbuf, len);
	else if (ok)
		memcpy(kbuf, (const void *)uaddr, len);
	pthread_rwlock_unlock(&user_mm.lock);
	return ok;
}

/* A copy to or from the rest of the process: the bytes copied. */
static unsigned long copy_process(unsigned long uaddr, void *kbuf, unsigned long len,
				  bool to_user)
{
	struct iovec local = { kbuf, len }, remote = { (void *)uaddr, len };
	ssize_t n = to_user ? process_vm_writev(getpid(), &local, 1, &remote, 1, 0)
			    : process_vm_readv(getpid(), &local, 1, &remote, 1, 0);

	return n > 0 ? (unsigned long)n : 0;
}

/* How much of [uaddr, uaddr + left) to copy in one step, and whether it is mapped space. */
static unsigned long next_step(unsigned long uaddr, unsigned long left, bool *mapped)
{
	*mapped = user_mm_contains(uaddr);
	if (*mapped)
		return min(left, PAGE_SIZE - offset_in_page(uaddr));
	if (uaddr < user_mm.start)
		return min(left, user_mm.start - uaddr);
	return left;
}

static unsigned long user_copy(unsigned long uaddr, void *kbuf, unsigned long n, bool to_user)
{
	unsigned long done = 0;

	if (!access_ok((void __user *)uaddr, n))
		return n;
	while (done < n) {
		bool mapped;
		unsigned long step = next_step(uaddr + done, n - done, &mapped);
		unsigned long copied;

		if (mapped)
			copied = copy_mapped_page(uaddr + done, (char *)kbuf + done, step, to_user) ?
				 step : 0;
		else
			copied = copy_process(uaddr + done, (char *)kbuf + done, step, to_user);
		done += copied;
		if (copied < step)
			break;
	}
	return n - done;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	return user_copy((unsigned long)to, (void *)from, n, true);
}

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned long left = user_copy((unsigned long)from, to, n, false);

	if (left)
		memset((char *)to + (n - left), 0, left);
	return left;
}

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

/* Copies the string at src in page-sized steps into dst (count bytes at most): its length,
 * count if no NUL came within count bytes, or -EFAULT if a fault came before the NUL. */
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
