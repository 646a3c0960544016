// SPDX-License-Identifier: LGPL-2.1-or-later
/* fuzz/standalone.c: a harness's main() without libFuzzer, for `make check` (gcc,
 * AddressSanitizer + UBSan). Usage: fuzz_<target>_standalone [-n MUTATIONS] DIR...
 * Runs every regular file of each DIR (the hand-written seeds of fuzz/corpus/<target>/
 * and the crashes of fuzz/regressions/<target>/), then MUTATIONS inputs made from them
 * by a fixed pseudo-random sequence (bit flips, byte changes, inserts, deletes, copied
 * runs, splices of two files), so that every run tries the same inputs. Before each
 * input its name is noted; when the harness fails (a sanitizer report or a failed
 * check), the input is written to ./fuzz-failed-input for fuzz_<target> to reproduce.
 * Exit status 0 when every input ran. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "fuzz.h"

#define INPUT_LIMIT	(64 << 10)

struct input {
	char *name;
	uint8_t *data;
	size_t size;
};

static struct input *inputs;
static size_t nr_inputs;

/* The input being run, for the death callback. */
static const uint8_t *running;
static size_t running_size;
static const char *running_name;

static void write_failed_input(void)
{
	FILE *f;

	if (!running)
		return;
	fprintf(stderr, "fuzz: the failing input is %s; written to ./fuzz-failed-input\n",
		running_name);
	f = fopen("fuzz-failed-input", "wb");
	if (f) {
		fwrite(running, 1, running_size, f);
		fclose(f);
	}
}

/* The sanitizers' runtime, when linked in, calls this before it exits with a report. */
extern void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

/* A failed FUZZ_CHECK aborts. */
static void on_abort(int sig)
{
	write_failed_input();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void run(const uint8_t *data, size_t size, const char *name)
{
	/* A copy of exactly size bytes, as libFuzzer passes it: overreads are caught. */
	uint8_t *copy = malloc(size ? size : 1);

	memcpy(copy, data, size);
	running = copy;
	running_size = size;
	running_name = name;
	LLVMFuzzerTestOneInput(copy, size);
	running = NULL;
	free(copy);
}

static void load_dir(const char *dir)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort);

	if (n < 0)
		return;			/* no regressions yet */
	for (int i = 0; i < n; i++) {
		char path[4096];
		struct stat st;
		FILE *f;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		free(names[i]);
		if (stat(path, &st) || !S_ISREG(st.st_mode) || st.st_size > INPUT_LIMIT ||
		    !strcmp(path + strlen(path) - 3, ".md"))
			continue;
		f = fopen(path, "rb");
		if (!f)
			continue;
		inputs = realloc(inputs, (nr_inputs + 1) * sizeof(*inputs));
		inputs[nr_inputs].name = strdup(path);
		inputs[nr_inputs].data = malloc((size_t)st.st_size + 1);
		inputs[nr_inputs].size = fread(inputs[nr_inputs].data, 1, (size_t)st.st_size, f);
		nr_inputs++;
		fclose(f);
	}
	free(names);
}

static uint64_t state = 0x9e3779b97f4a7c15ULL;

static uint64_t next(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

static size_t below(size_t n)
{
	return n ? (size_t)(next() % n) : 0;
}

/* One to four changes to buf (size *size, room for INPUT_LIMIT). */
static void mutate(uint8_t *buf, size_t *size)
{
	static const uint8_t interesting[] = { 0, 1, 0x7f, 0x80, 0xff, '\n', ' ', '=', ',', '0',
					       '9', '-', 'x', 'M', 'G' };
	int changes = 1 + (int)below(4);

	while (changes--) {
		size_t at = below(*size + 1), len;
		const struct input *other;

		switch (below(7)) {
		case 0:		/* flip a bit */
			if (*size)
				buf[below(*size)] ^= (uint8_t)(1u << below(8));
			break;
		case 1:		/* an interesting byte */
			if (*size)
				buf[below(*size)] = interesting[below(sizeof(interesting))];
			break;
		case 2:		/* a random byte */
			if (*size)
				buf[below(*size)] = (uint8_t)next();
			break;
		case 3:		/* insert a byte */
			if (*size < INPUT_LIMIT) {
				memmove(buf + at + 1, buf + at, *size - at);
				buf[at] = interesting[below(sizeof(interesting))];
				(*size)++;
			}
			break;
		case 4:		/* delete a run */
			len = below(*size - (at < *size ? at : *size) + 1);
			if (at < *size) {
				memmove(buf + at, buf + at + len, *size - at - len);
				*size -= len;
			}
			break;
		case 5:		/* copy a run of the input elsewhere in it */
			if (*size) {
				size_t from = below(*size);

				len = below(*size - from) + 1;
				if (*size + len <= INPUT_LIMIT) {
					memmove(buf + at + len, buf + at, *size - at);
					memmove(buf + at, buf + (from >= at ? from + len : from), len);
					*size += len;
				}
			}
			break;
		case 6:		/* splice: the head of this, the tail of another */
			other = &inputs[below(nr_inputs)];
			len = below(other->size + 1);
			if (at + (other->size - len) <= INPUT_LIMIT) {
				memcpy(buf + at, other->data + len, other->size - len);
				*size = at + (other->size - len);
			}
			break;
		}
	}
}

int main(int argc, char **argv)
{
	long mutations = 0;
	int opt, argc_copy = argc;
	struct timespec t0, t1;
	uint8_t *buf;

	while ((opt = getopt(argc, argv, "n:")) != -1) {
		if (opt != 'n') {
			fprintf(stderr, "usage: %s [-n MUTATIONS] DIR...\n", argv[0]);
			return 2;
		}
		mutations = strtol(optarg, NULL, 10);
	}
	for (int i = optind; i < argc; i++)
		load_dir(argv[i]);
	if (!nr_inputs) {
		fprintf(stderr, "%s: no inputs in the directories given\n", argv[0]);
		return 2;
	}
	if (__sanitizer_set_death_callback)
		__sanitizer_set_death_callback(write_failed_input);
	signal(SIGABRT, on_abort);
	LLVMFuzzerInitialize(&argc_copy, &argv);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (size_t i = 0; i < nr_inputs; i++)
		run(inputs[i].data, inputs[i].size, inputs[i].name);
	buf = malloc(INPUT_LIMIT);
	for (long m = 0; m < mutations; m++) {
		const struct input *in = &inputs[below(nr_inputs)];
		size_t size = in->size;
		char name[64];

		memcpy(buf, in->data, size);
		mutate(buf, &size);
		snprintf(name, sizeof(name), "mutation %ld", m);
		run(buf, size, name);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%s: %zu files and %ld mutations in %.1f s\n", argv[0], nr_inputs, mutations,
	       (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	free(buf);
	return 0;
}
