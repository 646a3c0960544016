// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/uuid.c: parsing and generating UUIDs and GUIDs. The text form is 36 characters,
 * "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"; a GUID stores its first three fields
 * little-endian, a UUID all big-endian (RFC 4122). Random UUIDs are version 4,
 * variant 1 (the kernel's generate_random_uuid). Pure functions; no locks. */
#include <errno.h>
#include <sys/random.h>
#include <linux/uuid.h>
#include <linux/kernel.h>
#include <linux/export.h>

const guid_t guid_null;
EXPORT_SYMBOL(guid_null);
const uuid_t uuid_null;
EXPORT_SYMBOL(uuid_null);

/* For each byte of the binary form, where its two hex digits start in the text. */
const u8 guid_index[16] = { 6, 4, 2, 0, 11, 9, 16, 14, 19, 21, 24, 26, 28, 30, 32, 34 };
const u8 uuid_index[16] = { 0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34 };

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/**
 * uuid_is_valid - whether @uuid is a UUID's 36-character text form
 * @uuid: the text (only its first 36 characters are looked at)
 *
 * Context: any context.
 * Return: true for hex digits with dashes at positions 8, 13, 18 and 23.
 */
bool uuid_is_valid(const char *uuid)
{
	for (int i = 0; i < UUID_STRING_LEN; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (uuid[i] != '-')
				return false;
		} else if (hex_value(uuid[i]) < 0) {
			return false;
		}
	}
	return true;
}
EXPORT_SYMBOL(uuid_is_valid);

static int parse_in_order(const char *uuid, u8 b[16], const u8 index[16])
{
	if (!uuid_is_valid(uuid))
		return -EINVAL;
	for (int i = 0; i < 16; i++)
		b[i] = (u8)(hex_value(uuid[index[i]]) << 4 | hex_value(uuid[index[i] + 1]));
	return 0;
}

/**
 * guid_parse - @uuid's text form into @u (GUID byte order); 0 or -EINVAL
 * @uuid: the 36-character text
 * @u: receives the GUID
 *
 * Context: any context.
 */
int guid_parse(const char *uuid, guid_t *u)
{
	return parse_in_order(uuid, u->b, guid_index);
}
EXPORT_SYMBOL(guid_parse);

/**
 * uuid_parse - @uuid's text form into @u (RFC 4122 byte order); 0 or -EINVAL
 * @uuid: the 36-character text
 * @u: receives the UUID
 *
 * Context: any context.
 */
int uuid_parse(const char *uuid, uuid_t *u)
{
	return parse_in_order(uuid, u->b, uuid_index);
}
EXPORT_SYMBOL(uuid_parse);

static void random_bytes(unsigned char *b, size_t len)
{
	while (len) {
		ssize_t n = getrandom(b, len, 0);

		if (n > 0)
			b += n, len -= (size_t)n;
	}
}

/**
 * generate_random_uuid - a random version 4 UUID, RFC 4122 byte order
 * @uuid: the 16 bytes to fill
 *
 * Context: any context.
 */
void generate_random_uuid(unsigned char uuid[16])
{
	random_bytes(uuid, 16);
	uuid[6] = (uuid[6] & 0x0F) | 0x40;
	uuid[8] = (uuid[8] & 0x3F) | 0x80;
}
EXPORT_SYMBOL(generate_random_uuid);

/**
 * generate_random_guid - a random version 4 GUID (its version in byte 7)
 * @guid: the 16 bytes to fill
 *
 * Context: any context.
 */
void generate_random_guid(unsigned char guid[16])
{
	random_bytes(guid, 16);
	guid[7] = (guid[7] & 0x0F) | 0x40;
	guid[8] = (guid[8] & 0x3F) | 0x80;
}
EXPORT_SYMBOL(generate_random_guid);

/**
 * guid_gen - fill in a random version 4 GUID
 * @u: the GUID
 *
 * Context: any context.
 */
void guid_gen(guid_t *u)
{
	generate_random_guid(u->b);
}
EXPORT_SYMBOL_GPL(guid_gen);

/**
 * uuid_gen - fill in a random version 4 UUID
 * @u: the UUID
 *
 * Context: any context.
 */
void uuid_gen(uuid_t *u)
{
	generate_random_uuid(u->b);
}
EXPORT_SYMBOL_GPL(uuid_gen);
