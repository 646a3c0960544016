// SPDX-License-Identifier: LGPL-2.1-or-later
/* drivers/model_events.c: the device models' timers and host input watches, and the
 * service thread that runs them (see model_events.h). Invariants: the lists change only
 * under events_lock; a callback runs with events_lock dropped and `running` naming it,
 * so cancel_sync and watch removal can wait for it; the thread is woken through an
 * eventfd whenever the earliest timer or the set of active watches changes. */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include "drivers/model_clock.h"
#include "drivers/model_events.h"
#include "kernel/signal.h"

static pthread_mutex_t events_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t events_idle = PTHREAD_COND_INITIALIZER;
static struct model_timer *timers;
static struct model_watch *watches;
static const void *running;		/* the callback's timer or watch */
static pthread_t service;
static bool service_up, service_stop;
static int kick_fd = -1;
static __thread bool on_service;

uint64_t model_clock_ns(void)
{
	struct timespec ts;

	model_clock_get(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void kick(void)
{
	uint64_t one = 1;

	if (!on_service && kick_fd >= 0 && write(kick_fd, &one, sizeof(one)) < 0)
		return;
}

static void *service_main(void *arg);

/* Starts the thread on first use; events_lock held. */
static void service_start(void)
{
	if (service_up)
		return;
	if (kick_fd < 0)
		kick_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	service_stop = false;
	if (kick_fd >= 0) {
		unsigned long sigmask = block_signals_for_create();	/* no user handler here */

		service_up = !pthread_create(&service, NULL, service_main, NULL);
		unblock_after_create(sigmask);
	}
	if (service_up)
		pthread_setname_np(service, "ukmem-devices");
}

static void timer_unlink(struct model_timer *timer)
{
	for (struct model_timer **p = &timers; *p; p = &(*p)->next)
		if (*p == timer) {
			*p = timer->next;
			break;
		}
	timer->armed = false;
}

void model_timer_arm(struct model_timer *timer, uint64_t expires)
{
	pthread_mutex_lock(&events_lock);
	if (timer->armed)
		timer_unlink(timer);
	timer->expires = expires;
	timer->armed = true;
	timer->next = timers;
	timers = timer;
	service_start();
	pthread_mutex_unlock(&events_lock);
	kick();
}

void model_timer_cancel(struct model_timer *timer)
{
	pthread_mutex_lock(&events_lock);
	if (timer->armed)
		timer_unlink(timer);
	pthread_mutex_unlock(&events_lock);
}

static void wait_not_running(const void *what)
{
	while (running == what && !on_service)
		pthread_cond_wait(&events_idle, &events_lock);
}

void model_timer_cancel_sync(struct model_timer *timer)
{
	pthread_mutex_lock(&events_lock);
	if (timer->armed)
		timer_unlink(timer);
	wait_not_running(timer);
	pthread_mutex_unlock(&events_lock);
}

void model_watch_add(struct model_watch *watch)
{
	pthread_mutex_lock(&events_lock);
	watch->next = watches;
	watches = watch;
	service_start();
	pthread_mutex_unlock(&events_lock);
	kick();
}

void model_watch_remove(struct model_watch *watch)
{
	pthread_mutex_lock(&events_lock);
	for (struct model_watch **p = &watches; *p; p = &(*p)->next)
		if (*p == watch) {
			*p = watch->next;
			break;
		}
	wait_not_running(watch);
	pthread_mutex_unlock(&events_lock);
	kick();
}

void model_watch_set_active(struct model_watch *watch, bool active)
{
	if (__atomic_exchange_n(&watch->active, active, __ATOMIC_ACQ_REL) != active)
		kick();
}

static void finish_callback(void)
{
	running = NULL;
	pthread_cond_broadcast(&events_idle);
}

void model_events_run_due(void)
{
	pthread_mutex_lock(&events_lock);
	for (;;) {
		uint64_t now = model_clock_ns();
		struct model_timer *due = NULL;

		for (struct model_timer *t = timers; t; t = t->next)
			if (t->expires <= now && (!due || t->expires < due->expires))
				due = t;
		if (!due)
			break;
		timer_unlink(due);
		running = due;
		pthread_mutex_unlock(&events_lock);
		due->fn(due);
		pthread_mutex_lock(&events_lock);
		finish_callback();
	}
	pthread_mutex_unlock(&events_lock);
}

/* Milliseconds until the earliest timer (-1: none, or a test's clock); events_lock held. */
static int next_timeout_ms(void)
{
	uint64_t now, first = UINT64_MAX;

	if (!model_clock_is_host())
		return -1;
	for (struct model_timer *t = timers; t; t = t->next)
		if (t->expires < first)
			first = t->expires;
	if (first == UINT64_MAX)
		return -1;
	now = model_clock_ns();
	return first <= now ? 0 : (int)((first - now + 999999) / 1000000);
}

static void *service_main(void *arg)
{
	struct pollfd fds[16];
	struct model_watch *who[16];

	on_service = true;
	pthread_mutex_lock(&events_lock);
	while (!service_stop) {
		int n = 1, timeout = next_timeout_ms();

		fds[0] = (struct pollfd){ .fd = kick_fd, .events = POLLIN };
		for (struct model_watch *w = watches; w && n < 16; w = w->next)
			if (__atomic_load_n(&w->active, __ATOMIC_ACQUIRE)) {
				fds[n] = (struct pollfd){ .fd = w->fd, .events = POLLIN };
				who[n++] = w;
			}
		pthread_mutex_unlock(&events_lock);
		if (timeout != 0 && poll(fds, (nfds_t)n, timeout) > 0 && (fds[0].revents & POLLIN)) {
			uint64_t v;

			if (read(kick_fd, &v, sizeof(v)) < 0 && errno != EAGAIN)
				break;
		}
		if (model_clock_is_host())
			model_events_run_due();
		pthread_mutex_lock(&events_lock);
		for (int i = 1; i < n && !service_stop; i++) {
			bool listed = false;

			if (!fds[i].revents)
				continue;
			for (struct model_watch *w = watches; w; w = w->next)
				listed |= w == who[i];
			if (!listed)
				continue;	/* removed meanwhile */
			if (!(fds[i].revents & POLLIN)) {	/* hung up: stop watching */
				__atomic_store_n(&who[i]->active, false, __ATOMIC_RELEASE);
				continue;
			}
			running = who[i];
			pthread_mutex_unlock(&events_lock);
			who[i]->ready(who[i]);
			pthread_mutex_lock(&events_lock);
			finish_callback();
		}
	}
	pthread_mutex_unlock(&events_lock);
	return NULL;
}

void model_events_stop(void)
{
	pthread_mutex_lock(&events_lock);
	if (!service_up) {
		pthread_mutex_unlock(&events_lock);
		return;
	}
	service_stop = true;
	timers = NULL;
	watches = NULL;
	pthread_mutex_unlock(&events_lock);
	kick();
	pthread_join(service, NULL);
	service_up = false;
}
