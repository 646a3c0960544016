/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/sysctl.h: /proc/sys tables (implemented in src/fs/proc_sysctl.c). A table is an
 * array of ctl_table ended by an empty entry; register_sysctl("vm", table) makes each
 * entry a file /proc/sys/vm/<procname> whose reads and writes go to its proc_handler.
 * As in Linux, the permission bits are the owner's for everyone (ukmem's user is root):
 * a 0200 file cannot be opened for reading. */
#ifndef UKMEM_LINUX_SYSCTL_H
#define UKMEM_LINUX_SYSCTL_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/list.h>

struct ctl_table;
struct ctl_table_header;

typedef int proc_handler(struct ctl_table *ctl, int write, void *buffer, size_t *lenp,
			 loff_t *ppos);

struct ctl_table {
	const char *procname;
	void *data;
	int maxlen;
	umode_t mode;
	struct ctl_table *child;	/* deprecated in Linux; unused */
	proc_handler *proc_handler;
	struct ctl_table_poll *poll;
	void *extra1;			/* the *_minmax handlers' bounds */
	void *extra2;
};

extern const int sysctl_vals[];
#define SYSCTL_ZERO		((void *)&sysctl_vals[0])
#define SYSCTL_ONE		((void *)&sysctl_vals[1])
#define SYSCTL_TWO		((void *)&sysctl_vals[2])
#define SYSCTL_THREE		((void *)&sysctl_vals[3])
#define SYSCTL_FOUR		((void *)&sysctl_vals[4])
#define SYSCTL_ONE_HUNDRED	((void *)&sysctl_vals[5])
#define SYSCTL_TWO_HUNDRED	((void *)&sysctl_vals[6])
#define SYSCTL_ONE_THOUSAND	((void *)&sysctl_vals[7])
#define SYSCTL_THREE_THOUSAND	((void *)&sysctl_vals[8])
#define SYSCTL_INT_MAX		((void *)&sysctl_vals[9])
#define SYSCTL_MAXOLDUID	((void *)&sysctl_vals[10])
#define SYSCTL_NEG_ONE		((void *)&sysctl_vals[11])

int proc_dointvec(struct ctl_table *table, int write, void *buffer, size_t *lenp, loff_t *ppos);
int proc_dointvec_minmax(struct ctl_table *table, int write, void *buffer, size_t *lenp,
			 loff_t *ppos);
int proc_douintvec(struct ctl_table *table, int write, void *buffer, size_t *lenp, loff_t *ppos);
int proc_douintvec_minmax(struct ctl_table *table, int write, void *buffer, size_t *lenp,
			  loff_t *ppos);

struct ctl_table_header *register_sysctl(const char *path, struct ctl_table *table);
void unregister_sysctl_table(struct ctl_table_header *header);

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/sysctl.h> brings with it, once this header is complete. */
#include <linux/linkage.h>
#include <linux/rbtree.h>
#include <linux/uidgid.h>
#include <linux/wait.h>
#endif
#endif
