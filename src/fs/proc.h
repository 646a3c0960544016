/* fs/proc.h: the /proc views. A subsystem registers a show function for a path at boot;
 * ukmem_proc_read() renders it into a seq_file and copies the text out. */
#ifndef UKMEM_FS_PROC_H
#define UKMEM_FS_PROC_H

#include <stddef.h>
#include <linux/compiler.h>

struct seq_file {
	char *buf;
	size_t size;
	size_t count;
	void *private;
};

__printf(2, 3) void seq_printf(struct seq_file *m, const char *fmt, ...);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
void seq_write(struct seq_file *m, const void *data, size_t len);

typedef int (*proc_show_t)(struct seq_file *m, void *data);
/* Registers (or replaces) the view at path; data is passed to show. */
int proc_create_single(const char *path, proc_show_t show, void *data);
void proc_remove_all(void);
/* Renders path into a new malloc'd NUL-terminated string (caller frees); NULL if unknown. */
char *proc_render(const char *path, size_t *len);

#endif
