// SPDX-License-Identifier: LGPL-2.1-or-later
/* examples/chardev/vmalloc_remap.c: a vmalloc_user buffer mapped whole at mmap time
 * with remap_vmalloc_range. /dev/vmremap's mapping holds a reference on every page, so
 * unloading the driver (which vfrees the buffer) while a process still has it mapped
 * leaves the pages with the process until munmap. Parameter: pages= (default 64). */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/vmalloc.h>

static unsigned int vmremap_pages = 64;
module_param_named(pages, vmremap_pages, uint, 0444);

static char *vmremap_buf;

static int vmremap_mmap(struct file *file, struct vm_area_struct *vma)
{
	return remap_vmalloc_range(vma, vmremap_buf, vma->vm_pgoff);
}

static const struct file_operations vmremap_fops = {
	.owner = THIS_MODULE,
	.mmap = vmremap_mmap,
	.llseek = noop_llseek,
};

static struct miscdevice vmremap_device = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "vmremap",
	.fops = &vmremap_fops,
	.mode = 0666,
};

static int __init vmalloc_remap_init(void)
{
	int err;

	vmremap_buf = vmalloc_user((unsigned long)vmremap_pages << PAGE_SHIFT);
	if (!vmremap_buf)
		return -ENOMEM;
	for (unsigned int i = 0; i < vmremap_pages; i++)	/* each page starts with its number */
		*(u32 *)(vmremap_buf + ((unsigned long)i << PAGE_SHIFT)) = i;
	err = misc_register(&vmremap_device);
	if (err)
		vfree(vmremap_buf);
	return err;
}

static void __exit vmalloc_remap_exit(void)
{
	misc_deregister(&vmremap_device);
	vfree(vmremap_buf);
}

module_init(vmalloc_remap_init);
module_exit(vmalloc_remap_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("mmap of a vmalloc_user buffer with remap_vmalloc_range");
