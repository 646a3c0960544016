// SPDX-License-Identifier: LGPL-2.1-or-later
/* tests/helpers/kmsg.c: test-side readers of /dev/kmsg, /proc views and free counts. */
#include <stdlib.h>
#include <string.h>
#include <ukmem.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include "kmsg.h"

char *proc_text(const char *path)
{
	ssize_t len = ukmem_proc_read(path, NULL, 0);
	char *buf;

	if (len < 0)
		return NULL;
	buf = malloc((size_t)len + 1);
	ukmem_proc_read(path, buf, (size_t)len + 1);
	return buf;
}

bool kmsg_contains(const char *needle)
{
	return kmsg_count(needle) > 0;
}

size_t kmsg_count(const char *needle)
{
	char *log = proc_text("/dev/kmsg"), *line, *save = NULL;
	size_t n = 0;

	for (line = strtok_r(log, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		if (strstr(line, needle))
			n++;
	free(log);
	return n;
}

unsigned long free_pages_now(void)
{
	/* From /proc/zoneinfo, as any program on libukmem.so reads it: each zone's free
	 * pages and the pages on its per-CPU lists (which Linux does not count free). */
	char *text = proc_text("/proc/zoneinfo"), *p;
	unsigned long n = 0, v;

	if (!text)
		return 0;
	for (p = text; (p = strpbrk(p, "pc")); p++) {
		if (sscanf(p, "pages free %lu", &v) == 1 || sscanf(p, "count: %lu", &v) == 1)
			n += v;
	}
	free(text);
	return n;
}

unsigned long settled_free_pages(void)
{
	unsigned long head = 0, addr;

	/* The pages taken are kept on a list threaded through the pages themselves; each
	 * failure reclaims once, and __GFP_NORETRY keeps the OOM killer out of it. */
	while ((addr = __get_free_page(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY))) {
		*(unsigned long *)addr = head;
		head = addr;
	}
	while (head) {
		addr = head;
		head = *(unsigned long *)addr;
		free_page(addr);
	}
	return free_pages_now();
}
