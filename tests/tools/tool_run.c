// SPDX-License-Identifier: LGPL-2.1-or-later
/* tests/tools/tool_run.c: `ukmem run` exit statuses for clean, failing, BUG and WARN
 * modules (with and without --allow-taint), and `ukmem proc` reading a served machine's
 * views from another process. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "served_machine.h"
#include "tool_exec.h"

static int run_module(char **out, const char *options, const char *cmdline, const char *module,
		      const char *params)
{
	return run_command(out, "%s run %s --cmdline '%s' %s/%s.so %s 2>&1", UKMEM_TOOL,
			   options ? options : "", cmdline, MODULE_DIR, module, params ? params : "");
}

/* A module run: the exit status it must give and texts its output must hold. */
struct run_case {
	const char *module, *params, *cmdline;
	int status;
	const char *texts[3];
	const char *options;
};

static const struct run_case run_cases[] = {
	{ "tools_ok", NULL, "mem=64M", 0, { "tools_ok: holding 100 objects, tag none",
	  "tools_ok: released", "1 of 1 module(s) loaded and unloaded, 0 report(s), Not tainted" } },
	{ "tools_ok", "tag=hello", "mem=64M", 0, { "ukmem: loaded", "tag hello",
	  "1 of 1 module(s) loaded" } },
	{ "tools_fail_init", NULL, "mem=64M", 1, { "tools_fail_init: no device", "No such device" } },
	{ "tools_bug", NULL, "mem=64M", 3, { "kernel BUG at", "the machine stopped" } },
	{ "tools_warn", NULL, "mem=64M", 4, { "WARNING: CPU:",
	  "the kernel printed 1 report(s) (Tainted: G        W",
	  "exit status 4 (0 with --allow-taint)" } },
	{ "tools_warn", NULL, "mem=64M", 0, { "WARNING: CPU:", "1 report(s), Tainted:" },
	  "--allow-taint" },
	{ "tools_bug", NULL, "mem=64M", 3, { "kernel BUG at" }, "--allow-taint" },
	{ "tools_warn", NULL, "mem=64M panic_on_warn=1", 3, { "Kernel panic", "the machine stopped" } },
};

Test(tool_run, exit_status_and_log)
{
	for (size_t n = 0; n < sizeof(run_cases) / sizeof(run_cases[0]); n++) {
		const struct run_case *c = &run_cases[n];
		char *out;

		cr_expect_eq(run_module(&out, c->options, c->cmdline, c->module, c->params),
			     c->status, "%s %s:\n%s", c->module, c->cmdline, out);
		for (int i = 0; i < 3 && c->texts[i]; i++)
			cr_expect(strstr(out, c->texts[i]), "%s: no \"%s\" in:\n%s", c->module,
				  c->texts[i], out);
		free(out);
	}
}

Test(tool_run, missing_module_and_usage)
{
	char *out;

	/* a module file that does not exist is a usage error, found before booting */
	cr_expect_eq(run_module(&out, NULL, "mem=64M", "no_such_module", NULL), 2, "%s", out);
	free(out);
	cr_expect_eq(run_command(NULL, "%s run 2>/dev/null", UKMEM_TOOL), 2);
}

Test(tool_proc, reads_views_of_a_machine_in_another_process)
{
	struct served_machine m;
	char *slabinfo, *kmsg, *missing, *log, *meminfo;

	served_machine_start(&m);
	cr_expect_eq(run_command(&slabinfo, "UKMEM_CTL_DIR=%s %s proc --pid %d slabinfo", m.dir, UKMEM_TOOL, (int)m.pid), 0);
	cr_expect_eq(run_command(&meminfo, "UKMEM_CTL_DIR=%s %s proc --pid %d meminfo", m.dir, UKMEM_TOOL, (int)m.pid), 0);
	cr_expect_eq(run_command(&kmsg, "UKMEM_CTL_DIR=%s %s proc --pid %d /dev/kmsg", m.dir, UKMEM_TOOL, (int)m.pid), 0);
	cr_expect_eq(run_command(&missing, "UKMEM_CTL_DIR=%s %s proc --pid %d nosuchview 2>&1", m.dir, UKMEM_TOOL,
				 (int)m.pid), 1);
	cr_expect_eq(served_machine_stop(&m, &log), 0, "%s", log);

	cr_expect(strstr(slabinfo, "slabinfo - version: 2.1"), "%s", slabinfo);
	/* the module holds 100 objects: the cache's line counts at least that many */
	char *line = strstr(slabinfo, "tools_ok_cache");
	unsigned long active = 0;

	cr_assert(line, "%s", slabinfo);
	cr_expect_eq(sscanf(line, "tools_ok_cache %lu", &active), 1);
	cr_expect_geq(active, 100);
	cr_expect(strstr(kmsg, "tools_ok: holding 100 objects"), "%s", kmsg);
	cr_expect(strstr(missing, "No such file"), "%s", missing);
	cr_expect(strstr(log, "tools_ok: released"), "%s", log);
	/* a fresh process has room for x86-64's 32 TiB vmalloc space, less the byte of
	 * Linux's inclusive VMALLOC_END */
	cr_expect(strstr(meminfo, "VmallocTotal:   34359738367 kB\n"), "%s", meminfo);
	free(meminfo);
	free(slabinfo);
	free(kmsg);
	free(missing);
	free(log);
}
