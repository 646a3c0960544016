/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tests/tools/served_machine.h: a `ukmem run --serve` machine in the background, for the
 * proc and top tests. */
#ifndef UKMEM_TEST_SERVED_MACHINE_H
#define UKMEM_TEST_SERVED_MACHINE_H
#include <sys/types.h>

struct served_machine {
	pid_t pid;
	char *dir;		/* UKMEM_CTL_DIR, also holding run.out */
};

/* Starts `ukmem run --serve MODULE_DIR/tools_ok.so` and waits until its socket exists. */
void served_machine_start(struct served_machine *m);
/* SIGTERM; returns the exit status; *out gets run.out's text (malloc'd) if out. */
int served_machine_stop(struct served_machine *m, char **out);

#endif
