// SPDX-License-Identifier: LGPL-2.1-or-later
/* tests/malloc/test_malloc.c: libukmem-malloc.so under an ordinary program. This test
 * program links no ukmem: CTest runs it with LD_PRELOAD set (so Criterion itself, its
 * forks included, runs on ukmem too). It checks that the memory really is ukmem's, the
 * whole malloc family's contracts, threads (remote frees, thread exit), fork, dlopen,
 * and the kernel options given through UKMEM_CMDLINE, on the misuse program. */
#include <criterion/criterion.h>
#include <dlfcn.h>
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* The [start, end) ranges that map ukmem's memory file, from /proc/self/maps. */
static bool in_ukmem_memory(const void *p)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];
	bool found = false;

	cr_assert(f);
	while (!found && fgets(line, sizeof(line), f)) {
		unsigned long start, end;

		if (strstr(line, "memfd:ukmem-physmem") && sscanf(line, "%lx-%lx", &start, &end) == 2)
			found = (uintptr_t)p >= start && (uintptr_t)p < end;
	}
	fclose(f);
	return found;
}

static void *volatile keep;
static volatile size_t huge = SIZE_MAX / 8;	/* hidden from the compiler's size checks */

Test(malloc, memory_comes_from_ukmem)
{
	size_t sizes[] = { 1, 24, 100, 4000, 9000, 100000, 3 << 20, 40 << 20 };

	cr_assert_not_null(getenv("LD_PRELOAD"), "run me through ctest (LD_PRELOAD)");
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		char *p = malloc(sizes[i]);

		cr_assert_not_null(p);
		cr_expect(in_ukmem_memory(p), "malloc(%zu) = %p is not ukmem memory", sizes[i], p);
		memset(p, 0x5a, sizes[i]);
		cr_expect_geq(malloc_usable_size(p), sizes[i]);
		free(p);
	}
	/* the C library's own allocations come from ukmem too */
	char *s = strdup("hello");

	cr_expect(in_ukmem_memory(s));
	free(s);
}

static long rss_mib(void)
{
	long total, rss;
	FILE *f = fopen("/proc/self/statm", "r");

	cr_assert(f);
	cr_assert_eq(fscanf(f, "%ld %ld", &total, &rss), 2);
	fclose(f);
	return rss * sysconf(_SC_PAGESIZE) >> 20;
}

/* Freed memory goes back to the host: after 256 x malloc(1 MiB) is touched and freed,
 * RSS falls back to what it was plus the struct pages of the memory touched (1/64 of
 * it) and a margin, once the page reporting work has looked (2 s after the frees; up to
 * a minute allowed on a busy machine). */
Test(malloc, freed_memory_goes_back_to_the_host)
{
	enum { BLOCKS = 256 };
	static char *blk[BLOCKS];
	long before = rss_mib();

	for (int i = 0; i < BLOCKS; i++) {
		blk[i] = malloc(1 << 20);
		cr_assert_not_null(blk[i]);
		memset(blk[i], 0x5a, 1 << 20);
	}
	long peak = rss_mib();

	cr_assert_geq(peak, before + BLOCKS);
	for (int i = 0; i < BLOCKS; i++)
		free(blk[i]);
	long limit = before + before / 10 + peak / 64 + 4;
	int waited = 0;

	while (rss_mib() > limit && waited++ < 600)
		usleep(100 * 1000);
	cr_assert_leq(rss_mib(), limit, "RSS %ld MiB after freeing (before %ld, peak %ld)",
		      rss_mib(), before, peak);
}

Test(malloc, zero_and_huge_sizes)
{
	void *p = malloc(0);

	cr_assert_not_null(p, "malloc(0) returns a unique pointer");
	cr_expect_neq(p, keep = malloc(0));
	free(p);
	free(keep);
	errno = 0;
	cr_expect_null(keep = malloc(SIZE_MAX / 2));
	cr_expect_eq(errno, ENOMEM);
	errno = 0;
	cr_expect_null(keep = calloc(huge, 16));
	cr_expect_eq(errno, ENOMEM);
	errno = 0;
	cr_expect_null(keep = reallocarray(NULL, huge, 16));
	cr_expect_eq(errno, ENOMEM);
	free(NULL);
}

Test(malloc, calloc_zeroes_reused_memory)
{
	for (size_t size = 16; size <= (8 << 20); size *= 4) {
		char *p = malloc(size);

		memset(p, 0xff, size);
		free(p);
		p = calloc(1, size);
		cr_assert_not_null(p);
		for (size_t i = 0; i < size; i += 7)
			cr_assert_eq(p[i], 0, "calloc(%zu) byte %zu", size, i);
		cr_assert_eq(p[size - 1], 0);
		free(p);
	}
}

/* realloc keeps the contents across every path: slab, pages, vmalloc, and back. */
Test(malloc, realloc_keeps_contents)
{
	size_t sizes[] = { 8, 200, 3000, 8192, 20000, 1 << 20, 5 << 20, 9 << 20, 100, 1 };
	unsigned char *p = NULL;
	size_t have = 0;

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t n = sizes[i], keep_n = have < n ? have : n;

		p = realloc(p, n);
		cr_assert_not_null(p);
		for (size_t j = 0; j < keep_n; j++)
			cr_assert_eq(p[j], (unsigned char)(j * 31 + 7), "byte %zu lost growing to %zu", j, n);
		for (size_t j = 0; j < n; j++)
			p[j] = (unsigned char)(j * 31 + 7);
		have = n;
	}
	cr_expect_null(realloc(p, 0), "realloc(p, 0) frees p");
}

/* jemalloc's nallocx() says what malloc gives (redis-server asks it). */
Test(malloc, nallocx_matches_malloc)
{
	size_t (*nallocx)(size_t, int) = (size_t (*)(size_t, int))dlsym(RTLD_DEFAULT, "nallocx");
	size_t sizes[] = { 1, 40, 100, 300, 5000, 9000, 100000, 5 << 20 };

	cr_assert_not_null(nallocx);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		void *p = malloc(sizes[i]);

		cr_expect_eq(nallocx(sizes[i], 0), malloc_usable_size(p), "size %zu", sizes[i]);
		free(p);
	}
	cr_expect_eq(nallocx(300, 0), 320, "a quarter-step class");
	cr_expect_geq(nallocx(10, 12), 4096, "MALLOCX_LG_ALIGN(12)");
}

Test(malloc, alignments)
{
	for (size_t align = sizeof(void *); align <= (4 << 20); align *= 2) {
		size_t sizes[] = { 1, align - 1, align + 1, 3 * align + 5 };

		for (int i = 0; i < 4; i++) {
			void *p = NULL;

			cr_assert_eq(posix_memalign(&p, align, sizes[i]), 0);
			cr_assert_eq((uintptr_t)p % align, 0, "posix_memalign(%zu, %zu) = %p",
				     align, sizes[i], p);
			memset(p, 1, sizes[i]);
			cr_expect_geq(malloc_usable_size(p), sizes[i]);
			free(p);
			p = aligned_alloc(align, sizes[i]);
			cr_assert_eq((uintptr_t)p % align, 0);
			free(p);
			p = memalign(align, sizes[i]);
			cr_assert_eq((uintptr_t)p % align, 0);
			free(p);
		}
	}
	void *p;

	cr_expect_eq(posix_memalign(&p, 24, 10), EINVAL);
	errno = 0;
	cr_expect_null(keep = aligned_alloc(24, 10));
	cr_expect_eq(errno, EINVAL);
	p = valloc(10);
	cr_expect_eq((uintptr_t)p % 4096, 0);
	free(p);
	p = pvalloc(10);
	cr_expect_eq((uintptr_t)p % 4096, 0);
	cr_expect_geq(malloc_usable_size(p), 4096);
	free(p);
}

#define HANDOFF 20000

struct handoff {
	void *slots[HANDOFF];
};

static void *produce(void *arg)
{
	struct handoff *h = arg;

	for (int i = 0; i < HANDOFF; i++) {
		h->slots[i] = malloc(16 + i % 500);
		memset(h->slots[i], i & 0xff, 16 + i % 500);
	}
	return NULL;
}

/* Blocks allocated in one thread are freed in another after it exited. */
Test(malloc, threads_free_each_others_blocks)
{
	static struct handoff h[4];
	pthread_t t[4];

	for (int round = 0; round < 5; round++) {
		for (int i = 0; i < 4; i++)
			cr_assert_eq(pthread_create(&t[i], NULL, produce, &h[i]), 0);
		for (int i = 0; i < 4; i++)
			pthread_join(t[i], NULL);
		for (int i = 0; i < 4; i++)
			for (int j = 0; j < HANDOFF; j++) {
				cr_assert_eq(((unsigned char *)h[i].slots[j])[15], j & 0xff);
				free(h[i].slots[j]);
			}
	}
}

/* The memory the host has committed for ukmem's memory file. */
static size_t committed_bytes(void)
{
	char link[64], target[256];
	struct stat st;

	for (int fd = 3; fd < 1024; fd++) {
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		ssize_t n = readlink(link, target, sizeof(target) - 1);

		if (n <= 0)
			continue;
		target[n] = '\0';
		if (strstr(target, "memfd:ukmem-physmem") && fstat(fd, &st) == 0)
			return (size_t)st.st_blocks * 512;
	}
	cr_assert_fail("no ukmem memory file among the descriptors");
	return 0;
}

static void *cache_and_exit(void *unused)
{
	void *p[2000];

	for (int i = 0; i < 2000; i++)
		p[i] = malloc(64 + (i % 4) * 64);
	for (int i = 0; i < 2000; i++)
		free(p[i]);
	return NULL;
}

/* A thread's cached objects go back when it exits: many short-lived threads cost no
 * more memory than a few. */
Test(malloc, thread_exit_returns_its_caches)
{
	size_t after_few = 0;

	for (int i = 0; i < 400; i++) {
		pthread_t t;

		cr_assert_eq(pthread_create(&t, NULL, cache_and_exit, NULL), 0);
		pthread_join(t, NULL);
		if (i == 39)
			after_few = committed_bytes();
	}
	cr_expect_leq(committed_bytes(), after_few + (4 << 20),
		      "360 more threads grew committed memory from %zu to %zu", after_few,
		      committed_bytes());
}

static pthread_key_t late_key;

static void late_free(void *p)
{
	free(p);
}

static void *allocate_then_exit(void *arg)
{
	void *v[100];

	for (int i = 0; i < 100; i++)
		v[i] = malloc(16 + i * 8);
	for (int i = 0; i < 100; i++)
		free(v[i]);
	/* freed by a key destructor after ukmem's own has given the caches back */
	pthread_setspecific(late_key, malloc(40));
	return arg;
}

/* Threads whose teardown still frees after their caches were given back (later key
 * destructors, glibc's own thread buffers), many at a time: no thread may be left on
 * the slab allocator's registry after it is gone (this crashed python3's
 * test_functools before). */
Test(malloc, thread_teardown_frees_after_the_caches_are_gone)
{
	cr_assert_eq(pthread_key_create(&late_key, late_free), 0);
	for (int round = 0; round < 200; round++) {
		pthread_t t[8];

		for (int i = 0; i < 8; i++)
			cr_assert_eq(pthread_create(&t[i], NULL, allocate_then_exit, NULL), 0);
		for (int i = 0; i < 8; i++)
			pthread_join(t[i], NULL);
	}
	pthread_key_delete(late_key);
}

Test(malloc, fork_gives_the_child_its_own_heap)
{
	char *text = strdup("parent");
	char *big = malloc(6 << 20);
	int status;

	memset(big, 'P', 6 << 20);
	pid_t pid = fork();

	if (pid == 0) {
		int bad = strcmp(text, "parent") || big[(6 << 20) - 1] != 'P';

		strcpy(text, "child!");
		memset(big, 'C', 6 << 20);
		for (int i = 0; i < 10000; i++)
			free(malloc(i % 5000 + 1));
		_exit(bad);
	}
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child saw wrong data");
	cr_expect_str_eq(text, "parent");
	for (size_t i = 0; i < (6 << 20); i += 4096)
		cr_assert_eq(big[i], 'P', "the child's write reached the parent at %zu", i);
	free(text);
	free(big);
}

Test(malloc, dlopen_library_allocates)
{
	void *z = dlopen("libz.so.1", RTLD_NOW);
	char in[20000], out[30000], back[20000];
	unsigned long out_len = sizeof(out), back_len = sizeof(back);

	cr_assert_not_null(z, "%s", dlerror());
	int (*compress2)(void *, unsigned long *, const void *, unsigned long, int) =
		(int (*)(void *, unsigned long *, const void *, unsigned long, int))dlsym(z, "compress2");
	int (*uncompress)(void *, unsigned long *, const void *, unsigned long) =
		(int (*)(void *, unsigned long *, const void *, unsigned long))dlsym(z, "uncompress");
	cr_assert(compress2 && uncompress);
	for (size_t i = 0; i < sizeof(in); i++)
		in[i] = (char)("ukmem"[i % 5] + i / 1000);
	cr_assert_eq(compress2(out, &out_len, in, sizeof(in), 9), 0);	/* deflate mallocs */
	cr_assert_eq(uncompress(back, &back_len, out, out_len), 0);
	cr_assert_eq(back_len, sizeof(in));
	cr_assert_eq(memcmp(in, back, sizeof(in)), 0);
	dlclose(z);
}

/* Runs the misuse program under the preload with UKMEM_CMDLINE=cmdline; its stderr
 * (and stdout) land in out. Returns its exit status. */
static int run_misuse(const char *what, const char *cmdline, char *out, size_t size)
{
	char cmd[1024];
	FILE *f;
	size_t n;
	int status;

	snprintf(cmd, sizeof(cmd), "UKMEM_CMDLINE='%s' %s %s 2>&1", cmdline, MISUSE_PROGRAM, what);
	f = popen(cmd, "r");
	cr_assert_not_null(f);
	n = fread(out, 1, size - 1, f);
	out[n] = '\0';
	status = pclose(f);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static char out[1 << 16];

/* Frees the C library refuses end the program as glibc ends it: its message, abort(). */
static void check_refused(const char *what, const char *message)
{
	int status = run_misuse(what, "", out, sizeof(out));

	cr_assert(status == 128 || status == 128 + SIGABRT, "status %d: %s", status, out);
	cr_assert(strstr(out, message), "%s", out);
	cr_assert(!strstr(out, "survived"), "%s", out);
}

Test(malloc_misuse, aba_double_free_aborts_as_glibc)
{
	check_refused("aba", "free(): double free detected in tcache 2\n");
}

Test(malloc_misuse, interior_free_aborts_as_glibc)
{
	check_refused("interior", "free(): invalid pointer\n");
}

Test(malloc_misuse, interior_realloc_aborts_as_glibc)
{
	check_refused("rinterior", "realloc(): invalid pointer\n");
}

Test(malloc_options, slub_debug_catches_an_overrun)
{
	cr_assert_eq(run_misuse("overrun", "slub_debug=FZPU", out, sizeof(out)), 0);
	cr_expect(strstr(out, "BUG kmalloc-32 (Not tainted): Right Redzone overwritten"), "%s", out);
	cr_expect(strstr(out, "First byte 0x78 instead of 0xcc"), "%s", out);
	cr_expect(strstr(out, "FIX kmalloc-32: Restoring Right Redzone"), "%s", out);
	cr_expect(strstr(out, "malloc+"), "the allocation trace names malloc:\n%s", out);
	/* without the option (and KFENCE, which might sample the block), nothing is printed */
	cr_assert_eq(run_misuse("overrun", "kfence.sample_interval=0", out, sizeof(out)), 0);
	cr_expect_str_empty(out);
}

Test(malloc_options, kfence_finds_an_overrun_within_num_objects_mallocs)
{
	/* 255 rounds of malloc(32) and a 33-byte memset, 5 ms apart: nearly every round is
	 * sampled, so only the start of the reports is read */
	cr_assert_eq(run_misuse("kfence 2>&1 | head -c 32768", "kfence.sample_interval=1", out,
				sizeof(out)), 0);
	cr_expect(strstr(out, "BUG: KFENCE: out-of-bounds write in ") ||
		  strstr(out, "BUG: KFENCE: memory corruption in "), "%s", out);
	cr_expect(strstr(out, "(32B right of kfence-#") ||
		  strstr(out, " [ ! . . . . . . . . . . . . . . . ] (in kfence-#"), "%s", out);
	cr_expect(strstr(out, "Comm: malloc_misuse "), "%s", out);
}

Test(malloc_options, kmemleak_reports_lost_blocks_at_exit)
{
	cr_assert_eq(run_misuse("leak", "kmemleak=on", out, sizeof(out)), 0);
	cr_expect(strstr(out, "unreferenced object 0x"), "%s", out);
	cr_expect(strstr(out, "(size 224):"), "%s", out);
	cr_expect(strstr(out, "comm \"malloc_misuse\""), "%s", out);
	cr_expect(strstr(out, "malloc+"), "%s", out);
	cr_assert_eq(run_misuse("leak", "", out, sizeof(out)), 0);
	cr_expect_str_empty(out);
}

Test(malloc_options, failslab_fails_mallocs)
{
	cr_assert_eq(run_misuse("fail", "failslab=1,100,0,10 ukmem.fault=failslab.ignore-gfp-wait=0 "
			       "ukmem.fault=failslab.verbose=0", out, sizeof(out)), 0);
	cr_expect_str_eq(out, "10 failed\n");
	cr_assert_eq(run_misuse("fail", "", out, sizeof(out)), 0);
	cr_expect_str_eq(out, "0 failed\n");
}

Test(malloc_options, memory_report_at_exit)
{
	char cmd[512], path[] = "/tmp/ukmem-malloc-report-XXXXXX";
	int fd = mkstemp(path);
	char *text = out;
	FILE *f;
	size_t n;

	cr_assert_geq(fd, 0);
	close(fd);
	snprintf(cmd, sizeof(cmd), "UKMEM_MALLOC_REPORT=%s %s churn", path, MISUSE_PROGRAM);
	cr_assert_eq(system(cmd), 0);
	f = fopen(path, "r");
	cr_assert_not_null(f);
	n = fread(text, 1, sizeof(out) - 1, f);
	text[n] = '\0';
	fclose(f);
	unlink(path);
	cr_expect(strstr(text, "==> pid "), "%s", text);
	cr_expect(strstr(text, "host-resident memory"));
	cr_expect(strstr(text, "==> /proc/meminfo\nMemTotal:"));
	cr_expect(strstr(text, "Node 0, zone   Normal"));
	cr_expect(strstr(text, "slabinfo - version: 2.1"));
	cr_expect(strstr(text, "\nmalloc-48 "), "the library's own caches are listed");
}

Test(malloc_options, trace_file_has_the_page_events)
{
	char cmdline[256], path[] = "/tmp/ukmem-malloc-trace-XXXXXX";
	int fd = mkstemp(path);
	FILE *f;
	char line[512];
	int allocs = 0;

	cr_assert_geq(fd, 0);
	close(fd);
	snprintf(cmdline, sizeof(cmdline), "trace_event=kmem:mm_page_alloc ukmem.trace_file=%s", path);
	cr_assert_eq(run_misuse("churn", cmdline, out, sizeof(out)), 0);
	f = fopen(path, "r");
	cr_assert_not_null(f);
	while (fgets(line, sizeof(line), f))
		if (strstr(line, "mm_page_alloc: page=") && strstr(line, "order=5"))
			allocs++;
	fclose(f);
	unlink(path);
	/* 10 x malloc(100000): a 128 KiB block (order 5) each */
	cr_expect_geq(allocs, 1, "no order-5 mm_page_alloc line in the trace");
	cr_expect_leq(allocs, 10);
}
