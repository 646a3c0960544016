// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs/ctl.c: the control socket through which another process reads a running
 * machine's /proc views (ukmem proc, ukmem top). One listening unix stream socket per
 * machine, served by one thread. A request is one line, the view's path ("/proc/slabinfo\n");
 * the answer is "OK <length>\n" and the text, or "ERR <errno>\n"; then the server closes
 * the connection. The server only renders views, so it changes nothing in the machine.
 * Invariant: at most one server; ukmem_ctl_close() joins its thread and removes the
 * socket file, and must run before ukmem_shutdown(). */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <ukmem.h>
#include "fs/proc.h"

#define CTL_REQUEST_MAX	256

static struct {
	int fd;			/* listening socket; -1 when not serving */
	pthread_t thread;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
} server = { .fd = -1 };

static int write_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Reads one request line into buf (without the newline). */
static int read_request(int fd, char *buf, size_t size)
{
	size_t len = 0;

	while (len < size - 1) {
		ssize_t n = read(fd, buf + len, 1);

		if (n <= 0)
			return -1;
		if (buf[len] == '\n')
			break;
		len++;
	}
	buf[len] = '\0';
	return 0;
}

static void answer(int fd)
{
	char request[CTL_REQUEST_MAX], header[64];
	size_t len;
	char *text;

	if (read_request(fd, request, sizeof(request)))
		return;
	text = proc_render(request, &len);
	if (!text) {
		snprintf(header, sizeof(header), "ERR %d\n", ENOENT);
		write_all(fd, header, strlen(header));
		return;
	}
	snprintf(header, sizeof(header), "OK %zu\n", len);
	if (!write_all(fd, header, strlen(header)))
		write_all(fd, text, len);
	free(text);
}

static void *serve(void *unused)
{
	for (;;) {
		int fd = accept(server.fd, NULL, NULL);

		if (fd < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			return NULL;	/* ukmem_ctl_close() shut the socket down */
		}
		answer(fd);
		close(fd);
	}
}

static int socket_address(const char *path, struct sockaddr_un *addr)
{
	memset(addr, 0, sizeof(*addr));
	addr->sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(addr->sun_path))
		return -ENAMETOOLONG;
	strcpy(addr->sun_path, path);
	return 0;
}

int ukmem_ctl_listen(const char *path)
{
	struct sockaddr_un addr;
	int fd, err;

	if (server.fd >= 0)
		return -EBUSY;
	err = socket_address(path, &addr);
	if (err)
		return err;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	unlink(path);
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) || listen(fd, 8)) {
		err = -errno;
		close(fd);
		return err;
	}
	server.fd = fd;
	strcpy(server.path, path);
	err = -pthread_create(&server.thread, NULL, serve, NULL);
	if (err) {
		close(fd);
		unlink(path);
		server.fd = -1;
	}
	return err;
}

void ukmem_ctl_close(void)
{
	if (server.fd < 0)
		return;
	shutdown(server.fd, SHUT_RDWR);
	pthread_join(server.thread, NULL);
	close(server.fd);
	unlink(server.path);
	server.fd = -1;
}

static ssize_t read_answer(int fd, char *buf, size_t size)
{
	char header[64];
	size_t len, got = 0;
	int err;

	if (read_request(fd, header, sizeof(header)))
		return -EPROTO;
	if (sscanf(header, "ERR %d", &err) == 1)
		return -err;
	if (sscanf(header, "OK %zu", &len) != 1)
		return -EPROTO;
	while (got < len) {
		char chunk[4096];
		ssize_t n = read(fd, chunk, sizeof(chunk));

		if (n <= 0)
			return -EPROTO;
		if (size && got < size - 1)
			memcpy(buf + got, chunk, got + n < size - 1 ? (size_t)n : size - 1 - got);
		got += (size_t)n;
	}
	if (size)
		buf[len < size - 1 ? len : size - 1] = '\0';
	return (ssize_t)len;
}

ssize_t ukmem_ctl_read(const char *socket_path, const char *view, char *buf, size_t size)
{
	struct sockaddr_un addr;
	ssize_t ret;
	int fd;

	ret = socket_address(socket_path, &addr);
	if (ret)
		goto out;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		ret = -errno;
		goto out;
	}
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr))) {
		ret = -errno;
	} else if (write_all(fd, view, strlen(view)) || write_all(fd, "\n", 1)) {
		ret = -EPIPE;
	} else {
		ret = read_answer(fd, buf, size);
	}
	close(fd);
out:
	if (ret < 0) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
}
