// SPDX-License-Identifier: LGPL-2.1-or-later
/* tests/tools/tool_demo.c: `ukmem demo` prints every step's section and every /proc view it
 * promises, in plain text when stdout is a pipe, and writes its four pictures; its
 * order-9 allocation fails on fragmented memory and succeeds after compaction. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tool_exec.h"

static bool png_file(const char *dir, const char *name)
{
	static const unsigned char signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	unsigned char head[8] = { 0 };
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f)
		return false;
	fread(head, 1, sizeof(head), f);
	fclose(f);
	return !memcmp(head, signature, sizeof(signature));
}

Test(tool_demo, walks_every_section_and_view)
{
	static const char *const expected[] = {
		"== 1. kmalloc", "== 2. __get_free_pages", "== 3. vmalloc", "== 4. A slab cache",
		"== 5. A mempool", "== 6. Port I/O", "== 7. I/O memory", "== 8. mmap",
		"== 9. Pictures", "== 10. Fragmentation and compaction",
		"---- /proc/buddyinfo", "---- /proc/slabinfo", "---- /proc/vmallocinfo",
		"---- /proc/meminfo", "---- /proc/ioports", "---- /proc/iomem",
		"read back \"hello\"", "the constructor ran 48 times", "served 4 of 5 requests",
		"engine copied 25600 bytes to VRAM: DONE", "+     03f8-03ff : demo-serial",
		"+ demo_obj ", "the driver reads pixel (0,0) as 0xffffff", "---- /proc/self/maps",
		"rw-s 00000000 00:05 1", "/dev/demo_fb", "ukmem-memory.png", "ukmem-framebuffer.png",
		"alloc_pages(GFP_NOWAIT, 9) = NULL: no free block of 512 pages",
		"alloc_pages(GFP_NOWAIT, 9) = a block of 512 pages", "---- /proc/pagetypeinfo",
		"Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic      Isolate",
		"ukmem-compaction-before.png, ukmem-compaction-after.png",
		"0 report(s) printed",
	};
	char *dir = make_temp_dir(), *out;
	int status = run_command(&out, "cd %s && %s demo 2>&1", dir, UKMEM_TOOL);

	cr_assert_eq(status, 0, "%s", out);
	for (size_t i = 0; i < sizeof(expected) / sizeof(expected[0]); i++)
		cr_expect(strstr(out, expected[i]), "missing \"%s\" in:\n%s", expected[i], out);
	cr_expect(!strchr(out, '\033'), "escape sequences in plain output");
	cr_expect(png_file(dir, "ukmem-memory.png"));
	cr_expect(png_file(dir, "ukmem-framebuffer.png"));
	cr_expect(png_file(dir, "ukmem-compaction-before.png"));
	cr_expect(png_file(dir, "ukmem-compaction-after.png"));
	const char *moved = strstr(out, "compaction moved ");

	cr_expect(moved && strtoul(moved + strlen("compaction moved "), NULL, 10) > 1000,
		  "compaction moved the spread pages: %s", moved ? moved : out);
	run_command(NULL, "rm -rf %s", dir);
	free(out);
	free(dir);
}

Test(tool_demo, unknown_command_is_a_usage_error)
{
	char *out;

	cr_expect_eq(run_command(&out, "%s frobnicate 2>&1", UKMEM_TOOL), 2);
	cr_expect(strstr(out, "usage: ukmem COMMAND"));
	free(out);
}
