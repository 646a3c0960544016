// SPDX-License-Identifier: LGPL-2.1-or-later
/* fuzz/ctl.c: the control socket's protocol (src/fs/ctl.c), both ends. One machine is
 * booted once and serves its views (ukmem_ctl_listen) in a private directory; a second
 * socket there is a fake server run by this harness. The first byte of an input chooses
 * the end:
 * - even: the rest is a client's request, sent to the real server in pieces whose sizes
 *   come from the input, then the client's side is shut. The answer must be what the
 *   protocol says for those bytes: nothing (no newline among fewer than 256 bytes),
 *   "ERR 36" (256 bytes without a newline), "ERR 22" (a NUL before the newline),
 *   "ERR 2" (no such view) or "OK <length>" and exactly that many bytes, and the same
 *   view read in-process must exist.
 * - odd: the rest is the fake server's answer to ukmem_ctl_read(), with a buffer size
 *   from the first byte. ukmem_ctl_read() must return the length an answer
 *   "OK <length>\n" announced with exactly that many bytes following (the text copied
 *   as snprintf would, NUL-terminated), or -1 with errno EPROTO or the errno of an
 *   "ERR <errno>" answer; never a wait (the fake server closes after its answer). */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <ukmem.h>
#include "fuzz.h"

#define REQUEST_MAX	256		/* the server's limit, with the newline */

static char dir[] = "/tmp/ukmem-fuzz-ctl-XXXXXX";
static char real_path[64], fake_path[64];
static int fake_fd;

/* The fake server's answer to the next client. */
static const uint8_t *answer;
static size_t answer_len;
static pthread_mutex_t answer_lock = PTHREAD_MUTEX_INITIALIZER;

static void *fake_server(void *unused)
{
	for (;;) {
		int fd = accept(fake_fd, NULL, NULL);
		char c;

		if (fd < 0)
			continue;
		/* the request: up to its newline (libFuzzer's SIGALRM may interrupt a call) */
		for (ssize_t n; (n = recv(fd, &c, 1, 0)) == 1 ? c != '\n' : n < 0 && errno == EINTR; )
			;
		pthread_mutex_lock(&answer_lock);
		for (size_t at = 0; at < answer_len; ) {
			ssize_t n = send(fd, answer + at, answer_len - at, MSG_NOSIGNAL);

			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			at += (size_t)n;
		}
		pthread_mutex_unlock(&answer_lock);
		close(fd);
	}
	return NULL;
}

static int bind_socket(const char *path)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	strcpy(addr.sun_path, path);
	FUZZ_CHECK(fd >= 0 && !bind(fd, (struct sockaddr *)&addr, sizeof(addr)) &&
		   !listen(fd, 16), "the fake server's socket: %m");
	return fd;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	pthread_t thread;

	unsetenv("UKMEM_CMDLINE");
	FUZZ_CHECK(mkdtemp(dir), "mkdtemp: %m");
	snprintf(real_path, sizeof(real_path), "%s/ctl", dir);
	snprintf(fake_path, sizeof(fake_path), "%s/fake", dir);
	FUZZ_CHECK(!ukmem_boot("mem=32M kfence.sample_interval=0"), "boot failed");
	FUZZ_CHECK(!ukmem_ctl_listen(real_path), "ukmem_ctl_listen failed");
	fake_fd = bind_socket(fake_path);
	FUZZ_CHECK(!pthread_create(&thread, NULL, fake_server, NULL), "no thread");
	pthread_detach(thread);
	return 0;
}

/* What the server must answer to the bytes req: the header it must start with, or ""
 * for nothing at all. */
static const char *expected_header(const uint8_t *req, size_t len, char *view)
{
	size_t seen = len < REQUEST_MAX ? len : REQUEST_MAX;
	const uint8_t *nl = memchr(req, '\n', seen);

	if (!nl)
		return len >= REQUEST_MAX ? "ERR 36\n" : "";
	if (memchr(req, '\0', (size_t)(nl - req)))
		return "ERR 22\n";
	memcpy(view, req, (size_t)(nl - req));
	view[nl - req] = '\0';
	return ukmem_proc_read(view, NULL, 0) < 0 ? "ERR 2\n" : "OK ";
}

static void as_client(const uint8_t *data, size_t size)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	struct timeval timeout = { .tv_sec = 30 };
	char view[REQUEST_MAX + 1], *got = NULL, *end;
	const char *want = expected_header(data, size, view);
	size_t got_len = 0, at = 0, piece = 1;
	unsigned long long len;
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ssize_t n;

	strcpy(addr.sun_path, real_path);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
	FUZZ_CHECK(!connect(fd, (struct sockaddr *)&addr, sizeof(addr)), "connect: %m");
	/* pieces of 1, 2, 4, ... bytes: requests that arrive in parts */
	while (at < size) {
		size_t len = size - at < piece ? size - at : piece;

		n = send(fd, data + at, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;		/* the server answered and closed */
		at += (size_t)n;
		piece *= 2;
	}
	shutdown(fd, SHUT_WR);
	for (;;) {
		got = realloc(got, got_len + 65536 + 1);
		n = recv(fd, got + got_len, 65536, 0);
		if (n < 0 && errno == EINTR)
			continue;	/* libFuzzer's SIGALRM, each second */
		if (n <= 0)
			break;
		got_len += (size_t)n;
	}
	FUZZ_CHECK(n == 0 || errno == ECONNRESET, "reading the answer: %m");
	close(fd);
	got[got_len] = '\0';
	if (!*want || strcmp(want, "OK ")) {
		FUZZ_CHECK(got_len == strlen(want) && !memcmp(got, want, got_len),
			   "the answer \"%.*s\", not \"%s\"", (int)got_len, got, want);
	} else {
		FUZZ_CHECK(!strncmp(got, "OK ", 3), "the answer \"%.40s\" to view %s", got, view);
		len = strtoull(got + 3, &end, 10);
		FUZZ_CHECK(*end == '\n' && len == got_len - (size_t)(end + 1 - got),
			   "the answer announced %llu bytes and sent %zu", len,
			   got_len - (size_t)(end + 1 - got));
	}
	free(got);
}

static void as_server(uint8_t sizes, const uint8_t *data, size_t size)
{
	static const size_t buf_sizes[] = { 0, 1, 7, 64, 4096, 65536 };
	size_t buf_size = buf_sizes[(sizes >> 1) % 6];
	char *buf = buf_size ? malloc(buf_size) : NULL;
	unsigned long long len;
	ssize_t ret;
	char *end;
	int err;

	pthread_mutex_lock(&answer_lock);
	answer = data;
	answer_len = size;
	pthread_mutex_unlock(&answer_lock);
	errno = 0;
	ret = ukmem_ctl_read(fake_path, "/proc/meminfo", buf, buf_size);
	err = errno;
	pthread_mutex_lock(&answer_lock);
	answer_len = 0;
	pthread_mutex_unlock(&answer_lock);
	if (ret < 0) {
		FUZZ_CHECK(ret == -1 && (err == EPROTO || (size > 4 && !memcmp(data, "ERR", 3))),
			   "ukmem_ctl_read = %zd, errno %d, answer \"%.*s\"", ret, err, (int)size,
			   data);
	} else {
		const uint8_t *nl = memchr(data, '\n', size);
		size_t text_len, copied;

		FUZZ_CHECK(size > 3 && !memcmp(data, "OK", 2) && nl,
			   "ukmem_ctl_read = %zd for the answer \"%.*s\"", ret, (int)size, data);
		len = strtoull((const char *)data + 2, &end, 10);
		text_len = size - (size_t)(nl + 1 - data);
		FUZZ_CHECK((size_t)ret == text_len, "ukmem_ctl_read = %zd; the answer (\"%.*s\") "
			   "had %zu bytes of text", ret, (int)size, data, text_len);
		(void)len;
		if (buf_size) {
			copied = text_len < buf_size - 1 ? text_len : buf_size - 1;
			FUZZ_CHECK(!memcmp(buf, nl + 1, copied) && buf[copied] == '\0',
				   "the text was not copied as snprintf would");
		}
	}
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size || size > 8192)
		return 0;
	if (data[0] & 1)
		as_server(data[0], data + 1, size - 1);
	else
		as_client(data + 1, size - 1);
	return 0;
}
