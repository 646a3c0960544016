/* The examples in examples/io, run as their init and exit functions would be by a module
 * loader, checked by what they print and by the state they leave behind. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ukmem.h>
#include "kmsg.h"

#include "../../examples/io/uart_loopback.c"
#include "../../examples/io/rtc_date.c"
#include "../../examples/io/insb_reader.c"

static const char default_ioports[] =
	"0040-0043 : timer0\n0070-0077 : rtc0\n02f8-02ff : serial\n"
	"0378-037a : parport0\n03f8-03ff : serial\n";

static void assert_ioports_default(void)
{
	char *text = proc_text("/proc/ioports");

	cr_assert_str_eq(text, default_ioports);
	free(text);
}

Test(examples, uart_loopback)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert_eq(uart_loopback_init(), 0);
	cr_assert(kmsg_contains("uart_loopback: 115200 8N1, sent and received "
				"\"ukmem says hello\""));
	uart_loopback_exit();
	cr_assert(kmsg_contains("uart_loopback: unloaded"));
	assert_ioports_default();
	cr_assert_eq(inb(0x3f8 + 4), 0x00, "loopback switched off again");
	ukmem_shutdown();
}

Test(examples, uart_loopback_finds_the_port_taken)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	cr_assert(request_region(0x3f8, 8, "ttyS0"));
	cr_assert_eq(uart_loopback_init(), -EBUSY);
	release_region(0x3f8, 8);
	ukmem_shutdown();
}

Test(examples, rtc_date_prints_the_host_date)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	char before[32], after[32];
	time_t t = time(NULL);
	strftime(before, sizeof(before), "rtc_date: %Y-%m-%d %H:%M", gmtime(&t));
	cr_assert_eq(rtc_date_init(), 0);
	t = time(NULL);
	strftime(after, sizeof(after), "rtc_date: %Y-%m-%d %H:%M", gmtime(&t));
	cr_assert(kmsg_contains(before) || kmsg_contains(after));
	cr_assert(kmsg_contains(" UTC"));
	rtc_date_exit();
	assert_ioports_default();
	ukmem_shutdown();
}

Test(examples, rtc_date_in_binary_12_hour_mode)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	outb(0x0b, 0x70);
	outb(0x80 | 0x04, 0x71);		/* SET, binary, 12-hour */
	const unsigned char set[][2] = { { 0x00, 7 }, { 0x02, 5 }, { 0x04, 0x80 | 3 },
					 { 0x07, 9 }, { 0x08, 10 }, { 0x09, 31 } };
	for (unsigned i = 0; i < sizeof(set) / sizeof(set[0]); i++) {
		outb(set[i][0], 0x70);
		outb(set[i][1], 0x71);
	}
	cr_assert_eq(rtc_date_init(), 0);	/* SET held: the time stands still */
	cr_assert(kmsg_contains("rtc_date: 2031-10-09 15:05:07 UTC"));
	ukmem_shutdown();
}

Test(examples, insb_reader)
{
	cr_assert_eq(ukmem_boot(NULL), 0);
	unsigned char rom[64] = "UKROM" "\x01" "block of data read with insb";
	unsigned int sum = 0;
	for (int i = 0; i < 64; i++)
		sum += rom[i];
	char expected[128];
	snprintf(expected, sizeof(expected), "insb_reader: read 64 bytes, version 1, "
		 "\"block of data read with insb\", checksum 0x%04x", sum);
	cr_assert_eq(insb_reader_init(), 0);
	cr_assert(kmsg_contains(expected), "%s", expected);
	insb_reader_exit();
	assert_ioports_default();
	cr_assert_eq(inb(0x2e0), 0xff, "the card is gone");
	ukmem_shutdown();
}
