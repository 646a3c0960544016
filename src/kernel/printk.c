// SPDX-License-Identifier: LGPL-2.1-or-later
/* kernel/printk.c: the kernel log. Each printk becomes a record (sequence number,
 * timestamp, level, text) in a ring of LOG_RECORDS; messages below console_loglevel are
 * also written to the console (stderr) at once, as "[    s.uuuuuu] text".
 * A KERN_CONT message extends the calling thread's last unfinished record; any other
 * message starts a record, and on the console a new line, even when the last message
 * did not end its line (as the kernel's console ends an unfinished record).
 * Messages are formatted by the kernel's vsnprintf (lib/vsprintf.c).
 * Texts live in a static arena (as Linux's log_buf), never in host heap memory, so the
 * log works when the host refuses memory: a record's text follows the previous one's,
 * wrapping to the start, and the oldest records make way. A record holds at most
 * LINE_MAX_LEN - 1 bytes; continuations beyond that are cut.
 * Parameters: loglevel=, quiet, debug, ignore_loglevel, printk.time=. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/export.h>
#include <trace/events/printk.h>
#include "fs/proc.h"
#include "kernel/params.h"
#include "kernel/printk.h"
#include "machine/fork.h"

#define LOG_RECORDS	8192
#define LOG_TEXT_SIZE	(1U << 20)
#define LINE_MAX_LEN	1024

struct log_record {
	unsigned long long seq;
	unsigned long long ts_usec;
	int level;
	pid_t pid;
	bool open;		/* no newline yet: a KERN_CONT may extend it */
	unsigned int len;	/* text bytes, not counting the NUL after them */
	char *text;		/* in log_text */
};

int console_printk[4] = { 7, 4, 1, 7 };	/* console, default message, minimum, default */
static bool ignore_loglevel, printk_time = true;
EXPORT_SYMBOL_GPL(console_printk);
static struct log_record log_ring[LOG_RECORDS];
static unsigned long long log_next_seq, log_first_seq;
static char log_text[LOG_TEXT_SIZE];
static unsigned int log_text_head;	/* where the next record's text goes */
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static struct timespec log_epoch;
static bool console_deferred;	/* early boot: the console waits for loglevel= */
static bool console_line_open;	/* the console's last text had no newline */

static int set_loglevel(const char *v) { console_printk[0] = atoi(v); return 0; }
static int set_quiet(const char *v) { console_printk[0] = 4; return 0; }
static int set_debug(const char *v) { console_printk[0] = 10; return 0; }
static int set_ignore_loglevel(const char *v) { ignore_loglevel = !v || strcmp(v, "0"); return 0; }
static int set_printk_time(const char *v) { return params_bool(v, &printk_time) ? 0 : -1; }
UKMEM_SETUP("loglevel=", set_loglevel, "7");
UKMEM_SETUP("quiet", set_quiet, NULL);
UKMEM_SETUP("debug", set_debug, NULL);
UKMEM_SETUP("ignore_loglevel", set_ignore_loglevel, "0");
UKMEM_SETUP("printk.time=", set_printk_time, "1");

unsigned long long printk_clock_usec(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!log_epoch.tv_sec && !log_epoch.tv_nsec)
		log_epoch = now;
	long long ns = (long long)(now.tv_sec - log_epoch.tv_sec) * 1000000000LL +
		       (now.tv_nsec - log_epoch.tv_nsec);

	return ns > 0 ? (unsigned long long)ns / 1000 : 0;
}

void printk_reset_clock(void)
{
	clock_gettime(CLOCK_MONOTONIC, &log_epoch);
}

/* Strips KERN_SOH prefixes: returns the level (-1 default) and sets *cont. */
static const char *parse_level(const char *text, int *level, bool *cont)
{
	*level = -1;
	*cont = false;
	while (text[0] == KERN_SOH_ASCII && text[1]) {
		if (text[1] >= '0' && text[1] <= '7')
			*level = text[1] - '0';
		else if (text[1] == 'c')
			*cont = true;
		text += 2;
	}
	return text;
}

static bool console_line_open;	/* the console's last line has no newline yet */

static void console_write(const char *text, size_t len, unsigned long long ts, bool prefix)
{
	char head[32];
	int n = 0;

	if (prefix && console_line_open)
		(void)!write(STDERR_FILENO, "\n", 1);
	if (len)
		console_line_open = text[len - 1] != '\n';

	if (prefix && printk_time)
		n = snprintf(head, sizeof(head), "[%5llu.%06llu] ", ts / 1000000, ts % 1000000);
	/* One write per piece keeps lines from different threads whole. */
	if (n) {
		char line[LINE_MAX_LEN + 32];

		if (len > LINE_MAX_LEN)
			len = LINE_MAX_LEN;
		memcpy(line, head, (size_t)n);
		memcpy(line + n, text, len);
		(void)!write(STDERR_FILENO, line, (size_t)n + len);
	} else {
		(void)!write(STDERR_FILENO, text, len);
	}
}

static struct log_record *last_open_record(pid_t pid)
{
	if (log_next_seq == log_first_seq)
		return NULL;
	struct log_record *r = &log_ring[(log_next_seq - 1) % LOG_RECORDS];

	return r->open && r->pid == pid ? r : NULL;
}

/* Room for size bytes of text at log_text_head (wrapping to the start when the end is
 * too near), made by dropping the oldest records. Records still there from the
 * previous lap lie at or after the head, the current lap's before it. */
static char *log_text_reserve(unsigned int size)
{
	if (log_text_head + size > LOG_TEXT_SIZE) {
		while (log_first_seq != log_next_seq &&
		       log_ring[log_first_seq % LOG_RECORDS].text >= log_text + log_text_head)
			log_first_seq++;
		log_text_head = 0;
	}
	while (log_first_seq != log_next_seq) {
		const char *t = log_ring[log_first_seq % LOG_RECORDS].text;

		if (t < log_text + log_text_head || t >= log_text + log_text_head + size)
			break;
		log_first_seq++;
	}
	return log_text + log_text_head;
}

static void store_record(const char *text, size_t len, int level, bool cont, pid_t pid,
			 unsigned long long ts)
{
	struct log_record *r = cont ? last_open_record(pid) : NULL;
	bool ends_line = len && text[len - 1] == '\n';
	size_t body = ends_line ? len - 1 : len;
	char joined[LINE_MAX_LEN];
	unsigned long long seq = log_next_seq;

	if (r) {
		/* The newest record grows: taken back off the ring and stored again whole. */
		size_t old = r->len;

		memcpy(joined, r->text, old);
		body = min(body, sizeof(joined) - 1 - old);
		memcpy(joined + old, text, body);
		text = joined;
		body += old;
		seq = r->seq;
		ts = r->ts_usec;
		level = r->level;
		log_next_seq--;
		log_text_head = (unsigned int)(r->text - log_text);
	}
	body = min(body, (size_t)LINE_MAX_LEN - 1);
	if (log_next_seq - log_first_seq == LOG_RECORDS)
		log_first_seq++;
	char *dst = log_text_reserve((unsigned int)body + 1);

	memmove(dst, text, body);
	dst[body] = '\0';
	log_text_head += (unsigned int)body + 1;
	r = &log_ring[log_next_seq % LOG_RECORDS];
	r->seq = seq;
	log_next_seq++;
	r->ts_usec = ts;
	r->level = level;
	r->pid = pid;
	r->open = !ends_line;
	r->len = (unsigned int)body;
	r->text = dst;
}

/**
 * vprintk - log a message with a va_list
 * @fmt: printf format, optionally starting with a KERN_ level or KERN_CONT
 * @args: its arguments
 *
 * The message goes into the log buffer (/proc/kmsg, dmesg) and, at or above the console
 * level, to the console (standard error). A KERN_CONT piece continues the calling task's
 * open line.
 *
 * Context: any context, interrupts included; takes the log's lock (a host mutex, held
 * briefly) and does not sleep.
 * Return: the length of the formatted message, or a negative error.
 */
int vprintk(const char *fmt, va_list args)
{
	char buf[LINE_MAX_LEN];
	int level, n;
	bool cont;
	const char *text;
	unsigned long long ts = printk_clock_usec();
	pid_t pid = current->pid;

	n = vsnprintf(buf, sizeof(buf), fmt, args);
	if (n < 0)
		return n;
	text = parse_level(buf, &level, &cont);
	if (level < 0)
		level = cont ? -1 : console_printk[1];

	pthread_mutex_lock(&log_lock);
	struct log_record *open = last_open_record(pid);
	bool extend = cont && open;
	int eff_level = extend ? open->level : (level < 0 ? console_printk[1] : level);

	store_record(text, strlen(text), eff_level, extend, pid, ts);
	if (!console_deferred && (ignore_loglevel || eff_level < console_printk[0])) {
		size_t len = strlen(text);

		/* a new record starts a new line, as Linux's console ends an open one */
		if (!extend && console_line_open)
			console_write("\n", 1, 0, false);
		console_write(text, len, ts, !extend);
		if (len)
			console_line_open = text[len - 1] != '\n';
	}
	pthread_mutex_unlock(&log_lock);
	if (trace_console_enabled()) {
		size_t len = strlen(text);

		trace_console_probes(text, len && text[len - 1] == '\n' ? len - 1 : len);
	}
	return n;
}
EXPORT_SYMBOL(vprintk);

/**
 * printk - log a message
 * @fmt: printf format, optionally starting with a KERN_ level or KERN_CONT, and its arguments
 *
 * Context: any context, interrupts included; does not sleep.
 * Return: the length of the formatted message.
 */
int printk(const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vprintk(fmt, args);
	va_end(args);
	return n;
}
EXPORT_SYMBOL(printk);

static int kmsg_show(struct seq_file *m, void *data)
{
	pthread_mutex_lock(&log_lock);
	for (unsigned long long s = log_first_seq; s < log_next_seq; s++) {
		struct log_record *r = &log_ring[s % LOG_RECORDS];

		seq_printf(m, "%d,%llu,%llu,-;%s\n", r->level, r->seq, r->ts_usec, r->text);
	}
	pthread_mutex_unlock(&log_lock);
	return 0;
}

/* Until the command line is parsed, records are only logged; then those the console
 * level lets through are written, as a kernel replays its log when a console registers. */
void printk_defer_console(void)
{
	console_deferred = true;
}

void printk_flush_deferred(void)
{
	pthread_mutex_lock(&log_lock);
	console_deferred = false;
	for (unsigned long long s = log_first_seq; s < log_next_seq; s++) {
		struct log_record *r = &log_ring[s % LOG_RECORDS];

		if (ignore_loglevel || r->level < console_printk[0]) {
			console_write(r->text, r->len, r->ts_usec, true);
			if (!r->open)
				console_write("\n", 1, 0, false);
		}
	}
	pthread_mutex_unlock(&log_lock);
}

void printk_init(void)
{
	proc_create_view("/dev/kmsg", kmsg_show, NULL);
}

void printk_clear(void)
{
	pthread_mutex_lock(&log_lock);
	log_first_seq = log_next_seq;
	log_text_head = 0;
	pthread_mutex_unlock(&log_lock);
}

/* fork (machine/fork.h): no record half-written in the child. */
static void printk_fork_lock(void) { pthread_mutex_lock(&log_lock); }
static void printk_fork_unlock(void) { pthread_mutex_unlock(&log_lock); }
FORK_LOCK(printk, FORK_ORDER_PRINTK, printk_fork_lock, printk_fork_unlock);
