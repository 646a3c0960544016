// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs/proc_cmdline.c: /proc/cmdline, the command line the machine booted with (the
 * caller's words, then UKMEM_CMDLINE's), followed by a newline as Linux 6.1 prints it. */
#include <linux/seq_file.h>
#include <ukmem.h>
#include "fs/proc.h"
#include "machine/initcalls.h"

static int cmdline_show(struct seq_file *m, void *data)
{
	seq_puts(m, ukmem_cmdline());
	seq_putc(m, '\n');
	return 0;
}

int proc_cmdline_init(void)
{
	return proc_create_view("/proc/cmdline", cmdline_show, NULL);
}
