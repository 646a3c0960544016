// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/utsname.c: init_uts_ns, the machine's uname: "Linux", the host's node name
 * (read at boot), release "6.1.0-ukmem", version "#1 SMP PREEMPT_DYNAMIC", "x86_64",
 * domain "(none)" as Linux starts with. */
#include <stdio.h>
#include <sys/utsname.h>
#include <linux/export.h>
#include <linux/utsname.h>
#include "machine/initcalls.h"

extern struct user_namespace init_user_ns;

struct uts_namespace init_uts_ns = {
	.name = {
		.sysname	= "Linux",
		.nodename	= "(none)",
		.release	= "6.1.0-ukmem",
		.version	= "#1 SMP PREEMPT_DYNAMIC",
		.machine	= "x86_64",
		.domainname	= "(none)",
	},
	.user_ns = &init_user_ns,
};
EXPORT_SYMBOL_GPL(init_uts_ns);

int uts_init(void)
{
	struct utsname host;

	if (uname(&host) == 0)
		snprintf(init_uts_ns.name.nodename, sizeof(init_uts_ns.name.nodename), "%.*s",
			 __NEW_UTS_LEN, host.nodename);
	return 0;
}
