// SPDX-License-Identifier: LGPL-2.1-or-later
/* lib/vsprintf.c: the kernel's printf and sscanf. vsnprintf() and friends follow Linux
 * 6.1's rules, not C's: no floating point and no %n (an unsupported conversion WARNs
 * once and ends the output there), "%.s" means no precision, a negative "*" precision
 * means 0, and %p takes the kernel's extensions (Documentation/core-api/printk-formats
 * .rst), every alphanumeric character after the 'p' belonging to the conversion.
 *
 * libc has functions of the same names with other rules. <linux/kernel.h> binds each
 * name to a "ukmem_" symbol (an asm label), so kernel code calls snprintf() and gets
 * ukmem_snprintf(), while the rest of the process keeps libc's.
 *
 * Invariants: output never passes buf + size - 1 and is NUL-terminated whenever size > 0;
 * the return value is what the whole output would have needed (scnprintf: what was
 * written). Plain %p prints siphash(pointer) under a key drawn at every boot, so one
 * pointer reads the same throughout a boot; NULL and error pointers are printed as they
 * are, and "no_hash_pointers" on the command line prints every %p raw. */
#include <ctype.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/rtc.h>
#include <linux/siphash.h>
#include <linux/slab.h>
#include <linux/export.h>
#include "kernel/params.h"
#include "kernel/report.h"
#include "mm/internal.h"

#define F_SIGN		0x01	/* signed conversion */
#define F_LEFT		0x02	/* '-' */
#define F_PLUS		0x04	/* '+' */
#define F_SPACE		0x08	/* ' ' */
#define F_SPECIAL	0x10	/* '#': 0x / 0 prefix */
#define F_ZEROPAD	0x20	/* '0' */
#define F_SMALL		0x40	/* lower-case hex digits */

#define WIDTH_MAX	((1 << 23) - 1)
#define PRECISION_MAX	((1 << 15) - 1)

struct fspec {
	int flags;
	int width;		/* -1: none */
	int precision;		/* -1: none */
	int base;
};

/* The output: characters past size are counted, not stored. */
struct sink {
	char *buf;
	size_t size;
	size_t len;
};

static inline void put(struct sink *o, char c)
{
	if (o->len < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_str(struct sink *o, const char *s)
{
	while (*s)
		put(o, *s++);
}

static const char hex_lower[] = "0123456789abcdef";
static const char hex_upper[] = "0123456789ABCDEF";

static const struct fspec dec_spec = { .width = -1, .precision = -1, .base = 10 };
static const struct fspec flag_spec = { .flags = F_SPECIAL | F_SMALL, .width = -1,
					.precision = -1, .base = 16 };

/* An integer with the kernel's padding rules: a 0 precision still prints "0", '#' with
 * base 16 always prints "0x", and '0' is ignored when '-' is given. */
static void number(struct sink *o, unsigned long long num, struct fspec sp)
{
	const char *digits = (sp.flags & F_SMALL) ? hex_lower : hex_upper;
	bool prefix = (sp.flags & F_SPECIAL) && sp.base != 10;
	int width = sp.width, prec = sp.precision, n = 0;
	char tmp[24], sign = 0;
	bool zero;

	if (sp.flags & F_LEFT)
		sp.flags &= ~F_ZEROPAD;
	if (sp.flags & F_SIGN) {
		if ((long long)num < 0) {
			sign = '-';
			num = -num;
		} else if (sp.flags & F_PLUS) {
			sign = '+';
		} else if (sp.flags & F_SPACE) {
			sign = ' ';
		}
		if (sign)
			width--;
	}
	zero = !num;
	if (prefix)
		width -= sp.base == 16 ? 2 : !zero;
	do {
		tmp[n++] = digits[num % (unsigned)sp.base];
		num /= (unsigned)sp.base;
	} while (num);
	if (prec < n)
		prec = n;
	width -= prec;
	if (!(sp.flags & (F_ZEROPAD | F_LEFT)))
		for (; width > 0; width--)
			put(o, ' ');
	if (sign)
		put(o, sign);
	if (prefix) {
		if (sp.base == 16 || !zero)
			put(o, '0');
		if (sp.base == 16)
			put(o, (sp.flags & F_SMALL) ? 'x' : 'X');
	}
	if (!(sp.flags & F_LEFT))
		for (; width > 0; width--)
			put(o, (sp.flags & F_ZEROPAD) ? '0' : ' ');
	for (; prec > n; prec--)
		put(o, '0');
	while (n > 0)
		put(o, tmp[--n]);
	for (; width > 0; width--)
		put(o, ' ');
}

/* "0x" and all the digits of a value of size bytes (%pa, %pad, %pNF, %p4cc). */
static void special_hex(struct sink *o, unsigned long long num, int size)
{
	struct fspec sp = { .flags = F_SPECIAL | F_SMALL | F_ZEROPAD, .width = 2 + 2 * size,
			    .precision = -1, .base = 16 };

	number(o, num, sp);
}

/* s, cut at the precision and padded to the width. */
static void emit_string(struct sink *o, const char *s, struct fspec sp)
{
	size_t max = sp.precision < 0 ? (size_t)-1 : (size_t)sp.precision;
	size_t len = strnlen(s, max);
	int pad = sp.width > (int)len ? sp.width - (int)len : 0;

	if (!(sp.flags & F_LEFT))
		for (int i = 0; i < pad; i++)
			put(o, ' ');
	for (size_t i = 0; i < len; i++)
		put(o, s[i]);
	if (sp.flags & F_LEFT)
		for (int i = 0; i < pad; i++)
			put(o, ' ');
}

/* "(null)", "(efault)", "(%pX?)": at most 16 characters unless a precision says. */
static void error_string(struct sink *o, const char *msg, struct fspec sp)
{
	if (sp.precision == -1)
		sp.precision = 2 * sizeof(void *);
	emit_string(o, msg, sp);
}

/* A pointer whose data a conversion reads must be above the first page and not an
 * error value; otherwise the reason is printed instead and true returned. */
static bool bad_pointer(struct sink *o, const void *p, struct fspec sp)
{
	unsigned long v = (unsigned long)p;
	const char *msg = NULL;

	if (!p)
		msg = "(null)";
	else if (v < PAGE_SIZE || IS_ERR_VALUE(v))
		msg = "(efault)";
	if (msg)
		error_string(o, msg, sp);
	return msg != NULL;
}

static void emit_checked_string(struct sink *o, const char *s, struct fspec sp)
{
	if (!bad_pointer(o, s, sp))
		emit_string(o, s, sp);
}

/* --- plain %p: hashed --------------------------------------------------------------- */

bool no_hash_pointers;
EXPORT_SYMBOL_GPL(no_hash_pointers);
static siphash_key_t ptr_key;
static pthread_once_t ptr_key_once = PTHREAD_ONCE_INIT;

static void fill_ptr_key(void)
{
	if (getrandom(&ptr_key, sizeof(ptr_key), GRND_NONBLOCK) != sizeof(ptr_key)) {
		struct timespec t;

		clock_gettime(CLOCK_MONOTONIC, &t);
		ptr_key.key[0] ^= (u64)t.tv_nsec * 0x9e3779b97f4a7c15ULL ^ (u64)getpid();
		ptr_key.key[1] ^= (u64)t.tv_sec * 0xc2b2ae3d27d4eb4fULL ^ (u64)(unsigned long)&t;
	}
}

/* %px: the value in hex, zero-padded to 16 digits unless a width is given. */
static void pointer_string(struct sink *o, unsigned long v, struct fspec sp)
{
	sp.base = 16;
	sp.flags |= F_SMALL;
	if (sp.width == -1) {
		sp.width = 2 * sizeof(void *);
		sp.flags |= F_ZEROPAD;
	}
	number(o, v, sp);
}

static void hashed_pointer(struct sink *o, const void *p, struct fspec sp)
{
	if (no_hash_pointers || IS_ERR_OR_NULL(p)) {
		pointer_string(o, (unsigned long)p, sp);
		return;
	}
	pthread_once(&ptr_key_once, fill_ptr_key);
	/* The top 32 bits are zero on 64-bit, as the kernel prints them. */
	pointer_string(o, siphash_1u64((unsigned long)p, &ptr_key) & 0xffffffffUL, sp);
}

/* Every boot draws a new key; "no_hash_pointers" prints addresses as they are. */
int no_hash_pointers_enable(char *str)
{
	if (no_hash_pointers)
		return 0;
	no_hash_pointers = true;
	pr_warn("**********************************************************\n");
	pr_warn("**   NOTICE NOTICE NOTICE NOTICE NOTICE NOTICE NOTICE   **\n");
	pr_warn("**                                                      **\n");
	pr_warn("** This system shows unhashed kernel memory addresses   **\n");
	pr_warn("** via the console, logs, and other interfaces. This    **\n");
	pr_warn("** might reduce the security of your system.            **\n");
	pr_warn("**                                                      **\n");
	pr_warn("** If you see this message and you are not debugging    **\n");
	pr_warn("** the kernel, report this immediately to your system   **\n");
	pr_warn("** administrator!                                       **\n");
	pr_warn("**                                                      **\n");
	pr_warn("**   NOTICE NOTICE NOTICE NOTICE NOTICE NOTICE NOTICE   **\n");
	pr_warn("**********************************************************\n");
	return 0;
}

static int set_no_hash_pointers(const char *v)
{
	if (v) {		/* the default, at every boot */
		no_hash_pointers = false;
		pthread_once(&ptr_key_once, fill_ptr_key);
		fill_ptr_key();
		return 0;
	}
	return no_hash_pointers_enable(NULL);
}
UKMEM_SETUP("no_hash_pointers", set_no_hash_pointers, "0");

/* --- %pS %ps %pB: symbols ------------------------------------------------------------- */

/* "name+0xoff/0xsize [object]"; %ps and %pf drop "+0xoff/0xsize"; %pB names a return
 * address by the call before it (the byte before), then adds that byte back. */
static void symbol_string(struct sink *o, const char *fmt, void *p, struct fspec sp)
{
	bool backtrace = fmt[0] == 'B', no_offset = fmt[0] == 's' || fmt[0] == 'f';
	char sym[512], *plus, *slash;

	ukmem_symbolize((char *)p - backtrace, sym, sizeof(sym));
	plus = strchr(sym, '+');
	slash = plus ? strchr(plus, '/') : NULL;
	if (plus && slash && no_offset) {
		char *object = slash + strcspn(slash, " ");	/* " [object]" or "" */

		memmove(plus, object, strlen(object) + 1);
	} else if (plus && slash && backtrace) {
		char rest[256];
		unsigned long off = strtoul(plus + 1, NULL, 16) + 1;

		snprintf(rest, sizeof(rest), "%s", slash);
		snprintf(plus, sizeof(sym) - (size_t)(plus - sym), "+%#lx%s", off, rest);
	}
	emit_string(o, sym, sp);
}

/* --- %pr %pR: struct resource ----------------------------------------------------------- */

static void resource_string(struct sink *o, const char *fmt, const struct resource *res,
			    struct fspec sp)
{
	static const struct fspec io_spec = { .flags = F_SPECIAL | F_SMALL | F_ZEROPAD,
					       .width = 6, .precision = -1, .base = 16 };
	static const struct fspec mem_spec = { .flags = F_SPECIAL | F_SMALL | F_ZEROPAD,
					       .width = 10, .precision = -1, .base = 16 };
	static const struct fspec bus_spec = { .flags = F_SMALL | F_ZEROPAD,
					       .width = 2, .precision = -1, .base = 16 };
	bool decode = fmt[0] == 'R';
	const struct fspec *num_spec = &mem_spec;
	const char *kind = "??? ";
	char text[128];
	struct sink t = { text, sizeof(text) - 1, 0 };

	if (bad_pointer(o, res, sp))
		return;
	if (res->flags & IORESOURCE_IO)
		kind = "io  ", num_spec = &io_spec;
	else if (res->flags & IORESOURCE_MEM)
		kind = "mem ";
	else if (res->flags & IORESOURCE_IRQ)
		kind = "irq ", num_spec = &dec_spec;
	else if (res->flags & IORESOURCE_DMA)
		kind = "dma ", num_spec = &dec_spec;
	else if (res->flags & IORESOURCE_BUS)
		kind = "bus ", num_spec = &bus_spec;
	else
		decode = false;
	put(&t, '[');
	put_str(&t, kind);
	if (decode && (res->flags & IORESOURCE_UNSET)) {
		put_str(&t, "size ");
		number(&t, res->end - res->start + 1, *num_spec);
	} else {
		number(&t, res->start, *num_spec);
		if (res->end != res->start) {
			put(&t, '-');
			number(&t, res->end, *num_spec);
		}
	}
	if (decode) {
		if (res->flags & IORESOURCE_MEM_64)
			put_str(&t, " 64bit");
		if (res->flags & IORESOURCE_PREFETCH)
			put_str(&t, " pref");
		if (res->flags & IORESOURCE_WINDOW)
			put_str(&t, " window");
		if (res->flags & IORESOURCE_DISABLED)
			put_str(&t, " disabled");
	} else {
		put_str(&t, " flags ");
		number(&t, res->flags, flag_spec);
	}
	put(&t, ']');
	text[t.len < sizeof(text) ? t.len : sizeof(text) - 1] = '\0';
	emit_string(o, text, sp);
}

/* --- %ph: bytes in hex; the field width is the length (1 without one, at most 64) ------ */

static void hex_string(struct sink *o, const char *fmt, const u8 *addr, struct fspec sp)
{
	char sep = fmt[1] == 'C' ? ':' : fmt[1] == 'D' ? '-' : fmt[1] == 'N' ? 0 : ' ';
	int len = sp.width < 0 ? 1 : sp.width > 64 ? 64 : sp.width;

	if (sp.width == 0 || bad_pointer(o, addr, sp))
		return;
	for (int i = 0; i < len; i++) {
		put(o, hex_lower[addr[i] >> 4]);
		put(o, hex_lower[addr[i] & 15]);
		if (sep && i != len - 1)
			put(o, sep);
	}
}

/* --- %*pb %*pbl: bitmaps; the field width is the number of bits ------------------------ */

static void bitmap_string(struct sink *o, const unsigned long *bits, struct fspec sp)
{
	int nbits = sp.width > 0 ? sp.width : 0;
	struct fspec chunk = { .flags = F_SMALL | F_ZEROPAD, .precision = -1, .base = 16 };
	int top = nbits % 32 ? nbits % 32 : 32;

	if (bad_pointer(o, bits, sp))
		return;
	/* 32-bit chunks, most significant first, separated by commas. */
	for (int lo = ((nbits + 31) & ~31) - 32, first = 1; lo >= 0; lo -= 32, first = 0) {
		u32 v = (u32)((bits[lo / BITS_PER_LONG] >> (lo % BITS_PER_LONG)) &
			      ((1ULL << top) - 1));

		if (!first)
			put(o, ',');
		chunk.width = (top + 3) / 4;
		number(o, v, chunk);
		top = 32;
	}
}

static void bitmap_list_string(struct sink *o, const unsigned long *bits, struct fspec sp)
{
	unsigned long nbits = sp.width > 0 ? (unsigned long)sp.width : 0, start, end;
	bool first = true;

	if (bad_pointer(o, bits, sp))
		return;
	for (start = find_next_bit(bits, nbits, 0); start < nbits;
	     start = find_next_bit(bits, nbits, end + 1)) {
		end = find_next_zero_bit(bits, nbits, start + 1);
		if (!first)
			put(o, ',');
		first = false;
		number(o, start, dec_spec);
		if (end - 1 > start) {
			put(o, '-');
			number(o, end - 1, dec_spec);
		}
		if (end >= nbits)
			break;
	}
}

/* --- %pM %pm: MAC addresses --------------------------------------------------------- */

static void mac_string(struct sink *o, const char *fmt, const u8 *addr, struct fspec sp)
{
	bool reversed = fmt[1] == 'R';
	char sep = fmt[1] == 'F' ? '-' : ':', text[18], *p = text;

	if (bad_pointer(o, addr, sp))
		return;
	for (int i = 0; i < 6; i++) {
		u8 b = addr[reversed ? 5 - i : i];

		*p++ = hex_lower[b >> 4];
		*p++ = hex_lower[b & 15];
		if (fmt[0] == 'M' && i != 5)
			*p++ = sep;
	}
	*p = '\0';
	emit_string(o, text, sp);
}

/* --- %pI4 %pi4 %pI6 %pi6 %pI6c %pIS: IP addresses ------------------------------------ */

/* Dotted quad at p; 'i' pads each part to three digits; order h/l/n/b. */
static char *ip4_text(char *p, const u8 *addr, char kind, char order)
{
	bool little = order == 'l' || order == 'h';	/* x86 hosts are little-endian */

	for (int i = 0; i < 4; i++) {
		unsigned v = addr[little ? 3 - i : i];

		if (kind == 'i' || v >= 100)
			*p++ = (char)('0' + v / 100);
		if (kind == 'i' || v >= 10)
			*p++ = (char)('0' + v / 10 % 10);
		*p++ = (char)('0' + v % 10);
		if (i < 3)
			*p++ = '.';
	}
	*p = '\0';
	return p;
}

static char *hex16(char *p, unsigned v, bool trim)
{
	for (int shift = 12; shift >= 0; shift -= 4)
		if (!trim || (v >> shift) || !shift)
			*p++ = hex_lower[(v >> shift) & 15];
	return p;
}

/* RFC 5952: the first longest run of two or more zero words becomes "::"; addresses
 * mapping IPv4 (::ffff:a.b.c.d) and ISATAP ones end in a dotted quad. */
static char *ip6_compressed(char *p, const u8 *addr)
{
	bool v4mapped = !memcmp(addr, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12);
	bool isatap = (addr[8] | 0x02) == 0x02 && addr[9] == 0 && addr[10] == 0x5e &&
		      addr[11] == 0xfe;
	int words = v4mapped || isatap ? 6 : 8, run_at = -1, run_len = 1;
	bool colon = false;

	for (int i = 0; i < words; i++) {
		int n = 0;

		while (i + n < words && !addr[2 * (i + n)] && !addr[2 * (i + n) + 1])
			n++;
		if (n > run_len)
			run_at = i, run_len = n;
	}
	for (int i = 0; i < words; i++) {
		if (i == run_at) {
			if (colon || i == 0)
				*p++ = ':';
			*p++ = ':';
			colon = false;
			i += run_len - 1;
			continue;
		}
		if (colon)
			*p++ = ':';
		p = hex16(p, (unsigned)addr[2 * i] << 8 | addr[2 * i + 1], true);
		colon = true;
	}
	if (words == 6) {
		if (colon)
			*p++ = ':';
		p = ip4_text(p, addr + 12, 'I', 0);
	}
	*p = '\0';
	return p;
}

static char *ip6_text(char *p, const u8 *addr, char kind, bool compressed)
{
	if (kind == 'I' && compressed)
		return ip6_compressed(p, addr);
	for (int i = 0; i < 8; i++) {
		p = hex16(p, (unsigned)addr[2 * i] << 8 | addr[2 * i + 1], false);
		if (kind == 'I' && i != 7)
			*p++ = ':';
	}
	*p = '\0';
	return p;
}

/* %pIS[pfsc][hnbl]: a struct sockaddr of either family, with port, flow and scope. */
static void ip_sockaddr(struct sink *o, const char *fmt, const void *ptr, struct fspec sp)
{
	const struct sockaddr *sa = ptr;
	bool port = false, flow = false, scope = false, compressed = false;
	char order = 0, text[96], *p = text;
	struct sink t;

	for (const char *f = fmt + 2; isalpha((unsigned char)*f); f++) {
		switch (*f) {
		case 'p': port = true; break;
		case 'f': flow = true; break;
		case 's': scope = true; break;
		case 'c': compressed = true; break;
		case 'h': case 'l': case 'n': case 'b': order = *f; break;
		}
	}
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = ptr;

		p = ip4_text(p, (const u8 *)&in->sin_addr.s_addr, fmt[0], order);
		t = (struct sink){ p, sizeof(text) - (size_t)(p - text) - 1, 0 };
		if (port) {
			put(&t, ':');
			number(&t, ntohs(in->sin_port), dec_spec);
		}
	} else if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = ptr;
		bool brackets = port || flow || scope;

		if (brackets)
			*p++ = '[';
		p = ip6_text(p, in6->sin6_addr.s6_addr, fmt[0], compressed);
		t = (struct sink){ p, sizeof(text) - (size_t)(p - text) - 1, 0 };
		if (brackets)
			put(&t, ']');
		if (port) {
			put(&t, ':');
			number(&t, ntohs(in6->sin6_port), dec_spec);
		}
		if (flow) {
			put(&t, '/');
			number(&t, ntohl(in6->sin6_flowinfo & htonl(0x0fffffff)), dec_spec);
		}
		if (scope) {
			put(&t, '%');
			number(&t, in6->sin6_scope_id, dec_spec);
		}
	} else {
		error_string(o, "(einval)", sp);
		return;
	}
	p[t.len] = '\0';
	emit_string(o, text, sp);
}

static void ip_string(struct sink *o, const char *fmt, const void *ptr, struct fspec sp)
{
	char text[48];

	if (bad_pointer(o, ptr, sp))
		return;
	switch (fmt[1]) {
	case '4':
		ip4_text(text, ptr, fmt[0], fmt[2]);
		break;
	case '6':
		ip6_text(text, ptr, fmt[0], fmt[2] == 'c');
		break;
	case 'S':
		ip_sockaddr(o, fmt, ptr, sp);
		return;
	default:
		error_string(o, fmt[0] == 'i' ? "(%pi?)" : "(%pI?)", sp);
		return;
	}
	emit_string(o, text, sp);
}

/* --- %pE: a buffer with escapes; the field width is the length ----------------------- */

#define ESC_SPACE	0x01
#define ESC_SPECIAL	0x02
#define ESC_NULL	0x04
#define ESC_OCTAL	0x08
#define ESC_NP		0x10
#define ESC_HEX		0x20

/* The kernel's ctype: Latin-1 letters and signs (0xa0 up) print. */
static bool kernel_isprint(u8 c)
{
	return (c >= 0x20 && c < 0x7f) || c >= 0xa0;
}

static bool escape_one(struct sink *o, u8 c, unsigned flags)
{
	static const char space_from[] = "\n\r\t\v\f", space_to[] = "nrtvf";
	static const char special_from[] = "\\\a\033\"", special_to[] = "\\ae\"";
	const char *at;

	if ((flags & ESC_NP) && kernel_isprint(c))
		return false;
	if ((flags & ESC_SPACE) && c && (at = strchr(space_from, c))) {
		put(o, '\\');
		put(o, space_to[at - space_from]);
	} else if ((flags & ESC_SPECIAL) && c && (at = strchr(special_from, c))) {
		put(o, '\\');
		put(o, special_to[at - special_from]);
	} else if ((flags & ESC_NULL) && !c) {
		put(o, '\\');
		put(o, '0');
	} else if (flags & ESC_OCTAL) {
		put(o, '\\');
		put(o, (char)('0' + (c >> 6)));
		put(o, (char)('0' + ((c >> 3) & 7)));
		put(o, (char)('0' + (c & 7)));
	} else if (flags & ESC_HEX) {
		put(o, '\\');
		put(o, 'x');
		put(o, hex_lower[c >> 4]);
		put(o, hex_lower[c & 15]);
	} else {
		return false;
	}
	return true;
}

static void escaped_string(struct sink *o, const char *fmt, const u8 *addr, struct fspec sp)
{
	unsigned flags = 0;
	int len = sp.width < 0 ? 1 : sp.width;

	if (sp.width == 0 || bad_pointer(o, addr, sp))
		return;
	for (const char *f = fmt + 1; *f; f++) {
		unsigned bit = *f == 'a' ? ESC_SPACE | ESC_SPECIAL | ESC_NULL | ESC_OCTAL :
			       *f == 'c' ? ESC_SPECIAL : *f == 'h' ? ESC_HEX :
			       *f == 'n' ? ESC_NULL : *f == 'o' ? ESC_OCTAL :
			       *f == 'p' ? ESC_NP : *f == 's' ? ESC_SPACE : 0;
		if (!bit)
			break;
		flags |= bit;
	}
	if (!flags)
		flags = ESC_SPACE | ESC_SPECIAL | ESC_NULL | ESC_OCTAL | ESC_NP;
	for (int i = 0; i < len; i++)
		if (!escape_one(o, addr[i], flags))
			put(o, (char)addr[i]);
}

/* --- %pU: UUIDs ------------------------------------------------------------------------ */

static void uuid_string(struct sink *o, const char *fmt, const u8 *addr, struct fspec sp)
{
	static const u8 be_order[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
	static const u8 le_order[16] = { 3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15 };
	const u8 *order = fmt[1] == 'l' || fmt[1] == 'L' ? le_order : be_order;
	const char *digits = fmt[1] == 'L' || fmt[1] == 'B' ? hex_upper : hex_lower;
	char text[37], *p = text;

	if (bad_pointer(o, addr, sp))
		return;
	for (int i = 0; i < 16; i++) {
		*p++ = digits[addr[order[i]] >> 4];
		*p++ = digits[addr[order[i]] & 15];
		if (i == 3 || i == 5 || i == 7 || i == 9)
			*p++ = '-';
	}
	*p = '\0';
	emit_string(o, text, sp);
}

/* --- %pe: error names ------------------------------------------------------------------ */

#define ERRNAME(e) [e] = "-" #e
static const char *const errnames_low[] = {
	ERRNAME(EPERM), ERRNAME(ENOENT), ERRNAME(ESRCH), ERRNAME(EINTR), ERRNAME(EIO),
	ERRNAME(ENXIO), ERRNAME(E2BIG), ERRNAME(ENOEXEC), ERRNAME(EBADF), ERRNAME(ECHILD),
	ERRNAME(EAGAIN), ERRNAME(ENOMEM), ERRNAME(EACCES), ERRNAME(EFAULT), ERRNAME(ENOTBLK),
	ERRNAME(EBUSY), ERRNAME(EEXIST), ERRNAME(EXDEV), ERRNAME(ENODEV), ERRNAME(ENOTDIR),
	ERRNAME(EISDIR), ERRNAME(EINVAL), ERRNAME(ENFILE), ERRNAME(EMFILE), ERRNAME(ENOTTY),
	ERRNAME(ETXTBSY), ERRNAME(EFBIG), ERRNAME(ENOSPC), ERRNAME(ESPIPE), ERRNAME(EROFS),
	ERRNAME(EMLINK), ERRNAME(EPIPE), ERRNAME(EDOM), ERRNAME(ERANGE), ERRNAME(EDEADLK),
	ERRNAME(ENAMETOOLONG), ERRNAME(ENOLCK), ERRNAME(ENOSYS), ERRNAME(ENOTEMPTY),
	ERRNAME(ELOOP), ERRNAME(ENOMSG), ERRNAME(EIDRM), ERRNAME(ECHRNG), ERRNAME(EL2NSYNC),
	ERRNAME(EL3HLT), ERRNAME(EL3RST), ERRNAME(ELNRNG), ERRNAME(EUNATCH), ERRNAME(ENOCSI),
	ERRNAME(EL2HLT), ERRNAME(EBADE), ERRNAME(EBADR), ERRNAME(EXFULL), ERRNAME(ENOANO),
	ERRNAME(EBADRQC), ERRNAME(EBADSLT), ERRNAME(EBFONT), ERRNAME(ENOSTR), ERRNAME(ENODATA),
	ERRNAME(ETIME), ERRNAME(ENOSR), ERRNAME(ENONET), ERRNAME(ENOPKG), ERRNAME(EREMOTE),
	ERRNAME(ENOLINK), ERRNAME(EADV), ERRNAME(ESRMNT), ERRNAME(ECOMM), ERRNAME(EPROTO),
	ERRNAME(EMULTIHOP), ERRNAME(EDOTDOT), ERRNAME(EBADMSG), ERRNAME(EOVERFLOW),
	ERRNAME(ENOTUNIQ), ERRNAME(EBADFD), ERRNAME(EREMCHG), ERRNAME(ELIBACC), ERRNAME(ELIBBAD),
	ERRNAME(ELIBSCN), ERRNAME(ELIBMAX), ERRNAME(ELIBEXEC), ERRNAME(EILSEQ), ERRNAME(ERESTART),
	ERRNAME(ESTRPIPE), ERRNAME(EUSERS), ERRNAME(ENOTSOCK), ERRNAME(EDESTADDRREQ),
	ERRNAME(EMSGSIZE), ERRNAME(EPROTOTYPE), ERRNAME(ENOPROTOOPT), ERRNAME(EPROTONOSUPPORT),
	ERRNAME(ESOCKTNOSUPPORT), ERRNAME(EOPNOTSUPP), ERRNAME(EPFNOSUPPORT),
	ERRNAME(EAFNOSUPPORT), ERRNAME(EADDRINUSE), ERRNAME(EADDRNOTAVAIL), ERRNAME(ENETDOWN),
	ERRNAME(ENETUNREACH), ERRNAME(ENETRESET), ERRNAME(ECONNABORTED), ERRNAME(ECONNRESET),
	ERRNAME(ENOBUFS), ERRNAME(EISCONN), ERRNAME(ENOTCONN), ERRNAME(ESHUTDOWN),
	ERRNAME(ETOOMANYREFS), ERRNAME(ETIMEDOUT), ERRNAME(ECONNREFUSED), ERRNAME(EHOSTDOWN),
	ERRNAME(EHOSTUNREACH), ERRNAME(EALREADY), ERRNAME(EINPROGRESS), ERRNAME(ESTALE),
	ERRNAME(EUCLEAN), ERRNAME(ENOTNAM), ERRNAME(ENAVAIL), ERRNAME(EISNAM), ERRNAME(EREMOTEIO),
	ERRNAME(EDQUOT), ERRNAME(ENOMEDIUM), ERRNAME(EMEDIUMTYPE), ERRNAME(ECANCELED),
	ERRNAME(ENOKEY), ERRNAME(EKEYEXPIRED), ERRNAME(EKEYREVOKED), ERRNAME(EKEYREJECTED),
	ERRNAME(EOWNERDEAD), ERRNAME(ENOTRECOVERABLE), ERRNAME(ERFKILL), ERRNAME(EHWPOISON),
};
#undef ERRNAME
#define ERRNAME(e) [e - 512] = "-" #e
static const char *const errnames_kernel[] = {
	ERRNAME(ERESTARTSYS), ERRNAME(ERESTARTNOINTR), ERRNAME(ERESTARTNOHAND),
	ERRNAME(ENOIOCTLCMD), ERRNAME(ERESTART_RESTARTBLOCK), ERRNAME(EPROBE_DEFER),
	ERRNAME(EOPENSTALE), ERRNAME(ENOPARAM), ERRNAME(EBADHANDLE), ERRNAME(ENOTSYNC),
	ERRNAME(EBADCOOKIE), ERRNAME(ENOTSUPP), ERRNAME(ETOOSMALL), ERRNAME(ESERVERFAULT),
	ERRNAME(EBADTYPE), ERRNAME(EJUKEBOX), ERRNAME(EIOCBQUEUED), ERRNAME(ERECALLCONFLICT),
};
#undef ERRNAME

/* "-ENOMEM" for -12 ("ENOMEM" for 12); NULL for numbers without a name. */
static const char *errname(int err)
{
	unsigned n = err < 0 ? -(unsigned)err : (unsigned)err;
	const char *name = NULL;

	if (n < ARRAY_SIZE(errnames_low))
		name = errnames_low[n];
	else if (n >= 512 && n - 512 < ARRAY_SIZE(errnames_kernel))
		name = errnames_kernel[n - 512];
	return name && err > 0 ? name + 1 : name;
}

static void err_ptr(struct sink *o, const void *p, struct fspec sp)
{
	int err = (int)PTR_ERR(p);
	const char *name = errname(err);

	if (name) {
		emit_string(o, name, sp);
		return;
	}
	sp.flags |= F_SIGN;
	sp.base = 10;
	number(o, (unsigned long long)(long long)err, sp);
}

/* --- %pt: dates ---------------------------------------------------------------------- */

/* Civil date of a day count since 1970-01-01 (proleptic Gregorian). */
static void days_to_date(long long days, struct rtc_time *tm)
{
	long long era, doe, yoe, doy, mp, y;

	days += 719468;
	era = (days >= 0 ? days : days - 146096) / 146097;
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	tm->tm_mday = (int)(doy - (153 * mp + 2) / 5 + 1);
	tm->tm_mon = (int)(mp < 10 ? mp + 2 : mp - 10);
	tm->tm_year = (int)(y + (tm->tm_mon < 2) - 1900);
}

static void two_digits(struct sink *o, int v, int width)
{
	struct fspec sp = { .flags = F_ZEROPAD, .width = width, .precision = -1, .base = 10 };

	number(o, (unsigned long long)(long long)v, sp);
}

/* %pt[RT][d|t][r][s]: YYYY-mm-ddTHH:MM:SS; d date only, t time only, r the raw
 * struct rtc_time numbers, s a space for the 'T'. */
static void time_and_date(struct sink *o, const char *fmt, const void *ptr, struct fspec sp)
{
	bool date = true, time = true, raw = false, iso = true;
	struct rtc_time tm = { 0 };
	const char *f = fmt + 2;

	if (bad_pointer(o, ptr, sp))
		return;
	if (fmt[1] == 'R') {
		tm = *(const struct rtc_time *)ptr;
	} else if (fmt[1] == 'T') {
		long long t = *(const long long *)ptr, days = t / 86400, secs = t % 86400;

		if (secs < 0)
			secs += 86400, days--;
		days_to_date(days, &tm);
		tm.tm_hour = (int)(secs / 3600);
		tm.tm_min = (int)(secs / 60 % 60);
		tm.tm_sec = (int)(secs % 60);
	} else {
		error_string(o, "(%pt?)", sp);
		return;
	}
	if (*f == 'd')
		time = false, f++;
	else if (*f == 't')
		date = false, f++;
	for (; *f == 'r' || *f == 's'; f++)
		if (*f == 'r')
			raw = true;
		else
			iso = false;
	if (date) {
		two_digits(o, tm.tm_year + (raw ? 0 : 1900), 4);
		put(o, '-');
		two_digits(o, tm.tm_mon + (raw ? 0 : 1), 2);
		put(o, '-');
		two_digits(o, tm.tm_mday, 2);
	}
	if (date && time)
		put(o, iso ? 'T' : ' ');
	if (time) {
		two_digits(o, tm.tm_hour, 2);
		put(o, ':');
		two_digits(o, tm.tm_min, 2);
		put(o, ':');
		two_digits(o, tm.tm_sec, 2);
	}
}

/* --- %pG: page, gfp and vma flags (names from mm/debug.c) -------------------------- */

static void flags_string(struct sink *o, const char *fmt, const void *ptr, struct fspec sp)
{
	char text[512];

	if (bad_pointer(o, ptr, sp))
		return;
	switch (fmt[1]) {
	case 'p':
		format_page_flags(*(const unsigned long *)ptr, text, sizeof(text));
		break;
	case 'g':
		if (!*(const gfp_t *)ptr)
			return;
		format_gfp_flags(*(const gfp_t *)ptr, text, sizeof(text));
		break;
	case 'v':
		format_vma_flags(*(const unsigned long *)ptr, text, sizeof(text));
		break;
	default:
		error_string(o, "(%pG?)", sp);
		return;
	}
	put_str(o, text);
}

/* --- %pd %pD: dentry names --------------------------------------------------------- */

/* The last 1..4 components of the path (%pd, %pd2..%pd4), '/'-joined; a walk that
 * reaches the root (its own parent) before the depth is used starts with '/'. */
static void dentry_name(struct sink *o, const char *fmt, const struct dentry *d,
			struct fspec sp)
{
	int depth = fmt[1] >= '2' && fmt[1] <= '4' ? fmt[1] - '0' : 1, n = 0, pad;
	const char *names[4];
	size_t len = 0, max = sp.precision < 0 ? (size_t)-1 : (size_t)sp.precision, out = 0;

	for (; n < depth; n++) {
		const struct dentry *parent;

		if (bad_pointer(o, d, sp))
			return;
		parent = READ_ONCE(d->d_parent);
		names[n] = (const char *)READ_ONCE(d->d_name.name);
		if (parent == d) {
			if (n)
				names[n] = "";
			n++;
			break;
		}
		d = parent;
	}
	for (int i = 0; i < n; i++)
		len += strlen(names[i]) + (i > 0);
	if (len > max)
		len = max;
	pad = sp.width > (int)len ? sp.width - (int)len : 0;
	if (!(sp.flags & F_LEFT))
		for (int i = 0; i < pad; i++)
			put(o, ' ');
	for (int i = n - 1; i >= 0 && out < len; i--) {
		for (const char *c = names[i]; *c && out < len; c++, out++)
			put(o, *c);
		if (i > 0 && out < len) {
			put(o, '/');
			out++;
		}
	}
	if (sp.flags & F_LEFT)
		for (int i = 0; i < pad; i++)
			put(o, ' ');
}

/* --- %p4cc: FourCC codes --------------------------------------------------------------- */

static void fourcc_string(struct sink *o, const char *fmt, const u32 *ptr, struct fspec sp)
{
	char text[40];
	struct sink t = { text, sizeof(text) - 1, 0 };
	u32 code;

	if (fmt[1] != 'c' || fmt[2] != 'c') {
		error_string(o, "(%p4?)", sp);
		return;
	}
	if (bad_pointer(o, ptr, sp))
		return;
	memcpy(&code, ptr, sizeof(code));
	for (int i = 0; i < 4; i++) {
		u8 c = (u8)((code & ~(1U << 31)) >> (8 * i));

		put(&t, c >= 0x20 && c < 0x7f ? (char)c : '.');
	}
	put_str(&t, code & (1U << 31) ? " big-endian (" : " little-endian (");
	special_hex(&t, code, sizeof(u32));
	put(&t, ')');
	text[t.len] = '\0';
	emit_string(o, text, sp);
}

/* --- the %p dispatcher ---------------------------------------------------------------- */

static void format_to(struct sink *o, const char *fmt, va_list ap);

static void va_format(struct sink *o, const struct va_format *vf, struct fspec sp)
{
	va_list ap;

	if (bad_pointer(o, vf, sp))
		return;
	va_copy(ap, *vf->va);
	format_to(o, vf->fmt, ap);
	va_end(ap);
}

/* fmt points after the 'p'; the caller skips the alphanumerics that follow. */
static void pointer(struct sink *o, const char *fmt, void *p, struct fspec sp)
{
	switch (*fmt) {
	case 'F':
	case 'f':
		if (fmt[1] == 'w') {
			error_string(o, "(%pfw?)", sp);
			return;
		}
		fallthrough;
	case 'S':
	case 's':
	case 'B':
		symbol_string(o, fmt, p, sp);
		return;
	case 'R':
	case 'r':
		resource_string(o, fmt, p, sp);
		return;
	case 'h':
		hex_string(o, fmt, p, sp);
		return;
	case 'b':
		if (fmt[1] == 'l')
			bitmap_list_string(o, p, sp);
		else
			bitmap_string(o, p, sp);
		return;
	case 'M':
	case 'm':
		mac_string(o, fmt, p, sp);
		return;
	case 'I':
	case 'i':
		ip_string(o, fmt, p, sp);
		return;
	case 'E':
		escaped_string(o, fmt, p, sp);
		return;
	case 'U':
		uuid_string(o, fmt, p, sp);
		return;
	case 'V':
		va_format(o, p, sp);
		return;
	case 'K':	/* kptr_restrict is 0 in ukmem: hashed like %p */
		break;
	case 'N':
		if (bad_pointer(o, p, sp))
			return;
		if (fmt[1] == 'F')
			special_hex(o, *(const u64 *)p, sizeof(u64));
		else
			error_string(o, "(%pN?)", sp);
		return;
	case 'a':
		if (bad_pointer(o, p, sp))
			return;
		special_hex(o, fmt[1] == 'd' ? *(const dma_addr_t *)p : *(const phys_addr_t *)p,
			    fmt[1] == 'd' ? sizeof(dma_addr_t) : sizeof(phys_addr_t));
		return;
	case 't':
		time_and_date(o, fmt, p, sp);
		return;
	case 'C':
		error_string(o, "(%pC?)", sp);
		return;
	case 'G':
		flags_string(o, fmt, p, sp);
		return;
	case 'O':
		error_string(o, "(%pOF?)", sp);
		return;
	case 'd':
		dentry_name(o, fmt, p, sp);
		return;
	case 'D':
		if (!bad_pointer(o, p, sp))
			dentry_name(o, fmt, file_dentry(p), sp);
		return;
	case '4':
		fourcc_string(o, fmt, p, sp);
		return;
	case 'x':
		pointer_string(o, (unsigned long)p, sp);
		return;
	case 'e':
		if (IS_ERR(p)) {
			err_ptr(o, p, sp);
			return;
		}
		break;
	case 'u':
	case 'k':
		if (fmt[1] == 's') {
			emit_checked_string(o, p, sp);
			return;
		}
		break;
	}
	hashed_pointer(o, p, sp);
}

/* --- the format loop ------------------------------------------------------------------- */

static int read_decimal(const char **s)
{
	int v = 0;

	while (isdigit((unsigned char)**s)) {
		if (v < WIDTH_MAX)
			v = v * 10 + (*(*s)++ - '0');
		else
			(*s)++;
	}
	return v;
}

static int clamp_int(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static unsigned long long fetch_integer(char qual, bool sign, va_list *ap)
{
	switch (qual) {
	case 'H':
		return sign ? (unsigned long long)(signed char)va_arg(*ap, int)
			    : (unsigned char)va_arg(*ap, int);
	case 'h':
		return sign ? (unsigned long long)(short)va_arg(*ap, int)
			    : (unsigned short)va_arg(*ap, int);
	case 'l':
		return sign ? (unsigned long long)va_arg(*ap, long) : va_arg(*ap, unsigned long);
	case 'L':
	case 'j':
		return va_arg(*ap, unsigned long long);
	case 'z':
		return sign ? (unsigned long long)va_arg(*ap, ssize_t) : va_arg(*ap, size_t);
	case 't':
		return (unsigned long long)va_arg(*ap, ptrdiff_t);
	default:
		return sign ? (unsigned long long)va_arg(*ap, int) : va_arg(*ap, unsigned int);
	}
}

static void format_to(struct sink *o, const char *fmt, va_list args)
{
	va_list ap;

	va_copy(ap, args);
	while (*fmt) {
		struct fspec sp = { .width = -1, .precision = -1, .base = 10 };
		char qual = 0, conv;

		if (*fmt != '%') {
			put(o, *fmt++);
			continue;
		}
		for (fmt++;; fmt++) {
			int f = *fmt == '-' ? F_LEFT : *fmt == '+' ? F_PLUS : *fmt == ' ' ? F_SPACE :
				*fmt == '#' ? F_SPECIAL : *fmt == '0' ? F_ZEROPAD : 0;
			if (!f)
				break;
			sp.flags |= f;
		}
		if (isdigit((unsigned char)*fmt)) {
			sp.width = read_decimal(&fmt);
		} else if (*fmt == '*') {
			int w = va_arg(ap, int);

			fmt++;
			if (w < 0) {
				sp.flags |= F_LEFT;
				w = w == INT_MIN ? INT_MAX : -w;
			}
			sp.width = clamp_int(w, 0, WIDTH_MAX);
		}
		if (*fmt == '.') {
			fmt++;
			if (isdigit((unsigned char)*fmt)) {
				sp.precision = clamp_int(read_decimal(&fmt), 0, PRECISION_MAX);
			} else if (*fmt == '*') {
				sp.precision = clamp_int(va_arg(ap, int), 0, PRECISION_MAX);
				fmt++;
			}
		}
		if (*fmt == 'h' || *fmt == 'l' || *fmt == 'L' || *fmt == 'z' || *fmt == 'Z' ||
		    *fmt == 't' || *fmt == 'j') {
			qual = *fmt++;
			if (qual == 'Z')
				qual = 'z';
			else if ((qual == 'h' || qual == 'l') && *fmt == qual) {
				qual = qual == 'h' ? 'H' : 'L';
				fmt++;
			}
		}
		conv = *fmt;
		if (conv)
			fmt++;
		switch (conv) {
		case 'c': {
			char c = (char)va_arg(ap, int);

			if (!(sp.flags & F_LEFT))
				for (int i = 1; i < sp.width; i++)
					put(o, ' ');
			put(o, c);
			if (sp.flags & F_LEFT)
				for (int i = 1; i < sp.width; i++)
					put(o, ' ');
			continue;
		}
		case 's':
			emit_checked_string(o, va_arg(ap, const char *), sp);
			continue;
		case 'p':
			pointer(o, fmt, va_arg(ap, void *), sp);
			while (isalnum((unsigned char)*fmt))
				fmt++;
			continue;
		case '%':
			put(o, '%');
			continue;
		case 'o':
			sp.base = 8;
			break;
		case 'x':
			sp.flags |= F_SMALL;
			fallthrough;
		case 'X':
			sp.base = 16;
			break;
		case 'd':
		case 'i':
			sp.flags |= F_SIGN;
			break;
		case 'u':
			break;
		default:
			/* %n, floating point, or junk: the arguments can no longer be followed. */
			WARN_ONCE(1, "Please remove unsupported %%%c in format string\n", conv);
			goto out;
		}
		number(o, fetch_integer(qual, sp.flags & F_SIGN, &ap), sp);
	}
out:
	va_end(ap);
}

/* --- the entry points ------------------------------------------------------------------ */

/**
 * vsnprintf - format a string into a buffer, the kernel's way
 * @buf: the buffer; may be NULL when @size is 0
 * @size: its size, the terminating NUL included
 * @fmt: the format (see docs/printk.md for the conversions)
 * @args: its arguments
 *
 * Context: any; does not sleep and takes no lock (%pS reads the dynamic symbol tables).
 * Return: the length the whole output needs, not counting the NUL -- may be >= @size,
 * in which case the output was cut. A @size above INT_MAX WARNs and formats nothing.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct sink o = { buf, size, 0 };

	if (WARN_ON_ONCE(size > INT_MAX))
		return 0;
	format_to(&o, fmt, args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

/**
 * vscnprintf - vsnprintf() returning what was written
 * @buf: the buffer
 * @size: its size
 * @fmt: the kernel's printf format
 * @args: its arguments
 *
 * Context: any context.
 * Return: the number of characters stored in @buf, the NUL not counted (0 for size 0).
 */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int n = vsnprintf(buf, size, fmt, args);

	if ((size_t)n < size)
		return n;
	return size ? (int)size - 1 : 0;
}
EXPORT_SYMBOL(vscnprintf);

/**
 * snprintf - format into a buffer of a given size
 * @buf: the buffer
 * @size: its size; the output is cut to fit, always NUL-terminated when @size > 0
 * @fmt: the kernel's printf format, and its arguments
 *
 * Exported as ukmem_snprintf (see vsprintf()).
 *
 * Context: any context.
 * Return: the length the whole output would have, the NUL not counted.
 */
int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/**
 * scnprintf - format into a buffer, returning what was written
 * @buf: the buffer
 * @size: its size
 * @fmt: the kernel's printf format, and its arguments
 *
 * Context: any context.
 * Return: the characters stored, the NUL not counted (0 for @size 0).
 */
int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
EXPORT_SYMBOL(scnprintf);

/**
 * vsprintf - format into a buffer with no size limit
 * @buf: the buffer; the caller promises it is large enough
 * @fmt: the kernel's printf format (%pS, %pa, %pe, ...)
 * @args: its arguments
 *
 * Exported as ukmem_vsprintf: kernel code calling vsprintf() gets this one, the rest of
 * the process keeps libc's.
 *
 * Context: any context.
 * Return: the characters written, the NUL not counted.
 */
int vsprintf(char *buf, const char *fmt, va_list args)
{
	return vsnprintf(buf, INT_MAX, fmt, args);
}

/**
 * sprintf - format into a buffer with no size limit
 * @buf: the buffer; the caller promises it is large enough
 * @fmt: the kernel's printf format, and its arguments
 *
 * Exported as ukmem_sprintf (see vsprintf()).
 *
 * Context: any context.
 * Return: the characters written, the NUL not counted.
 */
int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, INT_MAX, fmt, ap);
	va_end(ap);
	return n;
}

/**
 * kvasprintf - format into a new kmalloc'ed string
 * @gfp: how to allocate (may it sleep? as for kmalloc)
 * @fmt: the kernel's printf format
 * @args: its arguments
 *
 * Context: may sleep if @gfp allows.
 * Return: the string (kfree it), or NULL when the allocation fails.
 */
char *kvasprintf(gfp_t gfp, const char *fmt, va_list args)
{
	va_list again;
	int len;
	char *p;

	va_copy(again, args);
	len = vsnprintf(NULL, 0, fmt, again);
	va_end(again);
	p = kmalloc((size_t)len + 1, gfp);
	if (p)
		vsnprintf(p, (size_t)len + 1, fmt, args);
	return p;
}
EXPORT_SYMBOL(kvasprintf);

/**
 * kvasprintf_const - kvasprintf(), or kstrdup_const() when there is nothing to format
 * @gfp: allocation flags
 * @fmt: the format: without a '%', or "%s", the string itself is duplicated
 * @args: its arguments
 *
 * Context: may sleep if @gfp allows.
 * Return: the string (free it with kfree_const()), or NULL.
 */
const char *kvasprintf_const(gfp_t gfp, const char *fmt, va_list args)
{
	if (!strchr(fmt, '%'))
		return kstrdup_const(fmt, gfp);
	if (!strcmp(fmt, "%s"))
		return kstrdup_const(va_arg(args, const char *), gfp);
	return kvasprintf(gfp, fmt, args);
}
EXPORT_SYMBOL(kvasprintf_const);

/**
 * kasprintf - format into a new kmalloc() string
 * @gfp: allocation flags
 * @fmt: the format, and its arguments
 *
 * Context: may sleep if @gfp allows.
 * Return: the string (kfree() it), or NULL.
 */
char *kasprintf(gfp_t gfp, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = kvasprintf(gfp, fmt, ap);
	va_end(ap);
	return p;
}
EXPORT_SYMBOL(kasprintf);

/* num_to_str - @num in decimal, right-aligned with zeros to @width; 0 if it won't fit. */
int num_to_str(char *buf, int size, unsigned long long num, unsigned int width)
{
	char tmp[24];
	int n = 0, len;

	do {
		tmp[n++] = (char)('0' + num % 10);
		num /= 10;
	} while (num);
	len = (int)width > n ? (int)width : n;
	if (len > size)
		return 0;
	for (int i = 0; i < len - n; i++)
		buf[i] = '0';
	for (int i = 0; i < n; i++)
		buf[len - 1 - i] = tmp[i];
	return len;
}

/* --- simple_strto*: the old unchecked conversions --------------------------------------- */

/* Base detection as the kernel does it: 0 picks 16 for "0x" + hex digit, 8 for a
 * leading 0, else 10; a "0x" prefix is skipped for base 16. */
static const char *fixup_radix(const char *s, unsigned int *base)
{
	if (*base == 0) {
		if (s[0] == '0') {
			if ((s[1] | 0x20) == 'x' && isxdigit((unsigned char)s[2]))
				*base = 16;
			else
				*base = 8;
		} else {
			*base = 10;
		}
	}
	if (*base == 16 && s[0] == '0' && (s[1] | 0x20) == 'x')
		s += 2;
	return s;
}

static int digit_value(char c)
{
	unsigned lc = (unsigned char)c | 0x20;

	if (c >= '0' && c <= '9')
		return c - '0';
	if (lc >= 'a' && lc <= 'f')
		return (int)(lc - 'a') + 10;
	return 99;
}

/* At most max characters (prefix included); overflow wraps, unchecked. */
static unsigned long long strntoull(const char *start, size_t max, char **endp,
				    unsigned int base)
{
	const char *s = fixup_radix(start, &base);
	unsigned long long v = 0;

	if ((size_t)(s - start) >= max) {
		s = start + max;
	} else {
		max -= (size_t)(s - start);
		for (; max && digit_value(*s) < (int)base; max--, s++)
			v = v * base + (unsigned)digit_value(*s);
	}
	if (endp)
		*endp = (char *)s;
	return v;
}

static long long strntoll(const char *s, size_t max, char **endp, unsigned int base)
{
	if (*s == '-' && max > 0)
		/* Negated as unsigned: "-9223372036854775808" is LLONG_MIN, not an overflow. */
		return (long long)(0ULL - strntoull(s + 1, max - 1, endp, base));
	return (long long)strntoull(s, max, endp, base);
}

/**
 * simple_strtoull - read an unsigned number at the start of a string (obsolete)
 * @cp: the string
 * @endp: if not NULL, set past the digits read
 * @base: 0 (the C prefixes pick it), or 2 to 16
 *
 * Overflow is not detected; use kstrtoull() for new code.
 *
 * Context: any context.
 * Return: the number (0 if there are no digits).
 */
unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base)
{
	return strntoull(cp, INT_MAX, endp, base);
}
EXPORT_SYMBOL(simple_strtoull);

/**
 * simple_strtoul - read an unsigned long at the start of a string (obsolete)
 * @cp: the string
 * @endp: if not NULL, set past the digits read
 * @base: 0, or 2 to 16
 *
 * Context: any context.
 * Return: the number.
 */
unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base)
{
	return (unsigned long)simple_strtoull(cp, endp, base);
}
EXPORT_SYMBOL(simple_strtoul);

/**
 * simple_strtol - read a long, with an optional '-', at the start of a string (obsolete)
 * @cp: the string
 * @endp: if not NULL, set past the digits read
 * @base: 0, or 2 to 16
 *
 * Context: any context.
 * Return: the number.
 */
long simple_strtol(const char *cp, char **endp, unsigned int base)
{
	if (*cp == '-')
		return (long)(0UL - simple_strtoul(cp + 1, endp, base));
	return (long)simple_strtoul(cp, endp, base);
}
EXPORT_SYMBOL(simple_strtol);

/**
 * simple_strtoll - read a long long, with an optional '-', at the start of a string (obsolete)
 * @cp: the string
 * @endp: if not NULL, set past the digits read
 * @base: 0, or 2 to 16
 *
 * Context: any context.
 * Return: the number.
 */
long long simple_strtoll(const char *cp, char **endp, unsigned int base)
{
	return strntoll(cp, INT_MAX, endp, base);
}
EXPORT_SYMBOL(simple_strtoll);

/* --- sscanf ------------------------------------------------------------------------------ */

static const char *skip_space(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return s;
}

static bool starts_number(char c, unsigned int base)
{
	if (base == 16)
		return isxdigit((unsigned char)c);
	if (base == 8)
		return c >= '0' && c <= '7';
	return isdigit((unsigned char)c);
}

static void store_integer(va_list *ap, char qual, bool sign, unsigned long long v)
{
	switch (qual) {
	case 'H':
		if (sign)
			*va_arg(*ap, signed char *) = (signed char)v;
		else
			*va_arg(*ap, unsigned char *) = (unsigned char)v;
		break;
	case 'h':
		if (sign)
			*va_arg(*ap, short *) = (short)v;
		else
			*va_arg(*ap, unsigned short *) = (unsigned short)v;
		break;
	case 'l':
		*va_arg(*ap, unsigned long *) = (unsigned long)v;
		break;
	case 'L':
	case 'j':
		*va_arg(*ap, unsigned long long *) = v;
		break;
	case 'z':
		*va_arg(*ap, size_t *) = (size_t)v;
		break;
	default:
		*va_arg(*ap, unsigned int *) = (unsigned int)v;
		break;
	}
}

/**
 * vsscanf - read values from a string by a format, the kernel's way
 * @buf: the input
 * @fmt: %d %i %u %x %X %o %s %c %n %% and %[set] (a width is required for %[, ranges
 *	are not special, ']' cannot be in the set), with field widths, the h hh l ll L z j
 *	modifiers and '*' to skip a word; white space matches any run of white space
 * @args: pointers to store to
 *
 * Context: any. Return: how many conversions were stored (%n not counted); reading
 * stops at the first mismatch.
 */
int vsscanf(const char *buf, const char *fmt, va_list args)
{
	const char *str = buf;
	va_list ap;
	int num = 0;

	va_copy(ap, args);
	while (*fmt) {
		int width = -1;
		unsigned int base = 10;
		bool sign = false;
		char qual = 0, *next;
		unsigned long long v;

		if (isspace((unsigned char)*fmt)) {
			fmt = skip_space(fmt);
			str = skip_space(str);
		}
		if (*fmt != '%' && *fmt) {
			if (*fmt++ != *str++)
				break;
			continue;
		}
		if (!*fmt)
			break;
		fmt++;
		if (*fmt == '*') {		/* skip a word of input */
			if (!*str)
				break;
			for (; *fmt && *fmt != '%' && !isspace((unsigned char)*fmt); fmt++)
				if (*fmt == '[')
					goto out;
			while (*str && !isspace((unsigned char)*str))
				str++;
			continue;
		}
		if (isdigit((unsigned char)*fmt)) {
			width = read_decimal(&fmt);
			if (width <= 0 || width > SHRT_MAX)
				break;
		}
		if (*fmt == 'h' || *fmt == 'l' || *fmt == 'L' || *fmt == 'z' || *fmt == 'j') {
			qual = *fmt++;
			if ((qual == 'h' || qual == 'l') && *fmt == qual) {
				qual = qual == 'h' ? 'H' : 'L';
				fmt++;
			}
		}
		if (!*fmt)
			break;
		if (*fmt == 'n') {
			*va_arg(ap, int *) = (int)(str - buf);
			fmt++;
			continue;
		}
		if (!*str)
			break;
		switch (*fmt++) {
		case 'c': {
			char *s = va_arg(ap, char *);
			int n = width == -1 ? 1 : width;

			do
				*s++ = *str++;
			while (--n > 0 && *str);
			num++;
			continue;
		}
		case 's': {
			char *s = va_arg(ap, char *);
			int n = width == -1 ? SHRT_MAX : width;

			str = skip_space(str);
			while (*str && !isspace((unsigned char)*str) && n-- > 0)
				*s++ = *str++;
			*s = '\0';
			num++;
			continue;
		}
		case '[': {
			char *s = va_arg(ap, char *);
			bool set[256] = { false }, negate = *fmt == '^';
			int len = 0;

			if (width == -1)
				goto out;
			if (negate)
				fmt++;
			for (; *fmt && *fmt != ']'; fmt++, len++)
				set[(u8)*fmt] = true;
			if (!*fmt || !len)
				goto out;
			fmt++;
			if (negate) {
				for (int i = 0; i < 256; i++)
					set[i] = !set[i];
				set[0] = false;
			}
			if (!set[(u8)*str])
				goto out;
			while (set[(u8)*str] && width-- > 0)
				*s++ = *str++;
			*s = '\0';
			num++;
			continue;
		}
		case 'o':
			base = 8;
			break;
		case 'x':
		case 'X':
			base = 16;
			break;
		case 'i':
			base = 0;
			fallthrough;
		case 'd':
			sign = true;
			break;
		case 'u':
			break;
		case '%':
			if (*str++ != '%')
				goto out;
			continue;
		default:
			goto out;
		}
		str = skip_space(str);
		{
			char first = *str;

			if (sign && first == '-') {
				if (width == 1)
					break;
				first = str[1];
			}
			if (!first || !starts_number(first, base ? base : 10))
				break;
		}
		if (sign)
			v = (unsigned long long)strntoll(str, width >= 0 ? (size_t)width : INT_MAX,
							 &next, base);
		else
			v = strntoull(str, width >= 0 ? (size_t)width : INT_MAX, &next, base);
		store_integer(&ap, qual, sign, v);
		num++;
		str = next;
	}
out:
	va_end(ap);
	return num;
}

/**
 * sscanf - read values from a string, the kernel's way
 * @buf: the string
 * @fmt: the format (the kernel's subset of scanf's), and pointers for the values
 *
 * Exported as ukmem_sscanf (see vsprintf()).
 *
 * Context: any context.
 * Return: the number of values assigned.
 */
int sscanf(const char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsscanf(buf, fmt, ap);
	va_end(ap);
	return n;
}
EXPORT_SYMBOL(ukmem_snprintf);
EXPORT_SYMBOL(ukmem_sprintf);
EXPORT_SYMBOL(ukmem_sscanf);
EXPORT_SYMBOL(ukmem_vsnprintf);
EXPORT_SYMBOL(ukmem_vsprintf);
EXPORT_SYMBOL(ukmem_vsscanf);
