/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* lib/kunit/string-stream.h: a growable string built from printf-style fragments, in
 * test-managed memory; KUnit builds each failure message in one before printing it.
 * The layout and functions are Linux 6.1's (its own string-stream test uses them).
 * The fragment list and length are guarded by the stream's lock. */
#ifndef UKMEM_LIB_KUNIT_STRING_STREAM_H
#define UKMEM_LIB_KUNIT_STRING_STREAM_H

#include <stdarg.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>

struct kunit;

struct string_stream_fragment {
	struct list_head node;
	char *fragment;
};

struct string_stream {
	size_t length;
	struct list_head fragments;
	spinlock_t lock;
	struct kunit *test;
	gfp_t gfp;
};

struct string_stream *alloc_string_stream(struct kunit *test, gfp_t gfp);
int __printf(2, 3) string_stream_add(struct string_stream *stream, const char *fmt, ...);
int __printf(2, 0) string_stream_vadd(struct string_stream *stream, const char *fmt,
				      va_list args);
char *string_stream_get_string(struct string_stream *stream);
int string_stream_append(struct string_stream *stream, struct string_stream *other);
bool string_stream_is_empty(struct string_stream *stream);
void string_stream_destroy(struct string_stream *stream);

#endif
