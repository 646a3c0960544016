// SPDX-License-Identifier: LGPL-2.1-or-later
/* examples/chardev/vmalloc_fault.c: a vmalloc buffer mapped page by page on demand, as
 * LDD3's scullv does. /dev/vmfault's mmap only installs vm_ops; the first touch of each
 * page calls vmfault_fault, which finds the buffer's page with vmalloc_to_page and hands
 * it over with a reference. Pages past the buffer give SIGBUS. vmfault_faults counts the
 * pages handed out. Parameter: pages= (buffer size in pages, default 256). */
#include <linux/atomic.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/vmalloc.h>

static unsigned int vmfault_pages = 256;
module_param_named(pages, vmfault_pages, uint, 0444);

static char *vmfault_buf;
static atomic_t vmfault_faults = ATOMIC_INIT(0);

static vm_fault_t vmfault_fault(struct vm_fault *vmf)
{
	struct page *page;

	if (vmf->pgoff >= vmfault_pages)
		return VM_FAULT_SIGBUS;
	page = vmalloc_to_page(vmfault_buf + (vmf->pgoff << PAGE_SHIFT));
	get_page(page);
	vmf->page = page;
	atomic_inc(&vmfault_faults);
	return 0;
}

static const struct vm_operations_struct vmfault_vm_ops = {
	.fault = vmfault_fault,
};

static int vmfault_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &vmfault_vm_ops;
	vma->vm_flags |= VM_DONTEXPAND | VM_DONTDUMP;
	return 0;
}

static const struct file_operations vmfault_fops = {
	.owner = THIS_MODULE,
	.mmap = vmfault_mmap,
	.llseek = noop_llseek,
};

static struct miscdevice vmfault_device = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "vmfault",
	.fops = &vmfault_fops,
	.mode = 0666,
};

static int __init vmalloc_fault_init(void)
{
	int err;

	vmfault_buf = vzalloc((unsigned long)vmfault_pages << PAGE_SHIFT);
	if (!vmfault_buf)
		return -ENOMEM;
	err = misc_register(&vmfault_device);
	if (err)
		vfree(vmfault_buf);
	return err;
}

static void __exit vmalloc_fault_exit(void)
{
	misc_deregister(&vmfault_device);
	vfree(vmfault_buf);
	pr_info("vmalloc_fault: %d pages faulted in\n", atomic_read(&vmfault_faults));
}

module_init(vmalloc_fault_init);
module_exit(vmalloc_fault_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mmap of a vmalloc buffer through a fault handler");
