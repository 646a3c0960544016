/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* kunit/assert.h: what a failed KUnit expectation or assertion records -- where it
 * was (struct kunit_loc), what kind it was, and the values it compared -- and the
 * functions that turn each kind into Linux 6.1's failure message
 * (src/lib/kunit/assert.c). The structures are built on the failing path only. */
#ifndef UKMEM_KUNIT_ASSERT_H
#define UKMEM_KUNIT_ASSERT_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/err.h>
#include <linux/printk.h>

struct kunit;
struct string_stream;

/* An assertion ends the test case; an expectation only marks it failed. */
enum kunit_assert_type {
	KUNIT_ASSERTION,
	KUNIT_EXPECTATION,
};

struct kunit_loc {
	int line;
	const char *file;
};

#define KUNIT_CURRENT_LOC { .file = __FILE__, .line = __LINE__ }

/* The common head of every assertion record (empty, as in Linux). */
struct kunit_assert {};

typedef void (*assert_format_t)(const struct kunit_assert *assert,
				const struct va_format *message,
				struct string_stream *stream);

void kunit_assert_prologue(const struct kunit_loc *loc, enum kunit_assert_type type,
			   struct string_stream *stream);

/* KUNIT_FAIL(): only the message. */
struct kunit_fail_assert {
	struct kunit_assert assert;
};

void kunit_fail_assert_format(const struct kunit_assert *assert,
			      const struct va_format *message,
			      struct string_stream *stream);

/* KUNIT_{EXPECT,ASSERT}_{TRUE,FALSE}. */
struct kunit_unary_assert {
	struct kunit_assert assert;
	const char *condition;
	bool expected_true;
};

void kunit_unary_assert_format(const struct kunit_assert *assert,
			       const struct va_format *message,
			       struct string_stream *stream);

#define KUNIT_INIT_UNARY_ASSERT_STRUCT(cond, expect_true) \
	{ .condition = (cond), .expected_true = (expect_true) }

/* KUNIT_{EXPECT,ASSERT}_NOT_ERR_OR_NULL. */
struct kunit_ptr_not_err_assert {
	struct kunit_assert assert;
	const char *text;
	const void *value;
};

void kunit_ptr_not_err_assert_format(const struct kunit_assert *assert,
				     const struct va_format *message,
				     struct string_stream *stream);

#define KUNIT_INIT_PTR_NOT_ERR_STRUCT(txt, val) { .text = (txt), .value = (val) }

/* The source text of a binary comparison, shared by its three value kinds. */
struct kunit_binary_assert_text {
	const char *operation;
	const char *left_text;
	const char *right_text;
};

/* Integers (compared as long long, printed in decimal). */
struct kunit_binary_assert {
	struct kunit_assert assert;
	const struct kunit_binary_assert_text *text;
	long long left_value;
	long long right_value;
};

void kunit_binary_assert_format(const struct kunit_assert *assert,
				const struct va_format *message,
				struct string_stream *stream);

#define KUNIT_INIT_BINARY_ASSERT_STRUCT(text_, left_val, right_val) \
	{ .text = (text_), .left_value = (left_val), .right_value = (right_val) }

/* Pointers (printed with %px). */
struct kunit_binary_ptr_assert {
	struct kunit_assert assert;
	const struct kunit_binary_assert_text *text;
	const void *left_value;
	const void *right_value;
};

void kunit_binary_ptr_assert_format(const struct kunit_assert *assert,
				    const struct va_format *message,
				    struct string_stream *stream);

/* Strings (compared with strcmp, printed quoted). */
struct kunit_binary_str_assert {
	struct kunit_assert assert;
	const struct kunit_binary_assert_text *text;
	const char *left_value;
	const char *right_value;
};

void kunit_binary_str_assert_format(const struct kunit_assert *assert,
				    const struct va_format *message,
				    struct string_stream *stream);

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <kunit/assert.h> brings with it, once this header is complete. */
#include <linux/bits.h>
#include <linux/byteorder/generic.h>
#include <linux/export.h>
#include <linux/linkage.h>
#endif
#endif
