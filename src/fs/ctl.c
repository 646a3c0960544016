// SPDX-License-Identifier: LGPL-2.1-or-later
/* fs/ctl.c: the control socket through which another process reads a running
 * machine's /proc views (ukmem proc, ukmem top). One listening unix stream socket per
 * machine, served by one thread with a poll loop, so clients are served independently.
 * A request is one line, the view's path ("/proc/slabinfo\n", at most CTL_REQUEST_MAX
 * bytes with the newline); the answer is "OK <length>\n" and the text, or
 * "ERR <errno>\n"; then the server closes the connection. The server only renders views,
 * so it changes nothing in the machine.
 * Invariants: at most one server; only a peer of the server's uid (or root) is answered;
 * a client that makes no progress for CTL_TIMEOUT_MS is dropped, beyond CTL_CLIENTS_MAX
 * clients new ones are closed at once; no write raises SIGPIPE on either side.
 * ukmem_ctl_close() wakes the loop, joins its thread within one poll round whatever the
 * clients do, and removes the socket file; it must run before ukmem_shutdown(). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include <ukmem.h>
#include <linux/minmax.h>
#include "fs/proc.h"
#include "kernel/signal.h"

#define CTL_REQUEST_MAX	256
#define CTL_CLIENTS_MAX	64
#define CTL_TIMEOUT_MS	5000
#define CTL_CLIENT_TIMEOUT_S	10	/* ukmem_ctl_read gives up on a silent server */

struct ctl_client {
	int fd;
	size_t in_len;
	char in[CTL_REQUEST_MAX];
	char *out;			/* the answer, once the request is complete */
	size_t out_len, out_pos;
	long long deadline;		/* ms on the monotonic clock */
};

static struct {
	int fd;			/* listening socket; -1 when not serving */
	int wake[2];		/* ukmem_ctl_close() writes to wake[1] */
	pthread_t thread;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	struct ctl_client clients[CTL_CLIENTS_MAX];
	int nr_clients;
} server = { .fd = -1 };

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* A peer of another user could plant requests or read views: only ours and root's. */
static bool peer_trusted(int fd)
{
	struct ucred cred;
	socklen_t len = sizeof(cred);

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len))
		return false;
	return cred.uid == geteuid() || cred.uid == 0;
}

static void accept_client(void)
{
	int fd = accept4(server.fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	struct ctl_client *c;

	if (fd < 0)
		return;
	if (server.nr_clients == CTL_CLIENTS_MAX || !peer_trusted(fd)) {
		close(fd);
		return;
	}
	c = &server.clients[server.nr_clients++];
	*c = (struct ctl_client){ .fd = fd, .deadline = now_ms() + CTL_TIMEOUT_MS };
}

static void drop_client(int i)
{
	struct ctl_client *c = &server.clients[i];

	close(c->fd);
	free(c->out);
	*c = server.clients[--server.nr_clients];
}

/* The answer to c's complete request, ready to send. */
static void prepare_answer(struct ctl_client *c, int err)
{
	char header[64];
	size_t len = 0, head;
	char *text = NULL;

	if (!err) {
		text = proc_render(c->in, &len);
		err = text ? 0 : ENOENT;
	}
	if (err)
		head = (size_t)snprintf(header, sizeof(header), "ERR %d\n", err);
	else
		head = (size_t)snprintf(header, sizeof(header), "OK %zu\n", len);
	c->out = malloc(head + len);
	if (!c->out) {
		free(text);
		c->out_len = 0;		/* nothing to say: the client sees the connection close */
		return;
	}
	memcpy(c->out, header, head);
	if (text)
		memcpy(c->out + head, text, len);
	free(text);
	c->out_len = head + len;
}

/* Reads what c sent; false when c is done with (closed, or broke the protocol). */
static bool client_readable(struct ctl_client *c)
{
	ssize_t n = recv(c->fd, c->in + c->in_len, sizeof(c->in) - c->in_len, MSG_DONTWAIT);
	char *nl;

	if (n < 0)
		return errno == EAGAIN || errno == EINTR;
	if (n == 0)
		return false;		/* closed before its request was complete */
	c->in_len += (size_t)n;
	nl = memchr(c->in, '\n', c->in_len);
	if (nl) {
		*nl = '\0';
		prepare_answer(c, memchr(c->in, '\0', (size_t)(nl - c->in)) ? EINVAL : 0);
	} else if (c->in_len == sizeof(c->in)) {
		prepare_answer(c, ENAMETOOLONG);
	}
	return true;
}

/* Sends more of the answer; false when c is done with (all sent, or gone). */
static bool client_writable(struct ctl_client *c)
{
	ssize_t n = send(c->fd, c->out + c->out_pos, c->out_len - c->out_pos,
			 MSG_DONTWAIT | MSG_NOSIGNAL);

	if (n < 0)
		return errno == EAGAIN || errno == EINTR;
	c->out_pos += (size_t)n;
	return c->out_pos < c->out_len;
}

static void *serve(void *unused)
{
	struct pollfd fds[2 + CTL_CLIENTS_MAX];

	for (;;) {
		long long now = now_ms(), first = -1;
		int nr = server.nr_clients, ready;

		fds[0] = (struct pollfd){ .fd = server.wake[0], .events = POLLIN };
		fds[1] = (struct pollfd){ .fd = server.fd, .events = POLLIN };
		for (int i = 0; i < nr; i++) {
			struct ctl_client *c = &server.clients[i];

			fds[2 + i] = (struct pollfd){ .fd = c->fd, .events = c->out ? POLLOUT : POLLIN };
			if (first < 0 || c->deadline < first)
				first = c->deadline;
		}
		ready = poll(fds, 2 + (nfds_t)nr, first < 0 ? -1 : (int)max(first - now, 0LL));
		if (ready < 0 && errno != EINTR)
			return NULL;
		if (fds[0].revents)
			return NULL;			/* ukmem_ctl_close() */
		now = now_ms();
		/* Newest first: drop_client() moves the last client into the hole. */
		for (int i = nr - 1; i >= 0; i--) {
			struct ctl_client *c = &server.clients[i];
			bool keep = true;

			if (fds[2 + i].revents && c->out) {
				keep = client_writable(c);
				c->deadline = now + CTL_TIMEOUT_MS;
			} else if (fds[2 + i].revents) {
				keep = client_readable(c) && (!c->out || c->out_len);
				c->deadline = now + CTL_TIMEOUT_MS;
			} else if (c->deadline <= now) {
				keep = false;		/* silent for too long */
			}
			if (!keep)
				drop_client(i);
		}
		if (fds[1].revents & POLLIN)
			accept_client();
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
	char tmp[sizeof(addr.sun_path) + 8];
	unsigned long sigmask;
	int fd, err;

	if (!path)
		return -EFAULT;
	if (server.fd >= 0)
		return -EBUSY;
	/* The socket is bound under a temporary name and renamed once it listens: a client
	 * that finds the path never meets a socket that refuses connections yet. */
	if (snprintf(tmp, sizeof(tmp), "%s.new", path) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;
	err = socket_address(tmp, &addr);
	if (err)
		return err;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	unlink(tmp);
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) || listen(fd, 64) ||
	    rename(tmp, path)) {
		err = -errno;
		close(fd);
		unlink(tmp);
		return err;
	}
	if (pipe2(server.wake, O_CLOEXEC)) {
		err = -errno;
		close(fd);
		unlink(path);
		return err;
	}
	server.fd = fd;
	server.nr_clients = 0;
	strcpy(server.path, path);
	sigmask = block_signals_for_create();	/* the user's handlers run on user threads */
	err = -pthread_create(&server.thread, NULL, serve, NULL);
	unblock_after_create(sigmask);
	if (err) {
		close(fd);
		close(server.wake[0]);
		close(server.wake[1]);
		unlink(path);
		server.fd = -1;
	}
	return err;
}

void ukmem_ctl_close(void)
{
	if (server.fd < 0)
		return;
	(void)!write(server.wake[1], "", 1);
	pthread_join(server.thread, NULL);
	while (server.nr_clients)
		drop_client(server.nr_clients - 1);
	close(server.fd);
	close(server.wake[0]);
	close(server.wake[1]);
	unlink(server.path);
	server.fd = -1;
}

/* The client side: whole sends without SIGPIPE, and reads that give up on a server
 * silent for CTL_CLIENT_TIMEOUT_S (SO_RCVTIMEO). */
static int send_all(int fd, const char *p, size_t len)
{
	while (len) {
		ssize_t n = send(fd, p, len, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno == EAGAIN ? -ETIMEDOUT : -errno;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static ssize_t recv_some(int fd, char *buf, size_t size)
{
	ssize_t n;

	do
		n = recv(fd, buf, size, 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return errno == EAGAIN ? -ETIMEDOUT : -errno;
	return n;
}

/* The "OK <len>" or "ERR <errno>" line; the text after it is left in rest. */
static ssize_t read_header(int fd, char *rest, size_t *rest_len)
{
	char header[64];
	size_t got = 0;
	long long len;
	char *nl;
	int err;

	for (;;) {
		ssize_t n = recv_some(fd, header + got, sizeof(header) - 1 - got);

		if (n < 0)
			return n;
		if (n == 0)
			return -EPROTO;
		got += (size_t)n;
		header[got] = '\0';
		nl = memchr(header, '\n', got);
		if (nl)
			break;
		if (got == sizeof(header) - 1)
			return -EPROTO;
	}
	*rest_len = got - (size_t)(nl + 1 - header);
	memcpy(rest, nl + 1, *rest_len);
	*nl = '\0';
	if (sscanf(header, "ERR %d", &err) == 1)
		return err > 0 && err < 4096 ? -err : -EPROTO;
	if (sscanf(header, "OK %lld", &len) != 1 || len < 0 || len > SSIZE_MAX)
		return -EPROTO;
	return (ssize_t)len;
}

/* Copies `len` bytes of answer text into buf as snprintf would (cut at size - 1). */
static void copy_out(char *buf, size_t size, size_t at, const char *p, size_t n)
{
	if (size && at < size - 1)
		memcpy(buf + at, p, min(n, size - 1 - at));
}

static ssize_t read_answer(int fd, char *buf, size_t size)
{
	char chunk[4096];
	size_t got, have;
	ssize_t len = read_header(fd, chunk, &have), more;

	if (len < 0)
		return len;
	if (have > (size_t)len)
		return -EPROTO;
	copy_out(buf, size, 0, chunk, have);
	for (got = have; got < (size_t)len; ) {
		ssize_t n = recv_some(fd, chunk, min(sizeof(chunk), (size_t)len - got));

		if (n < 0)
			return n;
		if (n == 0)
			return -EPROTO;
		copy_out(buf, size, got, chunk, (size_t)n);
		got += (size_t)n;
	}
	/* The server closes after its answer: more bytes make it a broken one, wherever
	 * they fall (those in the header's read are caught above). */
	more = recv_some(fd, chunk, 1);
	if (more != 0)
		return more < 0 ? more : -EPROTO;
	if (size)
		buf[min((size_t)len, size - 1)] = '\0';
	return len;
}

ssize_t ukmem_ctl_read(const char *socket_path, const char *view, char *buf, size_t size)
{
	struct timeval timeout = { .tv_sec = CTL_CLIENT_TIMEOUT_S };
	struct sockaddr_un addr;
	ssize_t ret;
	int fd;

	if (!socket_path || !view || (!buf && size)) {
		ret = -EFAULT;
		goto out;
	}
	if (strlen(view) >= CTL_REQUEST_MAX || strchr(view, '\n')) {
		ret = strchr(view, '\n') ? -EINVAL : -ENAMETOOLONG;
		goto out;
	}
	ret = socket_address(socket_path, &addr);
	if (ret)
		goto out;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		ret = -errno;
		goto out;
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout));
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)))
		ret = -errno;
	else if (!peer_trusted(fd))
		ret = -EPERM;		/* a socket another user planted */
	else
		ret = send_all(fd, view, strlen(view));
	if (!ret)
		ret = send_all(fd, "\n", 1);
	if (!ret)
		ret = read_answer(fd, buf, size);
	close(fd);
out:
	if (ret < 0) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
}
