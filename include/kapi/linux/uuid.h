/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* linux/uuid.h: UUIDs (RFC 4122 byte order, uuid_t) and GUIDs (little-endian first
 * three fields, guid_t), their parsing from the 36-character text form, and random
 * generation (lib/uuid.c). */
#ifndef UKMEM_LINUX_UUID_H
#define UKMEM_LINUX_UUID_H
#pragma push_macro("__UKMEM_INNER")
#define __UKMEM_INNER

#include <linux/types.h>
#include <linux/string.h>

#define UUID_SIZE		16
#define UUID_STRING_LEN		36

typedef struct { __u8 b[UUID_SIZE]; } guid_t;
typedef struct { __u8 b[UUID_SIZE]; } uuid_t;

#define GUID_INIT(a, b, c, d0, d1, d2, d3, d4, d5, d6, d7)			\
((guid_t)								\
{{ (a) & 0xff, ((a) >> 8) & 0xff, ((a) >> 16) & 0xff, ((a) >> 24) & 0xff, \
   (b) & 0xff, ((b) >> 8) & 0xff,					\
   (c) & 0xff, ((c) >> 8) & 0xff,					\
   (d0), (d1), (d2), (d3), (d4), (d5), (d6), (d7) }})

#define UUID_INIT(a, b, c, d0, d1, d2, d3, d4, d5, d6, d7)			\
((uuid_t)								\
{{ ((a) >> 24) & 0xff, ((a) >> 16) & 0xff, ((a) >> 8) & 0xff, (a) & 0xff, \
   ((b) >> 8) & 0xff, (b) & 0xff,					\
   ((c) >> 8) & 0xff, (c) & 0xff,					\
   (d0), (d1), (d2), (d3), (d4), (d5), (d6), (d7) }})

#define NULL_GUID	GUID_INIT(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
#define NULL_UUID	UUID_INIT(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

extern const guid_t guid_null;
extern const uuid_t uuid_null;

static inline bool guid_equal(const guid_t *u1, const guid_t *u2)
{
	return memcmp(u1, u2, sizeof(guid_t)) == 0;
}

static inline void guid_copy(guid_t *dst, const guid_t *src)
{
	memcpy(dst, src, sizeof(guid_t));
}

static inline bool guid_is_null(const guid_t *guid)
{
	return guid_equal(guid, &guid_null);
}

static inline bool uuid_equal(const uuid_t *u1, const uuid_t *u2)
{
	return memcmp(u1, u2, sizeof(uuid_t)) == 0;
}

static inline void uuid_copy(uuid_t *dst, const uuid_t *src)
{
	memcpy(dst, src, sizeof(uuid_t));
}

static inline bool uuid_is_null(const uuid_t *uuid)
{
	return uuid_equal(uuid, &uuid_null);
}

static inline void import_uuid(uuid_t *dst, const __u8 *src)
{
	memcpy(dst, src, sizeof(uuid_t));
}

static inline void export_uuid(__u8 *dst, const uuid_t *src)
{
	memcpy(dst, src, sizeof(uuid_t));
}

void generate_random_uuid(unsigned char uuid[16]);
void generate_random_guid(unsigned char guid[16]);
void guid_gen(guid_t *u);
void uuid_gen(uuid_t *u);
bool __must_check uuid_is_valid(const char *uuid);
int guid_parse(const char *uuid, guid_t *u);
int uuid_parse(const char *uuid, uuid_t *u);

/* Byte positions of the text form's hex pairs, in guid_t and uuid_t order. */
extern const u8 guid_index[16];
extern const u8 uuid_index[16];

#pragma pop_macro("__UKMEM_INNER")
#ifndef __UKMEM_INNER
/* The rest of what Linux 6.1's <linux/uuid.h> brings with it, once this header is complete. */
#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/bug.h>
#include <linux/byteorder/little_endian.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/jump_label.h>
#include <linux/kmsan-checks.h>
#include <linux/linkage.h>
#include <linux/overflow.h>
#endif
#endif
