/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz/fuzz.h: what the harnesses share -- the libFuzzer entry points and the check
 * that turns a broken invariant into a crash (so that libFuzzer, or the standalone
 * driver, keeps the input). */
#ifndef UKMEM_FUZZ_FUZZ_H
#define UKMEM_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond, ...)							\
	do {									\
		if (!(cond)) {							\
			fprintf(stderr, "fuzz: %s:%d: check failed: ", __FILE__, __LINE__); \
			fprintf(stderr, __VA_ARGS__);				\
			fputc('\n', stderr);					\
			abort();						\
		}								\
	} while (0)

#endif
