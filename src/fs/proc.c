/* fs/proc.c: the registry of /proc views and the seq_file buffer they print into.
 * The table is small and only touched at boot, shutdown and on reads; a mutex guards it. */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/kernel.h>
#include "fs/proc.h"
#include "machine/boot.h"

#define MAX_PROC_ENTRIES 64

struct proc_entry {
	char path[64];
	proc_show_t show;
	void *data;
};

static struct proc_entry proc_entries[MAX_PROC_ENTRIES];
static int nr_proc_entries;
static pthread_mutex_t proc_lock = PTHREAD_MUTEX_INITIALIZER;

static void seq_reserve(struct seq_file *m, size_t more)
{
	size_t need = m->count + more + 1;
	char *grown;

	if (need <= m->size)
		return;
	while (m->size < need)
		m->size = m->size ? m->size * 2 : 4096;
	grown = realloc(m->buf, m->size);
	if (!grown)
		abort();
	m->buf = grown;
}

void seq_write(struct seq_file *m, const void *data, size_t len)
{
	seq_reserve(m, len);
	memcpy(m->buf + m->count, data, len);
	m->count += len;
	m->buf[m->count] = '\0';
}

void seq_puts(struct seq_file *m, const char *s)
{
	seq_write(m, s, strlen(s));
}

void seq_putc(struct seq_file *m, char c)
{
	seq_write(m, &c, 1);
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(NULL, 0, fmt, args);
	va_end(args);
	if (n <= 0)
		return;
	seq_reserve(m, (size_t)n);
	va_start(args, fmt);
	vsnprintf(m->buf + m->count, (size_t)n + 1, fmt, args);
	va_end(args);
	m->count += (size_t)n;
}

int proc_create_single(const char *path, proc_show_t show, void *data)
{
	int i, err = 0;

	pthread_mutex_lock(&proc_lock);
	for (i = 0; i < nr_proc_entries; i++)
		if (!strcmp(proc_entries[i].path, path))
			break;
	if (i == nr_proc_entries) {
		if (nr_proc_entries == MAX_PROC_ENTRIES)
			err = -ENOSPC;
		else
			nr_proc_entries++;
	}
	if (!err) {
		snprintf(proc_entries[i].path, sizeof(proc_entries[i].path), "%s", path);
		proc_entries[i].show = show;
		proc_entries[i].data = data;
	}
	pthread_mutex_unlock(&proc_lock);
	return err;
}

void proc_remove_all(void)
{
	pthread_mutex_lock(&proc_lock);
	nr_proc_entries = 0;
	pthread_mutex_unlock(&proc_lock);
}

char *proc_render(const char *path, size_t *len)
{
	struct seq_file m = { 0 };
	proc_show_t show = NULL;
	void *data = NULL;

	pthread_mutex_lock(&proc_lock);
	for (int i = 0; i < nr_proc_entries; i++) {
		if (!strcmp(proc_entries[i].path, path)) {
			show = proc_entries[i].show;
			data = proc_entries[i].data;
		}
	}
	pthread_mutex_unlock(&proc_lock);
	if (!show)
		return NULL;
	seq_reserve(&m, 0);
	m.buf[0] = '\0';
	show(&m, data);
	*len = m.count;
	return m.buf;
}

ssize_t ukmem_proc_read(const char *path, char *buf, size_t size)
{
	size_t len;
	char *text;

	ukmem_ensure_booted();
	text = proc_render(path, &len);
	if (!text) {
		errno = ENOENT;
		return -1;
	}
	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(buf, text, n);
		buf[n] = '\0';
	}
	free(text);
	return (ssize_t)len;
}
