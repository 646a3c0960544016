// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/kunit/string-stream.c: string streams (string-stream.h). Fragments and the
 * stream itself are test-managed allocations of stream->test, so whatever a failing
 * case leaves behind goes with its resources. */
#include <stdarg.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <kunit/test.h>
#include "lib/kunit/string-stream.h"

static struct string_stream_fragment *fragment_new(struct kunit *test, int len, gfp_t gfp)
{
	struct string_stream_fragment *frag = kunit_kzalloc(test, sizeof(*frag), gfp);

	if (!frag)
		return ERR_PTR(-ENOMEM);
	frag->fragment = kunit_kmalloc(test, len, gfp);
	if (!frag->fragment) {
		kunit_kfree(test, frag);
		return ERR_PTR(-ENOMEM);
	}
	return frag;
}

static void fragment_free(struct kunit *test, struct string_stream_fragment *frag)
{
	list_del(&frag->node);
	kunit_kfree(test, frag->fragment);
	kunit_kfree(test, frag);
}

/**
 * string_stream_vadd - append a formatted fragment
 * @stream: the stream
 * @fmt: the kernel's printf format
 * @args: its arguments
 *
 * Context: may sleep if the stream's gfp allows. Return: 0, or -ENOMEM.
 */
int string_stream_vadd(struct string_stream *stream, const char *fmt, va_list args)
{
	struct string_stream_fragment *frag;
	va_list copy;
	int len;

	va_copy(copy, args);
	len = vsnprintf(NULL, 0, fmt, copy) + 1;
	va_end(copy);
	frag = fragment_new(stream->test, len, stream->gfp);
	if (IS_ERR(frag))
		return PTR_ERR(frag);
	vsnprintf(frag->fragment, len, fmt, args);
	spin_lock(&stream->lock);
	stream->length += len - 1;
	list_add_tail(&frag->node, &stream->fragments);
	spin_unlock(&stream->lock);
	return 0;
}

/**
 * string_stream_add - append a formatted fragment (string_stream_vadd())
 * @stream: the stream
 * @fmt: the kernel's printf format
 *
 * Context: as string_stream_vadd(). Return: 0, or -ENOMEM.
 */
int string_stream_add(struct string_stream *stream, const char *fmt, ...)
{
	va_list args;
	int ret;

	va_start(args, fmt);
	ret = string_stream_vadd(stream, fmt, args);
	va_end(args);
	return ret;
}

static void string_stream_clear(struct string_stream *stream)
{
	struct string_stream_fragment *frag, *next;

	spin_lock(&stream->lock);
	list_for_each_entry_safe(frag, next, &stream->fragments, node)
		fragment_free(stream->test, frag);
	stream->length = 0;
	spin_unlock(&stream->lock);
}

/**
 * string_stream_get_string - the stream's text as one string
 * @stream: the stream
 *
 * Context: may sleep if the stream's gfp allows. Return: a test-managed copy (free
 * it with kunit_kfree() or leave it to the test's cleanup), or NULL without memory.
 */
char *string_stream_get_string(struct string_stream *stream)
{
	struct string_stream_fragment *frag;
	size_t size = stream->length + 1;
	char *buf = kunit_kzalloc(stream->test, size, stream->gfp);

	if (!buf)
		return NULL;
	spin_lock(&stream->lock);
	list_for_each_entry(frag, &stream->fragments, node)
		strlcat(buf, frag->fragment, size);
	spin_unlock(&stream->lock);
	return buf;
}

/**
 * string_stream_append - append other's text to stream
 * @stream: the stream that grows
 * @other: the stream whose text is copied (unchanged)
 *
 * Context: may sleep if the streams' gfp allows. Return: 0, or -ENOMEM.
 */
int string_stream_append(struct string_stream *stream, struct string_stream *other)
{
	const char *text = string_stream_get_string(other);

	if (!text)
		return -ENOMEM;
	return string_stream_add(stream, "%s", text);
}

/**
 * string_stream_is_empty - whether the stream has no fragment
 * @stream: the stream
 *
 * Context: any. Return: true if nothing was added.
 */
bool string_stream_is_empty(struct string_stream *stream)
{
	return list_empty(&stream->fragments);
}

/**
 * alloc_string_stream - a new, empty stream in test-managed memory
 * @test: the test whose resources hold it
 * @gfp: the allocation flags for the stream and its fragments
 *
 * Context: may sleep if @gfp allows. Return: the stream, or ERR_PTR(-ENOMEM).
 */
struct string_stream *alloc_string_stream(struct kunit *test, gfp_t gfp)
{
	struct string_stream *stream = kunit_kzalloc(test, sizeof(*stream), gfp);

	if (!stream)
		return ERR_PTR(-ENOMEM);
	stream->gfp = gfp;
	stream->test = test;
	INIT_LIST_HEAD(&stream->fragments);
	spin_lock_init(&stream->lock);
	return stream;
}

/**
 * string_stream_destroy - free a stream and its fragments
 * @stream: the stream
 *
 * Context: may sleep (kunit_kfree()).
 */
void string_stream_destroy(struct string_stream *stream)
{
	string_stream_clear(stream);
	kunit_kfree(stream->test, stream);
}
