/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* drivers/model_events.h: what makes the device models act on their own -- timers on
 * the model clock (drivers/model_clock.h) and watches of host file descriptors -- run
 * by one service thread ("ukmem-devices", a host thread started at first use). With the
 * host's clock the thread fires timers when due; with a clock a test installed, timers
 * fire only when the test calls model_events_run_due() after moving its clock, so
 * device interrupts come at exact model times. Callbacks run without the events lock;
 * a model takes its own lock in them. */
#ifndef UKMEM_DRIVERS_MODEL_EVENTS_H
#define UKMEM_DRIVERS_MODEL_EVENTS_H

#include <stdbool.h>
#include <stdint.h>

struct model_timer {
	uint64_t expires;		/* model-clock CLOCK_MONOTONIC, ns */
	void (*fn)(struct model_timer *timer);
	bool armed;
	struct model_timer *next;
};

struct model_watch {
	int fd;				/* readable input wakes ready() */
	void (*ready)(struct model_watch *watch);
	bool active;			/* watched only while set (model_watch_set_active) */
	struct model_watch *next;
};

/* The model clock's CLOCK_MONOTONIC in ns. */
uint64_t model_clock_ns(void);
/* (Re)arms timer for expires; any context. */
void model_timer_arm(struct model_timer *timer, uint64_t expires);
/* Disarms timer; its callback may still be running unless _sync, which waits for it
 * (never call _sync holding a lock the callback takes). */
void model_timer_cancel(struct model_timer *timer);
void model_timer_cancel_sync(struct model_timer *timer);
/* Watches fd while active; add/remove from process context (remove waits for a
 * running ready()). */
void model_watch_add(struct model_watch *watch);
void model_watch_remove(struct model_watch *watch);
void model_watch_set_active(struct model_watch *watch, bool active);
/* Runs every timer due at the model clock's now, in the caller. */
void model_events_run_due(void);
/* Shutdown: every model is detached; stops the service thread. */
void model_events_stop(void);

#endif
