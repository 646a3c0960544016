// SPDX-License-Identifier: LGPL-2.1-or-later
/* host/stacks.c: finding the roots of a conservative scan in the host process. Segments
 * come from dl_iterate_phdr (PT_LOAD with PF_W); the calling thread's stack bounds from
 * pthread_getattr_np; other threads' stack pointers from /proc/self/task/N/syscall,
 * which the kernel fills in for a thread blocked in (or preempted outside) a system
 * call, and their stack's end from the /proc/self/maps line holding that pointer. */
#include <dirent.h>
#include <link.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "host/stacks.h"

struct segment_walk {
	host_range_fn fn;
	void *arg;
};

static int visit_object(struct dl_phdr_info *info, size_t size, void *data)
{
	struct segment_walk *walk = data;

	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];

		if (ph->p_type == PT_LOAD && (ph->p_flags & PF_W) && ph->p_memsz)
			walk->fn(info->dlpi_addr + ph->p_vaddr,
				 info->dlpi_addr + ph->p_vaddr + ph->p_memsz, walk->arg);
	}
	return 0;
}

void host_for_each_writable_segment(host_range_fn fn, void *arg)
{
	struct segment_walk walk = { fn, arg };

	dl_iterate_phdr(visit_object, &walk);
}

void host_current_stack(unsigned long sp, host_range_fn fn, void *arg)
{
	pthread_attr_t attr;
	void *addr;
	size_t size;

	if (pthread_getattr_np(pthread_self(), &attr))
		return;
	if (!pthread_attr_getstack(&attr, &addr, &size) &&
	    sp >= (unsigned long)addr && sp < (unsigned long)addr + size)
		fn(sp, (unsigned long)addr + size, arg);
	pthread_attr_destroy(&attr);
}

/* The end of the mapping holding addr, or 0. */
static unsigned long mapping_end(unsigned long addr)
{
	FILE *maps = fopen("/proc/self/maps", "re");
	unsigned long start, end, found = 0;
	char line[512];

	if (!maps)
		return 0;
	while (!found && fgets(line, sizeof(line), maps))
		if (sscanf(line, "%lx-%lx", &start, &end) == 2 && addr >= start && addr < end)
			found = end;
	fclose(maps);
	return found;
}

/* A blocked thread's stack pointer from its syscall file: "nr a1 .. a6 sp pc", or
 * "-1 sp pc" outside a system call; 0 while it runs. */
static unsigned long thread_stack_pointer(const char *tid)
{
	char path[64], text[256], *words[9];
	int n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/task/%s/syscall", tid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	if (!fgets(text, sizeof(text), f))
		text[0] = '\0';
	fclose(f);
	for (char *save, *w = strtok_r(text, " \n", &save); w && n < 9;
	     w = strtok_r(NULL, " \n", &save))
		words[n++] = w;
	if (n == 9)
		return strtoul(words[7], NULL, 16);
	if (n == 3)
		return strtoul(words[1], NULL, 16);
	return 0;
}

int host_other_thread_stacks(host_range_fn fn, void *arg)
{
	DIR *dir = opendir("/proc/self/task");
	char self[16];
	struct dirent *d;
	int skipped = 0;

	if (!dir)
		return 0;
	snprintf(self, sizeof(self), "%d", gettid());
	while ((d = readdir(dir))) {
		unsigned long sp, end;

		if (d->d_name[0] == '.' || !strcmp(d->d_name, self))
			continue;
		sp = thread_stack_pointer(d->d_name);
		end = sp ? mapping_end(sp) : 0;
		if (end)
			fn(sp & ~7UL, end, arg);
		else
			skipped++;
	}
	closedir(dir);
	return skipped;
}
