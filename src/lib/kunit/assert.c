// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/kunit/assert.c: the text of a failed expectation or assertion, in Linux 6.1's
 * words: a prologue naming the kind and place ("EXPECTATION FAILED at file:line"),
 * then per kind the comparison and the values that made it fail -- each operand's
 * value is shown unless its source text already is that value (a literal) -- then
 * the caller's message, if any, after a blank line. */
#include <linux/err.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <kunit/assert.h>
#include <kunit/test.h>
#include "lib/kunit/string-stream.h"

/**
 * kunit_assert_prologue - start a failure message
 * @loc: where the check is
 * @type: assertion or expectation
 * @stream: the message being built
 *
 * Context: may sleep (the stream allocates).
 */
void kunit_assert_prologue(const struct kunit_loc *loc, enum kunit_assert_type type,
			   struct string_stream *stream)
{
	string_stream_add(stream, "%s FAILED at %s:%d\n",
			  type == KUNIT_ASSERTION ? "ASSERTION" : "EXPECTATION",
			  loc->file, loc->line);
}
EXPORT_SYMBOL_GPL(kunit_assert_prologue);

/* The caller's message, when the check has one (the _MSG forms). */
static void add_user_message(const struct va_format *message, struct string_stream *stream)
{
	if (message->fmt)
		string_stream_add(stream, "\n%pV", message);
}

/**
 * kunit_fail_assert_format - the message of KUNIT_FAIL()
 * @assert: the record (unused: KUNIT_FAIL has only its message)
 * @message: the caller's message
 * @stream: the message being built
 *
 * Context: may sleep.
 */
void kunit_fail_assert_format(const struct kunit_assert *assert,
			      const struct va_format *message, struct string_stream *stream)
{
	string_stream_add(stream, "%pV", message);
}
EXPORT_SYMBOL_GPL(kunit_fail_assert_format);

/**
 * kunit_unary_assert_format - the message of a failed TRUE/FALSE check
 * @assert: a struct kunit_unary_assert
 * @message: the caller's message
 * @stream: the message being built
 *
 * Context: may sleep.
 */
void kunit_unary_assert_format(const struct kunit_assert *assert,
			       const struct va_format *message, struct string_stream *stream)
{
	const struct kunit_unary_assert *unary =
		container_of(assert, struct kunit_unary_assert, assert);

	string_stream_add(stream, KUNIT_SUBTEST_INDENT "Expected %s to be %s, but is %s\n",
			  unary->condition, unary->expected_true ? "true" : "false",
			  unary->expected_true ? "false" : "true");
	add_user_message(message, stream);
}
EXPORT_SYMBOL_GPL(kunit_unary_assert_format);

/**
 * kunit_ptr_not_err_assert_format - the message of a failed NOT_ERR_OR_NULL check
 * @assert: a struct kunit_ptr_not_err_assert
 * @message: the caller's message
 * @stream: the message being built
 *
 * Context: may sleep.
 */
void kunit_ptr_not_err_assert_format(const struct kunit_assert *assert,
				     const struct va_format *message,
				     struct string_stream *stream)
{
	const struct kunit_ptr_not_err_assert *ptr =
		container_of(assert, struct kunit_ptr_not_err_assert, assert);

	if (!ptr->value)
		string_stream_add(stream, KUNIT_SUBTEST_INDENT "Expected %s is not null, but is\n",
				  ptr->text);
	else if (IS_ERR(ptr->value))
		string_stream_add(stream, KUNIT_SUBTEST_INDENT
				  "Expected %s is not error, but is: %ld\n",
				  ptr->text, PTR_ERR(ptr->value));
	add_user_message(message, stream);
}
EXPORT_SYMBOL_GPL(kunit_ptr_not_err_assert_format);

/* Whether an operand's source text is exactly the decimal form of its value ("5"). */
static bool text_is_value(const char *text, long long value)
{
	char digits[24];

	snprintf(digits, sizeof(digits), "%lld", value);
	return !strcmp(text, digits);
}

static void add_comparison(struct string_stream *stream,
			   const struct kunit_binary_assert_text *text)
{
	string_stream_add(stream, KUNIT_SUBTEST_INDENT "Expected %s %s %s, but\n",
			  text->left_text, text->operation, text->right_text);
}

/**
 * kunit_binary_assert_format - the message of a failed integer comparison
 * @assert: a struct kunit_binary_assert
 * @message: the caller's message
 * @stream: the message being built
 *
 * Context: may sleep.
 */
void kunit_binary_assert_format(const struct kunit_assert *assert,
				const struct va_format *message, struct string_stream *stream)
{
	const struct kunit_binary_assert *binary =
		container_of(assert, struct kunit_binary_assert, assert);

	add_comparison(stream, binary->text);
	if (!text_is_value(binary->text->left_text, binary->left_value))
		string_stream_add(stream, KUNIT_SUBSUBTEST_INDENT "%s == %lld\n",
				  binary->text->left_text, binary->left_value);
	if (!text_is_value(binary->text->right_text, binary->right_value))
		string_stream_add(stream, KUNIT_SUBSUBTEST_INDENT "%s == %lld",
				  binary->text->right_text, binary->right_value);
	add_user_message(message, stream);
}
EXPORT_SYMBOL_GPL(kunit_binary_assert_format);

/**
 * kunit_binary_ptr_assert_format - the message of a failed pointer comparison
 * @assert: a struct kunit_binary_ptr_assert
 * @message: the caller's message
 * @stream: the message being built
 *
 * Context: may sleep.
 */
void kunit_binary_ptr_assert_format(const struct kunit_assert *assert,
				    const struct va_format *message,
				    struct string_stream *stream)
{
	const struct kunit_binary_ptr_assert *binary =
		container_of(assert, struct kunit_binary_ptr_assert, assert);

	add_comparison(stream, binary->text);
	string_stream_add(stream, KUNIT_SUBSUBTEST_INDENT "%s == %px\n",
			  binary->text->left_text, binary->left_value);
	string_stream_add(stream, KUNIT_SUBSUBTEST_INDENT "%s == %px",
			  binary->text->right_text, binary->right_value);
	add_user_message(message, stream);
}
EXPORT_SYMBOL_GPL(kunit_binary_ptr_assert_format);

/* Whether an operand's source text is the string literal of its value ("\"abc\""). */
static bool text_is_string(const char *text, const char *value)
{
	size_t len = strlen(text);

	return len >= 2 && text[0] == '"' && text[len - 1] == '"' &&
	       !strncmp(text + 1, value, len - 2);
}

/**
 * kunit_binary_str_assert_format - the message of a failed string comparison
 * @assert: a struct kunit_binary_str_assert
 * @message: the caller's message
 * @stream: the message being built
 *
 * Context: may sleep.
 */
void kunit_binary_str_assert_format(const struct kunit_assert *assert,
				    const struct va_format *message,
				    struct string_stream *stream)
{
	const struct kunit_binary_str_assert *binary =
		container_of(assert, struct kunit_binary_str_assert, assert);

	add_comparison(stream, binary->text);
	if (!text_is_string(binary->text->left_text, binary->left_value))
		string_stream_add(stream, KUNIT_SUBSUBTEST_INDENT "%s == \"%s\"\n",
				  binary->text->left_text, binary->left_value);
	if (!text_is_string(binary->text->right_text, binary->right_value))
		string_stream_add(stream, KUNIT_SUBSUBTEST_INDENT "%s == \"%s\"",
				  binary->text->right_text, binary->right_value);
	add_user_message(message, stream);
}
EXPORT_SYMBOL_GPL(kunit_binary_str_assert_format);
