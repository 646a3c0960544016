// SPDX-License-Identifier: LGPL-2.1-or-later
/* examples/chardev/kbuf_mmap.c: the classic way to share a kernel buffer with user
 * space. A misc device, /dev/kbuf, owns 16 KiB from __get_free_pages; read, write and
 * lseek work on the buffer, and mmap maps it with remap_pfn_range, so the process and the
 * driver use the same bytes. A mapping reaching past the buffer (offset included) is
 * refused with -EINVAL. vm_ops open/close count the live mappings. */
#include <linux/atomic.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/uaccess.h>

#define KBUF_ORDER	2
#define KBUF_SIZE	(PAGE_SIZE << KBUF_ORDER)

static char *kbuf;
static atomic_t kbuf_mappings = ATOMIC_INIT(0);

static void kbuf_vma_open(struct vm_area_struct *vma)
{
	atomic_inc(&kbuf_mappings);
}

static void kbuf_vma_close(struct vm_area_struct *vma)
{
	atomic_dec(&kbuf_mappings);
}

static const struct vm_operations_struct kbuf_vm_ops = {
	.open = kbuf_vma_open,
	.close = kbuf_vma_close,
};

static int kbuf_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long size = vma->vm_end - vma->vm_start;
	unsigned long offset = vma->vm_pgoff << PAGE_SHIFT;
	unsigned long pfn = virt_to_phys(kbuf + offset) >> PAGE_SHIFT;

	if (offset >= KBUF_SIZE || size > KBUF_SIZE - offset)
		return -EINVAL;
	if (remap_pfn_range(vma, vma->vm_start, pfn, size, vma->vm_page_prot))
		return -EAGAIN;
	vma->vm_ops = &kbuf_vm_ops;
	kbuf_vma_open(vma);
	return 0;
}

static ssize_t kbuf_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	return simple_read_from_buffer(buf, count, ppos, kbuf, KBUF_SIZE);
}

static ssize_t kbuf_write(struct file *file, const char __user *buf, size_t count,
			  loff_t *ppos)
{
	return simple_write_to_buffer(kbuf, KBUF_SIZE, ppos, buf, count);
}

static loff_t kbuf_llseek(struct file *file, loff_t offset, int whence)
{
	return fixed_size_llseek(file, offset, whence, KBUF_SIZE);
}

static const struct file_operations kbuf_fops = {
	.owner = THIS_MODULE,
	.read = kbuf_read,
	.write = kbuf_write,
	.llseek = kbuf_llseek,
	.mmap = kbuf_mmap,
};

static struct miscdevice kbuf_device = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "kbuf",
	.fops = &kbuf_fops,
	.mode = 0666,
};

static int __init kbuf_mmap_init(void)
{
	int err;

	kbuf = (char *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, KBUF_ORDER);
	if (!kbuf)
		return -ENOMEM;
	strcpy(kbuf, "hello from the kernel buffer");
	err = misc_register(&kbuf_device);
	if (err) {
		free_pages((unsigned long)kbuf, KBUF_ORDER);
		return err;
	}
	pr_info("kbuf_mmap: /dev/kbuf, %lu bytes at phys %#llx\n", KBUF_SIZE,
		(unsigned long long)virt_to_phys(kbuf));
	return 0;
}

static void __exit kbuf_mmap_exit(void)
{
	misc_deregister(&kbuf_device);
	free_pages((unsigned long)kbuf, KBUF_ORDER);
}

module_init(kbuf_mmap_init);
module_exit(kbuf_mmap_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mmap of a __get_free_pages buffer with remap_pfn_range");
